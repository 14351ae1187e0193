/**
 * The client statement's dialog (decision 020 point 6) in Chromium, inside a frame sandboxed as
 * Apps Script's is: the statement drawn from its data with user text as text (a <script> in a
 * name and a remark runs nothing), Print calling window.print(), and E-mail to the client asking
 * first with the address, then calling the real bundle (statementEmail) on the emulator. Needs
 * `npm run build` first.
 */
import type { Browser } from 'playwright-core';
import { invokeServerFunction } from '../../emulator/bridge';
import { workbook, type TestWorkbook } from '../integration/harness';
import { lastDialogHtml, openDialog, type OpenDialog } from './dialogHarness';
import { launchBrowser, openSidebar, uncaughtErrors, type RelayReply } from './harness';

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

const HOSTILE =
  '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script> =1+1';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
  wb.addRecords('fr', 'clients', [{ code: 'A', name: HOSTILE, email: 'anne@example.com' }]);
  wb.addRecords('fr', 'terms', [{ clientCode: 'A', invoiceRemarks: HOSTILE }]);
  wb.addRecords('fr', 'invoices', [
    { number: 'F-1', date: '2026-09-01', clientCode: 'A', amount: 1000, dueDate: '2026-10-01' },
  ]);
  wb.addRecords('fr', 'payments', [
    { date: '2026-10-20', invoiceNumber: 'F-1', clientCode: 'A', amount: 600 },
  ]);
  return wb;
}

test('the statement dialog: user text as text, Print, and the e-mail confirmed with its address', async () => {
  const wb = seeded();
  expect(wb.run('statementShow', 'A')).toEqual({ ok: true });
  const calls: string[] = [];
  dialog = await openDialog(browser, lastDialogHtml(wb.emu.ui.events), {
    width: 760,
    height: 620,
    relay: (name, args): RelayReply => {
      calls.push(name);
      return invokeServerFunction(wb.emu, name, args, wb.emu.user);
    },
  });
  const { frame } = dialog;
  const text = await frame.locator('#statement').innerText();
  expect(text).toContain('État de compte');
  expect(text).toContain(HOSTILE);
  expect(text).toContain('400,00');
  // Nothing typed in a cell became an element, nor ran.
  expect(await frame.locator('#statement img, #statement script').count()).toBe(0);
  expect(await frame.evaluate(() => document.title)).not.toBe('pwned');

  // Print: the browser's print dialog (replaced here, to see it called).
  await frame.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await frame.getByRole('button', { name: 'Imprimer' }).click();
  expect(await frame.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // E-mail: a confirmation naming the address first; Cancel sends nothing.
  await frame.getByRole('button', { name: 'Envoyer au client par courriel' }).click();
  await expect(frame.locator('#askText').innerText()).resolves.toBe(
    'Envoyer cet état de compte à anne@example.com ?',
  );
  await frame.getByRole('button', { name: 'Annuler' }).click();
  expect(calls).toEqual([]);
  await frame.getByRole('button', { name: 'Envoyer au client par courriel' }).click();
  await frame.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await frame.locator('#msg', { hasText: 'envoyé' }).waitFor();
  expect(await frame.locator('#msg').innerText()).toBe('État de compte envoyé à anne@example.com.');
  expect(calls).toEqual(['statementEmail']);
  expect(wb.emu.mails.map((m) => m.to)).toEqual([['anne@example.com']]);
});

test('the form’s Termes tab opens the open client’s statement', async () => {
  const wb = seeded();
  wb.sheet('Clients').getRange('A2').activate();
  const page = await openSidebar(browser, {
    relay: (name, args) => invokeServerFunction(wb.emu, name, args, wb.emu.user),
  });
  try {
    await page.getByRole('tab', { name: 'Termes', exact: true }).click();
    await page.getByRole('button', { name: 'État de compte…' }).click();
    for (let i = 0; i < 100 && wb.emu.ui.ofKind('modalDialog').length === 0; i++)
      await page.waitForTimeout(50);
    expect(wb.emu.ui.ofKind('modalDialog')).toHaveLength(1);
    expect(lastDialogHtml(wb.emu.ui.events)).toContain('"code":"A"');
    expect(uncaughtErrors(page)).toEqual([]);
  } finally {
    await page.context().close();
  }
});
