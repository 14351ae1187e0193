/**
 * The client statement (État de compte, decision 020 point 6): for one client, what it owes as the
 * books have it today — its open invoices with their payments and remaining balances, the aging
 * totals, the payments of the last 90 days and the invoice remarks of Terms — as a page in the
 * client's language (Clients › Language; blank: the workbook's), shown in a dialog with a Print
 * button, and optionally e-mailed to the client's Email as an HTML body.
 *
 * The figures are computed here, as of today in the spreadsheet's time zone, with the domain
 * functions the watch refresh uses (matchPayments for each invoice's money, watchClient for the
 * aging), never read from the Terms computed columns, which may be stale until the next refresh.
 *
 * Reads the key column of Terms, Invoices and Payments, then only the client's rows whole (as
 * the per-client refresh does): a few calls whatever the size of the sheets.
 *
 * No PDF attached. The reference of Blob.getAs(contentType) lists no authorization scope of its
 * own, says 'application/pdf' is the only valid target for most blobs, and counts conversions
 * against a daily quota ("Quotas for Google Services"); it does not say how an HTML blob (our
 * styles, tables) is rendered. A second daily quota to count, and a rendering we cannot check
 * offline (the emulator does not model the conversion): left out. A person who wants a
 * PDF prints the dialog to PDF from the browser's print dialog (the Print button).
 * https://developers.google.com/apps-script/reference/base/blob-source#getAs(String)
 */
import { codeKey, type ReadContext } from '../../domain/cells';
import { matchPayments } from '../../domain/payments';
import { addDays, dayInZone } from '../../domain/time';
import { watchClient, type WatchResult } from '../../domain/watch';
import type { Day, Settings } from '../../domain/types';
import { choiceFromText, type ColumnKey, type Lang, type SheetKey } from '../../shared/contract';
import { MOVED, untilSettled } from '../platform/attempts';
import { loadSettings } from '../platform/settings';
import { WATCH_REQUIRED } from '../watch/columns';
import { readAll, readInvoices, readPayments } from '../workbook/records';
import { readColumns, readColumnsIfPresent, rowsWithCode, withWholeRows } from '../workbook/read';
import { FIRST_DATA_ROW, type Table } from '../workbook/sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Payments shown: those dated within this many days before today. */
export const RECENT_PAYMENT_DAYS = 90;

export interface StatementInvoice {
  number: string;
  date: Day;
  dueDate: Day;
  amount: number;
  received: number;
  remaining: number;
}

export interface StatementPayment {
  date: Day;
  invoiceNumber: string;
  amount: number;
  reference: string;
}

export interface StatementData {
  /** The client's language (its Language cell; blank: the workbook's). */
  lang: Lang;
  /** The workbook's language (the dialog's buttons and messages for the team). */
  workbookLang: Lang;
  today: Day;
  code: string;
  name: string;
  /** Address lines, blanks dropped. */
  address: string[];
  email: string;
  invoices: StatementInvoice[];
  balanceDue: number;
  aging: WatchResult['aging'];
  payments: StatementPayment[];
  remarks: string;
  /**
   * Cells of the client's rows that could not be read ("Factures!E12: …"), in the workbook
   * language: the figures leave those rows out, so the team is told and the e-mail refused.
   */
  problems: string[];
}

/** The client code of a row: the sheets a statement starts from, and their code column. */
export const STATEMENT_SHEETS = [
  { key: 'clients', column: 'code' },
  { key: 'terms', column: 'clientCode' },
  { key: 'invoices', column: 'clientCode' },
] as const satisfies readonly { key: SheetKey; column: string }[];

/**
 * The statement of the client `code` as of today; null when no Clients row has that code.
 * Rows sorted or deleted while it reads: read again (untilSettled).
 */
export function statementData(spreadsheet: Spreadsheet, code: string): StatementData | null {
  const settings = loadSettings(spreadsheet);
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const today = dayInZone(new Date(), timeZone);
  const ctx: ReadContext = { lang: settings.lang, timeZone };
  const key = codeKey(code);
  if (key === '') return null;
  return untilSettled(settings.lang, () => readOnce(spreadsheet, key, ctx, settings, today));
}

