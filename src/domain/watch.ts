/**
 * The watch rules (DESIGN.md "The rules"): a client is under watch when any of
 * - its "Why under watch" is not blank (manual);
 * - an unpaid invoice is past its due date by more than the grace days (today > due + grace);
 * - its credit limit is above 0 and its balance due exceeds it (equal is not over).
 * The due date of an invoice is its Due date if set, else its Date + the client's term
 * (Term (days) blank → the settings' default term).
 *
 * One pass groups invoices by client key, one pass per client: O(clients + invoices).
 */
import type { ColumnKey, Lang, RecordOf } from '../shared/contract';
import { codeKey } from './cells';
import { formatMoney, toCents } from './money';
import { addDays, daysBetween } from './time';
import type { Day, Settings } from './types';

// ---------------------------------------------------------------- what the rules read and write

/** The sheets the rules read (a Payments sheet would be one more: a key here and its inputs). */
export type WatchSheet = 'clients' | 'terms' | 'invoices';
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
} as const satisfies { [S in WatchSheet]: readonly ColumnKey<S>[] };

/** The columns the rules compute, per sheet (watchCells says what each becomes). */
export const WATCH_OUTPUTS = {
  clients: ['watched', 'watchReasons'],
  terms: ['balanceDue', 'lastInvoiceDate', 'lastUnpaidInvoiceDate'],
} as const satisfies { [S in WatchOutputSheet]: readonly ColumnKey<S>[] };

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
  /** Sum of unpaid invoice amounts (credit notes count negative), to the cent. */
  balanceDue: number;
  /** Most recent invoice date; null when the client has no invoice. */
  lastInvoiceDate: Day | null;
  /** Most recent unpaid invoice date; null when every invoice is paid. */
  lastUnpaidInvoiceDate: Day | null;
  /** false: the sheet layer keeps the hand-typed last invoice dates (DESIGN.md). */
  hasInvoices: boolean;
}

/** An invoice as the sheet layer read it; `row` (1-based) lets unknown clients be reported. */
export type WatchInvoice = WatchRecord<'invoices'> & { row?: number };

export interface WatchInput {
  clients: (WatchRecord<'clients'> & { row?: number })[];
  terms: WatchTerms[];
  invoices: WatchInvoice[];
  settings: Pick<Settings, 'graceDays' | 'defaultTermDays'>;
  today: Day;
}

export interface WatchOutput {
  /** Keyed by codeKey(client code); one entry per client of the input. */
  results: Map<string, WatchResult>;
  /** Invoices whose client code names no client, grouped by code (rows in sheet order). */
  unknownClients: { code: string; rows: number[] }[];
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

  const results = new Map<string, WatchResult>();
  for (const [key, invoices] of invoicesByKey) {
    results.set(key, watchClient(termsByKey.get(key), invoices, settings, today));
  }
  return { results, unknownClients: [...unknown.values()] };
}

/** The rules for one client. */
export function watchClient(
  terms: WatchTerms | undefined,
  invoices: readonly WatchInvoice[],
  settings: Pick<Settings, 'graceDays' | 'defaultTermDays'>,
  today: Day,
): WatchResult {
  const termDays = terms?.termDays ?? settings.defaultTermDays;
  let balanceCents = 0;
  let lastInvoiceDate: Day | null = null;
  let lastUnpaidInvoiceDate: Day | null = null;
  const overdue: Extract<WatchReason, { kind: 'overdue' }>[] = [];

  for (const inv of invoices) {
    if (lastInvoiceDate === null || inv.date > lastInvoiceDate) lastInvoiceDate = inv.date;
    if (inv.paidDate !== null) continue;
    // Summing whole cents keeps 0.1 + 0.2 from leaving float noise in the balance.
    balanceCents += toCents(inv.amount);
    if (lastUnpaidInvoiceDate === null || inv.date > lastUnpaidInvoiceDate)
      lastUnpaidInvoiceDate = inv.date;
    // A credit note (or a zero invoice) left open is owed to the client: never "overdue".
    if (inv.amount <= 0) continue;
    const dueDate = inv.dueDate ?? addDays(inv.date, termDays);
    const daysLate = daysBetween(dueDate, today);
    if (daysLate > settings.graceDays)
      overdue.push({ kind: 'overdue', invoice: inv.number, dueDate, daysLate, amount: inv.amount });
  }

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

  return {
    watched: reasons.length > 0,
    reasons,
    balanceDue,
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
  if (more > 0) {
    parts.push(
      lang === 'fr'
        ? `et ${more} autre${more > 1 ? 's' : ''} facture${more > 1 ? 's' : ''} en retard`
        : `and ${more} more overdue invoice${more > 1 ? 's' : ''}`,
    );
  }
  for (const r of byKind('overLimit')) parts.push(formatReason(r, lang));
  return parts.join('; ');
}

export function formatReason(r: WatchReason, lang: Lang): string {
  switch (r.kind) {
    case 'manual':
      return lang === 'fr' ? `Manuel : ${r.text}` : `Manual: ${r.text}`;
    case 'overdue': {
      const days = r.daysLate;
      return lang === 'fr'
        ? `Facture ${r.invoice} en retard de ${days} jour${days > 1 ? 's' : ''} (échéance ${r.dueDate})`
        : `Invoice ${r.invoice} overdue by ${days} day${days > 1 ? 's' : ''} (due ${r.dueDate})`;
    }
    case 'badCell':
      return lang === 'fr'
        ? `${r.sheet}, ${r.column} illisible (client ${r.code}) : ${r.message}`
        : `${r.sheet}, ${r.column} unreadable (client ${r.code}): ${r.message}`;
    case 'overLimit':
      return lang === 'fr'
        ? `Solde ${formatMoney(r.balance, 'fr')} au-dessus de la limite de crédit ${formatMoney(r.limit, 'fr')}`
        : `Balance ${formatMoney(r.balance, 'en')} over credit limit ${formatMoney(r.limit, 'en')}`;
  }
}
