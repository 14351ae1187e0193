/**
 * The Law 25 log: one row per export or anonymization in a hidden sheet "Journal Loi 25" /
 * "Privacy log", created by Set up or on first use, with four columns only (date, who, action,
 * client code): the log itself must not hold personal information beyond what it must.
 *
 * It used to be kept in document properties, one JSON value per month; a property value holds
 * at most 9 kB (https://developers.google.com/apps-script/guides/services/quotas) and the store
 * 500 kB, so after about 70 actions in a month the write threw, after an anonymization was
 * already committed. A sheet grows without such a limit (the workbook's 10 million cells aside).
 * Entries still in properties are moved into the sheet once, when the sheet is created and at
 * each Set up, then deleted from the properties.
 *
 * The sheet is hidden and protected with a warning (editors are warned before changing it by
 * hand); not restricted to the owner, because the script writes as the person who acts and must
 * be able to append for every editor. It is not one of the eight sheets of the workbook contract.
 */
import type { Lang } from '../../shared/contract';
import { t } from '../platform/messages';
import { asCellValue } from '../workbook/write';
import { withDocumentLock } from '../platform/lock';
import { logWarning } from '../platform/log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const PRIVACY_LOG_SHEET: Record<Lang, string> = {
  fr: 'Journal Loi 25',
  en: 'Privacy log',
};
const HEADER: Record<Lang, string[]> = {
  fr: ['Date', 'Par', 'Action', 'Code client'],
  en: ['Date', 'By', 'Action', 'Client code'],
};
export type PrivacyAction = 'export' | 'anonymize';
const ACTION_LABEL: Record<PrivacyAction, Record<Lang, string>> = {
  export: { fr: 'Exportation des données', en: 'Data export' },
  anonymize: { fr: 'Anonymisation', en: 'Anonymization' },
};
/** Where the log was kept before (document properties, one key per month). */
const LEGACY_PREFIX = 'ficheClient.privacyLog.';
const LOCK_WAIT_MS = 10_000;

export interface PrivacyLogEntry {
  at: string;
  by: string;
  action: PrivacyAction;
  code: string;
}

export function findPrivacyLog(spreadsheet: Spreadsheet): Sheet | null {
  return (
    spreadsheet.getSheetByName(PRIVACY_LOG_SHEET.fr) ??
    spreadsheet.getSheetByName(PRIVACY_LOG_SHEET.en)
  );
}

/**
 * The log sheet, created when missing (hidden, warning-protected, header frozen), with any entry
 * still in document properties moved into it. Called by Set up and before each log write.
 */
/** The log's grid when it is created: its four columns, a header and 99 entries. */
export const PRIVACY_LOG_COLUMNS = 4;
export const PRIVACY_LOG_ROWS = 100;

export function ensurePrivacyLog(spreadsheet: Spreadsheet, lang: Lang, migrate = false): Sheet {
  let sheet = findPrivacyLog(spreadsheet);
  if (!sheet) {
    // insertSheet makes the new sheet the active one: the person stays where they were.
    const active = spreadsheet.getActiveSheet();
    sheet = spreadsheet.insertSheet(PRIVACY_LOG_SHEET[lang], spreadsheet.getNumSheets());
    // Every grid cell counts against the 10 M-cell ceiling (decision 008): 4 columns, and rows
    // for a first 99 entries (appendRow grows the sheet past them), not Sheets' 1,000 × 26.
    // (Guarded: Sheets refuses to delete zero rows or columns.)
    const extraColumns = sheet.getMaxColumns() - PRIVACY_LOG_COLUMNS;
    if (extraColumns > 0) sheet.deleteColumns(PRIVACY_LOG_COLUMNS + 1, extraColumns);
    const extraRows = sheet.getMaxRows() - PRIVACY_LOG_ROWS;
    if (extraRows > 0) sheet.deleteRows(PRIVACY_LOG_ROWS + 1, extraRows);
    sheet.getRange(1, 1, 1, 4).setValues([HEADER[lang]]).setFontWeight('bold');
    sheet.setFrozenRows(1);
    sheet.getRange('A2:A').setNumberFormat('yyyy-mm-dd hh:mm:ss');
    sheet.protect().setDescription(t('privacyLogProtection', lang)).setWarningOnly(true);
    sheet.hideSheet();
    active.activate();
    migrate = true;
  }
  if (migrate) migrateLegacyLog(sheet);
  return sheet;
}

