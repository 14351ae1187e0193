/**
 * Range/Sheet.createTextFinder (emulator/spreadsheet/service/textFinder.ts), against the
 * reference: https://developers.google.com/apps-script/reference/spreadsheet/text-finder
 */
import { setup } from './spreadsheetHarness';

function a1s(ranges: GoogleAppsScript.Spreadsheet.Range[]): string[] {
  return ranges.map((r) => r.getA1Notation());
}

describe('TextFinder', () => {
  function codes() {
    const env = setup();
    env.sheet.getRange('A1:C6').setValues([
      ['Code', 'Name', 'Amount'],
      ['C1', 'Anne', 10],
      ['C12', 'c1 copy', 1000],
      ['c1', 'Bob', 12],
      ['C1', 'C1', ''],
      ['', '', 1],
    ]);
    env.calls.reset();
    return env;
  }

  test('findAll: partial and case-insensitive by default, in rows then columns order', () => {
    const { sheet } = codes();
    const found = sheet.getRange('A2:B6').createTextFinder('c1').findAll();
    expect(a1s(found)).toEqual(['A2', 'A3', 'B3', 'A4', 'A5', 'B5']);
  });

  test('matchEntireCell(true) matches the whole cell; matchCase(true) the case too', () => {
    const { sheet } = codes();
    const column = sheet.getRange('A2:A6');
    expect(a1s(column.createTextFinder('C1').matchEntireCell(true).findAll())).toEqual([
      'A2',
      'A4',
      'A5',
    ]);
    expect(
      a1s(column.createTextFinder('C1').matchEntireCell(true).matchCase(true).findAll()),
    ).toEqual(['A2', 'A5']);
  });

  test('the search stays inside the range; no match gives an empty array', () => {
    const { sheet } = codes();
    expect(a1s(sheet.getRange('A3:A4').createTextFinder('C1').findAll())).toEqual(['A3', 'A4']);
    expect(sheet.getRange('A2:C6').createTextFinder('Zed').findAll()).toEqual([]);
  });

  test('Sheet.createTextFinder searches the whole sheet, on displayed values', () => {
    const { sheet } = codes();
    sheet.getRange('C3').setNumberFormat('#,##0');
    // 1000 shows as "1,000": the displayed text is what is searched.
    expect(a1s(sheet.createTextFinder('1,000').findAll())).toEqual(['C3']);
    expect(sheet.createTextFinder('1000').findAll()).toEqual([]);
    expect(a1s(sheet.createTextFinder('Code').matchEntireCell(true).findAll())).toEqual(['A1']);
  });

  test('a match is a one-cell Range that reads its cell', () => {
    const { sheet } = codes();
    const [first] = sheet.getRange('B2:B6').createTextFinder('copy').findAll();
    expect(first!.getRow()).toBe(3);
    expect(first!.getValue()).toBe('c1 copy');
  });

  test('findNext walks the matches, then returns null', () => {
    const { sheet } = codes();
    const finder = sheet.getRange('A2:A6').createTextFinder('C1').matchEntireCell(true);
    expect(finder.findNext()!.getA1Notation()).toBe('A2');
    expect(finder.findNext()!.getA1Notation()).toBe('A4');
    expect(finder.findNext()!.getA1Notation()).toBe('A5');
    expect(finder.findNext()).toBeNull();
  });

  test('each call counts once, under its class', () => {
    const { sheet, calls } = codes();
    const range = sheet.getRange('A2:A6');
    calls.reset();
    range.createTextFinder('C1').matchEntireCell(true).findAll();
    expect(calls.snapshot()).toEqual({
      'Range.createTextFinder': 1,
      'TextFinder.matchEntireCell': 1,
      'TextFinder.findAll': 1,
    });
  });

  test('an empty search text is refused; unimplemented options fail loudly', () => {
    const { sheet } = codes();
    expect(() => sheet.createTextFinder('')).toThrow('Invalid argument: findText');
    expect(() => sheet.createTextFinder('C1').useRegularExpression(true)).toThrow(
      'Emulator: TextFinder.useRegularExpression is not implemented',
    );
  });
});
