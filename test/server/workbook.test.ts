import { adjacentRuns, asCellValue, columnLetter, indexHeader } from '../../src/server/workbook';
import { exportHeaders } from '../../src/server/privacy';
import { t } from '../../src/server/messages';

describe('indexHeader', () => {
  it('finds contract columns in either language, any order, case and spaces ignored', () => {
    const { index, duplicates } = indexHeader('clients', [
      'Notes perso',
      '  NOM ',
      'Client code',
      'Courriel',
    ]);
    expect(index.name).toBe(1);
    expect(index.code).toBe(2);
    expect(index.email).toBe(3);
    expect(index.phone).toBe(-1);
    expect(duplicates).toEqual([]);
  });
  it('reports a column present twice (once per language)', () => {
    const { index, duplicates } = indexHeader('clients', ['Code client', 'Client code']);
    expect(index.code).toBe(0);
    expect(duplicates.map((c) => c.key)).toEqual(['code']);
  });
});

describe('adjacentRuns', () => {
  it('groups adjacent positions', () => {
    expect(adjacentRuns([7, 1, 2, 3, 9])).toEqual([
      { start: 1, values: [1, 2, 3] },
      { start: 7, values: [7] },
      { start: 9, values: [9] },
    ]);
    expect(adjacentRuns([])).toEqual([]);
  });
});

describe('asCellValue', () => {
  it('keeps user text from becoming a formula or another type', () => {
    expect(asCellValue('=IMPORTRANGE("x")', false)).toBe(`'=IMPORTRANGE("x")`);
    expect(asCellValue('+1 514 555', false)).toBe(`'+1 514 555`);
    expect(asCellValue('-bad', false)).toBe(`'-bad`);
    expect(asCellValue('@home', false)).toBe(`'@home`);
    expect(asCellValue('0042', false)).toBe(`'0042`);
    expect(asCellValue('2026-10-15', false)).toBe(`'2026-10-15`);
    expect(asCellValue('TRUE', false)).toBe(`'TRUE`);
    // A leading apostrophe would be taken as Sheets' text mark and dropped.
    expect(asCellValue("'t Hooft", false)).toBe("''t Hooft");
  });
  it('leaves ordinary text, non-strings and plain-text columns alone', () => {
    expect(asCellValue('Boulangerie Alida', false)).toBe('Boulangerie Alida');
    expect(asCellValue(42, false)).toBe(42);
    expect(asCellValue('=1+1', true)).toBe('=1+1');
    expect(asCellValue('', false)).toBe('');
  });
});

describe('columnLetter', () => {
  it('names columns as Sheets does', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('server messages', () => {
  it('fill placeholders and choose singular or plural by language', () => {
    expect(t('fr', 'watchDone', { watched: 1, newly: 0 })).toBe(
      '1 client sous surveillance, dont 0 nouveau.',
    );
    expect(t('fr', 'watchDone', { watched: 3, newly: 2 })).toBe(
      '3 clients sous surveillance, dont 2 nouveaux.',
    );
    expect(t('en', 'watchDone', { watched: 1, newly: 1 })).toBe('1 client under watch, 1 newly.');
    expect(t('en', 'watchDone', { watched: 0, newly: 0 })).toBe('0 clients under watch, 0 newly.');
  });
});

describe('exportHeaders (Law 25 access export)', () => {
  it('names every column: blank headers by letter, a header used twice with its letter', () => {
    expect(
      exportHeaders(['Code client', '', 'Note', 'Note'], [['A', 'x', 'y', 'z', 'extra']]),
    ).toEqual(['Code client', '(B)', 'Note (C)', 'Note (D)', '(E)']);
  });
});
