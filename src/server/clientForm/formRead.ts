/**
 * The server side of the client form: open (lists + the whole record) and load another client
 * (the save is in clientSave.ts). Each is one google.script.run round trip with a number of
 * service calls that does not depend on the size of the workbook: whole-sheet reads.
 */
import { dayInZone } from '../../domain/time';
import { SHEETS, type ColumnKey, type Lang, type SheetKey } from '../../shared/contract';
import type { ClientRecord, FormLists, FormLoadResult, FormOpenResult } from '../../shared/formApi';
import { validateClientCode, validateOpenRequest } from '../../shared/schemas';
import { codeKey, type ReadContext } from '../../domain/cells';
import { nextClientCode, toClientRecord } from './clientRecord';
import { t } from '../platform/messages';
import { readRow, type RowValues } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { FIRST_DATA_ROW, indexHeader, requiredColumns, type Table } from '../workbook/sheets';
import { readColumns, readTable, rowsWithCode, withWholeRows } from '../workbook/read';
import { MOVED, untilSettled } from '../platform/attempts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface FormContext {
  spreadsheet: Spreadsheet;
  lang: Lang;
  read: ReadContext;
  defaultTermDays: number;
}

export function formContext(): FormContext {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const settings = loadSettings(spreadsheet);
  return {
    spreadsheet,
    lang: settings.lang,
    read: { lang: settings.lang, timeZone: spreadsheet.getSpreadsheetTimeZone() },
    defaultTermDays: settings.defaultTermDays,
  };
}

/** The Lists sheet as dropdown values (blank cells dropped). */
function readLists(ctx: FormContext): FormLists {
  const table = readTable(ctx.spreadsheet, 'lists', ctx.lang, []);
  const column = (key: ColumnKey<'lists'>): string[] => {
    const i = table.index[key];
    if (i < 0) return [];
    const seen = new Set<string>();
    for (const row of table.rows) {
      const v = row[i];
      const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
      if (text) seen.add(text);
    }
    return [...seen];
  };
  return {
    creditCodes: column('creditCodes'),
    salespeople: column('salespeople'),
    accountManagers: column('accountManagers'),
    referralSources: column('referralSources'),
    tags: column('tags'),
    productTypes: column('productTypes'),
  };
}

/** Rows of a table whose client code is `key`, read. */
export function rowsOfClient<S extends 'terms' | 'commissions' | 'crmLog'>(
  table: Table<S>,
  key: string,
  ctx: FormContext,
): (RowValues<S> & { row: number })[] {
  return rowsWithCode(table, 'clientCode' as ColumnKey<S>, key).map((sheetRow) => ({
    ...readRow(table, table.rows[sheetRow - FIRST_DATA_ROW]!, sheetRow, ctx.read, []),
    row: sheetRow,
  }));
}

export interface ClientTables {
  clients: Table<'clients'>;
  terms: Table<'terms'>;
  commissions: Table<'commissions'>;
  crmLog: Table<'crmLog'>;
}

/** The columns read whole in each client sheet: those that say whose a row is (and the names). */
const KEY_COLUMNS = {
  clients: ['code', 'name'],
  terms: ['clientCode'],
  commissions: ['clientCode'],
  crmLog: ['clientCode'],
} as const satisfies { [S in keyof ClientTables]: readonly ColumnKey<S>[] };

/**
 * The four client sheets, read for one client: their key columns whole (which rows are whose,
 * and the names for the type-ahead), then only that client's rows whole. At full size this is
 * about a tenth of the cells of reading the sheets whole (bench/README.md). `choose` picks the
 * client from the key columns (a code, a selected row); null reads no one's rows. Other rows
 * hold '' outside their key columns: these tables serve one client, never a whole-sheet job.
 */
export function readClientTables(
  ctx: FormContext,
  choose: (keys: ClientTables) => string | null,
): { tables: ClientTables; key: string | null } {
  const read = <S extends keyof ClientTables>(sheet: S) =>
    readColumns(ctx.spreadsheet, sheet, ctx.lang, KEY_COLUMNS[sheet], requiredColumns(sheet));
  // Rows moved between reading the key columns and the client's rows: read again.
  return untilSettled(ctx.lang, () => {
    const keys: ClientTables = {
      clients: read('clients'),
      terms: read('terms'),
      commissions: read('commissions'),
      crmLog: read('crmLog'),
    };
    const key = choose(keys);
    if (key === null) return { tables: keys, key };
    const clients = withWholeRows(keys.clients, rowsWithCode(keys.clients, 'code', key), ['code']);
    const rowsOf = <S extends 'terms' | 'commissions' | 'crmLog'>(table: Table<S>) =>
      withWholeRows(table, rowsWithCode(table, 'clientCode' as ColumnKey<S>, key), [
        'clientCode' as ColumnKey<S>,
      ]);
    const terms = rowsOf(keys.terms);
    const commissions = rowsOf(keys.commissions);
    const crmLog = rowsOf(keys.crmLog);
    if (clients && terms && commissions && crmLog)
      return { tables: { clients, terms, commissions, crmLog }, key };
    return MOVED;
  });
}

