/**
 * Years of headroom (decision 008) under Google Sheets' 10,000,000-cell ceiling. Set up
 * keeps only the columns a sheet uses; the retention rule folds away the commission details of
 * old paid-out months (CSV first, after a confirmation); Settings shows the figure.
 */
import { SHEETS, SHEET_KEYS } from '../../src/shared/contract';
import { buildWorkbook, sizes } from '../../bench/workbook';
import { workbook, type TestWorkbook } from './harness';

/** The hidden privacy log sheet Set up creates (src/server/privacy/privacyLog.ts). */
const PRIVACY_LOG_CELLS = 100 * 4;

function gridCells(wb: { spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet }): number {
  return wb.spreadsheet.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
}

describe('Set up keeps only the columns each sheet uses', () => {
  it('a new workbook: every contract sheet is as wide as its header, 1,000 rows', () => {
    const wb = workbook({ locale: 'fr_CA' });
    for (const key of SHEET_KEYS) {
      const sheet = wb.sheet(SHEETS[key].fr);
      expect(sheet.getMaxColumns()).toBe(SHEETS[key].columns.length);
      expect(sheet.getMaxRows()).toBe(1000);
    }
    const widths = SHEET_KEYS.reduce((n, k) => n + SHEETS[k].columns.length, 0);
    // …and the hidden privacy log, 100 rows of its 4 columns.
    expect(gridCells(wb)).toBe(1000 * widths + PRIVACY_LOG_CELLS);
    // Below half of Sheets' default 26 columns for each of the nine sheets.
    expect(gridCells(wb)).toBeLessThan(1000 * 26 * SHEET_KEYS.length * 0.46);
  });

  it('keeps a team column with a header, and one with content but no header; twice changes nothing more', () => {
    const wb = workbook({ locale: 'en_US' });
    const invoices = wb.sheet('Invoices');
    invoices.insertColumnsAfter(8, 20);
    invoices.getRange('J1').setValue('Our note'); // column 10, with a header
    invoices.getRange('M5').setValue('scribble'); // column 13, no header
    invoices.getRange('J2').setValue('checked');
    wb.run('setupWorkbook');
    expect(invoices.getMaxColumns()).toBe(13);
    expect(invoices.getRange('J1').getValue()).toBe('Our note');
    expect(invoices.getRange('J2').getValue()).toBe('checked');
    expect(invoices.getRange('M5').getValue()).toBe('scribble');
    const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
    wb.run('setupWorkbook');
    expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);
  });

  it('a missing contract column is added again after trimming, and appends still grow the sheet', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.sheet('Invoices').deleteColumn(6); // Cost
    wb.run('setupWorkbook');
    expect(wb.header('Invoices')).toContain('Cost');
    expect(wb.sheet('Invoices').getMaxColumns()).toBe(8);
    // The commission run appends past the last row: 1,000 rows are not a ceiling.
    wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
    wb.addRecords('en', 'commissions', [
      { clientCode: 'A', salesperson: 'Alice', commissionType: 'Sales', ratePct: 1 },
    ]);
    wb.addRecords(
      'en',
      'invoices',
      Array.from({ length: 1200 }, (_, i) => ({
        number: String(i + 1),
        date: '2026-10-05',
        clientCode: 'A',
        amount: 10,
      })),
    );
    wb.run('computeCommissions', '2026-10');
    expect(wb.records('en', 'reportDetails')).toHaveLength(1200);
    expect(wb.sheet('Commission details').getMaxColumns()).toBe(9);
  });

  it('a bench-sized workbook (1/100) after Set up uses the expected cells', () => {
    const emu = buildWorkbook(sizes()[0]!);
    const wb = {
      spreadsheet: (
        emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
      ).getActiveSpreadsheet(),
    };
    const widths = SHEET_KEYS.reduce((n, k) => n + SHEETS[k].columns.length, 0);
    // Invoices and Payments hold 1,000 rows each + the header: one row past the 1,000 of a sheet.
    const expected =
      1000 * widths +
      1 * SHEETS.invoices.columns.length +
      1 * SHEETS.payments.columns.length +
      PRIVACY_LOG_CELLS;
    expect(gridCells(wb)).toBe(expected);
    emu.run('setupWorkbook'); // a repair on a filled workbook trims nothing more
    expect(gridCells(wb)).toBe(expected);
    const view = emu.run('headroomLoad') as { lines: string[]; warning: string };
    expect(view.lines[0]).toBe(
      `Cellules utilisées : ${fr(expected)} sur 10\u00a0000\u00a0000 (1,1 %).`,
    );
    expect(view.warning).toBe('');
  });
});

