/**
 * The preview's machinery without a browser: CSV (RFC 4180), the sample's determinism and
 * contents, persistence across a restart (the edit trigger still fires), and the replay of
 * questions (a prompt stops the action without changing anything; the answer runs it).
 * Needs the built bundle (npm run build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { formatCsv, parseCsv } from '../../preview/csv';
import { buildSample, buildEmpty } from '../../preview/sample';
import { PreviewSession } from '../../preview/session';
import { exportSheetCsv, importSheetCsv, ImportError, planImport } from '../../preview/sheetCsv';
import { readState } from '../../preview/state';
import { gridView } from '../../preview/view';

const TODAY = '2026-11-16';
let dir = '';
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-preview-unit-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string): string => path.join(dir, name);
const noon = new Date(`${TODAY}T12:00:00-05:00`).getTime();

describe('CSV', () => {
  test('quotes commas, quotes, line breaks and edge spaces; parses them back', () => {
    const rows = [
      ['a', 'b,c', 'say "hi"', 'two\r\nlines', ' padded ', ''],
      ['é', '', '=1+1', "'0042", 'x\ny', '"'],
    ];
    const text = formatCsv(rows);
    expect(text).toBe(
      'a,"b,c","say ""hi""","two\r\nlines"," padded ",\r\né,,=1+1,"\'0042","x\ny",""""\r\n',
    );
    expect(parseCsv(text)).toEqual(rows);
  });

  test('any table survives a round trip', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (rows) => {
          expect(parseCsv(formatCsv(rows))).toEqual(rows);
        },
      ),
    );
  });

  test('accepts LF line ends and a byte order mark; refuses an unclosed quote', () => {
    expect(parseCsv('\uFEFFa,b\nc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow(
      expect.objectContaining({ key: 'csvUnclosedQuote', line: 1 }),
    );
  });
});

describe('sample', () => {
  test('is deterministic for a seed and a day', () => {
    const a = buildSample({ lang: 'fr', today: TODAY, clients: 12, seed: 7 });
    const b = buildSample({ lang: 'fr', today: TODAY, clients: 12, seed: 7 });
    const c = buildSample({ lang: 'fr', today: TODAY, clients: 12, seed: 8 });
    const values = (e: typeof a) => JSON.stringify(e.spreadsheet.displayValues('Factures'));
    expect(values(a)).toBe(values(b));
    expect(values(a)).not.toBe(values(c));
  });

  test('gives every feature something to show, in French', () => {
    const emu = buildSample({ lang: 'fr', today: TODAY });
    const rows = (name: string) => emu.spreadsheet.displayValues(name).slice(1);
    const [clientHeader = []] = emu.spreadsheet.displayValues('Clients');
    const watched = clientHeader.indexOf('Sous surveillance');
    const reasons = clientHeader.indexOf('Motifs de surveillance');
    expect(rows('Clients')).toHaveLength(30);
    const flagged = rows('Clients').filter((r) => r[watched] === 'TRUE');
    // Each cause of the watch list: an overdue invoice, a credit limit, a manual reason.
    expect(flagged.some((r) => /en retard/.test(r[reasons] ?? ''))).toBe(true);
    expect(flagged.some((r) => /limite de crédit/.test(r[reasons] ?? ''))).toBe(true);
    expect(flagged.some((r) => /^Manuel/.test(r[reasons] ?? ''))).toBe(true);
    expect(rows('Termes').length).toBeGreaterThan(20);
    const types = new Set(rows('Commissions').map((r) => r[2]));
    expect(types).toEqual(new Set(['Ventes', 'Encaissements', 'Marge']));
    expect(new Set(rows('Journal CRM').map((r) => r[2]))).toEqual(
      new Set(['Discussion', 'Courriel', 'Suivi']),
    );
    const invoices = rows('Factures');
    expect(invoices.length).toBeGreaterThan(200);
    expect(invoices.some((r) => (r[4] ?? '').startsWith('-'))).toBe(true); // credit notes
    expect(invoices.every((r) => (r[1] ?? '') <= TODAY)).toBe(true);
    // Last month, and the month before, paid out then corrected (decision 020): its difference is
    // an adjustment of last month, with its origin.
    const report = rows('Rapport des commissions');
    expect(new Set(report.map((r) => r[0]))).toEqual(new Set(['2026-09', '2026-10']));
    expect(report.filter((r) => r[0] === '2026-09').every((r) => r[5] === 'TRUE')).toBe(true);
    expect(rows('Détail des commissions').some((r) => r[4] === 'Ajustement')).toBe(true);
    expect(report.length).toBeGreaterThan(0);
    expect(rows('Détail des commissions').length).toBeGreaterThan(0);
    // No problem alert: every cell of the sample is readable.
    expect(emu.ui.ofKind('alert')).toEqual([]);
    expect(emu.spreadsheet.activeSheet().name).toBe('Clients');
    // The grid paints watched rows as the conditional format rule says, and only those.
    const grid = gridView(emu, 'Clients');
    const painted = grid.rows.slice(1, 31).map((_, i) => grid.rowBackgrounds[i + 1] !== null);
    expect(painted).toEqual(rows('Clients').map((r) => r[watched] === 'TRUE'));
    expect(painted.filter(Boolean).length).toBeGreaterThan(0);
  });

  test('in English: English sheets, headers and choices', () => {
    const emu = buildSample({ lang: 'en', today: TODAY, clients: 8 });
    const [header = [], first = []] = emu.spreadsheet.displayValues('Clients');
    expect(header.slice(0, 3)).toEqual(['Client code', 'Name', 'Type']);
    expect(['Company', 'Individual']).toContain(first[2]);
    expect(emu.spreadsheet.displayValues('Commission report').length).toBeGreaterThan(1);
  });
});

describe('session', () => {
  test('a prompt stops the action with nothing changed; the answer runs it once', async () => {
    const session = new PreviewSession(
      buildSample({ lang: 'fr', today: TODAY, clients: 10 }),
      file('replay.json'),
      noon,
    );
    const before = JSON.stringify(session.emulator.spreadsheet.toJSON());
    const path = 'Fiche Client > Rapport des commissions…';
    const first = await session.clickMenu(path);
    expect(first.question).toMatchObject({ kind: 'prompt', buttons: 'OK_CANCEL' });
    expect(JSON.stringify(session.emulator.spreadsheet.toJSON())).toBe(before);
    const done = await session.clickMenu(path, [{ kind: 'prompt', button: 'OK', text: '2026-09' }]);
    expect(done.question).toBeUndefined();
    const months = session.emulator.spreadsheet
      .displayValues('Rapport des commissions')
      .slice(1)
      .map((r) => r[0]);
    expect(months).toContain('2026-09');
    expect(session.activitySince(0).map((a) => a.kind)).toEqual(['toast']);
    // Cancel: nothing more happens.
    const size = months.length;
    await session.clickMenu(path, [{ kind: 'prompt', button: 'CANCEL', text: '' }]);
    expect(session.emulator.spreadsheet.displayValues('Rapport des commissions').length - 1).toBe(
      size,
    );
  });

  test('answers the script did not ask for are dropped, never given to a later question', async () => {
    const session = new PreviewSession(
      buildSample({ lang: 'fr', today: TODAY, clients: 6 }),
      file('leftover.json'),
      noon,
    );
    const refresh = await session.clickMenu('Fiche Client > Actualiser la liste de surveillance', [
      { kind: 'prompt', button: 'OK', text: '2026-09' },
    ]);
    expect(refresh.question).toBeUndefined();
    expect(
      (await session.clickMenu('Fiche Client > Rapport des commissions…')).question,
    ).toMatchObject({
      kind: 'prompt',
    });
  });

  test('persists after each change; after a restart the edit trigger still refreshes the watch list', async () => {
    const data = file('restart.json');
    const first = new PreviewSession(
      buildSample({ lang: 'fr', today: TODAY, clients: 10 }),
      data,
      noon,
    );
    // Type a manual watch reason into Termes for the first client with terms.
    const terms = first.emulator.spreadsheet.displayValues('Termes');
    const col = (terms[0] ?? []).indexOf('Pourquoi sous surveillance') + 1;
    const code = terms[1]?.[0] ?? '';
    await first.editCell('Termes', 2, col, 'Client en litige');

    const state = readState(data);
    expect(state?.pinnedClock).toBe(noon);
    const second = PreviewSession.fromState(state!, data);
    const clients = () => second.emulator.spreadsheet.displayValues('Clients');
    const header = clients()[0] ?? [];
    const row = () => clients().find((r) => r[0] === code) ?? [];
    expect(row()[header.indexOf('Motifs de surveillance')]).toContain('Client en litige');
    await second.editCell('Termes', 2, col, '');
    expect(row()[header.indexOf('Motifs de surveillance')] ?? '').not.toContain('Client en litige');
    expect(second.view().menus[0]?.name).toBe('Fiche Client');
  });

  test('the monthly trigger button computes the month before the clock’s date', async () => {
    const session = new PreviewSession(
      buildSample({ lang: 'fr', today: TODAY, clients: 10 }),
      file('monthly.json'),
      noon,
    );
    await session.fireTrigger('monthly', '2026-12-01');
    expect(session.view().today).toBe('2026-12-01');
    const months = session.emulator.spreadsheet
      .displayValues('Rapport des commissions')
      .slice(1)
      .map((r) => r[0]);
    expect(months).toContain('2026-11');
    const rows = months.filter((m) => m === '2026-11').length;
    // What the run recorded (platform/jobs.ts), in the workbook's language.
    expect(session.activitySince(0)).toContainEqual(
      expect.objectContaining({
        kind: 'toast',
        title: 'Rapport des commissions',
        message: expect.stringMatching(new RegExp(`^Commissions de 2026-11 : ${rows} vendeurs, `)),
      }),
    );
    await session.fireTrigger('daily', null);
    const watched = session.emulator.spreadsheet
      .values('Clients')
      .slice(1)
      .filter(
        (r) =>
          r[session.emulator.spreadsheet.values('Clients')[0]!.indexOf('Sous surveillance')] ===
          true,
      ).length;
    expect(watched).toBeGreaterThan(0);
    expect(session.activitySince(0)).toContainEqual(
      expect.objectContaining({
        kind: 'toast',
        title: 'Actualiser la liste de surveillance',
        message: expect.stringMatching(new RegExp(`^${watched} clients sous surveillance, dont `)),
      }),
    );
  });

  test('a paid-out month: recomputing it asks nothing and leaves it as paid; the next month carries the difference', async () => {
    const session = new PreviewSession(
      buildSample({ lang: 'fr', today: TODAY, clients: 10 }),
      file('paid.json'),
      noon,
    );
    const path = 'Fiche Client > Rapport des commissions…';
    const month = [{ kind: 'prompt' as const, button: 'OK' as const, text: '2026-09' }];
    await session.clickMenu(path, month);
    // The team ticks Paid out on every row of the month, then an invoice of that month changes.
    const report = session.emulator.spreadsheet.displayValues('Rapport des commissions');
    const paidCol = report[0]!.indexOf('Payée') + 1;
    for (const [i, r] of report.entries())
      if (i > 0 && r[0] === '2026-09')
        await session.editCell('Rapport des commissions', i + 1, paidCol, true);
    const invoices = session.emulator.spreadsheet.displayValues('Factures');
    const amountCol = invoices[0]!.indexOf('Montant') + 1;
    const dateCol = invoices[0]!.indexOf('Date');
    const row = invoices.findIndex((r, i) => i > 0 && r[dateCol]!.startsWith('2026-09'));
    expect(row).toBeGreaterThan(0);
    await session.editCell('Factures', row + 1, amountCol, '99999');
    const september = () =>
      session.emulator.spreadsheet
        .displayValues('Rapport des commissions')
        .filter((r) => r[0] === '2026-09')
        .map((r) => r.slice(0, paidCol));
    const paid = september();
    const asked = await session.clickMenu(path, month);
    expect(asked.question).toBeUndefined();
    expect(september()).toEqual(paid);
    const seen = session.lastSeq();
    await session.clickMenu(path, [{ kind: 'prompt', button: 'OK', text: '2026-10' }]);
    expect(session.activitySince(seen).map((a) => a.kind)).toContain('toast');
    const details = session.emulator.spreadsheet.displayValues('Détail des commissions');
    const origin = details[0]!.indexOf("Mois d'origine");
    expect(
      details.some(
        (r) => r[0] === '2026-10' && r.includes('Ajustement') && r[origin] === '2026-09',
      ),
    ).toBe(true);
  });

  test('an empty workbook is set up, with its triggers, and no rows', () => {
    const emu = buildEmpty({ lang: 'en', today: TODAY });
    expect(emu.spreadsheet.displayValues('Clients')).toHaveLength(1);
    expect(emu.triggers.triggers.map((t) => t.handler).sort()).toEqual([
      'onChangeTrigger',
      'onEditTrigger',
      'onHourlyTrigger',
    ]);
  });
});

describe('sheet CSV', () => {
  test('exports locale-neutral values and imports them back unchanged', () => {
    const emu = buildSample({ lang: 'fr', today: TODAY, clients: 6 });
    const before = emu.spreadsheet.displayValues('Factures');
    const csv = exportSheetCsv(emu, 'Factures');
    expect(csv.split('\r\n')[1]).toMatch(/^F-\d+,\d{4}-\d{2}-\d{2},C-\d{4},/);
    importSheetCsv(emu, 'Factures', csv);
    expect(emu.spreadsheet.displayValues('Factures')).toEqual(before);
  });

  test('places columns by header in either language, keeps codes and formula-like text as text', () => {
    const emu = buildSample({ lang: 'fr', today: TODAY, clients: 3 });
    importSheetCsv(
      emu,
      'Journal CRM',
      'Subject,Client code,Date,Kind\r\n=HYPERLINK("x"),0042,2026-11-01,Suivi\r\n',
    );
    const [header = [], row = []] = emu.spreadsheet.displayValues('Journal CRM');
    expect(row[header.indexOf('Code client')]).toBe('0042');
    expect(row[header.indexOf('Objet')]).toBe('=HYPERLINK("x")');
    expect(emu.spreadsheet.cell('Journal CRM', `G2`).formula).toBe('');
  });

  test('formula-like text is exported with OWASP’s leading quote and comes back as it was', () => {
    const emu = buildSample({ lang: 'fr', today: TODAY, clients: 3 });
    const hostile = [
      '=HYPERLINK("https://evil.example";"x")',
      '+1 514',
      '-note',
      '@SUM(A1)',
      "'quoted",
    ];
    importSheetCsv(
      emu,
      'Journal CRM',
      formatCsv([
        ['Code client', 'Date', 'Nature', 'Objet'],
        ...hostile.map((h) => ['C-0001', '2026-11-01', 'Suivi', `'${h}`]),
      ]),
    );
    const before = emu.spreadsheet.displayValues('Journal CRM');
    expect(before.slice(1).map((r) => r[before[0]!.indexOf('Objet')])).toEqual(hostile);
    const csv = exportSheetCsv(emu, 'Journal CRM');
    // Every hostile field leaves quoted and starting with the quote mark: no program runs it.
    for (const h of hostile) expect(csv).toContain(`"'${h.replace(/"/g, '""')}"`);
    for (const line of csv.split('\r\n').slice(1))
      for (const field of parseCsv(line)[0] ?? []) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    importSheetCsv(emu, 'Journal CRM', csv);
    expect(emu.spreadsheet.displayValues('Journal CRM')).toEqual(before);
  });

  test('columns the file lacks keep their cells: with the row of the same client code on Clients', () => {
    const emu = buildSample({ lang: 'fr', today: TODAY, clients: 4 });
    const rows = (): Record<string, unknown>[] => {
      const [header = [], ...data] = emu.spreadsheet.displayValues('Clients');
      return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };
    const before = rows();
    // Only codes and names, in reverse order, one name changed.
    const csv = formatCsv([
      ['Nom', 'Code client'],
      ...before
        .slice()
        .reverse()
        .map((r, i) => [i === 0 ? 'Nouveau nom' : String(r['Nom']), String(r['Code client'])]),
    ]);
    expect(planImport(emu, 'Clients', csv)).toMatchObject({
      before: before.length,
      rows: before.length,
      keyHeader: 'Code client',
    });
    expect(planImport(emu, 'Clients', csv).kept).toContain('Téléphone');
    importSheetCsv(emu, 'Clients', csv);
    const after = rows();
    expect(after.map((r) => r['Code client'])).toEqual(
      before.map((r) => r['Code client']).reverse(),
    );
    for (const r of after) {
      const was = before.find((b) => b['Code client'] === r['Code client'])!;
      expect(r['Téléphone']).toBe(was['Téléphone']);
      expect(r['Code postal']).toBe(was['Code postal']);
      expect(r['Courriel']).toBe(was['Courriel']);
    }
    expect(after[0]!['Nom']).toBe('Nouveau nom');
  });

  test('a session import asks first, keeps a backup, and Restore brings the workbook back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-import-'));
    try {
      const emu = buildSample({ lang: 'fr', today: TODAY, clients: 3 });
      const session = new PreviewSession(emu, path.join(dir, 'w.json'), null);
      const before = session.emulator.spreadsheet.displayValues('Factures');
      const csv = formatCsv([before[0]!.map(String), before[1]!.map(String)]);
      const asked = await session.importCsv('Factures', csv);
      expect(asked.question?.prompt).toMatch(
        new RegExp(`Remplacer les ${before.length - 1} lignes`),
      );
      expect(session.emulator.spreadsheet.displayValues('Factures')).toEqual(before);
      expect(await session.importCsv('Factures', csv, [{ kind: 'alert', button: 'NO' }])).toEqual(
        {},
      );
      expect(session.emulator.spreadsheet.displayValues('Factures')).toEqual(before);
      await session.importCsv('Factures', csv, [{ kind: 'alert', button: 'YES' }]);
      expect(session.emulator.spreadsheet.displayValues('Factures')).toHaveLength(2);
      expect(session.view().backup?.sheet).toBe('Factures');
      // A restart still knows the backup.
      const reopened = PreviewSession.fromState(
        readState(path.join(dir, 'w.json'))!,
        path.join(dir, 'w.json'),
      );
      expect(reopened.view().backup?.sheet).toBe('Factures');
      await reopened.restoreBackup();
      expect(reopened.emulator.spreadsheet.displayValues('Factures')).toEqual(before);
      expect(reopened.view().backup).toBeNull();
      await expect(reopened.restoreBackup()).rejects.toThrow(/Aucune sauvegarde/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses unknown and missing required columns', () => {
    const emu = buildSample({ lang: 'fr', today: TODAY, clients: 3 });
    expect(() => importSheetCsv(emu, 'Factures', 'No de facture,Couleur\r\nF-1,bleu\r\n')).toThrow(
      ImportError,
    );
    expect(() =>
      importSheetCsv(emu, 'Factures', 'No de facture,Date\r\nF-1,2026-01-01\r\n'),
    ).toThrow(/Code client/);
  });
});
