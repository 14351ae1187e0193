/**
 * The client form in Chromium against the fake backend, driven by label as a user would.
 * Needs `npm run build` first (dist/Sidebar.html). Screenshots go to artifacts/.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import type { ClientRecord } from '../../src/shared/formApi';
import type { FakeHandle, FakeSeed } from './fakeBackend';
import { installFakeBackend } from './fakeBackend';
import { launchBrowser, openSidebar, screenshot, uncaughtErrors } from './harness';
import { seed } from './seed';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

let page: Page;
afterEach(async () => {
  expect(uncaughtErrors(page)).toEqual([]);
  await page.context().close();
});

async function open(s: FakeSeed, width = 300): Promise<Page> {
  page = await openSidebar(browser, { fn: installFakeBackend, arg: s }, { width });
  await page.getByRole('tablist').waitFor();
  return page;
}

type FakeWindow = { __fake: FakeHandle };
const calls = () =>
  page.evaluate(() => (window as unknown as FakeWindow).__fake.calls.map((c) => c.name));
const stored = (code: string) =>
  page.evaluate((c) => (window as unknown as FakeWindow).__fake.store()[c], code) as Promise<
    ClientRecord | undefined
  >;
const status = () => page.locator('.status');
const heading = () => page.getByRole('heading', { level: 1 });
const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const label = (name: string) => page.getByLabel(name, { exact: true });

/** Waits until the locator's text contains `text` (jest's expect does not retry). */
async function waitText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function saveAndWait(): Promise<void> {
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.locator('.status.ok, .status.error').first().waitFor();
}

test('opens on a new client: proposed code, tabs and labels in French', async () => {
  await open(seed('fr'));
  expect(await heading().textContent()).toBe('Nouveau client');
  expect(await label('Code client').inputValue()).toBe('C-0003');
  expect(await page.getByRole('tab').allTextContents()).toEqual([
    'Général',
    'Termes',
    'Vendeurs',
    'CRM',
  ]);
  expect(await calls()).toEqual(['formOpen']);
  await screenshot(page, 'fr-new-general');
});

