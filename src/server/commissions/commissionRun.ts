/**
 * computeCommissions(month): the commission lines of a month (src/domain/commissions.ts) written
 * to Commission details, one total per salesperson to Commission report.
 *
 * Recomputing a month replaces exactly that month's rows (rewritten in place by key, the extra
 * lines appended, the surplus rows deleted: writeMonth) and keeps the team's own columns by
 * key; other months are not touched, and a sheet whose month rows are already the new ones is
 * not written at all. Only the columns the rules use are read, and of Commission details only
 * the Month and Month of origin columns and the rows the run needs.
 *
 * Settled rows (decision 020): a report row ticked Paid out is settled. Its Amount paid out is
 * recorded once, and neither it nor its salesperson's detail lines of that month are rewritten
 * again. What a settled month's lines give now, within the months kept (Settings), is compared
 * with what was paid and already adjusted; the difference is posted once as Adjustment lines
 * (invoice, Month of origin) in the month computed, and added to its Adjustments and Commission
 * (src/domain/settlement.ts). Nothing to ask before recomputing: nothing paid changes.
 */
import { codeKey, type ReadContext } from '../../domain/cells';
import {
  computeCommissions as computeLines,
  validateAgreement,
  type AgreementRow,
  type CommissionLine,
  type CommissionResult,
  type SalespersonTotal,
} from '../../domain/commissions';
import { isMonth, monthInZone, monthOfDay, previousMonth, dayInZone } from '../../domain/time';
import { retentionCutoff } from '../../domain/headroom';
import type { CellProblem } from '../../domain/types';
import type { CellValue } from '../../domain/cells';
import {
  ADJUSTMENT_TYPE,
  choiceFromText,
  choiceLabel,
  type ColumnKey,
  type Lang,
} from '../../shared/contract';
import { adjustmentsOf, type AdjustmentLine, type PaidLine } from '../../domain/settlement';
import { toCents } from '../../domain/money';
import { t } from '../platform/messages';
import { readInvoices, readPayments, toCells } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { sendStatements, type StatementReport } from './statements';
import { keepStatements } from './keptStatements';
import { loadRetentionMonths, recordGrowth } from '../headroom/size';
import { appendRecordsIfUnmoved, asCellValue, setCellValuesIfUnmoved } from '../workbook/write';
import {
  adjacentRuns,
  blockAgain,
  columnLetter,
  columnsOf,
  FIRST_DATA_ROW,
  requiredColumns,
  type Table,
  sameValue,
} from '../workbook/sheets';
import { WorkbookError } from '../platform/errors';
import { readColumns, readColumnsIfPresent, readTable, withWholeRows } from '../workbook/read';
import { sameHeader } from '../workbook/rowChecks';
import { withDocumentLock } from '../platform/lock';
import { MOVED, type Moved, untilSettled } from '../platform/attempts';
import { logMailReport, logProblems } from '../platform/log';
import { inputEcho } from '../platform/input';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
/** Salesperson names sort as in the domain (src/domain/commissions.ts). */
const collator = new Intl.Collator('fr', { numeric: true });
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface CommissionRunReport {
  lang: Lang;
  month: string;
  totals: SalespersonTotal[];
  lines: number;
  problems: CellProblem[];
  written: boolean;
  /** Salespeople (codeKey) whose row of the month is settled: kept as paid, no statement. */
  settledSalespeople: string[];
  /** Adjustments of settled months posted in this month. */
  adjustments: AdjustmentLine[];
  /** Written, but the month's lines were already exactly these (a rerun). */
  unchanged: boolean;
  /** Statement e-mails, when the settings ask for them and the month was written. */
  statements: StatementReport | null;
}

export interface RunOptions {
  /** false: no statement e-mails whatever the settings. */
  statements?: boolean;
}

/** The month to compute: as given ('YYYY-MM', strict), or the previous month in the sheet's zone. */
export function resolveMonth(value: unknown, lang: Lang, timeZone: string): string {
  if (value === undefined || value === null || value === '')
    return previousMonth(dayInZone(new Date(), timeZone));
  if (typeof value === 'string' && isMonth(value.trim())) return value.trim();
  // At most a short piece of what was given: a 10 MB argument is not a 10 MB message.
  throw new Error(t('badMonth', lang, { value: inputEcho(value) }));
}

const LOCK_WAIT_MS = 30_000;

const AGREEMENT_COLUMNS = [
  'clientCode',
  'salesperson',
  'commissionType',
  'ratePct',
  'productType',
  'startDate',
  'endDate',
] as const;
/**
 * Every invoice column the commission rules read (src/domain/commissions.ts): not the due date.
 * An unreadable due date therefore no longer keeps an invoice out of the commissions (nor is it
 * reported here; the watch refresh, which uses it, reports it).
 */
/** The payment columns the rules read: not the reference. */
const PAYMENT_COLUMNS = ['invoiceNumber', 'clientCode', 'date', 'amount'] as const;
const INVOICE_COLUMNS = [
  'number',
  'date',
  'clientCode',
  'productType',
  'amount',
  'cost',
  'paidDate',
] as const;

