/**
 * computeCommissions(month): the commission lines of a month (src/domain/commissions.ts) written
 * to Commission details, one total per salesperson to Commission report.
 *
 * Recomputing a month replaces exactly that month's rows (the new ones appended, then the old
 * ones deleted) and keeps the "Paid out" ticks by salesperson; other months are not touched, and
 * a sheet whose month rows are already the new ones is not written at all. Only the columns the
 * rules use are read, and of Commission details only the Month column and the month's rows. A month with a
 * ticked Paid out whose totals would change is not rewritten unless the caller says so (the menu
 * asks the user; the monthly trigger leaves it and reports it).
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
import { isMonth, monthInZone, previousMonth, dayInZone } from '../../domain/time';
import type { CellProblem } from '../../domain/types';
import type { CellValue } from '../../domain/cells';
import { choiceFromText, choiceLabel, type ColumnKey, type Lang } from '../../shared/contract';
import { toCents } from '../../domain/money';
import { t } from '../platform/messages';
import { readInvoices, toCells } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { sendStatements, type StatementReport } from './statements';
import { recordGrowth } from '../workbook/size';
import { appendRecords, asCellValue, deleteSheetRows } from '../workbook/write';
import {
  columnLetter,
  columnsOf,
  FIRST_DATA_ROW,
  requiredColumns,
  type Table,
  WorkbookError,
} from '../workbook/sheets';
import { readColumns, readTable, withWholeRows } from '../workbook/read';
import { sameHeader, stillHolds } from '../workbook/rowChecks';
import { withDocumentLock } from '../platform/lock';
import { logMailReport, logProblems } from '../platform/log';

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
  throw new Error(t('badMonth', lang, { value: String(value) }));
}

const LOCK_WAIT_MS = 30_000;

const AGREEMENT_COLUMNS = [
  'clientCode',
  'salesperson',
  'commissionType',
  'ratePct',
  'productType',
] as const;
/**
 * Every invoice column the commission rules read (src/domain/commissions.ts): not the due date.
 * An unreadable due date therefore no longer keeps an invoice out of the commissions (nor is it
 * reported here; the watch refresh, which uses it, reports it).
 */
const INVOICE_COLUMNS = [
  'number',
  'date',
  'clientCode',
  'productType',
  'amount',
  'cost',
  'paidDate',
] as const;
/** Reads of the month's rows before writing, when people move rows meanwhile (then 'busy'). */
const PLAN_ATTEMPTS = 3;

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

  const report: CommissionRunReport = withDocumentLock(
    lang,
    LOCK_WAIT_MS,
    () => writeMonth(spreadsheet, month, result, problems, lang, timeZone, options),
    { flush: 'never' }, // writeMonth flushes what it writes
  );
  // The workbook-size figure (Settings) takes its rate from what this run read: the invoices of
  // the last 12 months and the month's detail lines (src/server/workbook/size.ts).
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
    report.statements = sendStatements(spreadsheet, result.totals, result.lines, lang);
    const s = report.statements;
    if (s.failed.length > 0 || s.overQuota > 0 || s.noAddress.length > 0)
      logMailReport(`Statements ${month} not all sent`, s);
  }
  return report;
}

