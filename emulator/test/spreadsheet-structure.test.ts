import fc from 'fast-check';
import { EmulatedSpreadsheet, createSpreadsheetApp } from '../spreadsheet';
import { CallCounter } from '../calls';
import { setup } from './spreadsheetHarness';

function column(sheet: GoogleAppsScript.Spreadsheet.Sheet, a1: string): unknown[] {
  return sheet
    .getRange(a1)
    .getValues()
    .map((r) => r[0]);
}

describe('inserting and deleting rows and columns', () => {
  test('insertRowsAfter / insertRowsBefore / insertRows shift data and grow the sheet', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['h'], ['a'], ['b']]);
    sheet.insertRowsAfter(1, 2);
    expect(column(sheet, 'A1:A5')).toEqual(['h', '', '', 'a', 'b']);
    expect(sheet.getMaxRows()).toBe(1002);
    sheet.insertRowBefore(1);
    expect(column(sheet, 'A1:A2')).toEqual(['', 'h']);
    sheet.insertRows(2, 1);
    expect(column(sheet, 'A1:A3')).toEqual(['', '', 'h']);
    expect(sheet.getMaxRows()).toBe(1004);
    expect(sheet.getLastRow()).toBe(7);
  });

  test('deleteRow(s) shift data, validations and formats up and shrink the sheet', () => {
    const { sheet, app } = setup();
    sheet.getRange('A1:A4').setValues([['h'], ['a'], ['b'], ['c']]);
    sheet.getRange('A4').setNumberFormat('@');
    sheet.getRange('B4').setDataValidation(app.newDataValidation().requireCheckbox().build());
    sheet.deleteRows(2, 2);
    expect(column(sheet, 'A1:A3')).toEqual(['h', 'c', '']);
    expect(sheet.getRange('A2').getNumberFormat()).toBe('@');
    expect(sheet.getRange('B2').getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
    expect(sheet.getRange('B4').getDataValidation()).toBeNull();
    expect(sheet.getMaxRows()).toBe(998);
    sheet.deleteRow(1);
    expect(sheet.getRange('A1').getValue()).toBe('c');
  });

  test('delete errors: out of bounds, and never every non-frozen row', () => {
    const { sheet } = setup();
    expect(() => sheet.deleteRows(999, 5)).toThrow('Those rows are out of bounds.');
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
    sheet.deleteRows(2, 998);
    expect(sheet.getMaxRows()).toBe(2);
    expect(() => sheet.deleteColumns(1, 26)).toThrow(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
  });

  test('inserted rows take the formats and validations of their neighbour, not its content', () => {
    const { sheet, app } = setup();
    sheet.getRange('A2').setValue(5).setNumberFormat('0.00');
    sheet.getRange('B2').insertCheckboxes();
    sheet.insertRowsAfter(2, 1);
    expect(sheet.getRange('A3').getValue()).toBe('');
    expect(sheet.getRange('A3').getNumberFormat()).toBe('0.00');
    expect(sheet.getRange('B3').getDataValidation()!.getCriteriaType()).toBe(
      app.DataValidationCriteria.CHECKBOX,
    );
  });

  test('columns: insert and delete shift cells, widths and frozen columns', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.setColumnWidth(2, 250);
    sheet.setFrozenColumns(1);
    sheet.insertColumnsBefore(1, 1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['', 'a', 'b', 'c']]);
    expect(sheet.getColumnWidth(3)).toBe(250);
    expect(sheet.getFrozenColumns()).toBe(2);
    expect(sheet.getMaxColumns()).toBe(27);
    sheet.deleteColumn(2);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', 'b', 'c']]);
    sheet.insertColumnAfter(3);
    sheet.deleteColumns(1, 1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['b', 'c']]);
    expect(() => sheet.deleteColumns(30, 1)).toThrow('Those columns are out of bounds.');
  });

  test('conditional format ranges, protections and validation ranges follow the rows', () => {
    const { app, ss, sheet } = setup();
    const lists = ss.insertSheet('Lists');
    lists.getRange('A1:A3').setValues([['Tags'], ['Bon client'], ['Volume 3']]);
    sheet
      .getRange('B2:B10')
      .setDataValidation(
        app.newDataValidation().requireValueInRange(lists.getRange('A2:A3')).build(),
      );
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2=TRUE')
      .setBackground('#FCE8E6')
      .setRanges([sheet.getRange('A2:C10')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.getRange('D2:D10').protect().setDescription('computed').setWarningOnly(true);

    sheet.insertRowsBefore(2, 3);
    lists.insertRowsBefore(1, 1);

    expect(sheet.getConditionalFormatRules()[0]!.getRanges()[0]!.getA1Notation()).toBe('A5:C13');
    expect(sheet.getProtections(app.ProtectionType.RANGE)[0]!.getRange().getA1Notation()).toBe(
      'D5:D13',
    );
    const values = sheet.getRange('B5').getDataValidation()!.getCriteriaValues();
    const source = values[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(source.getSheet().getName()).toBe('Lists');
    expect(source.getA1Notation()).toBe('A3:A4');
    expect(values[1]).toBe(true);

    sheet.deleteRows(5, 9);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([]);
  });
});

test('open refs (T:T, A2:W, Lists!A2:A) grow with rows added at the end; closed ones do not', () => {
  const { app, ss, sheet } = setup();
  const lists = ss.insertSheet('Lists');
  sheet.getRange('T:T').protect().setDescription('computed');
  sheet.getRange('A1:A1000').protect().setDescription('closed');
  sheet.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setRanges([sheet.getRange('A2:W')])
      .build(),
  ]);
  sheet
    .getRange('B2')
    .setDataValidation(
      app
        .newDataValidation()
        .requireValueInRange(lists.getRange('A2:A'))
        .setAllowInvalid(false)
        .build(),
    );
  sheet.insertRowsAfter(sheet.getMaxRows(), 500);
  lists.insertRowsAfter(lists.getMaxRows(), 10);
  lists.getRange('A1010').setValue('Late tag');

  const [open, closed] = sheet.getProtections(app.ProtectionType.RANGE);
  expect(open!.getRange().getA1Notation()).toBe('T:T');
  expect(open!.getRange().getNumRows()).toBe(1500);
  expect(closed!.getRange().getA1Notation()).toBe('A1:A1000');
  expect(sheet.getConditionalFormatRules()[0]!.getRanges()[0]!.getNumRows()).toBe(1499);
  sheet.getRange('B2').setValue('Late tag');
  expect(sheet.getRange('B2').getValue()).toBe('Late tag');
});