export function runCommissions(
  spreadsheet: Spreadsheet,
  monthArg: unknown,
  options: RunOptions = {},
): CommissionRunReport {
  const settings = loadSettings(spreadsheet);
  const lang = settings.lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const month = resolveMonth(monthArg, lang, timeZone); // throws before anything is read or written
  const ctx: ReadContext = { lang, timeZone };

  // Only the columns the rules use are read (a cell read costs about 0.03 ms, bench/costModel.ts):
  // the client codes; the agreements' contract columns, not the team's own; every invoice column
  // but the due date, which no commission rule uses. The required columns are checked as when
  // the sheets were read whole.
  const clients = readColumns(spreadsheet, 'clients', lang, ['code']);
  const known = new Set<string>();
  for (const row of clients.rows) {
    const v = row[clients.index.code];
    if (v !== '' && v !== null && v !== undefined) known.add(codeKey(String(v)));
  }
  const agreementsTable = readColumns(
    spreadsheet,
    'commissions',
    lang,
    AGREEMENT_COLUMNS,
    requiredColumns('commissions'),
  );
  const invoicesTable = readColumns(
    spreadsheet,
    'invoices',
    lang,
    INVOICE_COLUMNS,
    requiredColumns('invoices'),
  );
  const invoices = readInvoices(invoicesTable, ctx);
  // Payments (optional sheet): what Payments agreements earn on. Every column the rules read.
  const paymentsTable = readColumnsIfPresent(
    spreadsheet,
    'payments',
    lang,
    PAYMENT_COLUMNS,
    requiredColumns('payments'),
  );
  const payments = paymentsTable ? readPayments(paymentsTable, ctx) : { records: [], problems: [] };

  const agreements: AgreementRow[] = [];
  const rawProblems: CommissionResult['problems'] = [];
  agreementsTable.rows.forEach((row, i) => {
    const cellOf = (key: ColumnKey<'commissions'>): CellValue => {
      const index = agreementsTable.index[key];
      return (index < 0 ? '' : row[index]) as CellValue;
    };
    const { agreement, problems } = validateAgreement(
      {
        row: i + FIRST_DATA_ROW,
        clientCode: cellOf('clientCode'),
        salesperson: cellOf('salesperson'),
        commissionType: cellOf('commissionType'),
        ratePct: cellOf('ratePct'),
        productType: cellOf('productType'),
        startDate: cellOf('startDate'),
        endDate: cellOf('endDate'),
      },
      known,
      ctx,
    );
    if (agreement) agreements.push(agreement);
    rawProblems.push(...problems);
  });

  const result = computeLines({
    month,
    agreements,
    invoices: invoices.records,
    payments: payments.records,
    knownClients: known,
  });
  // Unreadable payment rows are all told: one whose date cannot be read may be of this month.
  const problems: CellProblem[] = [...invoices.problems, ...payments.problems];
  for (const p of [...rawProblems, ...result.problems]) {
    const table =
      p.sheet === 'invoices'
        ? invoicesTable
        : p.sheet === 'payments' && paymentsTable
          ? paymentsTable
          : agreementsTable;
    const column = (
      columnsOf(table.key) as readonly { key: string; fr: string; en: string }[]
    ).find((c) => c.key === p.column);
    // Whose row it is (decision 021): the invoice number, or the agreement's client code.
    const cells = p.row === null ? undefined : table.rows[p.row - FIRST_DATA_ROW];
    const keyColumn = table === invoicesTable ? 'number' : 'clientCode';
    const at = (table.index as Record<string, number>)[keyColumn] ?? -1;
    const value = cells && at >= 0 ? String(cells[at] ?? '').trim() : '';
    problems.push({
      sheet: table.name,
      row: p.row ?? 0,
      column: column ? column[lang] : p.column,
      message: p.message[lang],
      columnKey: p.column,
      ...(value && {
        key: { kind: table === invoicesTable ? ('invoice' as const) : ('client' as const), value },
      }),
    });
  }

  const report: CommissionRunReport = withDocumentLock(
    lang,
    LOCK_WAIT_MS,
    () =>
      writeMonth(spreadsheet, month, result, problems, lang, timeZone, options, (m) =>
        computeLines({
          month: m,
          agreements,
          invoices: invoices.records,
          payments: payments.records,
          knownClients: known,
        }),
      ),
    { flush: 'never' }, // writeMonth flushes what it writes
  );
  // The workbook-size figure (Settings) takes its rate from what this run read: the invoices of
  // the last 12 months and the month's detail lines (src/server/headroom/size.ts).
  if (report.written)
    recordGrowth(
      month,
      invoices.records.map((r) => r.date),
      result.lines.length,
    );
  // Triggers have no one to show problems to: the execution log keeps them.
  if (report.problems.length > 0) logProblems(`Commissions ${month}`, report.problems);
  // Mail goes out after the lock is released (slow, needs no sheet), only once the report stands.
  // A rerun that changes nothing (the menu run twice) does not send the same statements again.
  if (
    report.written &&
    !report.unchanged &&
    settings.sendStatements &&
    options.statements !== false
  ) {
    // A settled salesperson's month stays as paid: no new statement for it.
    const open = (name: string) => !report.settledSalespeople.includes(codeKey(name));
    report.statements = sendStatements(
      spreadsheet,
      report.totals.filter((tot) => open(tot.salesperson)),
      [
        ...result.lines.filter((l) => open(l.salesperson)),
        ...report.adjustments.map((a) => ({
          ...a,
          commissionType: 'adjustment' as const,
          ratePct: null,
        })),
      ],
      lang,
    );
    const s = report.statements;
    // Statements not sent wait for the next run, as references (commissions/keptStatements.ts);
    // the month's statements kept from an earlier run are sent now or kept again.
    keepStatements(month, s);
    if (s.failed.length > 0 || s.overQuota > 0 || s.noAddress.length + s.badAddress.length > 0)
      logMailReport(`Statements ${month} not all sent`, s);
  }
  return report;
}

