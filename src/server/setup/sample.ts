/**
 * Fiche Client › Help › Load the sample workbook (decision 011): the preview's sample (30 made-up
 * Quebec clients, their terms, agreements, CRM log and a year of invoices: src/domain/sample.ts)
 * typed into an empty, set-up workbook, in the workbook's language, then the watch list and the
 * previous month's commissions computed, as the preview shows it. Only into a workbook whose
 * data sheets are empty: it adds rows, never replaces any, and asks first.
 */
import { SHEETS, type Lang, type SheetKey } from '../../shared/contract';
import { previousMonth, dayInZone } from '../../domain/time';
import {
  ACCOUNT_MANAGERS,
  SALESPEOPLE,
  sampleRows,
  type SampleCell,
  type SampleLists,
} from '../../domain/sample';
import { t } from '../platform/messages';
import { loadSettings } from '../platform/settings';
import { withDocumentLock } from '../platform/lock';
import { workbookState } from '../platform/workbookState';
import { toCells } from '../workbook/records';
import { setCellValues } from '../workbook/write';
import { checkedIndex, findSheet, sheetOf, sheetValues } from '../workbook/sheets';
import { WorkbookError } from '../platform/errors';
import { refreshWatch } from '../watch/refresh';
import { runCommissions } from '../commissions/commissionRun';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheets the sample fills, and those that must be empty for it (the computed ones too). */
const FILLED: readonly SheetKey[] = [
  'clients',
  'terms',
  'commissions',
  'crmLog',
  'invoices',
  'payments',
];
const MUST_BE_EMPTY: readonly SheetKey[] = [...FILLED, 'report', 'reportDetails'];
/** The Lists columns the sample types its people into (they must be empty too). */
const PEOPLE_COLUMNS = [
  'salespeople',
  'salespersonEmails',
  'accountManagers',
  'accountManagerEmails',
] as const;
const LOCK_WAIT_MS = 30_000;

export interface SampleReport {
  lang: Lang;
  clients: number;
  invoices: number;
  month: string;
}

/** Why the workbook cannot take the sample (in its language), or null when it can. */
function refusal(spreadsheet: Spreadsheet, lang: Lang): string | null {
  for (const key of MUST_BE_EMPTY) {
    const sheet = findSheet(spreadsheet, key, lang);
    if (!sheet) return t('missingSheet', lang, { name: SHEETS[key][lang] });
    if (sheet.getLastRow() > 1) return t('sampleNotEmpty', lang, { sheet: sheet.getName() });
  }
  const lists = listsValues(spreadsheet, lang);
  for (const key of PEOPLE_COLUMNS)
    if (lists.column(key).length > 0) return t('sampleNotEmpty', lang, { sheet: lists.name });
  return null;
}

/** The Lists sheet read once, and its columns' texts below the header, blanks left out. */
function listsValues(spreadsheet: Spreadsheet, lang: Lang) {
  const { sheet, name } = sheetOf(spreadsheet, 'lists', lang);
  const values = sheetValues(sheet, 1, 1, -1, -1);
  const index = checkedIndex('lists', values[0] ?? [], name, lang, []);
  const column = (key: keyof typeof index): string[] => {
    const i = index[key];
    if (i < 0) return [];
    return values
      .slice(1)
      .map((row) => String(row[i] ?? '').trim())
      .filter((v) => v !== '');
  };
  return { sheet, name, index, column };
}

/** Types `values` into a column of Lists from row 2 (the column was checked empty). */
function writeListColumn(sheet: Sheet, position: number, values: readonly string[]): void {
  if (position < 0 || values.length === 0) return;
  ensureRows(sheet, values.length + 1);
  setCellValues(
    sheet.getRange(2, position + 1, values.length, 1),
    values.map((v) => [v]),
  );
}

function ensureRows(sheet: Sheet, last: number): void {
  const max = sheet.getMaxRows();
  if (last > max) sheet.insertRowsAfter(max, last - max);
}

/** Writes records (by contract key) below the header of an empty contract sheet, in one block. */
function typeRecords(
  spreadsheet: Spreadsheet,
  key: SheetKey,
  lang: Lang,
  records: readonly Record<string, SampleCell>[],
  /** The first row written (default 2, right below the header of an empty sheet). */
  first = 2,
): void {
  if (records.length === 0) return;
  const { sheet, name } = sheetOf(spreadsheet, key, lang);
  const header = sheetValues(sheet, 1, 1, 1, -1)[0] ?? [];
  const index = checkedIndex(key, header, name, lang, []) as Record<string, number>;
  const rows = records.map((record) => {
    const cells = toCells(key, record as never, lang) as Record<string, unknown>;
    const row: unknown[] = header.map(() => '');
    for (const [column, value] of Object.entries(cells)) {
      const i = index[column] ?? -1;
      if (i >= 0) row[i] = value;
    }
    return row;
  });
  ensureRows(sheet, first + rows.length - 1);
  setCellValues(sheet.getRange(first, 1, rows.length, header.length), rows);
}

