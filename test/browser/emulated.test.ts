/**
 * The built sidebar in Chromium, its google.script.run answered by the real server bundle
 * (dist/Code.js) running on the emulator: what a user of a real spreadsheet would see.
 * Needs `npm run build` first. Screenshots go to artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { invokeServerFunction } from '../../emulator/bridge';
import type { ClientRecord } from '../../src/shared/formApi';
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
  wb.append('Listes', [
    { Vendeurs: 'Julie Roy', 'Chargés de compte': 'Sophie Côté' },
    { Vendeurs: 'Marc Gagnon' },
  ]);
});

afterEach(async () => {
  expect(uncaughtErrors(page)).toEqual([]);
  await page.context().close();
});

async function open(user = 'owner@example.com'): Promise<Page> {
  page = await openSidebar(browser, {
    relay: (name, args) => invokeServerFunction(wb.emu, name, args, user),
  });
  await page.getByRole('tablist').waitFor();
  return page;
}

const label = (name: string) => page.getByLabel(name, { exact: true });
const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const status = () => page.locator('.status');

async function saveAndWait(): Promise<string> {
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const shown = page.locator('.status.ok, .status.error, .field-error').first();
  await shown.waitFor();
  return (await shown.textContent()) ?? '';
}

test('creates a client with all four tabs on the real server, reloads and edits it', async () => {
  await open();
  expect(await label('Code client').inputValue()).toBe('C0001');
  await label('Nom').fill('Ferme Bellevue');
  await label('Type').selectOption({ label: 'Entreprise' });
  await label('Courriel').fill('anne@bellevue.qc.ca');
  await label('Téléphone').fill('+1 418 555-0101');
  await label('Code postal').fill('G6V 1A1');
  await tab('Termes').click();
  await label('Code crédit').fill('NET30');
  await label('Limite de crédit').fill('2 500,50');
  await label('Terme (jours)').fill('45');
  await label('Factures par courriel').check();
  await label('Remarques sur les factures').fill('=SOMME(A1:A2) livrer à l’arrière');
  await tab('Vendeurs').click();
  await page.getByRole('button', { name: '+ Ajouter un vendeur' }).click();
  await label('Vendeur 1').fill('Julie Roy');
  await label('Type de commission 1').selectOption({ label: 'Marge' });
  await label('Taux (%) 1').fill('7,5');
  await tab('CRM').click();
  await label('Chargé de compte').fill('Sophie Côté');
  await label('Infolettre').check();
  // Canada's anti-spam law: a ticked newsletter needs its consent record.
  await label('Type de consentement').selectOption({ label: 'Exprès' });
  await label('Date du consentement').fill('2026-11-02');
  await label('Source du consentement').fill('Formulaire au comptoir');
  await page.getByRole('group', { name: 'Étiquettes' }).getByLabel('Bon client').check();
  await page.getByRole('button', { name: '+ Ajouter une discussion' }).click();
  await label('Date — Discussion 1').fill('2026-11-02');
  await label('Personnes — Discussion 1').fill('Julie, Marc');
  await label('Objet — Discussion 1').fill('Prix de gros');
  await page.getByRole('button', { name: '+ Ajouter un courriel' }).click();
  await label('Date — Courriel 1').fill('2026-11-03');
  await label('De — Courriel 1').fill('anne@bellevue.qc.ca');
  await label('Objet — Courriel 1').fill('Soumission');
  expect(await saveAndWait()).toBe('Client « C0001 » enregistré.');
  await screenshot(page, 'emulated-created');

  // The sheets hold the client, as text where it was typed as text.
  const [client] = wb.rows('Clients');
  expect(client).toMatchObject({
    'Code client': 'C0001',
    Nom: 'Ferme Bellevue',
    // Saved in the Quebec format (decision 021).
    Téléphone: '418 555-0101',
    Infolettre: true,
  });
  expect(wb.rows('Termes')[0]).toMatchObject({
    'Limite de crédit': 2500.5,
    'Remarques sur les factures': '=SOMME(A1:A2) livrer à l’arrière',
  });
  expect(wb.emu.spreadsheet.cell('Termes', 'Q2').formula).toBe('');
  expect(wb.rows('Commissions')).toEqual([
    expect.objectContaining({
      'Code client': 'C0001',
      Vendeur: 'Julie Roy',
      'Type de commission': 'Marge',
      'Taux (%)': 7.5,
    }),
  ]);
  expect(wb.rows('Journal CRM').map((r) => r['Nature'])).toEqual(['Discussion', 'Courriel']);

  // Reload the sidebar, find the client, edit and save again: no false conflict.
  await page.reload();
  await page.getByRole('tablist').waitFor();
  const finder = page.getByRole('combobox', { name: 'Rechercher un client' });
  await finder.fill('bellev');
  await page.getByRole('option', { name: /C0001/ }).waitFor();
  await finder.press('Enter');
  await page.getByRole('heading', { level: 1, name: /C0001/ }).waitFor();
  await label('Ville').fill('Lévis');
  expect(await saveAndWait()).toBe('Client « C0001 » enregistré.');
  expect(wb.rows('Clients')[0]!['Ville']).toBe('Lévis');
  expect(wb.rows('Clients')).toHaveLength(1);
});

test('shows validation errors next to the fields and writes nothing', async () => {
  await open();
  const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
  await label('Nom').fill('Client test');
  await tab('Termes').click();
  await label('Rabais (%)').fill('150');
  await tab('Général').click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  // The form moves to the tab of the first error and shows it under the field.
  await page.getByRole('tab', { name: 'Termes', selected: true }).waitFor();
  await page.getByText('Doit être au plus 100.').waitFor();
  await screenshot(page, 'emulated-validation');
  expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);
});

test('a save over a colleague’s newer save is refused with who and when, and Reload shows theirs', async () => {
  const garage = emptyClientRecord('C0001');
  garage.general.name = 'Garage Tremblay';
  wb.run('formSave', { record: garage, isNew: true });
  wb.emu.spreadsheet.setActiveRange('Clients', 'A2');
  await open();
  await page.getByRole('heading', { level: 1, name: /C0001/ }).waitFor();
  // Meanwhile a colleague saves the same client.
  wb.emu.clock.advance(90_000);
  const theirs = (wb.runAs('sophie@example.com', 'formLoad', 'C0001') as { record: ClientRecord })
    .record;
  const original = structuredClone(theirs);
  theirs.general.phone = '819 555-0199';
  const saved = wb.runAs('sophie@example.com', 'formSave', {
    record: theirs,
    isNew: false,
    original,
  });
  expect(saved.ok).toBe(true);
  await label('Téléphone').fill('450-555-0000');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await status().filter({ hasText: 'sophie@example.com' }).waitFor();
  await screenshot(page, 'emulated-conflict');
  expect(wb.rows('Clients')[0]!['Téléphone']).toBe('819 555-0199');
  // Both values are shown; the time is the spreadsheet's (Toronto), not the browser's.
  const said = (await status().textContent()) ?? '';
  expect(said).toMatch(/sophie@example\.com le 2026-11-15 12:01/);
  expect(said).toContain('Téléphone — la feuille : 819 555-0199 · vous : 450 555-0000');
  // Recharger keeps what was typed on top of their version (decision 021), marked.
  await page.getByRole('button', { name: 'Recharger' }).click();
  await status().filter({ hasText: 'gardées par-dessus : Téléphone' }).waitFor();
  expect(await label('Téléphone').inputValue()).toBe('450 555-0000');
  expect(await page.locator('.unsaved').isVisible()).toBe(true);
  // Or take theirs: the field goes back to the sheet's value, nothing left unsaved.
  await page.getByRole('button', { name: 'Reprendre la valeur de la feuille : Téléphone' }).click();
  await page.waitForFunction(
    () =>
      (document.getElementById('f-general-phone') as HTMLInputElement | null)?.value ===
      '819 555-0199',
  );
  expect(await page.locator('.unsaved').isVisible()).toBe(false);
});