test('creates a client with all four tabs filled, then reloads and edits it', async () => {
  await open(seed('fr'));
  // Général
  await label('Nom').fill('Ferme Bellevue');
  await label('Type').selectOption({ label: 'Entreprise' });
  await label('Contact').fill('Anne Lavoie');
  await label('Courriel').fill('anne@bellevue.qc.ca');
  await label('Téléphone').fill('418 555-0101');
  await label('Adresse').fill('12, rang Saint-Joseph');
  await label('Ville').fill('Lévis');
  await label('Province').fill('QC');
  await label('Code postal').fill('G6V 1A1');
  await label('Pays').fill('Canada');
  await label('Langue').selectOption('fr');
  // Termes
  await tab('Termes').click();
  expect(await label('Terme (jours)').getAttribute('placeholder')).toBe('Défaut : 30 jours');
  expect(await label('Compte de revenus').getAttribute('placeholder')).toBe('Défaut du système');
  expect(await label('Code de taxes').getAttribute('placeholder')).toBe('Défaut du système');
  await label('Code crédit').fill('NET30');
  await label('Limite de crédit').fill('2 500,50');
  await label('Terme (jours)').fill('45');
  await label('Rabais (%)').fill('2');
  await label('Rabais si payé en (jours)').fill('10');
  await label('Compte de revenus').fill('4010');
  await label('Date de la dernière facture').fill('2025-01-15');
  await label('Pourquoi sous surveillance').fill('Chèque sans provision');
  await label('Factures par courriel').check();
  await label('Bon de commande requis').check();
  await label('Remarques sur les factures').fill('=SOMME(A1:A2) livrer à l’arrière');
  await screenshot(page, 'fr-new-terms');
  // Vendeurs
  await tab('Vendeurs').click();
  await page.getByRole('button', { name: '+ Ajouter un vendeur' }).click();
  await label('Vendeur 1').fill('Julie Roy');
  await label('Type de commission 1').selectOption({ label: 'Marge' });
  await label('Taux (%) 1').fill('7,5');
  await label('Type de produit 1').fill('Services');
  await page.getByRole('button', { name: '+ Ajouter un vendeur' }).click();
  // A name missing from Lists is warned about (a typo would earn commissions), not refused.
  await label('Vendeur 2').fill('Marc Gagnonn');
  const warning = page
    .getByRole('status')
    .filter({ hasText: '« Marc Gagnonn » n’est pas dans la liste' });
  await warning.waitFor();
  await label('Vendeur 2').fill('Marc Gagnon');
  await warning.waitFor({ state: 'detached' });
  await label('Taux (%) 2').fill('3');
  await screenshot(page, 'fr-new-salespeople');
  // CRM
  await tab('CRM').click();
  await label('Chargé de compte').fill('Sophie Côté');
  await label('Référé par').fill('Site web');
  await label('Infolettre').check();
  await label('Type de consentement').selectOption({ label: 'Exprès' });
  await label('Date du consentement').fill('2025-01-20');
  await label('Source du consentement').fill('Formulaire signé au kiosque');
  await page.getByRole('group', { name: 'Étiquettes' }).getByLabel('Bon client').check();
  await page.getByRole('group', { name: 'Étiquettes' }).getByLabel('Volume 3').check();
  await label('Besoins').fill('Semences bio');
  await label('Notes de suivi').fill('Rappeler en mars');
  await label('Prochain suivi').fill('2025-03-15');
  await label("Habitudes d'achat").fill('Printemps, mensuel');
  await page.getByRole('button', { name: '+ Ajouter une discussion' }).click();
  // A new row starts on the spreadsheet's today, as the server gave it (not the browser's clock).
  expect(await label('Date — Discussion 1').inputValue()).toBe('2025-03-10');
  await label('Date — Discussion 1').fill('2025-02-03');
  await label('Personnes — Discussion 1').fill('Julie, Marc');
  await label('Cc — Discussion 1').fill('Sophie');
  await label('Objet — Discussion 1').fill('Prix de gros');
  await label('Détails — Discussion 1').fill('Accord pour 5 %');
  await page.getByRole('button', { name: '+ Ajouter un courriel' }).click();
  expect(await label('Date — Courriel 1').inputValue()).toBe('2025-03-10');
  await label('Date — Courriel 1').fill('2025-02-04');
  await label('De — Courriel 1').fill('anne@bellevue.qc.ca');
  await label('À — Courriel 1').fill('julie@exemple.ca');
  await label('Objet — Courriel 1').fill('Soumission');
  await screenshot(page, 'fr-new-crm');

  await saveAndWait();
  expect(await status().textContent()).toBe('Client C-0003 enregistré.');
  expect(await heading().textContent()).toBe('C-0003 — Ferme Bellevue');
  const saved = await stored('C-0003');
  expect(saved?.general).toMatchObject({
    name: 'Ferme Bellevue',
    kind: 'company',
    email: 'anne@bellevue.qc.ca',
    postalCode: 'G6V 1A1',
    language: 'fr',
  });
  expect(saved?.terms).toMatchObject({
    creditCode: 'NET30',
    creditLimit: 2500.5,
    termDays: 45,
    discountPct: 2,
    discountDays: 10,
    revenueAccount: '4010',
    taxCode: '',
    lastInvoiceDate: '2025-01-15',
    lastUnpaidInvoiceDate: null,
    emailInvoices: true,
    poRequired: true,
    taxExempt: false,
    invoiceRemarks: '=SOMME(A1:A2) livrer à l’arrière',
  });
  // From / To left blank: open agreements (decision 020).
  const openPeriod = { startDate: null, endDate: null };
  expect(saved?.salespeople).toEqual([
    {
      salesperson: 'Julie Roy',
      commissionType: 'margin',
      ratePct: 7.5,
      productType: 'Services',
      ...openPeriod,
    },
    {
      salesperson: 'Marc Gagnon',
      commissionType: 'sales',
      ratePct: 3,
      productType: '',
      ...openPeriod,
    },
  ]);
  expect(saved?.crm).toMatchObject({
    accountManager: 'Sophie Côté',
    referredBy: 'Site web',
    newsletter: true,
    consentType: 'express',
    consentDate: '2025-01-20',
    consentSource: 'Formulaire signé au kiosque',
    nextFollowUp: '2025-03-15',
    tags: ['Bon client', 'Volume 3'],
    needs: 'Semences bio',
    discussions: [
      {
        date: '2025-02-03',
        people: 'Julie, Marc',
        cc: 'Sophie',
        subject: 'Prix de gros',
        details: 'Accord pour 5 %',
      },
    ],
    emails: [
      {
        date: '2025-02-04',
        from: 'anne@bellevue.qc.ca',
        to: 'julie@exemple.ca',
        subject: 'Soumission',
      },
    ],
  });
  // After a save the code is the key: read-only.
  await tab('Général').click();
  expect(await label('Code client').getAttribute('readonly')).not.toBeNull();
  // The manual reason puts the client under watch (computed by the server).
  await waitText(page.locator('.banner'), 'Motif manuel : Chèque sans provision');

  // Reload the sidebar, find the client by name with the keyboard.
  await page.reload();
  await page.getByRole('tablist').waitFor();
  const finder = page.getByRole('combobox', { name: 'Rechercher un client' });
  await finder.fill('bellev');
  await page.getByRole('option', { name: /C-0003/ }).waitFor();
  await finder.press('Enter');
  await waitText(heading(), 'C-0003 — Ferme Bellevue');
  await tab('Termes').click();
  expect(await label('Limite de crédit').inputValue()).toBe('2500,5');
  expect(await label('Remarques sur les factures').inputValue()).toBe(
    '=SOMME(A1:A2) livrer à l’arrière',
  );
  await tab('Vendeurs').click();
  expect(await label('Taux (%) 1').inputValue()).toBe('7,5');

  // Edit: remove the second agreement, change the name, save.
  await page.getByRole('button', { name: 'Retirer — Entente 2' }).click();
  await tab('Général').click();
  await label('Nom').fill('Ferme Bellevue inc.');
  await saveAndWait();
  expect(await status().textContent()).toBe('Client C-0003 enregistré.');
  const edited = await stored('C-0003');
  expect(edited?.general.name).toBe('Ferme Bellevue inc.');
  expect(edited?.salespeople).toHaveLength(1);
  expect(edited?.version).not.toBe(saved?.version);
  expect(await calls()).toEqual(['formOpen', 'formLoad', 'formSave']);
});

