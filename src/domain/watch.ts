/**
 * The watch rules (DESIGN.md "The rules"): a client is under watch when any of
 * - its "Why under watch" is not blank (manual);
 * - an unpaid invoice is past its due date by more than the grace days (today > due + grace);
 * - its credit limit is above 0 and its balance due exceeds it (equal is not over).
 * The due date of an invoice is its Due date if set, else its Date + the client's term
 * (Term (days) blank → the settings' default term).
 *
 * Payments received (Payments sheet) count: an invoice's remaining balance is its amount − its
 * payments (src/domain/payments.ts), and the balance due, the overdue amounts and the aging
 * columns are remaining balances. A partly paid overdue invoice is still overdue for what is
 * left; one whose payments reach its amount is paid.
 *
 * One pass groups invoices and payments by client key, one pass per client:
 * O(clients + invoices + payments).
 */
import type { ColumnKey, Lang, RecordOf } from '../shared/contract';
import { codeKey } from './cells';
import { formatMoney, toCents } from './money';
import {
  AGING_BUCKETS,
  agingBucket,
  matchPayments,
  type AgingBucket,
  type PaymentMatch,
} from './payments';
import { addDays, daysBetween } from './time';
import type { Day, Settings } from './types';
import { translator, type TextTable } from '../shared/text';

// ---------------------------------------------------------------- what the rules read and write

/** The sheets the rules read (Payments is optional: a workbook without it has no payments). */
export type WatchSheet = 'clients' | 'terms' | 'invoices' | 'payments';
/** The sheets whose columns the rules compute. */
export type WatchOutputSheet = 'clients' | 'terms';

/**
 * The columns the rules read, per sheet, the key first: the one declaration from which the
 * daily refresh, the per-client update, the form save's decision to recompute and the edit
 * trigger's watched columns and cache key are derived (src/server/watch/columns.ts). The rules
 * are given records of these columns only (WatchRecord), so a rule that reads another column
 * does not compile until the column is declared here, and then every path reads it.
 */
export const WATCH_INPUTS = {
  // The clients themselves: an invoice whose code names no client is reported, not counted.
  clients: ['code'],
  terms: ['clientCode', 'creditLimit', 'termDays', 'watchReason'],
  invoices: ['number', 'date', 'clientCode', 'amount', 'dueDate', 'paidDate'],
  // The invoice number first: the key the full read checks again (readColumns).
  payments: ['invoiceNumber', 'clientCode', 'date', 'amount'],
} as const satisfies { [S in WatchSheet]: readonly ColumnKey<S>[] };

/** The sheets a workbook may lack: read as empty (no payments), never an error. */
export const OPTIONAL_WATCH_SHEETS: readonly WatchSheet[] = ['payments'];

/** The columns the rules compute, per sheet (watchCells says what each becomes). */
export const WATCH_OUTPUTS = {
  clients: ['watched', 'watchReasons'],
  terms: [
    'balanceDue',
    'lastInvoiceDate',
    'lastUnpaidInvoiceDate',
    'lastPaymentDate',
    'agingCurrent',
    'aging30',
    'aging60',
    'aging90',
    'agingOver90',
  ],
} as const satisfies { [S in WatchOutputSheet]: readonly ColumnKey<S>[] };

/**
 * Computed columns added after the first release: written where the sheet has them, never
 * required, so a workbook set up before keeps refreshing as it did until Set up adds them.
 */
export const WATCH_ADDED_OUTPUTS: readonly string[] = [
  'lastPaymentDate',
  ...AGING_BUCKETS,
] satisfies readonly WatchOutputKey<'terms'>[];

export type WatchInputKey<S extends WatchSheet> = (typeof WATCH_INPUTS)[S][number];
export type WatchOutputKey<S extends WatchOutputSheet> = (typeof WATCH_OUTPUTS)[S][number];

/** A row as the rules see it: the declared columns only. */
export type WatchRecord<S extends WatchSheet> = Pick<RecordOf<S>, WatchInputKey<S>>;
export type WatchTerms = WatchRecord<'terms'>;