/**
 * Inside the document lock: compares with the paid-out totals, then replaces the month's rows of
 * Commission details and Commission report (unless a paid-out total would change unasked). A
 * sheet whose month rows already hold exactly the new rows is left alone: a rerun that changes
 * nothing writes nothing (no append, no delete), and "Paid out" stays as it is.
 *
 * Shared editing: the document lock does not stop people from sorting, inserting or deleting
 * rows by hand, and the old rows are deleted by the row numbers read. So, just before writing,
 * the Month column of each sheet to be written is read again over the rows read (one call each);
 * if it no longer holds what was read, the plan is made again from a new read, up to
 * PLAN_ATTEMPTS times, then the run stops with the 'busy' message having written nothing.
 * The check is made before appending rather than before deleting: once the new rows are
 * appended, a sort mixes them with the old ones and neither can be told apart any more, so the
 * only safe answer then would be to leave the month twice; checked before, the sheet is still
 * untouched and reading again is enough. What is left is the window of the append's own calls
 * (getLastRow, getMaxRows, setValues) before the delete: rows moved by hand in that window can
 * still make the delete remove other rows (the remaining gap). When the Month column holds what
 * was read, the month's rows are at the same numbers, even if rows were sorted among themselves.
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
  const newDetails = result.lines.map((l) => detailValues(l, lang));
  const base = {
    lang,
    month,
    totals: result.totals,
    lines: result.lines.length,
    problems,
    statements: null,
  };
  for (let attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
    const read = readMonth(spreadsheet, month, lang, timeZone);
    if (!read) continue; // the month's rows moved while they were read
    const { report, details, oldReport, oldDetails } = read;
    const paidOut = new Map<string, { paid: boolean; commission: number; name: string }>();
    for (const { row } of oldReport) {
      const name = String(row[report.index.salesperson] ?? '').trim();
      const paid = row[report.index.paidOut] === true;
      const commission = Number(row[report.index.commission]) || 0;
      paidOut.set(codeKey(name), { paid, commission, name });
    }
    const newTotals = new Map(
      result.totals.map((tot) => [codeKey(tot.salesperson), tot.commission]),
    );
    const paidOutChanges: PaidOutChange[] = [];
    for (const [key, before] of paidOut) {
      const after = newTotals.get(key) ?? 0;
      if (before.paid && Math.round(before.commission * 100) !== Math.round(after * 100))
        paidOutChanges.push({ salesperson: before.name, before: before.commission, after });
    }
    if (paidOutChanges.length > 0 && !options.overwritePaidOut)
      return { ...base, paidOutChanges, written: false, unchanged: false };

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
    const newReport = result.totals.map((tot) => ({
      month: tot.month,
      salesperson: tot.salesperson,
      invoiceCount: tot.invoiceCount,
      base: tot.base,
      commission: tot.commission,
    }));
    const writeDetails = !sameRows(
      details,
      oldDetails.map((r) => r.row),
      newDetails,
    );
    const writeReport = !sameRows(
      report,
      oldReport.map((r) => r.row),
      newReport,
    );
    const done = { ...base, paidOutChanges, written: true, unchanged };
    if (!writeDetails && !writeReport) return done;
    // The team's own columns stay with their row's key; a note whose key is gone is reported
    // (its text in the run's problems) before its row is deleted.
    const dropped: CellProblem[] = [];
    const detailNotes = teamCells(details, oldDetails, detailKey);
    const reportNotes = teamCells(report, oldReport, reportKey);
    const detailExtra = writeDetails
      ? newDetails.map((d) => takeNotes(detailNotes, detailKey(d)))
      : [];
    const reportExtra = writeReport
      ? newReport.map((r) => takeNotes(reportNotes, reportKey(r)))
      : [];
    if (writeDetails) dropped.push(...droppedNotes(details, detailNotes, lang));
    if (writeReport) dropped.push(...droppedNotes(report, reportNotes, lang));
    if ((writeDetails && !sameMonths(details)) || (writeReport && !sameMonths(report))) continue;

    if (writeDetails)
      replaceMonth(
        details,
        oldDetails.map((r) => r.sheetRow),
        newDetails.map((values) => toCells('reportDetails', values, lang)),
        detailExtra,
      );
    if (writeReport)
      replaceMonth(
        report,
        oldReport.map((r) => r.sheetRow),
        newReport.map((values) =>
          toCells(
            'report',
            { ...values, paidOut: paidOut.get(codeKey(values.salesperson))?.paid ?? false },
            lang,
          ),
        ),
        reportExtra,
      );
    SpreadsheetApp.flush();
    return dropped.length > 0 ? { ...done, problems: [...problems, ...dropped] } : done;
  }
  throw new WorkbookError(t('busy', lang));
}

/**
 * The report (small: one row per month and salesperson, read whole) and, of Commission details,
 * the Month column, then only the month's rows, whole (a year of details is about 190,000 rows:
 * reading 8 columns of them all every month would cost more than the rest of the run). Null when
 * the Month column changed between the two reads (rows moved by hand): the caller reads again.
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
} | null {
  const report = readTable(spreadsheet, 'report', lang);
  const months = readColumns(
    spreadsheet,
    'reportDetails',
    lang,
    ['month'],
    requiredColumns('reportDetails'),
  );
  const rows = monthRows(months, month, timeZone).map((r) => r.sheetRow);
  const details = rows.length === 0 ? months : withWholeRows(months, rows, ['month']);
  if (!details) return null;
  return {
    report,
    details,
    oldReport: monthRows(report, month, timeZone),
    oldDetails: monthRows(details, month, timeZone),
  };
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
  };
}

/**
 * Whether the month's rows of a sheet hold exactly the given records, in any order, in every
 * contract column given (text as written, case included; numbers to 1/10,000), so that writing
 * them again would change nothing. Columns missing from the sheet are not compared (they are
 * not written either).
 */
