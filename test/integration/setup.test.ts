import { SHEETS, SHEET_KEYS } from '../../src/shared/contract';
import { workbook } from './harness';

describe('setupWorkbook', () => {
  it('creates every sheet and header of the contract in French for a fr_CA workbook', () => {
    const wb = workbook({ locale: 'fr_CA', setup: 'fresh' });
    for (const key of SHEET_KEYS) {
      const def = SHEETS[key];
      expect(wb.header(def.fr)).toEqual(def.columns.map((c) => c.fr));
      expect(wb.sheet(def.fr).getFrozenRows()).toBe(1);
    }
    expect(wb.emu.toasts.at(-1)?.message).toMatch(/Classeur configuré/);
    // In the contract's order, and the blank "Feuille 1" of a new spreadsheet is gone; last,
    // the hidden Law 25 log (not one of the contract's sheets).
    expect(wb.spreadsheet.getSheets().map((s) => s.getName())).toEqual([
      ...SHEET_KEYS.map((k) => SHEETS[k].fr),
      'Journal Loi 25',
    ]);
    expect(wb.sheet('Journal Loi 25').isSheetHidden()).toBe(true);
    expect(wb.spreadsheet.getActiveSheet().getName()).toBe('Clients');
  });

  it('rates show a whole number without a dangling decimal comma (2,0 and 2,75, not "2,")', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.append('Commissions', [
      { 'Code client': 'A', Vendeur: 'Ann', 'Type de commission': 'Ventes', 'Taux (%)': 2 },
      { 'Code client': 'B', Vendeur: 'Ann', 'Type de commission': 'Ventes', 'Taux (%)': 2.75 },
    ]);
    const [header = [], ...rows] = wb.emu.spreadsheet.displayValues('Commissions');
    const rate = header.indexOf('Taux (%)');
    expect(rows.slice(0, 2).map((r) => r[rate])).toEqual(['2,0', '2,75']);
  });

  it('keeps a default-named sheet that holds something', () => {
    const wb = workbook({ locale: 'en_US', setup: false });
    wb.spreadsheet.getSheets()[0]!.getRange('B2').setValue('our notes');
    wb.run('setupWorkbook');
    expect(wb.spreadsheet.getSheets()[0]!.getName()).toBe('Sheet1');
    expect(wb.spreadsheet.getSheets()).toHaveLength(SHEET_KEYS.length + 2); // + the privacy log
  });

  it('creates English sheets for an en_US workbook, with seeded lists', () => {
    const wb = workbook({ locale: 'en_US' });
    expect(wb.header('Clients')).toContain('Client code');
    expect(wb.header('Commission report')).toEqual([
      'Month',
      'Salesperson',
      'Invoices',
      'Base',
      'Commission',
      'Paid out',
      'Adjustments',
      'Amount paid out',
    ]);
    const tags = wb
      .rows('Lists')
      .map((r) => r['Tags'])
      .filter(Boolean);
    expect(tags).toEqual(['Good client', 'New client', 'Volume 3']);
  });

  it('formats columns: plain-text codes, checkboxes, dropdowns from Lists, computed columns marked and protected', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const ss = wb.emu.spreadsheet;
    expect(ss.cell('Clients', 'A2').numberFormat).toBe('@');
    // Newsletter (O) is a checkbox column: validation, empty until ticked.
    expect(ss.cell('Clients', 'O2').validation?.criteria).toBe('CHECKBOX');
    expect(ss.cell('Clients', 'O2').value).toBe('');
    // Account manager (M) is a dropdown fed by the Lists sheet.
    expect(ss.cell('Clients', 'M5').validation?.criteria).toBe('VALUE_IN_RANGE');
    // Under watch (T) is computed: a note on its header, a warning-only protection.
    expect(ss.cell('Clients', 'T1').note).toMatch(/calculée/);
    const protections = wb.sheet('Clients').getProtections(SpreadsheetProtectionRange());
    const descriptions = protections.map((p) => p.getDescription());
    const computedCount = SHEETS.clients.columns.filter(
      (c) => 'computed' in c && c.computed,
    ).length;
    expect(computedCount).toBeGreaterThanOrEqual(4);
    expect(descriptions.filter((d) => d === 'Fiche Client : colonne calculée')).toHaveLength(
      computedCount,
    );
    expect(protections.every((p) => p.isWarningOnly())).toBe(true);
    // "0042" typed in a code cell stays text.
    wb.append('Clients', [{ 'Code client': '0042', Nom: 'Test' }]);
    expect(wb.rows('Clients')[0]!['Code client']).toBe('0042');
  });

  it('installs the three triggers once (one of each type), and a second run changes nothing more', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const before = JSON.parse(JSON.stringify(wb.emu.spreadsheet.toJSON()));
    const triggersBefore = wb.emu.triggers.triggers.map((t) => t.handler).sort();
    expect(triggersBefore).toEqual(['onChangeTrigger', 'onEditTrigger', 'onHourlyTrigger']);
    expect(wb.emu.triggers.triggers.map((t) => t.eventType).sort()).toEqual([
      'CLOCK',
      'ON_CHANGE',
      'ON_EDIT',
    ]);
    wb.run('setupWorkbook');
    expect(JSON.parse(JSON.stringify(wb.emu.spreadsheet.toJSON()))).toEqual(before);
    expect(wb.emu.triggers.triggers.map((t) => t.handler).sort()).toEqual(triggersBefore);
  });

  it('removes duplicated triggers, and leaves another owner’s triggers alone when told No', () => {
    const wb = workbook({ locale: 'en_US' });
    const ScriptApp = wb.emu.globals().ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp;
    ScriptApp.newTrigger('onEditTrigger').forSpreadsheet(wb.spreadsheet).onEdit().create();
    wb.run('setupWorkbook');
    expect(wb.emu.triggers.triggers.filter((t) => t.handler === 'onEditTrigger')).toHaveLength(1);
    wb.emu.ui.answerNextAlert('NO');
    wb.runAs('colleague@example.com', 'setupWorkbook');
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toContain('run as owner@example.com since');
    expect(wb.emu.toasts.at(-1)?.message).toContain('The triggers stay with owner@example.com.');
    expect(wb.emu.triggers.triggers).toHaveLength(3);
    expect(new Set(wb.emu.triggers.triggers.map((t) => t.owner))).toEqual(
      new Set(['owner@example.com']),
    );
  });

  it('adopts a team’s own Clients sheet: keeps its columns, order and data, appends what is missing', () => {
    const wb = workbook({ locale: 'fr_CA', setup: false });
    const sheet = wb.spreadsheet.getSheets()[0]!;
    sheet.setName('Clients');
    sheet.getRange(1, 1, 3, 4).setValues([
      ['Nom', 'Notre note', 'Code client', 'Téléphone'],
      ['Boulangerie Alida', 'VIP', 'A-1', '514-555-0101'],
      ['Garage Tremblay', '', 'B-2', '418-555-0102'],
    ]);
    wb.run('setupWorkbook');
    const header = wb.header('Clients');
    expect(header.slice(0, 4)).toEqual(['Nom', 'Notre note', 'Code client', 'Téléphone']);
    expect(header).toContain('Sous surveillance');
    expect(header.filter((h) => h === 'Nom')).toHaveLength(1);
    expect(header).toHaveLength(4 + SHEETS.clients.columns.length - 3);
    const rows = wb.rows('Clients');
    expect(rows.map((r) => [r['Nom'], r['Notre note'], r['Code client']])).toEqual([
      ['Boulangerie Alida', 'VIP', 'A-1'],
      ['Garage Tremblay', '', 'B-2'],
    ]);
    // Running it again adds nothing.
    wb.run('setupWorkbook');
    expect(wb.header('Clients')).toEqual(header);
  });

  it('finds English sheets in a French workbook (headers in either language)', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.run('settingsSave', {
      lang: 'fr',
      graceDays: 0,
      defaultTermDays: 30,
      notifyWatch: false,
      sendStatements: false,
    });
    wb.run('setupWorkbook');
    expect(wb.spreadsheet.getSheetByName('Termes')).toBeNull();
    expect(wb.spreadsheet.getSheetByName('Terms')).not.toBeNull();
  });
});

describe('a missing sheet or column', () => {
  it('names the column and says to run Set up workbook; setup repairs it', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.sheet('Factures').deleteColumn(5); // Montant
    expect(() => wb.run('refreshWatchList')).toThrow(
      'La colonne « Montant » est introuvable dans la feuille « Factures ». Lancez Fiche Client › Configurer le classeur.',
    );
    wb.run('setupWorkbook');
    expect(wb.header('Factures')).toContain('Montant');
    expect(() => wb.run('refreshWatchList')).not.toThrow();
  });

  it('names a missing sheet', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.spreadsheet.deleteSheet(wb.sheet('Invoices'));
    expect(() => wb.run('refreshWatchList')).toThrow(
      'The sheet "Invoices" is missing. Run Fiche Client › Set up workbook.',
    );
  });
});

function SpreadsheetProtectionRange(): GoogleAppsScript.Spreadsheet.ProtectionType {
  return 'RANGE' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
}
