import {
  csvField,
  looksLikeFormula,
  neutralizeFormula,
  restoreNeutralized,
} from '../../src/shared/csv';

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
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('12, rang Saint-Joseph')).toBe('"12, rang Saint-Joseph"');
  });
});

/**
 * Decision 014: Excel splits a line at the system's list separator (`;` in fr-CA), so the
 * part after a `;` or `,` inside a field is the start of a cell there.
 */
describe('a formula starter after a ; or , list separator', () => {
  const PAYLOADS = [
    'K;=1+1',
    'K,=1+1',
    'K;+1',
    'K;@SUM(A1)',
    'K;-2',
    "Sal;=cmd|' /C calc'!A0",
    'K; =1+1',
    'K;"=1+1',
    "K;'=1+1",
    'a;b;=c;d,@e',
    "'K;=1",
  ];

  test.each(PAYLOADS)(
    '%j: every part after a separator starts with a quote, and comes back',
    (text) => {
      expect(looksLikeFormula(text)).toBe(true);
      const safe = neutralizeFormula(text);
      // Split as Excel would, at either separator: no part is a formula any more.
      for (const part of safe.split(/[;,]/)) expect(part).not.toMatch(/^[ \u00a0"]*[=+\-@\t\r]/);
      expect(safe.startsWith("'")).toBe(true);
      expect(restoreNeutralized(safe)).toBe(text);
      // Quoted as a field: read with `;` or `,` as the separator, no cell begins with a starter.
      const field = csvField(text);
      expect(field.startsWith(`"'`)).toBe(true);
      const line = `C1,${field},5`;
      for (const sep of [';', ','])
        for (const cell of line.split(sep)) expect(cell).not.toMatch(/^[ \u00a0"]*[=+\-@\t\r]/);
    },
  );

  test('the exact marks', () => {
    expect(neutralizeFormula('K;=1+1')).toBe("'K;'=1+1");
    expect(neutralizeFormula('K, -2')).toBe("'K, '-2");
    expect(neutralizeFormula("K;'=1")).toBe("'K;''=1");
    expect(csvField("Sal;=cmd|' /C calc'!A0")).toBe(`"'Sal;'=cmd|' /C calc'!A0"`);
  });

  test.each(["l'Érable", 'a;b', 'Dupont, Jean-Paul', "'0042", "x;'y", '', 'K;1=1'])(
    '%j: no formula, and the text comes back through the inverse',
    (text) => {
      expect(restoreNeutralized(neutralizeFormula(text))).toBe(text);
    },
  );
});
