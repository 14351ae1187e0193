import fc from 'fast-check';
import {
  checkAgreement,
  computeCommissions,
  validateAgreement,
  type AgreementRow,
  type CommissionInvoice,
} from '../../src/domain/commissions';

const known = new Set(['c1', 'c2', '0042']);

function agreement(partial: Partial<AgreementRow> = {}): AgreementRow {
  return {
    row: 2,
    clientCode: 'C1',
    salesperson: 'Marie',
    commissionType: 'sales',
    ratePct: 10,
    productType: '',
    startDate: null,
    endDate: null,
    ...partial,
  };
}

function invoice(partial: Partial<CommissionInvoice> & { number: string }): CommissionInvoice {
  return {
    date: '2026-10-15',
    clientCode: 'C1',
    productType: 'Services',
    amount: 100,
    cost: null,
    dueDate: null,
    paidDate: null,
    ...partial,
  };
}

const month = '2026-10';

describe('commission types', () => {
  const invoices = [
    invoice({ number: 'F1', date: '2026-09-30', paidDate: '2026-10-05', amount: 200, cost: 150 }),
    invoice({ number: 'F2', date: '2026-10-01', amount: 100, cost: 60 }),
    invoice({ number: 'F3', date: '2026-10-31', paidDate: '2026-11-01', amount: 50, cost: 20 }),
    invoice({ number: 'F4', date: '2026-11-01', amount: 1000, cost: 0 }),
  ];

  it('Sales: invoices dated in the month, base = amount (first and last day included)', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement()],
      invoices,
      knownClients: known,
    });
    expect(r.lines.map((l) => [l.invoiceNumber, l.base, l.commission])).toEqual([
      ['F2', 100, 10],
      ['F3', 50, 5],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('Payments: invoices paid in the month, whatever their date', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement({ commissionType: 'payments', ratePct: 5 })],
      invoices,
      knownClients: known,
    });
    expect(r.lines).toEqual([
      {
        month,
        salesperson: 'Marie',
        clientCode: 'C1',
        invoiceNumber: 'F1',
        commissionType: 'payments',
        base: 200,
        ratePct: 5,
        commission: 10,
      },
    ]);
  });

  it('Margin: dated in the month, base = amount − cost', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement({ commissionType: 'margin', ratePct: 50 })],
      invoices,
      knownClients: known,
    });
    expect(r.lines.map((l) => [l.invoiceNumber, l.base, l.commission])).toEqual([
      ['F2', 40, 20],
      ['F3', 30, 15],
    ]);
  });

  it('Margin with a blank cost: skipped and the invoice reported', () => {
    const r = computeCommissions({
      month,
      agreements: [
        agreement({ commissionType: 'margin' }),
        agreement({ row: 3, salesperson: 'Luc', commissionType: 'margin' }),
      ],
      invoices: [
        invoice({ number: 'F9', cost: null, row: 12 }),
        invoice({ number: 'F10', cost: 0.1, amount: 0.3 }),
      ],
      knownClients: known,
    });
    expect(r.lines.map((l) => [l.salesperson, l.invoiceNumber, l.base])).toEqual([
      ['Luc', 'F10', 0.2],
      ['Marie', 'F10', 0.2],
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ sheet: 'invoices', row: 12, column: 'cost' });
    expect(r.problems[0]?.message.fr).toContain('F9');
  });
});

describe('filters and shares', () => {
  it('keeps only the agreement product type (trimmed, any case); blank = all', () => {
    const invoices = [
      invoice({ number: 'S', productType: 'Services' }),
      invoice({ number: 'P', productType: 'Pièces' }),
    ];
    const only = computeCommissions({
      month,
      agreements: [agreement({ productType: ' services ' })],
      invoices,
      knownClients: known,
    });
    expect(only.lines.map((l) => l.invoiceNumber)).toEqual(['S']);
    const all = computeCommissions({
      month,
      agreements: [agreement()],
      invoices,
      knownClients: known,
    });
    expect(all.lines.map((l) => l.invoiceNumber)).toEqual(['P', 'S']);
  });

  it('matches invoices to agreements by client code, trimmed and in any case', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement({ clientCode: 'c1 ' })],
      invoices: [
        invoice({ number: 'A', clientCode: ' C1' }),
        invoice({ number: 'B', clientCode: 'C2' }),
      ],
      knownClients: known,
    });
    expect(r.lines.map((l) => l.invoiceNumber)).toEqual(['A']);
  });

  it('gives each salesperson of a client their own lines', () => {
    const r = computeCommissions({
      month,
      agreements: [
        agreement({ salesperson: 'Zoé', ratePct: 3 }),
        agreement({ row: 3, salesperson: 'Émile', ratePct: 2 }),
      ],
      invoices: [invoice({ number: 'F1', amount: 1000 })],
      knownClients: known,
    });
    expect(r.lines.map((l) => [l.salesperson, l.commission])).toEqual([
      ['Émile', 20],
      ['Zoé', 30],
    ]);
    expect(r.totals.map((t) => t.salesperson)).toEqual(['Émile', 'Zoé']);
  });

  it('gives credit notes negative lines', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement({ ratePct: 10 })],
      invoices: [
        invoice({ number: 'F1', amount: 500 }),
        invoice({ number: 'NC1', amount: -123.45 }),
      ],
      knownClients: known,
    });
    expect(r.lines.map((l) => [l.invoiceNumber, l.commission])).toEqual([
      ['F1', 50],
      ['NC1', -12.35],
    ]);
    expect(r.totals).toEqual([
      { month, salesperson: 'Marie', invoiceCount: 2, base: 376.55, commission: 37.65 },
    ]);
  });
});

