/**
 * Which hand edits change the watch list, and for whom. The installable edit trigger fires on
 * every edit of every sheet. An edit of a few rows of Invoices, Terms or Clients concerns only
 * the clients of those rows: their status is recomputed alone (src/server/watch/perClient.ts, a few
 * seconds at full size). A bigger paste, a client renamed in Clients, a code cell changed other
 * than by typing (its old value unknown) or a header edit refresh the whole list. Edits of
 * columns the rules neither read nor compute change nothing. Known gap: a cell of another watched
 * column dragged to another row clears its source with no event for it; the source row's client
 * waits for the daily refresh.
 *
 * Most edits change nothing (another sheet, a column the rules do not read), and the trigger
 * runs on every one: editMayMatter settles those in a few service calls. Which sheet a grid id
 * is comes from a document cache entry; for a watched sheet (Invoices, Terms, Clients) the
 * edited columns' own header cells decide (two calls), never cached column positions: whether
 * a column moved by hand reaches the change trigger as OTHER or as a plain EDIT is not
 * documented (the emulator's columnMoveChange switch), and positions cached before an
 * unannounced move would skip the edits of the moved column. An edit it lets through is decided
 * by watchEditOf, from the sheet as it is now.
 */
import { SHEET_KEYS, SHEETS, normalizeHeader, type SheetKey } from '../../shared/contract';
import { ALL_ENTRIES, forgetEntries, sheetEntries } from '../platform/documentCache';
import { MAX_CLIENTS } from './perClient';
import { columnsCacheKey, WATCHED_COLUMNS } from './columns';
import { columnsOf, FIRST_DATA_ROW, indexHeader, sheetValues } from '../workbook/sheets';
import { sameHeader } from '../workbook/rowChecks';
import { PENDING_HINT_KEY } from '../platform/pending';

/**
 * The columns whose edit can change a watch status: those the rules read or compute
 * (src/domain/watch.ts declares them; ./columns.ts derives this).
 */
const WATCH_COLUMNS: Partial<Record<SheetKey, readonly string[]>> = WATCHED_COLUMNS;

/**
 * The columns the form's document cache holds (clientForm/formCache.ts): codes, names, and the
 * Status (inactive clients leave the type-ahead).
 */
const FORM_CACHE_COLUMNS: readonly string[] = ['code', 'name', 'status', 'clientCode'];

// ---------------------------------------------------------------- the cheap first look

/**
 * Document cache key: grid id → the contract sheet it is, with the form cache's columns. Named
 * by a hash of the watched and form-cache columns, their headers and the sheet names, so a
 * column the rules start reading makes every cached entry unused, with no key to bump by hand;
 * 4 is the version of the entry's shape (SheetColumns).
 */
export function watchColumnsCacheKey(): string {
  // Computed when first needed (an MD5 of the columns): every execution evaluates the bundle,
  // and most never look at this cache.
  return (watchColumnsKey ??= columnsCacheKey(
    'ficheClient.watchColumns',
    4,
    WATCHED_COLUMNS,
    Object.fromEntries(SHEET_KEYS.map((s) => [s, FORM_CACHE_COLUMNS])),
  ));
}
let watchColumnsKey: string | undefined;
/**
 * The mark of the last forget: a fresh random token each time. An entry counts only under the
 * mark it was read under, so a trigger that read a sheet before a forget and stores it after
 * it cannot bring it back (a remove alone left that two-call race open).
 */
export const WATCH_COLUMNS_FORGOTTEN_KEY = 'ficheClient.watchColumns.mark';
/**
 * The names of the fields of the last edit event (names only, never values), for Help › Check
 * this spreadsheet: whether e.range carries rowStart… in this workbook (measure/checks.ts).
 */
export const EDIT_EVENT_FIELDS_KEY = 'ficheClient.editEventFields';
/**
 * An hour: sheets renamed, added or removed are also announced by the change trigger
 * (forgetWatchColumns), and the cache may drop entries earlier
 * (https://developers.google.com/apps-script/reference/cache/cache).
 */
const CACHE_SECONDS = 3600;
/** The forget mark outlives every entry it judges (6 h, the cache's maximum). */
const FORGOTTEN_SECONDS = 21600;