function fr(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

// ---------------------------------------------------------------- the retention rule

interface DialogData {
  intro: string;
  months: string[];
  notes: string[];
  remove: string;
  kept: string;
  filename: string;
  content: string;
  request: { months: string[]; fingerprint: string };
}

function lastDialog(wb: TestWorkbook): { html: string; data: DialogData } {
  const dialog = wb.emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  const html = dialog && 'html' in dialog ? dialog.html : '';
  const json = /var d=(\{.*?\});var \$=/s.exec(html)?.[1];
  if (!json) throw new Error('no fold dialog');
  return { html, data: JSON.parse(json) as DialogData };
}

/** Five months of commissions for two salespeople; a team column in Commission details. */
function history(): TestWorkbook {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords('en', 'commissions', [
    { clientCode: 'A', salesperson: 'Alice', commissionType: 'Sales', ratePct: 10 },
    { clientCode: 'A', salesperson: 'Bob', commissionType: 'Sales', ratePct: 5 },
  ]);
  const months = ['2024-08', '2024-09', '2024-10', '2024-11', '2026-10'];
  wb.addRecords(
    'en',
    'invoices',
    months.flatMap((m, k) =>
      [1, 2, 3].map((i) => ({
        number: `${m}-${i}`,
        date: `${m}-1${i}`,
        clientCode: 'A',
        amount: 100 * (k + 1),
        paidDate: `${m}-2${i}`,
      })),
    ),
  );
  for (const m of months) wb.run('computeCommissions', m);
  // The team's own column, with a note on every line.
  const details = wb.sheet('Commission details');
  details.insertColumnAfter(8);
  details.getRange('I1').setValue('Checked by');
  const n = details.getLastRow() - 1;
  const invoiceNumbers = details.getRange(2, 4, n, 1).getValues();
  details.getRange(2, 9, n, 1).setValues(invoiceNumbers.map(([v]) => [`ok ${String(v)}`]));
  // Paid out: every row of 2024-08, 2024-10 and 2024-11; only Alice's of 2024-09.
  const report = wb.sheet('Commission report');
  const rows = report.getRange(2, 1, report.getLastRow() - 1, 2).getValues();
  rows.forEach(([month, salesperson], i) => {
    const paid =
      ['2024-08', '2024-10', '2024-11'].includes(String(month)) ||
      (month === '2024-09' && salesperson === 'Alice');
    if (paid) report.getRange(i + 2, 6).setValue(true);
  });
  return wb;
}

describe('folding old commission details (retention rule)', () => {
  it('lists only paid-out months older than 24 months, offers the CSV first, then removes only those lines', () => {
    const wb = history();
    const reportBefore = wb.records('en', 'report');
    const detailsBefore = wb.rows('Commission details');
    expect(detailsBefore).toHaveLength(30); // 5 months × 3 invoices × 2 salespeople

    wb.run('showCommissionDetailsFold');
    const { html, data } = lastDialog(wb);
    // The confirmation lists what goes: the months, their lines and totals.
    expect(data.months).toEqual([
      '2024-08: 6 lines, commissions $45.00',
      '2024-10: 6 lines, commissions $135.00',
    ]);
    expect(data.notes).toEqual(['Kept, because not all ticked "Paid out" in the report: 2024-09.']);
    expect(data.remove).toBe('Remove 12 lines');
    // Remove waits for the person to tick that they kept a copy: a download click proves nothing
    // where the browser blocks it (decision 012; the page runs in Chromium in both worlds in
    // test/browser/dialogs.test.ts).
    expect(html).toContain('<button id="remove" type="button" disabled>');
    expect(data.kept).toBe('I have kept a copy of these lines (CSV downloaded or content copied)');
    expect(html).toContain(
      "$('kept').onchange=function(){$('remove').disabled=!$('kept').checked;};",
    );
    // The CSV: the header (the team's column too) and exactly the removed lines, whole.
    const csv = data.content.trimEnd().split('\r\n');
    expect(csv[0]).toBe(
      'Month,Salesperson,Client code,Invoice no.,Commission type,Base,Rate (%),Commission,Checked by,Month of origin',
    );
    expect(csv.slice(1).sort()).toEqual(
      detailsBefore
        .filter((r) => r['Month'] === '2024-08' || r['Month'] === '2024-10')
        .map((r) => Object.values(r).map(String).join(','))
        .sort(),
    );
    expect(csv).toContain('2024-08,Alice,A,2024-08-1,Sales,100,10,10,ok 2024-08-1,');
    // Nothing is removed by showing the dialog.
    expect(wb.rows('Commission details')).toHaveLength(30);

    const done = wb.run('foldCommissionDetails', data.request);
    expect(done).toMatchObject({ ok: true, removed: 12 });
    expect(done.message).toBe(
      '12 lines removed (2024-08, 2024-10). The totals stay in the report.',
    );
    const after = wb.rows('Commission details');
    expect([...new Set(after.map((r) => r['Month']))]).toEqual(['2024-09', '2024-11', '2026-10']);
    // Whole rows went: the team's column stays with its lines.
    for (const r of after) expect(r['Checked by']).toBe(`ok ${String(r['Invoice no.'])}`);
    // The report keeps every month's totals, Paid out ticks included.
    expect(wb.records('en', 'report')).toEqual(reportBefore);
  });

  it('refuses a request whose lines changed since the dialog (fingerprint, unticked month, bad input)', () => {
    const wb = history();
    wb.run('showCommissionDetailsFold');
    const { data } = lastDialog(wb);
    const refuse = (request: unknown) => wb.runUntyped('foldCommissionDetails', request);
    expect(refuse({ ...data.request, fingerprint: 'x' })).toEqual({
      ok: false,
      message:
        'The lines changed since this window opened: nothing was removed. Run the command again.',
    });
    expect(refuse({ months: ['2024-09'], fingerprint: data.request.fingerprint }).ok).toBe(false);
    expect(refuse({ months: ['2024-13'], fingerprint: 'x' })).toEqual({
      ok: false,
      message: 'Invalid request: nothing was removed.',
    });
    expect(refuse(null).ok).toBe(false);
    // Someone unticks Paid out of 2024-10 after the dialog was shown: nothing goes.
    const report = wb.sheet('Commission report');
    const months = report.getRange(2, 1, report.getLastRow() - 1, 1).getValues();
    report.getRange(months.findIndex(([m]) => m === '2024-10') + 2, 6).setValue(false);
    expect(refuse(data.request).ok).toBe(false);
    expect(wb.rows('Commission details')).toHaveLength(30);
  });

  it('follows the months kept in Settings; nothing to fold says why', () => {
    const wb = history();
    // The months kept are saved by Settings' one Save button, with the other settings.
    const settings = wb.run('settingsLoad');
    const save = (retentionMonths: number) =>
      wb.run('settingsSave', { ...settings, retentionMonths });
    expect(save(0)).toEqual({
      ok: false,
      message: 'Months kept: a whole number from 1 to 240.',
    });
    // Refused whole: the other settings are not written either.
    expect(wb.run('settingsSave', { ...settings, graceDays: 9, retentionMonths: 1.5 }).ok).toBe(
      false,
    );
    expect(wb.run('settingsLoad').graceDays).toBe(settings.graceDays);
    expect(save(36)).toEqual({ ok: true });
    wb.run('showCommissionDetailsFold');
    const alert = wb.emu.ui.ofKind('alert').at(-1);
    expect(alert?.prompt).toBe(
      'No paid-out month older than 36 months (before 2023-11) has lines in "Commission details".',
    );
    expect(save(12)).toEqual({ ok: true });
    expect(wb.run('headroomLoad').retentionMonths).toBe(12);
    // Saving without the field (its block did not load) keeps the months as they are.
    expect(wb.run('settingsSave', settings)).toEqual({ ok: true });
    expect(wb.run('headroomLoad').retentionMonths).toBe(12);
    wb.run('showCommissionDetailsFold');
    expect(lastDialog(wb).data.months.map((s) => s.slice(0, 7))).toEqual([
      '2024-08',
      '2024-10',
      '2024-11',
    ]);
  });
});

describe('the workbook size in Settings', () => {
  it('shows cells used, the rate the commission run recorded, months left, and warns from 80 %', () => {
    const wb = history();
    const view = wb.run('headroomLoad');
    expect(view.retentionMonths).toBe(24);
    expect(view.lines[0]).toMatch(/^Cells used: [\d,]+ of 10,000,000 \(1\.\d%\)\.$/);
    // Last run: 2026-10, whose 12 months hold 3 invoices (0.25 a month × 8 columns); 6 lines a
    // month × 10 columns (Month of origin and the team's column too); 2 report rows a month × 8
    // columns (Adjustments, Amount paid out).
    expect(view.lines[1]).toBe(
      'Growth: about 78 cells a month (0 invoices and 6 commission lines a month).',
    );
    // (10,000,000 − about 100,000) ÷ 78 is over 1,000 months.
    expect(view.lines[2]).toBe('More than 100 years at this rate.');
    expect(view.lines.filter((l) => /100 years/.test(l))).toHaveLength(1);
    expect(view.lines).toHaveLength(3);
    expect(view.warning).toBe('');
    // A sheet of 8,000,000 blank cells: past 80 %.
    const big = wb.spreadsheet.insertSheet('Archive');
    big.insertColumnsAfter(26, 7_974);
    const warned = wb.run('headroomLoad');
    expect(warned.warning).toMatch(/^Warning: over 80% of the 10 million cell limit/);
    // The settings page carries the block.
    wb.run('showSettings');
    const page = wb.emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
    const html = page && 'html' in page ? page.html : '';
    expect(html).toContain('.headroomLoad()');
    // One save button on the page, and it sends the months kept.
    expect(html.match(/<button\b/g)).toHaveLength(1);
    expect(html).toContain('p.retentionMonths=');
  });
});
