/**
 * The watch refresh writes whole computed columns; the last invoice dates of a client without
 * invoices are typed by hand in the same columns and must come back exactly as they are at
 * write time: text stays text, a formula stays a formula.
 */
import { workbook } from './harness';

test('hand-typed cells sharing a computed column are written back as they are', () => {
  const wb = workbook({ locale: 'fr_CA' });
  wb.addRecords('fr', 'clients', [
    { code: 'A', name: 'Alpha' },
    { code: 'B', name: 'Bêta' },
    { code: 'C', name: 'Gamma' },
  ]);
  wb.addRecords('fr', 'terms', [{ clientCode: 'A' }, { clientCode: 'B' }, { clientCode: 'C' }]);
  wb.addRecords('fr', 'invoices', [
    { number: 'F-1', date: '2026-10-01', clientCode: 'C', amount: 10 },
  ]);
  const terms = wb.sheet('Termes');
  const column = wb.header('Termes').indexOf('Date de la dernière facture') + 1;
  terms.getRange(2, column).setValue("'=1+1"); // text that looks like a formula
  terms.getRange(3, column).setFormula('=DATE(2026;1;5)');
  wb.run('refreshWatchList');
  const ss = wb.emu.spreadsheet;
  const letter = String.fromCharCode(64 + column);
  expect(ss.cell('Termes', `${letter}2`)).toMatchObject({ value: '=1+1', formula: '' });
  expect(ss.cell('Termes', `${letter}3`).formula).toBe('=DATE(2026;1;5)');
  // The client with invoices gets its computed date.
  expect(wb.records('fr', 'terms')[2]!.lastInvoiceDate).toBeInstanceOf(Date);
});
