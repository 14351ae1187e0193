import { csvField, looksLikeFormula, neutralizeFormula } from '../../src/shared/csv';

describe('CSV fields a spreadsheet program will not run (OWASP CSV injection)', () => {
  test.each(['=1+1', '+1 514 555-0101', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])(
    '%j gets a leading quote and is enclosed in double quotes',
    (text) => {
      expect(looksLikeFormula(text)).toBe(true);
      expect(neutralizeFormula(text)).toBe(`'${text}`);
      expect(csvField(text)).toBe(`"'${text}"`);
    },
  );

  test('ordinary text is left as it is; separators, quotes and line breaks are quoted', () => {
    expect(csvField('Tremblay')).toBe('Tremblay');
    expect(csvField("l'Érable")).toBe("l'Érable");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
