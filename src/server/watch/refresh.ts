/**
 * refreshWatchList: recomputes Under watch, Watch reasons, Balance due and the last invoice
 * dates of every client, from Clients, Terms and Invoices, with the pure rules of
 * src/domain/watch.ts.
 *
 * Service calls do not grow with the data: each sheet is read in one block and each computed
 * column is written in one block, only when something in it changed. Cells people typed are
 * never rewritten, except the hand-typed last invoice dates of clients without invoices, which
 * share their column with computed ones and are written back exactly as they were (formulas
 * included). Just before writing, the client codes are read again: if someone inserted, deleted
 * or sorted rows meanwhile, the refresh starts over rather than write into the wrong rows.
 */
import { cellCodeKey, codeKey, type ReadContext } from '../../domain/cells';
import { dayInZone } from '../../domain/time';
import type { CellProblem, Settings } from '../../domain/types';
import { computeWatch, formatWatchReasons, type WatchResult } from '../../domain/watch';
import type { ColumnKey, Lang } from '../../shared/contract';
import { t } from '../platform/messages';
import { asClients, asTerms, readAll, readInvoices } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { notifyNewlyWatched, type NewlyWatched, type NotificationReport } from './notifications';
import { adjacentRuns, columnsOf, FIRST_DATA_ROW, type Table } from '../workbook/sheets';
import { asCellValue, setBlocksIfUnmoved } from '../workbook/write';
import { readColumns } from '../workbook/read';
import { sameHeader, stillHolds } from '../workbook/rowChecks';
import { withDocumentLock } from '../platform/lock';
import { MOVED, untilSettled } from '../platform/attempts';
import { logMailReport } from '../platform/log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface WatchRefreshReport {
  lang: Lang;
  today: string;
  clients: number;
  watched: number;
  /** Clients watched now that were not before. */
  newlyWatched: NewlyWatched[];
  /** Unreadable cells, and invoices naming no known client, with sheet and row. */
  problems: CellProblem[];
  notifications: NotificationReport | null;
  /** The rules' result per client (by codeKey); clients with an unreadable cell are absent. */
  results: Map<string, WatchResult>;
}

const LOCK_WAIT_MS = 30_000;

export function refreshWatch(
  spreadsheet: Spreadsheet,
  options: { notify?: boolean } = {},
): WatchRefreshReport {
  const settings = loadSettings(spreadsheet);
  const lang = settings.lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const ctx: ReadContext = { lang, timeZone };
  const today = dayInZone(new Date(), timeZone);

  const report = withDocumentLock(lang, LOCK_WAIT_MS, () =>
    untilSettled(lang, () => refreshAllOnce(spreadsheet, settings, ctx, today) ?? MOVED),
  );
  // Mail goes out after the lock is released: it is slow and needs no sheet.
  if (options.notify !== false && settings.notifyWatch && report.newlyWatched.length > 0) {
    const sent = notifyNewlyWatched(spreadsheet, report.newlyWatched, settings);
    report.notifications = sent;
    // Triggers have no one to tell: the execution log keeps what did not go out.
    if (sent.failed.length > 0 || sent.overQuota > 0 || sent.badAddress.length > 0)
      logMailReport('Watch notifications not all sent', sent);
  }
  return report;
}

