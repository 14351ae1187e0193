/**
 * What the preview keeps between runs: the workbook (EmulatedSpreadsheet.toJSON), the property
 * stores (settings live in the document properties), the installed triggers (the edit trigger
 * must survive a restart, or edits would stop refreshing the watch list) and whether the user
 * pinned the emulated clock to a date. A saved file is checked against a schema when it is read:
 * a broken one is named, with what is wrong, and never written over.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import { createEmulator, type Emulator } from '../emulator';
import { EmulatedSpreadsheet, type SpreadsheetJSON } from '../emulator/spreadsheet';
import type { TriggerRecord } from '../emulator/triggers';
import { langFromLocale, type Lang } from '../src/shared/contract';
import { t } from './messages';

export const STATE_FORMAT = 'fiche-client-preview/1';

export interface PreviewState {
  format: typeof STATE_FORMAT;
  lang: Lang;
  spreadsheet: SpreadsheetJSON;
  properties: {
    script: Record<string, string>;
    document: Record<string, string>;
    users: Record<string, Record<string, string>>;
  };
  triggers: TriggerRecord[];
  /** The emulated now (ms) when the user set the clock to a date; null = follow the real clock. */
  pinnedClock: number | null;
  /** In a backup kept before an import: the sheet imported into, and when (ISO). */
  importedSheet?: string;
  savedAt?: string;
}

export function snapshot(emu: Emulator, pinnedClock: number | null): PreviewState {
  return {
    format: STATE_FORMAT,
    lang: langFromLocale(emu.locale),
    spreadsheet: emu.spreadsheet.toJSON(),
    properties: {
      script: emu.properties.script.toJSON(),
      document: emu.properties.document.toJSON(),
      users: Object.fromEntries([...emu.properties.users].map(([u, s]) => [u, s.toJSON()])),
    },
    triggers: structuredClone(emu.triggers.triggers),
    pinnedClock,
  };
}

/** Real trigger ids are long decimal strings; the store numbers them 4e12 + k × 7919 (triggers.ts). */
const UID_BASE = 4_000_000_000_000;
const UID_STEP = 7919;

/** A new emulator (bundle loaded) holding a saved state. */
export function restore(state: PreviewState, distDir?: string): Emulator {
  const spreadsheet = EmulatedSpreadsheet.fromJSON(state.spreadsheet);
  const emu = createEmulator({
    locale: spreadsheet.locale,
    timeZone: spreadsheet.timeZone,
    now: new Date(state.pinnedClock ?? Date.now()),
    spreadsheet,
    ...(distDir ? { distDir } : {}),
  });
  const fill = (store: { data: Map<string, string> }, data: Record<string, string>): void => {
    for (const [k, v] of Object.entries(data)) store.data.set(k, v);
  };
  fill(emu.properties.script, state.properties.script);
  fill(emu.properties.document, state.properties.document);
  for (const [user, data] of Object.entries(state.properties.users))
    fill(emu.properties.user(user), data);
  for (const t of state.triggers) emu.triggers.triggers.push(structuredClone(t));
  // TriggerStore has no restore method: move its private counter past the restored ids so a
  // trigger created later does not reuse one (the integrator may add TriggerStore.fromJSON).
  const highest = Math.max(0, ...state.triggers.map((t) => (Number(t.uid) - UID_BASE) / UID_STEP));
  (emu.triggers as unknown as { nextUid: number }).nextUid = Math.floor(highest) + 1;
  emu.loadBundle();
  return emu;
}

/**
 * Whether `file` may be written as the preview workbook: it does not exist yet, or it is one
 * (a JSON object with the preview's format mark). --fresh never overwrites anything else.
 */
export function isPreviewFileOrFree(file: string): boolean {
  if (!existsSync(file)) return true;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PreviewState> | null;
    return parsed !== null && typeof parsed === 'object' && parsed.format === STATE_FORMAT;
  } catch {
    return false;
  }
}

/**
 * A saved workbook that cannot be used: `file` and what is wrong, in the language the caller
 * asks for (the file's own language is not known when it cannot be read).
 */
export class StateError extends Error {
  constructor(
    readonly file: string,
    readonly problem: (lang: Lang) => string,
    readonly notPreview = false,
  ) {
    super(`${file}: ${problem('en')}`);
  }

  say(lang: Lang): string {
    return this.notPreview
      ? t('cliNotPreview', lang, { file: this.file })
      : t('cliUnreadable', lang, { file: this.file, problem: this.problem(lang) });
  }
}

