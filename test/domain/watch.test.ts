import fc from 'fast-check';
import {
  computeWatch,
  formatWatchReasons,
  watchClient,
  withBadCells,
  type WatchInvoice,
  type WatchReason,
  type WatchTerms,
} from '../../src/domain/watch';

const settings = { graceDays: 0, defaultTermDays: 30 };

/** A client's terms as the rules see them: their declared inputs only (WATCH_INPUTS). */
function terms(partial: Partial<WatchTerms> & { clientCode: string }): WatchTerms {
  return { creditLimit: null, termDays: null, watchReason: '', ...partial };
}

function invoice(partial: Partial<WatchInvoice> & { number: string; date: string }): WatchInvoice {
  return {
    clientCode: 'C1',
    amount: 100,
    dueDate: null,
    paidDate: null,
    ...partial,
  };
}

describe('overdue invoices', () => {
  const inv = invoice({ number: 'F-1001', date: '2026-09-01', dueDate: '2026-10-01' });

  it('is not overdue on its due date, overdue the day after', () => {
    expect(watchClient(undefined, [inv], settings, '2026-10-01').watched).toBe(false);
    const after = watchClient(undefined, [inv], settings, '2026-10-02');
    expect(after.watched).toBe(true);
    expect(after.reasons).toEqual([
      { kind: 'overdue', invoice: 'F-1001', dueDate: '2026-10-01', daysLate: 1, amount: 100 },
    ]);
  });

  it('waits the grace days: exactly at the limit is not overdue', () => {
    const grace = { ...settings, graceDays: 5 };
    expect(watchClient(undefined, [inv], grace, '2026-10-06').watched).toBe(false);
    expect(watchClient(undefined, [inv], grace, '2026-10-07').watched).toBe(true);
  });

  it('takes the date + the client term when Due date is blank, else the default term', () => {
    const noDue = invoice({ number: 'F-2', date: '2026-09-01' });
    // Default 30 days: due 2026-10-01.
    expect(watchClient(undefined, [noDue], settings, '2026-10-01').watched).toBe(false);
    expect(watchClient(undefined, [noDue], settings, '2026-10-02').watched).toBe(true);
    // Term blank in the Terms row → default as well.
    expect(watchClient(terms({ clientCode: 'C1' }), [noDue], settings, '2026-10-02').watched).toBe(
      true,
    );
    // A 45-day term: due 2026-10-16.
    const t45 = terms({ clientCode: 'C1', termDays: 45 });
    expect(watchClient(t45, [noDue], settings, '2026-10-16').watched).toBe(false);
    expect(watchClient(t45, [noDue], settings, '2026-10-17').reasons[0]).toMatchObject({
      dueDate: '2026-10-16',
      daysLate: 1,
    });
    // Term 0: due the invoice day.
    expect(
      watchClient(terms({ clientCode: 'C1', termDays: 0 }), [noDue], settings, '2026-09-02')
        .watched,
    ).toBe(true);
  });

  it('prefers an explicit due date over the term', () => {
    const t90 = terms({ clientCode: 'C1', termDays: 90 });
    expect(watchClient(t90, [inv], settings, '2026-10-02').watched).toBe(true);
  });

  it('unflags once paid', () => {
    const paid = { ...inv, paidDate: '2026-10-20' };
    const r = watchClient(undefined, [paid], settings, '2026-11-01');
    expect(r).toMatchObject({
      watched: false,
      reasons: [],
      balanceDue: 0,
      lastUnpaidInvoiceDate: null,
      lastInvoiceDate: '2026-09-01',
    });
  });

  it('never calls a credit note overdue', () => {
    const credit = invoice({ number: 'NC-1', date: '2026-01-01', amount: -50 });
    const r = watchClient(undefined, [credit], settings, '2026-10-01');
    expect(r.watched).toBe(false);
    expect(r.balanceDue).toBe(-50);
  });

  it('lists overdue invoices by due date', () => {
    const a = invoice({ number: 'A', date: '2026-08-01', dueDate: '2026-09-15' });
    const b = invoice({ number: 'B', date: '2026-07-01', dueDate: '2026-08-15' });
    const r = watchClient(undefined, [a, b], settings, '2026-10-01');
    expect(r.reasons.map((x) => (x.kind === 'overdue' ? x.invoice : x.kind))).toEqual(['B', 'A']);
  });
});

