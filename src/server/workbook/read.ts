/**
 * Reading sheets into tables, in whole blocks: a whole sheet (readTable), only some columns
 * (readColumns), or the whole rows of one client (withWholeRows). Every read is one
 * getSheetValues call per block, checked against people editing meanwhile (./rowChecks.ts).
 */
import { cellCodeKey } from '../../domain/cells';
import { type ColumnKey, type Lang, normalizeHeader, type SheetKey } from '../../shared/contract';
import { MOVED, untilSettled } from '../platform/attempts';
import { span } from '../platform/span';
import { sameHeader, stillHolds } from './rowChecks';
import {
  adjacentRuns,
  blockAgain,
  checkedIndex,
  findSheet,
  FIRST_DATA_ROW,
  rowBlocks,
  sameValue,
  sheetOf,
  sheetValues,
  type Table,
} from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

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
  return span(`read ${key}`, () => readWholeTable(spreadsheet, key, lang, required));
}

function readWholeTable<S extends SheetKey>(
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
  return span(`read ${key} columns`, () =>
    readSomeColumns(spreadsheet, key, lang, wanted, required),
  );
}

function readSomeColumns<S extends SheetKey>(
  spreadsheet: Spreadsheet,
  key: S,
  lang: Lang,
  wanted: readonly ColumnKey<S>[],
  required: readonly ColumnKey<S>[],
): Table<S> {
  const { sheet, name } = sheetOf(spreadsheet, key, lang);
  return untilSettled(lang, () => {
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
    if (moved) return MOVED;
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
    if (blocks.length > 1 && check >= 0 && !stillHolds(sheet, rows, check)) return MOVED;
    return { key, sheet, name, lang, index, header, rows: withoutTrailingBlanks(rows) };
  });
}

/**
 * readColumns of a sheet the workbook may lack (Payments: a team that only fills Paid on has
 * none): null when the sheet is absent. A sheet that is there but lacks a required column is
 * still an error naming it, as for every other sheet.
 */
export function readColumnsIfPresent<S extends SheetKey>(
  spreadsheet: Spreadsheet,
  key: S,
  lang: Lang,
  wanted: readonly ColumnKey<S>[],
  required: readonly ColumnKey<S>[] = wanted,
): Table<S> | null {
  if (!findSheet(spreadsheet, key, lang)) return null;
  return readColumns(spreadsheet, key, lang, wanted, required);
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
  /** How a row read is checked; by default its key cells hold what the table holds there. */
  holds?: (fresh: readonly unknown[], sheetRow: number) => boolean,
): Table<S> | null {
  return span(`read ${table.key} rows`, () => readWholeRows(table, sheetRows, keys, holds));
}

function readWholeRows<S extends SheetKey>(
  table: Table<S>,
  sheetRows: readonly number[],
  keys: readonly ColumnKey<S>[],
  holds?: (fresh: readonly unknown[], sheetRow: number) => boolean,
): Table<S> | null {
  const width = table.header.length;
  const rows = table.rows.slice();
  const keyPositions = keys.map((k) => table.index[k]).filter((i) => i >= 0);
  const wanted = new Set(sheetRows);
  const blocks = rowBlocks(sheetRows, width);
  for (const block of blocks) {
    const values = blockAgain(table.sheet, block.start, 1, block.count, width);
    if (!values) return null;
    for (let k = 0; k < block.count; k++) {
      const sheetRow = block.start + k;
      const r = sheetRow - FIRST_DATA_ROW;
      const fresh = values[k] ?? [];
      const before = rows[r] ?? [];
      if (holds) {
        // Rows of a block between the wanted ones are not the caller's: not kept.
        if (!wanted.has(sheetRow)) continue;
        if (!holds(fresh, sheetRow)) return null;
      } else if (keyPositions.some((i) => !sameValue(fresh[i], before[i]))) return null;
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
    if (cellCodeKey(v) === key) out.push(n + FIRST_DATA_ROW);
  });
  return out;
}

function withoutTrailingBlanks(rows: unknown[][]): unknown[][] {
  while (rows.length > 0 && rows[rows.length - 1]!.every((v) => v === '')) rows.pop();
  return rows;
}
