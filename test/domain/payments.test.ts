/**
 * Money as the books have it (decision 020): payments matched to invoices, remaining balances,
 * aging, and the rules that use them (watch, Payments commissions, agreements' dates).
 */
import fc from 'fast-check';
import { computeCommissions, type AgreementRow } from '../../src/domain/commissions';
import { sampleRows } from '../../src/domain/sample';
import {
  agingBucket,
  invoiceMoney,
  matchPayments,
  unmatchedProblem,
} from '../../src/domain/payments';
import {
  computeWatch,
  watchCells,
  watchClient,
  type WatchInvoice,
  type WatchPayment,
} from '../../src/domain/watch';

const settings = { graceDays: 0, defaultTermDays: 30 };

function invoice(partial: Partial<WatchInvoice> & { number: string }): WatchInvoice {
  return {
    date: '2026-09-01',
    clientCode: 'C1',
    amount: 1000,
    dueDate: '2026-10-01',
    paidDate: null,
    ...partial,
  };
}

function payment(partial: Partial<WatchPayment> & { invoiceNumber: string }): WatchPayment {
  return { date: '2026-10-10', clientCode: 'C1', amount: 100, ...partial };
}

describe('matching payments to invoices', () => {
  it('sums an invoice’s payments by number and client, codes matched trimmed and in any case', () => {
    const { money, unmatched } = matchPayments(
      [invoice({ number: 'F-1' }), invoice({ number: 'F-2' })],
      [
        payment({ invoiceNumber: ' f-1 ', clientCode: 'c1 ', amount: 600 }),
        payment({ invoiceNumber: 'F-1', amount: 0.1 }),
        payment({ invoiceNumber: 'F-1', amount: 0.2 }),
      ],
    );
    expect(unmatched).toEqual([]);
    expect(money[0]).toMatchObject({ receivedCents: 60030, remainingCents: 39970, paidOn: null });
    expect(money[1]).toMatchObject({ receivedCents: 0, remainingCents: 100000, paidOn: null });
  });

  it('never applies a payment on an unknown invoice or another client’s, and says which', () => {
    const lost = payment({ invoiceNumber: 'F-9', row: 4 });
    const other = payment({ invoiceNumber: 'F-1', clientCode: 'C2', row: 5 });
    const { money, unmatched } = matchPayments([invoice({ number: 'F-1' })], [lost, other]);
    expect(money[0]!.receivedCents).toBe(0);
    expect(unmatched).toEqual([
      { payment: lost, otherClient: null },
      { payment: other, otherClient: 'C1' },
    ]);
    expect(unmatchedProblem(unmatched[0]!)).toMatchObject({
      sheet: 'payments',
      row: 4,
      column: 'invoiceNumber',
      message: { en: 'Payment on invoice F-9, which does not exist: not applied' },
    });
    expect(unmatchedProblem(unmatched[1]!).message.fr).toBe(
      'Paiement de C2 sur la facture F-1, qui est au client C1 : non appliqué',
    );
  });

  it('is paid on the date of the payment that reached its amount, or on Paid on', () => {
    const inv = invoice({ number: 'F-1' });
    const m = invoiceMoney(inv, [
      payment({ invoiceNumber: 'F-1', date: '2026-10-20', amount: 400 }),
      payment({ invoiceNumber: 'F-1', date: '2026-10-05', amount: 600 }),
      payment({ invoiceNumber: 'F-1', date: '2026-11-01', amount: 50 }),
    ]);
    expect(m).toMatchObject({ paidOn: '2026-10-20', remainingCents: 0, receivedCents: 105000 });
    expect(m.payments.map((p) => p.date)).toEqual(['2026-10-05', '2026-10-20', '2026-11-01']);
    // Paid on wins: the team's shortcut, whatever was recorded.
    const shortcut = invoiceMoney({ ...inv, paidDate: '2026-09-30' }, [
      payment({ invoiceNumber: 'F-1', amount: 10 }),
    ]);
    expect(shortcut).toMatchObject({ paidOn: '2026-09-30', remainingCents: 0 });
  });

  it('opens an invoice again when a returned cheque takes the payments back under its amount', () => {
    const m = invoiceMoney(invoice({ number: 'F-1' }), [
      payment({ invoiceNumber: 'F-1', date: '2026-10-05', amount: 1000 }),
      payment({ invoiceNumber: 'F-1', date: '2026-10-09', amount: -1000 }),
    ]);
    expect(m).toMatchObject({ paidOn: null, remainingCents: 100000 });
  });

  it('keeps a credit note open as before, closed by refunds that reach it', () => {
    const credit = invoice({ number: 'AV-1', amount: -200 });
    expect(invoiceMoney(credit, [])).toMatchObject({ paidOn: null, remainingCents: -20000 });
    expect(
      invoiceMoney(credit, [payment({ invoiceNumber: 'AV-1', amount: -200, date: '2026-10-02' })]),
    ).toMatchObject({ paidOn: '2026-10-02', remainingCents: 0 });
  });

  it('keeps the sum of remaining balances equal to amounts − payments on open invoices (property)', () => {
    const cents = fc.integer({ min: -100_000, max: 100_000 });
    fc.assert(
      fc.property(cents, fc.array(cents, { maxLength: 6 }), (amount, paid) => {
        const m = invoiceMoney(
          invoice({ number: 'F', amount: amount / 100 }),
          paid.map((c, i) => payment({ invoiceNumber: 'F', amount: c / 100, row: i })),
        );
        const sum = paid.reduce((a, b) => a + b, 0);
        expect(m.receivedCents).toBe(sum);
        expect(m.remainingCents).toBe(m.paidOn === null ? amount - sum : 0);
      }),
    );
  });
});

