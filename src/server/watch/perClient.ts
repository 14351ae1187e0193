/**
 * The watch status of a few clients, recomputed after a change that concerns only them: a form
 * save of a manual reason, credit limit or term, or a hand edit of a few rows of Invoices, Terms
 * or Clients. Same rules as refreshWatchList (src/domain/watch.ts), fed with those clients'
 * Terms rows and invoices only: the full refresh reads every invoice (about 22 s at 100,000
 * invoices, bench/README.md); this reads the key columns and those clients' own rows. Nobody
 * else's status can have changed.
 */
import { codeKey, type ReadContext } from '../../domain/cells';
import { dayInZone } from '../../domain/time';
import type { Settings } from '../../domain/types';
import {
  watchCells,
  watchClient,
  KEPT,
  withBadCells,
  type WatchResult,
  type WatchSheet,
} from '../../domain/watch';
import { isInactive, type ColumnKey, type SheetKey } from '../../shared/contract';
import type { NewlyWatched } from './notifications';
import { notifyKeeping } from './notices';
import type { Pending } from '../platform/pending';
import { readAll, readInvoices, readPayments } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { onlyColumns, sameCell } from './refresh';
import { badCellReasons, SAID_COLUMNS, WATCH_READ_COLUMNS, WATCH_REQUIRED } from './columns';
import { FIRST_DATA_ROW, type Table } from '../workbook/sheets';
import { readColumns, readColumnsIfPresent, rowsWithCode, withWholeRows } from '../workbook/read';
import { unmoved } from '../workbook/rowChecks';
import { rowCellBlocks, setBlocksIfUnmoved, type CellBlock } from '../workbook/write';
import { withDocumentLock } from '../platform/lock';
import { MOVED, untilSettled } from '../platform/attempts';
import { logMailReport } from '../platform/log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LOCK_WAIT_MS = 10_000;
/** More clients than this: the full refresh (it writes whole columns in a few calls). */
export const MAX_CLIENTS = 10;

/**
 * Recomputes and writes the watch cells of the clients `codes` (Under watch, Watch reasons,
 * Balance due, the last invoice dates); account managers are told of those newly watched.
 * Returns each client's status by codeKey; null for a client with an unreadable cell the rules
 * need (its cells are left as they are, as the full refresh does) or without a Clients row.
 */
export function refreshClientsWatch(
  spreadsheet: Spreadsheet,
  codes: readonly string[],
  /** The work kept for later, when the caller read it: its notices are retried too. */
  pending: Pending | null = null,
): Map<string, WatchResult | null> {
  const settings = loadSettings(spreadsheet);
  const { lang } = settings;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const ctx: ReadContext = { lang, timeZone };
  const today = dayInZone(new Date(), timeZone);
  const keys = new Set(codes.map(codeKey).filter((k) => k !== ''));

  const outcome = withDocumentLock(lang, LOCK_WAIT_MS, () =>
    untilSettled(lang, () => refreshClientsOnce(spreadsheet, keys, ctx, settings, today) ?? MOVED),
  );
  // Mail goes out after the lock is released (slow, needs no sheet); notices not sent are kept
  // for the next run (watch/notices.ts).
  const sent = notifyKeeping(spreadsheet, outcome.newlyWatched, settings, pending, timeZone);
  if (sent && (sent.failed.length > 0 || sent.overQuota > 0 || sent.badAddress.length > 0))
    logMailReport('Watch notifications not all sent', sent);
  return outcome.results;
}

interface Outcome {
  results: Map<string, WatchResult | null>;
  newlyWatched: NewlyWatched[];
}

