/**
 * One client's watch status, recomputed right after the form saved a change of its manual
 * reason, credit limit or term: the same rules as refreshWatchList (src/domain/watch.ts), fed
 * with that client's Terms row and invoices only. The full refresh reads every invoice (about
 * 22 s at 100,000 invoices, bench/README.md); this reads the Invoices client-code column and
 * the client's own rows. The other clients' status cannot have changed with this save.
 */
import { codeKey, type ReadContext } from '../domain/cells';
import { dayInZone } from '../domain/time';
import { watchClient, formatWatchReasons, type WatchResult } from '../domain/watch';
import type { ColumnKey, SheetKey } from '../shared/contract';
import { t } from './messages';
import { notifyNewlyWatched } from './notifications';
import { asClients, asTerms, readAll, readInvoices } from './records';
import { loadSettings } from './settings';
import { TERMS_INPUTS, onlyColumns, sameCell } from './watchList';
import {
  FIRST_DATA_ROW,
  readColumns,
  rowsWithCode,
  sheetValues,
  withWholeRows,
  writeRowCells,
  WorkbookError,
  type Table,
} from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LOCK_WAIT_MS = 10_000;
const ATTEMPTS = 3;

/**
 * Recomputes and writes the watch cells of the client `code` (Under watch, Watch reasons,
 * Balance due, the last invoice dates); the account manager is told when it becomes watched.
 * Returns its status, or null when a cell it depends on cannot be read (its cells are then
 * left as they are, as the full refresh does) or it has no row in Clients.
 */
