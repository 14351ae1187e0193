/**
 * Quebec's Law 25: a person may ask for the personal information held on them (access) and for
 * it to be destroyed or anonymized once no longer needed. Two menu actions, each on the client
 * of the selected row (or a code typed in a prompt), each confirmed and logged (the export with
 * Yes / No; the anonymization, which cannot be undone, by typing the client's code):
 *
 * - Export this client's data: every row of the client in every sheet (whole rows, the team's
 *   own columns included), offered in a dialog as two files: a page the person can read, in
 *   their language (accessPage.ts), and the same data as JSON.
 * - Anonymize client: blanks every cell of the client's rows that is not a key, an amount, a
 *   date or a computed figure, in every sheet holding them (the team's own columns included,
 *   Commission details too); invoices, terms and commissions stay (accounting must keep them),
 *   so the totals of past commission reports do not change. The Mailchimp member is deleted for
 *   good (newsletter/pendingDeletions.ts), or the team is told to delete it by hand.
 *
 * Each action is logged in the hidden "Journal Loi 25" / "Privacy log" sheet (privacyLog.ts). The
 * log is written after the work: if that write fails, the action is still reported as done, with
 * a warning saying what to add to the log by hand.
 */
import { menuCaption } from '../platform/menu';
import { cellCode, codeKey } from '../../domain/cells';
import { dayInZone } from '../../domain/time';
import {
  personalColumns,
  SHEETS,
  type ColumnKey,
  type Lang,
  type SheetKey,
} from '../../shared/contract';
import { withDocumentLock } from '../platform/lock';
import { forgetEntries } from '../platform/documentCache';
import { MOVED, untilSettled } from '../platform/attempts';
import { t } from '../platform/messages';
import { inputEcho } from '../platform/input';
import { loadMailchimpConfig, subscriberHash } from '../newsletter/mailchimp';
import { parseSyncState } from '../newsletter/newsletter';
import {
  addPendingDeletions,
  deletePendingMembers,
  deletionText,
  MAX_PENDING,
  roomFor,
} from '../newsletter/pendingDeletions';
import { filesPage } from '../platform/pages';
import { accessPage, clientLanguage } from './accessPage';
import { loadSettings } from '../platform/settings';
import { currentUser, logDoneAction, readPrivacyLog } from './privacyLog';
import {
  adjacentRuns,
  blockAgain,
  columnLetter,
  FIRST_DATA_ROW,
  sameValue,
  type Table,
} from '../workbook/sheets';
import { WorkbookError } from '../platform/errors';
import { asCellValue, setCellValuesIfUnmoved } from '../workbook/write';
import { readTable, rowsWithCode } from '../workbook/read';
import { sameHeader } from '../workbook/rowChecks';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LOCK_WAIT_MS = 30_000;

// ---------------------------------------------------------------- which client

/** Sheets holding client rows, and the column naming the client in each. */
const CLIENT_SHEETS: { key: SheetKey; column: string }[] = [
  { key: 'clients', column: 'code' },
  { key: 'terms', column: 'clientCode' },
  { key: 'commissions', column: 'clientCode' },
  { key: 'crmLog', column: 'clientCode' },
  { key: 'invoices', column: 'clientCode' },
  { key: 'payments', column: 'clientCode' },
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
  return cellCode(v);
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
    ui.alert(title, t('clientNotFound', lang, { code: inputEcho(code) }), ui.ButtonSet.OK);
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

/**
 * An irreversible action's confirmation: the person types the client's code (as codes match
 * everywhere: case and surrounding spaces ignored), not one click on a highlighted Yes. Cancel
 * changes nothing; a code that is not the client's changes nothing and says so.
 */
function confirmByCode(title: string, text: string, target: Target, lang: Lang): boolean {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    title,
    `${text}\n\n${t('typeCodeToConfirm', lang, { code: target.code })}`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return false;
  const typed = answer.getResponseText();
  if (codeKey(typed) === codeKey(target.code) && typed.trim() !== '') return true;
  ui.alert(
    title,
    typed.trim() === ''
      ? t('typedCodeMissing', lang, { code: target.code })
      : t('typedCodeWrong', lang, { typed: inputEcho(typed.trim()), code: target.code }),
    ui.ButtonSet.OK,
  );
  return false;
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
  // The person's copy: a page they can read, in their language, and the same data as JSON.
  const reader = clientLanguage(data, lang);
  const readerLang = reader.lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const day = dayInZone(new Date(data.exportedAt), timeZone);
  const base = `client-${target.code}-${day}`;
  const html = filesPage(
    t('clientExportIntro', lang, {
      n: rows,
      sheets: sheets.length,
      language: t(readerLang === 'fr' ? 'langNameFr' : 'langNameEn', lang),
      whose: t(reader.fromRecord ? 'langOfRecord' : 'langOfWorkbook', lang),
    }),
    [
      {
        button: t('downloadReadable', lang),
        label: t('readableFile', lang),
        filename: `${base}.html`,
        mime: 'text/html',
        content: accessPage(data, readerLang, day, `${base}.json`, timeZone),
      },
      {
        button: t('downloadJson', lang),
        label: t('jsonFile', lang),
        filename: `${base}.json`,
        mime: 'application/json',
        content: JSON.stringify(data, null, 2),
      },
    ],
    lang,
  );
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(460).setHeight(260),
    t('clientExportTitle', lang, { code: target.code }),
  );
}

