/**
 * Entry points: the global functions Apps Script sees (menus, triggers, google.script.run).
 * Only entry points live here, each a few lines; the work is in plain modules. Every export
 * becomes a top-level function of dist/Code.js (scripts/build.mjs), so this file is the single
 * registry of what menus, triggers and the sidebar may call.
 */
import { addMenu } from './menu';
import { t } from './messages';
import { workbookLang } from './settings';
import { setupWorkbook as runSetup } from './setup';

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Simple trigger: adds the menu in the workbook language. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi(), workbookLang(active()));
}

/** Creates or repairs every sheet, column, format and trigger; idempotent. */
export function setupWorkbook(): void {
  const spreadsheet = active();
  const report = runSetup(spreadsheet);
  spreadsheet.toast(
    t(report.lang, 'setupDone', {
      sheets: 8,
      added: report.addedColumns.length,
    }),
    t(report.lang, 'menuTitle'),
  );
}
