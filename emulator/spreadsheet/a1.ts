/**
 * A1 notation: column letters, cell and range references as Sheet.getRange(a1) and
 * Spreadsheet.getRange(a1) accept them ('B3', 'A1:C3', 'A:A', '1:1', 'A2:C', "'My sheet'!A1").
 * https://developers.google.com/sheets/api/guides/concepts#cell
 */

export function columnToLetters(col: number): string {
  if (!Number.isInteger(col) || col < 1) throw new Error(`Bad column number: ${col}`);
  let s = '';
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A parsed reference; undefined bounds mean "to the edge of the sheet" (A:A, 1:1, A2:C). */
export interface A1Ref {
  sheetName?: string;
  startRow?: number;
  startCol?: number;
  endRow?: number;
  endCol?: number;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function part(text: string): { col?: number; row?: number } | undefined {
  const m = CELL.exec(text);
  if (!m || (!m[1] && !m[2])) return undefined;
  const out: { col?: number; row?: number } = {};
  if (m[1]) out.col = lettersToColumn(m[1]);
  if (m[2]) {
    const row = Number(m[2]);
    if (row < 1) return undefined;
    out.row = row;
  }
  return out;
}

/** Parses an A1 reference; undefined if it is not one (the caller throws "Range not found"). */
export function parseA1(input: string): A1Ref | undefined {
  let text = input.trim();
  const ref: A1Ref = {};
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    let name = text.slice(0, bang);
    if (name.startsWith("'") && name.endsWith("'") && name.length >= 2)
      name = name.slice(1, -1).replace(/''/g, "'");
    ref.sheetName = name;
    text = text.slice(bang + 1);
  }
  const pieces = text.split(':');
  if (pieces.length > 2 || pieces[0] === undefined) return undefined;
  const a = part(pieces[0]);
  if (!a) return undefined;
  if (pieces.length === 1) {
    // A single cell must have both a column and a row.
    if (a.col === undefined || a.row === undefined) return undefined;
    return { ...ref, startRow: a.row, startCol: a.col, endRow: a.row, endCol: a.col };
  }
  const b = part(pieces[1] ?? '');
  if (!b) return undefined;
  // Whole columns (A:C) have no rows; whole rows (1:3) have no columns; A2:C is open below.
  if (a.col === undefined && b.col !== undefined) return undefined;
  if (a.row === undefined && b.row !== undefined) return undefined;
  if (a.col === undefined && (a.row === undefined || b.row === undefined)) return undefined;
  const out: A1Ref = { ...ref };
  if (a.row !== undefined) out.startRow = a.row;
  if (a.col !== undefined) out.startCol = a.col;
  if (b.row !== undefined) out.endRow = b.row;
  if (b.col !== undefined) out.endCol = b.col;
  // Normalize reversed corners (C3:A1 is A1:C3, as Sheets reads it).
  if (out.startRow !== undefined && out.endRow !== undefined && out.startRow > out.endRow)
    [out.startRow, out.endRow] = [out.endRow, out.startRow];
  if (out.startCol !== undefined && out.endCol !== undefined && out.startCol > out.endCol)
    [out.startCol, out.endCol] = [out.endCol, out.startCol];
  return out;
}

/** A1 text of a block; a single cell is 'B3', a block 'A1:C3'. */
export function toA1(row: number, col: number, numRows = 1, numCols = 1): string {
  const start = `${columnToLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return start;
  return `${start}:${columnToLetters(col + numCols - 1)}${row + numRows - 1}`;
}

/** Quotes a sheet name for A1 text when Sheets would ('My sheet'!A1). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
