/**
 * Which hand edits change the watch list, and for whom. The installable edit trigger fires on
 * every edit of every sheet. An edit of a few rows of Invoices, Terms or Clients concerns only
 * the clients of those rows: their status is recomputed alone (src/server/clientWatch.ts, a few
 * seconds at full size). A bigger paste, a change of client codes whose old values the event
 * does not give, or a header edit refreshes the whole list. Edits of columns the rules neither
 * read nor compute change nothing.
 */
import { SHEETS, normalizeHeader, type SheetKey } from '../shared/contract';
import { MAX_CLIENTS } from './clientWatch';
import { columnsOf, FIRST_DATA_ROW, indexHeader, sheetValues } from './workbook';

const WATCH_COLUMNS: Partial<Record<SheetKey, readonly string[]>> = {
  clients: ['code', 'watched', 'watchReasons'],
  terms: [
    'clientCode',
    'creditLimit',
    'termDays',
    'watchReason',
    'balanceDue',
    'lastInvoiceDate',
    'lastUnpaidInvoiceDate',
  ],
  invoices: ['number', 'date', 'clientCode', 'amount', 'dueDate', 'paidDate'],
};

export type WatchEdit = { kind: 'none' } | { kind: 'clients'; codes: string[] } | { kind: 'all' };

function sheetKeyOf(name: string): SheetKey | null {
  for (const key of Object.keys(WATCH_COLUMNS) as SheetKey[])
    if (SHEETS[key].fr === name || SHEETS[key].en === name) return key;
  return null;
}

/**
 * What an edit of `range` changes in the watch list. `oldValue` is the event's: Sheets gives it
 * for an edit of a single cell only.
 */
export function watchEditOf(
  range: GoogleAppsScript.Spreadsheet.Range,
  oldValue?: unknown,
): WatchEdit {
  const sheet = range.getSheet();
  const key = sheetKeyOf(sheet.getName());
  if (!key) return { kind: 'none' };
  const header = sheetValues(sheet, 1, 1, 1, -1)[0] ?? [];
  const column = range.getColumn();
  const width = range.getNumColumns();
  const edited = header.slice(column - 1, column - 1 + width);
  const watched = new Set(
    columnsOf(key)
      .filter((c) => WATCH_COLUMNS[key]!.includes(c.key))
      .flatMap((c) => [normalizeHeader(c.fr), normalizeHeader(c.en)]),
  );
  if (!edited.some((h) => watched.has(normalizeHeader(h)))) return { kind: 'none' };

  const row = range.getRow();
  const height = range.getNumRows();
  // A header typed over changes which column is which: everything.
  if (row < FIRST_DATA_ROW || height > MAX_CLIENTS) return { kind: 'all' };
  const index = indexHeader(key, header).index as Record<string, number>;
  const codeColumn = (key === 'clients' ? index.code : index.clientCode) ?? -1;
  if (codeColumn < 0) return { kind: 'all' };
  const codeEdited = codeColumn + 1 >= column && codeColumn + 1 < column + width;
  // A code changed in several cells: the old codes, whose clients lose these rows, are unknown.
  if (codeEdited && (height > 1 || width > 1)) return { kind: 'all' };
  const codes = sheetValues(sheet, row, codeColumn + 1, height, 1).map((r) => String(r[0] ?? ''));
  if (codeEdited && (typeof oldValue === 'string' || typeof oldValue === 'number'))
    codes.push(String(oldValue));
  const distinct = [...new Set(codes.map((c) => c.trim()).filter((c) => c !== ''))];
  if (distinct.length === 0) return { kind: 'none' };
  return distinct.length > MAX_CLIENTS ? { kind: 'all' } : { kind: 'clients', codes: distinct };
}
