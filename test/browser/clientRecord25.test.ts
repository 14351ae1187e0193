/**
 * Decision 021 in the built sidebar, answered by the real server bundle on the emulator: Quebec
 * formats (defaults of a new client, normalized as the field is left, refused next to the
 * field, a sheet value kept with a warning), the Status with its confirmation, and the
 * type-ahead's "show inactive" tick. Needs `npm run build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { invokeServerFunction } from '../../emulator/bridge';
import { emptyClientRecord } from '../../src/shared/schemas';
import { workbook, type TestWorkbook } from '../integration/harness';
import { launchBrowser, openSidebar, screenshot, uncaughtErrors } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

let page: Page;
let wb: TestWorkbook;

beforeEach(() => {
  wb = workbook({ locale: 'fr_CA' });
});

afterEach(async () => {
  expect(uncaughtErrors(page)).toEqual([]);
  await page.context().close();
});

async function open(): Promise<Page> {
  page = await openSidebar(browser, {
    relay: (name, args) => invokeServerFunction(wb.emu, name, args, 'owner@example.com'),
  });
  await page.getByRole('tablist').waitFor();
  return page;
}

const label = (name: string) => page.getByLabel(name, { exact: true });
const status = () => page.locator('.status');

test('a new client starts in Quebec, Canada, in French; formats are applied and refused next to the field', async () => {
  await open();
  expect(await label('Province').inputValue()).toBe('QC');
  expect(await label('Pays').inputValue()).toBe('Canada');
  const langue = label('Langue');
  expect(await langue.inputValue()).toBe('fr');
  expect(await langue.locator('option:checked').textContent()).toBe('Français');
  expect(await langue.locator('option').allTextContents()).toEqual(['', 'Français', 'English']);

  await label('Nom').fill('Ferme Bellevue');
  await label('Code postal').fill('h2x1y4');
  await label('Code postal').blur();
  expect(await label('Code postal').inputValue()).toBe('H2X 1Y4');
  await label('Téléphone').fill('(514) 555-0101 poste 12');
  await label('Téléphone').blur();
  expect(await label('Téléphone').inputValue()).toBe('514 555-0101 poste 12');

  await label('Téléphone').fill('abc');
  await page.locator('.warning', { hasText: 'Numéro à 10 chiffres attendu' }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.locator('.error', { hasText: 'Numéro à 10 chiffres attendu' }).waitFor();
  expect(wb.rows('Clients')).toEqual([]);

  await label('Téléphone').fill('514 555 0101');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await status().filter({ hasText: 'enregistré' }).waitFor();
  expect(wb.rows('Clients')[0]).toMatchObject({
    Province: 'QC',
    Pays: 'Canada',
    Langue: 'fr',
    'Code postal': 'H2X 1Y4',
    Téléphone: '514 555-0101',
  });
  await screenshot(page, 'issue25-formats');
});

test('a value the sheet holds is shown as it is, with a warning, and does not block a save', async () => {
  wb.append('Clients', [
    { 'Code client': 'C1', Nom: 'Ancien', 'Code postal': '12345', Téléphone: 'voir Julie' },
  ]);
  wb.emu.spreadsheet.setActiveRange('Clients', 'A2');
  await open();
  await page.getByRole('heading', { level: 1, name: /C1/ }).waitFor();
  expect(await label('Code postal').inputValue()).toBe('12345');
  await page
    .locator('.warning', { hasText: 'Valeur de la feuille gardée telle quelle' })
    .first()
    .waitFor();
  await label('Contact').fill('Julie');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await status().filter({ hasText: 'enregistré' }).waitFor();
  expect(wb.rows('Clients')[0]).toMatchObject({
    Contact: 'Julie',
    'Code postal': '12345',
    Téléphone: 'voir Julie',
  });
});

test('Status: made inactive after a confirmation that says the balance; left out of the search unless asked', async () => {
  wb.append('Clients', [
    { 'Code client': 'C1', Nom: 'Ferme Bellevue' },
    { 'Code client': 'C2', Nom: 'Ferme Dupuis' },
  ]);
  wb.append('Termes', [{ 'Code client': 'C1', 'Code crédit': 'NET30' }]);
  wb.append('Factures', [
    { 'No de facture': 'F1', Date: '2026-11-01', 'Code client': 'C1', Montant: 500 },
  ]);
  wb.run('refreshWatchList');
  wb.emu.spreadsheet.setActiveRange('Clients', 'A2');
  await open();
  await page.getByRole('heading', { level: 1, name: /C1/ }).waitFor();
  expect(await label('Statut').locator('option:checked').textContent()).toBe('Actif');
  await label('Statut').selectOption({ label: 'Inactif' });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const question = page.getByRole('alertdialog');
  await question.filter({ hasText: 'solde dû de 500,00' }).waitFor();
  await screenshot(page, 'issue25-inactive-confirm');
  expect(wb.rows('Clients')[0]!['Statut']).toBe('');
  await page.getByRole('button', { name: 'Rendre inactif' }).click();
  await status().filter({ hasText: 'enregistré' }).waitFor();
  expect(wb.rows('Clients')[0]!['Statut']).toBe('Inactif');

  const finder = page.getByRole('combobox', { name: 'Rechercher un client' });
  await finder.fill('Ferme');
  const options = page.locator('#finder-list [role=option]');
  await options.first().waitFor();
  expect(await options.allTextContents()).toEqual(['C2 Ferme Dupuis']);
  await page.getByLabel('Afficher les inactifs').check();
  await finder.fill('Ferme ');
  await options.filter({ hasText: 'C1' }).waitFor();
  expect(await options.allTextContents()).toEqual([
    'C1 Ferme Bellevue (inactif)',
    'C2 Ferme Dupuis',
  ]);
});

test('a cell of the sheet that cannot be read is said next to its field, on its tab', async () => {
  wb.append('Clients', [{ 'Code client': 'C1', Nom: 'Ferme Bellevue' }]);
  wb.append('Termes', [{ 'Code client': 'C1', 'Limite de crédit': 'beaucoup' }]);
  wb.emu.spreadsheet.setActiveRange('Clients', 'A2');
  await open();
  await page.getByRole('heading', { level: 1, name: /C1/ }).waitFor();
  // The Terms tab is marked; the message is under the credit limit.
  expect(
    await page.getByRole('tab', { name: 'Termes', exact: true }).getAttribute('class'),
  ).toMatch(/has-error/);
  await page.getByRole('tab', { name: 'Termes', exact: true }).click();
  const limit = label('Limite de crédit');
  expect(await limit.inputValue()).toBe('');
  const describedBy = (await limit.getAttribute('aria-describedby'))!.split(' ')[0]!;
  expect(await page.locator(`#${describedBy}`).textContent()).toBe(
    'Illisible dans la feuille (gardé tel quel) : Montant attendu, reçu « beaucoup »',
  );
  await screenshot(page, 'issue25-bad-cell');
});

test('a client a colleague created after the form opened is found without reopening', async () => {
  wb.append('Clients', [{ 'Code client': 'C1', Nom: 'Ferme Bellevue' }]);
  await open();
  const finder = page.getByRole('combobox', { name: 'Rechercher un client' });
  const options = page.locator('#finder-list [role=option]');
  // Meanwhile a colleague creates a client.
  const theirs = emptyClientRecord('C2');
  theirs.general.name = 'Verger Tremblay';
  expect(wb.runAs('sophie@example.com', 'formSave', { record: theirs, isNew: true }).ok).toBe(true);
  await finder.fill('Verger');
  await options.filter({ hasText: 'C2' }).waitFor();
  expect(await options.allTextContents()).toEqual(['C2 Verger Tremblay']);
  await finder.press('Enter');
  await page.getByRole('heading', { level: 1, name: /C2 — Verger Tremblay/ }).waitFor();
});

test('times are shown in the spreadsheet’s zone, not the browser’s', async () => {
  // The browser runs in Toronto (harness); this spreadsheet is in Paris.
  wb = workbook({ locale: 'fr_CA', timeZone: 'Europe/Paris' });
  const record = emptyClientRecord('C1');
  record.general.name = 'Ferme Bellevue';
  expect(wb.run('formSave', { record, isNew: true }).ok).toBe(true);
  wb.emu.spreadsheet.setActiveRange('Clients', 'A2');
  await open();
  await page.getByRole('heading', { level: 1, name: /C1/ }).waitFor();
  // Saved at 12:00 in Toronto (the emulator's clock), 18:00 in Paris.
  expect(await label('Modifié le').inputValue()).toMatch(/18 h 00/);
});

test('two pages on one client: different fields are both saved; the same field shows both values', async () => {
  wb.append('Clients', [{ 'Code client': 'C1', Nom: 'Ferme Bellevue' }]);
  wb.emu.spreadsheet.setActiveRange('Clients', 'A2');
  const pageAs = async (user: string) => {
    const p = await openSidebar(browser, {
      relay: (name, args) => invokeServerFunction(wb.emu, name, args, user),
    });
    await p.getByRole('heading', { level: 1, name: /C1/ }).waitFor();
    return p;
  };
  const anne = await pageAs('anne@example.com');
  page = await pageAs('bruno@example.com'); // checked for uncaught errors after the test
  const save = async (p: Page) => {
    await p.getByRole('button', { name: 'Enregistrer' }).click();
    await p.locator('.status.ok, .status.error').first().waitFor();
    return (await p.locator('.status').textContent()) ?? '';
  };
  await anne.getByLabel('Contact', { exact: true }).fill('Anne');
  expect(await save(anne)).toBe('Client « C1 » enregistré.');
  wb.emu.clock.advance(60_000);
  await page.getByLabel('Téléphone', { exact: true }).fill('514 555 0101');
  expect(await save(page)).toBe('Client « C1 » enregistré.');
  expect(wb.rows('Clients')[0]).toMatchObject({ Contact: 'Anne', Téléphone: '514 555-0101' });
  // Bruno's page now shows Anne's contact too (the saved client as stored).
  expect(await page.getByLabel('Contact', { exact: true }).inputValue()).toBe('Anne');

  // Both change the city: the second is told, with both values.
  await page.getByLabel('Ville', { exact: true }).fill('Laval');
  await anne.getByLabel('Ville', { exact: true }).fill('Lévis');
  expect(await save(page)).toBe('Client « C1 » enregistré.');
  const said = await save(anne);
  expect(said).toContain('Ce client a été modifié par bruno@example.com le 2026-11-15 12:01');
  expect(said).toContain('Ville — la feuille : Laval · vous : Lévis');
  expect(wb.rows('Clients')[0]!['Ville']).toBe('Laval');
  await screenshot(anne, 'issue25-two-pages-conflict');
  await anne.context().close();
});