describe('aging buckets', () => {
  it('cuts at 0, 30, 60 and 90 days past due', () => {
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual([
      'agingCurrent',
      'agingCurrent',
      'aging30',
      'aging30',
      'aging60',
      'aging60',
      'aging90',
      'aging90',
      'agingOver90',
      'agingOver90',
    ]);
  });
});

describe('the watch rules on remaining balances', () => {
  const today = '2026-11-15'; // F-1 is 45 days past due

  it('owes what is left of a partly paid invoice, overdue for that amount', () => {
    const r = watchClient(undefined, [invoice({ number: 'F-1' })], settings, today, [
      payment({ invoiceNumber: 'F-1', amount: 600, date: '2026-10-20' }),
    ]);
    expect(r.balanceDue).toBe(400);
    expect(r.reasons).toEqual([
      { kind: 'overdue', invoice: 'F-1', dueDate: '2026-10-01', daysLate: 45, amount: 400 },
    ]);
    expect(r.aging).toEqual({
      agingCurrent: 0,
      aging30: 0,
      aging60: 400,
      aging90: 0,
      agingOver90: 0,
    });
    expect(r.lastPaymentDate).toBe('2026-10-20');
    expect(r.lastUnpaidInvoiceDate).toBe('2026-09-01');
  });

  it('is not overdue once its payments reach the amount', () => {
    const r = watchClient(undefined, [invoice({ number: 'F-1' })], settings, today, [
      payment({ invoiceNumber: 'F-1', amount: 600, date: '2026-10-20' }),
      payment({ invoiceNumber: 'F-1', amount: 400, date: '2026-11-02' }),
    ]);
    expect(r).toMatchObject({ watched: false, balanceDue: 0, lastUnpaidInvoiceDate: null });
    expect(r.lastPaymentDate).toBe('2026-11-02');
  });

  it('compares the credit limit with the remaining balance', () => {
    const terms = { clientCode: 'C1', creditLimit: 500, termDays: null, watchReason: '' };
    const inv = invoice({ number: 'F-1', dueDate: '2026-12-31' });
    expect(watchClient(terms, [inv], settings, today).reasons).toEqual([
      { kind: 'overLimit', balance: 1000, limit: 500 },
    ]);
    const paid = [payment({ invoiceNumber: 'F-1', amount: 600 })];
    expect(watchClient(terms, [inv], settings, today, paid).watched).toBe(false);
  });

  it('spreads the balance over the aging columns, which add up to it', () => {
    const r = watchClient(
      undefined,
      [
        invoice({ number: 'A', dueDate: '2026-11-20', amount: 10 }),
        invoice({ number: 'B', dueDate: '2026-11-01', amount: 20 }),
        invoice({ number: 'C', dueDate: '2026-09-01', amount: 30 }),
        invoice({ number: 'D', dueDate: '2026-08-01', amount: 40 }),
        invoice({ number: 'E', dueDate: '2026-01-01', amount: 50.05 }),
        invoice({ number: 'AV', dueDate: '2026-11-30', amount: -5 }),
        invoice({ number: 'P', dueDate: '2026-01-01', amount: 70, paidDate: '2026-02-01' }),
      ],
      settings,
      today,
    );
    expect(r.aging).toEqual({
      agingCurrent: 5,
      aging30: 20,
      aging60: 0,
      aging90: 30,
      agingOver90: 90.05,
    });
    expect(r.balanceDue).toBe(145.05);
    expect(r.lastPaymentDate).toBe('2026-02-01');
  });

  it('writes the history into the Terms cells; blank for a client without invoices', () => {
    const r = watchClient(undefined, [invoice({ number: 'F-1' })], settings, today, [
      payment({ invoiceNumber: 'F-1', amount: 100 }),
    ]);
    expect(watchCells(r, 'fr').terms).toMatchObject({
      balanceDue: 900,
      lastPaymentDate: '2026-10-10',
      agingCurrent: 0,
      aging60: 900,
    });
    const none = watchClient(undefined, [], settings, today);
    expect(watchCells(none, 'en').terms).toMatchObject({ lastPaymentDate: '', agingCurrent: '' });
  });

  it('computeWatch gives each client its own payments and lists those applied to no one', () => {
    const out = computeWatch({
      clients: [{ code: 'C1' }, { code: 'C2' }],
      terms: [],
      invoices: [invoice({ number: 'F-1' }), invoice({ number: 'F-2', clientCode: 'C2' })],
      payments: [
        payment({ invoiceNumber: 'F-1', amount: 1000, row: 2 }),
        payment({ invoiceNumber: 'F-2', clientCode: 'C1', amount: 1000, row: 3 }),
      ],
      settings,
      today,
    });
    expect(out.results.get('c1')!.balanceDue).toBe(0);
    expect(out.results.get('c2')!.balanceDue).toBe(1000);
    expect(out.unmatchedPayments.map((u) => [u.payment.row, u.otherClient])).toEqual([[3, 'C2']]);
  });

  it('gives the same statuses as before when there are no payments', () => {
    const invoices = [
      invoice({ number: 'F-1' }),
      invoice({ number: 'F-2', paidDate: '2026-10-01' }),
    ];
    const before = watchClient(undefined, invoices, settings, today);
    expect(before).toMatchObject({ balanceDue: 1000, lastPaymentDate: '2026-10-01' });
    expect(before.reasons).toHaveLength(1);
  });
});