/** One read-compute-write pass over the given clients' rows only; undefined when rows moved under it (try again). */
function refreshClientsOnce(
  spreadsheet: Spreadsheet,
  keys: ReadonlySet<string>,
  ctx: ReadContext,
  settings: Settings,
  today: string,
): Outcome | undefined {
  const { lang } = settings;
  const clients = withRowsOf(
    readColumns(spreadsheet, 'clients', lang, ['code'], WATCH_REQUIRED.clients),
    'code',
    keys,
  );
  const terms = withRowsOf(
    readColumns(spreadsheet, 'terms', lang, ['clientCode'], WATCH_REQUIRED.terms),
    'clientCode',
    keys,
  );
  const invoices = withRowsOf(
    readColumns(spreadsheet, 'invoices', lang, ['clientCode'], WATCH_REQUIRED.invoices),
    'clientCode',
    keys,
  );
  // Payments (optional sheet): the clients' own rows, by their client code. A payment naming
  // another client's invoice is applied to no one, here as in the full refresh.
  const paymentsKeyed = readColumnsIfPresent(
    spreadsheet,
    'payments',
    lang,
    ['clientCode'],
    WATCH_REQUIRED.payments,
  );
  const payments = paymentsKeyed ? withRowsOf(paymentsKeyed, 'clientCode', keys) : null;
  if (!clients || !terms || !invoices || (paymentsKeyed && !payments)) return undefined;

  // The rows are read whole (a few calls for a few rows) but read as the refresh reads them:
  // the same columns, so an unreadable cell the refresh does not read (an invoice's Cost) does
  // not make the client doubtful here only.
  const clientRecords = readAll(only(clients, 'clients'), ctx).records;
  const termsRead = readAll(only(terms, 'terms'), ctx);
  const invoicesRead = readInvoices(only(invoices, 'invoices'), ctx);
  const paymentsRead = payments
    ? readPayments(only(payments, 'payments'), ctx)
    : { records: [], problems: [] };
  // Invoices and payments with an unreadable cell: their client's cells are left as they are.
  // An unreadable cell of a Terms row is said in the client's Watch reasons (as the full
  // refresh does).
  const doubtfulRows = {
    invoices: new Set(invoicesRead.problems.map((p) => p.row)),
    payments: new Set(paymentsRead.problems.map((p) => p.row)),
  };
  const termsProblems = onlyColumns(termsRead.problems, 'terms', SAID_COLUMNS.terms);

  const results = new Map<string, WatchResult | null>();
  const newlyWatched: NewlyWatched[] = [];
  const writes: Record<'clients' | 'terms', CellBlock[]> = { clients: [], terms: [] };
  for (const key of keys) {
    const clientRows = clients.rows.get(key) ?? [];
    const termsRows = terms.rows.get(key) ?? [];
    const invoiceRows = new Set(invoices.rows.get(key) ?? []);
    const paymentRows = new Set(payments?.rows.get(key) ?? []);
    const client = clientRecords.find((c) => clientRows.includes(c.row));
    const doubtful =
      [...invoiceRows].some((r) => doubtfulRows.invoices.has(r)) ||
      [...paymentRows].some((r) => doubtfulRows.payments.has(r));
    if (!client || doubtful) {
      results.set(key, null);
      // Terms rows of a code no client has (renamed, or typed wrong): Balance due blank, as the
      // full refresh leaves it.
      if (!client && !doubtful)
        for (const row of termsRows)
          writeChanged(terms.table, row, watchCells(null, lang).terms, ctx, writes.terms);
      continue;
    }
    const termsRow = termsRead.records.find((r) => termsRows.includes(r.row));
    const result = withBadCells(
      watchClient(
        termsRow,
        invoicesRead.records.filter((r) => invoiceRows.has(r.row)),
        settings,
        today,
        paymentsRead.records.filter((r) => paymentRows.has(r.row)),
      ),
      // The first Terms row is the client's (as computeWatch takes it).
      badCellReasons(termsProblems.filter((p) => p.row === termsRow?.row)).get(key) ?? [],
    );
    results.set(key, result);
    const cells = watchCells(result, lang);
    if (result.watched && !client.watched)
      newlyWatched.push({
        code: client.code,
        name: client.name,
        accountManager: client.accountManager,
        reasons: String(cells.clients.watchReasons),
        ...(isInactive(client.status) && { inactive: true }),
      });
    for (const row of clientRows)
      writeChanged(clients.table, row, cells.clients, ctx, writes.clients);
    for (const row of termsRows) writeChanged(terms.table, row, cells.terms, ctx, writes.terms);
  }
  // The rows written still hold their clients (nobody sorted meanwhile)? Checked right before
  // each sheet's writes (checked first for both, a row deleted while Clients was written put
  // a status on the next client's row: writerProperties.test.ts). Terms first: a retry after
  // it finds Clients unwritten, so the newly watched are still told.
  const allTerms = [...terms.rows.values()].flat();
  if (!setBlocksIfUnmoved(writes.terms, () => unmoved(terms.table, 'clientCode', allTerms)))
    return undefined;
  const allClients = [...clients.rows.values()].flat();
  if (!setBlocksIfUnmoved(writes.clients, () => unmoved(clients.table, 'code', allClients)))
    return undefined;
  return { results, newlyWatched };
}

/** The table with the whole rows of the clients `keys` read, and those rows by client. */
function withRowsOf<S extends SheetKey>(
  keyed: Table<S>,
  column: ColumnKey<S>,
  keys: ReadonlySet<string>,
): { table: Table<S>; rows: Map<string, number[]> } | null {
  const rows = new Map<string, number[]>();
  for (const key of keys) rows.set(key, rowsWithCode(keyed, column, key));
  const table = withWholeRows(keyed, [...rows.values()].flat(), [column]);
  return table && { table, rows };
}

/**
 * The table with the rows of the clients only (the others read as blank and are skipped), and
 * in them the columns the refresh reads only (the others read as blank).
 */
function only<S extends WatchSheet>(
  read: { table: Table<S>; rows: Map<string, number[]> },
  sheet: S,
): Table<S> {
  const keep = new Set([...read.rows.values()].flat());
  const { index } = read.table;
  const positions = WATCH_READ_COLUMNS[sheet]
    .map((k) => (index as Record<string, number>)[k] ?? -1)
    .filter((i) => i >= 0);
  return {
    ...read.table,
    rows: read.table.rows.map((row, i) => {
      if (!keep.has(i + FIRST_DATA_ROW)) return NO_CELLS;
      const out = new Array<unknown>(row.length).fill('');
      for (const p of positions) out[p] = row[p];
      return out;
    }),
  };
}
const NO_CELLS: unknown[] = [];

/**
 * Plans the write of the cells of one row that differ from what was read (computed columns
 * only): its blocks go into `into`, written after the check.
 */
function writeChanged<S extends 'clients' | 'terms'>(
  table: Table<S>,
  row: number,
  wanted: Partial<Record<ColumnKey<S>, unknown>>,
  ctx: ReadContext,
  into: CellBlock[],
): void {
  const stored = table.rows[row - FIRST_DATA_ROW]!;
  const changed: Partial<Record<ColumnKey<S>, unknown>> = {};
  for (const [k, v] of Object.entries(wanted) as [ColumnKey<S>, unknown][]) {
    const i = table.index[k];
    // KEPT: a hand-typed last invoice date of a client without invoices stays.
    if (v !== KEPT && i >= 0 && !sameCell(stored[i], v, ctx.timeZone)) changed[k] = v;
  }
  if (Object.keys(changed).length > 0) into.push(...rowCellBlocks(table, row, changed));
}
