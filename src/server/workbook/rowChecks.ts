/**
 * Checks that rows and columns did not move between a read and what follows it: a person may
 * sort, insert or delete rows, or insert a column, while a script runs. A failed check makes
 * the caller read (and plan) again rather than write into the wrong rows.
 */
import { type ColumnKey, normalizeHeader, type SheetKey } from '../../shared/contract';
import { blockAgain, FIRST_DATA_ROW, rowBlocks, sameValue, type Table } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Whether column `i` of the sheet still holds, from row 2, what `rows` read in it: then the rows
 * read are still at the numbers read (nobody sorted, inserted or deleted rows above their end).
 * Rows added after the last one read are not checked: nothing was read or written there.
 */
export function stillHolds(sheet: Sheet, rows: readonly unknown[][], i: number): boolean {
  if (rows.length === 0) return true;
  const again = blockAgain(sheet, FIRST_DATA_ROW, i + 1, rows.length, 1);
  return again !== null && rows.every((row, r) => sameValue(again[r]?.[0], row[i]));
}

/**
 * Whether the key column still holds, at these rows, what was read (one call per sheet): just
 * before writing by row number, since a person may have sorted the sheet since it was read.
 */
export function stillAt<S extends SheetKey>(
  table: Table<S>,
  column: ColumnKey<S>,
  rows: readonly number[],
): boolean {
  if (rows.length === 0) return true;
  const i = table.index[column];
  // In blocks, as whole rows are read: a client's rows near both ends of a long sheet would
  // otherwise make it read the whole column.
  for (const block of rowBlocks(rows, 1)) {
    const now = blockAgain(table.sheet, block.start, i + 1, block.count, 1);
    if (now === null) return false;
    for (let k = 0; k < block.count; k++) {
      const r = block.start + k;
      if (!sameValue(now[k]?.[0], table.rows[r - FIRST_DATA_ROW]?.[i])) return false;
    }
  }
  return true;
}

/**
 * Just before writing by row and column numbers: the header still stands (no column inserted or
 * moved) and the key cells of `rows` still hold what was read (no row sorted, inserted or
 * deleted). `rows` empty: the header only (an append).
 */
export function unmoved<S extends SheetKey>(
  table: Table<S>,
  column: ColumnKey<S>,
  rows: readonly number[],
): boolean {
  return sameHeader(table.sheet, table.header) && stillAt(table, column, rows);
}

/**
 * Whether the sheet's header row still reads as `header` (one call), read to the last column
 * with data as every header is read (getSheetValues with -1): a column added after the end
 * since is a change too. A table keeps positions only for the columns its header had; a form
 * save by a header cached before a script added a phone column at the end wrote no phone
 * (formCacheReview.test.ts).
 */
export function sameHeader(sheet: Sheet, header: readonly unknown[]): boolean {
  const now = blockAgain(sheet, 1, 1, 1, -1)?.[0];
  if (now === undefined) return false;
  const width = Math.max(header.length, now.length);
  for (let i = 0; i < width; i++)
    if (normalizeHeader(now[i]) !== normalizeHeader(header[i])) return false;
  return true;
}
