/**
 * The local preview in Chromium: the real server (preview/server.ts, as `npm start` runs it) on
 * a free port with a temporary workbook, the real bundle and sidebar (run `npm run build`
 * first; `npm test` does). Screenshots go to artifacts/ (docs/ with UPDATE_SCREENSHOTS=1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { windows1252 } from './previewFixtures';

const ROOT = path.resolve(__dirname, '../..');
// Screenshots go to artifacts/ on every run; UPDATE_SCREENSHOTS=1 also refreshes the README's
// copies in docs/ (so a test run leaves the tracked files alone).
const SHOTS = path.join(ROOT, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : 'artifacts');
const TODAY = '2026-11-16';

let server: ChildProcess;
let port = 0;
let dataDir = '';
let browser: Browser;
let page: Page;
let errors: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const p = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(p));
    });
  });
}

/** Runs preview/server.ts as `npm start` does; resolves with the process and its output so far. */
function startServer(
  args: string[],
): Promise<{ child: ChildProcess; out: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'preview/server.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`preview did not start: ${out}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.includes('http://127.0.0.1:')) {
        clearTimeout(timer);
        resolve({ child, out, code: null });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ child, out, code });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/Code.js'))) throw new Error('run npm run build first');
  port = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fiche-preview-'));
  const started = await startServer([
    '--port',
    String(port),
    '--data',
    path.join(dataDir, 'workbook.json'),
    '--fresh',
    '--today',
    TODAY,
  ]);
  if (started.code !== null) throw new Error(`preview exited: ${started.out}`);
  server = started.child;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 860 },
    locale: 'fr-CA',
    timezoneId: 'America/Toronto',
  });
  context.setDefaultTimeout(10_000);
  // Everything is local: nothing may come from the network.
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('#grid tbody tr').first().waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  expect(errors).toEqual([]);
  errors = [];
});

// ---------------------------------------------------------------- helpers

const tab = (name: string): Locator => page.getByRole('tab', { name, exact: true });
const sidebar = () => page.frameLocator('#sidebar-frame');

async function openSheet(name: string): Promise<void> {
  await tab(name).click();
  await page.locator(`#tabs [aria-selected="true"]`, { hasText: name }).waitFor();
}

