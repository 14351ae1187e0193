/**
 * Commission months through the built bundle (decision 015): recomputing a month, Paid out ticks,
 * paid-out months whose totals change (trigger vs menu), malformed months, and the monthly trigger.
 */
import { workbook, type TestWorkbook } from './harness';

function setUp(): TestWorkbook {
  // Near the month's end: the tests that reach the monthly job on 1 December fire the hourly
  // trigger 60 times rather than 400 (each run evaluates the bundle).
  const wb = workbook({ locale: 'en_US', now: '2026-11-29T12:00:00-05:00' });
  wb.append('Clients', [{ 'Client code': 'A', Name: 'Alpha' }]);
  wb.append('Commissions', [
    { 'Client code': 'A', Salesperson: 'Alice', 'Commission type': 'Sales', 'Rate (%)': 10 },
    { 'Client code': 'A', Salesperson: 'Bob', 'Commission type': 'Sales', 'Rate (%)': 5 },
  ]);
  wb.append('Invoices', [
    { 'Invoice no.': '1', Date: '2026-09-10', 'Client code': 'A', Amount: 100 },
    { 'Invoice no.': '2', Date: '2026-10-10', 'Client code': 'A', Amount: 1000 },
    { 'Invoice no.': '3', Date: '2026-10-20', 'Client code': 'A', Amount: 500 },
  ]);
  return wb;
}

const report = (wb: TestWorkbook) =>
  wb.rows('Commission report').map((r) => [r.Month, r.Salesperson, r.Commission, r['Paid out']]);

/** Ticks Paid out on the report row of a month and salesperson. */
function tick(wb: TestWorkbook, month: string, salesperson: string) {
  const i = wb
    .rows('Commission report')
    .findIndex((r) => r.Month === month && r.Salesperson === salesperson);
  expect(i).toBeGreaterThanOrEqual(0);
  wb.setCell('Commission report', i + 2, 'Paid out', true);
}

test('recomputing replaces exactly that month, keeps Paid out ticks and other months', () => {
  const wb = setUp();
  wb.run('computeCommissions', '2026-09');
  wb.run('computeCommissions', '2026-10');
  tick(wb, '2026-09', 'Alice');
  tick(wb, '2026-10', 'Bob');
  wb.run('computeCommissions', '2026-10');
  wb.run('computeCommissions', '2026-10');
  expect(report(wb)).toEqual([
    ['2026-09', 'Alice', 10, true],
    ['2026-09', 'Bob', 5, false],
    ['2026-10', 'Alice', 150, false],
    ['2026-10', 'Bob', 75, true],
  ]);
  expect(wb.rows('Commission details').map((r) => [r.Month, r['Invoice no.']])).toEqual([
    ['2026-09', '1'],
    ['2026-09', '1'],
    ['2026-10', '2'],
    ['2026-10', '3'],
    ['2026-10', '2'],
    ['2026-10', '3'],
  ]);
});

test('a settled (paid-out) row is never rewritten; its difference goes to the next month computed, once', () => {
  const wb = setUp();
  wb.run('computeCommissions', '2026-10');
  tick(wb, '2026-10', 'Bob');
  wb.append('Invoices', [
    { 'Invoice no.': '4', Date: '2026-10-25', 'Client code': 'A', Amount: 2000 },
  ]);
  const bobLines = () =>
    wb.rows('Commission details').filter((r) => r.Month === '2026-10' && r.Salesperson === 'Bob');
  const before = bobLines();
  wb.run('computeCommissions', '2026-10');
  // Alice's row is not settled: recomputed. Bob's row and lines stay as paid.
  expect(report(wb)).toEqual([
    ['2026-10', 'Alice', 350, false],
    ['2026-10', 'Bob', 75, true],
  ]);
  expect(bobLines()).toEqual(before);
  expect(wb.rows('Commission report')[1]!['Amount paid out']).toBe(75);

  // The monthly trigger on 1 December computes November: Bob's 100 $ owed on invoice 4 of
  // October is posted there, with its origin, and October stays as it is.
  wb.emu.advanceTo('2026-12-01T12:00:00-05:00');
  expect(report(wb)).toEqual([
    ['2026-10', 'Alice', 350, false],
    ['2026-10', 'Bob', 75, true],
    ['2026-11', 'Bob', 100, false],
  ]);
  expect(
    wb
      .rows('Commission details')
      .filter((r) => r.Month === '2026-11')
      .map((r) => [
        r.Salesperson,
        r['Invoice no.'],
        r['Commission type'],
        r.Commission,
        r['Month of origin'],
      ]),
  ).toEqual([['Bob', '4', 'Adjustment', 100, '2026-10']]);
});

