/**
 * Decisions 012 and 013: Help › Check this spreadsheet runs its probes on the team's own workbook —
 * the speed of its calls, and how Google behaves where the reference is silent — and leaves it
 * as it was (workbook, selection, document properties, document cache), even when a probe fails
 * half-way; its JSON holds no client data; what it observes is the world the emulator is in
 * (every switch a check can settle), so that a report from the real spreadsheet says which
 * world that is. CI runs this file in every world of those switches (npm run test:worlds).
 * Run `npm run build` first.
 */
import { createScriptRunBridge, type Emulator } from '../../emulator';
import { parseCheckReport, type CheckReport } from '../../src/shared/checkReport';
import { parseSpeedReport, PROBE_NAMES } from '../../src/shared/speedReport';
import { workbook, type TestWorkbook } from './harness';

const MENU = 'Fiche Client > Help > Check this spreadsheet';
const INVOICES = 1_200;
const TEMP = 'Fiche Client – speed check (temporary)';
/** Client data no report may hold. */
const SECRETS = [
  'Zébulon Tartempion',
  'ZT-8841',
  'zebulon@exemple.ca',
  '418 555-7733',
  'Rang du Sud',
];

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'en_US' });
  wb.addRecords('en', 'clients', [
    {
      code: SECRETS[1],
      name: SECRETS[0],
      email: SECRETS[2],
      phone: SECRETS[3],
      address: SECRETS[4],
    },
    ...Array.from({ length: 39 }, (_, i) => ({ code: `C${i + 1}`, name: `Client ${i + 1}` })),
  ]);
  wb.addRecords(
    'en',
    'invoices',
    Array.from({ length: INVOICES }, (_, i) => ({
      number: `F-${i + 1}`,
      date: '2026-10-03',
      clientCode: i % 40 === 0 ? SECRETS[1] : `C${(i % 40) + 1}`,
      amount: 100 + i,
    })),
  );
  wb.emu.fireOpen(); // the menu
  wb.emu.spreadsheet.setActiveRange('Clients', 'B3');
  // Something of the team's own in the document cache and properties.
  wb.emu.caches.document.set('theirs', 'kept', Date.now() + 600_000);
  return wb;
}

/**
 * Everything the check must leave as it was. Not the emulator's counter of sheet ids
 * (`nextSheetId`): a sheet added and removed moves it on, as it moves Google's own; no one sees
 * it. Not the edit trigger's record of the last event's field names, which the check only reads.
 */
function state(emu: Emulator): string {
  const doc = emu.spreadsheet;
  const { nextSheetId: _moved, ...book } = doc.toJSON() as unknown as Record<string, unknown>;
  return JSON.stringify({
    book,
    active: [doc.activeSheetId, doc.activeRange],
    properties: emu.properties.toJSON(),
    cache: [...emu.caches.document.entries],
  });
}

interface PageData {
  report: CheckReport;
  json: string;
  behaviours: string[];
  speed: string[];
}

function pageData(html: string): PageData {
  const m = /var d=(\{.*?\});var \$=/s.exec(html);
  if (!m) throw new Error('no embedded data in the dialog');
  return JSON.parse(m[1]!) as PageData;
}

function lastDialog(emu: Emulator): string {
  const d = emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  return d && 'html' in d ? d.html : '';
}

function pageCall(emu: Emulator, name: string, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const run = createScriptRunBridge(emu).withSuccessHandler(resolve).withFailureHandler(reject);
    (run[name] as (...a: unknown[]) => void)(...args);
  });
}