function sameRows<S extends 'report' | 'reportDetails'>(
  table: Table<S>,
  rows: readonly unknown[][],
  records: readonly Partial<Record<ColumnKey<S>, unknown>>[],
): boolean {
  if (rows.length !== records.length) return false;
  if (rows.length === 0) return true;
  const keys = (Object.keys(records[0]!) as ColumnKey<S>[]).filter((k) => table.index[k] >= 0);
  const sorted = (list: string[]) => list.sort().join('\n');
  const fromSheet = rows.map((row) => keys.map((k) => cellKey(row[table.index[k]])).join('\u0000'));
  const fromRun = records.map((r) => keys.map((k) => cellKey(r[k])).join('\u0000'));
  return sorted(fromSheet) === sorted(fromRun);
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

/** Whether the header and the Month column still hold, row for row, what was read (two calls). */
function sameMonths(table: Table<'report'> | Table<'reportDetails'>): boolean {
  return (
    sameHeader(table.sheet, table.header) && stillHolds(table.sheet, table.rows, table.index.month)
  );
}

/** New rows first (appended), then the old ones deleted: the sheet is never left without the month. */
function replaceMonth<S extends 'report' | 'reportDetails'>(
  table: Table<S>,
  oldRows: number[],
  records: Partial<Record<ColumnKey<S>, unknown>>[],
  teamCells: readonly (ReadonlyMap<number, unknown> | undefined)[],
): void {
  appendRecords(table, records, teamCells);
  deleteSheetRows(table.sheet, oldRows);
}

// ---------------------------------------------------------------- the team's own columns

/** A month's row of the team's own columns: position → value as read, and where it was. */
type Notes = Map<string, { cells: Map<number, unknown>; sheetRow: number; key: string }[]>;

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

/**
 * The non-blank cells of the team's own columns (every column that is not the contract's) in
 * the month's rows, by the row's key; rows with the same key keep their order.
 */
function teamCells<S extends 'report' | 'reportDetails'>(
  table: Table<S>,
  rows: readonly MonthRow[],
  keyOf: (r: Partial<Record<ColumnKey<S>, unknown>>) => string,
): Notes {
  const contract = new Set(Object.values(table.index as Record<string, number>));
  const notes: Notes = new Map();
  for (const { row, sheetRow } of rows) {
    const cells = new Map<number, unknown>();
    row.forEach((v, i) => {
      if (!contract.has(i) && v !== '' && v !== null && v !== undefined) cells.set(i, v);
    });
    if (cells.size === 0) continue;
    const record = Object.fromEntries(
      Object.entries(table.index as Record<string, number>).map(([k, i]) => [k, row[i]]),
    ) as Partial<Record<ColumnKey<S>, unknown>>;
    const key = keyOf(record);
    const list = notes.get(key) ?? [];
    list.push({ cells, sheetRow, key });
    notes.set(key, list);
  }
  return notes;
}

/** The team cells to write with a new row of this key (text kept as text), taken once. */
function takeNotes(notes: Notes, key: string): Map<number, unknown> | undefined {
  const found = notes.get(key)?.shift();
  if (!found) return undefined;
  return new Map([...found.cells].map(([i, v]) => [i, asCellValue(v)]));
}

/** The notes no new row took: each reported with its text, so that nothing goes unseen. */
function droppedNotes<S extends 'report' | 'reportDetails'>(
  table: Table<S>,
  notes: Notes,
  lang: Lang,
): CellProblem[] {
  const out: CellProblem[] = [];
  for (const list of notes.values())
    for (const { cells, sheetRow, key } of list)
      for (const [i, value] of cells)
        out.push({
          sheet: table.name,
          row: sheetRow,
          column: String(table.header[i] ?? '').trim() || columnLetter(i + 1),
          message: t('teamNoteDropped', lang, {
            key,
            value: value instanceof Date ? value.toISOString() : String(value),
          }),
        });
  return out;
}
