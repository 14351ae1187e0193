/** The newsletter entry points of src/server/index.ts: Mailchimp settings, sync, audience CSV. */
import { t } from '../platform/messages';
import { workbookLang } from '../platform/settings';
import { showAudienceExport as showAudienceCsv } from './export';
import { describeSync, syncNewsletter } from './newsletter';
import {
  newsletterSettingsPage,
  newsletterSettingsView,
  saveNewsletterSettings,
  type NewsletterSettingsSaveResult,
  type NewsletterSettingsView,
} from './settings';

/** What the dialog sends: a blank key keeps the stored one; removeKey deletes key and audience. */
export interface NewsletterSettingsInput {
  apiKey?: string;
  audienceId?: string;
  /** Absent: off. */
  followUpDigest?: boolean;
  removeKey?: boolean;
}

/** Menu: the Mailchimp key, audience and follow-up digest dialog. */
export function showNewsletterSettings(): void {
  const lang = workbookLang(SpreadsheetApp.getActiveSpreadsheet());
  const html = HtmlService.createHtmlOutput(newsletterSettingsPage(lang))
    .setWidth(440)
    .setHeight(330);
  SpreadsheetApp.getUi().showModalDialog(html, t('newsletterSettingsTitle', lang));
}

/** Dialog call: never the whole key, only its first and last 4 hex digits. */
export function newsletterSettingsLoad(): NewsletterSettingsView {
  return newsletterSettingsView();
}

/** Dialog call: the settings as the dialog sends them (checked again here). */
export function newsletterSettingsSave(
  settings: NewsletterSettingsInput,
): NewsletterSettingsSaveResult {
  return saveNewsletterSettings(settings, workbookLang(SpreadsheetApp.getActiveSpreadsheet()));
}

/** Menu: pushes the opted-in clients to Mailchimp and shows what was done and what failed. */
export function syncMailchimp(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
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
  showAudienceCsv(SpreadsheetApp.getActiveSpreadsheet());
}
