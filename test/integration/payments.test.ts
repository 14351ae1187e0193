/**
 * Decision 020 through the built bundle: the Payments sheet (optional), balances net of partial
 * payments, Last payment and the aging columns, payments matching no invoice listed in the
 * workbook's language, edits of Payments recomputing their client, and Payments commissions
 * and agreements' dates. "Today" is 2026-11-15 in Toronto.
 */
import { workbook, SHEETS, type TestWorkbook } from './harness';

type Lang = 'fr' | 'en';

const headerOf = (sheet: keyof typeof SHEETS, key: string, lang: Lang) =>
  (SHEETS[sheet].columns as readonly { key: string; fr: string; en: string }[]).find(
    (c) => c.key === key,
  )![lang];

/** The Terms row of a client, by contract key. */
function termsOf(wb: TestWorkbook, lang: Lang, code: string): Record<string, unknown> {
  return wb.records(lang, 'terms').find((r) => r.clientCode === code)!;
}

const dayOf = (v: unknown) =>
  v instanceof Date ? v.toLocaleDateString('en-CA', { timeZone: 'America/Toronto' }) : v;

function lastAlert(wb: TestWorkbook): string {
  return wb.emu.ui.ofKind('alert').at(-1)?.prompt ?? '';
}

/** Client A: one 1,000 $ invoice 45 days past due, partly paid; B: paid off by payments. */
function seeded(lang: Lang): TestWorkbook {
  const wb = workbook({ locale: lang === 'fr' ? 'fr_CA' : 'en_US' });
  wb.addRecords(lang, 'clients', [
    { code: 'A', name: 'Alpha' },
    { code: 'B', name: 'Bêta' },
  ]);
  wb.addRecords(lang, 'terms', [
    { clientCode: 'A', creditLimit: 500 },
    { clientCode: 'B', creditLimit: 500 },
  ]);
  wb.addRecords(lang, 'invoices', [
    { number: 'F-1', date: '2026-09-01', clientCode: 'A', amount: 1000, dueDate: '2026-10-01' },
    { number: 'F-2', date: '2026-11-10', clientCode: 'A', amount: 50 },
    { number: 'F-3', date: '2026-09-01', clientCode: 'B', amount: 300, dueDate: '2026-10-01' },
  ]);
  wb.addRecords(lang, 'payments', [
    { date: '2026-10-20', invoiceNumber: 'F-1', clientCode: 'A', amount: 600, reference: 'Chq 12' },
    { date: '2026-10-02', invoiceNumber: 'F-3', clientCode: 'B', amount: 100 },
    { date: '2026-10-30', invoiceNumber: 'F-3', clientCode: 'B', amount: 200 },
    // Matches no invoice of its client: listed, never applied.
    { date: '2026-11-01', invoiceNumber: 'F-3', clientCode: 'A', amount: 999 },
    { date: '2026-11-02', invoiceNumber: 'F-404', clientCode: 'A', amount: 5 },
  ]);
  return wb;
}

describe.each(['en', 'fr'] as const)('payments (%s workbook)', (lang) => {
  test('Set up creates the Payments sheet and the Terms history columns, headers as the contract says', () => {
    const wb = workbook({ locale: lang === 'fr' ? 'fr_CA' : 'en_US' });
    expect(wb.header(SHEETS.payments[lang])).toEqual(SHEETS.payments.columns.map((c) => c[lang]));
    expect(wb.header(SHEETS.terms[lang])).toEqual(
      expect.arrayContaining(
        ['lastPaymentDate', 'agingCurrent', 'aging30', 'aging60', 'aging90', 'agingOver90'].map(
          (k) => headerOf('terms', k, lang),
        ),
      ),
    );
  });

  test('balance due net of partial payments, last payment, aging; unmatched payments listed', () => {
    const wb = seeded(lang);
    wb.run('refreshWatchList');
    const a = termsOf(wb, lang, 'A');
    expect(a.balanceDue).toBe(450);
    expect(dayOf(a.lastPaymentDate)).toBe('2026-10-20');
    expect([a.agingCurrent, a.aging30, a.aging60, a.aging90, a.agingOver90]).toEqual([
      50, 0, 400, 0, 0,
    ]);
    const b = termsOf(wb, lang, 'B');
    expect(b.balanceDue).toBe(0);
    expect(dayOf(b.lastPaymentDate)).toBe('2026-10-30');
    expect(dayOf(b.lastUnpaidInvoiceDate)).toBe('');
    const clients = Object.fromEntries(wb.records(lang, 'clients').map((r) => [r.code, r]));
    // A: overdue for what is left, and 450 $ is under its 500 $ limit.
    expect(clients.A!.watched).toBe(true);
    expect(clients.A!.watchReasons).toBe(
      lang === 'fr'
        ? 'Facture F-1 en retard de 45 jours (échéance 2026-10-01)'
        : 'Invoice F-1 overdue by 45 days (due 2026-10-01)',
    );
    expect(clients.B!.watched).toBe(false);
    const alert = lastAlert(wb);
    if (lang === 'fr') {
      expect(alert).toContain(
        'Paiement de A sur la facture F-3, qui est au client B : non appliqué',
      );
      expect(alert).toContain("Paiement sur la facture F-404, qui n'existe pas : non appliqué");
      expect(alert).toContain('Encaissements');
    } else {
      expect(alert).toContain("Payment from A on invoice F-3, which is client B's: not applied");
      expect(alert).toContain('Payment on invoice F-404, which does not exist: not applied');
    }
  });

  test('an edit of Payments recomputes its client', () => {
    const wb = seeded(lang);
    wb.run('refreshWatchList');
    wb.addRecords(lang, 'payments', [
      { date: '2026-11-14', invoiceNumber: 'F-1', clientCode: 'A', amount: 400 },
    ]);
    const row = wb.sheet(SHEETS.payments[lang]).getLastRow();
    wb.emu.fireEdit({ range: { sheet: SHEETS.payments[lang], a1: `A${row}:E${row}` } });
    const a = termsOf(wb, lang, 'A');
    expect(a.balanceDue).toBe(50);
    expect(dayOf(a.lastPaymentDate)).toBe('2026-11-14');
    expect(a.aging60).toBe(0);
    expect(wb.records(lang, 'clients').find((r) => r.code === 'A')!.watched).toBe(false);
  });
});

