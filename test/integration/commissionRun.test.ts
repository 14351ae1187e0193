/**
 * Issue 5 through the built bundle: each commission type, the product filter, credit notes,
 * several salespeople, rounding to the cent, the Toronto month boundary, invalid agreements.
 */
import { SHEETS, workbook, type TestWorkbook } from './harness';

type Lang = 'fr' | 'en';

const LABELS = {
  en: { sales: 'Sales', payments: 'Payments', margin: 'Margin' },
  fr: { sales: 'Ventes', payments: 'Encaissements', margin: 'Marge' },
};

/** Two clients, two salespeople, every type, a filter, a credit note, the month's edges. */
function october(wb: TestWorkbook, lang: Lang) {
  const L = LABELS[lang];
  wb.addRecords(lang, 'clients', [
    { code: 'A', name: 'Alpha' },
    { code: 'B', name: 'Bêta' },
  ]);
  wb.addRecords(lang, 'commissions', [
    { clientCode: 'A', salesperson: 'Alice', commissionType: L.sales, ratePct: 10 },
    { clientCode: 'a ', salesperson: 'Bob', commissionType: L.payments, ratePct: 5 },
    {
      clientCode: 'B',
      salesperson: 'Alice',
      commissionType: L.margin,
      ratePct: 20,
      productType: 'Logiciel',
    },
  ]);
  wb.addRecords(lang, 'invoices', [
    {
      number: '1',
      date: '2026-10-05',
      clientCode: 'A',
      amount: 1000,
      productType: 'Matériel',
      paidDate: '2026-11-02',
    },
    { number: '2', date: '2026-09-20', clientCode: 'A', amount: 200, paidDate: '2026-10-10' },
    // 22:30 on 31 October in Toronto is already 1 November in UTC: still October here
    { number: '3', date: new Date('2026-10-31T22:30:00-04:00'), clientCode: 'A', amount: 0.05 },
    { number: '4', date: '2026-10-12', clientCode: 'A', amount: -100 },
    {
      number: '5',
      date: '2026-10-15',
      clientCode: 'B',
      amount: 500,
      cost: 300,
      productType: 'logiciel ',
    },
    {
      number: '6',
      date: '2026-10-15',
      clientCode: 'B',
      amount: 999,
      cost: 1,
      productType: 'Matériel',
    },
    { number: '7', date: '2026-11-01', clientCode: 'A', amount: 1000, paidDate: '2026-11-01' },
    { number: '8', date: '2026-09-30', clientCode: 'A', amount: 1000 },
  ]);
}

describe.each([
  ['en', 'en_US'],
  ['fr', 'fr_CA'],
] as const)('computeCommissions (%s workbook)', (lang, locale) => {
  let wb: TestWorkbook;
  beforeEach(() => {
    wb = workbook({ locale, now: '2026-11-15T12:00:00-05:00' });
    october(wb, lang);
  });

  test('lines for each type, product filter, credit note, rounding, month edges', () => {
    wb.run('computeCommissions', '2026-10');
    const L = LABELS[lang];
    const line = (
      sp: string,
      client: string,
      inv: string,
      type: string,
      base: number,
      rate: number,
      c: number,
    ) => ({
      month: '2026-10',
      salesperson: sp,
      clientCode: client,
      invoiceNumber: inv,
      commissionType: type,
      base,
      ratePct: rate,
      commission: c,
    });
    expect(wb.records(lang, 'reportDetails')).toEqual([
      line('Alice', 'A', '1', L.sales, 1000, 10, 100),
      line('Alice', 'A', '3', L.sales, 0.05, 10, 0.01), // 0.005 rounds half away from zero
      line('Alice', 'A', '4', L.sales, -100, 10, -10),
      line('Alice', 'B', '5', L.margin, 200, 20, 40),
      line('Bob', 'A', '2', L.payments, 200, 5, 10),
    ]);
    expect(wb.records(lang, 'report')).toEqual([
      {
        month: '2026-10',
        salesperson: 'Alice',
        invoiceCount: 4,
        base: 1100.05,
        commission: 130.01,
        paidOut: false,
      },
      {
        month: '2026-10',
        salesperson: 'Bob',
        invoiceCount: 1,
        base: 200,
        commission: 10,
        paidOut: false,
      },
    ]);
  });

  test('November: sales and payments of the invoice dated and paid on the 1st', () => {
    wb.run('computeCommissions', '2026-11');
    expect(
      wb.records(lang, 'reportDetails').map((r) => [r.salesperson, r.invoiceNumber, r.commission]),
    ).toEqual([
      ['Alice', '7', 100],
      ['Bob', '1', 50],
      ['Bob', '7', 50],
    ]);
  });

  test('invalid agreements are reported with sheet and row and skipped', () => {
    wb.addRecords(lang, 'commissions', [
      { clientCode: 'A', salesperson: 'Carl', commissionType: 'Bonus', ratePct: 10 },
      { clientCode: 'A', salesperson: 'Dana', commissionType: LABELS[lang].sales, ratePct: 150 },
      { clientCode: 'A', salesperson: '', commissionType: LABELS[lang].sales, ratePct: 1 },
      { clientCode: 'ZZZ', salesperson: 'Eve', commissionType: LABELS[lang].sales, ratePct: 1 },
    ]);
    wb.emu.ui.answerNextPrompt('2026-10');
    wb.run('showCommissionReport');
    const names = wb.records(lang, 'report').map((r) => r.salesperson);
    expect(names).toEqual(['Alice', 'Bob']);
    const alert = wb.emu.ui.ofKind('alert').at(-1)!.prompt;
    const sheet = SHEETS.commissions[lang];
    const row = lang === 'fr' ? 'ligne' : 'row';
    for (const n of [5, 6, 7, 8]) expect(alert).toContain(`${sheet}, ${row} ${n},`);
    expect(alert).toContain('ZZZ');
    // the execution log keeps where they are, for runs without a user (triggers), not what the
    // cells hold (Law 25)
    wb.run('computeCommissions', '2026-10');
    const warned = wb.emu.logs.entries.filter((e) => e.level === 'warn').map((e) => e.message);
    for (const n of [5, 6, 7, 8])
      expect(warned.some((m) => m.includes(`${sheet} row ${n} (`))).toBe(true);
    expect(warned.some((m) => m.includes('ZZZ'))).toBe(false);
  });
});
