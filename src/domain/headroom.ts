/**
 * How much of Google Sheets' cell ceiling a workbook uses, how fast it grows, and how many months
 * are left: pure arithmetic (no SpreadsheetApp), used by the Settings figure and the bench.
 *
 * Google Sheets holds "up to 10 million cells" per spreadsheet
 * (https://support.google.com/drive/answer/37603), and every cell of every sheet's grid counts,
 * blank ones included: a sheet costs getMaxRows() × getMaxColumns() whatever it holds. Past the
 * ceiling, a write that grows a sheet fails with "This action would increase the number of
 * cells in the workbook above the limit of 10000000 cells." (see /work/wt/limits.md, row 1a).
 */
import type { Month } from './types';

export const CELL_LIMIT = 10_000_000;
/** Share of the ceiling from which Settings warns. */
export const WARN_SHARE = 0.8;
/** Months of commission details kept by default before paid-out months may be folded away. */
export const DEFAULT_RETENTION_MONTHS = 24;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 240;
/** Projections stop here: "more than 100 years". */
export const MAX_PROJECTED_MONTHS = 1_200;

export interface SheetSize {
  name: string;
  rows: number;
  columns: number;
}

/** Σ maxRows × maxColumns: the cells the workbook's grids count against the ceiling. */
export function cellsUsed(sheets: readonly SheetSize[]): number {
  return sheets.reduce((sum, s) => sum + Math.max(0, s.rows) * Math.max(0, s.columns), 0);
}

/**
 * What a month adds: rows per month of the sheets that grow, each times its width (its
 * maxColumns). Invoices are typed or imported by the team; commission details and report rows
 * are appended by the monthly commission run.
 */
export interface Growth {
  invoicesPerMonth: number;
  invoiceColumns: number;
  detailLinesPerMonth: number;
  detailColumns: number;
  reportRowsPerMonth: number;
  reportColumns: number;
  /** Other rows a month (e.g. CRM log), and their width; 0 when not estimated. */
  otherRowsPerMonth?: number;
  otherColumns?: number;
}

export interface MonthlyCells {
  invoices: number;
  details: number;
  report: number;
  other: number;
  total: number;
}

export function cellsPerMonth(g: Growth): MonthlyCells {
  const invoices = Math.round(Math.max(0, g.invoicesPerMonth) * g.invoiceColumns);
  const details = Math.round(Math.max(0, g.detailLinesPerMonth) * g.detailColumns);
  const report = Math.round(Math.max(0, g.reportRowsPerMonth) * g.reportColumns);
  const other = Math.round(Math.max(0, g.otherRowsPerMonth ?? 0) * (g.otherColumns ?? 0));
  return { invoices, details, report, other, total: invoices + details + report + other };
}

export interface HeadroomInput {
  used: number;
  growth: Growth;
  /** Months of commission details the sheet holds now (lines ÷ lines a month, rounded up). */
  detailMonthsHeld: number;
  /** Months of details kept when old paid-out months are folded away (the setting). */
  retentionMonths: number;
  limit?: number;
}

export interface Headroom {
  used: number;
  limit: number;
  /** used ÷ limit, 0–1 (may exceed 1 for a workbook already over, which Sheets would refuse). */
  share: number;
  warn: boolean;
  perMonth: MonthlyCells;
  /** Whole months before the ceiling at this rate, nothing folded; null: none grows, or > 100 years. */
  monthsLeft: number | null;
  /** Same, with the commission details of months older than `retentionMonths` folded each month. */
  monthsLeftWithRetention: number | null;
}

/**
 * The figure. Without folding: (limit − used) ÷ cells a month, whole months. With folding, month
 * by month: a month's cells are added (the monthly run appends its details), the ceiling is
 * checked at that peak, then the details beyond `retentionMonths` months are folded away (their
 * rows deleted, so their cells freed): the details then cost at most retentionMonths + 1 months
 * of lines, and only the invoices (and other rows) keep growing.
 */
export function headroom(input: HeadroomInput): Headroom {
  const limit = input.limit ?? CELL_LIMIT;
  const perMonth = cellsPerMonth(input.growth);
  const room = limit - input.used;
  const monthsLeft =
    room <= 0 ? 0 : perMonth.total <= 0 ? null : capped(Math.floor(room / perMonth.total));
  return {
    used: input.used,
    limit,
    share: input.used / limit,
    warn: input.used >= WARN_SHARE * limit,
    perMonth,
    monthsLeft,
    monthsLeftWithRetention: withRetention(input, perMonth, limit),
  };
}

function capped(months: number): number | null {
  return months > MAX_PROJECTED_MONTHS ? null : months;
}

function withRetention(input: HeadroomInput, perMonth: MonthlyCells, limit: number): number | null {
  if (input.used >= limit) return 0;
  if (perMonth.total <= 0) return null;
  const keep = Math.max(0, Math.floor(input.retentionMonths));
  let used = input.used;
  let held = Math.max(0, input.detailMonthsHeld);
  for (let month = 1; month <= MAX_PROJECTED_MONTHS; month++) {
    used += perMonth.total;
    held += 1;
    if (used > limit) return month - 1;
    if (held > keep) {
      used -= (held - keep) * perMonth.details;
      held = keep;
    }
  }
  return null;
}

// ---------------------------------------------------------------- months

/** 'YYYY-MM' plus n months (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The first month kept by the retention rule: the months strictly before it may be folded. In
 * November 2026 with 24 months kept, months up to October 2024 may go; November 2024 to the
 * current month stay.
 */
export function retentionCutoff(currentMonth: Month, retentionMonths: number): Month {
  return addMonths(currentMonth, -Math.max(0, Math.floor(retentionMonths)));
}

/** Whether n is an acceptable retention setting (whole months, 1 to 240). */
export function isRetentionMonths(n: unknown): n is number {
  return (
    typeof n === 'number' &&
    Number.isInteger(n) &&
    n >= MIN_RETENTION_MONTHS &&
    n <= MAX_RETENTION_MONTHS
  );
}

/**
 * Invoices a month from the invoices dated in the 12 months up to `lastMonth` (included): the
 * count ÷ 12, or ÷ the months since the oldest invoice when the history is shorter than a year.
 */
export function invoicesPerMonth(months: readonly Month[], lastMonth: Month): number {
  const first = addMonths(lastMonth, -11);
  let oldest = '';
  let recent = 0;
  for (const m of months) {
    if (m > lastMonth) continue;
    if (oldest === '' || m < oldest) oldest = m;
    if (m >= first) recent++;
  }
  if (recent === 0) return 0;
  return recent / Math.min(12, monthsFrom(oldest, lastMonth) + 1);
}

/** Whole months from a to b ('2026-01' → '2026-03' is 2). */
export function monthsFrom(a: Month, b: Month): number {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
}

/** A whole count in the workbook language: fr "10 000 000" (no-break spaces), en "10,000,000". */
export function formatCount(n: number, lang: 'fr' | 'en'): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u00A0' : ',');
  return n < 0 ? `-${grouped}` : grouped;
}
