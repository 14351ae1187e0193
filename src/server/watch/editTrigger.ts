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
 * runs on every one: editMayMatter settles those in three service calls (Range.getGridId, the
 * document cache and one getAll), from the range's bounds that the event carries for free and a
 * cache of each sheet's watched column positions. The cache only ever says "this edit cannot
 * matter": an edit it lets through is decided by watchEditOf, from the sheet as it is now.
 */
import { SHEET_KEYS, SHEETS, normalizeHeader, type SheetKey } from '../../shared/contract';
import { ALL_ENTRIES, forgetEntries, sheetEntries } from '../platform/documentCache';
import { MAX_CLIENTS } from './perClient';
import { columnsCacheKey, WATCHED_COLUMNS } from './columns';
import { columnsOf, FIRST_DATA_ROW, indexHeader, sheetValues } from '../workbook/sheets';
import { sameHeader } from '../workbook/rowChecks';

/**
 * The columns whose edit can change a watch status: those the rules read or compute
 * (src/domain/watch.ts declares them; ./columns.ts derives this).
 */
const WATCH_COLUMNS: Partial<Record<SheetKey, readonly string[]>> = WATCHED_COLUMNS;

/** The columns the form's document cache holds (clientForm/formCache.ts): codes and names. */
const FORM_CACHE_COLUMNS: readonly string[] = ['code', 'name', 'clientCode'];

// ---------------------------------------------------------------- the cheap first look

/**
 * Document cache key: grid id → watched sheet key (or null) and watched column numbers. Named
 * by a hash of the watched and form-cache columns, their headers and the sheet names, so a
 * column the rules start reading makes every cached position unused, with no key to bump by
 * hand; 3 is the version of the entry's shape (SheetColumns).
 */
export const WATCH_COLUMNS_CACHE_KEY = columnsCacheKey(
  'ficheClient.watchColumns',
  3,
  WATCHED_COLUMNS,
  Object.fromEntries(SHEET_KEYS.map((s) => [s, FORM_CACHE_COLUMNS])),
);
/**
 * The mark of the last forget: a fresh random token each time. An entry counts only under the
 * mark it was read under, so a trigger that read a header before a forget and stores its
 * positions after it cannot bring them back (a remove alone left that two-call race open).
 */
export const WATCH_COLUMNS_FORGOTTEN_KEY = 'ficheClient.watchColumns.mark';
/**
 * An hour: column moves are also announced by the change trigger (forgetWatchColumns), and
 * the cache may drop entries earlier (https://developers.google.com/apps-script/reference/cache/cache).
 */
const CACHE_SECONDS = 3600;
/** The forget mark outlives every entry it judges (6 h, the cache's maximum). */
const FORGOTTEN_SECONDS = 21600;

interface SheetColumns {
  /** The watched sheet, or null for any other sheet. */
  k: SheetKey | null;
  /** 1-based positions of the columns the rules read or compute. */
  c: number[];
  /** The contract sheet, watched or not, or null for a sheet of the team's. */
  s: SheetKey | null;
  /** 1-based positions of the columns the form's cache reads (codes, names; 0: every column). */
  f: number[];
  /** The forget mark read with the header ('' for none): under another mark it does not count. */
  g: string;
}

/**
 * The edit event's range also carries its bounds as plain properties, read without a service
 * call: JSON.stringify(e) shows "range": {"columnStart", "rowStart", "rowEnd", "columnEnd"}
 * (Kanshi Tanaike, "Benchmark: Event Objects for Google Apps Script", https://tanaikech.github.io/page/80).
 * They are not in the reference: when absent, the full check decides.
 */
interface EventRange {
  columnStart?: unknown;
  columnEnd?: unknown;
  rowStart?: unknown;
  rowEnd?: unknown;
}

/** The range's first row and column and its size: free from the event, else four calls. */
function boundsOf(range: GoogleAppsScript.Spreadsheet.Range): {
  row: number;
  column: number;
  height: number;
  width: number;
} {
  const b = range as unknown as EventRange;
  if (
    typeof b.rowStart === 'number' &&
    typeof b.rowEnd === 'number' &&
    typeof b.columnStart === 'number' &&
    typeof b.columnEnd === 'number'
  )
    return {
      row: b.rowStart,
      column: b.columnStart,
      height: b.rowEnd - b.rowStart + 1,
      width: b.columnEnd - b.columnStart + 1,
    };
  return {
    row: range.getRow(),
    column: range.getColumn(),
    height: range.getNumRows(),
    width: range.getNumColumns(),
  };
}

