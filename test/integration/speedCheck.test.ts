/**
 * Issue 15, item 3: Help › Measure speed runs its probes on the team's own workbook and leaves
 * it as it was (workbook, selection, document properties, document cache), even when a probe
 * fails half-way; the dialog's round trip completes the report, which the bench accepts.
 * Run `npm run build` first.
 */
import { createScriptRunBridge, type Emulator } from '../../emulator';
import { parseSpeedReport, PROBE_NAMES, type SpeedReport } from '../../src/shared/speedReport';
import { workbook, type TestWorkbook } from './harness';

const MENU = 'Fiche Client > Help > Measure speed';
const INVOICES = 1_200;
const TEMP = 'Fiche Client – speed check (temporary)';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'en_US' });
  wb.addRecords(
    'en',
    'clients',
    Array.from({ length: 40 }, (_, i) => ({ code: `C${i + 1}`, name: `Client ${i + 1}` })),
  );
  wb.addRecords(
    'en',
    'invoices',
    Array.from({ length: INVOICES }, (_, i) => ({
      number: `F-${i + 1}`,
      date: '2026-10-03',
      clientCode: `C${(i % 40) + 1}`,
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
 * Everything the measurement must leave as it was. Not the emulator's counter of sheet ids
 * (`nextSheetId`): a sheet added and removed moves it on, as it moves Google's own; no one sees it.
 */
function state(emu: Emulator): string {
  const doc = emu.spreadsheet;
  const { nextSheetId: _moved, ...workbook } = doc.toJSON() as unknown as Record<string, unknown>;
  return JSON.stringify({
    workbook,
    active: [doc.activeSheetId, doc.activeRange],
    properties: emu.properties.toJSON(),
    cache: [...emu.caches.document.entries],
  });
}

function embeddedReport(html: string): SpeedReport {
  const m = /var d=(\{.*?\});var \$=/s.exec(html);
  if (!m) throw new Error('no embedded data in the dialog');
  return parseSpeedReport((JSON.parse(m[1]!) as { report: unknown }).report);
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

describe('Help › Measure speed', () => {
  it('measures every probe on the workbook and leaves workbook, properties and cache unchanged', () => {
    const wb = seeded();
    const before = state(wb.emu);
    const sheetsBefore = wb.emu.spreadsheet.sheets.length;
    const { calls } = wb.emu.calls.measure(() => wb.emu.clickMenu(MENU));
    expect(state(wb.emu)).toBe(before);
    expect(wb.emu.spreadsheet.sheets).toHaveLength(sheetsBefore);
    // It did write and remove a sheet, set and delete a key, put and remove a cache entry.
    expect(calls['Spreadsheet.insertSheet']).toBe(1);
    expect(calls['Spreadsheet.deleteSheet']).toBe(1);
    expect(calls['Range.setValues']).toBe(2);
    expect(calls['SpreadsheetApp.flush']).toBe(2);
    expect(calls['TextFinder.findAll']).toBe(1);
    expect(calls['Properties.deleteProperty']).toBe(1);
    expect(calls['Cache.remove']).toBe(1);

    const report = embeddedReport(lastDialog(wb.emu));
    expect(report.workbook).toEqual({
      invoiceRows: INVOICES,
      clientRows: 40,
      clientColumns: wb.header('Clients').length,
    });
    const byName = Object.fromEntries(report.probes.map((p) => [p.name, p]));
    for (const name of PROBE_NAMES.filter(
      (n) => !['roundTrip', 'roundTripServer', 'pageLoad'].includes(n),
    ))
      expect([name, byName[name]?.failed ?? byName[name]?.ms.length]).toEqual([
        name,
        expect.any(Number),
      ]);
    expect(byName['serviceCall']!.ms).toHaveLength(5);
    expect(byName['readColumn']!.cells).toBe(INVOICES);
    expect(byName['textFinder']!.cells).toBe(INVOICES);
    expect(byName['readBlock']!.cells).toBe(40 * wb.header('Clients').length);
    expect(byName['writeBlock']!.cells).toBe(4_000);
    // The emulated clock does not move during calls: every duration is 0 here, so the figures
    // that need a call's cost and enough cells are 0, the others null until the page answers.
    expect(report.costs.readMsPerCell).toBe(0);
    expect(report.costs.executionStartMs).toBeNull();
  });

  it('the page’s round trips complete the report, still without changing anything', async () => {
    const wb = seeded();
    wb.emu.clickMenu(MENU);
    const html = lastDialog(wb.emu);
    expect(html).toContain('.speedPing()');
    expect(html).toContain('.speedReport(');
    expect(html).not.toMatch(/<\?/); // no scriptlet
    const report = embeddedReport(html);
    const before = state(wb.emu);
    const ping = (await pageCall(wb.emu, 'speedPing')) as { serverMs: number };
    expect(ping.serverMs).toBeGreaterThanOrEqual(0);
    const done = (await pageCall(wb.emu, 'speedReport', {
      report,
      page: { roundTrip: [420, 380, 400], roundTripServer: [2, 1, 3], pageLoad: [850] },
    })) as { ok: true; report: SpeedReport; summary: string[]; json: string };
    expect(done.ok).toBe(true);
    expect(done.report.costs.executionStartMs).toBe(398);
    expect(done.report.costs.pageLoadMs).toBe(850);
    expect(parseSpeedReport(JSON.parse(done.json))).toEqual(done.report);
    expect(done.summary.join('\n')).toContain(
      'google.script.run round trip from this window: 400 ms, of which 2 ms in the function',
    );
    expect(state(wb.emu)).toBe(before);
  });

  it('a page payload that is not a report gets a clear message', async () => {
    const wb = seeded();
    const r = (await pageCall(wb.emu, 'speedReport', { report: { kind: 'x' }, page: {} })) as {
      ok: boolean;
      message: string;
    };
    expect(r).toEqual({
      ok: false,
      message:
        'Unreadable measurement: not a Fiche Client speed report: "kind" must be "fiche-client-speed", not "x"',
    });
  });

  it('a probe failing half-way still removes the temporary sheet and key', () => {
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
    wb.emu.clickMenu(MENU);
    expect(state(wb.emu)).toBe(before);
    expect(wb.emu.spreadsheet.sheets.some((s) => s.name.startsWith(TEMP))).toBe(false);
    const report = embeddedReport(lastDialog(wb.emu));
    const failed = Object.fromEntries(
      report.probes.filter((p) => p.failed).map((p) => [p.name, p.failed]),
    );
    expect(failed).toEqual({
      flushRow: 'Service Spreadsheets timed out',
      writeBlock: 'Service Spreadsheets timed out',
      flushBlock: 'Service Spreadsheets timed out',
      propertiesGet: 'Too many properties calls',
    });
    expect(report.costs.flushMs).toBeNull();
  });

  it('French workbook: Aide › Mesurer la vitesse, report in French', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.emu.fireOpen();
    wb.emu.clickMenu('Fiche Client > Aide > Mesurer la vitesse');
    const html = lastDialog(wb.emu);
    expect(html).toContain('Mesuré dans ce classeur sans rien y changer');
    // An empty workbook: the reads that need rows say so instead of a figure.
    expect(html).toContain('non mesuré (aucune ligne)');
  });
});