test('CRM: a ticked newsletter needs its consent record; an old implied consent is flagged', async () => {
  await open(seed('fr', { selectedCode: 'C-0001' }));
  await tab('CRM').click();
  // Seeded with an implied consent from 2023: more than two years old.
  await waitText(page.locator('#consent-warning'), 'Consentement tacite de plus de 2 ans');
  expect(await page.locator('#consent-warning').textContent()).toContain('échu le 2025-01-05');
  await screenshot(page, 'fr-crm-consent-expired');
  // Express consent is not time-limited: the warning goes.
  await label('Type de consentement').selectOption({ label: 'Exprès' });
  expect(await page.locator('#consent-warning').isHidden()).toBe(true);
  // Without type and date, the save is refused on those fields, before any server call.
  await label('Type de consentement').selectOption({ label: '—' });
  await label('Date du consentement').fill('');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await waitText(page.locator('#f-crm-consentType-err'), 'indiquez le type de consentement');
  expect(await page.locator('#f-crm-consentDate-err').textContent()).toContain(
    'indiquez la date du consentement',
  );
  expect(await calls()).toEqual(['formOpen']);
  // Unticking the newsletter lifts the requirement.
  await label('Infolettre').uncheck();
  await saveAndWait();
  expect(await status().textContent()).toBe('Client C-0001 enregistré.');
  expect((await stored('C-0001'))?.crm).toMatchObject({
    newsletter: false,
    consentType: '',
    consentDate: null,
  });
});

test('CRM: computed buying habits beside the notes, read-only; who might want a product type', async () => {
  await open(seed('fr', { selectedCode: 'C-0001' }));
  await tab('CRM').click();
  const computed = label('Habitudes calculées');
  expect(await computed.inputValue()).toMatch(/^Pièces \(12\)/);
  expect(await computed.getAttribute('readonly')).not.toBeNull();
  const search = page.getByRole('group', { name: 'Qui pourrait vouloir ce type de produit ?' });
  await search.getByLabel('Type de produit', { exact: true }).fill('Pièces');
  await search.getByRole('button', { name: 'Chercher' }).click();
  await waitText(search.locator('.buyer-list'), 'Quincaillerie Tremblay');
  const items = await search.locator('.buyer-list li').allTextContents();
  expect(items[0]).toContain('C-0001 Quincaillerie Tremblay (Sophie Côté)');
  // fr-CA groups thousands with a narrow no-break space.
  expect(items[0]).toMatch(/12 achat\(s\), 4\s820,50\s\$, dernier le 2025-02-20/);
  // A client name that looks like markup is text.
  expect(items[1]).toContain('<img src=x onerror="window.__pwned=1">Boulangerie');
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await search.getByLabel('Type de produit', { exact: true }).fill('Rien');
  await search.getByRole('button', { name: 'Chercher' }).click();
  await waitText(search, 'Aucun client n’a acheté ce type de produit.');
  expect(await calls()).toEqual(['formOpen', 'habitsSearch', 'habitsSearch']);
  await screenshot(page, 'fr-crm-habits');
});

