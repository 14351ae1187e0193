/**
 * Decision 012: a person signed in to several Google accounts in one browser gets every
 * google.script.run call refused (PERMISSION_DENIED, "Authorization is required…"): every page
 * (the sidebar, each dialog) says what to do, in the workbook's language (in both before the
 * sidebar knows it), with Google's page. Needs `npm run build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { workbook } from '../integration/harness';
import { lastDialogHtml, openDialog, type OpenDialog } from './dialogHarness';
import { installFakeBackend } from './fakeBackend';
import { launchBrowser, openSidebar, uncaughtErrors } from './harness';
import { seed } from './seed';

const PERMISSION_DENIED =
  "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.";
const HELP_URL =
  'https://developers.google.com/apps-script/guides/projects#fix_issues_with_multiple_google_accounts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

let dialog: OpenDialog | null = null;
let sidebar: Page | null = null;
afterEach(async () => {
  expect(dialog?.errors ?? []).toEqual([]);
  await dialog?.page.context().close();
  dialog = null;
  if (sidebar) expect(uncaughtErrors(sidebar)).toEqual([]);
  await sidebar?.context().close();
  sidebar = null;
});

describe('the sidebar', () => {
  it('refused at its first call: the guidance in French and in English', async () => {
    sidebar = await openSidebar(browser, {
      relay: () => ({ ok: false, error: { name: 'ScriptError', message: PERMISSION_DENIED } }),
    });
    const alert = sidebar.getByRole('alert');
    await alert.getByText('Google a refusé l’appel', { exact: false }).waitFor();
    await alert.getByText('Google refused the call', { exact: false }).waitFor();
    expect(await alert.textContent()).toContain(PERMISSION_DENIED);
    const links = alert.getByRole('link');
    expect(await links.count()).toBe(2);
    expect(await links.nth(0).getAttribute('href')).toBe(HELP_URL);
    expect(await links.nth(1).getAttribute('href')).toBe(HELP_URL);
  });

  it('refused at a save: the guidance in the form’s language', async () => {
    sidebar = await openSidebar(browser, { fn: installFakeBackend, arg: seed('fr') });
    await sidebar.getByRole('tablist').waitFor();
    await sidebar.evaluate(
      (m) =>
        (window as unknown as { __fake: { failNext(n: string, m: string): void } }).__fake.failNext(
          'formSave',
          m,
        ),
      'ScriptError: Authorization is required to perform that action.',
    );
    await sidebar.getByLabel('Nom', { exact: true }).fill('Ferme Bellevue');
    await sidebar.getByRole('button', { name: 'Enregistrer' }).click();
    const status = sidebar.locator('.status.error');
    await status.getByText('Google a refusé l’appel', { exact: false }).waitFor();
    expect(await status.getByText('Google refused the call', { exact: false }).count()).toBe(0);
    expect(await status.getByRole('link').getAttribute('href')).toBe(HELP_URL);
  });
});

describe('the dialogs', () => {
  it.each([
    ['fr', 'Google a refusé l’appel', 'Aide de Google : plusieurs comptes Google'],
    ['en', 'Google refused the call', 'Google’s help: multiple Google accounts'],
  ] as const)('the Settings dialog (%s)', async (lang, help, link) => {
    const wb = workbook({ locale: lang === 'fr' ? 'fr_CA' : 'en_US' });
    wb.run('showSettings');
    dialog = await openDialog(browser, lastDialogHtml(wb.emu.ui.events), {
      // Every call refused, as for a person signed in to two accounts.
      relay: () => ({ ok: false, error: { name: 'ScriptError', message: PERMISSION_DENIED } }),
      height: 700,
    });
    const f = dialog.frame;
    await f.getByText(help).first().waitFor();
    const a = f.getByRole('link', { name: link }).first();
    expect(await a.getAttribute('href')).toBe(
      'https://developers.google.com/apps-script/guides/projects#fix_issues_with_multiple_google_accounts',
    );
    await f.getByText(PERMISSION_DENIED).first().waitFor();
  });

  it('another failure shows its message alone', async () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.run('showSettings');
    dialog = await openDialog(browser, lastDialogHtml(wb.emu.ui.events), {
      relay: () => ({ ok: false, error: { name: 'Error', message: 'Service indisponible' } }),
      height: 700,
    });
    await dialog.frame.getByText('Service indisponible').first().waitFor();
    expect(await dialog.frame.getByText('Google a refusé l’appel').count()).toBe(0);
  });
});
