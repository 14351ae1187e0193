/**
 * The server side of the client form: open (lists + the whole record) and load another client
 * (the save is in clientSave.ts). Each is one google.script.run round trip with a number of
 * service calls that does not depend on the size of the workbook: whole-sheet reads.
 */
import { dayInZone } from '../../domain/time';
import {
  isInactive,
  LIST_KEYS,
  SHEETS,
  type ColumnKey,
  type Lang,
  type SheetKey,
} from '../../shared/contract';
import type {
  ClientRecord,
  ClientSummary,
  FieldError,
  FormSheet,
  FormLists,
  FormLoadResult,
  FormOpenResult,
} from '../../shared/formApi';
import { validateClientCode, validateOpenRequest } from '../../shared/schemas';
import { cellCode, codeKey, type ReadContext } from '../../domain/cells';
import { nextClientCode, toClientRecord } from './clientRecord';
import { FORM_FIELDS } from '../../shared/formFields';
import type { CellProblem } from '../../domain/types';
import { t } from '../platform/messages';
import { readRow, type RowValues } from '../workbook/records';
import { cachedSettings, loadSettings } from '../platform/settings';
import type { Settings } from '../../domain/types';
import {
  CLIENT_SHEETS,
  DocumentCache,
  type CacheEntry,
  type ClientSheet,
} from '../platform/documentCache';
import {
  cachedFacts,
  cachedLists,
  codeAtRow,
  CODE_COLUMN,
  entriesOf,
  FACT_ENTRIES,
  FORM_ENTRIES,
  readClientFromCache,
} from './formCache';
import { FIRST_DATA_ROW, indexHeader, requiredColumns, type Table } from '../workbook/sheets';
import { readColumns, readTable, rowsWithCode, withWholeRows } from '../workbook/read';
import { MOVED, untilSettled } from '../platform/attempts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface FormContext {
  spreadsheet: Spreadsheet;
  lang: Lang;
  read: ReadContext;
  defaultTermDays: number;
  settings: Settings;
}

/**
 * The spreadsheet, its settings and time zone. With a document cache (opening the form), both
 * may come from it; a save reads them itself (a write never relies on the cache).
 */