test('from the menu nothing is asked: a settled row stays, the others are recomputed', () => {
  const wb = setUp();
  wb.run('computeCommissions', '2026-10');
  tick(wb, '2026-10', 'Bob');
  wb.append('Invoices', [
    { 'Invoice no.': '4', Date: '2026-10-25', 'Client code': 'A', Amount: 2000 },
  ]);

  wb.emu.ui.answerNextPrompt('2026-10');
  wb.run('showCommissionReport');
  expect(wb.emu.ui.ofKind('alert')).toEqual([]);
  expect(report(wb)).toEqual([
    ['2026-10', 'Alice', 350, false],
    ['2026-10', 'Bob', 75, true],
  ]);
  // What the report says: Bob's row as paid.
  expect(wb.emu.toasts.at(-1)!.message).toBe('Commissions for 2026-10: 2 salespeople, $425.00.');
});

test('the menu prompt defaults to the previous month; Cancel does nothing', () => {
  const wb = setUp();
  wb.emu.ui.answerNextPrompt('', 'CANCEL');
  wb.run('showCommissionReport');
  expect(report(wb)).toEqual([]);
  wb.emu.ui.answerNextPrompt('');
  wb.run('showCommissionReport');
  expect(wb.emu.ui.ofKind('prompt').at(-1)!.prompt).toContain('2026-10');
  expect(report(wb)).toEqual([
    ['2026-10', 'Alice', 150, false],
    ['2026-10', 'Bob', 75, false],
  ]);
  expect(wb.spreadsheet.getActiveSheet().getName()).toBe('Commission report');
});

describe('a malformed month throws an Error naming it and writes nothing', () => {
  test.each(['2026-13', 'octobre', 202610, '2026-1', '2026-00', '26-10', '2026-10-01'])(
    '%p',
    (month) => {
      const wb = setUp();
      wb.run('computeCommissions', '2026-09');
      const before = ['Commission report', 'Commission details'].map((s) =>
        wb.emu.spreadsheet.values(s),
      );
      expect(() => wb.runUntyped('computeCommissions', month)).toThrow(
        `Invalid month: "${month}". Use the YYYY-MM format, for example 2026-10.`,
      );
      expect(
        ['Commission report', 'Commission details'].map((s) => wb.emu.spreadsheet.values(s)),
      ).toEqual(before);
    },
  );

  test('from the menu, in French, the error is shown', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.emu.ui.answerNextPrompt('octobre');
    wb.run('showCommissionReport');
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toBe(
      'Mois invalide : « octobre ». Utilisez le format AAAA-MM, par exemple 2026-10.',
    );
    expect(wb.rows('Rapport des commissions')).toEqual([]);
  });
});

test('the monthly job on day 1 computes the previous month (Toronto time)', () => {
  const wb = setUp();
  wb.append('Invoices', [
    { 'Invoice no.': '5', Date: '2026-11-30', 'Client code': 'A', Amount: 300 },
  ]);
  wb.emu.advanceTo('2026-12-01T04:30:00-05:00');
  expect(report(wb)).toEqual([]);
  // The hourly trigger's 05:00 run.
  const outcomes = wb.emu.advanceTo('2026-12-01T05:30:00-05:00');
  expect(outcomes.map((o) => [o.handler, o.error])).toEqual([['onHourlyTrigger', undefined]]);
  expect(report(wb)).toEqual([
    ['2026-11', 'Alice', 30, false],
    ['2026-11', 'Bob', 15, false],
  ]);
});