export type WatchReason =
  | { kind: 'manual'; text: string }
  | { kind: 'overdue'; invoice: string; dueDate: Day; daysLate: number; amount: number }
  | { kind: 'overLimit'; balance: number; limit: number }
  /**
   * A cell the rules read that cannot be read (decision 021): said, not skipped. Its sheet and
   * column as the workbook names them, the row's client code, and what is wrong and expected,
   * in the workbook language. The rules go on as if it were blank.
   */
  | { kind: 'badCell'; sheet: string; column: string; code: string; message: string };

export interface WatchResult {
  watched: boolean;
  reasons: WatchReason[];
  /** Sum of the remaining balances of unpaid invoices (credit notes count negative), to the cent. */
  balanceDue: number;
  /** The balance due by days past the due date (the five sum to balanceDue). */
  aging: Record<AgingBucket, number>;
  /** Most recent payment applied to one of its invoices, or Paid on; null when none. */
  lastPaymentDate: Day | null;
  /** Most recent invoice date; null when the client has no invoice. */
  lastInvoiceDate: Day | null;
  /** Most recent unpaid invoice date; null when every invoice is paid. */
  lastUnpaidInvoiceDate: Day | null;
  /** false: the sheet layer keeps the hand-typed last invoice dates (DESIGN.md). */
  hasInvoices: boolean;
}

/** An invoice as the sheet layer read it; `row` (1-based) lets unknown clients be reported. */
export type WatchInvoice = WatchRecord<'invoices'> & { row?: number };
/** A payment as the sheet layer read it; `row` (1-based) lets unmatched payments be reported. */
export type WatchPayment = WatchRecord<'payments'> & { row?: number };

export interface WatchInput {
  clients: (WatchRecord<'clients'> & { row?: number })[];
  terms: WatchTerms[];
  invoices: WatchInvoice[];
  /** The Payments sheet's rows; absent or empty: none (a workbook without the sheet). */
  payments?: WatchPayment[];
  settings: Pick<Settings, 'graceDays' | 'defaultTermDays'>;
  today: Day;
}

export interface WatchOutput {
  /** Keyed by codeKey(client code); one entry per client of the input. */
  results: Map<string, WatchResult>;
  /** Invoices whose client code names no client, grouped by code (rows in sheet order). */
  unknownClients: { code: string; rows: number[] }[];
  /** Payments that match no invoice of their client: listed, never applied. */
  unmatchedPayments: PaymentMatch['unmatched'];
}

export function computeWatch(input: WatchInput): WatchOutput {
  const { settings, today } = input;
  const termsByKey = new Map<string, WatchTerms>();
  for (const t of input.terms) {
    const key = codeKey(t.clientCode);
    // At most one Terms row per client (DESIGN.md); if a sheet holds two, the first wins.
    if (!termsByKey.has(key)) termsByKey.set(key, t);
  }

  const invoicesByKey = new Map<string, WatchInvoice[]>();
  for (const c of input.clients) invoicesByKey.set(codeKey(c.code), []);
  const unknown = new Map<string, { code: string; rows: number[] }>();
  for (const inv of input.invoices) {
    const key = codeKey(inv.clientCode);
    const list = invoicesByKey.get(key);
    if (list) list.push(inv);
    else {
      let entry = unknown.get(key);
      if (!entry) unknown.set(key, (entry = { code: inv.clientCode.trim(), rows: [] }));
      if (inv.row !== undefined) entry.rows.push(inv.row);
    }
  }

  const paymentsByKey = new Map<string, WatchPayment[]>();
  for (const p of input.payments ?? []) {
    const list = paymentsByKey.get(codeKey(p.clientCode));
    if (list) list.push(p);
    else paymentsByKey.set(codeKey(p.clientCode), [p]);
  }

  const results = new Map<string, WatchResult>();
  for (const [key, invoices] of invoicesByKey) {
    const payments = paymentsByKey.get(key) ?? [];
    results.set(key, watchClient(termsByKey.get(key), invoices, settings, today, payments));
  }
  // Reported from every invoice, so that a payment on another client's invoice says whose.
  const unmatchedPayments =
    (input.payments ?? []).length === 0
      ? []
      : matchPayments(input.invoices, input.payments ?? []).unmatched;
  return { results, unknownClients: [...unknown.values()], unmatchedPayments };
}

