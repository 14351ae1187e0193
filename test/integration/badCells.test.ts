/**
 * Bad cells said, not skipped (decision 021), through the built bundle: each kind of value
 * the rules read that cannot be read names its cell (sheet, column, client code or invoice
 * number) and what is expected, in the workbook language: in the client's Watch reasons for
 * its Terms row, in the run's problems for agreements and invoices, and next to the field in
 * the form. Run `npm run build` first.
 */
import type { FieldError } from '../../src/shared/formApi';
import { workbook, type TestWorkbook } from './harness';

function seeded(locale: 'fr_CA' | 'en_US' = 'fr_CA'): TestWorkbook {
  const wb = workbook({ locale });
  wb.addRecords(locale === 'fr_CA' ? 'fr' : 'en', 'clients', [
    { code: 'C1', name: 'Ferme Bellevue' },
    { code: 'C2', name: 'Ferme Dupuis' },
  ]);
  return wb;
}

/** The client's Watch reasons as written. */
function reasons(wb: TestWorkbook, code: string): string {
  const header = wb.header('Clients').includes('Motifs de surveillance')
    ? ['Code client', 'Motifs de surveillance']
    : ['Client code', 'Watch reasons'];
  const row = wb.rows('Clients').find((r) => r[header[0]!] === code)!;
  return String(row[header[1]!]);
}

/** The problem lines of the last alert. */
function alertText(wb: TestWorkbook): string {
  return wb.emu.ui.ofKind('alert').at(-1)?.prompt ?? '';
}

function formProblems(wb: TestWorkbook, code: string): FieldError[] {
  const r = wb.run('formLoad', code);
  if (!('record' in r)) throw new Error(r.error);
  return r.problems;
}

describe('an unreadable Terms cell is a Watch reason naming it, and shown by the form', () => {
  test.each([
    [
      'credit limit',
      'Limite de crédit',
      'beaucoup',
      'terms.creditLimit',
      'Termes, Limite de crédit illisible (client C1) : Montant attendu, reçu « beaucoup »',
    ],
    [
      'term',
      'Terme (jours)',
      'net 30',
      'terms.termDays',
      'Termes, Terme (jours) illisible (client C1) : Nombre de jours entier attendu, reçu « net 30 »',
    ],
    [
      'discount',
      'Rabais (%)',
      '12 %%',
      'terms.discountPct',
      'Termes, Rabais (%) illisible (client C1) : Pourcentage entre 0 et 100 attendu, reçu « 12 %% »',
    ],
  ])('%s', (_kind, header, typed, path, said) => {
    const wb = seeded();
    wb.append('Termes', [{ 'Code client': 'C1', [header]: typed }]);
    wb.run('refreshWatchList');
    expect(reasons(wb, 'C1')).toBe(said);
    expect(wb.rows('Clients')[0]!['Sous surveillance']).toBe(true);
    expect(reasons(wb, 'C2')).toBe('');
    // The cell stays as typed; the form says it next to the field.
    expect(wb.rows('Termes')[0]![header]).toBe(typed);
    const problems = formProblems(wb, 'C1');
    expect(problems).toEqual([{ path, message: expect.stringContaining(`« ${typed} »`) }]);
    expect(problems[0]!.message).toMatch(/^Illisible dans la feuille \(gardé tel quel\) : /);
    // Fixed by hand: the edit trigger clears the reason.
    wb.setCell('Termes', 2, header, 10);
    wb.emu.fireEdit({ range: { sheet: 'Termes', a1: 'A2' } });
    wb.run('refreshWatchList');
    expect(reasons(wb, 'C1')).toBe('');
  });

  test('in English too', () => {
    const wb = seeded('en_US');
    wb.append('Terms', [{ 'Client code': 'C2', 'Credit limit': 'lots' }]);
    wb.run('refreshWatchList');
    expect(reasons(wb, 'C2')).toBe(
      'Terms, Credit limit unreadable (client C2): Amount expected, got "lots"',
    );
  });

  test('a hand-typed last invoice date the form cannot read is said next to it', () => {
    const wb = seeded();
    wb.append('Termes', [{ 'Code client': 'C2', 'Date de la dernière facture': 'hier' }]);
    expect(formProblems(wb, 'C2')).toEqual([
      { path: 'terms.lastInvoiceDate', message: expect.stringMatching(/Date attendue.*« hier »/) },
    ]);
  });
});

