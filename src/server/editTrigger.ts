/**
 * Which hand edits change the watch list. The installable edit trigger fires on every edit of
 * every sheet; a refresh rereads all invoices, so it runs only when the edited columns are ones
 * the watch rules read (or compute: a computed cell typed over is put back).
 */
import { SHEETS, normalizeHeader, type SheetKey } from '../shared/contract';
import { columnsOf, sheetValues } from './workbook';

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

function sheetKeyOf(name: string): SheetKey | null {
  for (const key of Object.keys(WATCH_COLUMNS) as SheetKey[])
    if (SHEETS[key].fr === name || SHEETS[key].en === name) return key;
  return null;
}

/** Whether an edit of `range` can change a client's watch status. */
export function editChangesWatch(range: GoogleAppsScript.Spreadsheet.Range): boolean {
  const sheet = range.getSheet();
  const key = sheetKeyOf(sheet.getName());
  if (!key) return false;
  const headers = sheetValues(sheet, 1, range.getColumn(), 1, range.getNumColumns())[0] ?? [];
  const watched = new Set(
    columnsOf(key)
      .filter((c) => WATCH_COLUMNS[key]!.includes(c.key))
      .flatMap((c) => [normalizeHeader(c.fr), normalizeHeader(c.en)]),
  );
  return headers.some((h) => watched.has(normalizeHeader(h)));
}