/**
 * The rules for one client, from its invoices and its payments (the Payments rows of its code;
 * those naming none of its invoices are not applied).
 */
export function watchClient(
  terms: WatchTerms | undefined,
  invoices: readonly WatchInvoice[],
  settings: Pick<Settings, 'graceDays' | 'defaultTermDays'>,
  today: Day,
  payments: readonly WatchPayment[] = [],
): WatchResult {
  const termDays = terms?.termDays ?? settings.defaultTermDays;
  let balanceCents = 0;
  const agingCents: Record<AgingBucket, number> = {
    agingCurrent: 0,
    aging30: 0,
    aging60: 0,
    aging90: 0,
    agingOver90: 0,
  };
  let lastInvoiceDate: Day | null = null;
  let lastUnpaidInvoiceDate: Day | null = null;
  let lastPaymentDate: Day | null = null;
  const overdue: Extract<WatchReason, { kind: 'overdue' }>[] = [];
  const { money } = matchPayments(invoices, payments);

  invoices.forEach((inv, i) => {
    const m = money[i]!;
    if (lastInvoiceDate === null || inv.date > lastInvoiceDate) lastInvoiceDate = inv.date;
    for (const p of m.payments)
      if (lastPaymentDate === null || p.date > lastPaymentDate) lastPaymentDate = p.date;
    if (inv.paidDate !== null && (lastPaymentDate === null || inv.paidDate > lastPaymentDate))
      lastPaymentDate = inv.paidDate;
    if (m.paidOn !== null) return;
    // Summing whole cents keeps 0.1 + 0.2 from leaving float noise in the balance.
    balanceCents += m.remainingCents;
    if (lastUnpaidInvoiceDate === null || inv.date > lastUnpaidInvoiceDate)
      lastUnpaidInvoiceDate = inv.date;
    const dueDate = inv.dueDate ?? addDays(inv.date, termDays);
    const daysLate = daysBetween(dueDate, today);
    agingCents[agingBucket(daysLate)] += m.remainingCents;
    // A credit note (or a zero invoice, or one overpaid) left open is owed to the client:
    // never "overdue".
    if (inv.amount <= 0 || m.remainingCents <= 0) return;
    if (daysLate > settings.graceDays)
      overdue.push({
        kind: 'overdue',
        invoice: inv.number,
        dueDate,
        daysLate,
        amount: m.remainingCents / 100,
      });
  });

  const reasons: WatchReason[] = [];
  const manual = terms?.watchReason.trim() ?? '';
  if (manual !== '') reasons.push({ kind: 'manual', text: manual });
  overdue.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  reasons.push(...overdue);
  const balanceDue = balanceCents / 100;
  const limit = terms?.creditLimit ?? null;
  if (limit !== null && limit > 0 && balanceCents > toCents(limit)) {
    reasons.push({ kind: 'overLimit', balance: balanceDue, limit });
  }

  const aging = Object.fromEntries(AGING_BUCKETS.map((b) => [b, agingCents[b] / 100])) as Record<
    AgingBucket,
    number
  >;
  return {
    watched: reasons.length > 0,
    reasons,
    balanceDue,
    aging,
    lastPaymentDate,
    lastInvoiceDate,
    lastUnpaidInvoiceDate,
    hasInvoices: invoices.length > 0,
  };
}

/**
 * The result with the client's unreadable cells among its reasons: it is under watch until
 * they are fixed (what the rules would say of them is unknown).
 */
export function withBadCells(
  result: WatchResult,
  bad: readonly Extract<WatchReason, { kind: 'badCell' }>[],
): WatchResult {
  if (bad.length === 0) return result;
  return { ...result, watched: true, reasons: [...result.reasons, ...bad] };
}

/** A computed cell left as it stands (a last invoice date typed by hand, an uncertain client). */
export const KEPT: unique symbol = Symbol('kept');

