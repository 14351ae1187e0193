/**
 * What the menu, setup-free entry points of src/server/index.ts do: the workbook menu, the
 * sidebar and the Settings dialog. Each function here is an entry point under its own name.
 */
import type { Settings } from '../../domain/types';
import { langFromLocale, type Lang } from '../../shared/contract';
import { JOBS_KEY, loadJobs } from '../platform/jobs';
import { loadPending, PENDING_KEY } from '../platform/pending';
import { undoneSummary } from '../platform/outcomes';
import { addMenu } from '../platform/menu';
import { t } from '../platform/messages';
import { loadSettings, SETTINGS_KEY, workbookLang } from '../platform/settings';
import { currentSettings, settingsPage, updateSettings } from './settingsDialog';
import { triggerStatus, type TriggerStatus } from '../platform/triggers';
import { workbookState } from '../platform/workbookState';
import { ensureWelcome } from '../setup/welcome';
import { BUILD } from '../platform/build';

/**
 * Simple trigger: the menu in the workbook language, Set up first in a workbook not set up here
 * (never set up, or a copy), and the Welcome sheet in a new workbook (setup/welcome.ts).
 *
 * e.authMode (https://developers.google.com/apps-script/reference/script/auth-mode): a bound
 * script's onOpen runs in LIMITED; as an add-on, in a document where it was never used, in NONE,
 * where no service needing authorization may be called (no properties, no spreadsheet, no
 * address: the add-on authorization guide): the menu then comes from the user's locale alone,
 * and the workbook cannot have been set up (it would have been used here). FULL (onInstall)
 * does what LIMITED does.
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const ui = SpreadsheetApp.getUi();
  if (e && e.authMode === ScriptApp.AuthMode.NONE) {
    addMenu(ui, langFromLocale(Session.getActiveUserLocale()), { setUp: false });
    return;
  }
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const state = workbookState(spreadsheet);
  const lang = loadSettings(spreadsheet, state.properties[SETTINGS_KEY] ?? null).lang;
  addMenu(ui, lang, { setUp: state.setUp });
  if (!state.setUp) ensureWelcome(spreadsheet, state);
  else tellUndone(spreadsheet, state.properties, lang);
}

/** The person's last summary shown (user properties: each person is told once per state). */
const UNDONE_SEEN_KEY = 'ficheClient.undoneSeen';

/**
 * A toast for the person opening when a trigger run left work undone or failed, or work waits
 * (platform/outcomes.ts): once per person for each new state, from the properties onOpen read
 * anyway (no call when there is nothing to say). A toast in onOpen is allowed in LIMITED mode
 * (Spreadsheet.toast needs only the current spreadsheet).
 */
function tellUndone(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  properties: Record<string, string>,
  lang: Lang,
): void {
  const { text, stamp } = undoneSummary(
    loadJobs(properties[JOBS_KEY] ?? null),
    loadPending(properties[PENDING_KEY] ?? null),
    lang,
  );
  if (!text) return;
  try {
    const mine = PropertiesService.getUserProperties();
    if (mine.getProperty(UNDONE_SEEN_KEY) === stamp) return;
    spreadsheet.toast(text, t('menuTitle', lang), 30);
    mine.setProperty(UNDONE_SEEN_KEY, stamp);
  } catch {
    // The menu matters more than the toast; Settings still lists it.
  }
}

/**
 * Menu (Help): the version of Fiche Client in this workbook and how to get a newer one. A copy
 * of the template is not updated by anyone: a new version comes with a new copy of the
 * template, or from whoever keeps the script (docs/DISTRIBUTION.md).
 */
export function showAbout(): void {
  const lang = workbookLang(SpreadsheetApp.getActiveSpreadsheet());
  const ui = SpreadsheetApp.getUi();
  const lines = [t('aboutVersion', lang, { version: BUILD.version || '?' })];
  lines.push(
    BUILD.templateUrl
      ? t('aboutUpdateTemplate', lang, { url: BUILD.templateUrl })
      : t('aboutUpdateNoTemplate', lang),
  );
  if (BUILD.homepage) lines.push(t('aboutHome', lang, { url: BUILD.homepage }));
  ui.alert(t('menuAbout', lang), lines.join('\n\n'), ui.ButtonSet.OK);
}

/** Menu: the Settings dialog. */
export function showSettings(): void {
  const lang = workbookLang(SpreadsheetApp.getActiveSpreadsheet());
  const html = HtmlService.createHtmlOutput(settingsPage(lang)).setWidth(440).setHeight(720);
  SpreadsheetApp.getUi().showModalDialog(html, t('settingsTitle', lang));
}

/** Settings dialog call. */
export function settingsLoad(): Settings {
  return currentSettings();
}

/**
 * Settings dialog call: the settings as the dialog sends them, with the months of commission
 * details kept when the workbook-size block loaded (all checked again here).
 */
export function settingsSave(
  settings: Settings & { retentionMonths?: number },
): { ok: true } | { ok: false; message: string } {
  return updateSettings(settings);
}

/** Settings dialog: who owns the triggers, since when, and what is wrong with them if anything. */
export function triggerStatusLoad(): TriggerStatus {
  return triggerStatus(SpreadsheetApp.getActiveSpreadsheet());
}
