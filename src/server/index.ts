/**
 * Entry points: the global functions Apps Script sees (menus, triggers, google.script.run).
 * Only entry points live here, each a few lines; the work is in plain modules. Every export
 * becomes a top-level function of dist/Code.js (scripts/build.mjs), so this file is the single
 * registry of what menus, triggers and the sidebar may call.
 */
import { SHEET_KEYS } from '../shared/contract';
import type { FormLoadResult, FormOpenResult, SaveResult } from '../shared/formApi';
import type { Settings } from '../domain/types';
import { loadClient, openForm } from './clientForm/formRead';
import { saveClient } from './clientForm/save';
import { addMenu } from './platform/menu';
import { t } from './platform/messages';
import { workbookLang } from './platform/settings';
import { currentSettings, settingsPage, updateSettings } from './platform/settingsDialog';
import { setupWorkbook as runSetup } from './setup/setupWorkbook';
import { refreshWatch } from './watch/refresh';
import { runCommissions } from './commissions/commissionRun';
import { askMonthAndRun, describeProblems } from './platform/menuActions';
import {
  changeMovesColumns,
  editMayMatter,
  forgetWatchColumns,
  watchEditOf,
} from './watch/editTrigger';
import {
  recordDailyRun,
  TRIGGER_HANDLERS,
  triggerMayRun,
  triggerStatus,
  type TriggerStatus,
} from './platform/triggers';
import { ensurePrivacyLog } from './privacy/privacyLog';
import { refreshClientsWatch } from './watch/perClient';

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
  // Not one of the contract's sheets: the hidden Law 25 log, and the old property log moved in.
  ensurePrivacyLog(spreadsheet, report.lang, true);
  forgetWatchColumns(); // columns may have been added
  const done = t('setupDone', report.lang, {
    sheets: SHEET_KEYS.length,
    added: report.addedColumns.length,
  });
  const kept = report.triggers.ownedBy;
  spreadsheet.toast(
    kept ? `${done} ${t('triggerKeptBy', report.lang, { owner: kept })}` : done,
    t('menuTitle', report.lang),
  );
}