/** The client's rows of a sheet, whole; null: the (optional) sheet is absent; MOVED: read again. */
function clientRows<S extends SheetKey>(
  spreadsheet: Spreadsheet,
  sheet: S,
  column: ColumnKey<S>,
  key: string,
  lang: Lang,
  required: readonly ColumnKey<S>[],
  optional = false,
): Table<S> | null | typeof MOVED {
  const keyed = optional
    ? readColumnsIfPresent(spreadsheet, sheet, lang, [column], required)
    : readColumns(spreadsheet, sheet, lang, [column], required);
  if (!keyed) return null;
  const rows = rowsWithCode(keyed, column, key);
  const whole = withWholeRows(keyed, rows, [column]);
  if (!whole) return MOVED;
  // Only the client's rows: the others hold blanks in the columns not read, and an empty row
  // is skipped by readAll.
  const keep = new Set(rows);
  return { ...whole, rows: whole.rows.map((r, i) => (keep.has(i + FIRST_DATA_ROW) ? r : [])) };
}

function readOnce(
  spreadsheet: Spreadsheet,
  key: string,
  ctx: ReadContext,
  settings: Settings,
  today: Day,
): StatementData | null | typeof MOVED {
  const { lang } = settings;
  const clients = clientRows(spreadsheet, 'clients', 'code', key, lang, ['code', 'name']);
  const terms = clientRows(spreadsheet, 'terms', 'clientCode', key, lang, WATCH_REQUIRED.terms);
  const invoices = clientRows(
    spreadsheet,
    'invoices',
    'clientCode',
    key,
    lang,
    WATCH_REQUIRED.invoices,
  );
  const payments = clientRows(
    spreadsheet,
    'payments',
    'clientCode',
    key,
    lang,
    WATCH_REQUIRED.payments,
    true,
  );
  if (clients === MOVED || terms === MOVED || invoices === MOVED || payments === MOVED)
    return MOVED;
  const clientRead = clients ? readAll(clients, ctx) : null;
  const client = clientRead?.records[0];
  if (!client) return null;
  const termsRead = terms ? readAll(terms, ctx) : { records: [], problems: [] };
  const invoicesRead = invoices ? readInvoices(invoices, ctx) : { records: [], problems: [] };
  const paymentsRead = payments ? readPayments(payments, ctx) : { records: [], problems: [] };
  // At most one Terms row per client (DESIGN.md); of two, the first is the client's.
  const termsRow = termsRead.records[0];
  const references = new Map<number, string>();
  if (payments) {
    const ri = payments.index.reference;
    for (const p of paymentsRead.records)
      references.set(
        p.row,
        ri >= 0 ? String(payments.rows[p.row - FIRST_DATA_ROW]?.[ri] ?? '') : '',
      );
  }

  // The same rules as the refresh: the aging buckets and the balance from watchClient, each
  // invoice's money from matchPayments (a payment naming another client's invoice: not applied).
  const result = watchClient(termsRow, invoicesRead.records, settings, today, paymentsRead.records);
  const { money } = matchPayments(invoicesRead.records, paymentsRead.records);
  const termDays = termsRow?.termDays ?? settings.defaultTermDays;
  const open: StatementInvoice[] = [];
  const recent: StatementPayment[] = [];
  const since = addDays(today, -RECENT_PAYMENT_DAYS);
  invoicesRead.records.forEach((inv, i) => {
    const m = money[i]!;
    for (const p of m.payments)
      if (p.date >= since && p.date <= today)
        recent.push({
          date: p.date,
          invoiceNumber: inv.number,
          amount: p.amount,
          reference: references.get(p.row ?? -1) ?? '',
        });
    if (m.paidOn !== null) return;
    open.push({
      number: inv.number,
      date: inv.date,
      dueDate: inv.dueDate ?? addDays(inv.date, termDays),
      amount: inv.amount,
      received: m.receivedCents / 100,
      remaining: m.remainingCents / 100,
    });
  });
  open.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  recent.sort((a, b) => (a.date > b.date ? -1 : a.date < b.date ? 1 : 0));
  const problems = [
    ...(clientRead?.problems ?? []),
    ...termsRead.problems,
    ...invoicesRead.problems,
    ...paymentsRead.problems,
  ].map((p) => `${p.sheet}!${p.column} ${p.row}: ${p.message}`);
  const language = choiceFromText('language', String(client.language ?? ''));
  return {
    lang: language === 'fr' || language === 'en' ? language : lang,
    workbookLang: lang,
    today,
    code: client.code.trim(),
    name: client.name,
    address: [
      client.address,
      [client.city, client.province, client.postalCode].filter((s) => s.trim() !== '').join(' '),
      client.country,
    ].filter((s) => s.trim() !== ''),
    email: client.email.trim(),
    invoices: open,
    balanceDue: result.balanceDue,
    aging: result.aging,
    payments: recent,
    remarks: termsRow?.invoiceRemarks ?? '',
    problems,
  };
}
