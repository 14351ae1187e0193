/**
 * Copy-safe state (decision 011): what Fiche Client stores about one workbook knows which workbook
 * it was written for.
 *
 * A team starts from a copy (File › Make a copy of a template, or of a colleague's workbook).
 * The bound script is copied with the sheet, installable triggers are not ("triggers … are not
 * persistent in copies of the bound Sheet, though the script itself is"), and whether document
 * properties travel with a copy Google does not say: the product assumes they do (the stricter
 * world; the emulator's copySpreadsheet models both). A copy must then not believe the
 * original's state: that it is set up, who owns its triggers, the Mailchimp key, what the
 * scheduled jobs last did.
 *
 * So every write of such state stamps the document properties with the spreadsheet's id
 * (STAMP_KEY), and the keys of BOUND_KEYS are read through here: when the stamp names another
 * spreadsheet, the workbook is a copy and they read as absent. The first write of any of them
 * in the copy (Set up, or saving a Mailchimp key) adopts the copy: the original's bound keys
 * are deleted, what was left behind is recorded (COPIED_KEY, shown in Settings), and the stamp
 * names this spreadsheet. Settings (language, grace days, default term, notifications, months
 * kept) are the team's choices, not the original's identity: they are kept, and Settings says
 * so.
 *
 * A workbook set up by a version before the stamp has state and no stamp: it is taken as the
 * original (its first bound write stamps it). The document cache and the edit trigger's column
 * cache live in CacheService's document cache, which a copy (another document) does not share.
 */
import { t } from './messages';
import type { Lang } from '../../shared/contract';

const STAMP_KEY = 'ficheClient.workbookId';
const SET_UP_KEY = 'ficheClient.setUp';
const COPIED_KEY = 'ficheClient.copiedFrom';
/** The settings a copy keeps (and Settings says were kept). */
const SETTINGS_KEYS = [
  'ficheClient.settings',
  'ficheClient.retentionMonths',
  'ficheClient.followUpDigest',
];

/**
 * The properties that say something true of one workbook only, and what each is, for what a
 * copy says it left behind. Owners of the keys: platform/triggers.ts (trigger owner, the
 * dispatcher's id, and the keys of the triggers before it), platform/jobs.ts (what the
 * scheduled jobs did), platform/pending.ts (work kept for later), newsletter/mailchimp.ts (the key and audience), this module (Set up,
 * the Welcome sheet written).
 */
export const BOUND_KEYS: Readonly<Record<string, LeftBehind | null>> = {
  [SET_UP_KEY]: null,
  'ficheClient.welcome': null,
  'ficheClient.triggerOwner': 'triggerOwner',
  'ficheClient.triggerOwnerSince': null,
  'ficheClient.triggerClock': null,
  'ficheClient.triggerRetiring': null,
  'ficheClient.triggerTimeZone': null,
  'ficheClient.triggerLastDaily': null,
  'ficheClient.jobs': null,
  'ficheClient.pending': null,
  'ficheClient.mailchimp': 'mailchimpKey',
};

/** What a copy says it did not take from the original. */
export type LeftBehind = 'triggerOwner' | 'mailchimpKey';

export interface CopyRecord {
  /** The spreadsheet id the state was written for. */
  from: string;
  /** When the copy was adopted (ISO); '' while it is not. */
  at: string;
  leftBehind: LeftBehind[];
  /** The original's settings were kept, and Settings has not been saved since. */
  settingsKept: boolean;
}

export interface WorkbookState {
  id: string;
  /** A copy whose state was not adopted yet: the bound keys read as absent. */
  isCopy: boolean;
  /** Set up has run in this workbook (or, by an older version, recorded a trigger owner). */
  setUp: boolean;
  /** What the copy left behind: while not adopted, or after, until dealt with. */
  copy: CopyRecord | null;
  /** Every document property, the bound ones removed in a copy. */
  properties: Record<string, string>;
}

let knownId: string | null = null;

/** The active spreadsheet's id, asked once per execution (it never changes within one). */
function activeId(spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  knownId ??= (spreadsheet ?? SpreadsheetApp.getActiveSpreadsheet()).getId();
  return knownId;
}

function parseCopy(raw: string | undefined): CopyRecord | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<CopyRecord>;
    if (typeof v.from !== 'string') return null;
    return {
      from: v.from,
      at: typeof v.at === 'string' ? v.at : '',
      leftBehind: Array.isArray(v.leftBehind)
        ? v.leftBehind.filter((x): x is LeftBehind => x === 'triggerOwner' || x === 'mailchimpKey')
        : [],
      settingsKept: v.settingsKept === true,
    };
  } catch {
    return null; // a damaged record says nothing
  }
}

/** What a copy would leave behind, from the original's properties. */
function leftBehindIn(props: Record<string, string>): CopyRecord['leftBehind'] {
  const out = new Set<LeftBehind>();
  for (const [key, what] of Object.entries(BOUND_KEYS)) if (what && props[key]) out.add(what);
  return [...out];
}

/**
 * The workbook's state from its document properties (read once here unless given: one
 * getProperties call) and its id.
 */
