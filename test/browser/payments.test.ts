/**
 * Decision 020 in Chromium, on the real bundle and sidebar (the emulator behind
 * google.script.run): the Termes tab shows the client's payment history read-only (Balance due
 * net of payments, Last payment, the aging columns), and the Vendeurs tab edits an agreement's
 * From / To, refusing a To before its From. Needs `npm run build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { invokeServerFunction } from '../../emulator/bridge';
import { workbook } from '../integration/harness';
import { launchBrowser, openSidebar, uncaughtErrors } from './harness';

let browser: Browser;
let page: Page | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  if (!page) return;
  expect(uncaughtErrors(page)).toEqual([]);
  await page.context().close();
});

test('Termes shows the payment history read-only; Vendeurs edits From / To', async () => {
  const wb = workbook({ locale: 'fr_CA' });
  wb.addRecords('fr', 'lists', [{ salespeople: 'Julie Roy' }]);
  wb.addRecords('fr', 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords('fr', 'terms', [{ clientCode: 'A' }]);
  wb.addRecords('fr', 'invoices', [
    { number: 'F-1', date: '2026-09-01', clientCode: 'A', amount: 1000, dueDate: '2026-10-01' },
  ]);
  wb.addRecords('fr', 'payments', [
    { date: '2026-10-20', invoiceNumber: 'F-1', clientCode: 'A', amount: 600 },
  ]);
  wb.addRecords('fr', 'commissions', [
    { clientCode: 'A', salesperson: 'Julie Roy', commissionType: 'Encaissements', ratePct: 5 },
  ]);
  wb.run('refreshWatchList');
  wb.sheet('Clients').getRange('A2').activate();

  page = await openSidebar(browser, {
    relay: (name, args) => invokeServerFunction(wb.emu, name, args, 'owner@example.com'),
  });
  await page.getByRole('tablist').waitFor();
  const label = (name: string) => page!.getByLabel(name, { exact: true });
  const tab = (name: string) => page!.getByRole('tab', { name, exact: true });
  expect(await label('Nom').inputValue()).toBe('Alpha');

  await tab('Termes').click();
  for (const name of ['Solde dû', 'Dernier paiement', 'Courant', '31-60 jours'])
    expect(await label(name).getAttribute('readonly')).not.toBeNull();
  expect(await label('Solde dû').inputValue()).toMatch(/^400,00/);
  expect(await label('Dernier paiement').inputValue()).toBe('2026-10-20');
  expect(await label('31-60 jours').inputValue()).toMatch(/^400,00/);

  await tab('Vendeurs').click();
  await label('Du 1').fill('2026-11-01');
  await label('Au 1').fill('2026-10-31');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('« Au » doit suivre « Du ».').first().waitFor();
  expect(wb.records('fr', 'commissions')[0]!.endDate).toBe('');

  await label('Au 1').fill('2026-12-31');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.locator('.status.ok').first().waitFor();
  const agreement = wb.records('fr', 'commissions')[0]!;
  const day = (v: unknown) =>
    v instanceof Date ? v.toLocaleDateString('en-CA', { timeZone: 'America/Toronto' }) : v;
  expect([day(agreement.startDate), day(agreement.endDate)]).toEqual(['2026-11-01', '2026-12-31']);
}, 60_000);
