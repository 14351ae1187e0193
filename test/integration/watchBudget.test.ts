/**
 * The watch list's budget: refreshWatchList, the edit trigger and the daily trigger make the same
 * number of service calls (Utilities and MailApp included) for 20 clients as for 2,000.
 */
import { TestWorkbook, workbook } from './harness';

function filled(clients: number): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
  wb.append('Listes', [
    { 'Chargés de compte': 'Marie', 'Courriels des chargés de compte': 'marie@example.com' },
    { 'Chargés de compte': 'Paul', 'Courriels des chargés de compte': 'paul@example.com' },
  ]);
  const codes = Array.from({ length: clients }, (_, i) => `C${String(i).padStart(5, '0')}`);
  wb.append(
    'Clients',
    codes.map((code, i) => ({
      'Code client': code,
      Nom: `Client ${i}`,
      'Chargé de compte': i % 2 ? 'Marie' : 'Paul',
    })),
  );
  wb.append(
    'Termes',
    codes.map((code, i) => ({ 'Code client': code, 'Limite de crédit': i % 3 ? 5000 : '' })),
  );
  wb.append(
    'Factures',
    codes.flatMap((code, i) => [
      { 'No de facture': `${code}-1`, Date: '2026-11-01', 'Code client': code, Montant: 100 },
      {
        'No de facture': `${code}-2`,
        Date: i % 4 ? '2026-09-01' : '2026-11-10',
        'Code client': code,
        Montant: '1 234,56',
        'Payée le': i % 5 ? '' : '2026-10-01',
      },
    ]),
  );
  return wb;
}

function costs(clients: number) {
  const wb = filled(clients);
  const menu = wb.measure(() => wb.run('refreshWatchList'));
  wb.setCell('Factures', 3, 'Payée le', '2026-11-14');
  const edit = wb.measure(() => wb.emu.fireEdit({ range: { sheet: 'Factures', a1: 'H3' } }));
  wb.setCell('Factures', 4, 'Montant', 5);
  const paste = wb.measure(() => wb.emu.fireEdit({ range: { sheet: 'Factures', a1: 'A2:H5' } }));
  // The hourly trigger's runs with nothing due until 05:30, then its 06:00 run: the watch job.
  wb.emu.advanceTo('2026-11-16T05:30:00-05:00');
  const daily = wb.measure(() => wb.emu.advanceTo('2026-11-16T06:30:00-05:00'));
  expect(daily.result.map((o) => [o.handler, o.error])).toEqual([['onHourlyTrigger', undefined]]);
  return { wb, menu, edit, paste, daily };
}

test('refresh, edit and daily trigger: the same calls for 20 and 2,000 clients', () => {
  const small = costs(20);
  const large = costs(2000);
  expect(large.wb.emu.mails.length).toBe(small.wb.emu.mails.length);
  for (const k of ['menu', 'edit', 'paste', 'daily'] as const) {
    expect([k, large[k].calls]).toEqual([k, small[k].calls]);
    // 'daily' is two runs (refresh and knowing); the knowing run reads only its columns, a few
    // calls more than two whole sheets for half the cells (decision 010).
    expect(large[k].total).toBeLessThan(k === 'daily' ? 70 : 60);
  }
  // every watched client was read and written: the large run really did the work
  const flags = large.wb.rows('Clients').filter((r) => r['Sous surveillance'] === true);
  expect(flags.length).toBeGreaterThan(1000);
  expect(Object.keys(large.menu.calls).some((k) => k.startsWith('Utilities'))).toBe(false);
}, 60_000);
