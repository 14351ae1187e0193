/**
 * Decision 012: the dialogs in Chromium, inside a frame sandboxed as Apps Script's is, in the
 * dialogDownloads world in force (allowed, or blocked: the frame lacks allow-downloads). In
 * both worlds the file offered can be had (downloaded, or copied from the dialog), and the
 * fold's Remove never depends on the download having run, and Help › Check this spreadsheet
 * learns from the person which world its frame is in. CI runs this file in both worlds
 * (npm run test:worlds). Needs `npm run build` first.
 */
import type { Browser } from 'playwright-core';
import { invokeServerFunction } from '../../emulator/bridge';
import { resolveWorlds } from '../../emulator/switches';
import { downloadPage } from '../../src/server/platform/pages';
import { workbook, type TestWorkbook } from '../integration/harness';
import { GOOGLE_FRAME_HOST, lastDialogHtml, openDialog, type OpenDialog } from './dialogHarness';
import { launchBrowser, type RelayReply } from './harness';

const WORLD = resolveWorlds().dialogDownloads;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

let dialog: OpenDialog | null = null;
afterEach(async () => {
  expect(dialog?.errors ?? []).toEqual([]);
  await dialog?.page.context().close();
  dialog = null;
});

const relayTo =
  (wb: TestWorkbook) =>
  (name: string, args: unknown[]): RelayReply =>
    invokeServerFunction(wb.emu, name, args, wb.emu.user);

/** Waits a moment for a download that may never come; returns those seen. */
async function downloadsAfter(d: OpenDialog, ms = 1500) {
  await d.page.waitForTimeout(ms);
  return d.downloads.map((x) => x.suggestedFilename());
}

