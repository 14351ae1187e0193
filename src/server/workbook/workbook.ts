/**
 * The one layer that maps sheets to rows and columns of the contract, in whole blocks.
 *
 * Sheets are found by their name in either language; columns by their header text in either
 * language, case and surrounding spaces ignored, so a team may reorder columns and add its own
 * (DESIGN.md, "The workbook contract"). Every read is one getSheetValues call per sheet;
 * every write touches only the cells it means to change: never a whole row the script did not
 * write, never a column the team added.
 */
import {
  SHEETS,
  normalizeHeader,
  type ColumnDef,
  type ColumnKey,
  type Lang,
  type SheetKey,
} from '../../shared/contract';
import { codeKey } from '../../domain/cells';
import { t } from '../platform/messages';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** An error whose message is meant for the user, already in the workbook language. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

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
/** Blank rows added beyond what an append needs when a sheet is full. */
const GROWTH_ROWS = 100;

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
 * Reads a whole sheet in one block. Throws a WorkbookError naming the sheet or the column when
 * the sheet, or a column in `required` (default: the contract's required columns), is missing.
 */
export function readTable<S extends SheetKey>(
  spreadsheet: Spreadsheet,
  key: S,
  lang: Lang,
  required?: readonly ColumnKey<S>[],
): Table<S> {
  const { sheet, name } = sheetOf(spreadsheet, key, lang);
  const values = sheetValues(sheet, 1, 1, -1, -1);
  const header = values[0] ?? [];
  const index = checkedIndex(key, header, name, lang, required);
  return { key, sheet, name, lang, index, header, rows: withoutTrailingBlanks(values.slice(1)) };
}

/** Attempts when a column is inserted or moved between reading the header and the columns. */
const COLUMN_ATTEMPTS = 3;

/**
 * Reads only the `wanted` contract columns of a sheet: the header row, then one block per run
 * of adjacent wanted columns. At 0.03 ms a cell read (bench/costModel.ts), a column of 100,000
 * invoices costs about 3 s, far more than the call that skips it. The rows hold '' in the
 * columns not read; such a table is for reading and for writing the columns it read, never
 * for rewriting a whole row.
 *
 * People edit while it reads. Each block starts at row 1, so its header cells are checked
 * against the header read first (a column inserted or moved meanwhile). When there are several
 * blocks, rows sorted, inserted or deleted between two of them would pair cells of different
 * rows: the first wanted column (callers put the key first: a code, an invoice number) is read
 * again after the last block and must be unchanged. Either way it reads again, at most three
 * times. The sheet is read in one block instead when that reads no more cells than the blocks
 * and the check.
 */
export function readColumns<S extends SheetKey>(
  spreadsheet: Spreadsheet,
  key: S,
  lang: Lang,
  wanted: readonly ColumnKey<S>[],
  required: readonly ColumnKey<S>[] = wanted,
): Table<S> {
  const { sheet, name } = sheetOf(spreadsheet, key, lang);
  for (let attempt = 0; attempt < COLUMN_ATTEMPTS; attempt++) {
    const header = sheetValues(sheet, 1, 1, 1, -1)[0] ?? [];
    const index = checkedIndex(key, header, name, lang, required);
    const positions = [...new Set(wanted.map((k) => index[k]).filter((i) => i >= 0))];
    let runs = adjacentRuns(positions);
    const first = runs[0]?.start ?? 0;
    const last = runs[runs.length - 1];
    const span = (last ? last.start + last.values.length - 1 : 0) - first + 1;
    if (runs.length > 1 && span <= positions.length + 1)
      runs = [{ start: first, values: Array.from({ length: span }, (_, k) => first + k) }];
    // The block holding the first wanted column is read first: it is the one checked again
    // after the last block, so every other block lies between its two reads.
    const check = index[wanted[0]!] ?? -1;
    runs.sort((a, b) => Number(b.values.includes(check)) - Number(a.values.includes(check)));
    const blocks = runs.map((run) => ({
      run,
      values: sheetValues(sheet, 1, run.start + 1, -1, run.values.length),
    }));
    const moved = blocks.some(({ run, values }) =>
      run.values.some((i, k) => normalizeHeader(values[0]?.[k]) !== normalizeHeader(header[i])),
    );
    if (moved) continue;
    // Rows typed at the end between two blocks are left to the next run: a row is kept only
    // when every block has it.
    const height = blocks.length === 0 ? 1 : Math.min(...blocks.map((b) => b.values.length));
    const rows: unknown[][] = [];
    // Only the wanted columns are kept: a block read through a gap leaves the gap's cells ''.
    const kept = new Set(positions);
    for (let r = 1; r < height; r++) {
      const row = new Array<unknown>(header.length).fill('');
      for (const { run, values } of blocks)
        run.values.forEach((i, k) => {
          if (kept.has(i)) row[i] = values[r]![k];
        });
      rows.push(row);
    }
    if (blocks.length > 1 && check >= 0 && !stillHolds(sheet, rows, check)) continue;
    return { key, sheet, name, lang, index, header, rows: withoutTrailingBlanks(rows) };
  }
  throw new WorkbookError(t(lang, 'busy'));
}

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

/**
 * A table read by readColumns, with the whole rows `sheetRows` read too (every column up to
 * the header's width), in a few blocks (rowBlocks). Used to show and save one client: its key
 * columns say which rows are the client's, and only those are read whole. Returns null when the
 * key columns no longer hold what was read (rows sorted, inserted or deleted meanwhile): the
 * caller reads again.
 */
export function withWholeRows<S extends SheetKey>(
  table: Table<S>,
  sheetRows: readonly number[],
  keys: readonly ColumnKey<S>[],
): Table<S> | null {
  const width = table.header.length;
  const rows = table.rows.slice();
  const keyPositions = keys.map((k) => table.index[k]).filter((i) => i >= 0);
  const blocks = rowBlocks(sheetRows, width);
  for (const block of blocks) {
    const values = blockAgain(table.sheet, block.start, 1, block.count, width);
    if (!values) return null;
    for (let k = 0; k < block.count; k++) {
      const r = block.start + k - FIRST_DATA_ROW;
      const fresh = values[k] ?? [];
      const before = rows[r] ?? [];
      if (keyPositions.some((i) => !sameValue(fresh[i], before[i]))) return null;
      rows[r] = fresh;
    }
  }
  // A column inserted or moved since the header was read would shift every cell after it:
  // the header must still be the one the whole rows were read by.
  if (blocks.length > 0 && !sameHeader(table.sheet, table.header)) return null;
  return { ...table, rows };
}

/** The sheet rows whose client-code column `column` holds the client `key` (a codeKey). */
export function rowsWithCode<S extends SheetKey>(
  table: Table<S>,
  column: ColumnKey<S>,
  key: string,
): number[] {
  const i = table.index[column];
  const out: number[] = [];
  table.rows.forEach((row, n) => {
    const v = row[i];
    if ((typeof v === 'string' || typeof v === 'number') && codeKey(String(v)) === key)
      out.push(n + FIRST_DATA_ROW);
  });
  return out;
}

/** Whether the sheet's header row still reads as `header` (one call). */
export function sameHeader(sheet: Sheet, header: readonly unknown[]): boolean {
  const now = blockAgain(sheet, 1, 1, 1, Math.max(header.length, 1))?.[0];
  return (
    now !== undefined && header.every((h, i) => normalizeHeader(now[i]) === normalizeHeader(h))
  );
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

function sheetOf(
  spreadsheet: Spreadsheet,
  key: SheetKey,
  lang: Lang,
): { sheet: Sheet; name: string } {
  const found = findNamedSheet(spreadsheet, key, lang);
  if (!found) throw new WorkbookError(t(lang, 'missingSheet', { name: SHEETS[key][lang] }));
  return found;
}

/** The header's positions, after checking that the needed columns are there once each. */
function checkedIndex<S extends SheetKey>(
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
      throw new WorkbookError(t(lang, 'missingColumn', { column: column[lang], sheet: name }));
    }
  }
  const duplicate = duplicates.find((c) => needed.includes(c.key as ColumnKey<S>));
  if (duplicate)
    throw new WorkbookError(t(lang, 'duplicateColumn', { column: duplicate[lang], sheet: name }));
  return index;
}