describe('credit limit', () => {
  const invoices = [
    invoice({ number: '1', date: '2026-09-20', amount: 6000 }),
    invoice({ number: '2', date: '2026-09-25', amount: 4000 }),
  ];
  const today = '2026-09-30';

  it('is over only when the balance exceeds the limit', () => {
    expect(
      watchClient(terms({ clientCode: 'C1', creditLimit: 10_000 }), invoices, settings, today)
        .watched,
    ).toBe(false);
    const over = watchClient(
      terms({ clientCode: 'C1', creditLimit: 9_999.99 }),
      invoices,
      settings,
      today,
    );
    expect(over.reasons).toEqual([{ kind: 'overLimit', balance: 10_000, limit: 9_999.99 }]);
  });

  it('treats a blank or 0 limit as no limit', () => {
    expect(
      watchClient(terms({ clientCode: 'C1', creditLimit: 0 }), invoices, settings, today).watched,
    ).toBe(false);
    expect(
      watchClient(terms({ clientCode: 'C1', creditLimit: null }), invoices, settings, today)
        .watched,
    ).toBe(false);
  });

  it('sums the balance without float noise, credit notes negative', () => {
    const r = watchClient(
      undefined,
      [
        invoice({ number: 'a', date: '2026-09-01', amount: 0.1 }),
        invoice({ number: 'b', date: '2026-09-02', amount: 0.2 }),
        invoice({ number: 'c', date: '2026-09-03', amount: -0.05 }),
        invoice({ number: 'd', date: '2026-09-04', amount: 99, paidDate: '2026-09-05' }),
      ],
      settings,
      '2026-09-10',
    );
    expect(r.balanceDue).toBe(0.25);
    expect(r.lastInvoiceDate).toBe('2026-09-04');
    expect(r.lastUnpaidInvoiceDate).toBe('2026-09-03');
  });
});

describe('manual reason', () => {
  it('watches on a manual reason alone, ignoring blanks', () => {
    const r = watchClient(
      terms({ clientCode: 'C1', watchReason: '  Litige en cours ' }),
      [],
      settings,
      '2026-10-01',
    );
    expect(r).toMatchObject({
      watched: true,
      reasons: [{ kind: 'manual', text: 'Litige en cours' }],
      hasInvoices: false,
    });
    expect(
      watchClient(terms({ clientCode: 'C1', watchReason: '   ' }), [], settings, '2026-10-01')
        .watched,
    ).toBe(false);
  });
});

describe('computeWatch', () => {
  it('groups invoices by client code (trimmed, any case) and reports unknown clients', () => {
    const out = computeWatch({
      clients: [{ code: 'C1' }, { code: '0042' }],
      terms: [terms({ clientCode: ' c1 ', creditLimit: 50 })],
      invoices: [
        invoice({ number: '1', date: '2026-09-20', clientCode: 'c1', row: 2 }),
        invoice({ number: '2', date: '2026-09-20', clientCode: 'ZZ', row: 3 }),
        invoice({ number: '3', date: '2026-09-21', clientCode: 'zz ', row: 4 }),
        invoice({ number: '4', date: '2026-09-21', clientCode: '42', row: 5 }),
      ],
      settings,
      today: '2026-09-30',
    });
    expect([...out.results.keys()]).toEqual(['c1', '0042']);
    expect(out.results.get('c1')).toMatchObject({
      watched: true,
      balanceDue: 100,
      hasInvoices: true,
    });
    expect(out.results.get('0042')).toMatchObject({
      watched: false,
      hasInvoices: false,
      lastInvoiceDate: null,
    });
    expect(out.unknownClients).toEqual([
      { code: 'ZZ', rows: [3, 4] },
      { code: '42', rows: [5] },
    ]);
  });

  it('handles 10,000 clients and 100,000 invoices quickly', () => {
    const clients = Array.from({ length: 10_000 }, (_, i) => ({ code: `C${i}` }));
    const invoices = Array.from({ length: 100_000 }, (_, i) =>
      invoice({
        number: `F${i}`,
        clientCode: `C${i % 10_000}`,
        date: `2026-0${1 + (i % 9)}-1${i % 10}`,
        amount: (i % 500) + 0.99,
        paidDate: i % 3 ? '2026-10-01' : null,
      }),
    );
    const start = Date.now();
    const out = computeWatch({ clients, terms: [], invoices, settings, today: '2026-10-15' });
    expect(Date.now() - start).toBeLessThan(3000);
    expect(out.results.size).toBe(10_000);
  });

  it('keeps balances equal to the sum of unpaid amounts (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ cents: fc.integer({ min: -100_000, max: 1_000_000 }), paid: fc.boolean() }),
          { maxLength: 40 },
        ),
        (rows) => {
          const invs = rows.map((r, i) =>
            invoice({
              number: String(i),
              date: '2026-09-01',
              amount: r.cents / 100,
              paidDate: r.paid ? '2026-09-02' : null,
            }),
          );
          const expected = rows.filter((r) => !r.paid).reduce((s, r) => s + r.cents, 0) / 100;
          const result = watchClient(undefined, invs, settings, '2026-09-05');
          expect(result.balanceDue).toBe(expected);
          expect(result.watched).toBe(result.reasons.length > 0);
        },
      ),
    );
  });
});

