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
import { choiceLabel, sheetName, type Lang } from '../src/shared/contract';
import { addDays, previousMonth } from '../src/domain/time';
import type { Day } from '../src/domain/types';
import { appendRecords, columnTexts, writeColumn, type CellInput } from './workbookIO';
import {
  ACCOUNT_MANAGERS,
  CITIES,
  COMPANY_SUFFIXES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  PHRASES,
  SALESPEOPLE,
  SAMPLE_TAGS,
  STREETS,
  TRADES,
} from './sampleData';

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

const CONSENT_SOURCES = {
  fr: { express: 'Formulaire d’inscription en ligne', implied: 'Achat (facture)' },
  en: { express: 'Online sign-up form', implied: 'Purchase (invoice)' },
};

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for sample data, never for secrets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Draw.pick: empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  money(min: number, max: number): number {
    return Math.round((min + this.next() * this.next() * (max - min)) * 100) / 100;
  }
}

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

interface Profile {
  /** One invoice left unpaid well past its due date. */
  overdue: boolean;
  /** A low credit limit and recent unpaid invoices above it. */
  overLimit: boolean;
  /** A "Why under watch" typed by hand. */
  manual: boolean;
}

function profileOf(i: number): Profile {
  return { overdue: i % 9 === 3, overLimit: i % 13 === 5, manual: i % 17 === 7 };
}

type Row = Record<string, CellInput>;
type Person = { name: string; email: string };

/** The Lists sheet's lists the sample draws from. */
interface SampleLists {
  creditCodes: string[];
  referral: string[];
  tags: string[];
  productTypes: string[];
}

/** The rows of the sample, per sheet, before they are typed in. */
interface SampleRows {
  clients: Row[];
  terms: Row[];
  agreements: Row[];
  crm: Row[];
  invoices: { date: Day; row: Row }[];
}

/** Fills an emulator's workbook (bundle loaded) with the sample; runs setup, refresh, commissions. */
export function fillSample(emu: Emulator, opts: SampleOptions): SampleSummary {
  const { lang, today } = opts;
  const n = opts.clients ?? 30;
  const draw = new Draw(prng(opts.seed ?? 2026));
  emu.run('setupWorkbook');
  const lists = writeLists(emu, lang);
  const rows: SampleRows = { clients: [], terms: [], agreements: [], crm: [], invoices: [] };
  // One client at a time, in a fixed order of draws: the same seed gives the same workbook.
  for (let i = 0; i < n; i++) addClient(rows, draw, i, opts, lists);
  typeRows(emu, lang, rows);

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
  const tags = SAMPLE_TAGS[lang];
  if (tags) writeColumn(emu, 'lists', lang, 'tags', tags);
  // The other lists are setup's seeds; read them back so that the sample uses what is there.
  return {
    creditCodes: columnTexts(emu, 'lists', lang, 'creditCodes'),
    referral: columnTexts(emu, 'lists', lang, 'referralSources'),
    tags: columnTexts(emu, 'lists', lang, 'tags'),
    productTypes: columnTexts(emu, 'lists', lang, 'productTypes'),
  };
}

/** Client `i`: its Clients row, Terms row, agreements, CRM log entries and invoices. */
function addClient(
  rows: SampleRows,
  draw: Draw,
  i: number,
  opts: SampleOptions,
  lists: SampleLists,
): void {
  const { lang, today } = opts;
  const code = `C-${String(i + 1).padStart(4, '0')}`;
  const profile = profileOf(i);
  const manager = ACCOUNT_MANAGERS[i % ACCOUNT_MANAGERS.length]!;
  const client = clientRow(draw, i, code, opts, lists, manager);
  rows.clients.push(client);
  const term = termsOf(draw, code, profile, lang, lists);
  if (term.row) rows.terms.push(term.row);
  rows.agreements.push(...agreementRows(draw, i, code, lang, lists));
  rows.crm.push(...crmRows(draw, i, code, lang, today, String(client.email), manager));
  rows.invoices.push(
    ...clientInvoices(draw, code, profile, term.effective, today, lists.productTypes),
  );
}