// ---------------------------------------------------------------- anonymize

/** The contract columns of a sheet not marked `personal` (contract.ts says which are). */
function notPersonal(key: SheetKey): string[] {
  const personal = new Set<string>(personalColumns(key));
  return SHEETS[key].columns.map((c) => c.key).filter((k) => !personal.has(k));
}

/**
 * What anonymization keeps in each sheet holding the client's rows; every other cell of those
 * rows is blanked, the contract's columns and the team's own alike (a "Mobile" or a CRM
 * "Attachment" column added by the team holds personal data too).
 * - Clients: the code (the key other sheets point to), the computed watch flag and the update
 *   stamps (set: a form still open on the client must not save the old data back). The name
 *   becomes a placeholder, which is also how later runs know the client is anonymized. The
 *   Mailchimp sync state is blanked too: its subscriber hash (an MD5 of the address)
 *   re-identifies the person; it moves to the script's pending deletions instead.
 * - Terms: the key and the accounting terms (credit, term, discount, accounts, tax, dates,
 *   balance, ticks): figures that say nothing of the person.
 * - CRM log: the key, the date and the kind of each exchange.
 * - Commissions, Invoices and Commission details: every contract column (keys, amounts, dates
 *   and computed figures: accounting must keep them, and past commission reports must keep
 *   their totals); only the team's own columns are blanked ("Anne Lavoie called, 418 555-0101"
 *   typed next to a commission line is the person's).
 */
const ANONYMIZED: readonly { key: SheetKey; code: string; kept: readonly string[] }[] = [
  {
    key: 'clients',
    code: 'code',
    kept: ['code', 'watched', 'updatedAt', 'updatedBy'],
  },
  {
    key: 'terms',
    code: 'clientCode',
    kept: notPersonal('terms'),
  },
  { key: 'crmLog', code: 'clientCode', kept: notPersonal('crmLog') },
  { key: 'commissions', code: 'clientCode', kept: SHEETS.commissions.columns.map((c) => c.key) },
  { key: 'invoices', code: 'clientCode', kept: SHEETS.invoices.columns.map((c) => c.key) },
  // A payment's reference (a cheque number, a transfer id) may name the payer's bank account.
  { key: 'payments', code: 'clientCode', kept: ['date', 'invoiceNumber', 'clientCode', 'amount'] },
  {
    key: 'reportDetails',
    code: 'clientCode',
    kept: SHEETS.reportDetails.columns.map((c) => c.key),
  },
];

/** Whether a Clients row's name is the anonymization placeholder (in either language). */
export function isAnonymizedName(name: unknown): boolean {
  return name === t('anonymizedName', 'fr') || name === t('anonymizedName', 'en');
}

/** One sheet's part of an anonymization: the rows read and what each becomes. */
interface SheetPlan {
  table: Table<SheetKey>;
  /** Position of the client-code column. */
  codeAt: number;
  /** Sheet rows of the client, ascending. */
  rows: number[];
  /** The whole rows as read, and as they are to be written (cell-ready values). */
  before: unknown[][];
  after: unknown[][];
  /** Header texts of the columns blanked, and of those kept, for the confirmation. */
  blanked: string[];
  kept: string[];
}