test('validation errors are shown next to the field, on its tab, without calling the server', async () => {
  await open(seed('fr', { selectedCode: 'C-0001' }));
  await tab('Vendeurs').click();
  await label('Taux (%) 1').fill('150');
  await tab('Général').click();
  await label('Courriel').fill('pas un courriel');
  await tab('Termes').click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  // The first error (in record order) is on Général: the form switches there and focuses it.
  await waitText(page.locator('#f-general-email-err'), 'Adresse courriel invalide.');
  expect(await tab('Général').getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-general-email');
  expect(await label('Courriel').getAttribute('aria-invalid')).toBe('true');
  expect(await tab('Vendeurs').getAttribute('class')).toContain('has-error');
  await screenshot(page, 'fr-validation-general');
  await tab('Vendeurs').click();
  expect(await page.locator('#f-salespeople-0-ratePct-err').textContent()).toBe(
    'Doit être au plus 100.',
  );
  await screenshot(page, 'fr-validation-salespeople');
  expect(await calls()).toEqual(['formOpen']);
});

test('a server field error (code already used) is shown under the field', async () => {
  await open(seed('fr'));
  await label('Code client').fill('C-0001');
  await label('Nom').fill('Doublon');
  await saveAndWait();
  expect(await page.locator('#f-general-code-err').textContent()).toBe(
    'Le code C-0001 existe déjà.',
  );
});

test('conflict: says who saved and when, and Reload shows their version', async () => {
  await open(seed('fr', { selectedCode: 'C-0001' }));
  await waitText(heading(), 'C-0001 — Quincaillerie Tremblay');
  await page.evaluate(() =>
    (window as unknown as FakeWindow).__fake.otherUserSaves('C-0001', 'marie@exemple.ca', (r) => {
      r.general.city = 'Montréal';
    }),
  );
  await label('Ville').fill('Sherbrooke');
  await saveAndWait();
  const text = (await status().textContent()) ?? '';
  expect(text).toContain('Ce client a été modifié par marie@exemple.ca le ');
  expect(text).toContain('2025'); // the date of their save
  expect(await stored('C-0001').then((r) => r?.general.city)).toBe('Montréal');
  await screenshot(page, 'fr-conflict');
  // Recharger keeps what was typed, on top of their version, marked and still unsaved.
  await status().getByRole('button', { name: 'Recharger' }).click();
  await waitText(status(), 'vos modifications non enregistrées sont gardées par-dessus : Ville');
  expect(await label('Ville').inputValue()).toBe('Sherbrooke');
  expect(await label('Ville').getAttribute('class')).toContain('kept-change');
  expect(await page.locator('.unsaved').isVisible()).toBe(true);
  // Saving again now works on their version.
  await saveAndWait();
  expect(await stored('C-0001').then((r) => r?.general.city)).toBe('Sherbrooke');
});

test('a watched client shows the banner with reasons; invoice dates are computed, read-only', async () => {
  await open(seed('fr', { selectedCode: 'C-0001' }));
  await waitText(page.locator('.banner'), 'Client sous surveillance');
  expect(await page.locator('.banner').textContent()).toContain('Facture F-1001 en retard');
  await tab('Termes').click();
  expect(await label('Date de la dernière facture').getAttribute('readonly')).not.toBeNull();
  expect(await label('Date de la dernière facture').inputValue()).toBe('2025-02-20');
  // fr-CA groups thousands with a narrow no-break space.
  expect(await label('Solde dû').inputValue()).toMatch(/^1\s250,50$/);
  expect(await label('Sous surveillance').inputValue()).toBe('Oui');
  await screenshot(page, 'fr-watched-terms');
});

test('unsaved changes survive tab switches; leaving them asks first', async () => {
  await open(seed('fr', { selectedCode: 'C-0001' }));
  const unsaved = page.getByText('Modifications non enregistrées', { exact: true });
  expect(await unsaved.isVisible()).toBe(false);
  await label('Contact').fill('Paul');
  expect(await unsaved.isVisible()).toBe(true);
  await tab('CRM').click();
  await tab('Général').click();
  expect(await label('Contact').inputValue()).toBe('Paul');
  await page.getByRole('button', { name: 'Nouveau client' }).click();
  const dialog = page.getByRole('alertdialog', { name: /ne sont pas enregistrées/ });
  await waitText(dialog, 'ne sont pas enregistrées');
  await screenshot(page, 'fr-unsaved-confirm');
  await dialog.getByRole('button', { name: 'Continuer' }).click();
  expect(await heading().textContent()).toBe('C-0001 — Quincaillerie Tremblay');
  expect(await label('Contact').inputValue()).toBe('Paul');
  await page.getByRole('button', { name: 'Nouveau client' }).click();
  await dialog.getByRole('button', { name: 'Abandonner les modifications' }).click();
  expect(await heading().textContent()).toBe('Nouveau client');
  expect(await unsaved.isVisible()).toBe(false);
  expect(await label('Code client').inputValue()).toBe('C-0003');
});

test('user text is shown as text, never as HTML', async () => {
  await open(seed('fr', { selectedCode: 'C-0002' }));
  await waitText(heading(), 'C-0002');
  expect(await heading().textContent()).toBe(
    'C-0002 — <img src=x onerror="window.__pwned=1">Boulangerie',
  );
  expect(await page.locator('img').count()).toBe(0);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await tab('CRM').click();
  expect(await label('Besoins').inputValue()).toBe('=HYPERLINK("http://evil.example","clic")');
});

test('keyboard: arrow keys move between tabs, the finder opens a client with Down and Enter', async () => {
  await open(seed('fr'));
  await tab('Général').focus();
  await page.keyboard.press('ArrowRight');
  expect(await tab('Termes').getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-terms');
  await page.keyboard.press('End');
  expect(await tab('CRM').getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('ArrowRight');
  expect(await tab('Général').getAttribute('aria-selected')).toBe('true');
  const finder = page.getByRole('combobox', { name: 'Rechercher un client' });
  await finder.focus();
  await page.keyboard.type('c-000');
  const options = page.getByRole('listbox').getByRole('option');
  await options.nth(1).waitFor();
  expect(await options.allTextContents()).toEqual([
    'C-0001 Quincaillerie Tremblay',
    'C-0002 <img src=x onerror="window.__pwned=1">Boulangerie',
  ]);
  await page.keyboard.press('ArrowDown');
  expect(await finder.getAttribute('aria-activedescendant')).toBe('finder-opt-1');
  await screenshot(page, 'fr-finder');
  await page.keyboard.press('Enter');
  await waitText(heading(), 'C-0002 —');
});

test('English workbook: English tabs, headers as labels, messages', async () => {
  await open(seed('en', { selectedCode: 'C-0001' }));
  expect(await page.getByRole('tab').allTextContents()).toEqual([
    'General',
    'Terms',
    'Salespeople',
    'CRM',
  ]);
  expect(await label('Client code').inputValue()).toBe('C-0001');
  await tab('Terms').click();
  expect(await label('Revenue account').getAttribute('placeholder')).toBe('System default');
  expect(await label('Why under watch').inputValue()).toBe('');
  await tab('Salespeople').click();
  await label('Rate (%) 1').fill('abc');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitText(page.locator('#f-salespeople-0-ratePct-err'), 'Enter a number.');
  await screenshot(page, 'en-salespeople-error');
  await label('Rate (%) 1').fill('4.25');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitText(status(), 'Client C-0001 saved.');
  expect(await stored('C-0001').then((r) => r?.salespeople[0]?.ratePct)).toBe(4.25);
});

test('a server failure is reported and the form stays usable', async () => {
  await open(seed('en', { selectedCode: 'C-0001' }));
  await page.evaluate(() =>
    (window as unknown as FakeWindow).__fake.failNext('formSave', 'Service Spreadsheets timed out'),
  );
  await page.getByRole('button', { name: 'Save' }).click();
  await waitText(status(), 'Error: Service Spreadsheets timed out');
  expect(await page.getByRole('button', { name: 'Save' }).isEnabled()).toBe(true);
});

test('the type-ahead stays quick with 10,000 clients', async () => {
  await open(seed('fr', { extraClients: 10_000 }));
  const finder = page.getByRole('combobox', { name: 'Rechercher un client' });
  const elapsed = await page.evaluate(() => {
    const input = document.getElementById('finder') as HTMLInputElement;
    const start = performance.now();
    for (const q of ['n', 'nu', 'num', 'numé', 'numéro 99']) {
      input.value = q;
      input.dispatchEvent(new Event('input'));
    }
    return performance.now() - start;
  });
  const options = page.getByRole('listbox').getByRole('option');
  // 111 names contain "numéro 99": the first 20, in sheet order, are drawn.
  expect(await options.count()).toBe(20);
  expect(await options.first().textContent()).toBe('X00099 Client numéro 99');
  await finder.fill('Numero 9999');
  await page
    .getByRole('listbox')
    .getByRole('option', { name: 'X09999 Client numéro 9999' })
    .waitFor();
  expect(await options.count()).toBe(1);
  // Five keystrokes over 10,000 names: well under a frame each on any machine that runs Sheets.
  expect(elapsed).toBeLessThan(500);
  await finder.press('Escape');
  expect(await finder.getAttribute('aria-expanded')).toBe('false');
});

test('relay installer: calls answered in Node (as the emulator variant will) reach the form', async () => {
  const received: { name: string; args: unknown[] }[] = [];
  const s = seed('en', { selectedCode: 'C-0001' });
  page = await openSidebar(browser, {
    relay: (name, args) => {
      received.push({ name, args });
      if (name === 'formOpen')
        return {
          ok: true,
          value: {
            lang: s.lang,
            lists: s.lists,
            defaults: { termDays: 45 },
            clients: [{ code: 'C-0001', name: s.clients[0]!.general.name }],
            nextCode: 'C-0002',
            record: s.clients[0],
          },
        };
      return {
        ok: false,
        error: { name: 'Exception', message: 'Service unavailable: Spreadsheets' },
      };
    },
  });
  await waitText(heading(), 'C-0001 — Quincaillerie Tremblay');
  await tab('Terms').click();
  await label('Term (days)').fill('');
  expect(await label('Term (days)').getAttribute('placeholder')).toBe('Default: 45 days');
  await page.getByRole('button', { name: 'Save' }).click();
  await waitText(status(), 'Error: Service unavailable: Spreadsheets');
  expect(received.map((r) => r.name)).toEqual(['formOpen', 'formSave']);
  expect(received[0]!.args).toEqual([{}]);
  const sent = received[1]!.args[0] as { record: ClientRecord; isNew: boolean };
  expect(sent.isNew).toBe(false);
  expect(sent.record.terms.termDays).toBeNull();
  expect(sent.record.version).toBe('2025-03-01T15:00:00.000Z');
});

test('every control has a visible label, and nothing overflows the 300 px sidebar', async () => {
  await open(seed('fr', { selectedCode: 'C-0001' }));
  // Rows of every kind, so their controls are checked too.
  await tab('CRM').click();
  await page.getByRole('button', { name: '+ Ajouter une discussion' }).click();
  await page.getByRole('button', { name: '+ Ajouter un courriel' }).click();
  for (const name of ['Général', 'Termes', 'Vendeurs', 'CRM']) {
    await tab(name).click();
    const report = await page.evaluate(() => {
      const panel = document.querySelector<HTMLElement>('[role=tabpanel]:not([hidden])')!;
      const controls = [...panel.querySelectorAll<HTMLInputElement>('input, select, textarea')];
      return {
        count: controls.length,
        unlabelled: controls
          .filter((c) => !c.labels?.length || !c.labels[0]!.textContent?.trim())
          .map((c) => c.id),
        hiddenLabels: controls
          .filter((c) => c.labels?.[0] && c.labels[0].getBoundingClientRect().width === 0)
          .map((c) => c.id),
        scrollWidth: document.documentElement.scrollWidth,
      };
    });
    expect(report.count).toBeGreaterThan(3);
    expect(report.unlabelled).toEqual([]);
    expect(report.hiddenLabels).toEqual([]);
    expect(report.scrollWidth).toBeLessThanOrEqual(300);
  }
});