describe('rounding', () => {
  it('rounds each line to the cent, half away from zero', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement({ ratePct: 50 })],
      invoices: [
        invoice({ number: 'A', amount: 1.23 }), // 0.615 → 0.62
        invoice({ number: 'B', amount: 0.01 }), // 0.005 → 0.01
        invoice({ number: 'C', amount: -0.01 }), // −0.005 → −0.01
        invoice({ number: 'D', amount: 0.009 }), // 0.0045 → 0
      ],
      knownClients: known,
    });
    expect(r.lines.map((l) => l.commission)).toEqual([0.62, 0.01, -0.01, 0]);
  });
});

describe('agreements', () => {
  it('reports and skips invalid typed agreements', () => {
    const r = computeCommissions({
      month,
      agreements: [
        agreement({ row: 2, clientCode: 'NOPE' }),
        agreement({ row: 3, ratePct: 101 }),
        agreement({ row: 4, ratePct: Number.NaN }),
        agreement({ row: 5, salesperson: ' ' }),
        agreement({ row: 6, commissionType: 'bonus' as never }),
        agreement({ row: 7 }),
      ],
      invoices: [invoice({ number: 'F1' })],
      knownClients: known,
    });
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'clientCode'],
      [3, 'ratePct'],
      [4, 'ratePct'],
      [5, 'salesperson'],
      [6, 'commissionType'],
    ]);
    expect(r.lines).toHaveLength(1);
  });

  it('reports a duplicate agreement instead of paying twice', () => {
    const r = computeCommissions({
      month,
      agreements: [agreement({ row: 2 }), agreement({ row: 9, salesperson: 'marie ' })],
      invoices: [invoice({ number: 'F1' })],
      knownClients: known,
    });
    expect(r.lines).toHaveLength(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 9 });
    expect(r.problems[0]?.message.en).toContain('row 2');
  });

  it('accepts the bounds 0 and 100', () => {
    expect(checkAgreement(agreement({ ratePct: 0 }), known)).toEqual([]);
    expect(checkAgreement(agreement({ ratePct: 100 }), known)).toEqual([]);
  });

  it('throws on a malformed month, naming it', () => {
    expect(() =>
      computeCommissions({ month: '2026-13', agreements: [], invoices: [], knownClients: known }),
    ).toThrow('2026-13');
  });
});