/** One read-compute-write pass over every client; null when the rows moved under it. */
function refreshAllOnce(
  spreadsheet: Spreadsheet,
  settings: Settings,
  ctx: ReadContext,
  today: string,
): WatchRefreshReport | null {
  const { lang } = settings;
  // Only the columns the rules read or write (a sixth of the cells of the three sheets).
  const clientsTable = readColumns(
    spreadsheet,
    'clients',
    lang,
    WATCH_CLIENT_COLUMNS,
    WATCH_REQUIRED.clients,
  );
  const termsTable = readColumns(
    spreadsheet,
    'terms',
    lang,
    WATCH_TERMS_COLUMNS,
    WATCH_REQUIRED.terms,
  );
  const invoicesTable = readColumns(
    spreadsheet,
    'invoices',
    lang,
    WATCH_INVOICE_COLUMNS,
    WATCH_REQUIRED.invoices,
  );

  const clients = asClients(readAll(clientsTable, ctx));
  const terms = asTerms(readAll(termsTable, ctx));
  const invoiceRead = readInvoices(invoicesTable, ctx);
  const clientProblems = onlyColumns(clients.problems, 'clients', CLIENT_INPUTS);
  const termsProblems = onlyColumns(terms.problems, 'terms', TERMS_INPUTS);
  const problems = [...clientProblems, ...termsProblems, ...invoiceRead.problems];
  // A client with an unreadable cell that the rules need (a term, a limit, an invoice) keeps
  // its computed cells as they are: a guess could raise or clear a flag wrongly.
  const uncertain = new Set([
    ...codesOfRows(termsTable, 'clientCode', termsProblems),
    ...codesOfRows(invoicesTable, 'clientCode', invoiceRead.problems),
  ]);

  const { results, unknownClients } = computeWatch({
    clients: clients.records.map((c) => ({ code: c.code, row: c.row })),
    terms: terms.records,
    invoices: invoiceRead.records,
    settings,
    today,
  });
  for (const key of uncertain) results.delete(key);
  for (const u of unknownClients) {
    for (const row of u.rows) {
      problems.push({
        sheet: invoicesTable.name,
        row,
        column: invoicesTable.header[invoicesTable.index.clientCode] as string,
        message: t('unknownClient', lang, { code: u.code }),
      });
    }
  }

  const clientCells = clientColumns(clientsTable, results, uncertain, lang);
  const termsCells = termsColumns(termsTable, results, uncertain);
  const newlyWatched: NewlyWatched[] = [];
  let watched = 0;
  for (const c of clients.records) {
    const r = results.get(codeKey(c.code));
    if (r ? r.watched : c.watched) watched++; // an uncertain client counts as its cell stands
    if (c.watched || !r?.watched) continue;
    newlyWatched.push({
      code: c.code,
      name: c.name,
      accountManager: c.accountManager,
      reasons: formatWatchReasons(r.reasons, lang),
    });
  }

  // Rows moved since the read (a sort, an insertion)? Then these columns would land on the
  // wrong clients: start over. Only a sheet about to be written needs the check, right before
  // its writes (checked first for both, a sort of Terms while Clients was written put each
  // balance on another client's row: writerProperties.test.ts). Terms first: a retry after
  // it finds Clients unwritten, so the newly watched are still told.
  const clientWrites = changedColumns(clientsTable, clientCells, ctx.timeZone);
  const termsWrites = changedColumns(termsTable, termsCells, ctx.timeZone);
  if (!writeChanged(termsTable, termsWrites, () => sameCodes(termsTable, 'clientCode')))
    return null;
  if (!writeChanged(clientsTable, clientWrites, () => sameCodes(clientsTable, 'code'))) return null;

  return {
    lang,
    today,
    clients: clients.records.length,
    watched,
    newlyWatched,
    problems,
    notifications: null,
    results,
  };
}

type ColumnValues<S extends 'clients' | 'terms'> = Partial<Record<ColumnKey<S>, unknown[]>>;

/** The codeKey of a row's client code cell ('' when blank or not a code). */
function keyOf(
  table: Table<'clients'> | Table<'terms'> | Table<'invoices'>,
  row: readonly unknown[],
  key: 'code' | 'clientCode',
): string {
  const v = row[(table.index as Record<string, number>)[key]!];
  return cellCodeKey(v);
}

function resultOf(
  table: Table<'clients'> | Table<'terms'>,
  row: readonly unknown[],
  key: 'code' | 'clientCode',
  results: Map<string, WatchResult>,
) {
  const k = keyOf(table, row, key);
  return k === '' ? undefined : results.get(k);
}