/**
 * Inside the document lock: records the Amount paid out of rows newly settled, then rewrites the
 * month's rows of Commission details and Commission report but for its settled salespeople,
 * adjustments included. A sheet whose month rows already hold exactly the new rows is left
 * alone: a rerun that changes nothing writes nothing.
 *
 * Shared editing: the document lock does not stop people from sorting, inserting or deleting
 * rows by hand while the run works, so nothing is written by a row number remembered across
 * calls without checking it right before (planMonth, writePlan). Each sheet's month rows are
 * rewritten in place: every new line takes the old row with its key (month + salesperson in the
 * report; + invoice + commission type in the details), so the team's own columns stay with
 * their key without being written at all; the lines left take old rows whose key is gone (when
 * those hold no team note); only the extra lines are appended, and only the surplus old rows
 * deleted. Right before each write — one setValues per run of adjacent rows, one append, one
 * deleteRows per run of adjacent surplus rows, bottom first — the header is read again, then
 * the cells of those rows (every cell the write covers, the key cells included; a row to delete,
 * whole), the second read being the call right before the write. When anything moved the run
 * reads and plans again (untilSettled: three attempts, then "busy"). A new plan made after some
 * writes sees the rows already rewritten as lines of the month holding their key's new values:
 * they are left as they are, and it goes on with what is left, so a retry neither leaves a line
 * twice nor loses one. The window left is the instant between a check and its write, as for the
 * other writers (README, "Shared editing"). A busy stop after some writes leaves the month
 * partly recomputed (each row right for its key, no other month touched): run it again.
 */
