import vm from 'node:vm';
import { parseTyped } from '../spreadsheet';
import { setup } from './spreadsheetHarness';

describe('values written and read back', () => {
  test('empty cells read as ""; numbers, booleans, strings keep their types', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:D2');
    r.setValues([
      [1.5, true, 'text', null],
      ['', false, -3, 'x'],
    ]);
    expect(r.getValues()).toEqual([
      [1.5, true, 'text', ''],
      ['', false, -3, 'x'],
    ]);
    expect(sheet.getRange('Z100').getValue()).toBe('');
  });

  test('setValue sets every cell of the range; getValue reads the top-left one', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    sheet.getRange('A1').setValue('first');
    expect(sheet.getRange('A1:B2').getValue()).toBe('first');
  });

  test('setValues with the wrong shape fails with the Sheets texts and writes nothing', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B2');
    expect(() => r.setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => r.setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('strings are parsed like typed input (en_US)', () => {
    const { sheet } = setup();
    const inputs = [
      '42',
      '1,234.5',
      '-0.5',
      '12%',
      '$12.50',
      'TRUE',
      'false',
      '0042',
      ' 7 ',
      'abc',
    ];
    sheet.getRange(1, 1, 1, inputs.length).setValues([inputs]);
    expect(sheet.getRange(1, 1, 1, inputs.length).getValues()).toEqual([
      [42, 1234.5, -0.5, 0.12, 12.5, true, false, 42, 7, 'abc'],
    ]);
    expect(sheet.getRange('D1').getDisplayValue()).toBe('12%');
    sheet.getRange('D2').setValue('12.5%');
    expect(sheet.getRange('D2').getDisplayValue()).toBe('12.50%');
    expect(sheet.getRange('E1').getDisplayValue()).toBe('$12.50');
  });

  test('a leading apostrophe forces text and is not part of the value', () => {
    const { sheet, doc } = setup();
    sheet.getRange('A1').setValue("'0042");
    expect(sheet.getRange('A1').getValue()).toBe('0042');
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(doc.cell('Sheet1', 'A1').value).toBe('0042');
  });

  test("a cell formatted '@' keeps text as typed, even digits and '='", () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:A3');
    r.setNumberFormat('@');
    r.setValues([['0042'], ['=1+1'], ['2026-10-15']]);
    expect(r.getValues()).toEqual([['0042'], ['=1+1'], ['2026-10-15']]);
    expect(r.getFormulas()).toEqual([[''], [''], ['']]);
    expect(r.getNumberFormats()).toEqual([['@'], ['@'], ['@']]);
  });

  test('French Canadian input: decimal comma, space grouping, day-first dates', () => {
    const { sheet } = setup({ locale: 'fr_CA', timeZone: 'America/Montreal' });
    const r = sheet.getRange('A1:E1');
    r.setValues([['1 234,5', '12,5 %', 'VRAI', '15/10/2026', '3,5']]);
    const [[a, b, c, d, e]] = r.getValues() as unknown[][] as [
      [unknown, unknown, unknown, Date, unknown],
    ];
    expect([a, b, c, e]).toEqual([1234.5, 0.125, true, 3.5]);
    expect(d).toBeInstanceOf(Date);
    expect(sheet.getRange('D1').getDisplayValue()).toBe('2026-10-15');
  });

  test('parseTyped: dates per locale order, invalid dates stay text', () => {
    expect(parseTyped('10/15/2026', 'en_US', false)).toMatchObject({ kind: 'value', auto: 'date' });
    expect(parseTyped('15/10/2026', 'en_US', false)).toEqual({
      kind: 'value',
      value: '15/10/2026',
    });
    expect(parseTyped('2026-02-30', 'en_US', false)).toEqual({
      kind: 'value',
      value: '2026-02-30',
    });
    expect(parseTyped('2026-10-15 14:30', 'en_US', false)).toMatchObject({ auto: 'datetime' });
    expect(parseTyped('=SUM(A1:A3)', 'en_US', false)).toEqual({
      kind: 'formula',
      formula: '=SUM(A1:A3)',
    });
    expect(parseTyped('', 'en_US', false)).toEqual({ kind: 'empty' });
  });
});

test('a cell holds at most 50000 characters (Sheets refuses the whole write)', () => {
  const { sheet } = setup();
  expect(() => sheet.getRange('A1:B1').setValues([['ok', 'x'.repeat(50001)]])).toThrow(
    'Your input contains more than the maximum of 50000 characters in a single cell.',
  );
  expect(sheet.getRange('A1').getValue()).toBe('');
  sheet.getRange('A1').setValue('x'.repeat(50000));
  expect((sheet.getRange('A1').getValue() as string).length).toBe(50000);
});

