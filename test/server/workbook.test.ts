import {
  adjacentRuns,
  columnLetter,
  indexHeader,
  rowBlocks,
} from '../../src/server/workbook/sheets';
import { asCellValue } from '../../src/server/workbook/write';
import { exportHeaders } from '../../src/server/privacy/privacy';
import { t } from '../../src/server/platform/messages';

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
    expect(asCellValue('=IMPORTRANGE("x")')).toBe(`'=IMPORTRANGE("x")`);
    expect(asCellValue('+1 514 555')).toBe(`'+1 514 555`);
    expect(asCellValue('-bad')).toBe(`'-bad`);
    expect(asCellValue('@home')).toBe(`'@home`);
    expect(asCellValue('0042')).toBe(`'0042`);
    expect(asCellValue('2026-10-15')).toBe(`'2026-10-15`);
    expect(asCellValue('TRUE')).toBe(`'TRUE`);
    // A leading apostrophe would be taken as Sheets' text mark and dropped.
    expect(asCellValue("'t Hooft")).toBe("''t Hooft");
  });
  it('leaves ordinary text and non-strings alone', () => {
    expect(asCellValue('Boulangerie Alida')).toBe('Boulangerie Alida');
    expect(asCellValue(42)).toBe(42);
    // Plain-text columns too get the mark: their '@' format may have been cleared
    // (setCellValues drops it again where the format is still '@').
    expect(asCellValue('=1+1')).toBe("'=1+1");
    expect(asCellValue('')).toBe('');
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
    expect(t('watchDone', 'fr', { watched: 1, newly: 0 })).toBe(
      '1 client sous surveillance, dont 0 nouveau.',
    );
    expect(t('watchDone', 'fr', { watched: 3, newly: 2 })).toBe(
      '3 clients sous surveillance, dont 2 nouveaux.',
    );
    expect(t('watchDone', 'en', { watched: 1, newly: 1 })).toBe('1 client under watch, 1 newly.');
    expect(t('watchDone', 'en', { watched: 0, newly: 0 })).toBe('0 clients under watch, 0 newly.');
  });
});

describe('exportHeaders (Law 25 access export)', () => {
  it('names every column: blank headers by letter, a header used twice with its letter', () => {
    expect(
      exportHeaders(['Code client', '', 'Note', 'Note'], [['A', 'x', 'y', 'z', 'extra']]),
    ).toEqual(['Code client', '(B)', 'Note (C)', 'Note (D)', '(E)']);
  });
});

describe('rowBlocks', () => {
  it('reads adjacent and nearby rows in one block', () => {
    expect(rowBlocks([5, 6, 7], 10)).toEqual([{ start: 5, count: 3 }]);
    // a gap of 100 rows × 10 columns costs less than a call: read through it
    expect(rowBlocks([5, 106], 10)).toEqual([{ start: 5, count: 102 }]);
    expect(rowBlocks([], 10)).toEqual([]);
  });
  it('skips gaps that hold more cells than a call costs, the largest first, in a bounded number of blocks', () => {
    expect(rowBlocks([2, 10_000, 10_001], 8)).toEqual([
      { start: 2, count: 1 },
      { start: 10_000, count: 2 },
    ]);
    const scattered = [2, 5_002, 10_002, 15_002, 15_010];
    expect(rowBlocks(scattered, 8, 3)).toEqual([
      { start: 2, count: 1 },
      { start: 5_002, count: 1 },
      // the smaller of the remaining gaps is read through: three blocks at most
      { start: 10_002, count: 5_009 },
    ]);
    const blocks = rowBlocks(scattered, 8);
    expect(blocks).toHaveLength(4);
    expect(blocks.reduce((n, b) => n + b.count, 0)).toBe(1 + 1 + 1 + 9);
  });
  it('covers every row asked for, in order, whatever the bound', () => {
    const rows = [900, 3, 77, 4_000, 4_001, 60_000, 3];
    for (const max of [1, 2, 3, 8]) {
      const blocks = rowBlocks(rows, 5, max);
      expect(blocks.length).toBeLessThanOrEqual(max);
      for (const r of rows)
        expect(blocks.some((b) => r >= b.start && r < b.start + b.count)).toBe(true);
      for (let i = 1; i < blocks.length; i++)
        expect(blocks[i]!.start).toBeGreaterThanOrEqual(
          blocks[i - 1]!.start + blocks[i - 1]!.count,
        );
    }
  });
});
