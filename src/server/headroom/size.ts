/**
 * The workbook's size against Google Sheets' 10,000,000-cell ceiling (src/domain/headroom.ts):
 * cells used, cells a month at the current rate, months left. Shown in Settings.
 *
 * Cheap by design: the cells used are getMaxRows × getMaxColumns of every sheet (two calls a
 * sheet, no cell read). The rate comes from what the monthly commission run already reads: it
 * records, in document properties, the invoices a month over the 12 months up to the month it
 * computed and the number of detail lines it wrote for that month (recordGrowth). Before any run
 * has recorded them, a rough estimate from getLastRow stands in: the Invoices rows ÷ 12 (as if
 * the sheet held one year; more history makes it pessimistic), and the Commission details rows
 * ÷ the months the Commission report lists.
 */
import {
  DEFAULT_RETENTION_MONTHS,
  cellsUsed,
  headroom,
  invoicesPerMonth,
  isRetentionMonths,
  type Headroom,
  type SheetSize,
} from '../../domain/headroom';
import { monthInZone } from '../../domain/time';
import type { Day, Month } from '../../domain/types';
import { SHEETS, normalizeHeader, type Lang, type SheetKey } from '../../shared/contract';
import { findSheet } from '../workbook/sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const GROWTH_KEY = 'ficheClient.growth';
const RETENTION_KEY = 'ficheClient.retentionMonths';
/** Months of detail-line counts kept (the rate averages them). */
const LINE_MONTHS = 12;

export interface GrowthRecord {
  /** Invoices a month over the 12 months up to `invoicesUpTo`. */
  invoicesPerMonth: number;
  invoicesUpTo: Month;
  /** Commission detail lines written, by month computed (the latest 12 months). */
  lines: Record<Month, number>;
}

function readJson<T>(key: string): T | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null; // corrupt: estimated again from the sheets
  }
}

export function loadGrowth(): GrowthRecord | null {
  const g = readJson<GrowthRecord>(GROWTH_KEY);
  return g && typeof g.invoicesPerMonth === 'number' && g.lines && typeof g.lines === 'object'
    ? g
    : null;
}

/**
 * Called by the commission run with what it read: the invoice days and the lines of `month`.
 * The invoice rate is kept for the latest month computed only (recomputing an old month does
 * not make the rate old).
 */
export function recordGrowth(month: Month, invoiceDays: readonly Day[], lines: number): void {
  const before = loadGrowth();
  const linesByMonth: Record<Month, number> = { ...(before?.lines ?? {}), [month]: lines };
  const kept = Object.keys(linesByMonth).sort().slice(-LINE_MONTHS);
  const record: GrowthRecord = {
    invoicesPerMonth: before?.invoicesPerMonth ?? 0,
    invoicesUpTo: before?.invoicesUpTo ?? '',
    lines: Object.fromEntries(kept.map((m) => [m, linesByMonth[m]!])),
  };
  if (!before || month >= before.invoicesUpTo) {
    record.invoicesPerMonth = invoicesPerMonth(
      invoiceDays.map((d) => d.slice(0, 7)),
      month,
    );
    record.invoicesUpTo = month;
  }
  PropertiesService.getDocumentProperties().setProperty(GROWTH_KEY, JSON.stringify(record));
}

/** Months of commission details kept before paid-out months may be folded (Settings). */
export function loadRetentionMonths(): number {
  const n = readJson<unknown>(RETENTION_KEY);
  return isRetentionMonths(n) ? n : DEFAULT_RETENTION_MONTHS;
}

export function saveRetentionMonths(n: number): void {
  PropertiesService.getDocumentProperties().setProperty(RETENTION_KEY, JSON.stringify(n));
}

/** Every sheet's grid: two calls a sheet (getMaxRows, getMaxColumns), no cell read. */
export function sheetSizes(spreadsheet: Spreadsheet): SheetSize[] {
  return spreadsheet.getSheets().map((sheet) => ({
    name: sheet.getName(),
    rows: sheet.getMaxRows(),
    columns: sheet.getMaxColumns(),
  }));
}