/**
 * False when the edit cannot change the watch list: another sheet, or only columns the rules
 * neither read nor compute. At most three service calls when the sheet is known to the cache.
 */
export function editMayMatter(range: GoogleAppsScript.Spreadsheet.Range): boolean {
  const bounds = range as unknown as EventRange;
  const first = bounds.columnStart;
  const last = bounds.columnEnd;
  const row = bounds.rowStart;
  if (typeof first !== 'number' || typeof last !== 'number' || typeof row !== 'number') {
    forgetEntries(ALL_ENTRIES); // which sheet and columns is not known without more calls
    return true;
  }
  // A header edited may make a column watched, or stop it being one: positions are read again.
  if (row < FIRST_DATA_ROW) {
    forgetWatchColumns();
    forgetEntries(ALL_ENTRIES); // the form's cached headers, too
    return true;
  }
  const gridId = String(range.getGridId());
  const cache = CacheService.getDocumentCache();
  if (!cache) return true;
  const got = cache.getAll([WATCH_COLUMNS_CACHE_KEY, WATCH_COLUMNS_FORGOTTEN_KEY]);
  const mark = got[WATCH_COLUMNS_FORGOTTEN_KEY] ?? '';
  const valid = (e: SheetColumns | undefined): e is SheetColumns =>
    !!e && Array.isArray(e.c) && Array.isArray(e.f) && e.g === mark;
  let known: Record<string, SheetColumns> = {};
  try {
    const parsed: unknown = JSON.parse(got[WATCH_COLUMNS_CACHE_KEY] ?? '{}');
    if (parsed && typeof parsed === 'object') known = parsed as Record<string, SheetColumns>;
  } catch {
    known = {}; // unreadable: read the sheet again
  }
  let entry = known[gridId];
  if (!valid(entry)) {
    entry = { ...watchedColumnsOf(range.getSheet()), g: mark };
    const kept = Object.entries(known).filter(([, e]) => valid(e));
    known = { ...Object.fromEntries(kept), [gridId]: entry };
    cache.put(WATCH_COLUMNS_CACHE_KEY, JSON.stringify(known), CACHE_SECONDS);
  }
  // A code, a name or Lists typed over: what the form keeps in the document cache is wrong.
  if (entry.s && entry.f.some((c) => c === 0 || (c >= first && c <= last)))
    forgetEntries(sheetEntries(entry.s));
  if (!entry.k) return false;
  return entry.c.some((c) => c >= first && c <= last);
}

/**
 * After columns or sheets moved (change trigger, Set up, a header edit): a new mark (one put),
 * under which every entry read before does not count, even one a trigger still busy with an
 * older header stores after this.
 */
export function forgetWatchColumns(): void {
  const mark = (Math.random().toString(36).slice(2) + Date.now().toString(36)).slice(0, 16);
  CacheService.getDocumentCache()?.put(WATCH_COLUMNS_FORGOTTEN_KEY, mark, FORGOTTEN_SECONDS);
}

function watchedColumnsOf(sheet: GoogleAppsScript.Spreadsheet.Sheet): Omit<SheetColumns, 'g'> {
  const name = sheet.getName();
  const s = SHEET_KEYS.find((k) => SHEETS[k].fr === name || SHEETS[k].en === name) ?? null;
  if (s === 'lists') return { k: null, c: [], s, f: [0] };
  const cached = s ? sheetEntries(s).length > 0 : false;
  const key = sheetKeyOf(name);
  if (!key && !cached) return { k: null, c: [], s, f: [] };
  const header = sheetValues(sheet, 1, 1, 1, -1)[0] ?? [];
  const positions = (wanted: Set<string>) =>
    header.flatMap((h, i) => (wanted.has(normalizeHeader(h)) ? [i + 1] : []));
  const f = cached ? positions(headersOf(s!, FORM_CACHE_COLUMNS)) : [];
  if (!key) return { k: null, c: [], s, f };
  return { k: key, c: positions(watchedHeaders(key)), s, f };
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
  const { row, column, height, width } = boundsOf(range);
  // A header typed over may make a column one the rules read, or stop it being one.
  if (row < FIRST_DATA_ROW) return { kind: 'all' };
  const header = sheetValues(sheet, 1, 1, 1, -1)[0] ?? [];
  const edited = header.slice(column - 1, column - 1 + width);
  const watched = watchedHeaders(key);
  if (!edited.some((h) => watched.has(normalizeHeader(h)))) return { kind: 'none' };

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
