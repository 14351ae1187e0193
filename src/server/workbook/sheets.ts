/**
 * The workbook layer's base: sheets found by name in either language, header rows matched to the
 * contract's columns, and the one way cells are read (Sheet.getSheetValues). Reading whole
 * tables is in ./read.ts, the checks that rows did not move in ./rowChecks.ts, writing in
 * ./write.ts.
 *
 * Sheets are found by their name in either language; columns by their header text in either
 * language, case and surrounding spaces ignored, so a team may reorder columns and add its own
 * (DESIGN.md, "The workbook contract").
 */
import { WorkbookError } from '../platform/errors';
import {
  type ColumnDef,
  type ColumnKey,
  type Lang,
  normalizeHeader,
  type SheetKey,
  SHEETS,
} from '../../shared/contract';
import { t } from '../platform/messages';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface Table<S extends SheetKey> {
  readonly key: S;
  readonly sheet: Sheet;
  /** The sheet's actual name (either language). */
  readonly name: string;
  readonly lang: Lang;
  /** 0-based position of each contract column in a row array; -1 when the column is absent. */
  readonly index: Readonly<Record<ColumnKey<S>, number>>;
  readonly header: readonly unknown[];
  /** Data rows from row 2, as getValues returned them; rows[i] is sheet row i + 2. */
  readonly rows: unknown[][];
}

/** Column letter(s) of a 1-based column: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const FIRST_DATA_ROW = 2;

export function columnsOf<S extends SheetKey>(key: S): readonly ColumnDef<ColumnKey<S>>[] {
  return SHEETS[key].columns as unknown as readonly ColumnDef<ColumnKey<S>>[];
}

/** The sheet of `key`, looked up by its name in the workbook language first; null if absent. */
export function findSheet(spreadsheet: Spreadsheet, key: SheetKey, lang: Lang): Sheet | null {
  return findNamedSheet(spreadsheet, key, lang)?.sheet ?? null;
}

/** The sheet of `key` and the name it was found under (saves a getName call). */
function findNamedSheet(
  spreadsheet: Spreadsheet,
  key: SheetKey,
  lang: Lang,
): { sheet: Sheet; name: string } | null {
  const def = SHEETS[key];
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  for (const name of def[other] === def[lang] ? [def[lang]] : [def[lang], def[other]]) {
    const sheet = spreadsheet.getSheetByName(name);
    if (sheet) return { sheet, name };
  }
  return null;
}

/** Where each contract column stands in a header row; a header in either language matches. */
export function indexHeader<S extends SheetKey>(
  key: S,
  header: readonly unknown[],
): { index: Record<ColumnKey<S>, number>; duplicates: ColumnDef[] } {
  const positions = new Map<string, number[]>();
  header.forEach((cell, i) => {
    const text = normalizeHeader(cell);
    if (!text) return;
    const list = positions.get(text);
    if (list) list.push(i);
    else positions.set(text, [i]);
  });
  const index = {} as Record<ColumnKey<S>, number>;
  const duplicates: ColumnDef[] = [];
  for (const column of columnsOf(key)) {
    const found = new Set([
      ...(positions.get(normalizeHeader(column.fr)) ?? []),
      ...(positions.get(normalizeHeader(column.en)) ?? []),
    ]);
    const sorted = [...found].sort((a, b) => a - b);
    index[column.key] = sorted[0] ?? -1;
    if (sorted.length > 1) duplicates.push(column);
  }
  return { index, duplicates };
}

/**
 * A block read again; null when the sheet no longer reaches it (rows deleted meanwhile) or the
 * read fails: the caller then reads everything again.
 */
export function blockAgain(
  sheet: Sheet,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
): unknown[][] | null {
  try {
    return sheet.getSheetValues(row, column, numRows, numColumns);
  } catch {
    return null;
  }
}

/** Largest number of blocks a table's rows of one client are read in (calls stay bounded). */
const MAX_ROW_BLOCKS = 16;

/**
 * Cells whose reading costs about as much as one more call (50 ms a call, 0.031 ms a cell read:
 * bench/costModel.ts). A gap between two of a client's rows is skipped, at the price of one more
 * call, only when it holds more cells than this.
 */