describe('Help › Check this spreadsheet', () => {
  it('measures every probe on the workbook and leaves workbook, properties and cache unchanged', () => {
    const wb = seeded();
    const before = state(wb.emu);
    const sheetsBefore = wb.emu.spreadsheet.sheets.length;
    const { calls } = wb.emu.calls.measure(() => wb.emu.clickMenu(MENU));
    expect(state(wb.emu)).toBe(before);
    expect(wb.emu.spreadsheet.sheets).toHaveLength(sheetsBefore);
    // It did write and remove a sheet, set and delete a key, put and remove cache entries.
    expect(calls['Spreadsheet.insertSheet']).toBe(1);
    expect(calls['Spreadsheet.deleteSheet']).toBe(1);
    expect(calls['Range.setValues']).toBe(3); // a row, a block, the text probes
    expect(calls['SpreadsheetApp.flush']).toBe(2);
    expect(calls['TextFinder.findAll']).toBe(1);
    expect(calls['Properties.deleteProperty']).toBe(1);
    expect(calls['Cache.remove']).toBe(2);

    const { report, behaviours } = pageData(lastDialog(wb.emu));
    const parsed = parseCheckReport(JSON.parse(JSON.stringify(report)));
    expect(parsed).toEqual(report);
    // The bench reads the speed part of the same JSON (npm run bench -- --costs FILE).
    expect(parseSpeedReport(JSON.parse(JSON.stringify(report)))).toEqual(report.speed);
    expect(report.speed.workbook).toEqual({
      invoiceRows: INVOICES,
      clientRows: 40,
      clientColumns: wb.header('Clients').length,
    });
    const byName = Object.fromEntries(report.speed.probes.map((p) => [p.name, p]));
    for (const name of PROBE_NAMES.filter(
      (n) => !['roundTrip', 'roundTripServer', 'pageLoad'].includes(n),
    ))
      expect([name, byName[name]?.failed ?? byName[name]?.ms.length]).toEqual([
        name,
        expect.any(Number),
      ]);
    expect(byName['readColumn']!.cells).toBe(INVOICES);
    expect(byName['writeBlock']!.cells).toBe(4_000);
    expect(report.probes.textWrites).toHaveLength(15);
    expect(report.environment).toEqual({
      spreadsheetLocale: 'en_US',
      spreadsheetTimeZone: 'America/Toronto',
      scriptTimeZone: 'America/Toronto',
    });
    expect(report.failures).toEqual({});
    // No edit seen yet, no mail asked, no download tried: the report says why.
    expect(report.worlds.editEventBounds).toBeNull();
    expect(behaviours.join('\n')).toContain(
      'The bounds (rowStart…) of the last edit the trigger saw: not measured (no edit seen in 6 hours: edit a cell, then run it again)',
    );
    expect(behaviours.join('\n')).toContain(
      'The mail quota: not measured (click “Test the mail quota”)',
    );
  });

  it('its JSON holds no client data', async () => {
    const wb = seeded();
    // The edit trigger records the last event's field names (never its values).
    wb.setCell('Clients', 2, 'Phone', SECRETS[3]);
    wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'F2' }, value: SECRETS[3], oldValue: 'x' });
    wb.emu.clickMenu(MENU);
    const { report, json } = pageData(lastDialog(wb.emu));
    const mail = (await pageCall(wb.emu, 'checkMailTest')) as { ok: true; mail: unknown };
    const done = (await pageCall(wb.emu, 'checkReportComplete', {
      report,
      page: {
        roundTrip: [1],
        roundTripServer: [1],
        pageLoad: [1],
        mail: mail.mail,
        download: { measurable: false },
      },
    })) as { ok: true; json: string };
    for (const text of [json, done.json])
      for (const secret of [...SECRETS, 'F-1', 'owner@example.com'])
        expect([secret, text.includes(secret)]).toEqual([secret, false]);
    expect(report.probes.editEvent?.event).toContain('oldValue');
  });

  it('observes the world the emulator is in, for every switch a check can settle', async () => {
    const wb = seeded();
    wb.setCell('Invoices', 2, 'Amount', 7);
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'E2' }, value: 7 });
    wb.emu.clickMenu(MENU);
    const { report } = pageData(lastDialog(wb.emu));
    const mailsBefore = wb.emu.mails.length;
    const mail = (await pageCall(wb.emu, 'checkMailTest')) as { ok: true; mail: unknown };
    expect(mail.ok).toBe(true);
    expect(wb.emu.mails.slice(mailsBefore).map((m) => [m.to, m.cc])).toEqual([
      [['owner@example.com'], ['owner+fiche-client-check@example.com']],
    ]);
    const done = (await pageCall(wb.emu, 'checkReportComplete', {
      report,
      page: { roundTrip: [1], roundTripServer: [1], pageLoad: [1], mail: mail.mail },
    })) as { ok: true; report: CheckReport };
    const w = wb.emu.worlds;
    expect(done.report.worlds).toEqual({
      plainTextFormulas: w.plainTextFormulas,
      plainTextApostrophe: w.plainTextApostrophe,
      textFormatName: w.textFormatName,
      editEventBounds: w.editEventBounds,
      intlTimeZones: w.intlTimeZones,
      dialogDownloads: null, // only the page in Google's frame can tell
      columnMoveChange: null, // needs a person moving a column
      mailQuotaCounts: w.mailQuotaCounts,
      cacheValueLimit: w.cacheValueLimit,
    });
    // Whatever Intl knows, the product's days agree with Utilities.formatDate's.
    const intl = done.report.probes.intl!;
    expect(intl.productAgrees).toBe(intl.samples);
    expect(intl.intlAgrees).toBe(w.intlTimeZones === 'all' ? intl.samples : 0);
  });

  it('the page’s round trips and its download answer complete the report, still without changing anything', async () => {
    const wb = seeded();
    wb.emu.clickMenu(MENU);
    const html = lastDialog(wb.emu);
    expect(html).toContain('.speedPing()');
    expect(html).toContain('.checkReportComplete(');
    expect(html).not.toMatch(/<\?/); // no scriptlet
    const { report } = pageData(html);
    const before = state(wb.emu);
    const ping = (await pageCall(wb.emu, 'speedPing')) as { serverMs: number };
    expect(ping.serverMs).toBeGreaterThanOrEqual(0);
    const done = (await pageCall(wb.emu, 'checkReportComplete', {
      report,
      page: {
        roundTrip: [420, 380, 400],
        roundTripServer: [2, 1, 3],
        pageLoad: [850],
        download: { measurable: true, arrived: false },
      },
    })) as { ok: true; report: CheckReport; speed: string[]; behaviours: string[]; json: string };
    expect(done.ok).toBe(true);
    expect(done.report.speed.costs.executionStartMs).toBe(398);
    expect(done.report.worlds.dialogDownloads).toBe('blocked');
    expect(parseCheckReport(JSON.parse(done.json))).toEqual(done.report);
    expect(done.speed.join('\n')).toContain(
      'google.script.run round trip from this window: 400 ms, of which 2 ms in the function',
    );
    expect(done.behaviours).toContain(
      'A download from this window: is blocked (copy files from the window)',
    );
    expect(state(wb.emu)).toBe(before);
  });

  it('a page payload that is not a report gets a clear message', async () => {
    const wb = seeded();
    const r = (await pageCall(wb.emu, 'checkReportComplete', {
      report: { kind: 'x' },
      page: {},
    })) as {
      ok: boolean;
      message: string;
    };
    expect(r).toEqual({
      ok: false,
      message:
        'Unreadable check: not a Fiche Client check report: "kind" must be "fiche-client-check", not "x"',
    });
  });

  it('probes failing half-way still remove the temporary sheet, key and cache entries', () => {
    // The probe's own getProperty calls are the last three of the run (Settings are read first).
    const dry = seeded();
    const gets = dry.emu.calls.measure(() => dry.emu.clickMenu(MENU)).calls[
      'Properties.getProperty'
    ]!;
    const wb = seeded();
    const before = state(wb.emu);
    wb.emu.at('SpreadsheetApp.flush', () => {
      throw new Error('Service Spreadsheets timed out');
    });
    wb.emu.at(
      'Properties.getProperty',
      () => {
        throw new Error('Too many properties calls');
      },
      { occurrence: gets - 2 },
    );
    wb.emu.at('Range.getFormulas', () => {
      throw new Error('Service error: Spreadsheets');
    });
    wb.emu.at(
      'Cache.put',
      () => {
        throw new Error('Argument too large: value');
      },
      { occurrence: 3 },
    );
    wb.emu.clickMenu(MENU);
    expect(state(wb.emu)).toBe(before);
    expect(wb.emu.spreadsheet.sheets.some((s) => s.name.startsWith(TEMP))).toBe(false);
    const { report } = pageData(lastDialog(wb.emu));
    const failed = Object.fromEntries(
      report.speed.probes.filter((p) => p.failed).map((p) => [p.name, p.failed]),
    );
    expect(failed).toEqual({
      flushRow: 'Service Spreadsheets timed out',
      writeBlock: 'Service Spreadsheets timed out',
      flushBlock: 'Service Spreadsheets timed out',
      propertiesGet: 'Too many properties calls',
    });
    expect(report.failures).toEqual({ textWrites: 'Service error: Spreadsheets' });
    expect(report.probes.textWrites).toBeNull();
    expect(report.speed.costs.flushMs).toBeNull();
  });

  it('French workbook: Aide › Vérifier ce classeur, report in French', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.emu.fireOpen();
    wb.emu.clickMenu('Fiche Client > Aide > Vérifier ce classeur');
    const html = lastDialog(wb.emu);
    const { behaviours, speed } = pageData(html);
    expect(html).toContain('Vérifié dans ce classeur sans rien y changer');
    // An empty workbook: the reads that need rows say so instead of a figure.
    expect(speed.join('\n')).toContain('non mesuré (aucune ligne)');
    expect(behaviours.join('\n')).toContain('Le quota de courriels : non mesuré');
  });
});
