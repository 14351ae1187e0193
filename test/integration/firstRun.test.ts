/**
 * The first five minutes (decision 011), through the built bundle: the template (a new spreadsheet
 * whose publisher opened it once) carries the bilingual Welcome sheet; a copy opened by a person
 * who has not authorized anything (an add-on's AuthMode.NONE) shows the menu and the Welcome
 * sheet's steps; no permission error in any auth mode; Help › Load the sample workbook and
 * About; and Set up refusing to install triggers without the person's address.
 */
import { createHash } from 'node:crypto';
import { buildSample } from '../../preview/sample';
import { SHEETS, SHEET_KEYS, type Lang } from '../../src/shared/contract';
import { TestWorkbook, workbook } from './harness';

const WELCOME = 'Bienvenue / Welcome';
const BOB = 'bob@example.com';

/** `npm run template`'s spreadsheet: new, never set up, opened once by its publisher. */
function template(locale: 'en_US' | 'fr_CA' = 'en_US'): TestWorkbook {
  const wb = workbook({ locale, setup: false });
  const opened = wb.emu.fireOpen();
  expect(opened.map((o) => o.error)).toEqual([undefined]);
  return wb;
}

function welcomeText(wb: TestWorkbook): string {
  return wb.emu.spreadsheet
    .values(WELCOME)
    .map((row) => row.join(' | '))
    .join('\n');
}

describe('the Welcome sheet', () => {
  it('is written first, in both languages, when a never-set-up workbook is opened', () => {
    const wb = template();
    const names = wb.spreadsheet.getSheets().map((s) => s.getName());
    expect(names[0]).toBe(WELCOME);
    const text = welcomeText(wb);
    // The three steps, in French and in English, side by side.
    expect(text).toContain(
      '1. Fichier › Créer une copie. Vous travaillez dans votre copie ; ce modèle ne change pas. | 1. File › Make a copy.',
    );
    expect(text).toContain('2. Dans votre copie : menu Fiche Client › Configurer le classeur');
    expect(text).toContain('| 2. In your copy: Fiche Client › Set up workbook');
    expect(text).toContain('3. Acceptez l’écran d’autorisation de Google');
    // What each permission is for, and the unverified-app screen of gmail.com accounts.
    expect(text).toContain('send e-mail as you');
    expect(text).toContain('connect to an external service: Mailchimp, only if you enter');
    expect(text).toContain('“Google hasn’t verified this app”');
    expect(text).toContain('« Accéder à Fiche Client (non sécurisé) »');
    expect(text).toMatch(/Guide: \S/);
    // Plain values: nothing parsed, no formula.
    expect(
      wb.emu.spreadsheet
        .values(WELCOME)
        .flat()
        .every((v) => typeof v === 'string'),
    ).toBe(true);
    // Only its grid: 2 columns.
    expect(wb.sheet(WELCOME).getMaxColumns()).toBe(2);
    // The menu starts with Set up workbook.
    expect(wb.emu.ui.menuItems()[0]!.functionName).toBe('setupWorkbook');
  });

  it('is written once: opened again, or deleted by the team, it does not come back', () => {
    const wb = template();
    wb.emu.fireOpen();
    expect(wb.spreadsheet.getSheets().filter((s) => s.getName() === WELCOME)).toHaveLength(1);
    wb.spreadsheet.deleteSheet(wb.sheet(WELCOME));
    wb.emu.fireOpen();
    expect(wb.spreadsheet.getSheetByName(WELCOME)).toBeNull();
  });

  it('Set up in a copy of the template: the sheets, the blank first tab removed, Welcome kept', () => {
    const copy = new TestWorkbook(template().emu.copySpreadsheet({ user: BOB }));
    copy.run('setupWorkbook');
    const names = copy.spreadsheet.getSheets().map((s) => s.getName());
    expect(names).toEqual([WELCOME, ...SHEET_KEYS.map((k) => SHEETS[k].en), 'Privacy log']);
    expect(copy.emu.triggers.triggers.map((t) => t.owner)).toEqual([BOB, BOB, BOB]);
    // A template copy carries nothing to keep or leave behind: no notice.
    expect(copy.run('triggerStatusLoad').notices).toEqual([]);
  });
});

describe('onOpen in every authorization mode', () => {
  it('AuthMode.NONE (not authorized yet): the menu in the user’s language and the Welcome steps, no error', () => {
    const copy = new TestWorkbook(template().emu.copySpreadsheet({ user: BOB }));
    const properties = JSON.stringify(copy.emu.properties.toJSON());
    const sheets = JSON.stringify(copy.emu.spreadsheet.toJSON());
    const opened = copy.emu.fireOpen(BOB, { authMode: 'NONE' });
    expect(opened.map((o) => o.error)).toEqual([undefined]);
    const items = copy.emu.ui.menuItems();
    expect(items[0]).toEqual({
      path: 'Fiche Client > Set up workbook',
      functionName: 'setupWorkbook',
    });
    expect(items.map((i) => i.path)).toContain('Fiche Client > Help > Load the sample workbook');
    expect(items.map((i) => i.path)).toContain('Fiche Client > Help > About Fiche Client');
    expect(welcomeText(copy)).toContain('3. Accept Google’s authorization screen.');
    // Nothing was written in NONE (nothing could be).
    expect(JSON.stringify(copy.emu.properties.toJSON())).toBe(properties);
    expect(JSON.stringify(copy.emu.spreadsheet.toJSON())).toBe(sheets);
  });

  it('AuthMode.NONE with a French locale: the French menu', () => {
    const wb = workbook({ locale: 'fr_CA', setup: false });
    expect(wb.emu.fireOpen(wb.emu.user, { authMode: 'NONE' }).map((o) => o.error)).toEqual([
      undefined,
    ]);
    expect(wb.emu.ui.menuItems()[0]!.path).toBe('Fiche Client > Configurer le classeur');
  });

  it.each(['NONE', 'LIMITED', 'FULL'] as const)(
    '%s: no permission error, before and after Set up',
    (authMode) => {
      const wb = workbook({ locale: 'en_US', setup: false });
      expect(wb.emu.fireOpen(wb.emu.user, { authMode }).map((o) => o.error)).toEqual([undefined]);
      wb.run('setupWorkbook');
      expect(wb.emu.fireOpen(wb.emu.user, { authMode }).map((o) => o.error)).toEqual([undefined]);
      const first = wb.emu.ui.menuItems()[0]!.functionName;
      // Once set up, the menu is the usual one (NONE cannot know: it never happens where the
      // add-on was used, so Set up first).
      expect(first).toBe(authMode === 'NONE' ? 'setupWorkbook' : 'showClientForm');
    },
  );
});