test('random row inserts and deletes keep every value in order (property)', () => {
  type Op = { kind: 'insertBefore' | 'insertAfter' | 'delete'; at: number; n: number };
  const op = fc.record({
    kind: fc.constantFrom<Op['kind']>('insertBefore', 'insertAfter', 'delete'),
    at: fc.integer({ min: 1, max: 40 }),
    n: fc.integer({ min: 1, max: 5 }),
  });
  fc.assert(
    fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
      const { sheet } = setup();
      sheet.deleteRows(31, 970); // a 30-row sheet keeps the model small
      const model: string[] = Array.from({ length: 30 }, (_, i) => `r${i + 1}`);
      sheet.getRange(1, 1, 30, 1).setValues(model.map((v) => [v]));
      for (const o of ops) {
        const max = model.length;
        if (o.kind === 'delete') {
          if (o.at + o.n - 1 > max || max - o.n <= 0) continue;
          sheet.deleteRows(o.at, o.n);
          model.splice(o.at - 1, o.n);
        } else {
          if (o.at > max) continue;
          const at = o.kind === 'insertAfter' ? o.at + 1 : o.at;
          if (o.kind === 'insertAfter') sheet.insertRowsAfter(o.at, o.n);
          else sheet.insertRowsBefore(o.at, o.n);
          model.splice(at - 1, 0, ...Array.from({ length: o.n }, () => ''));
        }
      }
      expect(sheet.getMaxRows()).toBe(model.length);
      expect(column(sheet, `A1:A${model.length}`)).toEqual(model);
    }),
    { numRuns: 60 },
  );
});

test('JSON.stringify of a service object is "{}" as in Apps Script', () => {
  const { sheet } = setup();
  expect(JSON.stringify(sheet.getRange('A1'))).toBe('{}');
});

test('unbounded A1 ranges report which ends are bounded', () => {
  const { sheet } = setup();
  const flags = (a1: string) => {
    const r = sheet.getRange(a1);
    return [
      r.isStartRowBounded(),
      r.isEndRowBounded(),
      r.isStartColumnBounded(),
      r.isEndColumnBounded(),
    ];
  };
  expect(flags('A1:B10')).toEqual([true, true, true, true]);
  expect(flags('B:B')).toEqual([false, false, true, true]);
  expect(flags('A1:C')).toEqual([true, false, true, true]);
  expect(flags('3:7')).toEqual([true, true, false, false]);
});