describe('commissions on money received and agreements with dates', () => {
  const known = new Set(['c1']);
  const month = '2026-10';
  const agreement = (partial: Partial<AgreementRow> = {}): AgreementRow => ({
    row: 2,
    clientCode: 'C1',
    salesperson: 'Sophie',
    commissionType: 'payments',
    ratePct: 10,
    productType: '',
    startDate: null,
    endDate: null,
    ...partial,
  });
  const inv = (partial: Partial<WatchInvoice> & { number: string }) => ({
    productType: 'Services',
    cost: null,
    ...invoice({ date: '2026-09-15', ...partial }),
  });

  it('earns on each payment dated in the month, not on the invoice', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement()],
      invoices: [inv({ number: 'F-1' })],
      payments: [
        payment({ invoiceNumber: 'F-1', date: '2026-09-30', amount: 100 }),
        payment({ invoiceNumber: 'F-1', date: '2026-10-05', amount: 600 }),
        payment({ invoiceNumber: 'F-1', date: '2026-10-25', amount: 250.55 }),
      ],
      knownClients: known,
    });
    expect(r.lines.map((l) => [l.invoiceNumber, l.base, l.commission])).toEqual([
      ['F-1', 600, 60],
      ['F-1', 250.55, 25.06],
    ]);
    expect(r.totals).toEqual([
      { month, salesperson: 'Sophie', invoiceCount: 1, base: 850.55, commission: 85.06 },
    ]);
  });

  it('earns the whole amount on Paid on when the invoice has no payment rows (as before)', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement()],
      invoices: [
        inv({ number: 'F-1', paidDate: '2026-10-03' }),
        // Paid on and payments: the payments are the money received.
        inv({ number: 'F-2', paidDate: '2026-10-03' }),
      ],
      payments: [payment({ invoiceNumber: 'F-2', date: '2026-09-28', amount: 1000 })],
      knownClients: known,
    });
    expect(r.lines.map((l) => [l.invoiceNumber, l.base])).toEqual([['F-1', 1000]]);
  });

  it('reports the month’s payments that match no invoice, and pays nothing on them', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement()],
      invoices: [inv({ number: 'F-1' })],
      payments: [
        payment({ invoiceNumber: 'F-404', row: 7 }),
        payment({ invoiceNumber: 'F-405', row: 8, date: '2026-08-01' }),
      ],
      knownClients: known,
    });
    expect(r.lines).toEqual([]);
    expect(r.problems.map((p) => [p.sheet, p.row])).toEqual([['payments', 7]]);
  });

  it('pays a line only within the agreement’s From / To (invoice date; payment date)', () => {
    const invoices = [
      inv({ number: 'F-1', date: '2026-10-10' }),
      inv({ number: 'F-2', date: '2026-10-20' }),
    ];
    const sales = agreement({ commissionType: 'sales', endDate: '2026-10-15' });
    const rate2 = agreement({
      commissionType: 'sales',
      row: 3,
      ratePct: 20,
      startDate: '2026-10-16',
    });
    const r = computeCommissions({
      month,
      agreements: [sales, rate2],
      invoices,
      knownClients: known,
    });
    // A rate changed on the 16th: two rows, no duplicate, each line at its own rate.
    expect(r.problems).toEqual([]);
    expect(r.lines.map((l) => [l.invoiceNumber, l.ratePct])).toEqual([
      ['F-1', 10],
      ['F-2', 20],
    ]);
    const paymentsR = computeCommissions({
      month,
      agreements: [agreement({ startDate: '2026-10-08' })],
      invoices,
      payments: [
        payment({ invoiceNumber: 'F-1', date: '2026-10-07' }),
        payment({ invoiceNumber: 'F-1', date: '2026-10-08' }),
      ],
      knownClients: known,
    });
    expect(paymentsR.lines.map((l) => l.base)).toEqual([100]);
  });

  it('still reports overlapping agreements with the same terms, and From after To', () => {
    const r = computeCommissions({
      month,
      agreements: [
        agreement({ commissionType: 'sales', endDate: '2026-10-15' }),
        agreement({ commissionType: 'sales', row: 3, startDate: '2026-10-15' }),
        agreement({ row: 4, startDate: '2026-10-20', endDate: '2026-10-01' }),
      ],
      invoices: [],
      knownClients: known,
    });
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'salesperson'],
      [4, 'endDate'],
    ]);
  });
});

