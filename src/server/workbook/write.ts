/**
 * Writing to sheets: only the cells meant to change, in blocks of adjacent cells. Never a whole
 * row the script did not write, never a column the team added; user text never becomes a
 * formula or another type.
 */
import { type ColumnKey, type SheetKey } from '../../shared/contract';
import { sameHeader } from './rowChecks';
import { adjacentRuns, columnsOf, type Table } from './sheets';
import { MOVED, untilSettled } from '../platform/attempts';
import { span } from '../platform/span';

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
 * "0042" would be stored as 42 and "=2+3" as a formula. The writers (setCellValues) decide per
 * cell what to send to cells still formatted as plain text (see there).
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
 * The plain-text format, as getNumberFormat(s) may read it back: '@', or '@STRING@' as scripts
 * also set it and as Sheets may report it (the emulator's textFormatName switch). A pattern with
 * a text section among others ('0;0;0;@') is not plain text: Sheets parses what is typed there.
 */
export function isPlainTextFormat(format: unknown): boolean {
  return typeof format === 'string' && /^@(STRING@)?$/i.test(format.trim());
}

/**
 * Text whose fate in a plain-text cell Google does not document: a leading = or + (a formula
 * there, or the text?) and a leading apostrophe (kept as a character, or taken as the mark?).
 * The emulator's plainTextFormulas and plainTextApostrophe switches model each world.
 */
const UNDOCUMENTED_IN_PLAIN_TEXT = /^[=+']/;

/**
 * The number format such a cell is given for the instant of the write: not plain text, so Sheets
 * takes the apostrophe as its documented mark and stores the rest as text; then the cell's own
 * format is put back (formats never change a stored value). The format Sheets reports for a
 * never-formatted cell.
 */
const MARKED_WRITE_FORMAT = '0.###############';

/**
 * How one block is written (planCellWrite), decided before a writer's last check so that the
 * check stays right before the write: the values to send and the plain-text cells that need the
 * marked write, each run of adjacent ones as its own range with the formats to put back.
 */
export interface CellWrite {
  range: GoogleAppsScript.Spreadsheet.Range;
  values: unknown[][];
  marked: { range: GoogleAppsScript.Spreadsheet.Range; formats: string[][] }[];
}

/**
 * Plans Range.setValues of cell-ready values (asCellValue), right whatever the cells' format and
 * whichever way Google treats text in plain-text cells. When a value carries the text mark, the
 * block's number formats are read (one more call, only then; a writer that checks its rows
 * before writing passes those it read before the check: `formatsRead`). Then per cell:
 * - not plain text: the value goes with its mark, which Sheets drops (documented);
 * - plain text, and the text starts with neither =, + nor an apostrophe: the mark is dropped,
 *   since a plain-text cell keeps "0042" or "2026-01-05" as text in every world;
 * - plain text, and the text starts with =, + or an apostrophe: Google does not say whether the
 *   cell would keep "=SUM(A1)" or "+1 514…" as text, nor whether it would show an apostrophe
 *   sent with it. Rather than guess (or probe each workbook), the cell is briefly given a
 *   number format, the marked text written, and its own format put back: right in every world
 *   (three more calls a run of such cells: offset, setNumberFormat, setNumberFormats; rare: a
 *   phone number "+1 …", a note starting with "=").
 */
export function planCellWrite(
  range: GoogleAppsScript.Spreadsheet.Range,
  values: unknown[][],
  formatsRead?: readonly (readonly string[])[],
): CellWrite {
  if (!needsFormats(values)) return { range, values, marked: [] };
  const formats = formatsRead ?? range.getNumberFormats();
  const runs: { row: number; column: number; width: number }[] = [];
  const sent = values.map((row, r) =>
    row.map((v, c) => {
      if (!marked(v) || !isPlainTextFormat(formats[r]?.[c])) return v;
      if (!UNDOCUMENTED_IN_PLAIN_TEXT.test(v.slice(1))) return v.slice(1);
      const last = runs[runs.length - 1];
      if (last && last.row === r && last.column + last.width === c) last.width++;
      else runs.push({ row: r, column: c, width: 1 });
      return v;
    }),
  );
  return {
    range,
    values: sent,
    marked: runs.map((run) => ({
      range: range.offset(run.row, run.column, 1, run.width),
      formats: [formats[run.row]!.slice(run.column, run.column + run.width)],
    })),
  };
}

/**
 * Writes what planCellWrite planned: the marked cells' number format, the values (one
 * setValues), then those cells' own formats back, even if the write failed (a strict
 * validation refusing a value).
 */
export function writePlanned(write: CellWrite): void {
  span('write cells', () => {
    for (const m of write.marked) m.range.setNumberFormat(MARKED_WRITE_FORMAT);
    try {
      write.range.setValues(write.values);
    } finally {
      for (const m of write.marked) m.range.setNumberFormats(m.formats);
    }
  });
}

/** Range.setValues of cell-ready values, right whatever the cells' format (planCellWrite). */
export function setCellValues(
  range: GoogleAppsScript.Spreadsheet.Range,
  values: unknown[][],
  formatsRead?: readonly (readonly string[])[],
): void {
  writePlanned(planCellWrite(range, values, formatsRead));
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
 * and every write planned first (planCellWrite), then `unmoved` is checked once, then the blocks
 * are written by adjacent setValues calls, with no other call in between (a move there would be
 * the window the README states) except, for a plain-text cell given text starting with =, + or
 * an apostrophe, the setNumberFormat of that cell's marked write. No blocks: nothing checked,
 * true.
 */
export function setBlocksIfUnmoved(blocks: readonly CellBlock[], unmoved: () => boolean): boolean {
  if (blocks.length === 0) return true;
  const writes = blocks.map((b) => planCellWrite(b.range, b.values));
  if (!span('check rows', unmoved)) return false;
  writes.forEach(writePlanned);
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
  return span(`append ${table.key}`, () =>
    untilSettled(table.lang, () => {
      const { first, range } = appendRange(table.sheet, rows.length, rows[0]!.length);
      const stillLast = () => table.sheet.getLastRow() + 1 === first;
      return setCellValuesIfUnmoved(range, rows, stillLast) ? first : MOVED;
    }),
  );
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
  return span(`append ${table.key}`, () => {
    const { first, range } = appendRange(table.sheet, rows.length, rows[0]!.length);
    return setCellValuesIfUnmoved(
      range,
      rows,
      () => sameHeader(table.sheet, table.header) && table.sheet.getLastRow() + 1 === first,
    );
  });
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
  span('delete rows', () => {
    // Sheets refuses to delete every non-frozen row: keep one blank row.
    if (new Set(sheetRows).size >= maxRows - 1) sheet.insertRowsAfter(maxRows, 1);
    const runs = adjacentRuns(sheetRows).reverse();
    for (const run of runs) sheet.deleteRows(run.start, run.values.length);
  });
}