describe('dates', () => {
  test('a Date made in another realm (the bundle runs in a vm context) is still a date', () => {
    const { sheet } = setup({ timeZone: 'UTC' });
    const foreign = vm.runInNewContext('new Date(Date.UTC(2026, 9, 15))') as Date;
    expect(foreign instanceof Date).toBe(false);
    sheet.getRange('A1').setValue(foreign);
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2026-10-15T00:00:00.000Z',
    );
  });

  test('"2026-10-15" becomes a Date at midnight in the spreadsheet zone', () => {
    const { sheet } = setup({ timeZone: 'America/Montreal' });
    sheet.getRange('A1').setValue('2026-10-15');
    const d = sheet.getRange('A1').getValue() as Date;
    expect(d).toBeInstanceOf(Date);
    expect(d.toISOString()).toBe('2026-10-15T04:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('10/15/2026');
  });

  test('a Date written reads back as the same instant, whatever the zone', () => {
    for (const tz of ['America/Montreal', 'Europe/Paris', 'Asia/Kolkata', 'UTC']) {
      const { sheet } = setup({ timeZone: tz });
      const when = new Date('2026-03-08T07:30:15.250Z'); // the DST switch day in Montreal
      sheet.getRange('A1').setValue(when);
      expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(when.getTime());
    }
  });

  test('a Date is stored as its wall clock in the spreadsheet zone (serial days)', () => {
    const { sheet, doc } = setup({ timeZone: 'America/Montreal' });
    sheet.getRange('A1').setValue(new Date('2026-01-01T05:00:00Z')); // midnight in Montreal
    expect(doc.cell('Sheet1', 'A1').value).toBe(46023);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1/1/2026 0:00:00');
  });

  test('changing the spreadsheet zone keeps the wall clock, so the instant read moves', () => {
    const { sheet, ss } = setup({ timeZone: 'America/Montreal' });
    sheet.getRange('A1').setValue('2026-10-15');
    ss.setSpreadsheetTimeZone('Europe/Paris');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2026-10-14T22:00:00.000Z',
    );
  });

  test('a number in a date-formatted cell reads as a Date; a date in a number format as a number', () => {
    const { sheet } = setup({ timeZone: 'UTC' });
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd').setValue(46023);
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    sheet.getRange('B1').setValue('2026-01-01');
    sheet.getRange('B1').setNumberFormat('0.00');
    expect(sheet.getRange('B1').getValue()).toBe(46023);
    expect(sheet.getRange('B1').getDisplayValue()).toBe('46023.00');
  });
});

describe('display values', () => {
  test('number formats in en_US', () => {
    const { sheet } = setup();
    const cases: [number, string, string][] = [
      [1234.567, '0.00', '1234.57'],
      [1234.567, '#,##0.00', '1,234.57'],
      [-1234.5, '#,##0.00', '-1,234.50'],
      [0.125, '0%', '13%'],
      [0.125, '0.00%', '12.50%'],
      [42, '0', '42'],
      [3, '"$"#,##0.00', '$3.00'],
      [-3, '#,##0.00;(#,##0.00)', '(3.00)'],
      [1234.5, '@', '1234.5'],
      [12, '0.##', '12.'],
      [12.345, '0.##', '12.35'],
      [0.5, '#.##', '.5'],
    ];
    cases.forEach(([v, fmt], i) =>
      sheet
        .getRange(i + 1, 1)
        .setNumberFormat(fmt)
        .setValue(v),
    );
    expect(sheet.getRange(1, 1, cases.length, 1).getDisplayValues()).toEqual(
      cases.map(([, , shown]) => [shown]),
    );
  });

  test('number formats in fr_CA use a decimal comma and a no-break space', () => {
    const { sheet } = setup({ locale: 'fr_CA' });
    sheet.getRange('A1').setNumberFormat('#,##0.00').setValue(1234.5);
    sheet.getRange('A2').setValue(0.5);
    expect(sheet.getRange('A1:A2').getDisplayValues()).toEqual([['1\u00a0234,50'], ['0,5']]);
  });

  test('date formats, booleans, automatic numbers', () => {
    const { sheet } = setup({ timeZone: 'UTC' });
    const when = new Date('2026-10-05T14:07:09Z');
    const fmts = [
      'yyyy-mm-dd',
      'dd/MM/yyyy',
      'yyyy-MM-dd HH:mm',
      'd mmm yyyy',
      'dddd d mmmm yyyy',
      'h:mm am/pm',
    ];
    fmts.forEach((f, i) =>
      sheet
        .getRange(1, i + 1)
        .setNumberFormat(f)
        .setValue(when),
    );
    expect(sheet.getRange(1, 1, 1, fmts.length).getDisplayValues()).toEqual([
      [
        '2026-10-05',
        '05/10/2026',
        '2026-10-05 14:07',
        '5 Oct 2026',
        'Monday 5 October 2026',
        '2:07 PM',
      ],
    ]);
    sheet.getRange('A2:C2').setValues([[true, 1 / 3, 1e20]]);
    expect(sheet.getRange('A2:C2').getDisplayValues()).toEqual([['TRUE', '0.3333333333', '1E+20']]);
  });
});