function writeMonth(
  spreadsheet: Spreadsheet,
  month: string,
  result: CommissionResult,
  problems: CellProblem[],
  lang: Lang,
  timeZone: string,
  options: RunOptions,
  linesOf: (month: string) => CommissionResult,
): CommissionRunReport {
  const base = {
    lang,
    month,
    totals: result.totals,
    lines: result.lines.length,
    problems,
    statements: null,
  };
  // Across attempts: whether anything was written yet, and the notes of the rows deleted.
  const progress: Progress = { wrote: false, dropped: [] };
  return untilSettled(
    lang,
    (): CommissionRunReport | Moved => {
      const read = readMonth(spreadsheet, month, lang, timeZone);
      if (!read) return MOVED; // the month's rows moved while they were read
      const { report, details, oldReport, oldDetails: monthDetails, earlier } = read;
      // Settled rows (Paid out ticked): never rewritten. Those of this month keep their row and
      // their lines; those of earlier months within the months kept are compared with what
      // their lines give now, the difference posted here as adjustments (src/domain/settlement.ts).
      const settled = settledRows(report, timeZone);
      const settledHere = new Set(
        settled.filter((r) => r.month === month).map((r) => codeKey(r.salesperson)),
      );
      const free = (salesperson: unknown) => !settledHere.has(codeKey(String(salesperson ?? '')));
      const oldDetails = monthDetails.filter(({ row }) => free(row[details.index.salesperson]));
      const comparedRows = settled.filter(
        (r) => r.month < month && r.month >= oldestCompared(timeZone),
      );
      const found =
        details.index.originMonth < 0
          ? { lines: [], unreliable: [] } // details set up before: Set up adds Month of origin
          : adjustmentsOf({
              month,
              settled: comparedRows.map((r) => ({
                month: r.month,
                salesperson: r.salesperson,
                linesTotal: r.linesTotal,
              })),
              expected: new Map(
                [...new Set(comparedRows.map((r) => r.month))].map((m) => [m, linesOf(m).lines]),
              ),
              posted: [
                ...earlier.map(({ row }) => paidLine(details, row, timeZone)),
                // This month's own lines of settled salespeople stay: their adjustments are paid.
                ...monthDetails
                  .filter(({ row }) => !free(row[details.index.salesperson]))
                  .map(({ row }) => paidLine(details, row, timeZone)),
              ],
            });
      const adjustments = found.lines.filter((a) => free(a.salesperson));
      // A settled month whose lines were deleted or typed over by hand: not compared (its
      // difference would be posted on lines that were paid), told to the team.
      const unreliable: CellProblem[] = found.unreliable.map((u) => {
        const row = comparedRows.find(
          (r) => r.month === u.month && codeKey(r.salesperson) === codeKey(u.salesperson),
        );
        return {
          sheet: report.name,
          row: row?.sheetRow ?? 0,
          column: String(report.header[report.index.commission] ?? ''),
          message: t('settledLinesChanged', lang, { month: u.month, name: u.salesperson }),
        };
      });
      const lines = result.lines.filter((l) => free(l.salesperson));
      const newDetails = [
        ...lines.map((l) => detailValues(l, lang)),
        ...adjustments.map((a) => adjustmentValues(a, lang)),
      ];

      // A retry after some writes sees part of the new lines already there: the run changed them.
      const unchanged =
        !progress.wrote &&
        oldDetails.length > 0 &&
        sameLines(
          oldDetails.map(({ row }) => ({
            salesperson: String(row[details.index.salesperson] ?? ''),
            clientCode: String(row[details.index.clientCode] ?? ''),
            invoiceNumber: String(row[details.index.invoiceNumber] ?? ''),
            commission: Number(row[details.index.commission]) || 0,
          })),
          [...lines, ...adjustments],
        );
      const adjusted = new Map<string, { name: string; cents: number }>();
      for (const a of adjustments) {
        const key = codeKey(a.salesperson);
        const entry = adjusted.get(key) ?? { name: a.salesperson, cents: 0 };
        entry.cents += toCents(a.commission);
        adjusted.set(key, entry);
      }
      const totals = result.totals.filter((tot) => free(tot.salesperson));
      for (const [key, a] of adjusted)
        if (!totals.some((tot) => codeKey(tot.salesperson) === key))
          totals.push({ month, salesperson: a.name, invoiceCount: 0, base: 0, commission: 0 });
      const newReport = totals.map((tot) => {
        const adjustment = adjusted.get(codeKey(tot.salesperson))?.cents ?? 0;
        return {
          month: tot.month,
          salesperson: tot.salesperson,
          invoiceCount: tot.invoiceCount,
          base: tot.base,
          commission: (toCents(tot.commission) + adjustment) / 100,
          paidOut: false,
          adjustments: adjustment / 100,
        };
      });
      const oldReportFree = oldReport.filter(({ row }) => free(row[report.index.salesperson]));
      const plans = [
        planMonth(details, month, oldDetails, newDetails, detailKey, lang),
        planMonth(report, month, oldReportFree, newReport, reportKey, lang),
      ];
      // Rows ticked since the last run: their Amount paid out is recorded, once (before the
      // plans, which may delete rows below them).
      if (!recordPaidOut(report, settled, progress)) return MOVED;
      for (const plan of plans) if (!writePlan(plan, progress)) return MOVED;
      // What the report now says: settled rows as paid, the others with their adjustments.
      const written: SalespersonTotal[] = [
        ...newReport.map((r) => ({
          month,
          salesperson: r.salesperson,
          invoiceCount: r.invoiceCount,
          base: r.base,
          commission: r.commission,
        })),
        ...settled
          .filter((r) => r.month === month)
          .map((r) => ({
            month,
            salesperson: r.salesperson,
            invoiceCount: Number(r.row[report.index.invoiceCount]) || 0,
            base: Number(r.row[report.index.base]) || 0,
            commission: r.commission,
          })),
      ].sort((x, y) => collator.compare(x.salesperson, y.salesperson));
      const done = {
        ...base,
        problems: [...problems, ...unreliable],
        totals: written,
        settledSalespeople: [...settledHere],
        adjustments,
        written: true,
        unchanged,
      };
      if (!progress.wrote) return done;
      SpreadsheetApp.flush();
      return progress.dropped.length > 0
        ? { ...done, problems: [...done.problems, ...progress.dropped] }
        : done;
    },
    {
      // Rows kept moving. Notes of rows already deleted are not lost unseen: their text goes
      // to the person who ran it (the error's detail, shown by the menu); the message, which a
      // trigger's failure puts in the execution log, and the log get their positions only (Law 25).
      onBusy: (message) => {
        logProblems(`Commissions ${month} (busy)`, progress.dropped);
        throw new WorkbookError(
          [message, ...progress.dropped.map((p) => `${p.sheet} ${p.row} (${p.column})`)].join('\n'),
          progress.dropped.map((p) => `${p.sheet} ${p.row}: ${p.message}`).join('\n') || undefined,
        );
      },
    },
  );
}

/**
 * The report (small: one row per month and salesperson, read whole) and, of Commission details,
 * the Month and Month of origin columns, then only the rows the run needs, whole: the month's,
 * and, to compare settled months (decision 020), the lines of the settled months within the months
 * kept and every adjustment line (a year of details is about 190,000 rows: reading 9 columns of
 * them all every month would cost more than the rest of the run). Null when the key columns
 * changed between the reads (rows moved by hand): the caller reads again.
 */
