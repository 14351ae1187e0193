import fc from 'fast-check';
import {
  buyersOfProductType,
  describeFrequency,
  describeHabits,
  habitsByClient,
  usualMonths,
  type HabitInvoice,
} from '../../src/domain/habits';
import { codeKey } from '../../src/domain/cells';

const inv = (
  clientCode: string,
  date: string,
  productType: string,
  amount = 100,
): HabitInvoice => ({
  clientCode,
  date,
  productType,
  amount,
});

describe('habitsByClient', () => {
  const invoices = [
    inv('C1', '2025-03-02', 'Semences'),
    inv('c1 ', '2025-03-20', 'semences', 50),
    inv('C1', '2025-04-05', 'Engrais'),
    inv('C1', '2026-03-10', 'Semences'),
    inv('C1', '2026-03-28', 'Outils', 300),
    inv('C1', '2026-04-01', 'Engrais', -40), // credit note
    inv('C2', '2026-01-01', 'Services'),
  ];
  const habits = habitsByClient(invoices, codeKey);

  test('codes match as everywhere (case and spaces ignored); credit notes count in totals only', () => {
    const c1 = habits.get('c1')!;
    expect(c1.purchases).toBe(5);
    expect(c1.total).toBe(610);
    expect(c1.firstDay).toBe('2025-03-02');
    expect(c1.lastDay).toBe('2026-03-28');
  });

  test('top product types by purchases, then amount; product type case ignored', () => {
    expect(habits.get('c1')!.topProductTypes).toEqual([
      { productType: 'Semences', count: 3, total: 250 },
      { productType: 'Outils', count: 1, total: 300 },
      { productType: 'Engrais', count: 1, total: 60 },
    ]);
  });

  test('frequency is the average gap between purchase days; March is the usual month', () => {
    const c1 = habits.get('c1')!;
    expect(c1.averageGapDays).toBe(Math.round(391 / 4));
    expect(c1.usualMonths).toEqual([3]);
    expect(habits.get('c2')).toMatchObject({ purchases: 1, averageGapDays: null, usualMonths: [] });
  });

  test('a client with credit notes only has no habits', () => {
    expect(habitsByClient([inv('C9', '2026-01-01', 'X', -10)], codeKey).size).toBe(0);
  });

  test('the sentence in French and English', () => {
    const c1 = habits.get('c1')!;
    expect(describeHabits(c1, 'fr')).toBe(
      'Semences (3), Outils (1), Engrais (1) · environ tous les 3 mois · surtout en mars · 5 achats depuis 2025-03-02, dernier le 2026-03-28',
    );
    expect(describeHabits(habits.get('c2')!, 'en')).toBe(
      'Services (1) · a single purchase · 1 purchase since 2026-01-01, last on 2026-01-01',
    );
  });
});

describe('usualMonths and frequency', () => {
  test('purchases spread over the year have no usual month', () => {
    expect(usualMonths(new Array(12).fill(2), 24)).toEqual([]);
  });

  test('seasonal months, most frequent first, at most three', () => {
    const byMonth = [0, 0, 5, 4, 0, 0, 0, 0, 0, 0, 3, 6];
    expect(usualMonths(byMonth, 18)).toEqual([12, 3, 4]);
  });

  test('frequency wording by gap', () => {
    expect(describeFrequency(7, 10, 'en')).toBe('about every 7 days');
    expect(describeFrequency(21, 10, 'fr')).toBe('environ toutes les 3 semaines');
    expect(describeFrequency(91, 10, 'en')).toBe('about every 3 months');
  });

  test('property: purchases equal the positive invoices; top types never exceed three', () => {
    const arb = fc.array(
      fc.record({
        clientCode: fc.constantFrom('A', 'B', 'c'),
        date: fc
          .date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        productType: fc.constantFrom('P', 'Q', 'R', 'S', ''),
        amount: fc.integer({ min: -500, max: 500 }),
      }),
    );
    fc.assert(
      fc.property(arb, (invoices) => {
        const habits = habitsByClient(invoices, codeKey);
        for (const [key, h] of habits) {
          const positives = invoices.filter((i) => codeKey(i.clientCode) === key && i.amount > 0);
          if (h.purchases !== positives.length) return false;
          if (h.topProductTypes.length > 3) return false;
          if (h.firstDay > h.lastDay) return false;
        }
        return true;
      }),
    );
  });
});

describe('buyersOfProductType', () => {
  test('clients who bought the type, most purchases first, then the most recent', () => {
    const invoices = [
      inv('A', '2026-01-01', 'Semences'),
      inv('B', '2026-02-01', 'Semences'),
      inv('B', '2026-03-01', ' SEMENCES '),
      inv('C', '2026-05-01', 'Semences'),
      inv('D', '2026-06-01', 'Outils'),
      inv('E', '2026-06-01', 'Semences', -20),
    ];
    expect(buyersOfProductType(invoices, 'semences', codeKey)).toEqual([
      { key: 'b', count: 2, total: 200, lastDay: '2026-03-01' },
      { key: 'c', count: 1, total: 100, lastDay: '2026-05-01' },
      { key: 'a', count: 1, total: 100, lastDay: '2026-01-01' },
    ]);
  });
});