describe('the sample shows it', () => {
  const lists = {
    creditCodes: ['NET30'],
    referral: ['Site web'],
    tags: ['Bon client'],
    productTypes: ['Produits', 'Services'],
  };
  const rows = sampleRows({ lang: 'fr', today: '2026-11-15' }, lists);

  it('has partial payments, invoices paid in instalments, and one ended agreement taken over', () => {
    const invoices = rows.invoices.map((r) => ({
      number: String(r.number),
      clientCode: String(r.clientCode),
      amount: Number(r.amount),
      paidDate: r.paidDate === '' ? null : String(r.paidDate),
    }));
    const payments = rows.payments.map((r, k) => ({
      date: String(r.date),
      invoiceNumber: String(r.invoiceNumber),
      clientCode: String(r.clientCode),
      amount: Number(r.amount),
      row: k + 2,
    }));
    const { money, unmatched } = matchPayments(invoices, payments);
    expect(unmatched).toEqual([]);
    const partial = money.filter((m) => m.paidOn === null && m.receivedCents > 0);
    const instalments = money.filter((m) => m.paidOn !== null && m.payments.length === 2);
    expect(partial.length).toBeGreaterThanOrEqual(2);
    expect(instalments.length).toBeGreaterThan(5);
    const ended = rows.agreements.filter((a) => a.endDate);
    expect(ended).toHaveLength(1);
    const next = rows.agreements.find((a) => a.startDate);
    expect(next).toMatchObject({ clientCode: ended[0]!.clientCode, startDate: '2026-07-19' });
    expect(next!.salesperson).not.toBe(ended[0]!.salesperson);
  });
});