describe('unreadable invoices and agreements are the run’s problems, naming the row', () => {
  test('an invoice date and an amount: the invoice number and what is expected', () => {
    const wb = seeded();
    wb.append('Factures', [
      { 'No de facture': 'F-1', Date: 'pas une date', 'Code client': 'C1', Montant: 10 },
      { 'No de facture': 'F-2', Date: '2026-11-01', 'Code client': 'C2', Montant: 'beaucoup' },
    ]);
    wb.run('refreshWatchList');
    const text = alertText(wb);
    expect(text).toContain(
      'Factures, ligne 2, Date : Date attendue (AAAA-MM-JJ ou JJ/MM/AAAA), reçu « pas une date » (facture F-1)',
    );
    expect(text).toContain(
      'Factures, ligne 3, Montant : Montant attendu, reçu « beaucoup » (facture F-2)',
    );
  });

  test('an invoice or a payment missing a required cell: skipped, the row and the cells named', () => {
    const wb = seeded();
    wb.append('Factures', [
      { 'No de facture': 'F-3', Date: '2026-11-01', 'Code client': 'C1' },
      { 'No de facture': '', Date: '2026-11-02', 'Code client': '', Montant: 5 },
    ]);
    wb.append('Encaissements', [{ Date: '2026-11-03', 'No de facture': 'F-3', Montant: 5 }]);
    wb.run('refreshWatchList');
    const text = alertText(wb);
    expect(text).toContain(
      'Factures, ligne 2, Montant : Facture incomplète : ligne ignorée (facture F-3)',
    );
    expect(text).toMatch(
      /^Factures, ligne 3, No de facture, Code client : Facture incomplète : ligne ignorée$/m,
    );
    expect(text).toContain(
      'Encaissements, ligne 2, Code client : Paiement incomplet : ligne ignorée',
    );
  });

  test('an amount too large to count (1.8e306) is said, not a crash', () => {
    const wb = seeded();
    wb.append('Factures', [
      { 'No de facture': 'F-9', Date: '2026-10-01', 'Code client': 'C1', Montant: 1.8e306 },
      { 'No de facture': 'F-10', Date: '2026-10-01', 'Code client': 'C1', Montant: 1.8e306 },
    ]);
    wb.run('refreshWatchList');
    expect(alertText(wb)).toMatch(
      /Factures, ligne 2, Montant : Montant d’au plus 1 000 000 000 000 attendu, reçu « .+ » \(facture F-9\)/,
    );
    expect(() => wb.run('computeCommissions', '2026-10')).not.toThrow();
  });

  test('a rate: the commission run names the agreement’s client; the form shows it', () => {
    const wb = seeded();
    wb.append('Listes', [{ Vendeurs: 'Julie' }]);
    wb.append('Commissions', [
      {
        'Code client': 'C2',
        Vendeur: 'Julie',
        'Type de commission': 'Ventes',
        'Taux (%)': '12 %%',
      },
    ]);
    wb.emu.ui.answerNextPrompt('2026-10');
    wb.run('showCommissionReport');
    expect(alertText(wb)).toMatch(/^Commissions, ligne 2, Taux \(%\) : .+ \(client C2\)$/m);
    expect(formProblems(wb, 'C2')).toEqual([
      {
        path: 'salespeople.0.ratePct',
        message: expect.stringContaining('Pourcentage entre 0 et 100 attendu, reçu « 12 %% »'),
      },
    ]);
  });
});
