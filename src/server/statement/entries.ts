/**
 * The client statement's entry points of src/server/index.ts: the menu item (the client of the
 * selected row of Clients, Terms or Invoices, else a code asked in a prompt), the form's button
 * (the open client) and the dialog's e-mail button.
 */
import { cellCode } from '../../domain/cells';
import { SHEETS, type Lang } from '../../shared/contract';
import { translator, type TextTable } from '../../shared/text';
import { inputEcho } from '../platform/input';
import { isOneAddress, sendWithinQuota, type MailReport } from '../platform/mail';
import { menuCaption } from '../platform/menu';
import { t } from '../platform/messages';
import { loadSettings } from '../platform/settings';
import { readColumns } from '../workbook/read';
import { FIRST_DATA_ROW } from '../workbook/sheets';
import { statementHtml, statementPage, statementSubject, statementText } from './page';
import { statementData, STATEMENT_SHEETS, type StatementData } from './statement';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What the server says of an e-mail asked from the dialog, in the workbook's language. */
const TEXT = {
  sent: { fr: 'État de compte envoyé à {address}.', en: 'Statement sent to {address}.' },
  overQuota: {
    fr: 'Rien n’a été envoyé : le quota quotidien de courriels de Google est atteint. Réessayez demain, ou imprimez l’état de compte.',
    en: 'Nothing was sent: Google’s daily e-mail quota is used up. Try again tomorrow, or print the statement.',
  },
  failed: {
    fr: 'L’envoi à {address} a échoué : {error}',
    en: 'Sending to {address} failed: {error}',
  },
  noAddress: {
    fr: 'Rien n’a été envoyé : la fiche du client {code} n’a pas une adresse de courriel valide (colonne Courriel).',
    en: 'Nothing was sent: the record of client {code} has no valid e-mail address (Email column).',
  },
  unreadable: {
    fr: 'Rien n’a été envoyé : des cellules du client {code} sont illisibles ({cells}). Corrigez-les, puis rouvrez l’état de compte.',
    en: 'Nothing was sent: some cells of client {code} cannot be read ({cells}). Fix them, then open the statement again.',
  },
} as const satisfies TextTable;
const say = translator(TEXT);

export interface StatementEmailResult {
  sent: boolean;
  message: string;
}

/** The client code of the selected row on Clients, Terms or Invoices; '' otherwise. */
function selectedCode(spreadsheet: Spreadsheet, lang: Lang): string {
  const row = spreadsheet.getActiveRange()?.getRow() ?? 0;
  if (row < FIRST_DATA_ROW) return '';
  const name = spreadsheet.getActiveSheet().getName();
  const found = STATEMENT_SHEETS.find(
    (s) => SHEETS[s.key].fr === name || SHEETS[s.key].en === name,
  );
  if (!found) return '';
  // The code column only (a whole Invoices sheet would be thousands of cells for one).
  const table = readColumns(spreadsheet, found.key, lang, [found.column], []);
  const i = (table.index as Record<string, number>)[found.column] ?? -1;
  return i < 0 ? '' : cellCode(table.rows[row - FIRST_DATA_ROW]?.[i]);
}

function canEmail(d: StatementData): boolean {
  return isOneAddress(d.email) && d.problems.length === 0;
}

function show(d: StatementData): void {
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(statementPage(d, canEmail(d)))
      .setWidth(760)
      .setHeight(620),
    `${menuCaption('menuClientStatement', d.workbookLang)} ${d.code}`,
  );
}

/** Menu: the statement of the selected row's client, else of a code typed in a prompt. */
export function showClientStatement(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { lang } = loadSettings(spreadsheet);
  const ui = SpreadsheetApp.getUi();
  const title = menuCaption('menuClientStatement', lang);
  let code = selectedCode(spreadsheet, lang);
  if (!code) {
    const answer = ui.prompt(title, t('askClientCodeNone', lang), ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    code = answer.getResponseText().trim();
    if (!code) return;
  }
  const d = statementData(spreadsheet, code);
  if (!d) {
    ui.alert(title, t('clientNotFound', lang, { code: inputEcho(code) }), ui.ButtonSet.OK);
    return;
  }
  show(d);
}

/**
 * The form's button (google.script.run): the statement dialog of the open client. An unknown
 * code (deleted or renamed since the form opened) is an answer in the workbook's language, not
 * a thrown error (src/shared/formApi.ts: expected failures are returned).
 */
export function statementShow(code: unknown): { ok: true } | { ok: false; message: string } {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { lang } = loadSettings(spreadsheet);
  const text = typeof code === 'string' ? code : '';
  const d = text.trim() === '' ? null : statementData(spreadsheet, text);
  if (!d) return { ok: false, message: t('clientNotFound', lang, { code: inputEcho(text) }) };
  show(d);
  return { ok: true };
}

/**
 * The dialog's e-mail button, after its confirmation (google.script.run): the statement, read
 * again now, to the client's Email, as an HTML body with a plain-text copy. Counted by recipient
 * against MailApp's daily quota (platform/mail.ts); past it, nothing is sent and it says so.
 */
export function statementEmail(code: unknown): StatementEmailResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { lang } = loadSettings(spreadsheet);
  const text = typeof code === 'string' ? code : '';
  const d = text.trim() === '' ? null : statementData(spreadsheet, text);
  if (!d) return { sent: false, message: t('clientNotFound', lang, { code: inputEcho(text) }) };
  if (!isOneAddress(d.email))
    return { sent: false, message: say('noAddress', lang, { code: d.code }) };
  if (d.problems.length > 0)
    return {
      sent: false,
      message: say('unreadable', lang, { code: d.code, cells: d.problems.join(' ; ') }),
    };
  const report: MailReport = { sent: 0, overQuota: 0, failed: [] };
  const address = d.email;
  sendWithinQuota(
    [
      {
        to: address,
        subject: statementSubject(d),
        body: statementText(d),
        htmlBody: statementHtml(d),
      },
    ],
    report,
  );
  if (report.sent === 1) return { sent: true, message: say('sent', lang, { address }) };
  if (report.overQuota > 0) return { sent: false, message: say('overQuota', lang) };
  return {
    sent: false,
    message: say('failed', lang, { address, error: report.failed[0]?.error ?? '' }),
  };
}