describe('Help › Load the sample workbook', () => {
  const sheetsHash = (values: (sheet: string) => unknown[][], lang: Lang) =>
    createHash('sha256')
      .update(JSON.stringify(SHEET_KEYS.map((k) => values(SHEETS[k][lang]))))
      .digest('hex');

  it.each(['fr', 'en'] as const)(
    'fills an empty, set-up workbook with the preview’s sample, in the workbook’s language (%s)',
    (lang) => {
      const wb = workbook({ locale: lang === 'fr' ? 'fr_CA' : 'en_US' });
      // Statements on too: still no mail for the sample.
      wb.run('settingsSave', { ...wb.run('settingsLoad'), sendStatements: true });
      wb.emu.ui.answerNextAlert('YES');
      wb.run('loadSampleWorkbook');
      expect(wb.emu.triggerFailures).toEqual([]);
      expect(wb.emu.toasts.at(-1)!.message).toMatch(
        lang === 'fr'
          ? /^Exemple chargé : 30 clients, \d+ factures, commissions de 2026-10\.$/
          : /^Sample loaded: 30 clients, \d+ invoices, commissions for 2026-10\.$/,
      );
      // The same workbook the preview builds for that day and language, sheet for sheet.
      const preview = buildSample({ lang, today: '2026-11-15' });
      expect(sheetsHash((s) => wb.emu.spreadsheet.values(s), lang)).toBe(
        sheetsHash((s) => preview.spreadsheet.values(s), lang),
      );
      expect(wb.rows(SHEETS.clients[lang]).length).toBe(30);
      // Made-up people get no mail (the preview's sample flags clients under watch).
      expect(wb.emu.mails).toEqual([]);
    },
  );

  it('asks first; No changes nothing', () => {
    const wb = workbook({ locale: 'en_US' });
    const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
    wb.emu.ui.answerNextAlert('NO');
    wb.run('loadSampleWorkbook');
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toContain(
      'Type the sample into this workbook?',
    );
    expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);
  });

  it('refuses a workbook with rows, or not set up, saying why; nothing written', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-10-10', clientCode: 'A', amount: 1 },
    ]);
    const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
    wb.run('loadSampleWorkbook');
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toBe(
      'The sample only goes into an empty workbook, and "Invoices" already has rows: nothing was changed.',
    );
    expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);

    const bare = workbook({ locale: 'fr_CA', setup: false });
    bare.run('loadSampleWorkbook');
    expect(bare.emu.ui.ofKind('alert').at(-1)!.prompt).toBe(
      'Lancez d’abord Fiche Client › Configurer le classeur : l’exemple se charge dans un classeur configuré et vide.',
    );
  });

  it('a salesperson typed into Lists meanwhile: refused under the lock, nothing written', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.emu.ui.answerNextAlert('YES');
    wb.emu.at('LockService.getDocumentLock', () =>
      wb.addRecords('en', 'lists', [{ salespeople: 'Zoé' }]),
    );
    const clientsBefore = wb.rows('Clients');
    wb.run('loadSampleWorkbook');
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toContain('"Lists" already has rows');
    expect(wb.rows('Clients')).toEqual(clientsBefore);
  });
});

describe('Help › About', () => {
  it('shows the version and how to get a new one, in the workbook language', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.run('showAbout');
    const about = wb.emu.ui.ofKind('alert').at(-1)!;
    expect(about.title).toBe('À propos de Fiche Client');
    expect(about.prompt).toContain('Fiche Client, version 0.1.0, dans ce classeur.');
    expect(about.prompt).toContain('ne se met pas à jour');
  });
});

describe('Set up without the person’s address', () => {
  it('installs no trigger and says why, in the workbook language; the sheets are set up', () => {
    const wb = workbook({ locale: 'fr_CA', setup: false });
    wb.emu.hiddenEmails.add(BOB);
    wb.runAs(BOB, 'setupWorkbook');
    expect(wb.emu.triggers.triggers).toEqual([]);
    const alert = wb.emu.ui.ofKind('alert').at(-1)!;
    expect(alert.title).toBe('Configurer le classeur');
    expect(alert.prompt).toContain(
      'Déclencheurs non installés : Google n’a pas donné votre adresse courriel au script',
    );
    expect(wb.spreadsheet.getSheetByName('Clients')).not.toBeNull();
    // Settings says none are installed.
    expect(wb.run('triggerStatusLoad').problem).toBe(
      'Aucun déclencheur installé : lancez Fiche Client › Configurer le classeur.',
    );
    // Someone with an address installs them.
    wb.run('setupWorkbook');
    expect(wb.emu.triggers.triggers).toHaveLength(3);
  });
});