async function menu(item: string): Promise<void> {
  await page.getByRole('button', { name: 'Fiche Client', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** The grid's header texts (row 1). */
async function headers(): Promise<string[]> {
  return page.locator('#grid tr[data-row="1"] td').allTextContents();
}

/** The grid row whose cell in column `header` is exactly `value`. */
async function rowWhere(header: string, value: string): Promise<Locator> {
  const col = (await headers()).indexOf(header) + 1;
  expect(col).toBeGreaterThan(0);
  const row = page.locator('#grid tbody tr').filter({
    has: page.locator(`td[data-col="${col}"]`, { hasText: new RegExp(`^${escape(value)}$`) }),
  });
  await row.first().waitFor();
  return row.first();
}

async function cellOf(row: Locator, header: string): Promise<Locator> {
  const col = (await headers()).indexOf(header) + 1;
  return row.locator(`td[data-col="${col}"]`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `preview-${name}.png`) });
}

// ---------------------------------------------------------------- tests

test('opens the French sample on Clients, with the menu from onOpen and every sheet', async () => {
  expect(await page.locator('#tabs button').allTextContents()).toEqual(
    expect.arrayContaining([
      'Clients',
      'Termes',
      'Commissions',
      'Journal CRM',
      'Factures',
      'Rapport des commissions',
      'Détail des commissions',
      'Listes',
    ]),
  );
  expect(await tab('Clients').getAttribute('aria-selected')).toBe('true');
  // About 30 clients, and some of them under watch after the sample's refresh.
  expect(
    await page.locator('#grid tbody tr td[data-col="1"]', { hasText: /^C-\d{4}$/ }).count(),
  ).toBe(30);
  const watchCol = (await headers()).indexOf('Sous surveillance') + 1;
  expect(await page.locator(`td[data-col="${watchCol}"] input:checked`).count()).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Fiche Client', exact: true }).click();
  // The menu is the bundle's own (other items may join it): the core entry points are there.
  expect(await page.getByRole('menuitem').allTextContents()).toEqual(
    expect.arrayContaining([
      'Fiche client',
      'Actualiser la liste de surveillance',
      'Rapport des commissions…',
      'Configurer le classeur',
      'Paramètres…',
    ]),
  );
  await shot('clients');
  await page.keyboard.press('Escape');
});

test('creates a client through the real sidebar and sees it in the Clients grid', async () => {
  await openSheet('Clients');
  await menu('Fiche client');
  await sidebar().getByRole('tablist').waitFor();
  await sidebar().getByRole('button', { name: 'Nouveau client' }).click();
  const code = await sidebar().getByLabel('Code client', { exact: true }).inputValue();
  expect(code).toBe('C-0031');
  await sidebar().getByLabel('Nom', { exact: true }).fill('Boulangerie du Plateau <b>inc.</b>');
  await sidebar().getByLabel('Ville', { exact: true }).fill('Montréal');
  await sidebar().getByRole('button', { name: 'Enregistrer' }).click();
  await sidebar().locator('.status.ok').waitFor();
  // The grid redraws once the sidebar's google.script.run call is done.
  const row = await rowWhere('Code client', code);
  expect(await (await cellOf(row, 'Nom')).textContent()).toBe('Boulangerie du Plateau <b>inc.</b>');
  expect(await (await cellOf(row, 'Ville')).textContent()).toBe('Montréal');
  await row.scrollIntoViewIfNeeded();
  await shot('sidebar');
});

test('selecting a client row, then Client form, opens that client in the sidebar', async () => {
  await openSheet('Clients');
  const row = await rowWhere('Code client', 'C-0005');
  await (await cellOf(row, 'Ville')).click();
  await menu('Fiche client');
  await sidebar()
    .getByRole('heading', { level: 1, name: /^C-0005 — / })
    .waitFor();
});

test('editing a computed column asks first, as the warning protection does in Sheets', async () => {
  await openSheet('Clients');
  const row = await rowWhere('Code client', 'C-0002');
  const reasons = await cellOf(row, 'Motifs de surveillance');
  await reasons.dblclick();
  const dialog = page.locator('dialog#ask');
  await dialog.getByText(/calculée par le script/).waitFor();
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  expect(await reasons.locator('input').count()).toBe(0);
});

test('editing an invoice cell fires the edit trigger: paying the overdue invoice clears the watch flag', async () => {
  await openSheet('Clients');
  // A client watched for one overdue invoice only.
  const reasonCells = page.locator('#grid tbody td', { hasText: /^Facture F-\d+ en retard[^;]*$/ });
  await reasonCells.first().waitFor();
  const reason = (await reasonCells.first().textContent()) ?? '';
  const invoice = /F-\d+/.exec(reason)?.[0] ?? '';
  const clientRow = reasonCells.first().locator('xpath=..');
  const code = (await clientRow.locator('td[data-col="1"]').textContent()) ?? '';
  const watched = (await cellOf(clientRow, 'Sous surveillance')).locator('input');
  expect(await watched.isChecked()).toBe(true);
  await (await cellOf(clientRow, 'Motifs de surveillance')).scrollIntoViewIfNeeded();
  await shot('watch');

  await openSheet('Factures');
  const invoiceRow = await rowWhere('No de facture', invoice);
  expect(await (await cellOf(invoiceRow, 'Code client')).textContent()).toBe(code);
  const paid = await cellOf(invoiceRow, 'Payée le');
  expect(await paid.textContent()).toBe('');
  await paid.dblclick();
  await paid.locator('input').fill(TODAY);
  await paid.locator('input').press('Enter');
  await poll(
    async () =>
      (await (await cellOf(await rowWhere('No de facture', invoice), 'Payée le')).textContent()) ===
      TODAY,
  );

  await openSheet('Clients');
  const after = await rowWhere('Code client', code);
  // The typed date shows at once; the edit trigger's result comes with the server's answer.
  await poll(
    async () =>
      !(await (
        await cellOf(await rowWhere('Code client', code), 'Sous surveillance')
      )
        .locator('input')
        .isChecked()),
  );
  expect(await (await cellOf(after, 'Sous surveillance')).locator('input').isChecked()).toBe(false);
  expect(await (await cellOf(after, 'Motifs de surveillance')).textContent()).toBe('');
});

test('typing fast (Enter every 250 ms) keeps every value shown, one editor at most, and moves down', async () => {
  await openSheet('Journal CRM');
  const col = (await headers()).indexOf('Détails') + 1;
  const cell = (row: number): Locator =>
    page.locator(`#grid tr[data-row="${row}"] td[data-col="${col}"]`);
  await cell(2).click();
  const typed = [0, 1, 2, 3, 4, 5].map((i) => `Note rapide ${i}`);
  let mostEditors = 0;
  for (const [i, text] of typed.entries()) {
    await page.keyboard.press('Enter');
    await page.locator('input.editor').waitFor();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    // The value shows at once, before the server has answered.
    expect(await cell(i + 2).textContent()).toBe(text);
    for (let k = 0; k < 5; k++) {
      mostEditors = Math.max(mostEditors, await page.locator('input.editor').count());
      for (const [j, earlier] of typed.slice(0, i + 1).entries())
        expect(await cell(j + 2).textContent()).toBe(earlier);
      await page.waitForTimeout(50);
    }
  }
  expect(mostEditors).toBeLessThanOrEqual(1);
  await page.waitForLoadState('networkidle');
  for (const [j, text] of typed.entries()) expect(await cell(j + 2).textContent()).toBe(text);
  // The selection moved down with each Enter.
  expect(await cell(typed.length + 2).getAttribute('class')).toContain('selected');
});

test('the monthly trigger, with the clock set to a date, writes the previous month’s report', async () => {
  await page.locator('#date').fill('2026-12-01');
  await page.getByRole('button', { name: 'Commissions (mensuel)' }).click();
  await page.locator('#clock', { hasText: '2026-12-01' }).waitFor();
  await openSheet('Rapport des commissions');
  await page.locator('#sidebar-close').click();
  const monthRows = page.locator('#grid tbody tr', {
    has: page.locator('td[data-col="1"]', { hasText: /^2026-11$/ }),
  });
  await monthRows.first().waitFor();
  expect(await monthRows.count()).toBeGreaterThan(0);
  // The sample's own run, the month before, is still there.
  expect(
    await page.locator('#grid td[data-col="1"]', { hasText: /^2026-10$/ }).count(),
  ).toBeGreaterThan(0);
  await shot('commissions');
  await page.getByRole('button', { name: 'Heure réelle' }).click();
  await page.locator('#clock:not(.pinned)').waitFor();
});

test('the commission report menu asks for a month in a dialog and runs it with the answer', async () => {
  await menu('Rapport des commissions…');
  const dialog = page.locator('dialog#ask');
  await dialog.waitFor();
  await dialog.locator('input').fill('2026-09');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page
    .locator('#tabs [aria-selected="true"]', { hasText: 'Rapport des commissions' })
    .waitFor();
  await page
    .locator('#grid td[data-col="1"]', { hasText: /^2026-09$/ })
    .first()
    .waitFor();
  await page.locator('.toast', { hasText: '2026-09' }).first().waitFor();
});

test('anonymize asks to type the client code: a wrong one changes nothing and says so', async () => {
  await openSheet('Clients');
  const codeOf = async () =>
    (await page.locator('#grid tbody tr td[data-col="1"]').nth(1).textContent())?.trim() ?? '';
  const code = await codeOf();
  expect(code).toMatch(/^C-\d{4}$/);
  await menu('Anonymiser un client (Loi 25)…');
  const dialog = page.locator('dialog#ask');
  await dialog.waitFor();
  await dialog.locator('input').fill(code);
  await dialog.getByRole('button', { name: 'OK' }).click();
  // The confirmation is a question to answer by typing, not a Yes to click.
  await dialog.getByText(`Pour confirmer, tapez le code du client (${code}) puis OK.`).waitFor();
  expect(await dialog.getByRole('button', { name: 'Oui' }).count()).toBe(0);
  await dialog.locator('input').fill('C-0000');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await page
    .getByText(`« C-0000 » n’est pas le code du client (${code}) : rien n’a été changé.`)
    .waitFor();
  await dialog.getByRole('button', { name: 'OK' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await codeOf()).toBe(code);
  const row = page.locator('#grid tbody tr', { hasText: code }).first();
  expect(await row.textContent()).not.toContain('Client anonymisé');
});

test('the Settings dialog runs in a frame over google.script.run', async () => {
  await menu('Paramètres…');
  const frame = page.frameLocator('dialog#html-dialog iframe');
  const grace = frame.locator('#graceDays');
  await expect_value(grace, '0');
  await page.locator('dialog#html-dialog').getByRole('button', { name: 'Fermer' }).click();
});

test('CSV export, then import of an edited file, replaces the sheet rows and keeps text as text', async () => {
  await openSheet('Journal CRM');
  const response = await page.request.get(
    `http://127.0.0.1:${port}/api/csv?sheet=${encodeURIComponent('Journal CRM')}`,
  );
  const csv = await response.text();
  const lines = csv.trimEnd().split('\r\n');
  // UTF-8 with a byte order mark, which Excel needs to read the accents.
  expect(lines[0]).toBe('\uFEFFCode client,Date,Nature,De,À,Cc,Objet,Détails');
  const added =
    'C-0001,2026-11-16,Suivi,julie.pelletier@exemple.ca,,,"=1+1, ""à voir""",Rappel\r\n';
  const importFile = (): Promise<void> =>
    page.locator('#import').setInputFiles({
      name: 'crm.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv + added, 'utf8'),
    });
  const codes = page.locator('#grid tbody td[data-col="1"]', { hasText: /^C-\d{4}$/ });
  const dialog = page.locator('dialog#ask');
  // It asks first, saying what is replaced; "Non" changes nothing.
  await importFile();
  await dialog.getByText(`Remplacer les ${lines.length - 1} lignes`).waitFor();
  await dialog.getByRole('button', { name: 'Non' }).click();
  expect(await codes.count()).toBe(lines.length - 1);
  await importFile();
  await dialog.getByRole('button', { name: 'Oui' }).click();
  await page.locator('.toast', { hasText: `${lines.length} lignes importées` }).waitFor();
  const row = await rowWhere('Objet', '=1+1, "à voir"');
  expect(await (await cellOf(row, 'Date')).textContent()).toBe('2026-11-16');
  expect(await codes.count()).toBe(lines.length);
  // The workbook before the import comes back with Restore.
  await page.getByRole('button', { name: 'Restaurer', exact: true }).click();
  await page.locator('.toast', { hasText: 'restauré' }).waitFor();
  await codes.nth(lines.length - 1).waitFor({ state: 'detached' });
  expect(await codes.count()).toBe(lines.length - 1);
  expect(await page.getByRole('button', { name: 'Restaurer', exact: true }).isHidden()).toBe(true);
});

test('a CSV with an unknown column is refused and changes nothing', async () => {
  await openSheet('Journal CRM');
  const before = await page.locator('#grid tbody tr').count();
  await page.locator('#import').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Code client,Couleur\r\nC-0001,bleu\r\n', 'utf8'),
  });
  await page
    .locator('.toast.error', {
      hasText: 'Import refusé : Colonnes inconnues : « Couleur » (séparateur lu : virgule).',
    })
    .waitFor();
  expect(await page.locator('#grid tbody tr').count()).toBe(before);
});

