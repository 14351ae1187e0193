/** The speed self-measurement's entry points of src/server/index.ts (issue 15). */
import { t } from '../platform/messages';
import { workbookLang } from '../platform/settings';
import { measureSpeed } from './probes';
import { completeSpeedReport, pingResult, speedPage, type SpeedReportResult } from './speedDialog';

/** Menu Help › Measure speed: timed probes on this workbook (nothing changed), then the dialog. */
export function showSpeedCheck(): void {
  const enteredAt = Date.now();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lang = workbookLang(spreadsheet);
  const html = speedPage(measureSpeed(spreadsheet, lang, enteredAt), lang);
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(560).setHeight(520),
    t('menuMeasureSpeed', lang),
  );
}

/** Speed dialog call: an empty round trip the page times. */
export function speedPing(): { serverMs: number; sinceLoadMs: number } {
  return pingResult(Date.now());
}

/** Speed dialog call: the report completed with the page's timings (nothing is stored). */
export function speedReport(payload: unknown): SpeedReportResult {
  return completeSpeedReport(payload, workbookLang(SpreadsheetApp.getActiveSpreadsheet()));
}