describe('formulas', () => {
  test('getFormulas returns the text, getValues the computed value', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[2], [3], ['=A1*A2']]);
    sheet.getRange('B1').setFormula('SUM(A1:A3)');
    sheet.getRange('B2').setFormula('=A1&"-"&A2');
    sheet.getRange('B3').setFormula('=IF(A1>A2,"big","small")');
    expect(sheet.getRange('A3').getValue()).toBe(6);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[11], ['2-3'], ['small']]);
    expect(sheet.getRange('B1:B3').getFormulas()).toEqual([
      ['=SUM(A1:A3)'],
      ['=A1&"-"&A2'],
      ['=IF(A1>A2,"big","small")'],
    ]);
    // Formulas follow the cells they read.
    sheet.getRange('A1').setValue(10);
    expect(sheet.getRange('A3').getValue()).toBe(30);
  });

  test('errors and unsupported functions', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['=1/0'], ['=A2+1'], ['=VLOOKUP(1,B:C,2,FALSE)']]);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['#DIV/0!'], ['#REF!'], ['']]);
    expect(sheet.getRange('A3').getFormula()).toBe('=VLOOKUP(1,B:C,2,FALSE)');
  });

  test('a formula can read another sheet', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('My list').getRange('A1').setValue(5);
    sheet.getRange('A1').setValue("='My list'!A1*2");
    expect(sheet.getRange('A1').getValue()).toBe(10);
  });

  test('one formula set on a block moves its relative references, as a fill does', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B3').setValues([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    sheet.getRange('C1:C3').setFormula('=A1*B1+$A$1&"A1"');
    expect(sheet.getRange('C1:C3').getFormulas()).toEqual([
      ['=A1*B1+$A$1&"A1"'],
      ['=A2*B2+$A$1&"A1"'],
      ['=A3*B3+$A$1&"A1"'],
    ]);
    expect(sheet.getRange('C1:C3').getValues()).toEqual([['11A1'], ['41A1'], ['91A1']]);
    sheet.getRange('D1:E1').setValue('=SUM(A$1:A3)+LOG10(1)');
    expect(sheet.getRange('D1:E1').getFormulas()).toEqual([
      ['=SUM(A$1:A3)+LOG10(1)', '=SUM(B$1:B3)+LOG10(1)'],
    ]);
  });

  test('writing a value over a formula removes the formula', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('=1+1');
    sheet.getRange('A1').setValue('plain');
    expect(sheet.getRange('A1').getFormula()).toBe('');
    expect(sheet.getRange('A1').getValue()).toBe('plain');
  });
});

describe('clearing', () => {
  test('clearContent keeps formats and validations; clear removes them', () => {
    const { sheet, app } = setup();
    const r = sheet.getRange('A1');
    r.setNumberFormat('@')
      .setValue('0042')
      .setDataValidation(app.newDataValidation().requireValueInList(['0042']).build());
    r.clearContent();
    expect(r.getValue()).toBe('');
    expect(r.getNumberFormat()).toBe('@');
    expect(r.getDataValidation()).not.toBeNull();
    r.clear();
    expect(r.getNumberFormat()).toBe('0.###############');
    expect(r.getDataValidation()).toBeNull();
  });

  test('notes and styles', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setNote('computed').setBackground('#FFF2CC').setFontWeight('bold');
    expect(r.getNotes()).toEqual([['computed', 'computed']]);
    expect(r.getBackground()).toBe('#fff2cc');
    expect(r.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(sheet.getRange('C1').getBackground()).toBe('#ffffff');
    expect(sheet.getRange('C1').getFontWeight()).toBe('normal');
    r.clear();
    expect(r.getNotes()).toEqual([['computed', 'computed']]);
    expect(r.getBackground()).toBe('#ffffff');
    r.clear({});
    expect(r.getNotes()).toEqual([['', '']]);
  });
});

describe('numbers past the Date range under a date format', () => {
  test('read back as the number, not an invalid Date that would throw', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1').setNumberFormat('yyyy-mm-dd');
    r.setValues([[100025568.84375, 46023]]);
    const [[far, near]] = r.getValues() as [[unknown, unknown]];
    expect(far).toBe(100025568.84375);
    expect(near).toBeInstanceOf(Date);
  });
});
