/** The commission entry points of src/server/index.ts: the run, its trigger, the menu, the fold. */
import { askMonthAndRun } from './monthDialog';
import { formatMoney } from '../../domain/money';
import { t } from '../platform/messages';
import { runCommissions } from './commissionRun';
import type { Month } from '../../domain/types';
import { foldDetails, showFoldDialog, type FoldResult } from './retention';
import type { JobRun } from '../platform/jobs';

/** What the fold dialog sends back: the months offered and the fingerprint of their CSV. */
export interface FoldRequest {
  months: Month[];
  fingerprint: string;
}

/**
 * Writes the commission report and details of a month ('YYYY-MM'; default: the previous month).
 * A malformed month throws an Error naming it, before anything is written.
 */
export function computeCommissions(month?: string): void {
  commissionsJob(SpreadsheetApp.getActiveSpreadsheet(), month);
}

/**
 * The monthly job of the hourly dispatcher (src/server/schedule/): the month given (default the
 * previous one); its settled (paid-out) rows stay as they are. Returns what it did, in the
 * workbook language.
 */
export function commissionsJob(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  month?: string,
): JobRun {
  const report = runCommissions(spreadsheet, month);
  const total = report.totals.reduce((sum, tot) => sum + tot.commission, 0);
  const kept = report.statements?.unsent.length ?? 0;
  const done = t('commissionsDone', report.lang, {
    month: report.month,
    n: report.totals.length,
    total: formatMoney(total, report.lang),
  });
  return kept > 0
    ? { message: `${done} ${t('jobStatementsKept', report.lang, { n: kept })}`, undone: true }
    : { message: done, undone: false };
}

/** Menu: asks for a month, computes it and shows the report. */
export function showCommissionReport(): void {
  askMonthAndRun(SpreadsheetApp.getActiveSpreadsheet());
}

/** Menu: lists the paid-out months whose commission details may be folded, CSV first. */
export function showCommissionDetailsFold(): void {
  showFoldDialog(SpreadsheetApp.getActiveSpreadsheet());
}

/** Fold dialog call: removes the lines whose CSV was offered (same months, same fingerprint). */
export function foldCommissionDetails(request: FoldRequest): FoldResult {
  return foldDetails(SpreadsheetApp.getActiveSpreadsheet(), request);
}
