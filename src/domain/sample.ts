/**
 * The sample workbook's rows: a small Quebec distributor with `clients` clients, their terms,
 * salesperson agreements (one of them ended, its client taken over), CRM log, a year of
 * invoices up to `today` and the payments received on some of them (partial payments, invoices
 * paid in two instalments). Deterministic: the same
 * options and lists give the same rows. Shared by the preview (preview/sample.ts, which types
 * them into its emulated workbook) and the product (Fiche Client › Help › Load the sample
 * workbook, src/server/setup/sample.ts), so both show the same sample.
 *
 * Rows are records by contract column key (src/shared/contract.ts), values as a person would
 * type them: texts, numbers, booleans, days as 'YYYY-MM-DD', choices as their label in `lang`.
 */
import { choiceLabel, type Lang } from '../shared/contract';
import { addDays, daysBetween, previousMonth } from './time';
import type { Day } from './types';
import {
  ACCOUNT_MANAGERS,
  CITIES,
  COMPANY_SUFFIXES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  PHRASES,
  SALESPEOPLE,
  STREETS,
  TRADES,
} from './sampleData';

export { ACCOUNT_MANAGERS, SALESPEOPLE };

/** A cell as typed: text, number, boolean or blank. */
export type SampleCell = string | number | boolean;

export interface SampleOptions {
  lang: Lang;
  /** Number of clients (default 30). */
  clients?: number;
  /** The day the sample is built for, 'YYYY-MM-DD' in the spreadsheet's zone. */
  today: Day;
  /** PRNG seed (default 2026). */
  seed?: number;
}

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

type Row = Record<string, SampleCell>;
type Person = { name: string; email: string };

/** The Lists sheet's lists the sample draws from (Set up's seeds, read back). */
export interface SampleLists {
  creditCodes: string[];
  referral: string[];
  tags: string[];
  productTypes: string[];
}

/** The rows of the sample, per sheet, in the order they are typed in. */
export interface SampleRows {
  clients: Row[];
  terms: Row[];
  agreements: Row[];
  crm: Row[];
  invoices: Row[];
  payments: Row[];
  /**
   * A settled month corrected afterwards: the month whose commissions are computed and ticked
   * Paid out first, and the invoices typed after that (a credit note on one of its invoices),
   * so that the previous month's run posts the difference as an adjustment.
   */
  settled: { month: string; invoices: Row[] };
}

/**
 * Every row of the sample, client by client in a fixed order of draws (the same seed gives the
 * same rows); the CRM log sorted by date and the invoices numbered by date, as an accounting
 * system numbers them.
 */
export function sampleRows(opts: SampleOptions, lists: SampleLists): SampleRows {
  const n = opts.clients ?? 30;
  const draw = new Draw(prng(opts.seed ?? 2026));
  const rows: SampleRows = {
    clients: [],
    terms: [],
    agreements: [],
    crm: [],
    invoices: [],
    payments: [],
    settled: { month: '', invoices: [] },
  };
  const invoices: { date: Day; row: Row }[] = [];
  for (let i = 0; i < n; i++) addClient(rows, invoices, draw, i, opts, lists);
  rows.crm.sort((a, b) => String(a.date).localeCompare(String(b.date)));
  invoices.sort((a, b) => a.date.localeCompare(b.date));
  invoices.forEach((inv, k) => (inv.row.number = `F-${10001 + k}`));
  rows.invoices = invoices.map((inv) => inv.row);
  rows.payments = paymentRows(rows.invoices, opts.today);
  endOneAgreement(rows.agreements, opts.today);
  rows.settled = settledCorrection(rows, opts);
  return rows;
}

/**
 * The month before last, settled, then corrected: a credit note of a tenth of the first invoice
 * of that month whose client has an open Sales agreement on every product type, typed after the
 * month is ticked Paid out (no draw: the rest of the sample stays as it was).
 */
