/**
 * Decision 020, settled months, through the bundle: ticking Paid out settles a report row (its
 * Amount paid out recorded, the row and its lines never rewritten); a later difference in a
 * settled month is posted once, as adjustment lines in the month computed, with its origin.
 */
import { buildSample } from '../../preview/sample';
import { workbook, type TestWorkbook } from './harness';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'en_US', now: '2026-12-15T12:00:00-05:00' });
  wb.addRecords('en', 'lists', [{ salespeople: 'Sophie Gagnon' }]);
  wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords('en', 'commissions', [
    { clientCode: 'A', salesperson: 'Sophie Gagnon', commissionType: 'Sales', ratePct: 10 },
  ]);
  wb.addRecords('en', 'invoices', [
    { number: 'F-1', date: '2026-09-10', clientCode: 'A', amount: 2000 },
    { number: 'F-2', date: '2026-09-20', clientCode: 'A', amount: 450.2 },
    { number: 'F-3', date: '2026-10-05', clientCode: 'A', amount: 100 },
  ]);
  return wb;
}

const report = (wb: TestWorkbook) =>
  wb
    .records('en', 'report')
    .map((r) => [r.month, r.commission, r.paidOut, r.adjustments, r.amountPaidOut]);
const details = (wb: TestWorkbook, month: string) =>
  wb
    .records('en', 'reportDetails')
    .filter((r) => r.month === month)
    .map((r) => [r.invoiceNumber, r.commissionType, r.commission, r.originMonth]);

test('a settled month never changes; its difference is posted once in the month computed', () => {
  const wb = seeded();
  wb.run('computeCommissions', '2026-09');
  expect(report(wb)).toEqual([['2026-09', 245.02, false, 0, '']]);
  // Sophie is paid 245.02 $: the team ticks Paid out.
  wb.setCell('Commission report', 2, 'Paid out', true);
  wb.run('computeCommissions', '2026-10');
  expect(report(wb)).toEqual([
    ['2026-09', 245.02, true, 0, 245.02],
    ['2026-10', 10, false, 0, ''],
  ]);

  // An invoice of September corrected afterwards: September stays as paid.
  wb.setCell('Invoices', 2, 'Amount', 2254.1);
  wb.run('computeCommissions', '2026-09');
  expect(report(wb)[0]).toEqual(['2026-09', 245.02, true, 0, 245.02]);
  expect(details(wb, '2026-09')).toEqual([
    ['F-1', 'Sales', 200, ''],
    ['F-2', 'Sales', 45.02, ''],
  ]);

  // October carries the 25.41 $ owed, with its origin.
  wb.run('computeCommissions', '2026-10');
  expect(details(wb, '2026-10')).toEqual([
    ['F-3', 'Sales', 10, ''],
    ['F-1', 'Adjustment', 25.41, '2026-09'],
  ]);
  expect(report(wb)[1]).toEqual(['2026-10', 35.41, false, 25.41, '']);

  // Posted once: October again, then November, add nothing.
  wb.run('computeCommissions', '2026-10');
  expect(details(wb, '2026-10')).toHaveLength(2);
  wb.run('computeCommissions', '2026-11');
  expect(details(wb, '2026-11')).toEqual([]);
  expect(wb.records('en', 'report').filter((r) => r.month === '2026-11')).toEqual([]);

  // Another correction once October is paid out too: posted in November, against September.
  wb.setCell('Commission report', 3, 'Paid out', true);
  wb.setCell('Invoices', 3, 'Amount', 0);
  wb.run('computeCommissions', '2026-11');
  expect(details(wb, '2026-11')).toEqual([['F-2', 'Adjustment', -45.02, '2026-09']]);
  expect(report(wb)[1]).toEqual(['2026-10', 35.41, true, 25.41, 35.41]);
});

test('a settled month whose lines were deleted by hand is not compared, and the team is told', () => {
  const wb = seeded();
  wb.run('computeCommissions', '2026-09');
  wb.setCell('Commission report', 2, 'Paid out', true);
  wb.sheet('Commission details').deleteRow(3); // F-2's line of September
  wb.emu.ui.answerNextPrompt('2026-10');
  wb.run('showCommissionReport');
  expect(details(wb, '2026-10')).toEqual([['F-3', 'Sales', 10, '']]);
  expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toContain(
    'The lines of Sophie Gagnon for 2026-09 (paid out) no longer add up to the commission paid',
  );
});

test('the sample shows a settled month corrected afterwards', () => {
  const emu = buildSample({ lang: 'fr', today: '2026-11-15' });
  const [header = [], ...rows] = emu.spreadsheet.values('Détail des commissions');
  const at = (h: string) => header.indexOf(h);
  const adjustments = rows.filter((r) => r[at('Type de commission')] === 'Ajustement');
  expect(adjustments.length).toBeGreaterThan(0);
  for (const r of adjustments) {
    expect([r[at('Mois')], r[at("Mois d'origine")]]).toEqual(['2026-10', '2026-09']);
    expect(r[at('Commission')]).toBeLessThan(0); // a credit note typed after September was paid
  }
  const [reportHeader = [], ...report] = emu.spreadsheet.values('Rapport des commissions');
  const september = report.filter((r) => r[reportHeader.indexOf('Mois')] === '2026-09');
  expect(september.length).toBeGreaterThan(0);
  for (const r of september) {
    expect(r[reportHeader.indexOf('Payée')]).toBe(true);
    expect(r[reportHeader.indexOf('Montant versé')]).toBe(r[reportHeader.indexOf('Commission')]);
  }
});