/** The Clients row of client `i`, with the consent record a ticked newsletter needs. */
function clientRow(
  draw: Draw,
  i: number,
  code: string,
  opts: SampleOptions,
  lists: SampleLists,
  manager: Person,
): Row {
  const { lang, today } = opts;
  const text = PHRASES[lang];
  const individual = i % 7 === 6;
  const family = draw.pick(FAMILY_NAMES);
  const given = draw.pick(GIVEN_NAMES);
  const suffix = draw.pick(COMPANY_SUFFIXES);
  const name = individual
    ? `${given} ${family}`
    : lang === 'fr'
      ? `${draw.pick(TRADES.fr)} ${family}${suffix ? ` ${suffix}` : ''}`
      : `${family} ${draw.pick(TRADES.en)}${suffix ? ` ${suffix}` : ''}`;
  const city = draw.pick(CITIES);
  const domain = `${family
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()}${i + 1}.ca`;
  const email = individual
    ? `${given
        .normalize('NFD')
        .replace(/[^A-Za-z]/g, '')
        .toLowerCase()}@${domain}`
    : `info@${domain}`;
  const clientTags = lists.tags.filter(() => draw.chance(0.3));
  const client: Row = {
    code,
    name,
    kind: choiceLabel('clientKind', individual ? 'individual' : 'company', lang),
    contact: individual ? '' : `${draw.pick(GIVEN_NAMES)} ${draw.pick(FAMILY_NAMES)}`,
    email,
    phone: `${city.area} ${draw.int(200, 989)}-${String(draw.int(0, 9999)).padStart(4, '0')}`,
    address: `${draw.int(10, 9800)}, ${draw.pick(STREETS)}`,
    city: city.name,
    province: 'QC',
    postalCode: `${draw.pick(city.fsa)} ${draw.int(1, 9)}${String.fromCharCode(65 + draw.int(0, 25))}${draw.int(1, 9)}`,
    country: 'Canada',
    language: lang === 'fr' ? (draw.chance(0.85) ? 'fr' : 'en') : draw.chance(0.7) ? 'en' : 'fr',
    accountManager: manager.name,
    referredBy: draw.chance(0.7) ? draw.pick(lists.referral) : '',
    newsletter: draw.chance(0.5),
    nextFollowUp: i % 4 === 1 ? addDays(today, (i % 20) - 5) : '',
    tags: clientTags.join(', '),
    needs: draw.pick(text.needs),
    followUp: draw.pick(text.followUp),
    habits: draw.pick(text.habits),
  };
  // The consent record a ticked newsletter needs (CASL), derived from the index so the random
  // sequence, and so the rest of the sample, stays as it was. Every third one is implied
  // consent from a purchase, some of them older than the two years it lasts.
  if (client.newsletter) {
    const implied = i % 3 === 0;
    client.consentType = choiceLabel('consentType', implied ? 'implied' : 'express', lang);
    client.consentDate = addDays(today, -((i * 97) % 1000) - 15);
    client.consentSource = CONSENT_SOURCES[lang][implied ? 'implied' : 'express'];
  }
  return client;
}

/** The client's Terms row (most clients have one) and the term its invoices are due in. */
function termsOf(
  draw: Draw,
  code: string,
  profile: Profile,
  lang: Lang,
  lists: SampleLists,
): { row: Row | null; effective: number } {
  const term = profile.overLimit ? 30 : draw.pick([15, 30, 30, 45, 60]);
  const hasTerms = profile.overdue || profile.overLimit || profile.manual || draw.chance(0.85);
  // Without a Terms row the settings' default term (30 days) applies.
  if (!hasTerms) return { row: null, effective: 30 };
  const discount = draw.chance(0.25);
  const text = PHRASES[lang];
  const row: Row = {
    clientCode: code,
    creditCode: draw.pick(lists.creditCodes),
    creditLimit: profile.overLimit ? 2000 : draw.pick([0, 5000, 10000, 25000, 50000]),
    termDays: term === 30 && draw.chance(0.5) ? '' : term,
    discountPct: discount ? 2 : '',
    discountDays: discount ? 10 : '',
    revenueAccount: draw.chance(0.2) ? '4010' : '',
    taxCode: draw.chance(0.15) ? 'TPS-TVQ' : '',
    watchReason: profile.manual ? text.watchReason : '',
    emailInvoices: draw.chance(0.6),
    poRequired: draw.chance(0.2),
    taxExempt: draw.chance(0.05),
    cashOnDelivery: draw.chance(0.1),
    invoiceRemarks: draw.pick(text.remarks),
  };
  return { row, effective: term };
}

const COMMISSION_TYPES = ['sales', 'payments', 'margin'] as const;

/** No, one or two salesperson agreements. */
function agreementRows(draw: Draw, i: number, code: string, lang: Lang, lists: SampleLists): Row[] {
  const rows: Row[] = [];
  const agreementCount = draw.chance(0.75) ? (draw.chance(0.25) ? 2 : 1) : 0;
  for (let a = 0; a < agreementCount; a++) {
    rows.push({
      clientCode: code,
      salesperson: SALESPEOPLE[(i + a) % SALESPEOPLE.length]!.name,
      commissionType: choiceLabel(
        'commissionType',
        COMMISSION_TYPES[(i + a) % COMMISSION_TYPES.length]!,
        lang,
      ),
      ratePct: draw.pick([2, 2.5, 3, 4, 5, 7.5]),
      productType: draw.chance(0.3) ? draw.pick(lists.productTypes) : '',
    });
  }
  return rows;
}