export function formContext(cache?: DocumentCache): FormContext {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const settings = cachedSettings(cache?.get('settings')) ?? loadSettings(spreadsheet);
  const zone = cache?.get<unknown>('timeZone');
  const timeZone = typeof zone === 'string' && zone ? zone : spreadsheet.getSpreadsheetTimeZone();
  return {
    spreadsheet,
    lang: settings.lang,
    read: { lang: settings.lang, timeZone },
    defaultTermDays: settings.defaultTermDays,
    settings,
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
  return Object.fromEntries(LIST_KEYS.map((key) => [key, column(key)])) as FormLists;
}

/** Rows of a table whose client code is `key`, read. */
export function rowsOfClient<S extends 'terms' | 'commissions' | 'crmLog'>(
  table: Table<S>,
  key: string,
  ctx: FormContext,
  problems: CellProblem[] = [],
): (RowValues<S> & { row: number })[] {
  return rowsWithCode(table, 'clientCode' as ColumnKey<S>, key).map((sheetRow) => ({
    ...readRow(table, table.rows[sheetRow - FIRST_DATA_ROW]!, sheetRow, ctx.read, problems),
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
  // The Status too: the type-ahead leaves inactive clients out unless asked (decision 021).
  clients: ['code', 'name', 'status'],
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
  return readRecord(tables, rowIndex, ctx).record;
}

/**
 * The client as the form shows it, and its cells that cannot be read, by field (decision 021: the
 * form says them next to the field; the sheet keeps them as typed until someone fixes them).
 */
export function readRecord(
  tables: ClientTables,
  rowIndex: number,
  ctx: FormContext,
): { record: ClientRecord; problems: FieldError[] } {
  const row = tables.clients.rows[rowIndex]!;
  const clientProblems: CellProblem[] = [];
  const client = readRow(tables.clients, row, rowIndex + FIRST_DATA_ROW, ctx.read, clientProblems);
  const key = codeKey(String(client.code));
  const termsProblems: CellProblem[] = [];
  const terms = rowsOfClient(tables.terms, key, ctx, termsProblems);
  const agreementProblems: CellProblem[] = [];
  const agreements = rowsOfClient(tables.commissions, key, ctx, agreementProblems);
  const record = toClientRecord(
    client,
    terms[0],
    agreements,
    rowsOfClient(tables.crmLog, key, ctx),
  );
  const problems: FieldError[] = [];
  const say = (path: string, p: CellProblem) =>
    problems.push({ path, message: t('cellUnreadable', ctx.lang, { message: p.message }) });
  const fieldOf = (sheet: FormSheet, p: CellProblem) =>
    FORM_FIELDS.find((f) => f.sheet === sheet && f.column.key === p.columnKey);
  for (const p of clientProblems) {
    const f = fieldOf('clients', p);
    if (f) say(`${f.section}.${f.column.key}`, p);
  }
  // The first Terms row is the one the form shows.
  for (const p of termsProblems.filter((q) => q.row === terms[0]?.row)) {
    const f = fieldOf('terms', p);
    if (f) say(`${f.section}.${f.column.key}`, p);
  }
  for (const p of agreementProblems) {
    const i = agreements.findIndex((a) => a.row === p.row);
    const f = fieldOf('commissions', p);
    if (f && i >= 0) say(`salespeople.${i}.${f.column.key}`, p);
  }
  return { record, problems };
}

export function clientCodes(clients: Table<'clients'>): ClientSummary[] {
  const ci = clients.index.code;
  const ni = clients.index.name;
  const si = clients.index.status;
  const out: ClientSummary[] = [];
  for (const row of clients.rows) {
    const code = String(row[ci] ?? '').trim();
    if (!code) continue;
    const name = String(row[ni] ?? '').trim();
    // A workbook made before the Status column: every client active.
    out.push(si >= 0 && isInactive(row[si]) ? { code, name, inactive: true } : { code, name });
  }
  return out;
}

/** The client (a code as typed) on a row of a client sheet; null for none. */
type CodeAt = (sheet: ClientSheet, sheetRow: number) => string | null;

/** The client code on the active row, when the active sheet is one with a Client code column. */
function activeClientCode(ctx: FormContext, codeAt: CodeAt): string | null {
  const sheet = ctx.spreadsheet.getActiveSheet();
  const row = ctx.spreadsheet.getActiveRange()?.getRow() ?? 0;
  if (row < FIRST_DATA_ROW) return null;
  const name = sheet.getName();
  const keyOf = (k: SheetKey) => SHEETS[k].fr === name || SHEETS[k].en === name;
  for (const s of CLIENT_SHEETS) if (keyOf(s)) return codeAt(s, row);
  if (keyOf('invoices')) {
    // Invoices may hold 100,000 rows: read its header and the selected row only.
    const width = sheet.getLastColumn();
    if (width === 0) return null;
    const header = sheet.getRange(1, 1, 1, width).getValues()[0]!;
    const i = indexHeader('invoices', header).index.clientCode;
    return i < 0 ? null : cellCode(sheet.getRange(row, i + 1).getValue()) || null;
  }
  return null;
}

/** The code on a row of the key tables read whole. */
function codeInTables(tables: ClientTables): CodeAt {
  return (s, row) => {
    const table = tables[s] as Table<ClientSheet>;
    return (
      cellCode(table.rows[row - FIRST_DATA_ROW]?.[table.index[CODE_COLUMN[s] as never]]) || null
    );
  };
}

/** What the form opens on: the code asked for, the Clients row asked for, or the active row. */
type Choice = { code: string } | { row: number } | 'active';

function chosenKey(ctx: FormContext, choice: Choice, codeAt: CodeAt): string | null {
  let code: string | null;
  if (typeof choice === 'object' && 'code' in choice) code = choice.code;
  else if (typeof choice === 'object') code = codeAt('clients', choice.row);
  else code = activeClientCode(ctx, codeAt);
  return code ? codeKey(code) : null;
}

/**
 * The client tables for `choice`, from the document cache when it holds the row maps and every
 * row it names checks out, else read by key columns (and the cache filled for next time).
 */
function openTables(
  ctx: FormContext,
  cache: DocumentCache,
  choice: Choice,
): {
  tables: ClientTables | null;
  key: string | null;
  names: ClientSummary[];
  /** What to put in the cache (read from the sheets). */
  fill?: Partial<Record<CacheEntry, unknown>>;
} {
  const facts = cachedFacts(cache);
  if (facts) {
    const { names, sheets: maps } = facts;
    let missed = false;
    const key = chosenKey(ctx, choice, (s, row) => {
      const found = codeAtRow(maps[s].rows, row);
      if (found === null) missed = true; // a row the cache does not know: read the sheets
      return found;
    });
    if (!missed && key === null) return { tables: null, key, names };
    if (!missed) {
      const tables = readClientFromCache(ctx, maps, key!);
      if (tables) return { tables, key, names };
    }
  }
  const { tables, key } = readClientTables(ctx, (keys) =>
    chosenKey(ctx, choice, codeInTables(keys)),
  );
  const read = clientCodes(tables.clients);
  return { tables, key, names: read, fill: entriesOf(tables, read) };
}

export function openForm(request: unknown): FormOpenResult {
  const cache = DocumentCache.read(FORM_ENTRIES);
  const ctx = formContext(cache);
  const valid = validateOpenRequest(request, ctx.lang);
  const cachedListValues = cachedLists(cache.get('lists'));
  const lists = cachedListValues ?? readLists(ctx);
  const choice: Choice =
    valid.ok && valid.value.code
      ? { code: valid.value.code }
      : valid.ok && valid.value.row
        ? { row: valid.value.row }
        : 'active';
  const { tables, key, names, fill } = openTables(ctx, cache, choice);
  // What was not in the cache goes in, in one putAll.
  const missing: Partial<Record<CacheEntry, unknown>> = { ...fill };
  if (!cachedListValues) missing.lists = lists;
  if (!cachedSettings(cache.get('settings'))) missing.settings = ctx.settings;
  if (cache.get('timeZone') === null) missing.timeZone = ctx.read.timeZone;
  cache.put(missing, FACT_ENTRIES);
  const rowIndex = key && tables ? findClientRow(tables.clients, key) : -1;
  const keys = new Set(names.map((c) => codeKey(c.code)));
  return {
    lang: ctx.lang,
    lists,
    defaults: { termDays: ctx.defaultTermDays },
    today: dayInZone(new Date(), ctx.read.timeZone),
    timeZone: ctx.read.timeZone,
    clients: names,
    nextCode: nextClientCode(
      names.map((c) => c.code),
      (c) => keys.has(codeKey(c)),
    ),
    ...(tables && rowIndex >= 0
      ? readRecord(tables, rowIndex, ctx)
      : { record: null, problems: [] }),
  };
}

export function loadClient(code: unknown): FormLoadResult {
  const cache = DocumentCache.read(FORM_ENTRIES);
  const ctx = formContext(cache);
  const valid = validateClientCode(code, ctx.lang);
  if (!valid.ok) return { error: valid.errors[0]?.message ?? '' };
  const { tables, key, fill } = openTables(ctx, cache, { code: valid.value });
  if (fill) cache.put(fill, FACT_ENTRIES);
  const rowIndex = tables ? findClientRow(tables.clients, key!) : -1;
  if (!tables || rowIndex < 0)
    return { error: t('clientNotFound', ctx.lang, { code: valid.value }) };
  return readRecord(tables, rowIndex, ctx);
}

/**
 * formClients: the type-ahead's list again, for a form open a while (decision 021: a client a
 * colleague created since is found without reopening). From the document cache when it holds
 * the list (a colleague's save of a new client, and a hand edit of codes, names or Status,
 * forget it), else the Clients key columns only: the same calls at any size.
 */
export function listClients(): { clients: ClientSummary[] } {
  const facts = cachedFacts(DocumentCache.read(FACT_ENTRIES, false));
  if (facts) return { clients: facts.names };
  const ctx = formContext();
  const table = readColumns(
    ctx.spreadsheet,
    'clients',
    ctx.lang,
    KEY_COLUMNS.clients,
    requiredColumns('clients'),
  );
  return { clients: clientCodes(table) };
}