/**
 * Columns whose unreadable cells matter to the watch (a bad "Type" or tag does not; a computed
 * cell typed over is simply computed again).
 */
const CLIENT_INPUTS: readonly ColumnKey<'clients'>[] = [
  'code',
  'name',
  'accountManager',
  'watched',
];
/** The Terms cells the watch rules read (src/domain/watch.ts): a save that changes one refreshes the client. */
export const TERMS_RULE_INPUTS = ['creditLimit', 'termDays', 'watchReason'] as const;
export const TERMS_INPUTS: readonly ColumnKey<'terms'>[] = ['clientCode', ...TERMS_RULE_INPUTS];

/**
 * The columns without which no client's status can be computed or written: the keys and the
 * computed columns of Clients and Terms, and what makes an invoice. Also the columns of Clients
 * the rules read or compute (the edit trigger's).
 */
export const WATCH_REQUIRED = {
  clients: ['code', 'watched', 'watchReasons'],
  terms: ['clientCode', 'balanceDue', 'lastInvoiceDate', 'lastUnpaidInvoiceDate'],
  invoices: ['number', 'date', 'clientCode', 'amount'],
} as const satisfies { [S in 'clients' | 'terms' | 'invoices']: readonly ColumnKey<S>[] };

/** The columns the refresh reads: the rules' inputs, and the computed columns it compares. */
const WATCH_CLIENT_COLUMNS: readonly ColumnKey<'clients'>[] = [
  'code',
  'name',
  'accountManager',
  'watched',
  'watchReasons',
];
export const WATCH_TERMS_COLUMNS: readonly ColumnKey<'terms'>[] = [
  'clientCode',
  'creditLimit',
  'termDays',
  'watchReason',
  'balanceDue',
  'lastInvoiceDate',
  'lastUnpaidInvoiceDate',
];
export const WATCH_INVOICE_COLUMNS: readonly ColumnKey<'invoices'>[] = [
  'number',
  'date',
  'clientCode',
  'amount',
  'dueDate',
  'paidDate',
];

export function onlyColumns<S extends 'clients' | 'terms'>(
  problems: readonly CellProblem[],
  sheet: S,
  keys: readonly ColumnKey<S>[],
): CellProblem[] {
  const names = new Set<string>();
  for (const c of columnsOf(sheet)) if (keys.includes(c.key)) names.add(c.fr).add(c.en);
  return problems.filter((p) => names.has(p.column));
}

/** The client keys of the rows named by problems (rows whose code itself is blank give none). */
function codesOfRows(
  table: Table<'terms'> | Table<'invoices'>,
  key: 'clientCode',
  problems: readonly CellProblem[],
): string[] {
  const out: string[] = [];
  for (const p of problems) {
    const row = table.rows[p.row - FIRST_DATA_ROW];
    const k = row ? keyOf(table, row, key) : '';
    if (k !== '') out.push(k);
  }
  return out;
}

function clientColumns(
  table: Table<'clients'>,
  results: Map<string, WatchResult>,
  uncertain: ReadonlySet<string>,
  lang: Lang,
): ColumnValues<'clients'> {
  const watched: unknown[] = [];
  const reasons: unknown[] = [];
  for (const row of table.rows) {
    if (uncertain.has(keyOf(table, row, 'code'))) {
      watched.push(KEEP);
      reasons.push(KEEP);
      continue;
    }
    const r = resultOf(table, row, 'code', results);
    // A blank row keeps blank cells; a client gets TRUE/FALSE and its reasons.
    watched.push(r ? r.watched : '');
    reasons.push(r ? formatWatchReasons(r.reasons, lang) : '');
  }
  return { watched, watchReasons: reasons };
}