interface SheetColumns {
  /** The contract sheet, or null for a sheet of the team's. */
  s: SheetKey | null;
  /**
   * 1-based positions of the columns the form's cache reads (codes, names; 0: every column),
   * for a sheet the rules do not watch. A position made stale by an unannounced column move
   * costs no correctness: every use of the form's cache checks it (documentCache.ts).
   */
  f: number[];
  /** The forget mark read with the sheet ('' for none): under another mark it does not count. */
  g: string;
}

/**
 * The edit event's range also carries its bounds as plain properties, read without a service
 * call: JSON.stringify(e) shows "range": {"columnStart", "rowStart", "rowEnd", "columnEnd"}
 * (Kanshi Tanaike, "Benchmark: Event Objects for Google Apps Script", https://tanaikech.github.io/page/80).
 * They are not in the reference (the editEventBounds switch): when absent, the range's own
 * methods give them, one call each.
 */
interface EventRange {
  columnStart?: unknown;
  columnEnd?: unknown;
  rowStart?: unknown;
  rowEnd?: unknown;
}

const BOUND_FIELDS = ['columnEnd', 'columnStart', 'rowEnd', 'rowStart'] as const;

/** The event's first row, free when the event carries it, else Range.getRow (one call). */
function firstRowOf(range: GoogleAppsScript.Spreadsheet.Range): number {
  const b = range as unknown as EventRange;
  return typeof b.rowStart === 'number' ? b.rowStart : range.getRow();
}

/**
 * The range's first row, first column and width, free from the event, else three calls; its
 * height only when asked (free from the event, else one more call).
 */
function boundsOf(range: GoogleAppsScript.Spreadsheet.Range): {
  row: number;
  column: number;
  width: number;
  height: () => number;
} {
  const b = range as unknown as EventRange;
  const height = () =>
    typeof b.rowStart === 'number' && typeof b.rowEnd === 'number'
      ? b.rowEnd - b.rowStart + 1
      : range.getNumRows();
  if (
    typeof b.rowStart === 'number' &&
    typeof b.columnStart === 'number' &&
    typeof b.columnEnd === 'number'
  )
    return {
      row: b.rowStart,
      column: b.columnStart,
      width: b.columnEnd - b.columnStart + 1,
      height,
    };
  return { row: range.getRow(), column: range.getColumn(), width: range.getNumColumns(), height };
}

/** What is kept of an edit event for the check: its field names and e.range's bound names. */
export interface EditEventFields {
  /** Names of e's own fields (authMode, range, source, user, value, …), sorted. */
  event: string[];
  /** Which of rowStart, rowEnd, columnStart, columnEnd e.range carries as numbers. */
  range: string[];
  /** When the trigger recorded them (ISO). */
  at: string;
}

function eventFieldsOf(event: object | undefined, range: object): Omit<EditEventFields, 'at'> {
  const b = range as EventRange;
  return {
    event: event ? Object.keys(event).sort() : [],
    range: BOUND_FIELDS.filter((k) => typeof b[k] === 'number'),
  };
}

/**
 * Records the event's field names when they differ from the ones recorded (read in the same
 * getAll as the sheets: no call unless they changed or expired; 6 h, the cache's maximum).
 */
function recordEventFields(
  cache: GoogleAppsScript.Cache.Cache,
  recorded: string | undefined,
  event: object | undefined,
  range: object,
): void {
  const fields = eventFieldsOf(event, range);
  try {
    const before = recorded ? (JSON.parse(recorded) as Partial<EditEventFields>) : {};
    if (
      JSON.stringify(before.event) === JSON.stringify(fields.event) &&
      JSON.stringify(before.range) === JSON.stringify(fields.range)
    )
      return;
  } catch {
    // unreadable: written again
  }
  const value: EditEventFields = { ...fields, at: new Date().toISOString() };
  try {
    cache.put(EDIT_EVENT_FIELDS_KEY, JSON.stringify(value), FORGOTTEN_SECONDS);
  } catch {
    // only the check reads it
  }
}

/**
 * False when the edit cannot change the watch list: a sheet the rules do not watch, or only
 * columns of a watched sheet whose header the rules neither read nor compute. Three service
 * calls for another sheet (its grid id, the document cache, one getAll), two more for a
 * watched sheet (the edited columns' header cells), one more when the event lacks its bounds.
 * `event`: the edit event, whose field names are recorded for the check (names only).
 * `seen.pending` is set when the document cache says work is pending (platform/pending.ts).
 */