/** Moves the entries of the old property log into the sheet, oldest first, then deletes them. */
function migrateLegacyLog(sheet: Sheet): void {
  const props = PropertiesService.getDocumentProperties();
  const all = props.getProperties();
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(LEGACY_PREFIX))
    .sort();
  if (keys.length === 0) return;
  const entries = keys.flatMap((k) => {
    try {
      const parsed: unknown = JSON.parse(all[k] ?? '[]');
      return Array.isArray(parsed) ? (parsed as PrivacyLogEntry[]) : [];
    } catch {
      return []; // a damaged month: nothing readable to move
    }
  });
  const lang: Lang = sheet.getName() === PRIVACY_LOG_SHEET.fr ? 'fr' : 'en';
  const rows = entries.filter((e) => e && typeof e.at === 'string').map((e) => logRow(e, lang));
  if (rows.length > 0) {
    const first = sheet.getLastRow() + 1;
    const maxRows = sheet.getMaxRows();
    const last = first + rows.length - 1;
    if (last > maxRows) sheet.insertRowsAfter(maxRows, last - maxRows);
    sheet.getRange(first, 1, rows.length, 4).setValues(rows);
  }
  // Deleted only once written: a failure above leaves them to the next Set up.
  for (const k of keys) props.deleteProperty(k);
}

function logRow(entry: PrivacyLogEntry, lang: Lang): unknown[] {
  const label = ACTION_LABEL[entry.action]?.[lang] ?? String(entry.action);
  // User text is data: the code and the address are written as text, never as a formula or a
  // number ("0042" stays "0042"): asCellValue marks such strings with Sheets' leading apostrophe.
  return [new Date(entry.at), asCellValue(entry.by), asCellValue(label), asCellValue(entry.code)];
}

export function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '?';
}

/** Appends one entry (under the document lock: the sheet may be created by two people at once). */
export function logPrivacyAction(
  spreadsheet: Spreadsheet,
  lang: Lang,
  action: PrivacyAction,
  code: string,
  entry: PrivacyLogEntry = { at: new Date().toISOString(), by: currentUser(), action, code },
): PrivacyLogEntry {
  const append = () => {
    const sheet = ensurePrivacyLog(spreadsheet, lang);
    sheet.appendRow(logRow(entry, sheet.getName() === PRIVACY_LOG_SHEET.fr ? 'fr' : 'en'));
  };
  withDocumentLock(lang, LOCK_WAIT_MS, append, {
    onBusy: (message) => {
      throw new Error(message);
    },
  });
  return entry;
}

/**
 * Logs an action already done. A failure to log must not report the action as failed: it
 * returns the text to show (what to add by hand), or null when the entry was written.
 */
export function logDoneAction(
  spreadsheet: Spreadsheet,
  lang: Lang,
  action: PrivacyAction,
  code: string,
): string | null {
  const entry: PrivacyLogEntry = { at: new Date().toISOString(), by: '?', action, code };
  try {
    entry.by = currentUser();
    logPrivacyAction(spreadsheet, lang, action, code, entry);
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // The code and the action only: who acted stays out of the execution log.
    logWarning(`Privacy log not written (${msg}): ${entry.action} ${entry.code} at ${entry.at}`);
    return t('privacyLogFailed', lang, {
      msg,
      sheet: PRIVACY_LOG_SHEET[lang],
      at: entry.at,
      by: entry.by,
      action: ACTION_LABEL[action][lang],
      code,
    });
  }
}

/** Every logged action, oldest first: the sheet's rows, then any not yet moved from properties. */
export function readPrivacyLog(spreadsheet: Spreadsheet): PrivacyLogEntry[] {
  const out: PrivacyLogEntry[] = [];
  const sheet = findPrivacyLog(spreadsheet);
  if (sheet && sheet.getLastRow() > 1) {
    const rows = sheet.getSheetValues(2, 1, sheet.getLastRow() - 1, 4);
    for (const [at, by, label, code] of rows) {
      const action = (Object.keys(ACTION_LABEL) as PrivacyAction[]).find(
        (a) => ACTION_LABEL[a].fr === label || ACTION_LABEL[a].en === label,
      );
      if (!action) continue;
      out.push({
        at: at instanceof Date ? at.toISOString() : String(at),
        by: String(by),
        action,
        code: String(code),
      });
    }
  }
  const all = PropertiesService.getDocumentProperties().getProperties();
  for (const k of Object.keys(all)
    .filter((key) => key.startsWith(LEGACY_PREFIX))
    .sort()) {
    try {
      const parsed: unknown = JSON.parse(all[k] ?? '[]');
      if (Array.isArray(parsed)) out.push(...(parsed as PrivacyLogEntry[]));
    } catch {
      // a damaged month holds nothing readable
    }
  }
  return out;
}