/** Two old paid-out months of commission details and a recent one (the fold offers the old). */
function history(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
  wb.addRecords('fr', 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords('fr', 'commissions', [
    { clientCode: 'A', salesperson: 'Alice', commissionType: 'Ventes', ratePct: 10 },
  ]);
  const months = ['2024-08', '2024-09', '2026-10'];
  wb.addRecords(
    'fr',
    'invoices',
    months.map((m, k) => ({
      number: `${m}-1`,
      date: `${m}-11`,
      clientCode: 'A',
      amount: 100 * (k + 1),
      paidDate: `${m}-21`,
    })),
  );
  for (const m of months) wb.run('computeCommissions', m);
  const report = wb.sheet('Rapport des commissions');
  const rows = report.getRange(2, 1, report.getLastRow() - 1, 1).getValues();
  rows.forEach(([month], i) => {
    if (String(month).startsWith('2024')) report.getRange(i + 2, 6).setValue(true);
  });
  return wb;
}

describe(`dialog downloads (${WORLD})`, () => {
  it('the fold: Remove waits for “I kept a copy”, whether or not the download arrived', async () => {
    const wb = history();
    wb.run('showCommissionDetailsFold');
    dialog = await openDialog(browser, lastDialogHtml(wb.emu.ui.events), { relay: relayTo(wb) });
    const f = dialog.frame;
    const remove = f.getByRole('button', { name: /Supprimer 2 lignes/ });
    await f.getByRole('button', { name: 'Télécharger le CSV' }).click();
    const seen = await downloadsAfter(dialog);
    if (WORLD === 'allowed') expect(seen).toEqual(['commission-details-2024-08-2024-09.csv']);
    else expect(seen).toEqual([]);
    // The click proves nothing: Remove is still off.
    expect(await remove.isDisabled()).toBe(true);
    // The lines can be had from the dialog itself.
    await f.getByText('Le fichier n’arrive pas ?').click();
    const text = await f.locator('#offerText').inputValue();
    expect(text.split('\r\n')[0]).toContain('Mois');
    expect(text).toContain('2024-08-1');
    await f.getByRole('button', { name: 'Copier le contenu' }).click();
    await f
      .locator('#offerMsg')
      .filter({ hasText: /Copié|Ctrl\+C/ })
      .waitFor();
    await f.getByLabel(/J’ai gardé une copie de ces lignes/).check();
    expect(await remove.isDisabled()).toBe(false);
    await remove.click();
    await f.locator('#msg').filter({ hasText: 'lignes supprimées' }).waitFor();
    expect(wb.rows('Détail des commissions').map((r) => r['Mois'])).toEqual(['2026-10']);
  });

  it('a file dialog (Law 25 export, audience CSV): downloaded, or copied from the dialog', async () => {
    const content = '{"client":"C1","note":"</script><b>x</b>"}';
    const html = downloadPage({
      intro: 'Données du client C1',
      button: 'Télécharger',
      filename: 'client-C1.json',
      mime: 'application/json',
      content,
      lang: 'fr',
    });
    dialog = await openDialog(browser, html, {
      relay: () => ({ ok: true, value: null }),
    });
    const f = dialog.frame;
    await f.getByRole('button', { name: 'Télécharger' }).click();
    const seen = await downloadsAfter(dialog);
    expect(seen).toEqual(WORLD === 'allowed' ? ['client-C1.json'] : []);
    await f.getByText('Le fichier n’arrive pas ?').click();
    expect(await f.locator('#offerText').inputValue()).toBe(content);
  });

  it('Settings: one Save button that saves the months of commission details kept with the rest', async () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.run('showSettings');
    dialog = await openDialog(browser, lastDialogHtml(wb.emu.ui.events), {
      relay: relayTo(wb),
      height: 720,
    });
    const f = dialog.frame;
    await f.getByText('Cellules utilisées', { exact: false }).waitFor();
    expect(await f.getByRole('button').count()).toBe(1);
    expect(await f.getByText('Plus de 100 ans à ce rythme.').count()).toBe(1);
    await f.getByLabel(/^Mois de détails de commissions gardés/).fill('36');
    await f.getByLabel(/^Jours de grâce/).fill('9');
    await f.getByRole('button', { name: 'Enregistrer' }).click();
    await f.getByText('Paramètres enregistrés.').waitFor();
    expect(wb.run('headroomLoad').retentionMonths).toBe(36);
    expect(wb.run('settingsLoad').graceDays).toBe(9);
    // Refused whole, with the reason, in French.
    await f.getByLabel(/^Mois de détails de commissions gardés/).fill('0');
    await f.getByLabel(/^Jours de grâce/).fill('12');
    await f.getByRole('button', { name: 'Enregistrer' }).click();
    await f.getByText('Mois gardés : un nombre entier de 1 à 240.').waitFor();
    expect(wb.run('settingsLoad').graceDays).toBe(9);
  });

  it('the Law 25 export: the readable page and the JSON, each downloaded or copied from the dialog', async () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.addRecords('fr', 'clients', [
      { code: 'C1', name: 'Anne <b>Lavoie</b>', email: 'anne@example.com', language: 'en' },
    ]);
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('exportClientData');
    dialog = await openDialog(browser, lastDialogHtml(wb.emu.ui.events), {
      relay: () => ({ ok: true, value: null }),
    });
    const f = dialog.frame;
    await f.getByRole('button', { name: 'Télécharger la page lisible (HTML)' }).click();
    await f.getByRole('button', { name: 'Télécharger les données (JSON)' }).click();
    const seen = await downloadsAfter(dialog);
    expect(seen.sort()).toEqual(
      WORLD === 'allowed' ? ['client-C1-2026-11-15.html', 'client-C1-2026-11-15.json'] : [],
    );
    await f.getByText('Le fichier n’arrive pas ?').click();
    const page = await f.getByLabel(/^Page lisible \(HTML/).inputValue();
    const json = await f.getByLabel(/^Données \(JSON/).inputValue();
    // The client's language (en) for the page; the name stays text in both.
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<dt>Name</dt><dd>Anne &lt;b&gt;Lavoie&lt;/b&gt;</dd>');
    expect(JSON.parse(json)).toMatchObject({ client: 'C1' });
  });

  it('Check this spreadsheet: the person says whether the file arrived, and the report follows', async () => {
    const wb = workbook({ locale: 'en_US' });
    wb.emu.fireOpen();
    wb.emu.clickMenu('Fiche Client > Help > Check this spreadsheet');
    dialog = await openDialog(browser, lastDialogHtml(wb.emu.ui.events), {
      relay: relayTo(wb),
      host: GOOGLE_FRAME_HOST,
      height: 700,
    });
    const f = dialog.frame;
    await f.getByText(/google\.script\.run round trip from this window: \d/).waitFor();
    await f.getByRole('button', { name: 'Test the mail quota (sends you one message)' }).click();
    await f.getByText('The mail quota: counts each recipient').waitFor();
    await f.getByRole('button', { name: 'Download the JSON' }).click();
    await f.getByText('Did the JSON file arrive in your downloads?').waitFor();
    const arrived = (await downloadsAfter(dialog)).length > 0;
    expect(arrived).toBe(WORLD === 'allowed');
    await f.getByRole('button', { name: arrived ? 'Yes' : 'No' }).click();
    await f
      .getByText(
        `A download from this window: ${arrived ? 'arrives' : 'is blocked (copy files from the window)'}`,
      )
      .waitFor();
    const json = JSON.parse(await f.locator('#json').inputValue()) as {
      worlds: { dialogDownloads: string; mailQuotaCounts: string };
    };
    expect(json.worlds.dialogDownloads).toBe(WORLD);
    expect(json.worlds.mailQuotaCounts).toBe('recipients');
  });
});