describe('formatWatchReasons', () => {
  const reasons: WatchReason[] = [
    { kind: 'manual', text: 'litige' },
    { kind: 'overdue', invoice: 'F-1001', dueDate: '2026-10-01', daysLate: 12, amount: 500 },
    { kind: 'overdue', invoice: 'F-1002', dueDate: '2026-10-12', daysLate: 1, amount: 500 },
    { kind: 'overLimit', balance: 12_500, limit: 10_000 },
  ];

  it('writes each cause in French', () => {
    expect(formatWatchReasons(reasons, 'fr')).toBe(
      'Manuel : litige; Facture F-1001 en retard de 12 jours (échéance 2026-10-01); ' +
        'Facture F-1002 en retard de 1 jour (échéance 2026-10-12); ' +
        'Solde 12\u00A0500,00\u00A0$ au-dessus de la limite de crédit 10\u00A0000,00\u00A0$',
    );
  });

  it('writes each cause in English', () => {
    expect(formatWatchReasons(reasons, 'en')).toBe(
      'Manual: litige; Invoice F-1001 overdue by 12 days (due 2026-10-01); ' +
        'Invoice F-1002 overdue by 1 day (due 2026-10-12); Balance $12,500.00 over credit limit $10,000.00',
    );
  });

  it('is empty without causes and counts overdue invoices beyond five', () => {
    expect(formatWatchReasons([], 'fr')).toBe('');
    const many: WatchReason[] = Array.from({ length: 8 }, (_, i) => ({
      kind: 'overdue' as const,
      invoice: `F${i}`,
      dueDate: '2026-10-01',
      daysLate: 3,
      amount: 1,
    }));
    many.push({ kind: 'overLimit', balance: 2, limit: 1 });
    const fr = formatWatchReasons(many, 'fr').split('; ');
    expect(fr).toHaveLength(7);
    expect(fr[5]).toBe('et 3 autres factures en retard');
    expect(fr[6]).toMatch(/^Solde/);
    expect(formatWatchReasons(many.slice(0, 6), 'en')).toMatch(/; and 1 more overdue invoice$/);
  });
});

describe('unreadable cells among the reasons (decision 021)', () => {
  const bad = {
    kind: 'badCell' as const,
    sheet: 'Termes',
    column: 'Limite de crédit',
    code: 'C1',
    message: 'Montant attendu, reçu « beaucoup »',
  };

  test('put the client under watch, said after a manual reason, in both languages', () => {
    const result = withBadCells(
      watchClient(terms({ clientCode: 'C1' }), [], settings, '2026-11-15'),
      [bad],
    );
    expect(result.watched).toBe(true);
    expect(formatWatchReasons([{ kind: 'manual', text: 'litige' }, ...result.reasons], 'fr')).toBe(
      'Manuel : litige; Termes, Limite de crédit illisible (client C1) : Montant attendu, reçu « beaucoup »',
    );
    expect(
      formatWatchReasons(
        [
          {
            ...bad,
            sheet: 'Terms',
            column: 'Credit limit',
            message: 'Amount expected, got "lots"',
          },
        ],
        'en',
      ),
    ).toBe('Terms, Credit limit unreadable (client C1): Amount expected, got "lots"');
  });

  test('none: the result as it was', () => {
    const result = watchClient(terms({ clientCode: 'C1' }), [], settings, '2026-11-15');
    expect(withBadCells(result, [])).toBe(result);
  });
});
