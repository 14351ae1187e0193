/**
 * The sample workbook of the preview (and, later, of the benchmark): a small Quebec
 * distributor with `clients` clients, their terms, salesperson agreements, CRM log and a year
 * of invoices up to `today`. Deterministic: the same options give the same workbook.
 *
 * It is built the way a team would: Set up workbook, then rows typed under the headers, then
 * Refresh watch list and the commissions of the previous month, so that every feature of the
 * product has something to show.
 */
import { createEmulator, type Emulator } from '../emulator';
import { normalizeHeader, SHEETS, sheetName, type Lang } from '../src/shared/contract';
import { previousMonth } from '../src/domain/time';
import type { Day } from '../src/domain/types';
import {
  ACCOUNT_MANAGERS,
  SALESPEOPLE,
  sampleRows,
  type SampleLists,
  type SampleRows,
} from '../src/domain/sample';
import { appendRecords, columnTexts, writeColumn } from './workbookIO';

// The rows are drawn by src/domain/sample.ts, which the bundle's Load the sample workbook uses too.
export { prng } from '../src/domain/sample';

export interface SampleOptions {
  lang: Lang;
  /** Number of clients (default 30). */
  clients?: number;
  /** The emulated "today", 'YYYY-MM-DD' in the time zone. */
  today: Day;
  /** PRNG seed (default 2026). */
  seed?: number;
  timeZone?: string;
  /** Where the built bundle is (default: the emulator's, <repo>/dist). */
  distDir?: string;
}

export interface SampleSummary {
  clients: number;
  invoices: number;
  agreements: number;
  crmEntries: number;
  commissionMonth: string;
}

export const LOCALE_OF: Record<Lang, string> = { fr: 'fr_CA', en: 'en_US' };
export const DEFAULT_TIME_ZONE = 'America/Toronto';

/** Noon in the zone's usual offset is always inside the intended day, DST or not. */
export function noonOf(day: Day): string {
  return `${day}T12:00:00-05:00`;
}

/** A new emulator for the language, zone and day, with the bundle loaded. */
function loadedEmulator(opts: Omit<SampleOptions, 'clients' | 'seed'>): Emulator {
  const emu = createEmulator({
    locale: LOCALE_OF[opts.lang],
    timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
    now: noonOf(opts.today),
    ...(opts.distDir ? { distDir: opts.distDir } : {}),
  });
  emu.loadBundle();
  return emu;
}

/** A new emulator holding the sample workbook, with the bundle loaded. */
export function buildSample(opts: SampleOptions): Emulator {
  const emu = loadedEmulator(opts);
  fillSample(emu, opts);
  return emu;
}

/** A new emulator with an empty workbook on which Set up workbook has run. */
export function buildEmpty(opts: Omit<SampleOptions, 'clients' | 'seed'>): Emulator {
  const emu = loadedEmulator(opts);
  emu.run('setupWorkbook');
  emu.spreadsheet.setActiveRange(sheetName('clients', opts.lang), 'A2');
  return emu;
}

/** Fills an emulator's workbook (bundle loaded) with the sample; runs setup, refresh, commissions. */
export function fillSample(emu: Emulator, opts: SampleOptions): SampleSummary {
  const { lang, today } = opts;
  const n = opts.clients ?? 30;
  emu.run('setupWorkbook');
  const lists = writeLists(emu, lang);
  const rows = sampleRows(opts, lists);
  typeRows(emu, lang, rows);

  // A settled month corrected afterwards: computed, ticked Paid out, then a credit note typed.
  if (rows.settled.invoices.length > 0) {
    emu.run('computeCommissions', rows.settled.month);
    tickPaidOut(emu, lang, rows.settled.month);
    appendRecords(emu, 'invoices', lang, rows.settled.invoices);
  }
  emu.run('refreshWatchList');
  const month = previousMonth(today);
  emu.run('computeCommissions', month);
  // Open on the client list with the first client selected (Client form opens on it); setup
  // already removed the empty tab a new spreadsheet comes with.
  emu.spreadsheet.setActiveRange(sheetName('clients', lang), 'A2');
  return {
    clients: n,
    invoices: rows.invoices.length,
    agreements: rows.agreements.length,
    crmEntries: rows.crm.length,
    commissionMonth: month,
  };
}

/** Ticks Paid out on every report row of `month`, as the team does once it paid them. */
function tickPaidOut(emu: Emulator, lang: Lang, month: string): void {
  const app = emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const sheet = app.getActiveSpreadsheet().getSheetByName(sheetName('report', lang));
  if (!sheet) return;
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map(normalizeHeader);
  const at = (key: string) => {
    const column = SHEETS.report.columns.find((c) => c.key === key)!;
    return header.indexOf(normalizeHeader(column[lang]));
  };
  const [monthAt, paidAt] = [at('month'), at('paidOut')];
  values.forEach((row, i) => {
    if (i > 0 && String(row[monthAt]) === month) sheet.getRange(i + 1, paidAt + 1).setValue(true);
  });
}

/** Types the salespeople and account managers into Lists; reads back setup's seeded lists. */
function writeLists(emu: Emulator, lang: Lang): SampleLists {
  writeColumn(
    emu,
    'lists',
    lang,
    'salespeople',
    SALESPEOPLE.map((p) => p.name),
  );
  writeColumn(
    emu,
    'lists',
    lang,
    'salespersonEmails',
    SALESPEOPLE.map((p) => p.email),
  );
  writeColumn(
    emu,
    'lists',
    lang,
    'accountManagers',
    ACCOUNT_MANAGERS.map((p) => p.name),
  );
  writeColumn(
    emu,
    'lists',
    lang,
    'accountManagerEmails',
    ACCOUNT_MANAGERS.map((p) => p.email),
  );
  // The other lists are setup's seeds; read them back so that the sample uses what is there.
  return {
    creditCodes: columnTexts(emu, 'lists', lang, 'creditCodes'),
    referral: columnTexts(emu, 'lists', lang, 'referralSources'),
    tags: columnTexts(emu, 'lists', lang, 'tags'),
    productTypes: columnTexts(emu, 'lists', lang, 'productTypes'),
  };
}

/** Types the rows under the headers, as a team would paste them. */
function typeRows(emu: Emulator, lang: Lang, rows: SampleRows): void {
  appendRecords(emu, 'clients', lang, rows.clients);
  appendRecords(emu, 'terms', lang, rows.terms);
  appendRecords(emu, 'commissions', lang, rows.agreements);
  appendRecords(emu, 'crmLog', lang, rows.crm);
  appendRecords(emu, 'invoices', lang, rows.invoices);
  appendRecords(emu, 'payments', lang, rows.payments);
}