/** Opens the client form in the sidebar, on the client of the selected row (formOpen finds it). */
export function showClientForm(): void {
  const lang = workbookLang(active());
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(t('sidebarTitle', lang));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showSettings(): void {
  const lang = workbookLang(active());
  const html = HtmlService.createHtmlOutput(settingsPage(lang)).setWidth(440).setHeight(720);
  SpreadsheetApp.getUi().showModalDialog(html, t('settingsTitle', lang));
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

/** Settings dialog: who owns the triggers, since when, and what is wrong with them if anything. */
export function triggerStatusLoad(): TriggerStatus {
  return triggerStatus(active());
}

// ---------------------------------------------------------------- watch list

/** Recomputes Under watch, Watch reasons, Balance due and the computed dates of every client. */
export function refreshWatchList(): void {
  const spreadsheet = active();
  const report = refreshWatch(spreadsheet);
  spreadsheet.toast(
    t('watchDone', report.lang, { watched: report.watched, newly: report.newlyWatched.length }),
    t('menuTitle', report.lang),
  );
  describeProblems(report.lang, report.problems);
}

/** Installed by setupWorkbook: daily refresh. */
export function onDailyTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  if (!triggerMayRun(TRIGGER_HANDLERS.daily)) return;
  recordDailyRun();
  const report = refreshWatch(active());
  if (report.problems.length > 0) console.warn(JSON.stringify(report.problems.slice(0, 50)));
}

/**
 * Installed by setupWorkbook: edits of Invoices, Terms or Clients refresh the watch status of
 * the clients of the edited rows (the whole list after a big paste).
 */
export function onEditTrigger(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  // Most edits cannot matter: settled in at most three calls, before anything else.
  if (!editMayMatter(e.range)) return;
  if (!triggerMayRun(TRIGGER_HANDLERS.edit)) return;
  const edit = watchEditOf(e.range, e);
  if (edit.kind === 'all') refreshWatch(e.source ?? active());
  else if (edit.kind === 'clients') refreshClientsWatch(e.source ?? active(), edit.codes);
}

/**
 * Installed by setupWorkbook: a column or sheet inserted, removed, moved or renamed makes the
 * edit trigger read the watched columns' positions again. Edits and formats return at once.
 */
export function onChangeTrigger(e?: GoogleAppsScript.Events.SheetsOnChange): void {
  if (!e || !changeMovesColumns(e.changeType)) return;
  if (!triggerMayRun(TRIGGER_HANDLERS.change)) return;
  forgetWatchColumns();
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
  if (!triggerMayRun(TRIGGER_HANDLERS.monthly)) return;
  computeCommissions();
}

/** Menu: asks for a month, computes it (asking before changing paid-out totals) and shows the report. */
export function showCommissionReport(): void {
  askMonthAndRun(active());
}

// ---------------------------------------------------------------- newsletter (Mailchimp)
// Imports of the entry points below sit with them (imports are hoisted), so that this block is
// appended without touching the lines above.
import type { HabitsSearchResult } from '../shared/formApi';
import { sendFollowUpDigest } from './knowing/followUps';
import { refreshHabits, searchBuyers } from './knowing/habits';
import { describeSync, syncNewsletter } from './newsletter/newsletter';
import { showAudienceExport as showAudienceCsv } from './newsletter/export';
import {
  followUpDigestEnabled,
  newsletterSettingsPage,
  newsletterSettingsView,
  saveNewsletterSettings,
  type NewsletterSettingsSaveResult,
  type NewsletterSettingsView,
} from './newsletter/settings';
import {
  anonymizeClient as anonymizeClientRows,
  exportClientData as exportClientRows,
} from './privacy/privacy';

/** Menu: the Mailchimp key, audience and follow-up digest dialog. */
export function showNewsletterSettings(): void {
  const lang = workbookLang(active());
  const html = HtmlService.createHtmlOutput(newsletterSettingsPage(lang))
    .setWidth(440)
    .setHeight(330);
  SpreadsheetApp.getUi().showModalDialog(html, t('newsletterSettingsTitle', lang));
}

/** Dialog call: never the whole key, only its last 4 characters. */
export function newsletterSettingsLoad(): NewsletterSettingsView {
  return newsletterSettingsView();
}

export function newsletterSettingsSave(settings: unknown): NewsletterSettingsSaveResult {
  return saveNewsletterSettings(settings, workbookLang(active()));
}

/** Menu: pushes the opted-in clients to Mailchimp and shows what was done and what failed. */
export function syncMailchimp(): void {
  const spreadsheet = active();
  const lang = workbookLang(spreadsheet);
  const ui = SpreadsheetApp.getUi();
  let text: string;
  try {
    const report = syncNewsletter(spreadsheet);
    text = report.configured ? describeSync(report) : t('mcNotConfigured', lang);
  } catch (e) {
    // Never the key: errors from UrlFetchApp name the host, not the Authorization header.
    text = t('mcFailed', lang, { msg: e instanceof Error ? e.message : String(e) });
  }
  ui.alert(t('menuMailchimpSync', lang), text, ui.ButtonSet.OK);
}

/** Menu: the opted-in audience as a Mailchimp import CSV, downloaded from a dialog. */
export function showAudienceExport(): void {
  showAudienceCsv(active());
}

// ---------------------------------------------------------------- knowing the client

/** Menu: computes every client's buying habits from Invoices into the computed column. */
export function refreshBuyingHabits(): void {
  const spreadsheet = active();
  const report = refreshHabits(spreadsheet);
  spreadsheet.toast(
    t('habitsDone', report.lang, { n: report.withHabits }),
    t('menuTitle', report.lang),
  );
}

/** Sidebar call: "who might want this product type?". */
export function habitsSearch(productType: unknown): HabitsSearchResult {
  return searchBuyers(productType);
}

/**
 * Daily trigger (installed next to onDailyTrigger): buying habits, then the follow-up digest
 * when it is turned on. Each part runs even if the other fails.
 */
export function onKnowingDailyTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  if (!triggerMayRun(TRIGGER_HANDLERS.knowing)) return;
  const spreadsheet = active();
  try {
    refreshHabits(spreadsheet);
  } catch (e) {
    console.warn(`Buying habits not computed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (followUpDigestEnabled()) {
    const report = sendFollowUpDigest(spreadsheet);
    if (report.failed.length > 0 || report.overQuota > 0 || report.noAddress.length > 0)
      console.warn(`Follow-up digest: ${JSON.stringify(report)}`);
  }
}

// ---------------------------------------------------------------- privacy (Law 25)

/** Menu: every row of a client, as JSON, for an access request (confirmed and logged). */
export function exportClientData(): void {
  exportClientRows(active());
}

/** Menu: blanks a client's personal fields, keeps invoices and commissions (confirmed, logged). */
export function anonymizeClient(): void {
  anonymizeClientRows(active());
}

// ---------------------------------------------------------------- workbook size (issue 12)
import { foldDetails, showFoldDialog, type FoldResult } from './commissions/retention';
import { headroomView, saveRetention, type HeadroomView } from './workbook/sizeSettings';

/** Menu: lists the paid-out months whose commission details may be folded, CSV first. */
export function showCommissionDetailsFold(): void {
  showFoldDialog(active());
}

/** Fold dialog call: removes the lines whose CSV was offered (same months, same fingerprint). */
export function foldCommissionDetails(request: unknown): FoldResult {
  return foldDetails(active(), request);
}

/** Settings call: cells used, growth a month, months left (cheap: no cell of the big sheets). */
export function headroomLoad(): HeadroomView {
  return headroomView(active());
}

/** Settings call: months of commission details kept (1 to 240). */
export function retentionSave(months: unknown): { ok: boolean; message: string } {
  return saveRetention(active(), months);
}

// ---------------------------------------------------------------- speed self-measurement (issue 15)
import { measureSpeed } from './measure/probes';
import {
  completeSpeedReport,
  pingResult,
  speedPage,
  type SpeedReportResult,
} from './measure/speedDialog';

/** Menu Help › Measure speed: timed probes on this workbook (nothing changed), then the dialog. */
export function showSpeedCheck(): void {
  const enteredAt = Date.now();
  const spreadsheet = active();
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
  return completeSpeedReport(payload, workbookLang(active()));
}
