/** The commission entry points of src/server/index.ts: the run, its trigger, the menu, the fold. */
import { askMonthAndRun } from '../platform/menuActions';
import { TRIGGER_HANDLERS, triggerMayRun } from '../platform/triggers';
import { runCommissions } from './commissionRun';
import type { Month } from '../../domain/types';
import { foldDetails, showFoldDialog, type FoldResult } from './retention';
import { logWarning } from '../platform/log';

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
  const report = runCommissions(SpreadsheetApp.getActiveSpreadsheet(), month);
  if (report.paidOutChanges.length > 0 && !report.written)
    logWarning(
      `Paid-out month ${report.month} left unchanged: ${report.paidOutChanges.length} salesperson total(s) would change`,
    );
}

/** Installed by setupWorkbook: on day 1, the previous month. Paid-out months are left as they are. */
export function onMonthlyTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  if (!triggerMayRun(TRIGGER_HANDLERS.monthly)) return;
  computeCommissions();
}

/** Menu: asks for a month, computes it (asking before changing paid-out totals) and shows the report. */
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
