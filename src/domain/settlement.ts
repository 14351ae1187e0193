/**
 * Settled commission months (DESIGN.md "The rules", decision 020): a report row ticked Paid out is
 * settled — its total and its detail lines never change again. When a settled month's lines
 * would now differ (an invoice corrected, a payment or a credit note added, an agreement's dates
 * changed), the difference is posted as adjustment lines in the month being computed, each with
 * its invoice and the month it corrects (Month of origin).
 *
 * Posted once: what a settled month has paid is its own lines plus every adjustment already
 * posted for it elsewhere; only the rest is posted now. Recomputing the month being computed
 * replaces its own adjustments (they are not counted as posted), so a rerun posts the same
 * adjustments again in place of themselves, never twice.
 *
 * Pure: lines in, lines out.
 */
import { codeKey } from './cells';
import type { CommissionLine } from './commissions';
import type { Month } from './types';

/** A line as the details sheet holds it: a commission line or an adjustment (originMonth set). */
export interface PaidLine {
  month: Month;
  salesperson: string;
  clientCode: string;
  invoiceNumber: string;
  base: number;
  commission: number;
  /** '' for a commission line; the settled month it corrects for an adjustment. */
  originMonth: Month | '';
}

/** An adjustment: its base and commission are the differences (the commission to the cent, never 0). */
export interface AdjustmentLine extends PaidLine {
  originMonth: Month;
}

/** A settled report row: its month, salesperson, and what its own lines paid, when known. */
export interface SettledRow {
  month: Month;
  salesperson: string;
  /**
   * The row's Commission less its Adjustments: what its own lines added up to when it was
   * settled. Its lines are compared only while they still add up to it (a line deleted or typed
   * over by hand would otherwise be posted again as an adjustment). Absent: not checked.
   */
  linesTotal?: number;
}

export interface AdjustmentInput {
  /** The month being computed. */
  month: Month;
  /** The settled report rows of months before `month`. */
  settled: readonly SettledRow[];
  /** Each settled month's lines as the rules give them now. */
  expected: ReadonlyMap<Month, readonly CommissionLine[]>;
  /**
   * The lines already paid or posted: the settled months' own lines, and the adjustment lines
   * of every month (those of `month` itself are replaced by this run and must be left out).
   */
  posted: readonly PaidLine[];
}

const cents = (x: number) => Math.round(x * 100);
const lineKey = (salesperson: string, clientCode: string, invoice: string) =>
  [codeKey(salesperson), codeKey(clientCode), invoice.trim()].join('\u0000');

export interface Adjustments {
  lines: AdjustmentLine[];
  /** Settled rows whose own lines no longer add up to what they paid: left alone, reported. */
  unreliable: SettledRow[];
}

/**
 * The adjustment lines to post in `month`: for each settled (month, salesperson), by client and
 * invoice, what the lines give now minus what was paid and posted. Sorted by origin month,
 * salesperson, client and invoice.
 */
export function adjustmentLines(input: AdjustmentInput): AdjustmentLine[] {
  return adjustmentsOf(input).lines;
}

/** adjustmentLines, and the settled rows whose lines cannot be trusted any more. */
export function adjustmentsOf(input: AdjustmentInput): Adjustments {
  const out: AdjustmentLine[] = [];
  const unreliable: SettledRow[] = [];
  // What each settled row's own lines add up to now, to compare with what they paid.
  const ownCents = new Map<string, number>();
  const rowKey = (m: Month, salesperson: string) => `${m}\u0000${codeKey(salesperson)}`;
  for (const l of input.posted)
    if (l.originMonth === '') {
      const k = rowKey(l.month, l.salesperson);
      ownCents.set(k, (ownCents.get(k) ?? 0) + cents(l.commission));
    }
  const settledBy = new Map<Month, Set<string>>();
  for (const s of input.settled) {
    if (s.month >= input.month) continue; // carried forward only
    if (
      s.linesTotal !== undefined &&
      (ownCents.get(rowKey(s.month, s.salesperson)) ?? 0) !== cents(s.linesTotal)
    ) {
      unreliable.push(s);
      continue;
    }
    const set = settledBy.get(s.month) ?? new Set<string>();
    set.add(codeKey(s.salesperson));
    settledBy.set(s.month, set);
  }
  for (const [origin, people] of [...settledBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const diff = new Map<
      string,
      { salesperson: string; clientCode: string; invoice: string; base: number; cents: number }
    >();
    const add = (l: Omit<PaidLine, 'month' | 'originMonth'>, sign: 1 | -1) => {
      if (!people.has(codeKey(l.salesperson))) return;
      const key = lineKey(l.salesperson, l.clientCode, l.invoiceNumber);
      const d = diff.get(key) ?? {
        salesperson: l.salesperson.trim(),
        clientCode: l.clientCode.trim(),
        invoice: l.invoiceNumber.trim(),
        base: 0,
        cents: 0,
      };
      d.base += sign * cents(l.base);
      d.cents += sign * cents(l.commission);
      diff.set(key, d);
    };
    for (const l of input.expected.get(origin) ?? []) add(l, 1);
    for (const l of input.posted) {
      const paidFor = l.originMonth === '' ? l.month : l.originMonth;
      if (paidFor === origin) add(l, -1);
    }
    for (const d of diff.values())
      if (d.cents !== 0)
        out.push({
          month: input.month,
          salesperson: d.salesperson,
          clientCode: d.clientCode,
          invoiceNumber: d.invoice,
          base: d.base / 100,
          commission: d.cents / 100,
          originMonth: origin,
        });
  }
  const collator = new Intl.Collator('fr', { numeric: true });
  out.sort(
    (a, b) =>
      (a.originMonth < b.originMonth ? -1 : a.originMonth > b.originMonth ? 1 : 0) ||
      collator.compare(a.salesperson, b.salesperson) ||
      collator.compare(a.clientCode, b.clientCode) ||
      collator.compare(a.invoiceNumber, b.invoiceNumber),
  );
  return { lines: out, unreliable };
}