export function editMayMatter(
  range: GoogleAppsScript.Spreadsheet.Range,
  event?: object,
  seen: { pending: boolean } = { pending: false },
): boolean {
  const gridId = String(range.getGridId());
  const cache = CacheService.getDocumentCache();
  if (!cache) {
    seen.pending = true; // no hint to read: the property decides
    return true;
  }
  const columnsKey = watchColumnsCacheKey();
  const got = cache.getAll([
    columnsKey,
    WATCH_COLUMNS_FORGOTTEN_KEY,
    EDIT_EVENT_FIELDS_KEY,
    PENDING_HINT_KEY,
  ]);
  // Work kept for later (platform/pending.ts): this run does it, even for an edit that does not
  // matter itself, at no extra call.
  seen.pending = got[PENDING_HINT_KEY] === '1';
  recordEventFields(cache, got[EDIT_EVENT_FIELDS_KEY], event, range);
  const mark = got[WATCH_COLUMNS_FORGOTTEN_KEY] ?? '';
  const valid = (e: SheetColumns | undefined): e is SheetColumns =>
    !!e && Array.isArray(e.f) && e.g === mark && (e.s === null || SHEET_KEYS.includes(e.s));
  let known: Record<string, SheetColumns> = {};
  try {
    const parsed: unknown = JSON.parse(got[columnsKey] ?? '{}');
    if (parsed && typeof parsed === 'object') known = parsed as Record<string, SheetColumns>;
  } catch {
    known = {}; // unreadable: read the sheet again
  }
  let entry = known[gridId];
  if (!valid(entry)) {
    entry = { ...sheetColumnsOf(range.getSheet()), g: mark };
    const kept = Object.entries(known).filter(([, e]) => valid(e));
    known = { ...Object.fromEntries(kept), [gridId]: entry };
    cache.put(columnsKey, JSON.stringify(known), CACHE_SECONDS);
  }
  const key = entry.s;
  if (!key) return false;
  const watched = WATCH_COLUMNS[key] !== undefined;
  if (!watched) {
    if (entry.f.length === 0) return false;
    // A code, a name or Lists typed over: what the form keeps in the document cache is wrong.
    if (entry.f.includes(0)) {
      forgetEntries(sheetEntries(key));
      return false;
    }
    const b = boundsOf(range);
    if (b.row < FIRST_DATA_ROW) {
      forgetWatchColumns(); // a header renamed: the form's columns may be elsewhere now
      forgetEntries(sheetEntries(key));
    } else if (entry.f.some((c) => c >= b.column && c < b.column + b.width))
      forgetEntries(sheetEntries(key));
    return false;
  }
  const row = firstRowOf(range);
  // A header edited may make a column watched, or stop it being one; the form's cached headers
  // are wrong too. The full check decides (a header edit refreshes the whole list).
  if (row < FIRST_DATA_ROW) {
    forgetEntries(ALL_ENTRIES);
    return true;
  }
  const edited = new Set(
    (range.offset(1 - row, 0, 1).getValues()[0] ?? []).map((h) => normalizeHeader(h)),
  );
  if ([...edited].some((h) => formHeaders(key).has(h))) forgetEntries(sheetEntries(key));
  return [...edited].some((h) => watchedHeaders(key).has(h));
}

/**
 * After sheets or columns moved (change trigger, Set up): a new mark (one put), under which
 * every entry read before does not count, even one a trigger still busy with an older sheet
 * stores after this.
 */
export function forgetWatchColumns(): void {
  const mark = (Math.random().toString(36).slice(2) + Date.now().toString(36)).slice(0, 16);
  CacheService.getDocumentCache()?.put(WATCH_COLUMNS_FORGOTTEN_KEY, mark, FORGOTTEN_SECONDS);
}

/** Which contract sheet a sheet is, and (unwatched) where the form cache's columns are. */
function sheetColumnsOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): Omit<SheetColumns, 'g'> {
  const name = sheet.getName();
  const s = SHEET_KEYS.find((k) => SHEETS[k].fr === name || SHEETS[k].en === name) ?? null;
  if (s === 'lists') return { s, f: [0] };
  if (!s || WATCH_COLUMNS[s] || sheetEntries(s).length === 0) return { s, f: [] };
  const header = sheetValues(sheet, 1, 1, 1, -1)[0] ?? [];
  const wanted = formHeaders(s);
  return { s, f: header.flatMap((h, i) => (wanted.has(normalizeHeader(h)) ? [i + 1] : [])) };
}

