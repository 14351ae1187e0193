/**
 * What the menu, setup-free entry points of src/server/index.ts do: the workbook menu, the
 * sidebar and the Settings dialog. Each function here is an entry point under its own name.
 */
import type { Settings } from '../../domain/types';
import { addMenu } from './menu';
import { t } from './messages';
import { workbookLang } from './settings';
import { currentSettings, settingsPage, updateSettings } from './settingsDialog';
import { triggerStatus, type TriggerStatus } from './triggers';

/** Simple trigger: adds the menu in the workbook language. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi(), workbookLang(SpreadsheetApp.getActiveSpreadsheet()));
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

/** Settings dialog call: the settings as the dialog sends them (checked again here). */
export function settingsSave(settings: Settings): { ok: true } | { ok: false; message: string } {
  return updateSettings(settings);
}

/** Settings dialog: who owns the triggers, since when, and what is wrong with them if anything. */
export function triggerStatusLoad(): TriggerStatus {
  return triggerStatus(SpreadsheetApp.getActiveSpreadsheet());
}
