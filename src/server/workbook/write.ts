/**
 * Writing to sheets: only the cells meant to change, in blocks of adjacent cells. Never a whole
 * row the script did not write, never a column the team added; user text never becomes a
 * formula or another type.
 */
import { type ColumnKey, type SheetKey } from '../../shared/contract';
import { sameHeader } from './rowChecks';
import { adjacentRuns, columnsOf, type Table } from './sheets';
import { MOVED, untilSettled } from '../platform/attempts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Blank rows added beyond what an append needs when a sheet is full. */
const GROWTH_ROWS = 100;

/**
 * Strings Sheets would read as a formula when written (Sheets treats + and - like =), or whose
 * leading apostrophe it would take as the "text" mark and drop ("'t Hooft").
 */
const FORMULA_START = /^[=+\-@']/;

/**
 * User text is data: a string that Sheets would turn into a formula (or a number, a date, a
 * boolean) gets a leading apostrophe, Sheets' mark for "text as typed", which it keeps out of
 * the value (https://support.google.com/docs/answer/3094044). Whatever the column's declared
 * kind: a colleague's Format › Clear formatting removes a plain-text ('@') format, after which
 * "0042" would be stored as 42 and "=2+3" as a formula. The writers (setCellValues) drop the
 * mark again in cells that are still formatted '@', where Sheets would keep it as a character.
 */
export function asCellValue(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  if (FORMULA_START.test(value) || looksParsable(value)) return `'${value}`;
  return value;
}

/** Whether a cell-ready value carries the "text as typed" mark of asCellValue. */
function marked(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith("'");
}

/** Whether writing these cell-ready values needs the cells' number formats (setCellValues). */
function needsFormats(values: readonly (readonly unknown[])[]): boolean {
  return values.some((row) => row.some(marked));
}

/**
 * Range.setValues of cell-ready values (asCellValue), correct whatever the cells' format: when a
 * value carries the text mark, the block's number formats are read first (one more call, only
 * then) and the mark is dropped in cells formatted as plain text ('@'), which store what is
 * written as is, apostrophe included (emulator/spreadsheet/values.ts parseTyped); elsewhere Sheets
 * drops the mark itself. A format changed in the instant between that read and the write is
 * the one case left (README, "Shared editing"). A writer that checks its rows just before
 * writing reads the formats before that check and passes them (`formatsRead`).
 */
export function setCellValues(
  range: GoogleAppsScript.Spreadsheet.Range,
  values: unknown[][],
  formatsRead?: readonly (readonly string[])[],
): void {
  if (needsFormats(values)) {
    const formats = formatsRead ?? range.getNumberFormats();
    values = values.map((row, r) =>
      row.map((v, c) => (marked(v) && formats[r]?.[c] === '@' ? v.slice(1) : v)),
    );
  }
  range.setValues(values);
}

/** Text Sheets would parse into another type when typed: numbers, percentages, dates, booleans. */
function looksParsable(text: string): boolean {
  const s = text.trim();
  return (
    /^(true|false|vrai|faux)$/i.test(s) ||
    /^[$€]?\s?[-+]?[\d\s.,\u00a0\u202f]+\s?[$€%]?$/.test(s) ||
    /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s.*)?$/.test(s) ||
    /^\d{1,2}:\d{2}/.test(s)
  );
}

// The writers below take cell-ready values (see toCell in records.ts, which escapes user text).

/**
 * Writes the given contract columns of one existing row: one setValues per run of adjacent
 * columns, so the team's own columns and the columns not given are never touched.
 */
export function writeRowCells<S extends SheetKey>(
  table: Table<S>,
  sheetRow: number,
  cells: Partial<Record<ColumnKey<S>, unknown>>,
): void {
  for (const block of rowCellBlocks(table, sheetRow, cells))
    setCellValues(block.range, block.values);
}

/** A range and the cell-ready values to write into it. */
export interface CellBlock {
  range: GoogleAppsScript.Spreadsheet.Range;
  values: unknown[][];
}

/**
 * The blocks writeRowCells writes (one range per run of adjacent columns; one getRange call
 * each), for a writer that checks before writing (setBlocksIfUnmoved).
 */
export function rowCellBlocks<S extends SheetKey>(
  table: Table<S>,
  sheetRow: number,
  cells: Partial<Record<ColumnKey<S>, unknown>>,
): CellBlock[] {
  const byPosition = new Map<number, unknown>();
  for (const column of columnsOf(table.key)) {
    if (!(column.key in cells)) continue;
    const i = table.index[column.key];
    if (i < 0) continue;
    byPosition.set(i, cells[column.key]);
  }
  return adjacentRuns([...byPosition.keys()]).map((run) => ({
    range: table.sheet.getRange(sheetRow, run.start + 1, 1, run.values.length),
    values: [run.values.map((i) => byPosition.get(i))],
  }));
}

