/**
 * computeCommissions(month): the commission lines of a month (src/domain/commissions.ts) written
 * to Commission details, one total per salesperson to Commission report.
 *
 * Recomputing a month replaces exactly that month's rows (deleted, then the new ones appended)
 * and keeps the "Paid out" ticks by salesperson; other months are not touched. A month with a
 * ticked Paid out whose totals would change is not rewritten unless the caller says so (the menu
 * asks the user; the monthly trigger leaves it and reports it).
 */
import { codeKey, type ReadContext } from '../domain/cells';
import {
  computeCommissions as computeLines,
  validateAgreement,
  type AgreementRow,
  type CommissionLine,
  type CommissionResult,
  type SalespersonTotal,
} from '../domain/commissions';
import { isMonth, monthInZone, previousMonth, dayInZone } from '../domain/time';
import type { CellProblem } from '../domain/types';
import type { CellValue } from '../domain/cells';
import { choiceLabel, type ColumnKey, type Lang } from '../shared/contract';
import { toCents } from '../domain/money';
import { t } from './messages';
import { readInvoices, toCells } from './records';
import { loadSettings } from './settings';
import { sendStatements, type StatementReport } from './statements';
import {
  appendRecords,
  columnsOf,
  deleteSheetRows,
  FIRST_DATA_ROW,
  readTable,
  WorkbookError,
  type Table,
} from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface PaidOutChange {
  salesperson: string;
  before: number;
  after: number;
}

export interface CommissionRunReport {
  lang: Lang;
  month: string;
  totals: SalespersonTotal[];
  lines: number;
  problems: CellProblem[];
  /** Paid-out totals that would change; when `written` is false nothing was changed. */
  paidOutChanges: PaidOutChange[];
  written: boolean;
  /** Written, but the month's lines were already exactly these (a rerun). */
  unchanged: boolean;
  /** Statement e-mails, when the settings ask for them and the month was written. */
  statements: StatementReport | null;
}

export interface RunOptions {
  /** Rewrite a month even when paid-out totals change (the user said yes). */
  overwritePaidOut?: boolean;
  /** false: no statement e-mails whatever the settings. */
  statements?: boolean;
}

/** The month to compute: as given ('YYYY-MM', strict), or the previous month in the sheet's zone. */
export function resolveMonth(value: unknown, lang: Lang, timeZone: string): string {
  if (value === undefined || value === null || value === '')
    return previousMonth(dayInZone(new Date(), timeZone));
  if (typeof value === 'string' && isMonth(value.trim())) return value.trim();
  throw new Error(t(lang, 'badMonth', { value: String(value) }));
}

const LOCK_WAIT_MS = 30_000;

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

  const clients = readTable(spreadsheet, 'clients', lang, ['code']);
  const known = new Set<string>();
  for (const row of clients.rows) {
    const v = row[clients.index.code];
    if (v !== '' && v !== null && v !== undefined) known.add(codeKey(String(v)));
  }
  const agreementsTable = readTable(spreadsheet, 'commissions', lang);
  const invoicesTable = readTable(spreadsheet, 'invoices', lang);
  const invoices = readInvoices(invoicesTable, ctx);

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
    knownClients: known,
  });
  const problems: CellProblem[] = [...invoices.problems];
  for (const p of [...rawProblems, ...result.problems]) {
    const table = p.sheet === 'invoices' ? invoicesTable : agreementsTable;
    const column = (
      columnsOf(table.key) as readonly { key: string; fr: string; en: string }[]
    ).find((c) => c.key === p.column);
    problems.push({
      sheet: table.name,
      row: p.row ?? 0,
      column: column ? column[lang] : p.column,
      message: p.message[lang],
    });
  }

  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new WorkbookError(t(lang, 'busy'));
  let report: CommissionRunReport;
  try {
    report = writeMonth(spreadsheet, month, result, problems, lang, timeZone, options);
  } finally {
    lock.releaseLock();
  }
  // Triggers have no one to show problems to: the execution log keeps them.
  if (problems.length > 0)
    console.warn(`Commissions ${month}: ${JSON.stringify(problems.slice(0, 50))}`);
  // Mail goes out after the lock is released (slow, needs no sheet), only once the report stands.
  // A rerun that changes nothing (the menu run twice) does not send the same statements again.
  if (
    report.written &&
    !report.unchanged &&
    settings.sendStatements &&
    options.statements !== false
  ) {
    report.statements = sendStatements(spreadsheet, result.totals, result.lines, lang);
    const s = report.statements;
    if (s.failed.length > 0 || s.overQuota > 0 || s.noAddress.length > 0)
      console.warn(`Statements ${month} not all sent: ${JSON.stringify(s)}`);
  }
  return report;
}