export function refreshClientWatch(spreadsheet: Spreadsheet, code: string): WatchResult | null {
  const settings = loadSettings(spreadsheet);
  const { lang } = settings;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const ctx: ReadContext = { lang, timeZone };
  const today = dayInZone(new Date(), timeZone);
  const key = codeKey(code);

  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new WorkbookError(t(lang, 'busy'));
  let outcome: Outcome | null | undefined;
  try {
    for (let attempt = 0; attempt < ATTEMPTS && outcome === undefined; attempt++)
      outcome = refreshOnce(spreadsheet, key, ctx, settings, today);
    if (outcome === undefined) throw new WorkbookError(t(lang, 'busy'));
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
  if (!outcome) return null;
  const { result, client } = outcome;
  if (result.watched && !client.watched && settings.notifyWatch) {
    const sent = notifyNewlyWatched(
      spreadsheet,
      [
        {
          code: client.code,
          name: client.name,
          accountManager: client.accountManager,
          reasons: formatWatchReasons(result.reasons, lang),
        },
      ],
      settings,
    );
    if (sent.failed.length > 0 || sent.overQuota > 0)
      console.warn(`Watch notification not sent: ${JSON.stringify(sent)}`);
  }
  return result;
}

interface Outcome {
  result: WatchResult;
  client: { code: string; name: string; accountManager: string; watched: boolean };
}

/** undefined: rows moved under the read, try again; null: nothing to write. */
function refreshOnce(
  spreadsheet: Spreadsheet,
  key: string,
  ctx: ReadContext,
  settings: ReturnType<typeof loadSettings>,
  today: string,
): Outcome | null | undefined {
  const { lang } = settings;
  const clientsKeys = readColumns(spreadsheet, 'clients', lang, ['code'], CLIENT_REQUIRED);
  const termsKeys = readColumns(spreadsheet, 'terms', lang, ['clientCode'], TERMS_REQUIRED);
  const invoicesKeys = readColumns(
    spreadsheet,
    'invoices',
    lang,
    ['clientCode'],
    ['number', 'date', 'clientCode', 'amount'],
  );
  const clientsTable = withWholeRows(clientsKeys, rowsWithCode(clientsKeys, 'code', key), ['code']);
  const termsTable = withWholeRows(termsKeys, rowsWithCode(termsKeys, 'clientCode', key), [
    'clientCode',
  ]);
  const invoicesTable = withWholeRows(invoicesKeys, rowsWithCode(invoicesKeys, 'clientCode', key), [
    'clientCode',
  ]);
  if (!clientsTable || !termsTable || !invoicesTable) return undefined;

  const clientRows = rowsWithCode(clientsTable, 'code', key);
  const termsRows = rowsWithCode(termsTable, 'clientCode', key);
  const invoiceRows = new Set(rowsWithCode(invoicesTable, 'clientCode', key));
  const clients = asClients(readAll(clientsTable, ctx)).records.filter((c) =>
    clientRows.includes(c.row),
  );
  const terms = asTerms(readAll(termsTable, ctx));
  const invoices = readInvoices(invoicesTable, ctx);
  const first = clients[0];
  if (!first) return null;
  // An unreadable cell the rules need: leave the computed cells as they are (no guessed flag).
  const doubtful =
    onlyColumns(terms.problems, 'terms', TERMS_INPUTS).some((p) => termsRows.includes(p.row)) ||
    invoices.problems.some((p) => invoiceRows.has(p.row));
  if (doubtful) return null;

  const result = watchClient(
    terms.records.find((r) => termsRows.includes(r.row)),
    invoices.records.filter((r) => invoiceRows.has(r.row)),
    settings,
    today,
  );
  // The rows about to be written still hold the client (nobody sorted meanwhile)?
  if (!stillThere(clientsTable, 'code', clientRows)) return undefined;
  if (!stillThere(termsTable, 'clientCode', termsRows)) return undefined;

  const reasons = formatWatchReasons(result.reasons, lang);
  for (const row of clientRows) {
    const stored = clientsTable.rows[row - FIRST_DATA_ROW]!;
    const changed: Partial<Record<ColumnKey<'clients'>, unknown>> = {};
    if (stored[clientsTable.index.watched] !== result.watched) changed.watched = result.watched;
    if (stored[clientsTable.index.watchReasons] !== reasons) changed.watchReasons = reasons;
    if (Object.keys(changed).length > 0) writeRowCells(clientsTable, row, changed);
  }
  for (const row of termsRows) {
    const stored = termsTable.rows[row - FIRST_DATA_ROW]!;
    const wanted: Partial<Record<ColumnKey<'terms'>, unknown>> = result.hasInvoices
      ? {
          balanceDue: result.balanceDue,
          lastInvoiceDate: result.lastInvoiceDate ?? '',
          lastUnpaidInvoiceDate: result.lastUnpaidInvoiceDate ?? '',
        }
      : // No invoices: Balance due blank, the hand-typed last invoice dates kept.
        { balanceDue: '' };
    const changed: Partial<Record<ColumnKey<'terms'>, unknown>> = {};
    for (const [k, v] of Object.entries(wanted) as [ColumnKey<'terms'>, unknown][]) {
      const i = termsTable.index[k];
      if (i >= 0 && !sameCell(stored[i], v, ctx.timeZone)) changed[k] = v;
    }
    if (Object.keys(changed).length > 0) writeRowCells(termsTable, row, changed);
  }
  return {
    result,
    client: {
      code: first.code,
      name: first.name,
      accountManager: first.accountManager,
      watched: first.watched,
    },
  };
}

const CLIENT_REQUIRED: ColumnKey<'clients'>[] = ['code', 'watched', 'watchReasons'];
const TERMS_REQUIRED: ColumnKey<'terms'>[] = [
  'clientCode',
  'balanceDue',
  'lastInvoiceDate',
  'lastUnpaidInvoiceDate',
];

/** Whether the key column still holds, at these rows, what was read (one call per sheet). */
function stillThere<S extends SheetKey>(
  table: Table<S>,
  column: ColumnKey<S>,
  rows: number[],
): boolean {
  if (rows.length === 0) return true;
  const i = table.index[column];
  const top = Math.min(...rows);
  const now = sheetValues(table.sheet, top, i + 1, Math.max(...rows) - top + 1, 1);
  return rows.every(
    (r) => String(now[r - top]?.[0] ?? '') === String(table.rows[r - FIRST_DATA_ROW]![i] ?? ''),
  );
}
