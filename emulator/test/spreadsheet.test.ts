import fc from 'fast-check';
import { columnToLetters, lettersToColumn, parseA1, toA1 } from '../spreadsheet';
import { setup } from './spreadsheetHarness';

describe('Spreadsheet', () => {
  test('a new spreadsheet has one sheet of 1000 rows × 26 columns, gid 0, active', () => {
    const { ss, sheet } = setup();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(sheet.getSheetId()).toBe(0);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    expect(ss.getId()).toBe('doc-1');
    expect(ss.getName()).toBe('Fiche client');
    expect(ss.getUrl()).toBe('https://docs.google.com/spreadsheets/d/doc-1/edit');
  });

  test('a French spreadsheet names its first tab "Feuille 1"', () => {
    const { ss } = setup({ locale: 'fr_CA' });
    expect(ss.getSheets()[0]!.getName()).toBe('Feuille 1');
    expect(ss.getSpreadsheetLocale()).toBe('fr_CA');
  });

  test('insertSheet: name, index, activation, default names, duplicate-name error', () => {
    const { ss } = setup();
    const clients = ss.insertSheet('Clients');
    expect(ss.getActiveSheet().getName()).toBe('Clients');
    expect(clients.getIndex()).toBe(2);
    ss.insertSheet('Terms', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Terms', 'Sheet1', 'Clients']);
    const unnamed = ss.insertSheet();
    expect(unnamed.getName()).toBe('Sheet4');
    expect(() => ss.insertSheet('Clients')).toThrow(
      'A sheet with the name "Clients" already exists. Please enter another name.',
    );
    expect(() => ss.insertSheet('clients')).toThrow('already exists');
    expect(() => clients.setName('Terms')).toThrow(
      'A sheet with the name "Terms" already exists. Please enter another name.',
    );
  });

  test('getSheetByName / getSheetById return null when missing; deleteSheet keeps one sheet', () => {
    const { ss, sheet } = setup();
    const t = ss.insertSheet('Terms');
    expect(ss.getSheetByName('Terms')!.getSheetId()).toBe(t.getSheetId());
    expect(ss.getSheetById(t.getSheetId())!.getName()).toBe('Terms');
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getSheetById(424242)).toBeNull();
    ss.deleteSheet(t);
    expect(ss.getSheetByName('Terms')).toBeNull();
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets");
  });

  test('locale and time zone can be read and changed; a bad zone is refused', () => {
    const { ss } = setup();
    expect(ss.getSpreadsheetTimeZone()).toBe('America/Montreal');
    ss.setSpreadsheetTimeZone('Europe/Paris');
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Paris');
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow();
    ss.setSpreadsheetLocale('fr_CA');
    expect(ss.getSpreadsheetLocale()).toBe('fr_CA');
  });

  test('the selection set by the test helper is what getActiveRange and getSelection see', () => {
    const { doc, ss, app } = setup();
    ss.insertSheet('Clients');
    doc.setActiveRange('Clients', 'B5:C6');
    expect(ss.getActiveSheet().getName()).toBe('Clients');
    expect(ss.getActiveRange()!.getA1Notation()).toBe('B5:C6');
    expect(app.getSelection().getCurrentCell()!.getA1Notation()).toBe('B5');
    expect(app.getActiveSheet().getName()).toBe('Clients');
    ss.getSheetByName('Clients')!.getRange('D9').activate();
    expect(ss.getActiveRange()!.getA1Notation()).toBe('D9');
  });

  test('toast is recorded on the document', () => {
    const { doc, ss } = setup();
    ss.toast('Saved', 'Fiche client', 3);
    expect(doc.toasts).toEqual([{ message: 'Saved', title: 'Fiche client', timeoutSeconds: 3 }]);
  });

  test('getUi without a ui factory fails loudly', () => {
    const { app } = setup();
    expect(() => app.getUi()).toThrow('Emulator: SpreadsheetApp.getUi needs a ui factory');
  });
});