export function workbookState(
  spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet,
  properties?: Record<string, string>,
): WorkbookState {
  const props = properties ?? PropertiesService.getDocumentProperties().getProperties();
  const id = activeId(spreadsheet);
  const stamp = props[STAMP_KEY];
  const isCopy = stamp !== undefined && stamp !== '' && stamp !== id;
  if (isCopy) {
    const own: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) if (!(k in BOUND_KEYS)) own[k] = v;
    return {
      id,
      isCopy,
      setUp: false,
      copy: {
        from: stamp,
        at: '',
        leftBehind: leftBehindIn(props),
        settingsKept: SETTINGS_KEYS.some((k) => props[k] !== undefined),
      },
      properties: own,
    };
  }
  // An owner recorded means Set up ran here, by a version before SET_UP_KEY too (its first
  // bound write, a legacy trigger's job record, stamps it without recording Set up).
  const setUp = props[SET_UP_KEY] !== undefined || !!props['ficheClient.triggerOwner'];
  return { id, isCopy, setUp, copy: parseCopy(props[COPIED_KEY]), properties: props };
}

/** A property that belongs to this workbook: null in a copy not yet adopted. */
export function boundProperty(key: string): string | null {
  const props = PropertiesService.getDocumentProperties().getProperties();
  return workbookState(undefined, props).properties[key] ?? null;
}

/**
 * Writes properties that belong to this workbook (null deletes one), after adopting the copy
 * when the workbook is one: in one setProperties call, so that a copy is never left half
 * adopted. Returns what the adoption left behind (null when there was nothing to adopt).
 */
export function setBoundProperties(
  values: Record<string, string | null>,
  spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet,
): CopyRecord | null {
  const store = PropertiesService.getDocumentProperties();
  const props = store.getProperties();
  const state = workbookState(spreadsheet, props);
  const next: Record<string, string> = { ...state.properties };
  let adopted: CopyRecord | null = null;
  if (state.isCopy && state.copy) {
    adopted = { ...state.copy, at: new Date().toISOString() };
    next[COPIED_KEY] = JSON.stringify(adopted);
  }
  // A written key is no longer left behind (a new Mailchimp key entered in the copy).
  const copy = adopted ?? state.copy;
  if (copy && !adopted) {
    const still = copy.leftBehind.filter(
      (what) => !Object.entries(values).some(([k, v]) => v !== null && BOUND_KEYS[k] === what),
    );
    if (still.length !== copy.leftBehind.length)
      next[COPIED_KEY] = JSON.stringify({ ...copy, leftBehind: still });
  }
  next[STAMP_KEY] = state.id;
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  if (adopted) {
    // Deleting the original's keys: the whole store is written again, in one call.
    store.setProperties(next, true);
    return adopted;
  }
  const changed: Record<string, string> = {};
  for (const [k, v] of Object.entries(next)) if (props[k] !== v) changed[k] = v;
  if (Object.keys(changed).length > 0) store.setProperties(changed);
  for (const [k, v] of Object.entries(values))
    if (v === null && k in props) store.deleteProperty(k);
  return null;
}

/** Set up: adopts a copy (or stamps a workbook set up before the stamp) and records it ran. */
export function recordSetUp(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  by: string,
): CopyRecord | null {
  return setBoundProperties(
    { [SET_UP_KEY]: JSON.stringify({ at: new Date().toISOString(), by }) },
    spreadsheet,
  );
}

/** Adopts a copy before Set up changes anything (its questions read the owner, not the original's). */
export function adoptCopy(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  setBoundProperties({}, spreadsheet);
}

/** Settings were saved: the copy's "settings kept" notice has been seen. */
export function settingsSeen(): void {
  const store = PropertiesService.getDocumentProperties();
  const copy = parseCopy(store.getProperty(COPIED_KEY) ?? undefined);
  if (copy?.settingsKept)
    store.setProperty(COPIED_KEY, JSON.stringify({ ...copy, settingsKept: false }));
}

/** What Settings says about a copy, in the workbook language (none when there is nothing to say). */
export function copyNotices(state: WorkbookState, lang: Lang, timeZone: string): string[] {
  const copy = state.copy;
  if (!copy) return [];
  const out: string[] = [];
  if (state.isCopy) out.push(t('copyNotSetUp', lang));
  else if (copy.settingsKept || copy.leftBehind.length > 0)
    out.push(
      t('copyAdopted', lang, {
        at: copy.at ? Utilities.formatDate(new Date(copy.at), timeZone, 'yyyy-MM-dd') : '?',
      }),
    );
  if (copy.settingsKept) out.push(t('copySettingsKept', lang));
  if (copy.leftBehind.includes('mailchimpKey')) out.push(t('copyKeyLeftBehind', lang));
  if (state.isCopy && copy.leftBehind.includes('triggerOwner'))
    out.push(t('copyOwnerLeftBehind', lang));
  return out;
}

/**
 * UTF-8 length of a property value: what the Properties service's size limits count (Apps
 * Script has no Buffer or TextEncoder).
 */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