test('formulas follow inserted and deleted rows and columns, here and on other sheets', () => {
  const { ss, sheet } = setup();
  const other = ss.insertSheet('My data');
  other.getRange('A1:A3').setValues([[1], [2], [3]]);
  sheet.getRange('A1:A3').setValues([[10], [20], [30]]);
  sheet.getRange('B1').setFormula("=SUM(A1:A3)+$A$3+'My data'!A3");
  sheet.getRange('B2').setFormula('="A3 "&A3');
  other.getRange('B1').setFormula('=Sheet1!A2*2');

  sheet.insertRowsBefore(2, 2);
  expect(sheet.getRange('B1').getFormula()).toBe("=SUM(A1:A5)+$A$5+'My data'!A3");
  expect(sheet.getRange('B4').getFormula()).toBe('="A3 "&A5');
  expect(other.getRange('B1').getFormula()).toBe('=Sheet1!A4*2');
  expect(sheet.getRange('B1').getValue()).toBe(60 + 30 + 3);

  other.deleteRow(3);
  expect(sheet.getRange('B1').getFormula()).toBe("=SUM(A1:A5)+$A$5+'My data'!#REF!");
  expect(sheet.getRange('B1').getValue()).toBe('#REF!');
  sheet.insertColumnsBefore(1, 1);
  expect(sheet.getRange('C1').getFormula()).toBe("=SUM(B1:B5)+$B$5+'My data'!#REF!");
  expect(other.getRange('B1').getFormula()).toBe('=Sheet1!B4*2');
  expect(other.getRange('B1').getValue()).toBe(40);
});

test('formulas follow a renamed sheet and read #REF! once it is deleted', () => {
  const { ss, sheet } = setup();
  const data = ss.insertSheet('Data');
  data.getRange('A1').setValue(4);
  sheet.getRange('A1').setFormula('=Data!A1*2&" Data!A1"');
  data.setName('My data');
  expect(sheet.getRange('A1').getFormula()).toBe('=\'My data\'!A1*2&" Data!A1"');
  expect(sheet.getRange('A1').getValue()).toBe('8 Data!A1');
  ss.deleteSheet(ss.getSheetByName('My data')!);
  expect(sheet.getRange('A1').getFormula()).toBe('=#REF!*2&" Data!A1"');
  expect(sheet.getRange('A1').getValue()).toBe('#REF!');
});