function readMonth(
  spreadsheet: Spreadsheet,
  month: string,
  lang: Lang,
  timeZone: string,
): {
  report: Table<'report'>;
  details: Table<'reportDetails'>;
  oldReport: MonthRow[];
  oldDetails: MonthRow[];
  /** Lines of settled months and adjustment lines of other months than `month`. */
  earlier: MonthRow[];
} | null {
  const report = readTable(spreadsheet, 'report', lang);
  const compared = new Set(
    settledRows(report, timeZone)
      .map((r) => r.month)
      .filter((m) => m < month && m >= oldestCompared(timeZone)),
  );
  // Month of origin only when a settled month is compared: a workbook with none pays nothing more.
  const months = readColumns(
    spreadsheet,
    'reportDetails',
    lang,
    compared.size > 0 ? ['month', 'originMonth'] : ['month'],
    requiredColumns('reportDetails'),
  );
  const own: number[] = [];
  const earlierRows: number[] = [];
  months.rows.forEach((row, n) => {
    const m = monthOf(row[months.index.month], timeZone);
    const origin =
      compared.size === 0 || months.index.originMonth < 0
        ? ''
        : monthOf(row[months.index.originMonth], timeZone);
    if (m === month) own.push(n + FIRST_DATA_ROW);
    else if (compared.has(m) || origin !== '') earlierRows.push(n + FIRST_DATA_ROW);
  });
  const rows = [...own, ...earlierRows].sort((x, y) => x - y);
  const details = rows.length === 0 ? months : withWholeRows(months, rows, ['month']);
  if (!details) return null;
  const earlierSet = new Set(earlierRows);
  return {
    report,
    details,
    oldReport: monthRows(report, month, timeZone),
    oldDetails: monthRows(details, month, timeZone),
    earlier: details.rows.flatMap((row, n) =>
      earlierSet.has(n + FIRST_DATA_ROW) ? [{ row, sheetRow: n + FIRST_DATA_ROW }] : [],
    ),
  };
}

/** A Month cell as text (a cell Sheets turned into a date too); '' when blank. */
function monthOf(v: unknown, timeZone: string): string {
  return v instanceof Date ? monthInZone(v, timeZone) : String(v ?? '').trim();
}

/**
 * The first settled month compared: the months kept (Settings, 24) back from the current month,
 * the fold's own cutoff (retention.ts), so that a month whose lines may be folded away is never
 * compared (it is closed for good).
 */
function oldestCompared(timeZone: string): string {
  return retentionCutoff(monthOfDay(dayInZone(new Date(), timeZone)), loadRetentionMonths());
}

interface SettledRow {
  month: string;
  salesperson: string;
  commission: number;
  /** Commission less Adjustments: what the row's own lines added up to when settled. */
  linesTotal: number;
  amountPaidOut: unknown;
  sheetRow: number;
  row: unknown[];
}

/** The report's settled rows: Paid out ticked. */
function settledRows(report: Table<'report'>, timeZone: string): SettledRow[] {
  const out: SettledRow[] = [];
  report.rows.forEach((row, n) => {
    if (row[report.index.paidOut] !== true) return;
    out.push({
      month: monthOf(row[report.index.month], timeZone),
      salesperson: String(row[report.index.salesperson] ?? '').trim(),
      commission: Number(row[report.index.commission]) || 0,
      linesTotal:
        ((Number(row[report.index.commission]) || 0) * 100 -
          (report.index.adjustments < 0 ? 0 : Number(row[report.index.adjustments]) || 0) * 100) /
        100,
      amountPaidOut: report.index.amountPaidOut < 0 ? null : row[report.index.amountPaidOut],
      sheetRow: n + FIRST_DATA_ROW,
      row,
    });
  });
  return out;
}

/** A detail row as a line paid or posted. */
function paidLine(details: Table<'reportDetails'>, row: unknown[], timeZone: string): PaidLine {
  const i = details.index;
  return {
    month: monthOf(row[i.month], timeZone),
    salesperson: String(row[i.salesperson] ?? ''),
    clientCode: String(row[i.clientCode] ?? ''),
    invoiceNumber: String(row[i.invoiceNumber] ?? ''),
    base: Number(row[i.base]) || 0,
    commission: Number(row[i.commission]) || 0,
    originMonth: i.originMonth < 0 ? '' : monthOf(row[i.originMonth], timeZone),
  };
}

/**
 * Records Amount paid out on the settled rows that have none yet (ticked since the last run):
 * the Commission they show, once; never changed afterwards. Each run of adjacent rows is
 * written after its cells are read again and found as read (nothing sorted or edited in
 * between). False when something moved: the caller reads again.
 */
function recordPaidOut(
  report: Table<'report'>,
  settled: readonly SettledRow[],
  progress: Progress,
): boolean {
  const at = report.index.amountPaidOut;
  if (at < 0) return true; // a report set up before: Set up adds the column
  const width = report.header.length;
  const toRecord = new Map(
    settled
      .filter((r) => r.amountPaidOut === '' || r.amountPaidOut === null)
      .map((r) => [r.sheetRow, r]),
  );
  for (const run of adjacentRuns([...toRecord.keys()])) {
    const rows = run.values.map((sheetRow) => toRecord.get(sheetRow)!);
    const whole = rows.map((r) => Array.from({ length: width }, (_, i) => r.row[i] ?? ''));
    const range = report.sheet.getRange(run.start, at + 1, rows.length, 1);
    const written = setCellValuesIfUnmoved(
      range,
      rows.map((r) => [r.commission]),
      () => sameHeader(report.sheet, report.header) && cellsHold(report.sheet, run.start, 0, whole),
    );
    if (!written) return false;
    progress.wrote = true;
  }
  return true;
}

