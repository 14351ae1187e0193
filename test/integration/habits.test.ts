/**
 * Buying habits through the built bundle: the run writes the computed column in one block,
 * the form reads it without reading Invoices, and the "who might want…" search lists buyers.
 * Run `npm run build` first.
 */
import type {} from '../../src/shared/formApi';
import { workbook, type TestWorkbook } from './harness';

function seeded(invoices = 0): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append('Clients', [
    { 'Code client': 'C1', Nom: 'Ferme Bellevue', 'Chargé de compte': 'Sophie' },
    { 'Code client': 'C2', Nom: 'Jardins =Dupuis' },
    { 'Code client': 'C3', Nom: 'Sans factures' },
  ]);
  const rows = [
    {
      'No de facture': 'F-1',
      Date: '2025-03-02',
      'Code client': 'C1',
      'Type de produit': 'Semences',
      Montant: 100,
    },
    {
      'No de facture': 'F-2',
      Date: '2025-03-20',
      'Code client': 'c1',
      'Type de produit': 'Semences',
      Montant: 50,
    },
    {
      'No de facture': 'F-3',
      Date: '2026-03-10',
      'Code client': 'C1',
      'Type de produit': 'Semences',
      Montant: 80,
    },
    {
      'No de facture': 'F-4',
      Date: '2026-04-01',
      'Code client': 'C1',
      'Type de produit': 'Engrais',
      Montant: 40,
    },
    {
      'No de facture': 'F-5',
      Date: '2026-06-01',
      'Code client': 'C2',
      'Type de produit': "'=Outils",
      Montant: 300,
    },
    {
      'No de facture': 'F-6',
      Date: '2026-07-01',
      'Code client': 'C2',
      'Type de produit': 'Semences',
      Montant: 30,
    },
    ...Array.from({ length: invoices }, (_, i) => ({
      'No de facture': `G-${i}`,
      Date: '2026-01-15',
      'Code client': 'C3',
      'Type de produit': 'Pièces',
      Montant: 1,
    })),
  ];
  wb.append('Factures', rows);
  return wb;
}

describe('buying habits run', () => {
  it('writes each client’s habits into the computed column, user text kept as text', () => {
    const wb = seeded();
    wb.run('refreshBuyingHabits');
    const habits = Object.fromEntries(
      wb.rows('Clients').map((r) => [r['Code client'], r['Habitudes calculées']]),
    );
    expect(habits.C1).toBe(
      'Semences (3), Engrais (1) · environ tous les 4 mois · surtout en mars · 4 achats depuis 2025-03-02, dernier le 2026-04-01',
    );
    // A product type starting with "=" stays text: never a formula.
    expect(habits.C2).toMatch(/^=Outils \(1\), Semences \(1\)/);
    const sheet = wb.sheet('Clients');
    const formulas = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
    expect(formulas.flat().every((f) => f === '')).toBe(true);
    expect(habits.C3).toBe('');
    expect(JSON.stringify(wb.emu.toasts.at(-1))).toContain(
      'Habitudes d’achat calculées pour 2 clients.',
    );
  });

  it('rows sorted by hand at any service call of the run: each client keeps its own habits', () => {
    // The column is written by row number (decision 002), so a sort between the read and the write
    // must make the run read again. Every call of a real run is tried, except the write call
    // itself: the documented window (README, "Shared editing").
    const log: string[] = [];
    const probe = seeded();
    const calls = probe.emu.calls;
    const count = calls.count.bind(calls);
    calls.count = (kind: string) => {
      log.push(kind);
      count(kind);
    };
    probe.run('refreshBuyingHabits');
    calls.count = count;
    const expected = Object.fromEntries(
      probe.rows('Clients').map((r) => [r['Code client'], r['Habitudes calculées']]),
    );
    expect(expected.C1).toMatch(/^Semences \(3\)/);
    for (let at = 1; at <= log.length; at++) {
      if (log[at - 1] === 'Range.setValues') continue;
      const wb = seeded();
      wb.emu.at(
        /./,
        () => {
          const exec = wb.emu.execution('ann@example.com');
          try {
            const app = exec.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
            exec.uncounted(() => {
              const sheet = app.getActiveSpreadsheet().getSheetByName('Clients')!;
              const range = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
              // A sort moves cells; re-typing them would turn "=Outils…" into a formula.
              const text = (v: unknown) =>
                typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v;
              range.setValues(
                range
                  .getValues()
                  .reverse()
                  .map((r) => r.map(text)),
              );
            });
          } finally {
            exec.end();
          }
        },
        { occurrence: at },
      );
      wb.run('refreshBuyingHabits');
      const got = Object.fromEntries(
        wb.rows('Clients').map((r) => [r['Code client'], r['Habitudes calculées']]),
      );
      expect([at, log[at - 1], got]).toEqual([at, log[at - 1], expected]);
    }
  });

  it('the form gets the computed habits from their column; a save never writes them', () => {
    const wb = seeded();
    wb.run('refreshBuyingHabits');
    const open = wb.run('formOpen', { code: 'C1' });
    expect(open.record?.computed.computedHabits).toMatch(/^Semences \(3\)/);
    // Saving the form never writes the computed column.
    const record = open.record!;
    const original = structuredClone(record);
    record.computed.computedHabits = 'tampered';
    record.general.city = 'Lévis'; // a real change, so the save does write the row
    const saved = wb.run('formSave', { record, isNew: false, original });
    expect(saved.ok).toBe(true);
    expect(wb.rows('Clients')[0]!['Habitudes calculées']).toMatch(/^Semences \(3\)/);
  });

  it('makes the same number of service calls for 10 and 3,000 invoices', () => {
    const small = seeded(10);
    const large = seeded(3000);
    const a = small.measure(() => small.run('refreshBuyingHabits'));
    const b = large.measure(() => large.run('refreshBuyingHabits'));
    expect(b.calls).toEqual(a.calls);
  });
});

describe('who might want this product type?', () => {
  it('lists buyers of the type, most purchases first, with name and account manager', () => {
    const wb = seeded();
    const r = wb.run('habitsSearch', ' semences ');
    expect(r).toEqual({
      ok: true,
      productType: 'semences',
      buyers: [
        {
          code: 'C1',
          name: 'Ferme Bellevue',
          count: 3,
          total: 230,
          lastDay: '2026-03-10',
          accountManager: 'Sophie',
        },
        {
          code: 'C2',
          name: 'Jardins =Dupuis',
          count: 1,
          total: 30,
          lastDay: '2026-07-01',
          accountManager: '',
        },
      ],
      more: 0,
    });
  });

  it('refuses a blank product type with a message, never throws', () => {
    const wb = seeded();
    expect(wb.run('habitsSearch', '  ')).toEqual({
      ok: false,
      message: 'Indiquez un type de produit (au plus 200 caractères).',
    });
    expect(wb.runUntyped('habitsSearch', { evil: true })).toMatchObject({ ok: false });
  });
});