/** Reads every sheet holding the client's rows and plans what each row becomes. */
export function planAnonymization(spreadsheet: Spreadsheet, lang: Lang, code: string): SheetPlan[] {
  const key = codeKey(code);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const fixed: Record<string, unknown> = {
    name: t('anonymizedName', lang),
    newsletter: false,
    updatedAt: now,
    updatedBy: currentUser(),
  };
  const plans: SheetPlan[] = [];
  for (const spec of ANONYMIZED) {
    let table: Table<SheetKey>;
    try {
      table = readTable(spreadsheet, spec.key, lang, spec.key === 'clients' ? undefined : []);
    } catch (e) {
      if (e instanceof WorkbookError && spec.key !== 'clients') continue; // no sheet, no rows
      throw e;
    }
    const index = table.index as Record<string, number>;
    const codeAt = index[spec.code] ?? -1;
    if (codeAt < 0) continue;
    const rows = rowsWithCode(table, spec.code as ColumnKey<SheetKey>, key);
    if (spec.key === 'clients' && rows.length === 0)
      throw new WorkbookError(t('clientNotFound', lang, { code }));
    const keptAt = new Set(spec.kept.map((k) => index[k] ?? -1));
    const fixedAt = new Map(
      Object.entries(fixed)
        .filter(([k]) => spec.key === 'clients' && (index[k] ?? -1) >= 0)
        .map(([k, v]) => [index[k]!, v]),
    );
    const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
    const before = rows.map((r) => {
      const row = table.rows[r - FIRST_DATA_ROW]!;
      return Array.from({ length: width }, (_, c) => row[c] ?? '');
    });
    const after = before.map((row) =>
      row.map((v, c) => (fixedAt.has(c) ? fixedAt.get(c) : keptAt.has(c) ? v : '')),
    );
    const names = exportHeaders(table.header, table.rows);
    plans.push({
      table,
      codeAt,
      rows,
      before,
      after,
      blanked: names.filter((_, c) => !keptAt.has(c)),
      kept: names.filter((_, c) => keptAt.has(c)),
    });
  }
  return plans;
}

/**
 * The blocks a plan writes: runs of adjacent client rows, each over the columns from the first
 * to the last cell that changes (the code column included, so the check covers the key).
 */
function planBlocks(plan: SheetPlan): { at: number; count: number; from: number; to: number }[] {
  const blocks: { at: number; count: number; from: number; to: number }[] = [];
  for (const run of adjacentRuns(plan.rows)) {
    const at = plan.rows.indexOf(run.start);
    const changed: number[] = [];
    for (let k = 0; k < run.values.length; k++)
      plan.before[at + k]!.forEach((v, c) => {
        if (!sameValue(v, plan.after[at + k]![c])) changed.push(c);
      });
    if (changed.length === 0) continue;
    const from = Math.min(plan.codeAt, ...changed);
    const to = Math.max(plan.codeAt, ...changed);
    blocks.push({ at, count: run.values.length, from, to });
  }
  return blocks;
}

/** Whether the block still holds exactly what the plan read (one call). */
function blockUnchanged(plan: SheetPlan, b: ReturnType<typeof planBlocks>[number]): boolean {
  const now = blockAgain(
    plan.table.sheet,
    plan.rows[b.at]!,
    b.from + 1,
    b.count,
    b.to - b.from + 1,
  );
  if (!now) return false;
  for (let k = 0; k < b.count; k++)
    for (let c = b.from; c <= b.to; c++)
      if (!sameValue(now[k]?.[c - b.from], plan.before[b.at + k]![c])) return false;
  return true;
}