// ---------------------------------------------------------------- the file's schema

const int = z.int();
const count = z.int().check(z.gte(0));
const positive = z.int().check(z.gte(1));
const gridRef = z.looseObject({
  sheetId: int,
  row: positive,
  col: positive,
  numRows: count,
  numCols: count,
});
/**
 * Cells are checked by hand (cellProblem): a workbook has tens of thousands, and zod (jitless,
 * as src/shared/schemas.ts configures it) takes a second on them where a loop takes milliseconds.
 */
const CELL_KEY = /^[1-9]\d*,[1-9]\d*$/;
const AUTO_FORMATS: ReadonlySet<unknown> = new Set([
  'date',
  'datetime',
  'time',
  'percent',
  'currency',
]);
const isScalar = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where the first malformed cell of a sheet is ('' when they are all well formed). */
function cellProblem(cells: Record<string, unknown>): string {
  for (const [key, c] of Object.entries(cells)) {
    if (!CELL_KEY.test(key)) return key;
    if (!isObject(c)) return key;
    if (c.v !== undefined && !isScalar(c.v)) return `${key}.v`;
    for (const text of ['f', 'nf', 'note'] as const)
      if (c[text] !== undefined && typeof c[text] !== 'string') return `${key}.${text}`;
    if (c.auto !== undefined && !AUTO_FORMATS.has(c.auto)) return `${key}.auto`;
    if (
      c.dv !== undefined &&
      !(isObject(c.dv) && typeof c.dv.criteria === 'string' && Array.isArray(c.dv.args))
    )
      return `${key}.dv`;
    if (c.style !== undefined && !isObject(c.style)) return `${key}.style`;
  }
  return '';
}
const sheet = z.looseObject({
  id: int,
  name: z.string().check(z.minLength(1)),
  maxRows: positive,
  maxCols: positive,
  frozenRows: count,
  frozenCols: count,
  hidden: z.boolean(),
  tabColor: z.nullable(z.string()),
  columnWidths: z.record(z.string(), z.number()),
  hiddenColumns: z.array(positive),
  hiddenRows: z.optional(z.array(positive)),
  cells: z.custom<Record<string, unknown>>(isObject),
  conditionalRules: z.array(
    z.looseObject({ ranges: z.array(gridRef), criteria: z.string(), args: z.array(z.unknown()) }),
  ),
  protections: z.array(z.looseObject({ id: int, type: z.enum(['RANGE', 'SHEET']) })),
});
const stringMap = z.record(z.string(), z.string());
const stateSchema = z.looseObject({
  format: z.literal(STATE_FORMAT),
  lang: z.enum(['fr', 'en']),
  spreadsheet: z.looseObject({
    format: z.literal('fiche-client-emulated-spreadsheet/1'),
    id: z.string(),
    name: z.string(),
    locale: z.string().check(z.minLength(2)),
    timeZone: z.string().check(z.refine(isTimeZone, { params: { msg: 'stateZone' } })),
    activeSheetId: int,
    activeRange: z.nullable(gridRef),
    nextSheetId: int,
    nextProtectionId: int,
    sheets: z.array(sheet).check(z.minLength(1)),
  }),
  properties: z.looseObject({
    script: stringMap,
    document: stringMap,
    users: z.record(z.string(), stringMap),
  }),
  triggers: z.array(
    z.looseObject({
      uid: z.string(),
      handler: z.string(),
      eventType: z.string(),
      source: z.string(),
      sourceId: z.nullable(z.string()),
      owner: z.string(),
      timeZone: z.string(),
      nextRun: z.nullable(z.number()),
    }),
  ),
  pinnedClock: z.nullable(z.number()),
  importedSheet: z.optional(z.string()),
  savedAt: z.optional(z.string()),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Where an issue is, as a path a person can find in the file: spreadsheet.sheets[2].name. */
function where(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function issueText(issue: z.core.$ZodIssue, lang: Lang): string {
  const at = where(issue.path) || t('stateRoot', lang);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? t('stateMissing', lang, { at })
        : t('stateType', lang, { at, expected: typeName(issue.expected, lang) });
    case 'too_small':
      return issue.origin === 'array'
        ? t('stateTooFew', lang, { at, n: Number(issue.minimum) })
        : t('stateInvalid', lang, { at });
    case 'invalid_value':
      return t('stateValue', lang, {
        at,
        expected: issue.values.map((v) => JSON.stringify(v)).join(', '),
      });
    case 'custom':
      return issue.params?.msg === 'stateZone'
        ? t('stateZone', lang, { at })
        : t('stateInvalid', lang, { at });
    default:
      return t('stateInvalid', lang, { at });
  }
}

function typeName(expected: string, lang: Lang): string {
  const key = (
    {
      string: 'typeText',
      number: 'typeNumber',
      int: 'typeInteger',
      boolean: 'typeBoolean',
      object: 'typeObject',
      array: 'typeList',
      record: 'typeObject',
    } as const
  )[expected as 'string'];
  return key ? t(key, lang) : expected;
}

/** What the schema cannot say: sheet names and ids unique, the active sheet one of them. */
function semanticProblem(state: PreviewState): ((lang: Lang) => string) | null {
  const sheets = state.spreadsheet.sheets;
  const names = new Set<string>();
  for (const [i, s] of sheets.entries()) {
    const bad = cellProblem(s.cells as Record<string, unknown>);
    if (bad)
      return (lang) => t('stateInvalid', lang, { at: `spreadsheet.sheets[${i}].cells.${bad}` });
    if (names.has(s.name))
      return (lang) => t('stateSheetTwice', lang, { at: `spreadsheet.sheets[${i}]`, name: s.name });
    names.add(s.name);
  }
  if (new Set(sheets.map((s) => s.id)).size !== sheets.length)
    return (lang) => t('stateInvalid', lang, { at: 'spreadsheet.sheets[].id' });
  if (!sheets.some((s) => s.id === state.spreadsheet.activeSheetId))
    return (lang) => t('stateInvalid', lang, { at: 'spreadsheet.activeSheetId' });
  if (sheets.every((s) => s.hidden))
    return (lang) => t('stateAllHidden', lang, { at: 'spreadsheet.sheets' });
  return null;
}

/**
 * The saved workbook, checked against the schema (null when there is none). A file that cannot
 * be used throws a StateError naming it and what is wrong; nothing writes to it.
 */
export function readState(file: string): PreviewState | null {
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new StateError(file, (lang) => t('cliNotJson', lang, { reason }));
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    (parsed as { format?: unknown }).format !== STATE_FORMAT
  )
    throw new StateError(file, () => '', true);
  const result = z.safeParse(stateSchema, parsed, { reportInput: true });
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3);
    throw new StateError(file, (lang) => issues.map((i) => issueText(i, lang)).join(' ; '));
  }
  const state = parsed as PreviewState;
  const problem = semanticProblem(state);
  if (problem) throw new StateError(file, problem);
  return state;
}