/**
 * Inside the document lock: compares with the paid-out totals, then replaces the month's rows of
 * Commission details and Commission report (unless a paid-out total would change unasked).
 */
function writeMonth(
  spreadsheet: Spreadsheet,
  month: string,
  result: CommissionResult,
  problems: CellProblem[],
  lang: Lang,
  timeZone: string,
  options: RunOptions,
): CommissionRunReport {
  const report = readTable(spreadsheet, 'report', lang);
  const details = readTable(spreadsheet, 'reportDetails', lang);
  const old = monthRows(report, month, timeZone);
  const paidOut = new Map<string, { paid: boolean; commission: number; name: string }>();
  for (const { row } of old) {
    const name = String(row[report.index.salesperson] ?? '').trim();
    const paid = row[report.index.paidOut] === true;
    const commission = Number(row[report.index.commission]) || 0;
    paidOut.set(codeKey(name), { paid, commission, name });
  }
  const newTotals = new Map(result.totals.map((tot) => [codeKey(tot.salesperson), tot.commission]));
  const paidOutChanges: PaidOutChange[] = [];
  for (const [key, before] of paidOut) {
    const after = newTotals.get(key) ?? 0;
    if (before.paid && Math.round(before.commission * 100) !== Math.round(after * 100))
      paidOutChanges.push({ salesperson: before.name, before: before.commission, after });
  }
  const base = {
    lang,
    month,
    totals: result.totals,
    lines: result.lines.length,
    problems,
    paidOutChanges,
    statements: null,
  };
  if (paidOutChanges.length > 0 && !options.overwritePaidOut)
    return { ...base, written: false, unchanged: false };

  const oldDetails = monthRows(details, month, timeZone);
  const unchanged =
    oldDetails.length > 0 &&
    sameLines(
      oldDetails.map(({ row }) => ({
        salesperson: String(row[details.index.salesperson] ?? ''),
        clientCode: String(row[details.index.clientCode] ?? ''),
        invoiceNumber: String(row[details.index.invoiceNumber] ?? ''),
        commission: Number(row[details.index.commission]) || 0,
      })),
      result.lines,
    );
  replaceMonth(
    details,
    oldDetails.map((r) => r.sheetRow),
    result.lines.map((l) =>
      toCells(
        'reportDetails',
        {
          month: l.month,
          salesperson: l.salesperson,
          clientCode: l.clientCode,
          invoiceNumber: l.invoiceNumber,
          commissionType: choiceLabel('commissionType', l.commissionType, lang),
          base: l.base,
          ratePct: l.ratePct,
          commission: l.commission,
        },
        lang,
      ),
    ),
  );
  replaceMonth(
    report,
    old.map((r) => r.sheetRow),
    result.totals.map((tot) =>
      toCells(
        'report',
        {
          month: tot.month,
          salesperson: tot.salesperson,
          invoiceCount: tot.invoiceCount,
          base: tot.base,
          commission: tot.commission,
          paidOut: paidOut.get(codeKey(tot.salesperson))?.paid ?? false,
        },
        lang,
      ),
    ),
  );
  SpreadsheetApp.flush();
  return { ...base, written: true, unchanged };
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

/** The rows of a month in a report sheet (Month read as text; a cell Sheets turned into a date too). */
function monthRows(
  table: Table<'report'> | Table<'reportDetails'>,
  month: string,
  timeZone: string,
): { row: unknown[]; sheetRow: number }[] {
  const i = table.index.month;
  const out: { row: unknown[]; sheetRow: number }[] = [];
  table.rows.forEach((row, n) => {
    const v = row[i];
    const m = v instanceof Date ? monthInZone(v, timeZone) : String(v ?? '').trim();
    if (m === month) out.push({ row, sheetRow: n + FIRST_DATA_ROW });
  });
  return out;
}

/** New rows first (appended), then the old ones deleted: the sheet is never left without the month. */
function replaceMonth<S extends 'report' | 'reportDetails'>(
  table: Table<S>,
  oldRows: number[],
  records: Partial<Record<ColumnKey<S>, unknown>>[],
): void {
  appendRecords(table, records);
  deleteSheetRows(table.sheet, oldRows);
}