export function anonymizeClient(spreadsheet: Spreadsheet): void {
  const lang = loadSettings(spreadsheet).lang;
  const title = t('menuAnonymize', lang);
  const target = askClient(spreadsheet, lang, title);
  if (!target) return;
  const plans = planAnonymization(spreadsheet, lang, target.code);
  const planned = mailchimpTargets(plans);
  const mailchimp = mailchimpConfirmation(lang, planned);
  if (!confirmByCode(title, anonymizeConfirmation(lang, target, plans, mailchimp), target, lang))
    return;
  const done = withDocumentLock(lang, LOCK_WAIT_MS, () =>
    anonymizeLocked(spreadsheet, lang, target.code),
  );
  // Committed: from here on nothing may report the anonymization as failed.
  forgetEntries(['clientNames']); // the type-ahead list no longer holds the name
  const outcome = deleteMailchimpMembers(lang, done.mailchimp);
  const text = [
    t('anonymized', lang, { code: target.code, rows: done.crmRows }),
    t('anonymizedSheets', lang, { sheets: done.sheets.join(', ') }),
    outcome.text,
  ]
    .filter(Boolean)
    .join('\n');
  const logProblem = logDoneAction(spreadsheet, lang, 'anonymize', target.code);
  // Something for the team to do by hand must stay on screen: an alert, not a toast.
  if (!logProblem && !outcome.byHand) spreadsheet.toast(text, menuCaption('menuAnonymize', lang));
  else {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, logProblem ? `${text}\n\n${logProblem}` : text, ui.ButtonSet.OK);
  }
}

/** The Mailchimp members an anonymization deletes, from the client's rows as read. */
interface MailchimpTargets {
  /** The client's addresses (every Clients row of the code). */
  emails: string[];
  /** Subscriber hashes to delete: the stored sync states', and the addresses' own. */
  hashes: string[];
  /** Codes of other clients with one of these addresses: their member is not deleted. */
  sharedWith: string[];
  /** Whether Mailchimp is configured (else the team deletes the member by hand). */
  configured: boolean;
}

function mailchimpTargets(plans: readonly SheetPlan[]): MailchimpTargets {
  const configured = loadMailchimpConfig() !== null;
  const out: MailchimpTargets = { emails: [], hashes: [], sharedWith: [], configured };
  const plan = plans.find((p) => p.table.key === 'clients');
  if (!plan) return out;
  const index = plan.table.index as Record<string, number>;
  const at = (row: readonly unknown[], key: string): string => {
    const i = index[key] ?? -1;
    return i < 0 ? '' : String(row[i] ?? '').trim();
  };
  for (const row of plan.before) {
    const email = at(row, 'email');
    if (email && !out.emails.includes(email)) out.emails.push(email);
    const state = parseSyncState(at(row, 'mailchimpSync'));
    if (state && !out.hashes.includes(state.hash)) out.hashes.push(state.hash);
  }
  // The address's own member, found by its hash even if this workbook never synced it (an
  // imported CSV), unless another client uses the same address: that member is theirs too.
  const mine = new Set(plan.rows);
  const lower = new Set(out.emails.map((e) => e.toLowerCase()));
  plan.table.rows.forEach((row, r) => {
    if (mine.has(r + FIRST_DATA_ROW) || isAnonymizedName(at(row, 'name'))) return;
    if (lower.has(at(row, 'email').toLowerCase())) out.sharedWith.push(at(row, 'code'));
  });
  if (configured && out.sharedWith.length === 0)
    for (const email of out.emails) {
      const hash = subscriberHash(email);
      if (!out.hashes.includes(hash)) out.hashes.push(hash);
    }
  return out;
}

/** What the confirmation says of Mailchimp ('' when there is nothing to say). */
function mailchimpConfirmation(lang: Lang, m: MailchimpTargets): string {
  if (m.emails.length === 0 && m.hashes.length === 0) return '';
  const email = m.emails.join(', ') || '—';
  const lines: string[] = [];
  if (m.sharedWith.length > 0)
    lines.push(t('mcKeptShared', lang, { email, codes: m.sharedWith.slice(0, 5).join(', ') }));
  if (!m.configured) lines.push(deletionText('byHand', lang, { email }));
  else if (!roomFor(m.hashes.length))
    lines.push(deletionText('byHandFull', lang, { n: MAX_PENDING, email }));
  else if (m.hashes.length > 0) lines.push(deletionText('deleteNow', lang, { email }));
  return lines.map((l) => `\n\n${l}`).join('');
}

/**
 * After the sheets are written: the hashes go to the pending deletions (script properties),
 * then, when Mailchimp is configured, are deleted at once. What to tell the team, and whether
 * it has something to do by hand. Never throws: the anonymization is already done.
 */
