/**
 * One source per field: a column added to the contract (src/shared/contract.ts) reaches the
 * sheet, the form and the save with no other change, or the compiler names the one place left
 * to write. Checked on a scratch copy of src/: columns are added (as the next features' would be: a
 * Terms text and a computed Terms amount, an agreement's review date; the Clients status it added
 * first is now in the contract), the copy is type-checked, built, run on the emulator (setup, formOpen, formSave,
 * formLoad) and its sidebar opened in Chromium: each new field is typed, saved and read back.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { invokeServerFunction } from '../../emulator/bridge';
import { createEmulator } from '../../emulator';
import { TestWorkbook } from '../integration/harness';
import { launchBrowser, openSidebar, ROOT, uncaughtErrors } from './harness';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** The copy's contract with the three columns (and the choice set of one) inserted. */
function addColumns(contract: string): string {
  const insert = (text: string, anchor: string, added: string) => {
    if (!text.includes(anchor)) throw new Error(`contract.ts no longer has ${anchor}`);
    return text.replace(anchor, anchor + added);
  };
  // The Clients status this test once added is in the contract since decision 021: the form's
  // Statut below is the real one, drawn and saved the same way.
  let out = insert(
    contract,
    'export const TERMS_COLUMNS = [\n',
    "  col('deliveryNotes', 'Delivery notes', 'Notes de livraison', 'text', {\n" +
      "    personal: true,\n    form: { tab: 'terms', widget: 'textarea' },\n  }),\n" +
      "  col('overdueAmount', 'Overdue amount', 'Montant en retard', 'money', {\n" +
      "    computed: true,\n    form: { tab: 'terms', after: 'balanceDue' },\n  }),\n",
  );
  out = insert(
    out,
    'export const COMMISSION_COLUMNS = [\n',
    "  col('reviewDate', 'Review date', 'Révision', 'date', {\n" +
      "    form: { tab: 'salespeople', optional: true },\n  }),\n",
  );
  return out;
}

/** The copy's type errors: the compiler's output, and its lines naming a file. */
function typeErrors(dir: string): { text: string; files: string[] } {
  let text = '';
  for (const project of ['src/server/tsconfig.json', 'src/sidebar/tsconfig.json']) {
    try {
      // Incremental: the second check (after the one fix) re-checks what changed only.
      const info = path.join(dir, `${project.replace(/\W/g, '_')}.tsbuildinfo`);
      execFileSync(
        process.execPath,
        [TSC, '-p', path.join(dir, project), '--incremental', '--tsBuildInfoFile', info],
        { encoding: 'utf8' },
      );
    } catch (e) {
      text += String((e as { stdout?: string }).stdout ?? e);
    }
  }
  const files = [...new Set(text.match(/^\S[^(\n]*(?=\(\d+,\d+\): error TS)/gm) ?? [])];
  return { text, files };
}

let dir: string;
let compileErrors: ReturnType<typeof typeErrors>;
let browser: Browser;
let page: Page | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fiche-new-column-'));
  for (const entry of ['src', 'scripts', 'appsscript.json', 'tsconfig.base.json', 'package.json'])
    cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const contract = path.join(dir, 'src/shared/contract.ts');
  writeFileSync(contract, addColumns(readFileSync(contract, 'utf8')));
  compileErrors = typeErrors(dir);
  // The one place the compiler asks for: the commission rules read agreements by hand (a review
  // date is not a rule's).
  const commissions = path.join(dir, 'src/domain/commissions.ts');
  const anchor = "    productType: product.ok ? (product.value ?? '') : '',\n";
  const source = readFileSync(commissions, 'utf8');
  if (!source.includes(anchor)) throw new Error('validateAgreement changed: update this test');
  writeFileSync(commissions, source.replace(anchor, anchor + '    reviewDate: null,\n'));
  execFileSync(process.execPath, [path.join(dir, 'scripts/build.mjs')], { encoding: 'utf8' });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  if (!page) return;
  expect(uncaughtErrors(page)).toEqual([]);
  await page.context().close();
});

