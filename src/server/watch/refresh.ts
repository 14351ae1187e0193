/**
 * refreshWatchList: recomputes Under watch, Watch reasons, Balance due, the last invoice and
 * payment dates and the aging columns of every client, from Clients, Terms, Invoices and
 * Payments (optional: a workbook without it has no payments), with the pure rules of
 * src/domain/watch.ts. Payments that match no invoice of their client are listed as problems.
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
import {
  computeWatch,
  formatWatchReasons,
  KEPT,
  watchCells,
  withBadCells,
  type WatchOutputKey,
  type WatchOutputSheet,
  type WatchResult,
} from '../../domain/watch';
import { isInactive, type ColumnKey, type Lang } from '../../shared/contract';
import { t } from '../platform/messages';
import { readAll, readInvoices, readPayments } from '../workbook/records';
import { unmatchedProblem } from '../../domain/payments';
import { badCellReasons, SAID_COLUMNS, WATCH_READ_COLUMNS, WATCH_REQUIRED } from './columns';
import { loadSettings } from '../platform/settings';
import type { NewlyWatched, NotificationReport } from './notifications';
import { notifyKeeping } from './notices';
import { NOTHING, pendingWatch, settlePending, type Pending } from '../platform/pending';
import { adjacentRuns, columnsOf, FIRST_DATA_ROW, type Table } from '../workbook/sheets';
import { asCellValue, setBlocksIfUnmoved } from '../workbook/write';
import { readColumns, readColumnsIfPresent } from '../workbook/read';
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
  options: {
    notify?: boolean;
    /**
     * The work kept for later (platform/pending.ts), as the caller read it: this refresh does
     * its watch part (every client) and retries its notices, then settles both.
     */
    pending?: Pending | null;
  } = {},
): WatchRefreshReport {
  const settings = loadSettings(spreadsheet);
  const lang = settings.lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const ctx: ReadContext = { lang, timeZone };
  const today = dayInZone(new Date(), timeZone);
  const pending = options.pending ?? null;

  const report = withDocumentLock(lang, LOCK_WAIT_MS, () =>
    untilSettled(lang, () => refreshAllOnce(spreadsheet, settings, ctx, today) ?? MOVED),
  );
  // Every client recomputed: the watch work kept for later is done, and the record says so.
  if (pending && pendingWatch(pending) !== NOTHING)
    settlePending(pending, { watch: 'all', edit: { state: 'done', message: t('keptDone', lang) } });
  // Mail goes out after the lock is released: it is slow and needs no sheet. Notices not sent
  // are kept for the next run (watch/notices.ts).
  if (options.notify !== false) {
    const sent = notifyKeeping(spreadsheet, report.newlyWatched, settings, pending, timeZone);
    report.notifications = sent;
    if (sent && (sent.failed.length > 0 || sent.overQuota > 0 || sent.badAddress.length > 0))
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
  const read = <S extends 'clients' | 'terms' | 'invoices'>(sheet: S) =>
    readColumns(spreadsheet, sheet, lang, WATCH_READ_COLUMNS[sheet], WATCH_REQUIRED[sheet]);
  const clientsTable = read('clients');
  const termsTable = read('terms');
  const invoicesTable = read('invoices');
  const paymentsTable = readColumnsIfPresent(
    spreadsheet,
    'payments',
    lang,
    WATCH_READ_COLUMNS.payments,
    WATCH_REQUIRED.payments,
  );

  const clients = readAll(clientsTable, ctx);
  const terms = readAll(termsTable, ctx);
  const invoiceRead = readInvoices(invoicesTable, ctx);
  const paymentRead = paymentsTable
    ? readPayments(paymentsTable, ctx)
    : { records: [], problems: [] };
  const clientProblems = onlyColumns(clients.problems, 'clients', WATCH_READ_COLUMNS.clients);
  const termsProblems = onlyColumns(terms.problems, 'terms', SAID_COLUMNS.terms);
  const problems = [
    ...clientProblems,
    ...termsProblems,
    ...invoiceRead.problems,
    ...paymentRead.problems,
  ];
  // A client with an unreadable invoice or payment keeps its computed cells as they are: a
  // guess could raise or clear a flag wrongly (the run's problems name the row). An unreadable
  // cell of its Terms row is said in its Watch reasons instead (decision 021), which puts it
  // under watch.
  const uncertain = new Set([
    ...codesOfRows(invoicesTable, 'clientCode', invoiceRead.problems),
    ...(paymentsTable ? codesOfRows(paymentsTable, 'clientCode', paymentRead.problems) : []),
  ]);
  const badCells = badCellReasons(termsProblems);

  const { results, unknownClients, unmatchedPayments } = computeWatch({
    clients: clients.records.map((c) => ({ code: c.code, row: c.row })),
    terms: terms.records,
    invoices: invoiceRead.records,
    payments: paymentRead.records,
    settings,
    today,
  });
  for (const [key, bad] of badCells) {
    const r = results.get(key);
    if (r) results.set(key, withBadCells(r, bad));
  }
  if (paymentsTable)
    for (const u of unmatchedPayments) {
      const p = unmatchedProblem(u);
      const column = columnsOf('payments').find((c) => c.key === p.column)!;
      problems.push({
        sheet: paymentsTable.name,
        row: p.row ?? 0,
        column: column[lang],
        message: p.message[lang],
      });
    }
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

  const clientCells = outputColumns(clientsTable, 'clients', 'code', results, uncertain, lang);
  const termsCells = outputColumns(termsTable, 'terms', 'clientCode', results, uncertain, lang);
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
      ...(isInactive(c.status) && { inactive: true }),
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

type ColumnValues<S extends WatchOutputSheet> = Record<WatchOutputKey<S>, unknown[]>;

/** The codeKey of a row's client code cell ('' when blank or not a code). */
function keyOf(
  table: { readonly index: object },
  row: readonly unknown[],
  key: 'code' | 'clientCode',
): string {
  const v = row[(table.index as Record<string, number>)[key]!];
  return cellCodeKey(v);
}

function resultOf(
  table: { readonly index: object },
  row: readonly unknown[],
  key: 'code' | 'clientCode',
  results: Map<string, WatchResult>,
) {
  const k = keyOf(table, row, key);
  return k === '' ? undefined : results.get(k);
}

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
  table: Table<'terms'> | Table<'invoices'> | Table<'payments'>,
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

/** Each computed column's values, row by row (watchCells), for every row of the table. */
function outputColumns<S extends WatchOutputSheet>(
  table: Table<S>,
  sheet: S,
  key: 'code' | 'clientCode',
  results: Map<string, WatchResult>,
  uncertain: ReadonlySet<string>,
  lang: Lang,
): ColumnValues<S> {
  const keys = Object.keys(watchCells(null, lang)[sheet]);
  const columns: Record<string, unknown[]> = Object.fromEntries(keys.map((k) => [k, []]));
  for (const row of table.rows) {
    // A client with an unreadable input keeps its computed cells as they are; a blank row gets
    // blank cells; a client its status.
    const cells: Record<string, unknown> = uncertain.has(keyOf(table, row, key))
      ? {}
      : watchCells(resultOf(table, row, key, results) ?? null, lang)[sheet];
    for (const k of keys) columns[k]!.push(k in cells ? cells[k] : KEPT);
  }
  return columns as ColumnValues<S>;
}

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
    if (values.some((v, r) => v !== KEPT && !sameCell(table.rows[r]![i], v, timeZone)))
      changed.set(i, values);
  }
  return changed;
}

/**
 * Writes the changed columns: adjacent ones together, in one block (Under watch and Watch
 * reasons; Balance due and the last invoice dates). Cells marked KEPT are written back as they
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
    const keeps = run.values.some((i) => changed.get(i)!.includes(KEPT));
    const fresh = keeps ? range.getValues() : null;
    const formulas = keeps ? range.getFormulas() : null;
    const values = table.rows.map((_, r) =>
      run.values.map((i, k) => {
        const v = changed.get(i)![r];
        if (v !== KEPT) return v;
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
