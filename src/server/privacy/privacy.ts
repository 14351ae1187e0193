/**
 * Quebec's Law 25: a person may ask for the personal information held on them (access) and for
 * it to be destroyed or anonymized once no longer needed. Two menu actions, each on the client
 * of the selected row (or a code typed in a prompt), each confirmed (Yes / No) and logged:
 *
 * - Export this client's data: every row of the client in every sheet (whole rows, the team's
 *   own columns included), as a JSON file offered for download in a dialog.
 * - Anonymize client: blanks the personal fields of the Clients row and the client's CRM log
 *   details; invoices, terms and commissions stay (accounting must keep them), so the totals of
 *   past commission reports do not change.
 *
 * Each action is logged in the hidden "Journal Loi 25" / "Privacy log" sheet (privacyLog.ts). The
 * log is written after the work: if that write fails, the action is still reported as done, with
 * a warning saying what to add to the log by hand.
 */
import { codeKey } from '../../domain/cells';
import { dayInZone } from '../../domain/time';
import { SHEETS, type ColumnKey, type Lang, type SheetKey } from '../../shared/contract';
import { t } from '../platform/messages';
import { downloadPage } from './download';
import { toCells } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { currentUser, logDoneAction, readPrivacyLog } from './privacyLog';
import { columnLetter, FIRST_DATA_ROW, WorkbookError, type Table } from '../workbook/sheets';
import { readTable } from '../workbook/read';
import { writeRowCells } from '../workbook/write';
import { withDocumentLock } from '../platform/lock';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LOCK_WAIT_MS = 30_000;

export type { PrivacyLogEntry } from './privacyLog';

// ---------------------------------------------------------------- which client

/** Sheets holding client rows, and the column naming the client in each. */
const CLIENT_SHEETS: { key: SheetKey; column: string }[] = [
  { key: 'clients', column: 'code' },
  { key: 'terms', column: 'clientCode' },
  { key: 'commissions', column: 'clientCode' },
  { key: 'crmLog', column: 'clientCode' },
  { key: 'invoices', column: 'clientCode' },
  { key: 'reportDetails', column: 'clientCode' },
];

function selectedCode(spreadsheet: Spreadsheet, lang: Lang): string {
  const sheet = spreadsheet.getActiveSheet();
  const row = spreadsheet.getActiveRange()?.getRow() ?? 0;
  if (row < FIRST_DATA_ROW) return '';
  const name = sheet.getName();
  const found = CLIENT_SHEETS.find((s) => SHEETS[s.key].fr === name || SHEETS[s.key].en === name);
  if (!found) return '';
  const table = readTable(spreadsheet, found.key, lang, []);
  const i = (table.index as Record<string, number>)[found.column] ?? -1;
  const v = i < 0 ? '' : table.rows[row - FIRST_DATA_ROW]?.[i];
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
}

interface Target {
  code: string;
  name: string;
  clients: Table<'clients'>;
  rowIndex: number;
}