export interface HeadroomReport extends Headroom {
  sheets: SheetSize[];
  /** Where the rate came from: recorded by the commission run, or estimated from row counts. */
  rate: 'recorded' | 'estimated';
  invoicesPerMonth: number;
  detailLinesPerMonth: number;
  detailMonthsHeld: number;
  retentionMonths: number;
}

/** The figure for the workbook as it stands. */
export function workbookHeadroom(spreadsheet: Spreadsheet, lang: Lang): HeadroomReport {
  const sheets = sheetSizes(spreadsheet);
  const size = (key: SheetKey) => {
    const names = new Set([SHEETS[key].fr, SHEETS[key].en].map(normalizeHeader));
    return sheets.find((s) => names.has(normalizeHeader(s.name)));
  };
  const invoices = size('invoices');
  const details = size('reportDetails');
  const report = size('report');
  const detailSheet = findSheet(spreadsheet, 'reportDetails', lang);
  const detailRows = detailSheet ? Math.max(0, detailSheet.getLastRow() - 1) : 0;
  const growth = loadGrowth();
  const recordedLines = growth ? Object.values(growth.lines) : [];
  let invoicesRate: number;
  let linesRate: number;
  const reportSheet = findSheet(spreadsheet, 'report', lang);
  // The report is small (one row per month and salesperson): read whole for its months.
  const reportMonths = reportSheet ? monthsOf(reportSheet, spreadsheet) : [];
  const distinctMonths = new Set(reportMonths).size;
  const reportRows = distinctMonths > 0 ? reportMonths.length / distinctMonths : 0;
  if (growth && recordedLines.length > 0) {
    invoicesRate = growth.invoicesPerMonth;
    linesRate = recordedLines.reduce((a, b) => a + b, 0) / recordedLines.length;
  } else {
    const invoiceSheet = findSheet(spreadsheet, 'invoices', lang);
    invoicesRate = invoiceSheet ? Math.max(0, invoiceSheet.getLastRow() - 1) / 12 : 0;
    linesRate = distinctMonths > 0 ? detailRows / distinctMonths : 0;
  }
  const retentionMonths = loadRetentionMonths();
  const detailMonthsHeld = linesRate > 0 ? Math.ceil(detailRows / linesRate) : 0;
  const figure = headroom({
    used: cellsUsed(sheets),
    growth: {
      invoicesPerMonth: invoicesRate,
      invoiceColumns: invoices?.columns ?? 0,
      detailLinesPerMonth: linesRate,
      detailColumns: details?.columns ?? 0,
      reportRowsPerMonth: reportRows,
      reportColumns: report?.columns ?? 0,
    },
    detailMonthsHeld,
    retentionMonths,
  });
  return {
    ...figure,
    sheets,
    rate: growth && recordedLines.length > 0 ? 'recorded' : 'estimated',
    invoicesPerMonth: invoicesRate,
    detailLinesPerMonth: linesRate,
    detailMonthsHeld,
    retentionMonths,
  };
}

/** The Month column of the Commission report (first column whose header is Month / Mois). */
function monthsOf(sheet: GoogleAppsScript.Spreadsheet.Sheet, spreadsheet: Spreadsheet): Month[] {
  if (sheet.getLastRow() < 2) return [];
  const values = sheet.getSheetValues(1, 1, -1, -1);
  const header = (values[0] ?? []).map(normalizeHeader);
  const monthColumn = SHEETS.report.columns[0];
  const i = header.findIndex(
    (h) => h === normalizeHeader(monthColumn.fr) || h === normalizeHeader(monthColumn.en),
  );
  if (i < 0) return [];
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const out: Month[] = [];
  for (const row of values.slice(1)) {
    const v = row[i];
    const m = v instanceof Date ? monthInZone(v, timeZone) : String(v ?? '').trim();
    if (/^\d{4}-\d{2}$/.test(m)) out.push(m);
  }
  return out;
}
