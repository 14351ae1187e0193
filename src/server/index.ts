/**
 * Entry points: the global functions Apps Script sees (menus, triggers, google.script.run).
 * Only entry points live here, each a few lines; the work is in plain modules. Every export
 * becomes a top-level function of dist/Code.js (scripts/build.mjs), so this file is the single
 * registry of what menus, triggers and the sidebar may call.
 */
import { SHEET_KEYS } from '../shared/contract';
import type { FormLoadResult, FormOpenResult, SaveResult } from '../shared/formApi';
import type { Settings } from '../domain/types';
import { loadClient, openForm, saveClient } from './clientForm';
import { addMenu } from './menu';
import { t } from './messages';
import { workbookLang } from './settings';
import { currentSettings, settingsPage, updateSettings } from './settingsDialog';
import { setupWorkbook as runSetup } from './setup';
import { refreshWatch } from './watchList';
import { runCommissions } from './commissionRun';
import { askMonthAndRun, describeProblems } from './menuActions';
import { editChangesWatch } from './editTrigger';

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

// ---------------------------------------------------------------- menu and setup

/** Simple trigger: adds the menu in the workbook language. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi(), workbookLang(active()));
}

/** Creates or repairs every sheet, column, format and trigger; idempotent. */
export function setupWorkbook(): void {
  const spreadsheet = active();
  const report = runSetup(spreadsheet);
  spreadsheet.toast(
    t(report.lang, 'setupDone', { sheets: SHEET_KEYS.length, added: report.addedColumns.length }),
    t(report.lang, 'menuTitle'),
  );
}

/** Opens the client form in the sidebar, on the client of the selected row (formOpen finds it). */
export function showClientForm(): void {
  const lang = workbookLang(active());
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t(lang, 'sidebarTitle'));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showSettings(): void {
  const lang = workbookLang(active());
  const html = HtmlService.createHtmlOutput(settingsPage(lang)).setWidth(420).setHeight(380);
  SpreadsheetApp.getUi().showModalDialog(html, t(lang, 'settingsTitle'));
}

// ---------------------------------------------------------------- sidebar calls

export function formOpen(request?: unknown): FormOpenResult {
  return openForm(request);
}

export function formLoad(code: unknown): FormLoadResult {
  return loadClient(code);
}

export function formSave(request: unknown): SaveResult {
  return saveClient(request);
}

export function settingsLoad(): Settings {
  return currentSettings();
}

export function settingsSave(settings: unknown): { ok: true } | { ok: false; message: string } {
  return updateSettings(settings);
}

// ---------------------------------------------------------------- watch list

/** Recomputes Under watch, Watch reasons, Balance due and the computed dates of every client. */
export function refreshWatchList(): void {
  const spreadsheet = active();
  const report = refreshWatch(spreadsheet);
  spreadsheet.toast(
    t(report.lang, 'watchDone', { watched: report.watched, newly: report.newlyWatched.length }),
    t(report.lang, 'menuTitle'),
  );
  describeProblems(report.lang, report.problems);
}

/** Installed by setupWorkbook: daily refresh. */
export function onDailyTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  const report = refreshWatch(active());
  if (report.problems.length > 0) console.warn(JSON.stringify(report.problems.slice(0, 50)));
}

/** Installed by setupWorkbook: edits of Invoices, Terms or Clients refresh the watch list. */
export function onEditTrigger(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range || !editChangesWatch(e.range)) return;
  refreshWatch(e.source ?? active());
}

// ---------------------------------------------------------------- commissions

/**
 * Writes the commission report and details of a month ('YYYY-MM'; default: the previous month).
 * A malformed month throws an Error naming it, before anything is written.
 */
export function computeCommissions(month?: string): void {
  const report = runCommissions(active(), month);
  if (report.paidOutChanges.length > 0 && !report.written)
    console.warn(
      `Paid-out month ${report.month} left unchanged: ${JSON.stringify(report.paidOutChanges)}`,
    );
}

/** Installed by setupWorkbook: on day 1, the previous month. Paid-out months are left as they are. */
export function onMonthlyTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  computeCommissions();
}

/** Menu: asks for a month, computes it (asking before changing paid-out totals) and shows the report. */
export function showCommissionReport(): void {
  askMonthAndRun(active());
}
