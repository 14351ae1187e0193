/**
 * Settled months (decision 020): differences in a settled month's lines are posted once, as
 * adjustment lines in the month being computed, with their month of origin.
 */
import fc from 'fast-check';
import type { CommissionLine } from '../../src/domain/commissions';
import { adjustmentLines, adjustmentsOf, type PaidLine } from '../../src/domain/settlement';

const line = (
  invoiceNumber: string,
  commission: number,
  partial: Partial<CommissionLine> = {},
): CommissionLine => ({
  month: '2026-09',
  salesperson: 'Sophie Gagnon',
  clientCode: 'C1',
  invoiceNumber,
  commissionType: 'sales',
  base: commission * 10,
  ratePct: 10,
  commission,
  ...partial,
});
const paid = (l: CommissionLine, partial: Partial<PaidLine> = {}): PaidLine => ({
  month: l.month,
  salesperson: l.salesperson,
  clientCode: l.clientCode,
  invoiceNumber: l.invoiceNumber,
  base: l.base,
  commission: l.commission,
  originMonth: '',
  ...partial,
});

const settled = [{ month: '2026-09', salesperson: 'Sophie Gagnon' }];

describe('adjustment lines', () => {
  it('posts the difference of a corrected invoice in the month computed, with its origin', () => {
    const before = [line('F-1', 200), line('F-2', 45.02)];
    const now = [line('F-1', 225.41), line('F-2', 45.02), line('F-3', -10)];
    const out = adjustmentLines({
      month: '2026-10',
      settled,
      expected: new Map([['2026-09', now]]),
      posted: before.map((l) => paid(l)),
    });
    expect(out).toEqual([
      {
        month: '2026-10',
        salesperson: 'Sophie Gagnon',
        clientCode: 'C1',
        invoiceNumber: 'F-1',
        base: 254.1,
        commission: 25.41,
        originMonth: '2026-09',
      },
      {
        month: '2026-10',
        salesperson: 'Sophie Gagnon',
        clientCode: 'C1',
        invoiceNumber: 'F-3',
        base: -100,
        commission: -10,
        originMonth: '2026-09',
      },
    ]);
  });

  it('posts nothing twice: adjustments posted in another month count as paid', () => {
    const before = [line('F-1', 200)];
    const now = [line('F-1', 225.41)];
    const posted = [
      ...before.map((l) => paid(l)),
      paid(line('F-1', 25.41), { month: '2026-10', originMonth: '2026-09' }),
    ];
    expect(
      adjustmentLines({ month: '2026-11', settled, expected: new Map([['2026-09', now]]), posted }),
    ).toEqual([]);
  });

  it('leaves months not settled, salespeople not settled and later months alone', () => {
    const now = [line('F-1', 300), line('F-1', 300, { salesperson: 'Luc' })];
    const posted = [paid(line('F-1', 200)), paid(line('F-1', 200, { salesperson: 'Luc' }))];
    const out = adjustmentLines({
      month: '2026-10',
      settled: [...settled, { month: '2026-10', salesperson: 'Luc' }],
      expected: new Map([['2026-09', now]]),
      posted,
    });
    expect(out.map((a) => [a.salesperson, a.commission])).toEqual([['Sophie Gagnon', 100]]);
  });

  it('leaves a settled row alone when its lines no longer add up to what it paid (deleted by hand)', () => {
    const now = [line('F-1', 200), line('F-2', 45.02)];
    const out = adjustmentsOf({
      month: '2026-10',
      settled: [{ ...settled[0]!, linesTotal: 245.02 }],
      expected: new Map([['2026-09', now]]),
      posted: [paid(line('F-1', 200))], // F-2's line deleted by hand
    });
    expect(out).toEqual({ lines: [], unreliable: [{ ...settled[0]!, linesTotal: 245.02 }] });
    // As paid: compared.
    const whole = adjustmentsOf({
      month: '2026-10',
      settled: [{ ...settled[0]!, linesTotal: 245.02 }],
      expected: new Map([['2026-09', [line('F-1', 210), line('F-2', 45.02)]]]),
      posted: now.map((l) => paid(l)),
    });
    expect(whole.lines.map((l) => l.commission)).toEqual([10]);
  });

  it('after posting what it returns, a second run finds nothing more (property)', () => {
    const amounts = fc.array(fc.integer({ min: -50_000, max: 50_000 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(amounts, amounts, (paidCents, nowCents) => {
        const before = paidCents.map((c, i) => line(`F-${i}`, c / 100));
        const now = nowCents.map((c, i) => line(`F-${i}`, c / 100));
        const posted = before.map((l) => paid(l));
        const first = adjustmentLines({
          month: '2026-10',
          settled,
          expected: new Map([['2026-09', now]]),
          posted,
        });
        const total = (ls: { commission: number }[]) =>
          ls.reduce((s, l) => s + Math.round(l.commission * 100), 0);
        // What was paid plus what is posted is what the month's lines give now.
        expect(total(posted) + total(first)).toBe(total(now));
        const again = adjustmentLines({
          month: '2026-11',
          settled,
          expected: new Map([['2026-09', now]]),
          posted: [...posted, ...first.map((a) => ({ ...a }))],
        });
        expect(again).toEqual([]);
      }),
    );
  });
});