test('a taken port gives a clear message and exit code 1; the workbook persisted to its file', async () => {
  const second = await startServer([
    '--port',
    String(port),
    '--data',
    path.join(dataDir, 'other.json'),
  ]);
  expect(second.code).toBe(1);
  expect(second.out).toContain(
    `Le port ${port} est déjà pris : essayez npm start -- --port ${port + 1}`,
  );
  const saved = JSON.parse(readFileSync(path.join(dataDir, 'workbook.json'), 'utf8')) as {
    format: string;
    triggers: { handler: string }[];
  };
  expect(saved.format).toBe('fiche-client-preview/1');
  expect(saved.triggers.map((t) => t.handler).sort()).toEqual([
    'onChangeTrigger',
    'onEditTrigger',
    'onHourlyTrigger',
  ]);
});

test('Excel’s CSV in French (semicolons, Windows-1252) imports with its accents, and exports back with a BOM', async () => {
  await openSheet('Journal CRM');
  const codes = page.locator('#grid tbody td[data-col="1"]', { hasText: /^C-\d{4}$/ });
  const before = await codes.count();
  const response = await page.request.get(
    `http://127.0.0.1:${port}/api/csv?sheet=${encodeURIComponent('Journal CRM')}&sep=semicolon`,
  );
  const csv = (await response.text()).replace(/^\uFEFF/, '');
  expect(csv.split('\r\n')[0]).toBe('Code client;Date;Nature;De;À;Cc;Objet;Détails');
  const added = 'C-0002;2026-11-16;Suivi;;;;Café à l’étage;Prévoir 2 000,50 $ « net »\r\n';
  await page.locator('#import').setInputFiles({
    name: 'excel.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(windows1252(csv + added)),
  });
  const dialog = page.locator('dialog#ask');
  await dialog
    .getByText('Fichier lu en Windows-1252 (ANSI), séparateur : point-virgule.')
    .waitFor();
  await dialog.getByRole('button', { name: 'Oui' }).click();
  const row = await rowWhere('Objet', 'Café à l’étage');
  expect(await (await cellOf(row, 'Détails')).textContent()).toBe('Prévoir 2 000,50 $ « net »');
  expect(await codes.count()).toBe(before + 1);
  // The separator chosen in the toolbar is the export's.
  await page.locator('#csv-sep').selectOption('semicolon');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter' }).click(),
  ]);
  const file = readFileSync((await download.path())!);
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(file.toString('utf8', 3)).toContain('C-0002;2026-11-16;Suivi;;;;Café à l’étage;');
  await page.locator('#csv-sep').selectOption('comma');
});