/** An adjustment as the cells of its detail row. */
function adjustmentValues(
  a: AdjustmentLine,
  lang: Lang,
): Record<ColumnKey<'reportDetails'>, unknown> {
  return {
    month: a.month,
    salesperson: a.salesperson,
    clientCode: a.clientCode,
    invoiceNumber: a.invoiceNumber,
    commissionType: ADJUSTMENT_TYPE[lang],
    base: a.base,
    ratePct: '',
    commission: a.commission,
    originMonth: a.originMonth,
  };
}

/**
 * The month as Commission report and Commission details hold it now (not recomputed): each
 * salesperson's total and lines, for a statement sent later than its month's run
 * (commissions/keptStatements.ts). Rows without a salesperson are skipped.
 */
export function monthAsWritten(
  spreadsheet: Spreadsheet,
  month: string,
  lang: Lang,
): { totals: SalespersonTotal[]; lines: CommissionLine[] } {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const read = readMonth(spreadsheet, month, lang, timeZone);
  if (!read) return { totals: [], lines: [] };
  const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);
  const cell = <S extends 'report' | 'reportDetails'>(
    t: Table<S>,
    row: unknown[],
    k: ColumnKey<S>,
  ) => (t.index[k] >= 0 ? row[t.index[k]] : '');
  const totals: SalespersonTotal[] = read.oldReport
    .map(({ row }) => ({
      month,
      salesperson: String(cell(read.report, row, 'salesperson') ?? '').trim(),
      invoiceCount: num(cell(read.report, row, 'invoiceCount')),
      base: num(cell(read.report, row, 'base')),
      commission: num(cell(read.report, row, 'commission')),
    }))
    .filter((x) => x.salesperson !== '');
  const lines: CommissionLine[] = read.oldDetails
    .map(({ row }) => ({
      month,
      salesperson: String(cell(read.details, row, 'salesperson') ?? '').trim(),
      clientCode: String(cell(read.details, row, 'clientCode') ?? ''),
      invoiceNumber: String(cell(read.details, row, 'invoiceNumber') ?? ''),
      commissionType:
        choiceFromText('commissionType', String(cell(read.details, row, 'commissionType') ?? '')) ??
        'sales',
      base: num(cell(read.details, row, 'base')),
      ratePct: num(cell(read.details, row, 'ratePct')),
      commission: num(cell(read.details, row, 'commission')),
    }))
    .filter((x) => x.salesperson !== '');
  return { totals, lines };
}

/** A detail line as the cells of its row (before toCells escapes text). */
function detailValues(l: CommissionLine, lang: Lang): Record<ColumnKey<'reportDetails'>, unknown> {
  return {
    month: l.month,
    salesperson: l.salesperson,
    clientCode: l.clientCode,
    invoiceNumber: l.invoiceNumber,
    commissionType: choiceLabel('commissionType', l.commissionType, lang),
    base: l.base,
    ratePct: l.ratePct,
    commission: l.commission,
    originMonth: '',
  };
}

