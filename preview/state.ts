/**
 * What the preview keeps between runs: the workbook (EmulatedSpreadsheet.toJSON), the property
 * stores (settings live in the document properties), the installed triggers (the edit trigger
 * must survive a restart, or edits would stop refreshing the watch list) and whether the user
 * pinned the emulated clock to a date.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEmulator, type Emulator } from '../emulator';
import { EmulatedSpreadsheet, type SpreadsheetJSON } from '../emulator/spreadsheet';
import type { TriggerRecord } from '../emulator/triggers';
import { langFromLocale, type Lang } from '../src/shared/contract';

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

export function readState(file: string): PreviewState | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PreviewState>;
  if (parsed.format !== STATE_FORMAT)
    throw new Error(`${file} is not a preview workbook (start with --fresh to replace it)`);
  return parsed as PreviewState;
}

/** Writes to a temporary file then renames it, so a crash never leaves half a workbook. */
export function writeState(file: string, state: PreviewState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