test('a 49,999-character cell does not widen its column: the next column stays in reach', async () => {
  await openSheet('Journal CRM');
  const header = await headers();
  const subject = header.indexOf('Objet') + 1;
  const first = page.locator(`#grid tr[data-row="2"] td[data-col="${subject}"]`);
  const long = `Début ${'x'.repeat(49_999 - 'Début '.length - ' fin'.length)} fin`;
  await first.dblclick();
  await page.locator('input.editor').fill(long);
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/edit'));
  await page.locator('input.editor').press('Enter');
  expect((await saved).status()).toBe(200);
  // Wherever the saved row is drawn (the answer redraws the grid).
  const cell = page.locator(`#grid td[data-col="${subject}"]`, { hasText: /^Début x+ fin$/ });
  await cell.waitFor();
  expect(((await cell.textContent()) ?? '').length).toBe(49_999);
  const box = (await cell.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(480);
  const next = page.locator(`#grid tr[data-row="1"] td[data-col="${subject + 1}"]`);
  const nextBox = (await next.boundingBox())!;
  expect(nextBox.x + nextBox.width).toBeLessThan(1440);
  // The editor has the whole text (compared by length and ends: no 50,000-character diff).
  await cell.dblclick();
  const edited = await page.locator('input.editor').inputValue();
  expect([edited.length, edited.slice(0, 8), edited.slice(-6)]).toEqual([
    49_999,
    'Début xx',
    'xx fin',
  ]);
  await page.locator('input.editor').press('Escape');
  await shot('long-cell');
});

test('three quick Paid out ticks show at once, before the server answers', async () => {
  await openSheet('Rapport des commissions');
  const paidCol = (await headers()).indexOf('Payée') + 1;
  const boxes = page.locator(`#grid tbody td[data-col="${paidCol}"] input[type="checkbox"]`);
  await boxes.nth(3).waitFor();
  // The sample's month before last is paid out already (decision 020): three rows not ticked yet.
  const ticked = await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked));
  const rows = ticked.flatMap((t, i) => (t ? [] : [i])).slice(0, 3);
  expect(rows).toHaveLength(3);
  const states = async () => Promise.all(rows.map(async (i) => boxes.nth(i).isChecked()));
  expect(await states()).toEqual([false, false, false]);
  // Each edit is answered only once the three clicks are checked: the ticks must not wait for
  // it. (A fixed delay was not enough on a loaded machine: an answer arrived between two clicks
  // and its redraw swallowed the next click.)
  let delayed = 0;
  let passed = 0;
  let release = (): void => {};
  let answers = Promise.resolve();
  const holdAnswers = () => {
    answers = new Promise<void>((r) => (release = r));
  };
  await page.route('**/api/edit', async (route) => {
    delayed++;
    await answers;
    await route.continue();
    passed++;
  });
  try {
    holdAnswers();
    for (const i of rows) await boxes.nth(i).click();
    expect(await states()).toEqual([true, true, true]);
    release();
    await poll(async () => passed === 3);
    await page.waitForLoadState('networkidle');
    expect(await states()).toEqual([true, true, true]);
    holdAnswers();
    for (const i of rows) await boxes.nth(i).click();
    expect(await states()).toEqual([false, false, false]);
    release();
    await poll(async () => passed === 6);
  } finally {
    release();
    await page.unroute('**/api/edit');
  }
  expect(delayed).toBe(6);
  await poll(async () => (await states()).every((s) => !s));
});