test('the compiler asks only for the agreement reader of the commission rules', () => {
  // Every error is in domain/commissions.ts: its agreement has no review date.
  expect(compileErrors.files.map((f) => f.replace(/^.*\/src\//, 'src/'))).toEqual([
    'src/domain/commissions.ts',
  ]);
  expect(compileErrors.text).toMatch(/Property 'reviewDate' is missing/);
  // Written, the copy compiles: nothing else needed a change.
  expect(typeErrors(dir)).toEqual({ text: '', files: [] });
});

test('the new columns reach the sheets, the form and the save', async () => {
  const emu = createEmulator({
    locale: 'fr_CA',
    timeZone: 'America/Toronto',
    now: '2026-11-15T12:00:00-05:00',
    distDir: path.join(dir, 'dist'),
  });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  // The sheet: Set up writes each new header.
  expect(wb.header('Clients')).toContain('Statut');
  expect(wb.header('Termes')).toEqual(
    expect.arrayContaining(['Notes de livraison', 'Montant en retard']),
  );
  expect(wb.header('Commissions')).toContain('Révision');
  wb.append('Listes', [{ Vendeurs: 'Julie Roy' }]);

  // The form: each new field has its widget, on its tab, with its header as label.
  page = await openSidebar(
    browser,
    { relay: (name, args) => invokeServerFunction(emu, name, args, 'owner@example.com') },
    { html: path.join(dir, 'dist/Sidebar.html') },
  );
  await page.getByRole('tablist').waitFor();
  const label = (name: string) => page!.getByLabel(name, { exact: true });
  const tab = (name: string) => page!.getByRole('tab', { name, exact: true });
  await label('Nom').fill('Ferme Bellevue');
  await label('Statut').selectOption({ label: 'Inactif' });
  await tab('Termes').click();
  await label('Notes de livraison').fill('Porte arrière, =pas une formule');
  // Computed: shown read-only, after Balance due.
  expect(await label('Montant en retard').getAttribute('readonly')).not.toBeNull();
  await tab('Vendeurs').click();
  await page.getByRole('button', { name: '+ Ajouter un vendeur' }).click();
  await label('Vendeur 1').fill('Julie Roy');
  await label('Taux (%) 1').fill('5');
  await label('Révision 1').fill('2026-12-01');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.locator('.status.ok, .status.error').first().waitFor();
  expect(await page.locator('.status').textContent()).toBe('Client « C0001 » enregistré.');

  // The save: each cell written, text kept as text.
  expect(wb.rows('Clients')[0]).toMatchObject({ 'Code client': 'C0001', Statut: 'Inactif' });
  expect(wb.rows('Termes')[0]).toMatchObject({
    'Code client': 'C0001',
    'Notes de livraison': 'Porte arrière, =pas une formule',
  });
  const agreement = wb.rows('Commissions')[0]!;
  expect(agreement).toMatchObject({ 'Code client': 'C0001', Vendeur: 'Julie Roy', 'Taux (%)': 5 });
  expect(agreement['Révision']).toBeInstanceOf(Date);

  // And back: the record read from the sheets holds them.
  const loaded = invokeServerFunction(emu, 'formLoad', ['C0001'], 'owner@example.com');
  expect(loaded.ok).toBe(true);
  const record = (loaded as { value: { record: Record<string, Record<string, unknown>> } }).value
    .record;
  expect(record.general!.status).toBe('inactive');
  expect(record.terms!.deliveryNotes).toBe('Porte arrière, =pas une formule');
  expect(record.computed!).toHaveProperty('overdueAmount', null);
  expect((record.salespeople as unknown as Record<string, unknown>[])[0]).toMatchObject({
    salesperson: 'Julie Roy',
    reviewDate: '2026-12-01',
  });
}, 60_000);
