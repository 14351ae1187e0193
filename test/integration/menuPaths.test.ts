/**
 * The menu as the docs say it (decision 022): every menu path a person is told to follow —
 * "Fiche Client › Help › Check this spreadsheet", "Aide › À propos de Fiche Client" — in the
 * README and the other Markdown docs, and in every text the product and its tools show (string
 * literals of src/, preview/, bench/, scripts/: the Welcome sheet, messages, the bench's notes),
 * names an item of the menu the bundle builds, in French or in English, word for word. And the
 * README's section on the preview names only menu items and toolbar buttons that exist there.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { SHEETS, SHEET_KEYS } from '../../src/shared/contract';
import { workbook } from './harness';

const ROOT = path.resolve(__dirname, '../..');
/** What starts a menu path in a text: the menu's title, or its Help submenu in either language. */
const STARTS = ['Fiche Client › ', 'Help › ', 'Aide › '];

/** Every item of the menu of a set-up workbook, as "Fiche Client › Help › About Fiche Client". */
function menuPaths(locale: 'fr_CA' | 'en_US'): string[] {
  const wb = workbook({ locale });
  wb.emu.fireOpen();
  return wb.emu.ui.menuItems().map((i) => i.path.split(' > ').join(' › '));
}
const MENUS = [...menuPaths('fr_CA'), ...menuPaths('en_US')];

/**
 * The menu paths a text names that are no menu item. After each start (STARTS), the text must
 * go on with an item's path (its tail after the start): "Help › About_ shows" fails, as the
 * item is "About Fiche Client".
 */
export function wrongPaths(text: string, menus: readonly string[]): string[] {
  const flat = text.replace(/\s+/g, ' ');
  const wrong: string[] = [];
  for (const start of STARTS) {
    const tails = menus
      .map((m) => m.indexOf(start) >= 0 && m.slice(m.indexOf(start) + start.length))
      .filter((t): t is string => typeof t === 'string' && t !== '');
    for (let at = flat.indexOf(start); at >= 0; at = flat.indexOf(start, at + 1)) {
      const rest = flat.slice(at + start.length);
      // A path into a submenu: checked when its own start comes ("Help › …").
      if (STARTS.some((s) => rest.startsWith(s))) continue;
      if (!tails.some((tail) => rest.startsWith(tail))) wrong.push(`${start}${rest.slice(0, 40)}`);
    }
  }
  return wrong;
}

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(full, ext);
    return ext.test(entry.name) ? [full] : [];
  });
}

/** The string literals of a source file (comments are for developers, and may tell history). */
function literals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node))
      out.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

test('the menu is built in both languages, with its Help submenu', () => {
  expect(MENUS).toContain('Fiche Client › Aide › Vérifier ce classeur');
  expect(MENUS).toContain('Fiche Client › Help › Check this spreadsheet');
  expect(MENUS).toContain('Fiche Client › Help › About Fiche Client');
});

test('the check catches a path that is no menu item', () => {
  expect(wrongPaths('_Fiche Client › Help ›\nCheck this spreadsheet_ (x)', MENUS)).toEqual([]);
  expect(wrongPaths('(Fiche Client › Mailchimp et suivis…)', MENUS)).toEqual([]);
  expect(wrongPaths('_Help › About_ shows the version', MENUS)).toEqual([
    'Help › About_ shows the version',
  ]);
  expect(wrongPaths('Fiche Client › Help › Measure speed', MENUS)).toEqual([
    'Help › Measure speed',
  ]);
  expect(wrongPaths('Fiche Client › Mesurer la vitesse', MENUS)).toEqual([
    'Fiche Client › Mesurer la vitesse',
  ]);
});