function formHeaders(key: SheetKey): Set<string> {
  return headersOf(key, FORM_CACHE_COLUMNS);
}
function headersOf(key: SheetKey, columns: readonly string[]): Set<string> {
  return new Set(
    columnsOf(key)
      .filter((c) => columns.includes(c.key))
      .flatMap((c) => [normalizeHeader(c.fr), normalizeHeader(c.en)]),
  );
}

function watchedHeaders(key: SheetKey): Set<string> {
  return headersOf(key, WATCH_COLUMNS[key]!);
}

/**
 * Change types after which column positions or sheet names may differ; EDIT and FORMAT change
 * neither (https://developers.google.com/apps-script/guides/triggers/events#change).
 */
export function changeMovesColumns(changeType: unknown): boolean {
  return changeType !== 'EDIT' && changeType !== 'FORMAT';
}

// ---------------------------------------------------------------- the full check

export type WatchEdit = { kind: 'none' } | { kind: 'clients'; codes: string[] } | { kind: 'all' };

function sheetKeyOf(name: string): SheetKey | null {
  for (const key of Object.keys(WATCH_COLUMNS) as SheetKey[])
    if (SHEETS[key].fr === name || SHEETS[key].en === name) return key;
  return null;
}

/**
 * What an edit of `range` changes in the watch list. `value` and `oldValue` are the event's:
 * Sheets gives them for a single cell typed into only (`oldValue` when it held something); a
 * paste, a fill-down, a moved cell or a cell cleared gives neither
 * (https://github.com/tanaikech/GetEditType).
 */
export function watchEditOf(
  range: GoogleAppsScript.Spreadsheet.Range,
  event: { value?: unknown; oldValue?: unknown } = {},
): WatchEdit {
  const sheet = range.getSheet();
  const key = sheetKeyOf(sheet.getName());
  if (!key) return { kind: 'none' };
  const bounds = boundsOf(range);
  const { row, column, width } = bounds;
  // A header typed over may make a column one the rules read, or stop it being one.
  if (row < FIRST_DATA_ROW) return { kind: 'all' };
  const header = sheetValues(sheet, 1, 1, 1, -1)[0] ?? [];
  const edited = header.slice(column - 1, column - 1 + width);
  const watched = watchedHeaders(key);
  if (!edited.some((h) => watched.has(normalizeHeader(h)))) return { kind: 'none' };

  const height = bounds.height();
  if (height > MAX_CLIENTS) return { kind: 'all' };
  const index = indexHeader(key, header).index as Record<string, number>;
  const codeColumn = (key === 'clients' ? index.code : index.clientCode) ?? -1;
  if (codeColumn < 0) return { kind: 'all' };
  const codeEdited = codeColumn + 1 >= column && codeColumn + 1 < column + width;
  if (codeEdited) {
    // A client renamed in Clients leaves computed cells that belonged to the old code; several
    // code cells changed at once, or one pasted, filled or cleared, leave the old codes
    // unknown: their clients lose rows nobody can name.
    const typed = height === 1 && width === 1 && event.value !== undefined;
    const renamed = event.oldValue !== undefined && event.oldValue !== '';
    // A code typed into an empty cell (a new client, a new row) leaves no one's row behind.
    if (!typed || (key === 'clients' && renamed)) return { kind: 'all' };
  }
  const codes = sheetValues(sheet, row, codeColumn + 1, height, 1).map((r) => String(r[0] ?? ''));
  // A column inserted or moved meanwhile: those were not the codes.
  if (!sameHeader(sheet, header)) return { kind: 'all' };
  if (codeEdited && (typeof event.oldValue === 'string' || typeof event.oldValue === 'number'))
    codes.push(String(event.oldValue));
  const distinct = [...new Set(codes.map((c) => c.trim()).filter((c) => c !== ''))];
  if (distinct.length === 0) return { kind: 'none' };
  return distinct.length > MAX_CLIENTS ? { kind: 'all' } : { kind: 'clients', codes: distinct };
}