function settledCorrection(rows: SampleRows, opts: SampleOptions): SampleRows['settled'] {
  const month = previousMonth(`${previousMonth(opts.today)}-01`);
  const sales = choiceLabel('commissionType', 'sales', opts.lang);
  const open = new Set(
    rows.agreements
      .filter((a) => a.commissionType === sales && !a.productType && !a.startDate && !a.endDate)
      .map((a) => String(a.clientCode)),
  );
  const invoice = rows.invoices.find(
    (r) =>
      String(r.date).startsWith(month) && open.has(String(r.clientCode)) && Number(r.amount) > 0,
  );
  if (!invoice) return { month, invoices: [] };
  const tenth = (x: SampleCell | undefined) => -Math.round(Number(x ?? 0) * 10) / 100;
  return {
    month,
    invoices: [
      {
        number: `AV-${String(invoice.number).slice(2)}`,
        date: String(invoice.date),
        clientCode: String(invoice.clientCode),
        productType: String(invoice.productType),
        amount: tenth(invoice.amount),
        cost: tenth(invoice.cost),
        dueDate: '',
        paidDate: '',
      },
    ],
  };
}

/**
 * The second client with an agreement lost its salesperson four months ago: the agreement
 * ended (To) and the next salesperson took the client over the day after (From). Dates, not a
 * deleted row, so that the months before keep their commissions.
 */
function endOneAgreement(agreements: Row[], today: Day): void {
  const codes = [...new Set(agreements.map((a) => String(a.clientCode)))];
  const at = agreements.findIndex((a) => a.clientCode === codes[1]);
  const ended = agreements[at];
  if (!ended) return;
  ended.endDate = addDays(today, -120);
  const next = SALESPEOPLE.find(
    (p) => !agreements.some((a) => a.salesperson === p.name && a.clientCode === ended.clientCode),
  );
  agreements.splice(at + 1, 0, {
    ...ended,
    salesperson: (next ?? SALESPEOPLE[0]!).name,
    startDate: addDays(today, -119),
    endDate: '',
  });
}

/**
 * The Payments sheet: derived from the invoices by their position, with no draw, so that the
 * rest of the sample stays as it was. Every fourth invoice paid on time is paid in two
 * instalments instead of by Paid on (paid when the second reaches its amount); every third
 * open invoice of more than two weeks has received a part (a cheque, a transfer), so its
 * balance due is what is left, and an overdue one stays overdue for that.
 */
function paymentRows(invoices: Row[], today: Day): Row[] {
  const out: Row[] = [];
  let paidSeen = 0;
  let openSeen = 0;
  for (const inv of invoices) {
    const amount = Number(inv.amount);
    const date = String(inv.date);
    if (amount <= 0) continue;
    const payment = (day: Day, cents: number, reference: string) =>
      out.push({
        date: day,
        invoiceNumber: String(inv.number),
        clientCode: String(inv.clientCode),
        amount: cents / 100,
        reference,
      });
    const cents = Math.round(amount * 100);
    if (inv.paidDate !== '') {
      if (paidSeen++ % 4 !== 0) continue;
      const paidOn = String(inv.paidDate);
      const first = Math.floor(cents * 0.4);
      const firstDay = addDays(date, Math.max(0, Math.floor(daysBetween(date, paidOn) / 2)));
      payment(firstDay, first, `CHQ ${String(inv.number).slice(2)}`);
      payment(paidOn, cents - first, `VIR ${String(inv.number).slice(2)}`);
      inv.paidDate = '';
    } else if (date < addDays(today, -14) && openSeen++ % 3 === 0) {
      payment(addDays(date, 10), Math.floor(cents * 0.6), `CHQ ${String(inv.number).slice(2)}`);
    }
  }
  return out;
}

/** Client `i`: its Clients row, Terms row, agreements, CRM log entries and invoices. */
function addClient(
  rows: SampleRows,
  invoices: { date: Day; row: Row }[],
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
  invoices.push(...clientInvoices(draw, code, profile, term.effective, today, lists.productTypes));
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

/** About a year of one client's invoices, paid on time except where its profile says otherwise. */
function clientInvoices(
  draw: Draw,
  code: string,
  profile: Profile,
  term: number,
  today: Day,
  productTypes: readonly string[],
): { date: Day; row: Row }[] {
  const out: { date: Day; row: Row }[] = [];
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