describe('validateAgreement (raw rows)', () => {
  const fr = { lang: 'fr' as const, timeZone: 'America/Toronto' };

  it('reads a French row', () => {
    const r = validateAgreement(
      {
        row: 4,
        clientCode: ' c2 ',
        salesperson: 'Luc',
        commissionType: 'Encaissements',
        ratePct: '2,5 %',
        productType: '',
      },
      known,
      fr,
    );
    expect(r).toEqual({
      agreement: {
        row: 4,
        clientCode: 'c2',
        salesperson: 'Luc',
        commissionType: 'payments',
        ratePct: 2.5,
        productType: '',
        startDate: null,
        endDate: null,
      },
      problems: [],
    });
  });

  it('reads a numeric client code as text', () => {
    const r = validateAgreement(
      {
        row: 5,
        clientCode: '0042',
        salesperson: 'Ann',
        commissionType: 'Margin',
        ratePct: 7,
        productType: 'Parts',
      },
      known,
      { lang: 'en', timeZone: 'America/Toronto' },
    );
    expect(r.agreement?.commissionType).toBe('margin');
  });

  it('ignores a blank row', () => {
    expect(
      validateAgreement(
        {
          row: 6,
          clientCode: '',
          salesperson: ' ',
          commissionType: '',
          ratePct: '',
          productType: '',
        },
        known,
        fr,
      ),
    ).toEqual({
      agreement: null,
      problems: [],
    });
  });

  it('reports every problem of a row, in both languages', () => {
    const r = validateAgreement(
      {
        row: 7,
        clientCode: 'X9',
        salesperson: '',
        commissionType: 'Bonus',
        ratePct: 'dix',
        productType: '',
      },
      known,
      fr,
    );
    expect(r.agreement).toBeNull();
    expect(r.problems.map((p) => p.column).sort()).toEqual([
      'clientCode',
      'commissionType',
      'ratePct',
      'salesperson',
    ]);
    for (const p of r.problems) {
      expect(p).toMatchObject({ sheet: 'commissions', row: 7 });
      expect(p.message.fr).not.toBe(p.message.en);
    }
  });

  it('reports a missing rate and a missing type', () => {
    const r = validateAgreement(
      {
        row: 8,
        clientCode: 'C1',
        salesperson: 'Ann',
        commissionType: '',
        ratePct: '',
        productType: '',
      },
      known,
      fr,
    );
    expect(r.problems.map((p) => p.column).sort()).toEqual(['commissionType', 'ratePct']);
  });
});

describe('totals (property)', () => {
  it('equal the sum of the lines, per salesperson, with distinct invoice counts', () => {
    const names = ['Marie', 'Luc', 'Émile'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            who: fc.integer({ min: 0, max: 2 }),
            rate: fc.integer({ min: 0, max: 10_000 }),
            type: fc.constantFrom('sales' as const, 'payments' as const, 'margin' as const),
            product: fc.constantFrom('', 'Services'),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(
          fc.record({
            cents: fc.integer({ min: -50_000, max: 500_000 }),
            cost: fc.integer({ min: 0, max: 100_000 }),
            day: fc.integer({ min: 1, max: 31 }),
            paid: fc.boolean(),
            product: fc.constantFrom('Services', 'Pièces'),
          }),
          { maxLength: 20 },
        ),
        (agreements, invoices) => {
          const r = computeCommissions({
            month,
            agreements: agreements.map((a, i) =>
              agreement({
                row: i + 2,
                salesperson: names[a.who] as string,
                ratePct: a.rate / 100,
                commissionType: a.type,
                productType: a.product,
              }),
            ),
            invoices: invoices.map((v, i) =>
              invoice({
                number: `F${i}`,
                amount: v.cents / 100,
                cost: v.cost / 100,
                date: `2026-10-${String(v.day).padStart(2, '0')}`,
                paidDate: v.paid ? '2026-10-20' : null,
                productType: v.product,
              }),
            ),
            knownClients: known,
          });
          for (const t of r.totals) {
            const mine = r.lines.filter((l) => l.salesperson === t.salesperson);
            const cents = (xs: number[]) => xs.reduce((s, x) => s + Math.round(x * 100), 0);
            expect(Math.round(t.commission * 100)).toBe(cents(mine.map((l) => l.commission)));
            expect(Math.round(t.base * 100)).toBe(cents(mine.map((l) => l.base)));
            expect(t.invoiceCount).toBe(new Set(mine.map((l) => l.invoiceNumber)).size);
          }
          expect(new Set(r.lines.map((l) => l.salesperson)).size).toBe(r.totals.length);
        },
      ),
    );
  });
});

describe('scale', () => {
  it('computes a month over 100,000 invoices quickly', () => {
    const clients = new Set(Array.from({ length: 10_000 }, (_, i) => `c${i}`));
    const agreements = Array.from({ length: 10_000 }, (_, i) =>
      agreement({ row: i + 2, clientCode: `C${i}`, salesperson: `S${i % 20}`, ratePct: 3.5 }),
    );
    const invoices = Array.from({ length: 100_000 }, (_, i) =>
      invoice({
        number: `F${i}`,
        clientCode: `C${i % 10_000}`,
        date: `2026-${i % 2 ? '10' : '09'}-15`,
        amount: (i % 1000) + 0.45,
      }),
    );
    const start = Date.now();
    const r = computeCommissions({ month, agreements, invoices, knownClients: clients });
    expect(Date.now() - start).toBeLessThan(5000);
    expect(r.lines).toHaveLength(50_000);
    // October invoices are the odd ones, so only clients (and salespeople) with odd numbers.
    expect(r.totals).toHaveLength(10);
  });
});