function cellKey(v: unknown): string {
  if (typeof v === 'number') return `n${Math.round(v * 10_000)}`;
  if (typeof v === 'string') return `s${v}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  return `o${String(v)}`;
}

type LineKey = Pick<CommissionLine, 'salesperson' | 'clientCode' | 'invoiceNumber' | 'commission'>;

/** Whether two sets of lines pay the same amounts on the same invoices to the same people. */
function sameLines(before: readonly LineKey[], after: readonly LineKey[]): boolean {
  if (before.length !== after.length) return false;
  const keys = (lines: readonly LineKey[]) =>
    lines
      .map((l) =>
        [
          codeKey(l.salesperson),
          codeKey(l.clientCode),
          l.invoiceNumber.trim(),
          toCents(l.commission),
        ].join('\u0000'),
      )
      .sort()
      .join('\n');
  return keys(before) === keys(after);
}

type MonthRow = { row: unknown[]; sheetRow: number };

/** The rows of a month in a report sheet (Month read as text; a cell Sheets turned into a date too). */
function monthRows(
  table: Table<'report'> | Table<'reportDetails'>,
  month: string,
  timeZone: string,
): MonthRow[] {
  const i = table.index.month;
  const out: MonthRow[] = [];
  table.rows.forEach((row, n) => {
    const v = row[i];
    const m = v instanceof Date ? monthInZone(v, timeZone) : String(v ?? '').trim();
    if (m === month) out.push({ row, sheetRow: n + FIRST_DATA_ROW });
  });
  return out;
}

/** Report rows are keyed by month and salesperson. */
function reportKey(r: Partial<Record<ColumnKey<'report'>, unknown>>): string {
  return [String(r.month ?? '').trim(), codeKey(String(r.salesperson ?? ''))].join(' · ');
}

/** Detail rows by month, salesperson, invoice and commission type (either language). */
function detailKey(r: Partial<Record<ColumnKey<'reportDetails'>, unknown>>): string {
  const type = String(r.commissionType ?? '');
  return [
    String(r.month ?? '').trim(),
    codeKey(String(r.salesperson ?? '')),
    String(r.invoiceNumber ?? '').trim(),
    choiceFromText('commissionType', type) ?? codeKey(type),
  ].join(' · ');
}

// ---------------------------------------------------------------- rewriting a month in place

type MonthSheet = 'report' | 'reportDetails';
type MonthRecord<S extends MonthSheet> = Partial<Record<ColumnKey<S>, unknown>>;

/** What the attempts of one run share: whether they wrote yet, and the notes of rows deleted. */
interface Progress {
  wrote: boolean;
  dropped: CellProblem[];
}

/** An old row of the month rewritten in place (sheet row, cells as read, cells to write). */
interface Rewrite {
  sheetRow: number;
  before: unknown[];
  after: unknown[];
  /** Positions whose cell changes. */
  changed: number[];
}

/** One sheet's plan: rows rewritten in place, records appended, old rows deleted. */
interface MonthPlan {
  table: Table<MonthSheet>;
  /** Positions of the key columns (checked before each write). */
  keyAt: number[];
  /** Positions of the contract's columns: every other one is the team's. */
  contractAt: Set<number>;
  rewrites: Rewrite[];
  append: MonthRecord<MonthSheet>[];
  /** Old rows no new line takes, with their team notes reported when they go. */
  surplus: (MonthRow & { notes: CellProblem[] })[];
}

const KEY_COLUMNS: { [S in MonthSheet]: readonly ColumnKey<S>[] } = {
  report: ['month', 'salesperson'],
  reportDetails: ['month', 'salesperson', 'invoiceNumber', 'commissionType'],
};

/**
 * Which old row of the month each new record takes. First the old rows with the record's key
 * (one already holding exactly the record first: nothing to write there), so that the team's
 * own columns stay with their key untouched; then, for the records left, old rows whose key is
 * gone and that hold no team note, in sheet order (one setValues rewrites them). Records still
 * left are appended; old rows still left are deleted, a team note in them reported with its
 * text (teamNoteDropped). Numbers compare to 1/10,000, text as written.
 */
function planMonth<S extends MonthSheet>(
  table: Table<S>,
  month: string,
  old: readonly MonthRow[],
  records: readonly MonthRecord<S>[],
  keyOf: (r: MonthRecord<S>) => string,
  lang: Lang,
): MonthPlan {
  const index = table.index as Record<string, number>;
  const columns = Object.keys(index).filter((k) => index[k]! >= 0) as ColumnKey<S>[];
  const contractAt = new Set(columns.map((k) => index[k]!));
  const width = table.header.length;
  const keyOfRow = (row: unknown[]) =>
    keyOf({
      ...(Object.fromEntries(columns.map((k) => [k, row[index[k]!]])) as MonthRecord<S>),
      month, // as read, the cell may be a date Sheets made of the text
    });
  const notesOf = (row: unknown[]) => {
    const notes: { at: number; value: unknown }[] = [];
    for (let i = 0; i < width; i++) {
      const v = row[i];
      if (!contractAt.has(i) && v !== '' && v !== null && v !== undefined)
        notes.push({ at: i, value: v });
    }
    return notes;
  };
  const changedAt = (row: unknown[], record: MonthRecord<S>) =>
    columns
      .filter((k) => k in record && !sameCell(k, row[index[k]!], record[k]))
      .map((k) => index[k]!);

  const slots = old.map((o) => ({ ...o, key: keyOfRow(o.row), taken: false }));
  const byKey = new Map<string, typeof slots>();
  for (const slot of slots) byKey.set(slot.key, [...(byKey.get(slot.key) ?? []), slot]);
  const slotOf = new Array<(typeof slots)[number] | undefined>(records.length);
  for (const exact of [true, false])
    records.forEach((record, n) => {
      if (slotOf[n]) return;
      const slot = byKey
        .get(keyOf(record))
        ?.find((s) => !s.taken && (!exact || changedAt(s.row, record).length === 0));
      if (slot) [slot.taken, slotOf[n]] = [true, slot];
    });
  const free = slots.filter((s) => !s.taken && notesOf(s.row).length === 0);
  let next = 0;
  records.forEach((_, n) => {
    const slot = slotOf[n] ? undefined : free[next++];
    if (slot) [slot.taken, slotOf[n]] = [true, slot];
  });

  const rewrites: Rewrite[] = [];
  const append: MonthRecord<S>[] = [];
  records.forEach((record, n) => {
    const cells = toCells(table.key, record, lang) as Record<string, unknown>;
    const slot = slotOf[n];
    if (!slot) return void append.push(cells as MonthRecord<S>);
    const changed = changedAt(slot.row, record);
    if (changed.length === 0) return;
    const before = Array.from({ length: width }, (_, i) => slot.row[i] ?? '');
    // Cells not rewritten are written back as read (text kept as text): only those within the
    // block's span are written at all (writePlan).
    const after = before.map(asCellValue);
    for (const k of columns) if (k in cells) after[index[k]!] = cells[k];
    rewrites.push({ sheetRow: slot.sheetRow, before, after, changed });
  });
  const surplus = slots
    .filter((s) => !s.taken)
    .map((s) => ({
      row: s.row,
      sheetRow: s.sheetRow,
      notes: notesOf(s.row).map(({ at, value }) => ({
        sheet: table.name,
        row: s.sheetRow,
        column: String(table.header[at] ?? '').trim() || columnLetter(at + 1),
        message: t('teamNoteDropped', lang, {
          key: s.key,
          value: value instanceof Date ? value.toISOString() : String(value),
        }),
      })),
    }));
  const keyAt = KEY_COLUMNS[table.key].map((k) => index[k]!).filter((i) => i >= 0);
  return {
    table: table as Table<MonthSheet>,
    keyAt,
    contractAt,
    rewrites,
    append: append as MonthRecord<MonthSheet>[],
    surplus,
  };
}

/**
 * Carries out a sheet's plan; false as soon as a check finds rows or columns moved (the caller
 * reads and plans again). In place first, one setValues per run of adjacent rows over the
 * columns from the first to the last cell that changes (the key columns included, so that
 * the check covers them); then the append; then the surplus rows, bottom first. Every write is
 * preceded by the header read again and then its rows' cells read again, nothing between that
 * read and the write.
 */
function writePlan(plan: MonthPlan, progress: Progress): boolean {
  const { table } = plan;
  const sheet = table.sheet;
  const rewriteAt = new Map(plan.rewrites.map((r) => [r.sheetRow, r]));
  for (const run of adjacentRuns([...rewriteAt.keys()])) {
    const rows = run.values.map((sheetRow) => rewriteAt.get(sheetRow)!);
    // A loop, not Math.min(...): a month rewritten whole is about 15,000 rows of 8 cells.
    let [from, to] = [Infinity, -Infinity];
    for (const i of [plan.keyAt, ...rows.map((r) => r.changed)].flat())
      [from, to] = [Math.min(from, i), Math.max(to, i)];
    const range = sheet.getRange(run.start, from + 1, rows.length, to - from + 1);
    // A team column inside the span (inserted between contract columns) is written back as it
    // is: its formula when it holds one.
    const teamInSpan = rows.some((r) =>
      r.before.some((v, i) => i >= from && i <= to && !plan.contractAt.has(i) && v !== ''),
    );
    const formulas = teamInSpan ? range.getFormulas() : undefined;
    const values = rows.map((r, k) =>
      r.after
        .slice(from, to + 1)
        .map((v, c) => (!plan.contractAt.has(from + c) && formulas?.[k]?.[c]) || v),
    );
    const written = setCellValuesIfUnmoved(
      range,
      values,
      () =>
        sameHeader(sheet, table.header) &&
        cellsHold(
          sheet,
          run.start,
          from,
          rows.map((r) => r.before.slice(from, to + 1)),
        ),
    );
    if (!written) return false;
    progress.wrote = true;
  }
  if (plan.append.length > 0) {
    if (!appendRecordsIfUnmoved(table, plan.append)) return false;
    progress.wrote = true;
  }
  // Sheets refuses to delete every non-frozen row: the sheet keeps one when no other is left.
  if (plan.surplus.length > 0 && plan.surplus.length >= table.rows.length) {
    const maxRows = sheet.getMaxRows();
    if (plan.surplus.length >= maxRows - 1) sheet.insertRowsAfter(maxRows, 1);
  }
  // A row to delete is read again whole: its every cell, the team's included, must be as read
  // (a column inserted meanwhile shifts them too). No header check: a whole row goes.
  const width = table.header.length;
  const surplusAt = new Map(plan.surplus.map((s) => [s.sheetRow, s]));
  for (const run of adjacentRuns([...surplusAt.keys()]).reverse()) {
    const rows = run.values.map((sheetRow) => surplusAt.get(sheetRow)!);
    const whole = rows.map((s) => Array.from({ length: width }, (_, i) => s.row[i] ?? ''));
    if (!cellsHold(sheet, run.start, 0, whole)) return false;
    sheet.deleteRows(run.start, rows.length);
    progress.wrote = true;
    progress.dropped.push(...rows.flatMap((s) => s.notes));
  }
  return true;
}

/** Whether a cell as read holds what the run computed (Paid out: ticked or not, blank is not). */
function sameCell(key: string, read: unknown, value: unknown): boolean {
  if (key === 'paidOut') return (read === true) === (value === true);
  return cellKey(read) === cellKey(value);
}

/** Whether the block at (`row`, column position `from`) still holds `cells` as read (one call). */
function cellsHold(sheet: Sheet, row: number, from: number, cells: readonly unknown[][]): boolean {
  const now = blockAgain(sheet, row, from + 1, cells.length, cells[0]?.length ?? 1);
  return now !== null && cells.every((r, k) => r.every((v, c) => sameValue(now[k]?.[c], v)));
}