test('every menu path in the Markdown docs is a menu item', () => {
  const docs = execFileSync('git', ['ls-files', '*.md'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  expect(docs).toContain('README.md');
  const wrong = docs.flatMap((file) =>
    wrongPaths(readFileSync(path.join(ROOT, file), 'utf8'), MENUS).map((w) => `${file}: ${w}`),
  );
  expect(wrong).toEqual([]);
});

/** Words that name something (not "a", "of", "the"), for comparing names loosely. */
function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[^\p{L}\d']+/u)
    .filter((w) => w.length > 2);
}

/**
 * Italic names in a text that are almost a menu item and not quite ("_Anonymize client_" for
 * "Anonymize a client (Law 25)…"): most of an item's words, not its caption. The workbook's
 * sheet and column names are left alone ("_Mailchimp sync_" is a column).
 */
export function nearMenuNames(text: string, captions: readonly string[]): string[] {
  const contract = new Set(
    SHEET_KEYS.flatMap((k) => [
      SHEETS[k].en,
      SHEETS[k].fr,
      ...SHEETS[k].columns.flatMap((c) => [c.en, c.fr]),
    ]).map((n) => n.toLowerCase()),
  );
  const bare = (n: string) => n.replace(/…$/, '').trim();
  const exact = new Set(captions.map((c) => bare(c).toLowerCase()));
  const near: string[] = [];
  for (const m of text.replace(/\s+/g, ' ').matchAll(/(?<![\w`])_([^_`]+)_(?![\w`])/g)) {
    // Another program's path (Google's "Advanced › Go to Fiche Client") is not our menu.
    if (m[1]!.includes(' › ') && !STARTS.some((start) => m[1]!.startsWith(start))) continue;
    const name = bare(m[1]!.split(' › ').at(-1)!);
    if (exact.has(name.toLowerCase()) || contract.has(name.toLowerCase())) continue;
    const mine = new Set(words(name));
    const close = captions.find((c) => {
      const theirs = words(c);
      const shared = theirs.filter((w) => mine.has(w)).length;
      return shared >= 2 && shared / theirs.length >= 0.6;
    });
    if (close) near.push(`_${m[1]}_ (menu: ${close})`);
  }
  return near;
}

test('the docs name menu items by their captions, not by something close', () => {
  const captions = [...new Set(MENUS.map((m) => m.split(' › ').at(-1)!))];
  expect(nearMenuNames('_Anonymize client_ and _Mailchimp sync_', captions)).toEqual([
    '_Anonymize client_ (menu: Anonymize a client (Law 25)…)',
  ]);
  const docs = execFileSync('git', ['ls-files', '*.md'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const near = docs.flatMap((file) =>
    nearMenuNames(readFileSync(path.join(ROOT, file), 'utf8'), captions).map(
      (n) => `${file}: ${n}`,
    ),
  );
  expect(near).toEqual([]);
});

test('every menu path in a text the product or its tools show is a menu item', () => {
  const sources = ['src', 'preview', 'bench', 'scripts'].flatMap((d) =>
    files(path.join(ROOT, d), /\.(ts|mjs)$/),
  );
  const wrong = sources.flatMap((file) =>
    literals(file).flatMap((text) =>
      wrongPaths(text, MENUS).map((w) => `${path.relative(ROOT, file)}: ${w}`),
    ),
  );
  expect(wrong).toEqual([]);
});

test('the README’s preview section names only menu items and toolbar buttons of the preview', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = /^## Local preview\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const toolbar = section.slice(section.indexOf('Toolbar:'));
  expect(toolbar.length).toBeGreaterThan(100);
  // The page's texts (its toolbar's labels among them), and the menu's items.
  const buttons = literals(path.join(ROOT, 'preview', 'page.ts'));
  const labels = new Set([...buttons, ...MENUS.map((m) => m.split(' › ').at(-1)!)]);
  // Bold names of the toolbar's list, italic names anywhere in the section.
  const named = [
    ...[...toolbar.matchAll(/^- \*\*([^*]+)\*\*/gm)].map((m) => m[1]!),
    ...[...toolbar.matchAll(/ and \*\*([^*]+)\*\*/g)].map((m) => m[1]!),
    ...[...section.replace(/\s+/g, ' ').matchAll(/(?<![\w`])_([^_`]+)_(?![\w`])/g)].map(
      (m) => m[1]!,
    ),
  ];
  expect(named).toEqual(expect.arrayContaining(['Surveillance (quotidien)', 'Importer…']));
  // A path names its last item.
  expect(named.map((n) => n.split(' › ').at(-1)!).filter((n) => !labels.has(n))).toEqual([]);
});

test.each(['fr_CA', 'en_US'] as const)(
  'a menu action’s toast is titled with the job’s name as the menu shows it (%s)',
  (locale) => {
    const wb = workbook({ locale });
    wb.emu.fireOpen();
    const items = wb.emu.ui.menuItems();
    const titles: [string, string[]][] = [];
    const click = (fn: string, answers: () => void = () => {}) => {
      const item = items.find((i) => i.functionName === fn)!;
      const before = wb.emu.toasts.length;
      answers();
      wb.emu.clickMenu(item.path);
      const caption = item.path.split(' > ').at(-1)!.replace(/…$/, '');
      titles.push([caption, wb.emu.toasts.slice(before).map((t) => t.title)]);
    };
    click('loadSampleWorkbook', () => wb.emu.ui.answerNextAlert('YES'));
    click('setupWorkbook');
    click('refreshWatchList');
    click('refreshBuyingHabits');
    click('showCommissionReport', () => wb.emu.ui.answerNextPrompt(''));
    // Each action toasted, under its own caption: never a function name or the menu's title.
    for (const [caption, toasts] of titles) expect([caption, toasts]).toEqual([caption, [caption]]);
  },
);

test.each(['fr_CA', 'en_US'] as const)(
  'the alert listing unreadable cells is titled with the menu item that ran (%s)',
  (locale) => {
    const wb = workbook({ locale });
    wb.emu.fireOpen();
    wb.emu.clickMenu(wb.emu.ui.menuItems().find((i) => i.functionName === 'setupWorkbook')!.path);
    const lang = locale === 'fr_CA' ? 'fr' : 'en';
    wb.addRecords(lang, 'clients', [{ code: 'C1', name: 'Client' }]);
    wb.addRecords(lang, 'invoices', [
      { number: 'F1', date: '2026-01-05', clientCode: 'C1', amount: 'beaucoup' },
    ]);
    const item = wb.emu.ui.menuItems().find((i) => i.functionName === 'refreshWatchList')!;
    const before = wb.emu.ui.events.length;
    wb.emu.clickMenu(item.path);
    const alerts = wb.emu.ui.events.slice(before).filter((e) => e.kind === 'alert');
    expect(alerts.map((a) => a.title)).toEqual([item.path.split(' > ').at(-1)!.replace(/…$/, '')]);
  },
);