describe('a workbook set up before payments', () => {
  test('without the Payments sheet and the new Terms columns, the refresh works as before', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.spreadsheet.deleteSheet(wb.sheet('Payments'));
    const terms = wb.sheet('Terms');
    for (const h of [
      'Over 90 days',
      '61–90 days',
      '31–60 days',
      '1–30 days',
      'Current',
      'Last payment',
    ])
      terms.deleteColumn(wb.header('Terms').indexOf(h) + 1);
    wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
    wb.addRecords('en', 'invoices', [
      { number: 'F-1', date: '2026-09-01', clientCode: 'A', amount: 1000, dueDate: '2026-10-01' },
      { number: 'F-2', date: '2026-09-01', clientCode: 'A', amount: 70, paidDate: '2026-10-05' },
    ]);
    wb.addRecords('en', 'terms', [{ clientCode: 'A' }]);
    wb.run('refreshWatchList');
    expect(wb.emu.ui.ofKind('alert')).toEqual([]);
    expect(termsOf(wb, 'en', 'A').balanceDue).toBe(1000);
    expect(wb.records('en', 'clients')[0]!.watched).toBe(true);
    wb.run('computeCommissions', '2026-10');
    // Set up adds the sheet and the columns back; the team's data stays.
    wb.run('setupWorkbook');
    expect(wb.header('Payments')).toEqual(SHEETS.payments.columns.map((c) => c.en));
    expect(wb.header('Terms')).toContain('Over 90 days');
    wb.run('refreshWatchList');
    expect(termsOf(wb, 'en', 'A')).toMatchObject({ balanceDue: 1000, agingOver90: 0, aging30: 0 });
    expect(dayOf(termsOf(wb, 'en', 'A').lastPaymentDate)).toBe('2026-10-05');
    expect(termsOf(wb, 'en', 'A').aging60).toBe(1000);
  });
});

describe('Payments commissions and agreements with dates', () => {
  test('earn on the payments of the month, within From / To', () => {
    const wb = seeded('en');
    wb.addRecords('en', 'lists', [{ salespeople: 'Sophie' }, { salespeople: 'Luc' }]);
    wb.addRecords('en', 'commissions', [
      { clientCode: 'A', salesperson: 'Sophie', commissionType: 'Payments', ratePct: 10 },
      { clientCode: 'B', salesperson: 'Sophie', commissionType: 'Payments', ratePct: 10 },
      // Ended on October 15: B's payment of the 30th is not his.
      {
        clientCode: 'B',
        salesperson: 'Luc',
        commissionType: 'Payments',
        ratePct: 5,
        endDate: '2026-10-15',
      },
    ]);
    wb.run('computeCommissions', '2026-10');
    const details = wb
      .records('en', 'reportDetails')
      .map((r) => [r.salesperson, r.invoiceNumber, r.base, r.commission]);
    expect(details).toEqual([
      ['Luc', 'F-3', 100, 5],
      ['Sophie', 'F-1', 600, 60],
      ['Sophie', 'F-3', 100, 10],
      ['Sophie', 'F-3', 200, 20],
    ]);
    const report = wb.records('en', 'report').map((r) => [r.salesperson, r.commission]);
    expect(report).toEqual([
      ['Luc', 5],
      ['Sophie', 90],
    ]);
  });
});

describe('Law 25 on payments', () => {
  test('anonymizing a client keeps its payments’ amounts and dates, blanks their reference and keeps its Terms history', () => {
    const wb = seeded('fr');
    wb.run('refreshWatchList');
    wb.emu.ui.answerNextPrompt('A');
    wb.emu.ui.answerNextPrompt('A'); // the code typed to confirm
    wb.run('anonymizeClient');
    const payments = wb.records('fr', 'payments').filter((p) => p.clientCode === 'A');
    expect(payments.map((p) => [p.invoiceNumber, p.amount, p.reference])).toEqual([
      ['F-1', 600, ''],
      ['F-3', 999, ''],
      ['F-404', 5, ''],
    ]);
    // Other clients' payments are not touched.
    expect(wb.records('fr', 'payments').filter((p) => p.clientCode === 'B')).toHaveLength(2);
    expect(termsOf(wb, 'fr', 'A')).toMatchObject({
      balanceDue: 450,
      aging60: 400,
      agingCurrent: 50,
    });
    expect(dayOf(termsOf(wb, 'fr', 'A').lastPaymentDate)).toBe('2026-10-20');
  });
});