/** Asks which client (the selected one by default); null when cancelled or unknown (told). */
function askClient(spreadsheet: Spreadsheet, lang: Lang, title: string): Target | null {
  const ui = SpreadsheetApp.getUi();
  const proposed = selectedCode(spreadsheet, lang);
  const answer = ui.prompt(
    title,
    proposed ? t('askClientCode', lang, { code: proposed }) : t('askClientCodeNone', lang),
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  const code = answer.getResponseText().trim() || proposed;
  if (!code) return null;
  const clients = readTable(spreadsheet, 'clients', lang);
  const ci = clients.index.code;
  const rowIndex = clients.rows.findIndex((r) => codeKey(String(r[ci] ?? '')) === codeKey(code));
  if (rowIndex < 0) {
    ui.alert(title, t('clientNotFound', lang, { code }), ui.ButtonSet.OK);
    return null;
  }
  const row = clients.rows[rowIndex]!;
  return {
    code: String(row[ci]).trim(),
    name: String(row[clients.index.name] ?? ''),
    clients,
    rowIndex,
  };
}

function confirm(title: string, text: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(title, text, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

// ---------------------------------------------------------------- export

export interface ClientData {
  client: string;
  exportedAt: string;
  exportedBy: string;
  /** Sheet name → rows, each as header text → value. */
  sheets: Record<string, Record<string, unknown>[]>;
  /** Earlier Law 25 actions on this client (date and action; who acted is staff, not theirs). */
  privacyLog: { at: string; action: string }[];
}

/** Every row of the client in every sheet, whole, as header text → value. */
export function clientData(spreadsheet: Spreadsheet, lang: Lang, code: string): ClientData {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const key = codeKey(code);
  const out: ClientData = {
    client: code,
    exportedAt: new Date().toISOString(),
    exportedBy: currentUser(),
    sheets: {},
    privacyLog: readPrivacyLog(spreadsheet)
      .filter((e) => codeKey(e.code) === key)
      .map((e) => ({ at: e.at, action: e.action })),
  };
  for (const s of CLIENT_SHEETS) {
    let table: Table<SheetKey>;
    try {
      table = readTable(spreadsheet, s.key, lang, []);
    } catch (e) {
      if (e instanceof WorkbookError) continue; // a sheet that does not exist holds nothing
      throw e;
    }
    const i = (table.index as Record<string, number>)[s.column] ?? -1;
    if (i < 0) continue;
    const header = exportHeaders(table.header, table.rows);
    const rows = table.rows
      .filter((r) => codeKey(String(r[i] ?? '')) === key)
      .map((r) => Object.fromEntries(header.map((h, c) => [h, cellValue(r[c], timeZone)])));
    if (rows.length > 0) out.sheets[table.name] = rows;
  }
  return out;
}

/**
 * A name for every column of an access export, so nothing of the client is left out: the header,
 * or the column letter for a column without one, and the letter added to a header used twice.
 */
export function exportHeaders(header: readonly unknown[], rows: readonly unknown[][]): string[] {
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  const texts = Array.from({ length: width }, (_, c) => String(header[c] ?? '').trim());
  return texts.map((h, c) => {
    const letter = columnLetter(c + 1);
    if (!h) return `(${letter})`;
    return texts.indexOf(h) === c && texts.lastIndexOf(h) === c ? h : `${h} (${letter})`;
  });
}

/** Dates as days in the spreadsheet's zone (an instant with a time of day keeps it, in ISO). */
function cellValue(v: unknown, timeZone: string): unknown {
  if (v instanceof Date) {
    const day = dayInZone(v, timeZone);
    const midnight = dayInZone(new Date(v.getTime() - 1), timeZone) !== day;
    return midnight ? day : v.toISOString();
  }
  return v;
}

export function exportClientData(spreadsheet: Spreadsheet): void {
  const lang = loadSettings(spreadsheet).lang;
  const title = t('menuExportClient', lang);
  const target = askClient(spreadsheet, lang, title);
  if (!target) return;
  if (!confirm(title, t('confirmExport', lang, { code: target.code, name: target.name }))) return;
  const data = clientData(spreadsheet, lang, target.code);
  const logProblem = logDoneAction(spreadsheet, lang, 'export', target.code);
  if (logProblem)
    SpreadsheetApp.getUi().alert(title, logProblem, SpreadsheetApp.getUi().ButtonSet.OK);
  const sheets = Object.keys(data.sheets);
  const rows = sheets.reduce((n, s) => n + data.sheets[s]!.length, 0);
  const html = downloadPage({
    intro: t('clientExportIntro', lang, { n: rows, sheets: sheets.length }),
    button: t('download', lang),
    filename: `client-${target.code}-${data.exportedAt.slice(0, 10)}.json`,
    mime: 'application/json',
    content: JSON.stringify(data, null, 2),
  });
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(420).setHeight(200),
    t('clientExportTitle', lang, { code: target.code }),
  );
}

// ---------------------------------------------------------------- anonymize

/** Clients columns blanked by anonymization (the name gets a placeholder). */
export const PERSONAL_CLIENT_FIELDS = [
  'contact',
  'email',
  'phone',
  'address',
  'city',
  'postalCode',
  'referredBy',
  // The computed reasons quote the manual "why under watch", which often names people.
  'watchReasons',
  'needs',
  'followUp',
  'habits',
  'consentType',
  'consentDate',
  'consentSource',
  'nextFollowUp',
  'computedHabits',
] as const satisfies readonly ColumnKey<'clients'>[];

/** CRM log columns blanked on the client's rows (date and kind stay: they say nothing of anyone). */
export const PERSONAL_CRM_FIELDS = [
  'from',
  'to',
  'cc',
  'subject',
  'details',
] as const satisfies readonly ColumnKey<'crmLog'>[];

export function anonymizeClient(spreadsheet: Spreadsheet): void {
  const lang = loadSettings(spreadsheet).lang;
  const title = t('menuAnonymize', lang);
  const target = askClient(spreadsheet, lang, title);
  if (!target) return;
  if (!confirm(title, t('confirmAnonymize', lang, { code: target.code, name: target.name })))
    return;
  const crmRows = withDocumentLock(lang, LOCK_WAIT_MS, () =>
    anonymizeLocked(spreadsheet, lang, target.code),
  );
  // Committed: from here on nothing may report the anonymization as failed.
  const done = t('anonymized', lang, { code: target.code, rows: crmRows });
  const logProblem = logDoneAction(spreadsheet, lang, 'anonymize', target.code);
  if (!logProblem) spreadsheet.toast(done, title);
  else {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, `${done}\n\n${logProblem}`, ui.ButtonSet.OK);
  }
}

/** Blanks the client's personal cells; returns the number of CRM log rows blanked. */
export function anonymizeLocked(spreadsheet: Spreadsheet, lang: Lang, code: string): number {
  const key = codeKey(code);
  // Read again under the lock: rows may have moved since the prompt.
  const clients = readTable(spreadsheet, 'clients', lang);
  const ci = clients.index.code;
  // Every row with the code: a code typed twice by hand must not leave a copy behind.
  const rowIndexes = clients.rows.flatMap((r, i) =>
    codeKey(String(r[ci] ?? '')) === key ? [i] : [],
  );
  if (rowIndexes.length === 0) throw new WorkbookError(t('clientNotFound', lang, { code }));
  const blank: Partial<Record<ColumnKey<'clients'>, unknown>> = {
    name: t('anonymizedName', lang),
    newsletter: false,
  };
  for (const f of PERSONAL_CLIENT_FIELDS) blank[f] = '';
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  for (const rowIndex of rowIndexes)
    writeRowCells(clients, rowIndex + FIRST_DATA_ROW, {
      ...toCells('clients', blank, lang),
      // A form still open on this client must not save the old data back: its version is stale.
      updatedAt: now,
      updatedBy: currentUser(),
    });
  const terms = readTable(spreadsheet, 'terms', lang);
  const ti = terms.index.clientCode;
  terms.rows.forEach((r, i) => {
    // Invoice remarks (printed on invoices) and the manual watch reason often name people.
    if (codeKey(String(r[ti] ?? '')) === key)
      writeRowCells(terms, i + FIRST_DATA_ROW, { invoiceRemarks: '', watchReason: '' });
  });
  const crm = readTable(spreadsheet, 'crmLog', lang);
  const li = crm.index.clientCode;
  const crmBlank = Object.fromEntries(PERSONAL_CRM_FIELDS.map((f) => [f, '']));
  let count = 0;
  crm.rows.forEach((r, i) => {
    if (codeKey(String(r[li] ?? '')) !== key) return;
    // One write per CRM row of this client only: bounded by the client, not the workbook.
    writeRowCells(crm, i + FIRST_DATA_ROW, crmBlank);
    count++;
  });
  return count;
}