describe('getLastRow after any sequence of edits (the model keeps a bound on it)', () => {
  type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
  const ROWS = 12;
  const COLS = 4;
  const at = { row: fc.integer({ min: 1, max: ROWS }), col: fc.integer({ min: 1, max: COLS }) };
  const edit = fc.oneof(
    fc.record({
      op: fc.constant('set' as const),
      ...at,
      value: fc.constantFrom<unknown>('x', 3, '', true, '=1+1'),
    }),
    fc.record({ op: fc.constantFrom('clearContent' as const, 'clear' as const), ...at }),
    fc.record({
      op: fc.constantFrom('format' as const, 'checkboxes' as const, 'check' as const),
      ...at,
    }),
    fc.record({ op: fc.constantFrom('insertRows' as const, 'deleteRows' as const), ...at }),
    fc.record({ op: fc.constantFrom('insertCol' as const, 'deleteCol' as const), ...at }),
    fc.record({ op: fc.constant('append' as const), value: fc.constantFrom<unknown>('y', '') }),
  );
  type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

  function apply(sheet: Sheet, e: Edit): void {
    const rows = sheet.getMaxRows();
    const cols = sheet.getMaxColumns();
    const row = 'row' in e ? Math.min(e.row, rows) : 1;
    const col = 'col' in e ? Math.min(e.col, cols) : 1;
    const range = () => sheet.getRange(row, col, Math.min(2, rows - row + 1), 1);
    switch (e.op) {
      case 'set':
        sheet.getRange(row, col).setValue(e.value);
        break;
      case 'clearContent':
        range().clearContent();
        break;
      case 'clear':
        range().clear();
        break;
      case 'format':
        range().setNumberFormat('0.00');
        break;
      case 'checkboxes':
        range().insertCheckboxes();
        break;
      case 'check':
        range().check();
        break;
      case 'insertRows':
        sheet.insertRowsBefore(row, 2);
        break;
      case 'deleteRows':
        if (rows > 2) sheet.deleteRows(row, Math.min(2, rows - row + 1, rows - 1));
        break;
      case 'insertCol':
        sheet.insertColumnBefore(col);
        break;
      case 'deleteCol':
        if (cols > 1) sheet.deleteColumn(col);
        break;
      case 'append':
        sheet.appendRow([e.value]);
        break;
    }
  }

  /** The last row holding a value or a formula, read through the whole grid. */
  function lastRowRead(sheet: Sheet): number {
    const all = sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
    const values = all.getValues();
    const formulas = all.getFormulas();
    for (let r = values.length; r >= 1; r--)
      if (values[r - 1]!.some((v, c) => v !== '' || formulas[r - 1]![c] !== '')) return r;
    return 0;
  }

  test('equals the last row with a value or formula read through the whole grid', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        const { sheet } = setup();
        sheet.deleteRows(ROWS + 1, sheet.getMaxRows() - ROWS);
        sheet.deleteColumns(COLS + 1, sheet.getMaxColumns() - COLS);
        for (const e of edits) {
          apply(sheet, e);
          expect(sheet.getLastRow()).toBe(lastRowRead(sheet));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('frozen rows, widths, hidden columns', () => {
  test('are stored and read back', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(1)).toBe(100);
    sheet.setColumnWidths(1, 3, 180);
    expect(sheet.getColumnWidth(3)).toBe(180);
    sheet.hideColumns(5, 2);
    expect([5, 6, 7].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([true, true, false]);
    sheet.showColumns(5);
    expect(sheet.isColumnHiddenByUser(5)).toBe(false);
  });
});

describe('checkboxes', () => {
  test('insertCheckboxes sets FALSE and a checkbox rule; the rows then count as data', () => {
    const { sheet, app } = setup();
    sheet.getRange('A2:A4').insertCheckboxes();
    expect(column(sheet, 'A2:A4')).toEqual([false, false, false]);
    expect(sheet.getLastRow()).toBe(4);
    const dv = sheet.getRange('A3').getDataValidation()!;
    expect(dv.getCriteriaType()).toBe(app.DataValidationCriteria.CHECKBOX);
    expect(dv.getCriteriaValues()).toEqual([]);
    sheet.getRange('A3').check();
    expect(sheet.getRange('A3').isChecked()).toBe(true);
    expect(sheet.getRange('A2:A4').isChecked()).toBeNull();
    expect(sheet.getRange('A3').getDisplayValue()).toBe('TRUE');
    // Custom values: "Returns null if ... some cells do not have" a checked/unchecked value.
    const custom = sheet.getRange('C1:C3').insertCheckboxes('yes', 'no');
    expect(column(sheet, 'C1:C3')).toEqual(['no', 'no', 'no']);
    sheet.getRange('C1').setValue('yes');
    sheet.getRange('C3').setValue('random');
    expect(sheet.getRange('C1').isChecked()).toBe(true);
    expect(sheet.getRange('C2').isChecked()).toBe(false);
    expect(sheet.getRange('C3').isChecked()).toBeNull();
    expect(custom.getDataValidation()!.getCriteriaValues()).toEqual(['yes', 'no']);
    sheet.getRange('D1').insertCheckboxes('yes');
    expect(sheet.getRange('D1').getValue()).toBe('');
  });

  test('removeCheckboxes clears the rule and the checked/unchecked values only', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').insertCheckboxes();
    sheet.getRange('A2').setValue('kept');
    sheet.getRange('A1:A3').removeCheckboxes();
    expect(column(sheet, 'A1:A3')).toEqual(['', 'kept', '']);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });
});

describe('data validation', () => {
  test('the builder makes rules that read back their criteria', () => {
    const { app, sheet } = setup();
    const list = app
      .newDataValidation()
      .requireValueInList(['Sales', 'Payments', 'Margin'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick a type')
      .build();
    sheet.getRange('C2:C5').setDataValidation(list);
    const back = sheet.getRange('C3').getDataValidation()!;
    expect(back.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(back.getCriteriaValues()).toEqual([['Sales', 'Payments', 'Margin'], true]);
    expect(back.getAllowInvalid()).toBe(false);
    expect(back.getHelpText()).toBe('Pick a type');
    expect(sheet.getRange('C2:C3').getDataValidations()).toHaveLength(2);

    const between = app.newDataValidation().requireNumberBetween(0, 100).build();
    expect(between.getCriteriaType()).toBe('NUMBER_BETWEEN');
    expect(between.getCriteriaValues()).toEqual([0, 100]);
    expect(between.getAllowInvalid()).toBe(true);
    expect(app.newDataValidation().requireDate().build().getCriteriaType()).toBe(
      'DATE_IS_VALID_DATE',
    );
    const copy = back.copy().setHelpText('Other').build();
    expect([copy.getCriteriaType(), copy.getHelpText()]).toEqual(['VALUE_IN_LIST', 'Other']);
  });

  test('a strict rule rejects a bad write with the Sheets text and writes nothing', () => {
    const { app, sheet } = setup();
    sheet
      .getRange('A1:A2')
      .setDataValidation(
        app.newDataValidation().requireValueInList(['fr', 'en']).setAllowInvalid(false).build(),
      );
    sheet.getRange('A1:A2').setValues([['fr'], ['']]);
    expect(() => sheet.getRange('A1:A2').setValues([['en'], ['de']])).toThrow(
      'The data you entered in cell A2 violates the data validation rules set on this cell.',
    );
    expect(column(sheet, 'A1:A2')).toEqual(['fr', '']);
  });

  test('a lenient rule (the default) accepts anything', () => {
    const { app, sheet } = setup();
    sheet
      .getRange('A1')
      .setDataValidation(app.newDataValidation().requireValueInList(['x']).build());
    sheet.getRange('A1').setValue('y');
    expect(sheet.getRange('A1').getValue()).toBe('y');
  });

  test('setDataValidation(null) removes rules; setDataValidations checks the shape', () => {
    const { app, sheet } = setup();
    const rule = app.newDataValidation().requireCheckbox().build();
    sheet.getRange('A1:B1').setDataValidations([[rule, null]]);
    expect(sheet.getRange('B1').getDataValidation()).toBeNull();
    expect(() => sheet.getRange('A1:B1').setDataValidations([[rule]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    sheet.getRange('A1').setDataValidation(null);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });
});

describe('conditional format rules', () => {
  test('round-trip through get/setConditionalFormatRules', () => {
    const { app, sheet } = setup();
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$T2=TRUE')
      .setBackground('#FCE8E6')
      .setBold(true)
      .setRanges([sheet.getRange('A2:W'), sheet.getRange('Y2:Y10')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule]);
    const [back] = sheet.getConditionalFormatRules();
    const cond = back!.getBooleanCondition()!;
    expect(cond.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
    expect(cond.getCriteriaValues()).toEqual(['=$T2=TRUE']);
    expect(cond.getBackground()).toBe('#fce8e6');
    expect(cond.getBold()).toBe(true);
    expect(back!.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:W', 'Y2:Y10']);
    expect(back!.getRanges()[0]!.getNumRows()).toBe(999);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });
});

describe('protections', () => {
  test('sheet.protect returns the existing sheet protection; range protections accumulate', () => {
    const { app, ss, sheet } = setup();
    const p = sheet.protect().setDescription('setup').setWarningOnly(true);
    expect(sheet.protect().getDescription()).toBe('setup');
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(p.getProtectionType()).toBe(app.ProtectionType.SHEET);
    expect(p.isWarningOnly()).toBe(true);
    expect(p.getRange().getA1Notation()).toBe('A1:Z1000');
    sheet.getRange('T:T').protect().setDescription('computed');
    sheet.getRange('U:U').protect();
    expect(sheet.getProtections(app.ProtectionType.RANGE).map((x) => x.getDescription())).toEqual([
      'computed',
      '',
    ]);
    expect(ss.getProtections(app.ProtectionType.RANGE)).toHaveLength(2);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);
    sheet.getProtections(app.ProtectionType.RANGE)[0]!.remove();
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
    // The owner still writes to protected cells.
    sheet.getRange('U1').setValue('ok');
    expect(sheet.getRange('U1').getValue()).toBe('ok');
  });
});

describe('test helpers (not service calls)', () => {
  test('seed creates the sheet, grows it and writes like setValues, without counting', () => {
    const { doc, ss, calls } = setup();
    const rows = Array.from({ length: 1200 }, (_, i) => [`INV-${i + 1}`, '2026-10-15', i * 2]);
    doc.seed('Invoices', [['Invoice no.', 'Date', 'Amount'], ...rows]);
    expect(calls.total).toBe(0);
    const sheet = ss.getSheetByName('Invoices')!;
    expect(sheet.getMaxRows()).toBe(1201);
    expect(sheet.getLastRow()).toBe(1201);
    expect(sheet.getRange('C1201').getValue()).toBe(2398);
    expect(sheet.getRange('B2').getValue()).toBeInstanceOf(Date);
    expect(doc.displayValues('Invoices')[1]).toEqual(['INV-1', '10/15/2026', '0']);
    expect(() => doc.addSheet('invoices')).toThrow('already exists');
  });
});

describe('toJSON / fromJSON', () => {
  test('persists the whole workbook', () => {
    const { app, ss, sheet, doc } = setup({ locale: 'fr_CA', timeZone: 'America/Toronto' });
    const clients = ss.insertSheet('Clients');
    clients.getRange('A1:C1').setValues([['Code client', 'Nom', 'Modifié le']]);
    clients.getRange('A2:A').setNumberFormat('@');
    clients.appendRow(['0042', 'Acme', new Date('2026-10-15T16:00:00Z')]);
    clients.getRange('D2').insertCheckboxes();
    clients.getRange('E2').setFormula('=1+1');
    clients.getRange('B2').setNote('note').setBackground('#eeeeee');
    clients.setFrozenRows(1);
    clients.setColumnWidth(2, 240);
    clients.getRange('C:C').protect().setDescription('computed').setWarningOnly(true);
    clients.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenCellEmpty()
        .setBackground('red')
        .setRanges([clients.getRange('A2:A')])
        .build(),
    ]);
    clients
      .getRange('F2')
      .setDataValidation(
        app.newDataValidation().requireValueInRange(sheet.getRange('A1:A5'), false).build(),
      );
    doc.setActiveRange('Clients', 'B2');

    const json = JSON.parse(JSON.stringify(doc.toJSON())) as ReturnType<typeof doc.toJSON>;
    const copy = EmulatedSpreadsheet.fromJSON(json);
    expect(copy.toJSON()).toEqual(doc.toJSON());

    const app2 = createSpreadsheetApp(
      {
        calls: new CallCounter(),
        now: () => new Date(),
        activeUserEmail: () => 'owner@example.com',
      },
      copy,
    );
    const ss2 = app2.getActiveSpreadsheet();
    expect([ss2.getId(), ss2.getSpreadsheetLocale(), ss2.getSpreadsheetTimeZone()]).toEqual([
      'doc-1',
      'fr_CA',
      'America/Toronto',
    ]);
    const c2 = ss2.getSheetByName('Clients')!;
    expect(c2.getSheetId()).toBe(clients.getSheetId());
    expect(c2.getRange('A2:E2').getValues()).toEqual([
      ['0042', 'Acme', new Date('2026-10-15T16:00:00Z'), false, 2],
    ]);
    expect(c2.getRange('E2').getFormula()).toBe('=1+1');
    expect(c2.getFrozenRows()).toBe(1);
    expect(c2.getColumnWidth(2)).toBe(240);
    expect(c2.getProtections(app2.ProtectionType.RANGE)[0]!.getDescription()).toBe('computed');
    expect(c2.getConditionalFormatRules()[0]!.getBooleanCondition()!.getBackground()).toBe(
      '#ff0000',
    );
    const src = c2
      .getRange('F2')
      .getDataValidation()!
      .getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(src.getSheet().getName()).toBe('Feuille 1');
    expect(ss2.getActiveRange()!.getA1Notation()).toBe('B2');
    expect(copy.cell('Clients', 'B2')).toMatchObject({
      note: 'note',
      style: { background: '#eeeeee' },
    });
    expect(copy.values('Clients')[1]).toEqual([
      '0042',
      'Acme',
      new Date('2026-10-15T16:00:00Z'),
      false,
      2,
    ]);
  });

  test('refuses what is not a saved workbook', () => {
    expect(() => EmulatedSpreadsheet.fromJSON('{"format":"other"}')).toThrow(
      'not an emulated spreadsheet',
    );
  });
});
