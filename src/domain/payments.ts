/**
 * Payments received (DESIGN.md "Money", the Payments sheet): which invoice each payment pays,
 * what is left to pay on each invoice, and when an invoice became paid.
 *
 * - A payment applies to the invoice of its number **and** of its client code (both matched as
 *   codes are: trimmed, any case). A payment whose number names no invoice, or names another
 *   client's invoice, is a problem the runs list; it is never applied to anyone.
 * - An invoice's received amount is the sum of its payments, in whole cents.
 * - An invoice is paid when Paid on is filled (the team's shortcut, as before payments existed)
 *   or when its payments reach its amount; then on the date of the payment that reached it.
 * - Its remaining balance is its amount − its payments, 0 once paid. A credit note (negative
 *   amount) stays open for its amount as before; refunds recorded against it (negative
 *   payments) close it the same way.
 *
 * Pure: records in, results out; O(invoices + payments log payments).
 */
import type { RecordOf } from '../shared/contract';
import { codeKey } from './cells';
import { toCents } from './money';
import type { RowProblem } from './problems';
import type { Day } from './types';

/** A row of the Payments sheet as the rules read it. */
export type Payment = Pick<
  RecordOf<'payments'>,
  'date' | 'invoiceNumber' | 'clientCode' | 'amount'
>;
/** A payment with its 1-based sheet row, when it came from the sheet. */
export type PaymentRow = Payment & { row?: number };

/** What an invoice must say for its payments to be matched and its balance known. */
export interface PayableInvoice {
  number: string;
  clientCode: string;
  amount: number;
  paidDate: Day | null;
}

export interface InvoiceMoney {
  /** Sum of the payments applied, in cents. */
  receivedCents: number;
  /** Its amount − its payments, in cents; 0 once paid. */
  remainingCents: number;
  /** Paid on, or the date of the payment that reached its amount; null while unpaid. */
  paidOn: Day | null;
  /** The payments applied to it, oldest first (same day: sheet order). */
  payments: PaymentRow[];
}

export interface PaymentMatch {
  /** One entry per invoice given, by its position in the list given. */
  money: InvoiceMoney[];
  /** Payments applied to no invoice, with why, in sheet order. */
  unmatched: { payment: PaymentRow; otherClient: string | null }[];
}

/** The key under which a payment finds its invoice: client and invoice number. */
function invoiceKey(clientCode: string, number: string): string {
  return `${codeKey(clientCode)}\u0000${codeKey(number)}`;
}

const byDate = (a: PaymentRow, b: PaymentRow): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : (a.row ?? 0) - (b.row ?? 0);

/**
 * Matches payments to invoices and computes each invoice's money. `invoices` may hold two rows
 * of one number (a sheet the team has not cleaned): the payments go to the first.
 */
export function matchPayments(
  invoices: readonly PayableInvoice[],
  payments: readonly PaymentRow[],
): PaymentMatch {
  const first = new Map<string, number>();
  const clientOfNumber = new Map<string, string>();
  invoices.forEach((inv, i) => {
    const key = invoiceKey(inv.clientCode, inv.number);
    if (!first.has(key)) first.set(key, i);
    const n = codeKey(inv.number);
    if (!clientOfNumber.has(n)) clientOfNumber.set(n, inv.clientCode.trim());
  });
  const applied: PaymentRow[][] = invoices.map(() => []);
  const unmatched: PaymentMatch['unmatched'] = [];
  for (const p of payments) {
    const i = first.get(invoiceKey(p.clientCode, p.invoiceNumber));
    if (i !== undefined) applied[i]!.push(p);
    else
      unmatched.push({
        payment: p,
        otherClient: clientOfNumber.get(codeKey(p.invoiceNumber)) ?? null,
      });
  }
  return {
    money: invoices.map((inv, i) => invoiceMoney(inv, applied[i]!)),
    unmatched,
  };
}

/** One invoice's money from its own payments (any order). */
export function invoiceMoney(inv: PayableInvoice, payments: readonly PaymentRow[]): InvoiceMoney {
  const sorted = [...payments].sort(byDate);
  const amountCents = toCents(inv.amount);
  let receivedCents = 0;
  let reachedOn: Day | null = null;
  for (const p of sorted) {
    receivedCents += toCents(p.amount);
    if (reachedOn === null && reaches(amountCents, receivedCents)) reachedOn = p.date;
  }
  // Payments that dropped back below the amount afterwards (a cheque returned, typed as a
  // negative payment) leave the invoice open again.
  if (reachedOn !== null && !reaches(amountCents, receivedCents)) reachedOn = null;
  const paidOn = inv.paidDate ?? reachedOn;
  return {
    receivedCents,
    remainingCents: paidOn !== null ? 0 : amountCents - receivedCents,
    paidOn,
    payments: sorted,
  };
}

/**
 * Whether payments of `received` cents settle an amount: an invoice when they reach it, a credit
 * note when the refunds reach it; a zero invoice is settled only by Paid on (as before).
 */
function reaches(amountCents: number, receivedCents: number): boolean {
  if (amountCents > 0) return receivedCents >= amountCents;
  if (amountCents < 0) return receivedCents <= amountCents;
  return false;
}

/** The problem a payment applied to no invoice is, in both languages. */
export function unmatchedProblem(
  u: PaymentMatch['unmatched'][number],
  column: 'invoiceNumber' | 'clientCode' = u.otherClient === null ? 'invoiceNumber' : 'clientCode',
): RowProblem {
  const { payment: p, otherClient } = u;
  const number = p.invoiceNumber.trim();
  const code = p.clientCode.trim();
  return {
    sheet: 'payments',
    row: p.row ?? null,
    column,
    message:
      otherClient === null
        ? {
            fr: `Paiement sur la facture ${number}, qui n'existe pas : non appliqué`,
            en: `Payment on invoice ${number}, which does not exist: not applied`,
          }
        : {
            fr: `Paiement de ${code} sur la facture ${number}, qui est au client ${otherClient} : non appliqué`,
            en: `Payment from ${code} on invoice ${number}, which is client ${otherClient}'s: not applied`,
          },
  };
}

/** Days past due of the aging columns: Current, 1–30, 31–60, 61–90, over 90. */
export type AgingBucket = 'agingCurrent' | 'aging30' | 'aging60' | 'aging90' | 'agingOver90';
export const AGING_BUCKETS: readonly AgingBucket[] = [
  'agingCurrent',
  'aging30',
  'aging60',
  'aging90',
  'agingOver90',
];

/** The aging bucket of a balance `daysLate` days past its due date (0 or less: not yet due). */
export function agingBucket(daysLate: number): AgingBucket {
  if (daysLate <= 0) return 'agingCurrent';
  if (daysLate <= 30) return 'aging30';
  if (daysLate <= 60) return 'aging60';
  if (daysLate <= 90) return 'aging90';
  return 'agingOver90';
}