/** The index of the client's row in clients.rows, or -1. */
export function findClientRow(clients: Table<'clients'>, key: string): number {
  const row = rowsWithCode(clients, 'code', key)[0];
  return row === undefined ? -1 : row - FIRST_DATA_ROW;
}

export function recordOf(tables: ClientTables, rowIndex: number, ctx: FormContext): ClientRecord {
  const row = tables.clients.rows[rowIndex]!;
  const client = readRow(tables.clients, row, rowIndex + FIRST_DATA_ROW, ctx.read, []);
  const key = codeKey(String(client.code));
  return toClientRecord(
    client,
    rowsOfClient(tables.terms, key, ctx)[0],
    rowsOfClient(tables.commissions, key, ctx),
    rowsOfClient(tables.crmLog, key, ctx),
  );
}

export function clientCodes(clients: Table<'clients'>): { code: string; name: string }[] {
  const ci = clients.index.code;
  const ni = clients.index.name;
  const out: { code: string; name: string }[] = [];
  for (const row of clients.rows) {
    const code = String(row[ci] ?? '').trim();
    if (code) out.push({ code, name: String(row[ni] ?? '').trim() });
  }
  return out;
}

/** The client code on the active row, when the active sheet is one with a Client code column. */
function activeClientCode(ctx: FormContext, tables: ClientTables): string | null {
  const sheet = ctx.spreadsheet.getActiveSheet();
  const row = ctx.spreadsheet.getActiveRange()?.getRow() ?? 0;
  if (row < FIRST_DATA_ROW) return null;
  const name = sheet.getName();
  const keyOf = (k: SheetKey) => SHEETS[k].fr === name || SHEETS[k].en === name;
  const codeOf = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' ? String(v).trim() || null : null;
  const pick = (table: { rows: unknown[][] }, column: number) =>
    codeOf(table.rows[row - FIRST_DATA_ROW]?.[column]);
  if (keyOf('clients')) return pick(tables.clients, tables.clients.index.code);
  if (keyOf('terms')) return pick(tables.terms, tables.terms.index.clientCode);
  if (keyOf('commissions')) return pick(tables.commissions, tables.commissions.index.clientCode);
  if (keyOf('crmLog')) return pick(tables.crmLog, tables.crmLog.index.clientCode);
  if (keyOf('invoices')) {
    // Invoices may hold 100,000 rows: read its header and the selected row only.
    const width = sheet.getLastColumn();
    if (width === 0) return null;
    const header = sheet.getRange(1, 1, 1, width).getValues()[0]!;
    const i = indexHeader('invoices', header).index.clientCode;
    return i < 0 ? null : codeOf(sheet.getRange(row, i + 1).getValue());
  }
  return null;
}

export function openForm(request: unknown): FormOpenResult {
  const ctx = formContext();
  const valid = validateOpenRequest(request, ctx.lang);
  const lists = readLists(ctx);
  const { tables, key } = readClientTables(ctx, (keys) => {
    let code: string | null;
    if (valid.ok && valid.value.code) code = valid.value.code;
    else if (valid.ok && valid.value.row) {
      const v = keys.clients.rows[valid.value.row - FIRST_DATA_ROW]?.[keys.clients.index.code];
      code = v === undefined || v === '' ? null : String(v).trim();
    } else code = activeClientCode(ctx, keys);
    return code ? codeKey(code) : null;
  });
  const rowIndex = key ? findClientRow(tables.clients, key) : -1;
  const clients = clientCodes(tables.clients);
  const keys = new Set(clients.map((c) => codeKey(c.code)));
  return {
    lang: ctx.lang,
    lists,
    defaults: { termDays: ctx.defaultTermDays },
    today: dayInZone(new Date(), ctx.read.timeZone),
    clients,
    nextCode: nextClientCode(
      clients.map((c) => c.code),
      (c) => keys.has(codeKey(c)),
    ),
    record: rowIndex >= 0 ? recordOf(tables, rowIndex, ctx) : null,
  };
}

export function loadClient(code: unknown): FormLoadResult {
  const ctx = formContext();
  const valid = validateClientCode(code, ctx.lang);
  if (!valid.ok) return { error: valid.errors[0]?.message ?? '' };
  const { tables, key } = readClientTables(ctx, () => codeKey(valid.value));
  const rowIndex = findClientRow(tables.clients, key!);
  if (rowIndex < 0) return { error: t('clientNotFound', ctx.lang, { code: valid.value }) };
  return { record: recordOf(tables, rowIndex, ctx) };
}
