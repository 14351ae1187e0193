/**
 * Export without the API: the opted-in audience (newsletter ticked, consent valid under CASL,
 * a usable address) as a CSV in Mailchimp's import format, offered for download in a dialog.
 */
import { dayInZone } from '../../domain/time';
import { t } from '../platform/messages';
import { audienceCsv, readAudience } from './audience';
import { downloadPage } from '../platform/pages';
import { loadSettings } from '../platform/settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function showAudienceExport(spreadsheet: Spreadsheet): void {
  const lang = loadSettings(spreadsheet).lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const today = dayInZone(new Date(), timeZone);
  const audience = readAudience(spreadsheet, lang, { lang, timeZone }, today);
  const count = audience.clients.filter((c) => c.eligibility.subscribe).length;
  const html = downloadPage({
    intro: t('audienceExportIntro', lang, { n: count }),
    button: t('download', lang),
    lang,
    filename: `mailchimp-${today}.csv`,
    mime: 'text/csv;charset=utf-8',
    content: audienceCsv(audience.clients),
  });
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(420).setHeight(200),
    t('audienceExportTitle', lang),
  );
}