function deleteMailchimpMembers(
  lang: Lang,
  m: MailchimpTargets,
): { text: string; byHand: boolean } {
  const email = m.emails.join(', ') || '—';
  const byHand = (key: 'byHand' | 'byHandFull') => ({
    text: deletionText(key, lang, { n: MAX_PENDING, email }),
    byHand: true,
  });
  if (m.hashes.length === 0)
    return m.configured || m.emails.length === 0 ? { text: '', byHand: false } : byHand('byHand');
  try {
    if (addPendingDeletions(m.hashes).length > 0) return byHand('byHandFull');
    if (!m.configured) return byHand('byHand');
    const report = deletePendingMembers();
    const deleted = report !== null && report.pending === 0;
    return { text: deletionText(deleted ? 'deleted' : 'deferred', lang), byHand: false };
  } catch (e) {
    const msg = inputEcho(e instanceof Error ? e.message : String(e), 200);
    return { text: t('mcDeletionNotRecorded', lang, { email, msg }), byHand: true };
  }
}

/** The confirmation: what is blanked and what is kept, sheet by sheet, and why. */
function anonymizeConfirmation(
  lang: Lang,
  target: Target,
  plans: readonly SheetPlan[],
  mailchimp: string,
): string {
  const lines = plans
    .filter((p) => p.rows.length > 0)
    .map((p) =>
      t('anonymizeSheetLine', lang, {
        sheet: p.table.name,
        n: p.rows.length,
        blanked: p.blanked.join(', ') || '—',
        kept: p.kept.join(', ') || '—',
      }),
    );
  return t('confirmAnonymizeDetail', lang, {
    code: target.code,
    name: target.name,
    sheets: lines.join('\n'),
    mailchimp,
  });
}

/**
 * Blanks the client's rows; returns the number of CRM log rows blanked, the sheets written and
 * the Mailchimp members of the rows as they were. Plans from a fresh
 * read, checks every block it will write (header and cells) before writing any, then writes
 * each block right after reading it once more: a block is one run of adjacent client rows over
 * the columns that change, in one setValues. A block that no longer holds what was read (rows
 * sorted, inserted or deleted, a cell typed) makes it read and plan again; after
 * three attempts (untilSettled) it gives up with "busy". A retry after some blocks were written is safe:
 * those blocks now hold blanks, which the new plan keeps.
 */
export interface Anonymized {
  crmRows: number;
  /** The sheets whose rows were blanked, by name. */
  sheets: string[];
  /** The Mailchimp members of the rows as they were written over. */
  mailchimp: MailchimpTargets;
}

export function anonymizeLocked(spreadsheet: Spreadsheet, lang: Lang, code: string): Anonymized {
  return untilSettled(lang, (): Anonymized | typeof MOVED => {
    const plans = planAnonymization(spreadsheet, lang, code);
    const work = plans.map((plan) => ({ plan, blocks: planBlocks(plan) }));
    const ready = work.every(
      ({ plan, blocks }) =>
        blocks.length === 0 ||
        (sameHeader(plan.table.sheet, plan.table.header) &&
          blocks.every((b) => blockUnchanged(plan, b))),
    );
    if (!ready) return MOVED;
    let moved = false;
    for (const { plan, blocks } of work) {
      for (const b of blocks) {
        const range = plan.table.sheet.getRange(
          plan.rows[b.at]!,
          b.from + 1,
          b.count,
          b.to - b.from + 1,
        );
        const formulas = range.getFormulas();
        const values = plan.after.slice(b.at, b.at + b.count).map((row, k) =>
          row.slice(b.from, b.to + 1).map((v, c) => {
            const was = plan.before[b.at + k]![b.from + c];
            // A cell kept is written back as it is: its formula, or its value as typed.
            if (sameValue(v, was)) return formulas[k]?.[c] || asCellValue(v);
            return asCellValue(v);
          }),
        );
        // Read again right before the write, nothing between: the window left is the instant
        // between this read and the setValues (README, "Shared editing").
        if (!setCellValuesIfUnmoved(range, values, () => blockUnchanged(plan, b))) {
          moved = true;
          break;
        }
      }
      if (moved) break;
    }
    if (moved) return MOVED;
    return {
      crmRows: plans.find((p) => p.table.key === 'crmLog')?.rows.length ?? 0,
      sheets: plans.filter((p) => p.rows.length > 0).map((p) => p.table.name),
      mailchimp: mailchimpTargets(plans),
    };
  });
}