test('Vérifier ce classeur (with the speed measurement) says in the preview that its timings are emulated', async () => {
  await menu('Vérifier ce classeur');
  const dialog = page.locator('dialog#html-dialog');
  await dialog
    .getByText('Émulé : ce n’est pas une mesure d’Apps Script.', { exact: false })
    .waitFor();
  const flagged = await page
    .frameLocator('dialog#html-dialog iframe')
    .locator('body')
    .evaluate(
      () =>
        (window as unknown as { ficheClientPreview?: { emulated: boolean } }).ficheClientPreview,
    );
  expect(flagged).toEqual({ emulated: true });
  await dialog.getByRole('button', { name: 'Fermer' }).click();
});

test('Aide › Vérifier ce classeur runs in the preview; what only Google can tell is “not measurable here”', async () => {
  await menu('Vérifier ce classeur');
  const frame = page.frameLocator('dialog#html-dialog iframe');
  // The round trips complete the report (the speed list gets its round-trip line).
  await frame.getByText(/Aller-retour google\.script\.run depuis cette fenêtre : \d/).waitFor();
  await frame.getByText(/Le fuseau du classeur \(America\/Toronto\) dans Intl : connu/).waitFor();
  await frame.getByRole('button', { name: 'Télécharger le JSON' }).click();
  await frame
    .getByText(
      'Un téléchargement depuis cette fenêtre : non mesuré (pas mesurable ici, hors de Google Sheets)',
    )
    .waitFor();
  const json = JSON.parse(await frame.locator('#json').inputValue()) as {
    probes: { download: unknown };
  };
  expect(json.probes.download).toEqual({ measurable: false });
  await page.locator('dialog#html-dialog').getByRole('button', { name: 'Fermer' }).click();
});

async function expect_value(locator: Locator, value: string): Promise<void> {
  await locator.waitFor();
  await poll(async () => (await locator.inputValue()) === value);
}

/** Retries a check until it holds (jest's expect does not retry). */
async function poll(ok: () => Promise<boolean>, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