/** The state as the text written to disk. */
export function stateText(state: PreviewState): string {
  return JSON.stringify(state);
}

/**
 * Writes to a temporary file then renames it, so a crash never leaves half a workbook. The
 * folder is not created here: the server checks it once at start-up (a recursive mkdir on a
 * path like /proc/x never returns).
 */
export function writeState(file: string, state: PreviewState | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, typeof state === 'string' ? state : stateText(state));
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Temporary files a preview killed during a save left beside `file` (its own, `file.<pid>.tmp`,
 * and its backup's): removed by the preview that holds the lock, which alone writes them.
 */
export function removeStaleTemps(files: readonly string[]): number {
  let removed = 0;
  for (const file of files) {
    const dir = path.dirname(file);
    const base = path.basename(file);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names)
      if (name.startsWith(`${base}.`) && /^\.\d+\.tmp$/.test(name.slice(base.length))) {
        rmSync(path.join(dir, name), { force: true });
        removed++;
      }
  }
  return removed;
}

/**
 * The folder the workbook is saved in: made if only it is missing (the default .preview), never
 * a chain of folders. A missing parent, or a folder where nothing can be written, fails now with
 * a message that names it, rather than on the first save.
 */
export function prepareDataFolder(
  file: string,
): { ok: true } | { ok: false; say: (lang: Lang) => string } {
  const dir = path.dirname(file);
  if (!existsSync(dir)) {
    if (!existsSync(path.dirname(dir)))
      return { ok: false, say: (lang) => t('cliNoFolder', lang, { file, dir }) };
    try {
      mkdirSync(dir);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? String(e);
      return { ok: false, say: (lang) => t('cliCannotCreate', lang, { dir, reason }) };
    }
  }
  try {
    accessSync(dir, constants.W_OK);
    if (!statSync(dir).isDirectory())
      throw Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' });
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    return { ok: false, say: (lang) => t('cliCannotWrite', lang, { dir, reason }) };
  }
  return { ok: true };
}