describe('Sheet.getRange', () => {
  test('numeric forms are 1-based: (row, col), (row, col, rows), (row, col, rows, cols)', () => {
    const { sheet } = setup();
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    const r = sheet.getRange(2, 3, 4, 2);
    expect(r.getA1Notation()).toBe('C2:D5');
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 3, 4, 2]);
    expect([r.getLastRow(), r.getLastColumn()]).toEqual([5, 4]);
    expect(r.getSheet().getName()).toBe('Sheet1');
  });

  test('A1 forms: cell, block, whole columns, whole rows, open bottom, with a sheet name', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('My list');
    expect(sheet.getRange('B3').getA1Notation()).toBe('B3');
    expect(sheet.getRange('A1:C3').getNumRows()).toBe(3);
    const col = sheet.getRange('A:A');
    expect([col.getNumRows(), col.getNumColumns(), col.getA1Notation()]).toEqual([1000, 1, 'A:A']);
    const row = sheet.getRange('1:1');
    expect([row.getNumRows(), row.getNumColumns(), row.getA1Notation()]).toEqual([1, 26, '1:1']);
    const open = sheet.getRange('A2:C');
    expect([open.getRow(), open.getNumRows(), open.getNumColumns()]).toEqual([2, 999, 3]);
    expect(ss.getRange("'My list'!B2").getSheet().getName()).toBe('My list');
    expect(ss.getRange('Sheet1!A1:B2').getA1Notation()).toBe('A1:B2');
  });

  test('errors have the Apps Script texts', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(999, 1, 3, 1)).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange(2, 1, 0, 1)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    expect(() => sheet.getRange(2, 1, 1, 0)).toThrow(
      'The number of columns in the range must be at least 1.',
    );
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => sheet.getRange('A1001')).toThrow('outside the dimensions of the sheet');
  });

  test('offset and getCell move relative to the range', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:C3');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(r.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(() => r.offset(-2, 0)).toThrow('The starting row of the range is too small.');
  });
});

describe('A1 helpers', () => {
  test('column letters round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 18278 }), (n) => {
        expect(lettersToColumn(columnToLetters(n))).toBe(n);
      }),
    );
    expect(columnToLetters(26)).toBe('Z');
    expect(columnToLetters(27)).toBe('AA');
    expect(columnToLetters(702)).toBe('ZZ');
    expect(columnToLetters(703)).toBe('AAA');
  });

  test('toA1 then parseA1 gives the same block', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        (row, col, nr, nc) => {
          const ref = parseA1(toA1(row, col, nr, nc));
          expect(ref).toEqual({
            startRow: row,
            startCol: col,
            endRow: row + nr - 1,
            endCol: col + nc - 1,
          });
        },
      ),
    );
  });

  test('sheet names, absolute markers and reversed corners', () => {
    expect(parseA1("'It''s'!$B$2:A1")).toEqual({
      sheetName: "It's",
      startRow: 1,
      startCol: 1,
      endRow: 2,
      endCol: 2,
    });
    expect(parseA1('A')).toBeUndefined();
    expect(parseA1('1')).toBeUndefined();
    expect(parseA1('A0')).toBeUndefined();
  });
});

describe('call counting', () => {
  test('every service call counts once as Class.method, getters and builders included', () => {
    const { app, ss, sheet, calls } = setup();
    const { calls: made } = calls.measure(() => {
      const s = ss.getSheetByName('Sheet1')!;
      s.getLastRow();
      const r = s.getRange(1, 1, 2, 2);
      r.setValues([
        [1, 2],
        [3, 4],
      ]);
      r.getValues();
      app.newDataValidation().requireValueInList(['a', 'b']).build();
    });
    expect(made).toEqual({
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getLastRow': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Range.getValues': 1,
      'SpreadsheetApp.newDataValidation': 1,
      'DataValidationBuilder.requireValueInList': 1,
      'DataValidationBuilder.build': 1,
    });
    // Internal work (appendRow writing through a range, getDataRange scanning) is not counted.
    calls.reset();
    sheet.appendRow(['x', 'y']);
    sheet.getDataRange();
    expect(calls.snapshot()).toEqual({ 'Sheet.appendRow': 1, 'Sheet.getDataRange': 1 });
    expect(calls.total).toBe(2);
  });

  test('objects returned inside arrays are counted views too', () => {
    const { ss, calls } = setup();
    ss.getSheets()[0]!.getName();
    expect(calls.snapshot()).toEqual({ 'Spreadsheet.getSheets': 1, 'Sheet.getName': 1 });
  });
});

describe('appendRow and the size of the sheet', () => {
  test('appends after the last row with content, not after formatted rows', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['Code', 'Name']]);
    sheet.getRange('A10').setNumberFormat('@');
    sheet.appendRow(['0042', 'Acme']);
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([[42, 'Acme']]);
  });

  test('grows the sheet when the data region is full; getRange past max rows still fails', () => {
    const { sheet } = setup();
    sheet.getRange(1000, 1).setValue('last');
    expect(() => sheet.getRange(1001, 1)).toThrow('outside the dimensions of the sheet');
    sheet.appendRow(['more', 1, 2]);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1, 1, 3).getValues()).toEqual([['more', 1, 2]]);
    const wide = Array.from({ length: 30 }, (_, i) => i);
    sheet.appendRow(wide);
    expect(sheet.getMaxColumns()).toBe(30);
  });

  test('getLastRow / getLastColumn are 0 on an empty sheet; getDataRange is A1', () => {
    const { sheet } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
  });

  test('appendRow reads strings like typed input and "=" as a formula', () => {
    const { sheet } = setup();
    sheet.appendRow(['=1+1', "'=not a formula", 'TRUE']);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[2, '=not a formula', true]]);
    expect(sheet.getRange('A1').getFormula()).toBe('=1+1');
  });
});