/** Types the sample in, under the document lock; the caller asked first. */
export function loadSample(spreadsheet: Spreadsheet): SampleReport {
  const lang = loadSettings(spreadsheet).lang;
  if (!workbookState(spreadsheet).setUp) throw new WorkbookError(t('sampleNotSetUp', lang));
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const today = dayInZone(new Date(), timeZone);
  const report = withDocumentLock(lang, LOCK_WAIT_MS, () => {
    // Checked again under the lock: a colleague may have typed a row meanwhile.
    const refused = refusal(spreadsheet, lang);
    if (refused) throw new WorkbookError(refused);
    const lists = listsValues(spreadsheet, lang);
    const people = [
      [lists.index.salespeople, lists.index.salespersonEmails, SALESPEOPLE],
      [lists.index.accountManagers, lists.index.accountManagerEmails, ACCOUNT_MANAGERS],
    ] as const;
    for (const [names, emails, who] of people) {
      writeListColumn(
        lists.sheet,
        names,
        who.map((p) => p.name),
      );
      writeListColumn(
        lists.sheet,
        emails,
        who.map((p) => p.email),
      );
    }
    // The other lists are Set up's seeds: the sample draws from what is there.
    const seeds: SampleLists = {
      creditCodes: lists.column('creditCodes'),
      referral: lists.column('referralSources'),
      tags: lists.column('tags'),
      productTypes: lists.column('productTypes'),
    };
    const rows = sampleRows({ lang, today }, seeds);
    typeRecords(spreadsheet, 'clients', lang, rows.clients);
    typeRecords(spreadsheet, 'terms', lang, rows.terms);
    typeRecords(spreadsheet, 'commissions', lang, rows.agreements);
    typeRecords(spreadsheet, 'crmLog', lang, rows.crm);
    typeRecords(spreadsheet, 'invoices', lang, rows.invoices);
    typeRecords(spreadsheet, 'payments', lang, rows.payments);
    return {
      lang,
      clients: rows.clients.length,
      invoices: rows.invoices.length,
      settled: rows.settled,
    };
  });
  // A settled month corrected afterwards (as the preview's): computed, ticked Paid out as the
  // team does once it paid, then a credit note typed on one of its invoices.
  const { settled, ...typed } = report;
  if (settled.invoices.length > 0) {
    runCommissions(spreadsheet, settled.month, { statements: false });
    withDocumentLock(lang, LOCK_WAIT_MS, () => {
      tickPaidOut(spreadsheet, lang, settled.month);
      const { sheet } = sheetOf(spreadsheet, 'invoices', lang);
      typeRecords(spreadsheet, 'invoices', lang, settled.invoices, sheet.getLastRow() + 1);
    });
  }
  // What the preview shows too: the watch list, and last month's commissions (own locks). No
  // e-mail: the sample's account managers and salespeople are made up (their addresses would
  // spend the day's mail quota on nobody).
  refreshWatch(spreadsheet, { notify: false });
  const month = previousMonth(today);
  runCommissions(spreadsheet, month, { statements: false });
  return { ...typed, month };
}

/** Ticks Paid out on every report row of `month` (the sample's settled month), in one write. */
function tickPaidOut(spreadsheet: Spreadsheet, lang: Lang, month: string): void {
  const { sheet, name } = sheetOf(spreadsheet, 'report', lang);
  const values = sheetValues(sheet, 1, 1, -1, -1);
  const index = checkedIndex('report', values[0] ?? [], name, lang, ['month', 'paidOut']);
  const rows = values.slice(1).map((row) => String(row[index.month] ?? '').trim() === month);
  const first = rows.indexOf(true);
  if (first < 0) return;
  const last = rows.lastIndexOf(true);
  // The report is sorted by month: the month's rows are one block.
  setCellValues(
    sheet.getRange(first + 2, index.paidOut + 1, last - first + 1, 1),
    rows
      .slice(first, last + 1)
      .map((ticked, k) => [ticked || values[first + 1 + k]![index.paidOut] === true]),
  );
}

/** Whether the workbook can take the sample now: the question's answer, or why not. */
export function sampleRefusal(spreadsheet: Spreadsheet): string | null {
  const lang = loadSettings(spreadsheet).lang;
  if (!workbookState(spreadsheet).setUp) return t('sampleNotSetUp', lang);
  return refusal(spreadsheet, lang);
}