export type WatchCells = {
  [S in WatchOutputSheet]: Record<WatchOutputKey<S>, unknown>;
};

/**
 * What the rules' result writes into each computed column, in the workbook language; for
 * `null`, a row that names no client. A client without invoices gets a blank Balance due (the
 * form reads "no invoices" from it) and keeps its hand-typed last invoice dates (DESIGN.md).
 */
export function watchCells(result: WatchResult | null, lang: Lang): WatchCells {
  const withInvoices = result?.hasInvoices === true;
  return {
    clients: {
      watched: result ? result.watched : '',
      watchReasons: result ? formatWatchReasons(result.reasons, lang) : '',
    },
    terms: {
      balanceDue: withInvoices ? result.balanceDue : '',
      lastInvoiceDate: withInvoices ? (result.lastInvoiceDate ?? '') : KEPT,
      lastUnpaidInvoiceDate: withInvoices ? (result.lastUnpaidInvoiceDate ?? '') : KEPT,
      lastPaymentDate: withInvoices ? (result.lastPaymentDate ?? '') : '',
      agingCurrent: withInvoices ? result.aging.agingCurrent : '',
      aging30: withInvoices ? result.aging.aging30 : '',
      aging60: withInvoices ? result.aging.aging60 : '',
      aging90: withInvoices ? result.aging.aging90 : '',
      agingOver90: withInvoices ? result.aging.agingOver90 : '',
    },
  };
}

/** Overdue invoices named one by one in "Watch reasons"; beyond, a count keeps the cell readable. */
const MAX_LISTED_OVERDUE = 5;

/**
 * The text of "Watch reasons", in the workbook language, causes joined with "; ", e.g.
 * fr "Manuel : litige en cours; Facture F-1001 en retard de 12 jours (échéance 2026-10-01)"
 * en "Balance $12,500.00 over credit limit $10,000.00". Empty when there is no cause.
 */
export function formatWatchReasons(reasons: readonly WatchReason[], lang: Lang): string {
  const byKind = (kind: WatchReason['kind']) => reasons.filter((r) => r.kind === kind);
  const overdue = byKind('overdue');
  const parts = [
    ...byKind('manual'),
    ...byKind('badCell'),
    ...overdue.slice(0, MAX_LISTED_OVERDUE),
  ].map((r) => formatReason(r, lang));
  const more = overdue.length - MAX_LISTED_OVERDUE;
  if (more > 0) parts.push(say('moreOverdue', lang, { n: more }));
  for (const r of byKind('overLimit')) parts.push(formatReason(r, lang));
  return parts.join('; ');
}

const REASON_TEXT = {
  manual: { fr: 'Manuel : {text}', en: 'Manual: {text}' },
  overdue: {
    fr: 'Facture {invoice} en retard de {days} {days|jour|jours} (échéance {due})',
    en: 'Invoice {invoice} overdue by {days} {days|day|days} (due {due})',
  },
  badCell: {
    fr: '{sheet}, {column} illisible (client {code}) : {message}',
    en: '{sheet}, {column} unreadable (client {code}): {message}',
  },
  overLimit: {
    fr: 'Solde {balance} au-dessus de la limite de crédit {limit}',
    en: 'Balance {balance} over credit limit {limit}',
  },
  moreOverdue: {
    fr: 'et {n} {n|autre facture|autres factures} en retard',
    en: 'and {n} more overdue {n|invoice|invoices}',
  },
} satisfies TextTable;
const say = translator(REASON_TEXT);

export function formatReason(r: WatchReason, lang: Lang): string {
  switch (r.kind) {
    case 'manual':
      return say('manual', lang, { text: r.text });
    case 'overdue':
      return say('overdue', lang, { invoice: r.invoice, days: r.daysLate, due: r.dueDate });
    case 'badCell':
      return say('badCell', lang, {
        sheet: r.sheet,
        column: r.column,
        code: r.code,
        message: r.message,
      });
    case 'overLimit':
      return say('overLimit', lang, {
        balance: formatMoney(r.balance, lang),
        limit: formatMoney(r.limit, lang),
      });
  }
}