function termsColumns(
  table: Table<'terms'>,
  results: Map<string, WatchResult>,
  uncertain: ReadonlySet<string>,
): ColumnValues<'terms'> {
  const balance: unknown[] = [];
  const last: unknown[] = [];
  const lastUnpaid: unknown[] = [];
  for (const row of table.rows) {
    const r = resultOf(table, row, 'clientCode', results);
    if (uncertain.has(keyOf(table, row, 'clientCode'))) {
      balance.push(KEEP);
      last.push(KEEP);
      lastUnpaid.push(KEEP);
    } else if (r && r.hasInvoices) {
      balance.push(r.balanceDue);
      last.push(r.lastInvoiceDate ?? '');
      lastUnpaid.push(r.lastUnpaidInvoiceDate ?? '');
    } else {
      // No invoices: Balance due blank (the form reads "no invoices" from it), dates as typed.
      balance.push('');
      last.push(KEEP);
      lastUnpaid.push(KEEP);
    }
  }
  return { balanceDue: balance, lastInvoiceDate: last, lastUnpaidInvoiceDate: lastUnpaid };
}

/** Marks a cell to be written back exactly as it is (value or formula). */
const KEEP = Symbol('keep');

/** Whether the header and the code column still hold what was read (nothing moved in between). */
function sameCodes<S extends 'clients' | 'terms'>(table: Table<S>, key: ColumnKey<S>): boolean {
  return (
    sameHeader(table.sheet, table.header) && stillHolds(table.sheet, table.rows, table.index[key])
  );
}

/** The columns (by position) whose values differ from what was read. */
function changedColumns<S extends 'clients' | 'terms'>(
  table: Table<S>,
  columns: ColumnValues<S>,
  timeZone: string,
): Map<number, unknown[]> {
  const changed = new Map<number, unknown[]>();
  for (const [key, values] of Object.entries(columns) as [ColumnKey<S>, unknown[]][]) {
    const i = table.index[key];
    if (i < 0 || values.length === 0) continue;
    if (values.some((v, r) => v !== KEEP && !sameCell(table.rows[r]![i], v, timeZone)))
      changed.set(i, values);
  }
  return changed;
}

/**
 * Writes the changed columns: adjacent ones together, in one block (Under watch and Watch
 * reasons; Balance due and the last invoice dates). Cells marked KEEP are written back as they
 * are at write time: their formula if they hold one, else their value (text escaped, so
 * "'=1+1" typed as text stays text). Every range and kept cell is read first, then `unmoved`
 * is checked, then the blocks are written (setBlocksIfUnmoved); false when rows moved.
 */
function writeChanged<S extends 'clients' | 'terms'>(
  table: Table<S>,
  changed: ReadonlyMap<number, unknown[]>,
  unmoved: () => boolean,
): boolean {
  const n = table.rows.length;
  const blocks = adjacentRuns([...changed.keys()]).map((run) => {
    const range = table.sheet.getRange(FIRST_DATA_ROW, run.start + 1, n, run.values.length);
    // Kept cells are read again just before the check (a date typed during the run stays),
    // and written back as their formula, or as their value with text kept as text.
    const keeps = run.values.some((i) => changed.get(i)!.includes(KEEP));
    const fresh = keeps ? range.getValues() : null;
    const formulas = keeps ? range.getFormulas() : null;
    const values = table.rows.map((_, r) =>
      run.values.map((i, k) => {
        const v = changed.get(i)![r];
        if (v !== KEEP) return v;
        return formulas?.[r]?.[k] || asCellValue(fresh?.[r]?.[k] ?? '');
      }),
    );
    return { range, values };
  });
  return setBlocksIfUnmoved(blocks, unmoved);
}

/** Whether a cell as read already holds the value to write (days compared in the sheet's zone). */
export function sameCell(stored: unknown, wanted: unknown, timeZone: string): boolean {
  if (stored instanceof Date)
    return typeof wanted === 'string' && dayInZone(stored, timeZone) === wanted;
  if (typeof wanted === 'number' && typeof stored === 'number')
    return Math.abs(stored - wanted) < 0.005;
  return stored === wanted;
}