const CELLS_PER_CALL = 1_600;

/**
 * The blocks of whole rows to read for the given sheet rows: at most `maxBlocks`, split at the
 * largest gaps, and only at gaps wider than a call is worth. Splitting at the largest gaps
 * leaves the fewest rows read for a given number of blocks.
 */
export function rowBlocks(
  sheetRows: readonly number[],
  width: number,
  maxBlocks = MAX_ROW_BLOCKS,
): { start: number; count: number }[] {
  const rows = [...new Set(sheetRows)].sort((a, b) => a - b);
  if (rows.length === 0) return [];
  const gaps = rows
    .slice(1)
    .map((row, i) => ({ at: i + 1, size: row - rows[i]! - 1 }))
    .filter((g) => g.size * width > CELLS_PER_CALL)
    .sort((a, b) => b.size - a.size)
    .slice(0, maxBlocks - 1)
    .map((g) => g.at)
    .sort((a, b) => a - b);
  const blocks: { start: number; count: number }[] = [];
  let first = 0;
  for (const at of [...gaps, rows.length]) {
    blocks.push({ start: rows[first]!, count: rows[at - 1]! - rows[first]! + 1 });
    first = at;
  }
  return blocks;
}

/** Two cell values as getValues gives them: equal, dates by their instant. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? '') === (b ?? '');
}

/** The contract's required columns of a sheet. */
export function requiredColumns<S extends SheetKey>(key: S): ColumnKey<S>[] {
  return columnsOf(key)
    .filter((c) => c.required)
    .map((c) => c.key);
}

export function sheetOf(
  spreadsheet: Spreadsheet,
  key: SheetKey,
  lang: Lang,
): { sheet: Sheet; name: string } {
  const found = findNamedSheet(spreadsheet, key, lang);
  if (!found) throw new WorkbookError(t('missingSheet', lang, { name: SHEETS[key][lang] }));
  return found;
}

/** The header's positions, after checking that the needed columns are there once each. */
export function checkedIndex<S extends SheetKey>(
  key: S,
  header: readonly unknown[],
  name: string,
  lang: Lang,
  required?: readonly ColumnKey<S>[],
): Record<ColumnKey<S>, number> {
  const { index, duplicates } = indexHeader(key, header);
  const needed = required ?? requiredColumns(key);
  for (const columnKey of needed) {
    if (index[columnKey] < 0) {
      const column = columnsOf(key).find((c) => c.key === columnKey)!;
      throw new WorkbookError(t('missingColumn', lang, { column: column[lang], sheet: name }));
    }
  }
  const duplicate = duplicates.find((c) => needed.includes(c.key as ColumnKey<S>));
  if (duplicate)
    throw new WorkbookError(t('duplicateColumn', lang, { column: duplicate[lang], sheet: name }));
  return index;
}

/**
 * Sheet.getSheetValues: one service call, no Range object. "A -1 value given as the row or
 * column position is equivalent to getting the very last row or column that has data in the
 * sheet" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns).
 * Called with -1 only when counting from row 1 or column 1, the case the reference describes.
 * What it does on a sheet with no content at all is not documented: read as no rows (the
 * header check then names the missing columns).
 */
export function sheetValues(
  sheet: Sheet,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
): unknown[][] {
  try {
    return sheet.getSheetValues(row, column, numRows, numColumns);
  } catch (error) {
    // Only an empty sheet reads as no rows; any other failure is not hidden behind it.
    if (sheet.getLastRow() === 0) return [];
    throw error;
  }
}

/** Groups sorted positions into runs of adjacent ones: [1,2,3,7] → [1..3], [7]. */
export function adjacentRuns(positions: number[]): { start: number; values: number[] }[] {
  const sorted = [...positions].sort((a, b) => a - b);
  const runs: { start: number; values: number[] }[] = [];
  for (const p of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.values.length === p) last.values.push(p);
    else runs.push({ start: p, values: [p] });
  }
  return runs;
}
