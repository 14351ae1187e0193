/**
 * Which hand edits change the watch list, and for whom. The installable edit trigger fires on
 * every edit of every sheet. An edit of a few rows of Invoices, Terms or Clients concerns only
 * the clients of those rows: their status is recomputed alone (src/server/watch/perClient.ts, a few
 * seconds at full size). A bigger paste, a client renamed in Clients, a code cell changed other
 * than by typing (its old value unknown) or a header edit refresh the whole list. Edits of
 * columns the rules neither read nor compute change nothing. Known gap: a cell of another watched
 * column dragged to another row clears its source with no event for it; the source row's client
 * waits for the daily refresh.
 */
import { SHEETS, normalizeHeader, type SheetKey } from '../../shared/contract';
import { MAX_CLIENTS } from './perClient';
import { WATCH_INVOICE_COLUMNS, WATCH_REQUIRED, WATCH_TERMS_COLUMNS } from './refresh';
import {
  columnsOf,
  FIRST_DATA_ROW,
  indexHeader,
  sameHeader,
  sheetValues,
} from '../workbook/workbook';

/** The columns whose edit can change a watch status: those the rules read or compute. */
const WATCH_COLUMNS: Partial<Record<SheetKey, readonly string[]>> = {
  clients: WATCH_REQUIRED.clients,
  terms: WATCH_TERMS_COLUMNS,
  invoices: WATCH_INVOICE_COLUMNS,
};

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
  const row = range.getRow();
  // A header typed over may make a column one the rules read, or stop it being one.
  if (row < FIRST_DATA_ROW) return { kind: 'all' };
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

  const height = range.getNumRows();
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
