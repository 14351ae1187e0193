/**
 * The commission run's budget: computeCommissions and the monthly trigger make the same number of
 * service calls (Utilities and MailApp included) for 20 clients as for 2,000, statements on.
 */
import { TestWorkbook, workbook } from './harness';

function filled(clients: number): TestWorkbook {
  // The last day of November: the hourly runs until the monthly job are one day's, not a
  // fortnight's of daily refreshes over 2,000 clients (what is measured is the monthly run).
  const wb = workbook({ locale: 'fr_CA', now: '2026-11-30T12:00:00-05:00' });
  const current = wb.run('settingsLoad');
  wb.run('settingsSave', { ...current, sendStatements: true });
  wb.append('Listes', [
    { Vendeurs: 'Alice', 'Courriels des vendeurs': 'alice@example.com' },
    { Vendeurs: 'Bob', 'Courriels des vendeurs': 'bob@example.com' },
  ]);
  const codes = Array.from({ length: clients }, (_, i) => `C${String(i).padStart(5, '0')}`);
  wb.append(
    'Clients',
    codes.map((code) => ({ 'Code client': code, Nom: code })),
  );
  const types = ['Ventes', 'Encaissements', 'Marge'];
  wb.append(
    'Commissions',
    codes.map((code, i) => ({
      'Code client': code,
      Vendeur: i % 2 ? 'Alice' : 'Bob',
      'Type de commission': types[i % 3],
      'Taux (%)': 5,
    })),
  );
  wb.append(
    'Factures',
    codes.flatMap((code, i) => [
      {
        'No de facture': `${code}-1`,
        Date: '2026-10-03',
        'Code client': code,
        Montant: 100,
        Coût: 60,
      },
      {
        'No de facture': `${code}-2`,
        Date: '2026-09-28',
        'Code client': code,
        Montant: '1 234,56',
        Coût: 1000,
        'Payée le': i % 2 ? '2026-10-04' : '',
      },
    ]),
  );
  return wb;
}

function costs(clients: number) {
  const wb = filled(clients);
  const first = wb.measure(() => wb.run('computeCommissions', '2026-10'));
  const again = wb.measure(() => wb.run('computeCommissions', '2026-10'));
  wb.emu.advanceTo('2026-12-01T04:30:00-05:00'); // the daily jobs until then
  // The hourly run of 05:00 on 1 December: the monthly job, not yet the daily one (06:00)
  const monthly = wb.measure(() => wb.emu.advanceTo('2026-12-01T05:30:00-05:00'));
  expect(monthly.result.map((o) => [o.handler, o.error])).toEqual([['onHourlyTrigger', undefined]]);
  const jobs = JSON.parse(wb.emu.properties.document.toJSON()['ficheClient.jobs']!) as {
    commissions: { done: string; outcome: { ok: boolean } };
  };
  expect([jobs.commissions.done, jobs.commissions.outcome.ok]).toEqual(['2026-11', true]);
  return { wb, first, again, monthly };
}

test('computeCommissions and the monthly trigger: the same calls for 20 and 2,000 clients', () => {
  const small = costs(20);
  const large = costs(2000);
  // Growing a full sheet is one insertRowsAfter per written sheet at most, whatever the size;
  // a statement longer than the message can carry goes as an attachment, one Blob per
  // salesperson (two here): the only calls allowed to differ.
  const grown = (calls: Record<string, number>) => {
    const { 'Sheet.insertRowsAfter': inserts = 0, 'Utilities.newBlob': blobs = 0, ...rest } = calls;
    expect(inserts).toBeLessThanOrEqual(2);
    expect(blobs).toBeLessThanOrEqual(2);
    return rest;
  };
  for (const k of ['first', 'again', 'monthly'] as const) {
    expect([k, grown(large[k].calls)]).toEqual([k, grown(small[k].calls)]);
    expect(large[k].total).toBeLessThan(60);
  }
  expect(large.wb.emu.mails).toHaveLength(small.wb.emu.mails.length);
  expect(large.wb.rows('Détail des commissions').length).toBeGreaterThan(1500);
  // No call per client: Utilities only builds the two attachments.
  expect(Object.keys(large.first.calls).filter((k) => k.startsWith('Utilities'))).toEqual([
    'Utilities.newBlob',
  ]);
  expect(large.wb.emu.mails.every((m) => m.attachments.length === 1)).toBe(true);
  expect(small.wb.emu.mails.every((m) => m.attachments.length === 0)).toBe(true);
}, 60_000);