/**
 * setCellValuesIfUnmoved for several blocks of one sheet: every range and format is obtained
 * first, then `unmoved` is checked once, then the blocks are written by adjacent setValues
 * calls, with no other call in between (a move there would be the window the README states).
 * No blocks: nothing checked, true.
 */
export function setBlocksIfUnmoved(blocks: readonly CellBlock[], unmoved: () => boolean): boolean {
  if (blocks.length === 0) return true;
  const formats = blocks.map((b) =>
    needsFormats(b.values) ? b.range.getNumberFormats() : undefined,
  );
  if (!unmoved()) return false;
  blocks.forEach((b, k) => setCellValues(b.range, b.values, formats[k]));
  return true;
}

/**
 * setCellValues right after a check that nothing moved since the rows were read (`unmoved`,
 * typically rowChecks' sameHeader / stillHolds / stillAt): the range is the caller's and the
 * cells' formats are read before the check, so the check is the last call before the write and
 * the window left is the write call alone (README, "Shared editing"). Writes nothing and
 * returns false when the check fails: the caller reads and plans again.
 */
export function setCellValuesIfUnmoved(
  range: GoogleAppsScript.Spreadsheet.Range,
  values: unknown[][],
  unmoved: () => boolean,
): boolean {
  return setBlocksIfUnmoved([{ range, values }], unmoved);
}

/** Records as whole rows as wide as the header: contract columns filled, the team's own blank. */
function recordRows<S extends SheetKey>(
  table: Table<S>,
  records: readonly Partial<Record<ColumnKey<S>, unknown>>[],
): unknown[][] {
  const width = Math.max(table.header.length, 1);
  return records.map((record) => {
    const row: unknown[] = new Array<unknown>(width).fill('');
    for (const column of columnsOf(table.key)) {
      const i = table.index[column.key];
      if (i >= 0 && column.key in record) row[i] = record[column.key];
    }
    return row;
  });
}

/**
 * Where `count` rows go after the last row with content (getLastRow, getMaxRows): grows the
 * sheet first when it is full (writing past the last row is an error in Sheets).
 */
function appendRange(sheet: Sheet, count: number, width: number) {
  const first = sheet.getLastRow() + 1;
  const maxRows = sheet.getMaxRows();
  const last = first + count - 1;
  // Grow with room to spare, so that the next saves need no growth (one call saved each).
  if (last > maxRows) sheet.insertRowsAfter(maxRows, last - maxRows + GROWTH_ROWS);
  return { first, range: sheet.getRange(first, 1, count, width) };
}

/**
 * Appends records after the last row with content, in one block as wide as the header. Cells
 * of the team's own columns stay blank. Writes only if the last row with content is still the
 * one above right before (one more call, no cell read): a row inserted by hand above since
 * getLastRow moved the last row into the rows written, and the append wrote over a colleague's
 * row (writerProperties.test.ts). Else looked up again (untilSettled: then "busy").
 */
export function appendRecords<S extends SheetKey>(
  table: Table<S>,
  records: readonly Partial<Record<ColumnKey<S>, unknown>>[],
): number {
  if (records.length === 0) return 0;
  const rows = recordRows(table, records);
  return untilSettled(table.lang, () => {
    const { first, range } = appendRange(table.sheet, rows.length, rows[0]!.length);
    const stillLast = () => table.sheet.getLastRow() + 1 === first;
    return setCellValuesIfUnmoved(range, rows, stillLast) ? first : MOVED;
  });
}

/**
 * appendRecords for a writer that checks before writing: right before the setValues the header
 * is read again (no column inserted or moved) and then the last row with content (nothing typed
 * or moved below it since it was found), the second check being the call right before the
 * write. Returns false, having written nothing, when either changed: the caller reads and plans
 * again. The sheet may have grown by then (blank rows at the end, harmless).
 */
export function appendRecordsIfUnmoved<S extends SheetKey>(
  table: Table<S>,
  records: readonly Partial<Record<ColumnKey<S>, unknown>>[],
): boolean {
  if (records.length === 0) return true;
  const rows = recordRows(table, records);
  const { first, range } = appendRange(table.sheet, rows.length, rows[0]!.length);
  return setCellValuesIfUnmoved(
    range,
    rows,
    () => sameHeader(table.sheet, table.header) && table.sheet.getLastRow() + 1 === first,
  );
}

/**
 * Deletes sheet rows (1-based), bottom first, one call per run of adjacent rows. A writer that
 * checks its rows right before passes the sheet's maxRows obtained before that check, so the
 * first deleteRows follows the check directly.
 */
export function deleteSheetRows(
  sheet: Sheet,
  sheetRows: number[],
  maxRows = sheetRows.length > 0 ? sheet.getMaxRows() : 0,
): void {
  if (sheetRows.length === 0) return;
  // Sheets refuses to delete every non-frozen row: keep one blank row.
  if (new Set(sheetRows).size >= maxRows - 1) sheet.insertRowsAfter(maxRows, 1);
  const runs = adjacentRuns(sheetRows).reverse();
  for (const run of runs) sheet.deleteRows(run.start, run.values.length);
}