/** One to three CRM log entries: discussions, e-mails, follow-ups. */
function crmRows(
  draw: Draw,
  i: number,
  code: string,
  lang: Lang,
  today: Day,
  email: string,
  manager: Person,
): Row[] {
  const text = PHRASES[lang];
  const rows: Row[] = [];
  for (let c = draw.int(1, 3); c > 0; c--) {
    const kind = draw.pick(['discussion', 'email', 'followUp'] as const);
    const pool =
      kind === 'discussion' ? text.discussion : kind === 'email' ? text.email : text.followUpEntry;
    const entry = draw.pick(pool);
    const salesperson = SALESPEOPLE[i % SALESPEOPLE.length]!;
    const incoming = kind === 'email' && draw.chance(0.5);
    rows.push({
      clientCode: code,
      date: addDays(today, -draw.int(1, 150)),
      kind: choiceLabel('crmKind', kind, lang),
      from: incoming ? email : manager.email,
      to: incoming ? manager.email : kind === 'email' ? email : salesperson.email,
      cc: kind === 'discussion' && draw.chance(0.4) ? salesperson.email : '',
      subject: entry.subject,
      details: entry.details,
    });
  }
  return rows;
}

/** Types the rows under the headers, as a team would paste them; invoices numbered by date. */
function typeRows(emu: Emulator, lang: Lang, rows: SampleRows): void {
  appendRecords(emu, 'clients', lang, rows.clients);
  appendRecords(emu, 'terms', lang, rows.terms);
  appendRecords(emu, 'commissions', lang, rows.agreements);
  appendRecords(
    emu,
    'crmLog',
    lang,
    rows.crm.sort((a, b) => String(a.date).localeCompare(String(b.date))),
  );
  // Invoice numbers follow the dates, as an accounting system numbers them.
  rows.invoices.sort((a, b) => a.date.localeCompare(b.date));
  rows.invoices.forEach((inv, k) => (inv.row.number = `F-${10001 + k}`));
  appendRecords(
    emu,
    'invoices',
    lang,
    rows.invoices.map((inv) => inv.row),
  );
}

/** About a year of one client's invoices, paid on time except where its profile says otherwise. */
function clientInvoices(
  draw: Draw,
  code: string,
  profile: Profile,
  term: number,
  today: Day,
  productTypes: readonly string[],
): { date: Day; row: Record<string, CellInput> }[] {
  const out: { date: Day; row: Record<string, CellInput> }[] = [];
  const count = draw.int(5, 14);
  const days = Array.from({ length: count }, () => draw.int(1, 360)).sort((a, b) => b - a);
  // The overdue invoice: the oldest one still within three months, past due by 15+ days.
  const overdueAge = term + draw.int(15, 40);
  if (profile.overdue) days.push(overdueAge);
  if (profile.overLimit) days.push(draw.int(3, 12), draw.int(3, 12));
  for (const age of days) {
    const date = addDays(today, -age);
    const productType = draw.pick(productTypes);
    const credit = !profile.overLimit && draw.chance(0.06);
    const amount = credit
      ? -draw.money(50, 600)
      : profile.overLimit && age < 15
        ? draw.money(1500, 2500)
        : draw.money(150, 9000);
    const services = productTypes.indexOf(productType) % 2 === 1;
    const unpaidOverdue = profile.overdue && age === overdueAge;
    // A negotiated due date now and then; never on the overdue one, which must stay overdue.
    const explicitDue = !unpaidOverdue && draw.chance(0.1) ? addDays(date, term + 15) : '';
    const due = explicitDue || addDays(date, term);
    let paid: Day | '' = '';
    if (!unpaidOverdue && due < addDays(today, -3)) {
      const delay = draw.int(5, term + 5);
      paid = addDays(date, delay) < today ? addDays(date, delay) : addDays(today, -1);
    } else if (!unpaidOverdue && !profile.overLimit && draw.chance(0.4) && age > 5) {
      paid = addDays(date, draw.int(1, age - 1));
    }
    out.push({
      date,
      row: {
        date,
        clientCode: code,
        productType,
        amount,
        // Every invoice has a cost, so margin agreements always have a base; labour and
        // services cost less than goods. A credit note gives its cost back.
        cost: Math.round(amount * (services ? 30 + draw.int(0, 20) : 55 + draw.int(0, 20))) / 100,
        dueDate: explicitDue,
        paidDate: paid,
      },
    });
  }
  return out;
}