function withoutTrailingBlanks(rows: unknown[][]): unknown[][] {
  while (rows.length > 0 && rows[rows.length - 1]!.every((v) => v === '')) rows.pop();
  return rows;
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

// ---------------------------------------------------------------- writing

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
export function needsFormats(values: readonly (readonly unknown[])[]): boolean {
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
  const byPosition = new Map<number, unknown>();
  for (const column of columnsOf(table.key)) {
    if (!(column.key in cells)) continue;
    const i = table.index[column.key];
    if (i < 0) continue;
    byPosition.set(i, cells[column.key]);
  }
  for (const run of adjacentRuns([...byPosition.keys()])) {
    setCellValues(table.sheet.getRange(sheetRow, run.start + 1, 1, run.values.length), [
      run.values.map((i) => byPosition.get(i)),
    ]);
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

/**
 * Writes one contract column for rows 2..(1 + values.length) in a single call. For computed
 * columns: the rows are those of `table.rows`, read in the same critical section.
 */
export function writeColumn<S extends SheetKey>(
  table: Table<S>,
  key: ColumnKey<S>,
  values: readonly unknown[],
): void {
  const i = table.index[key];
  if (i < 0 || values.length === 0) return;
  setCellValues(
    table.sheet.getRange(FIRST_DATA_ROW, i + 1, values.length, 1),
    values.map((v) => [v]),
  );
}

/**
 * Appends records after the last row with content, in one block as wide as the header. Cells
 * of the team's own columns stay blank, unless `extra` gives cell-ready values by position for
 * a record (a recomputed row keeping the team's notes). Grows the sheet first when it is full
 * (writing past the last row is an error in Sheets).
 */
export function appendRecords<S extends SheetKey>(
  table: Table<S>,
  records: readonly Partial<Record<ColumnKey<S>, unknown>>[],
  extra: readonly (ReadonlyMap<number, unknown> | undefined)[] = [],
): number {
  if (records.length === 0) return 0;
  const width = Math.max(table.header.length, 1);
  const rows = records.map((record, r) => {
    const row: unknown[] = new Array<unknown>(width).fill('');
    for (const [i, v] of extra[r] ?? []) if (i < width) row[i] = v;
    for (const column of columnsOf(table.key)) {
      const i = table.index[column.key];
      if (i >= 0 && column.key in record) row[i] = record[column.key];
    }
    return row;
  });
  const first = table.sheet.getLastRow() + 1;
  const maxRows = table.sheet.getMaxRows();
  const last = first + rows.length - 1;
  // Grow with room to spare, so that the next saves need no growth (one call saved each).
  if (last > maxRows) table.sheet.insertRowsAfter(maxRows, last - maxRows + GROWTH_ROWS);
  setCellValues(table.sheet.getRange(first, 1, rows.length, width), rows);
  return first;
}

/** Deletes sheet rows (1-based), bottom first, one call per run of adjacent rows. */
export function deleteSheetRows(sheet: Sheet, sheetRows: number[]): void {
  if (sheetRows.length === 0) return;
  // Sheets refuses to delete every non-frozen row: keep one blank row.
  const maxRows = sheet.getMaxRows();
  if (new Set(sheetRows).size >= maxRows - 1) sheet.insertRowsAfter(maxRows, 1);
  const runs = adjacentRuns(sheetRows).reverse();
  for (const run of runs) sheet.deleteRows(run.start, run.values.length);
}
