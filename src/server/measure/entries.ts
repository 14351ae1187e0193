/** The entry points of Help › Check this spreadsheet of src/server/index.ts (decisions 012 and 013). */
import { t } from '../platform/messages';
import { workbookLang } from '../platform/settings';
import { checkPage, completeCheckReport, type CheckReportResult } from './checkDialog';
import { checkMailQuota, checkSpreadsheet, type MailCheckResult } from './checks';
import { pingResult } from './speedDialog';

/**
 * Menu Help › Check this spreadsheet: the probes of how Google behaves here and of its speed,
 * on this workbook (nothing left changed), then the dialog.
 */
export function showSpreadsheetCheck(): void {
  const enteredAt = Date.now();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lang = workbookLang(spreadsheet);
  const html = checkPage(checkSpreadsheet(spreadsheet, lang, enteredAt), lang);
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(600).setHeight(560),
    t('menuCheckSpreadsheet', lang),
  );
}

/** Menus built before the check replaced Help › Measure speed still name this function. */
export function showSpeedCheck(): void {
  showSpreadsheetCheck();
}

/** Check dialog call: an empty round trip the page times. */
export function speedPing(): { serverMs: number; sinceLoadMs: number } {
  return pingResult(Date.now());
}

/** Check dialog call: the report completed with what the page measured (nothing is stored). */
export function checkReportComplete(payload: unknown): CheckReportResult {
  return completeCheckReport(payload, workbookLang(SpreadsheetApp.getActiveSpreadsheet()));
}

/** Check dialog call, when the person asks for it: one message to them, the quota around it. */
export function checkMailTest(): MailCheckResult {
  return checkMailQuota(workbookLang(SpreadsheetApp.getActiveSpreadsheet()));
}
