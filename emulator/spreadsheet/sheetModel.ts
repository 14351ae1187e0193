/**
 * One sheet's grid: cells by row and column (1-based), its size, frozen panes, column widths,
 * conditional format rules and protections. Structural edits (insert/delete rows and columns)
 * move the cells with everything they carry (values, formats, validations), as in Sheets.
 */
import type { CellData, ConditionalRuleData, GridRef, ProtectionData, SheetJSON } from './model';
import { MAX_CELLS, MAX_COLUMNS, TOO_MANY_CELLS, TOO_MANY_COLUMNS, type GridOwner } from './limits';
import { cloneCell, cloneJSON, cloneValidation, isEmptyCell } from './model';

/** A new sheet is 1000 rows by 26 columns (A–Z). */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;

export class SheetModel {
  id: number;
  name: string;
  private rowCount = DEFAULT_ROWS;
  private colCount = DEFAULT_COLS;
  /** The workbook the sheet belongs to: told of every change of the grid's size (limits.ts). */
  owner: GridOwner | null = null;
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  tabColor: string | null = null;
  columnWidths: Record<string, number> = {};
  hiddenColumns = new Set<number>();
  hiddenRows = new Set<number>();
  conditionalRules: ConditionalRuleData[] = [];
  protections: ProtectionData[] = [];
  /** rows[r-1][c-1]. */
  private rows: ((CellData | undefined)[] | undefined)[] = [];
  /**
   * No row below this one holds content (null: not known). lastRow scans up from here, not from
   * the bottom of a grid whose 1000 rows all carry formats. Every write that can give a cell
   * content takes the cell from ensure(), which raises the bound; a clear only lowers the last
   * row, which the scan up finds; moving rows forgets it.
   */
  private contentBelow: number | null = null;

  constructor(id: number, name: string) {
    this.id = id;
    this.name = name;
  }

  /** Rows of the grid (Sheet.getMaxRows); setting it grows or shrinks the grid at the bottom. */
  get maxRows(): number {
    return this.rowCount;
  }
  set maxRows(rows: number) {
    this.resize(rows, this.colCount);
  }
  get maxCols(): number {
    return this.colCount;
  }
  set maxCols(cols: number) {
    this.resize(this.rowCount, cols);
  }

  /** Cells in the grid, empty or not: what counts towards the 10,000,000 cells of a workbook. */
  gridCells(): number {
    return this.rowCount * this.colCount;
  }

  /**
   * The one place the grid changes size: it throws, changing nothing, when the sheet would pass
   * 18,278 columns or the workbook 10,000,000 cells (limits.ts, with sources).
   */
  resize(rows: number, cols: number): void {
    if (cols > MAX_COLUMNS && cols > this.colCount) throw new Error(TOO_MANY_COLUMNS);
    const delta = rows * cols - this.gridCells();
    if (this.owner) this.owner.gridResized(delta);
    else if (delta > 0 && rows * cols > MAX_CELLS) throw new Error(TOO_MANY_CELLS);
    this.rowCount = rows;
    this.colCount = cols;
  }

  /** The stored cell, to read (it may be shared): a write takes it from ensure() or update(). */
  get(row: number, col: number): Readonly<CellData> | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  /**
   * The cell, created if missing, and this sheet's own: every write goes through here. A cell
   * shared with a snapshot is copied first (copy on write).
   */
  ensure(row: number, col: number): CellData {
    if (this.contentBelow !== null && row > this.contentBelow) this.contentBelow = row;
    return ownCell(this.ownRow(row - 1), col - 1);
  }

  /**
   * Runs fn on each cell of a block, each this sheet's own as ensure() gives it, and drops those
   * left holding nothing (tidy): a format down a column of a set-up sheet touches a thousand
   * cells, with one row lookup each rather than one per cell.
   */
  update(
    row: number,
    col: number,
    numRows: number,
    numCols: number,
    fn: (cell: CellData, i: number, j: number) => void,
  ): void {
    const bottom = row + numRows - 1;
    if (this.contentBelow !== null && bottom > this.contentBelow) this.contentBelow = bottom;
    for (let i = 0; i < numRows; i++) {
      const r = this.ownRow(row - 1 + i);
      for (let j = 0; j < numCols; j++) {
        const c = ownCell(r, col - 1 + j);
        fn(c, i, j);
        if (!holdsData(c)) r[col - 1 + j] = undefined;
      }
    }
  }

  /** Drops a cell that holds nothing any more, so the model stays small. */
  tidy(row: number, col: number): void {
    const c = this.rows[row - 1]?.[col - 1];
    if (c && !holdsData(c)) this.ownRow(row - 1)[col - 1] = undefined;
  }

  /** The row at `index` (0-based), this sheet's own: a row shared with a snapshot is copied. */
  private ownRow(index: number): (CellData | undefined)[] {
    let r = this.rows[index];
    if (!r) this.rows[index] = r = [];
    else if (!Object.isExtensible(r)) this.rows[index] = r = r.slice();
    return r;
  }

  /** Each row that exists, this sheet's own (to move its cells). */
  private eachOwnRow(fn: (row: (CellData | undefined)[]) => void): void {
    for (let i = 0; i < this.rows.length; i++) if (this.rows[i]) fn(this.ownRow(i));
  }

  /** Every stored cell, to read: a change goes through ensure(row, col) (it may be shared). */
  forEachCell(fn: (cell: Readonly<CellData>, row: number, col: number) => void): void {
    // Plain loops: a structural edit visits every cell of every sheet (document.ts shiftRefs).
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell) fn(cell, r + 1, c + 1);
      }
    }
  }

  /** Last row with a value or formula; 0 for an empty sheet (Sheet.getLastRow). */
  lastRow(): number {
    // Plain loops: a set-up sheet has a format in every cell of its 1000 rows, and the product
    // asks for the last row often.
    for (let r = Math.min(this.contentBelow ?? Infinity, this.rows.length); r >= 1; r--) {
      const row = this.rows[r - 1];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) if (!isEmptyCell(row[c])) return (this.contentBelow = r);
    }
    return (this.contentBelow = 0);
  }

  lastCol(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (!isEmptyCell(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Inserts empty rows before `at`; they take the formats of `formatFrom` (a row, pre-insert). */
  insertRows(at: number, count: number, formatFrom?: number): void {
    this.contentBelow = null;
    this.maxRows += count; // first: it throws before anything moves if the grid may not grow
    const template = formatFrom ? this.rows[formatFrom - 1] : undefined;
    const fresh: ((CellData | undefined)[] | undefined)[] = [];
    for (let i = 0; i < count; i++) fresh.push(template ? template.map(formatOnly) : undefined);
    while (this.rows.length < at - 1) this.rows.push(undefined);
    this.rows.splice(at - 1, 0, ...fresh);
    if (at <= this.frozenRows) this.frozenRows += count;
    this.hiddenRows = shiftSet(this.hiddenRows, at, count);
  }

  deleteRows(at: number, count: number): void {
    this.contentBelow = null;
    this.rows.splice(at - 1, count);
    this.maxRows -= count;
    if (at <= this.frozenRows) this.frozenRows = Math.max(at - 1, this.frozenRows - count);
    this.hiddenRows = shiftSet(this.hiddenRows, at, -count);
  }

  insertCols(at: number, count: number, formatFrom?: number): void {
    this.contentBelow = null;
    this.maxCols += count; // first: it throws before anything moves if the grid may not grow
    this.eachOwnRow((row) => {
      const t = formatFrom ? row[formatFrom - 1] : undefined;
      while (row.length < at - 1) row.push(undefined);
      row.splice(at - 1, 0, ...Array.from({ length: count }, () => formatOnly(t)));
    });
    if (at <= this.frozenCols) this.frozenCols += count;
    this.hiddenColumns = shiftSet(this.hiddenColumns, at, count);
    this.columnWidths = shiftRecord(this.columnWidths, at, count);
  }

  deleteCols(at: number, count: number): void {
    this.contentBelow = null;
    this.eachOwnRow((row) => row.splice(at - 1, count));
    this.maxCols -= count;
    if (at <= this.frozenCols) this.frozenCols = Math.max(at - 1, this.frozenCols - count);
    this.hiddenColumns = shiftSet(this.hiddenColumns, at, -count);
    this.columnWidths = shiftRecord(this.columnWidths, at, -count);
  }

  /**
   * Moves column `from` to before column `to` (both 1-based, numbered before the move, as
   * Sheet.moveColumns's destinationIndex), with its cells, width and hidden state. Returns where
   * it lands. Formulas and other sheets' references are not rewritten (a test helper's limit).
   */
  moveCol(from: number, to: number): number {
    if (from < 1 || from > this.colCount || to < 1 || to > this.colCount + 1)
      throw new Error('Emulator: column move out of range');
    const target = to > from ? to - 1 : to;
    if (target === from) return from;
    const move = <T>(list: T[]): void => {
      while (list.length < Math.max(from, target)) list.push(undefined as T);
      const [cell] = list.splice(from - 1, 1);
      list.splice(target - 1, 0, cell as T);
    };
    this.eachOwnRow(move);
    const position = (i: number): number => {
      if (i === from) return target;
      if (from < target && i > from && i <= target) return i - 1;
      if (target < from && i >= target && i < from) return i + 1;
      return i;
    };
    this.hiddenColumns = new Set([...this.hiddenColumns].map(position));
    this.columnWidths = Object.fromEntries(
      Object.entries(this.columnWidths).map(([k, v]) => [String(position(Number(k))), v]),
    );
    return target;
  }

  /** Whether any cell of a column holds a value or formula. */
  columnHasContent(col: number): boolean {
    return this.rows.some((row) => !isEmptyCell(row?.[col - 1]));
  }

  /** The whole sheet as a ref (sheet protections, getDataRange of a full sheet). */
  whole(): GridRef {
    return { sheetId: this.id, row: 1, col: 1, numRows: this.maxRows, numCols: this.maxCols };
  }

  toJSON(): SheetJSON {
    const cells: Record<string, CellData> = {};
    this.rows.forEach((row, r) =>
      row?.forEach((c, col) => {
        if (c && holdsData(c)) cells[`${r + 1},${col + 1}`] = cloneCell(c);
      }),
    );
    return {
      id: this.id,
      name: this.name,
      maxRows: this.maxRows,
      maxCols: this.maxCols,
      frozenRows: this.frozenRows,
      frozenCols: this.frozenCols,
      hidden: this.hidden,
      tabColor: this.tabColor,
      columnWidths: { ...this.columnWidths },
      hiddenColumns: [...this.hiddenColumns].sort((a, b) => a - b),
      hiddenRows: [...this.hiddenRows].sort((a, b) => a - b),
      cells,
      conditionalRules: cloneJSON(this.conditionalRules),
      protections: cloneJSON(this.protections),
    };
  }

  /**
   * What fromJSON(toJSON()) gives, without the text keys: a snapshot restored again and again
   * (the tests' fixtures) pays for the parse once. The copy shares its rows and cells with this
   * sheet, frozen (`sharedRow`): a set-up workbook holds about 70,000 cells, and each sheet copies
   * only the rows and cells it writes.
   */
  clone(): SheetModel {
    const s = SheetModel.withLayout(this);
    s.rows = this.rows.map(sharedRow);
    return s;
  }

  /** A sheet with `from`'s size, panes, widths, hidden rows and columns, rules and protections. */
  private static withLayout(
    from: Omit<SheetJSON, 'cells' | 'hiddenColumns' | 'hiddenRows'> & {
      hiddenColumns: Iterable<number>;
      hiddenRows?: Iterable<number>;
    },
  ): SheetModel {
    const s = new SheetModel(from.id, from.name);
    s.rowCount = from.maxRows;
    s.colCount = from.maxCols;
    s.frozenRows = from.frozenRows;
    s.frozenCols = from.frozenCols;
    s.hidden = from.hidden;
    s.tabColor = from.tabColor;
    s.columnWidths = { ...from.columnWidths };
    s.hiddenColumns = new Set(from.hiddenColumns);
    s.hiddenRows = new Set(from.hiddenRows ?? []);
    s.conditionalRules = cloneJSON(from.conditionalRules);
    s.protections = cloneJSON(from.protections);
    return s;
  }

  static fromJSON(j: SheetJSON): SheetModel {
    const s = SheetModel.withLayout(j);
    // A set-up workbook holds about 70,000 cells (formats and validations down every column):
    // restoring is a hot path of the tests, so no split, no Object.assign, no second object.
    const rows = s.rows;
    for (const key in j.cells) {
      const comma = key.indexOf(',');
      const r = Number(key.slice(0, comma));
      const c = Number(key.slice(comma + 1));
      if (!(r >= 1 && c >= 1)) continue;
      (rows[r - 1] ??= [])[c - 1] = cloneCell(j.cells[key]!);
    }
    return s;
  }
}

/** The cell at `index` of an own row, created if missing, copied if shared (frozen). */
function ownCell(row: (CellData | undefined)[], index: number): CellData {
  let c = row[index];
  if (!c) row[index] = c = {};
  else if (!Object.isExtensible(c)) row[index] = c = cloneCell(c, true);
  return c;
}

/**
 * A cell as copies of a sheet share it: frozen, in place (the sheet it is taken from copies it on
 * its next write too), so that a write that did not take the sheet's own copy through ensure()
 * throws, rather than change a snapshot and every sheet restored from it.
 */
function shared(c: CellData | undefined): CellData | undefined {
  // A frozen cell is shared already (and held data when it was frozen).
  if (!c || !Object.isExtensible(c)) return c;
  if (!holdsData(c)) return undefined;
  // -0 as the JSON round trip makes it: 0 (cloneCell).
  const cell = Object.is(c.v, -0) ? cloneCell(c, true) : c;
  if (cell.style) Object.freeze(cell.style);
  return Object.freeze(cell);
}

/**
 * A row as copies of a sheet share it: its cells shared, and the row itself frozen in place when
 * that changed none of them (else the copies get a frozen copy of it). A sheet writing to a shared
 * row copies it first (ownRow), so restoring a set-up workbook copies a thousand references per
 * sheet, not 70,000 cells.
 */
function sharedRow(
  row: (CellData | undefined)[] | undefined,
): (CellData | undefined)[] | undefined {
  if (!row || !Object.isExtensible(row)) return row;
  let same = true;
  const cells = row.map((c) => {
    const s = shared(c);
    if (s !== c) same = false;
    return s;
  });
  // Typed as the rows are: a frozen row is only read (ownRow copies it before a write).
  return Object.freeze(same ? row : cells) as (CellData | undefined)[];
}

/** Whether a cell holds anything toJSON keeps (it leaves out cells whose fields are all unset). */
function holdsData(c: CellData): boolean {
  for (const key in c) if (c[key as keyof CellData] !== undefined) return true;
  return false;
}

/** What an inserted row or column inherits from its neighbour: formats, not content. */
function formatOnly(c: CellData | undefined): CellData | undefined {
  if (!c) return undefined;
  const out: CellData = {};
  if (c.nf !== undefined) out.nf = c.nf;
  if (c.auto !== undefined) out.auto = c.auto;
  if (c.dv !== undefined) out.dv = cloneValidation(c.dv);
  if (c.style !== undefined) out.style = { ...c.style };
  return Object.keys(out).length ? out : undefined;
}

function shiftSet(set: Set<number>, at: number, delta: number): Set<number> {
  const out = new Set<number>();
  for (const i of set) {
    if (i < at) out.add(i);
    else if (delta > 0) out.add(i + delta);
    else if (i >= at - delta) out.add(i + delta);
  }
  return out;
}

function shiftRecord(
  rec: Record<string, number>,
  at: number,
  delta: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec)) {
    const i = Number(k);
    if (i < at) out[i] = v;
    else if (delta > 0) out[i + delta] = v;
    else if (i >= at - delta) out[i + delta] = v;
  }
  return out;
}

/**
 * Moves a ref for rows (or columns) inserted (delta > 0) or deleted (delta < 0) at `at`.
 * Returns undefined when a deletion removes it entirely.
 */
export function shiftRef(
  ref: GridRef,
  dim: 'rows' | 'cols',
  at: number,
  delta: number,
): GridRef | undefined {
  const start = dim === 'rows' ? ref.row : ref.col;
  const size = dim === 'rows' ? ref.numRows : ref.numCols;
  const end = start + size - 1;
  let ns = start;
  let nsize = size;
  const open = dim === 'rows' ? ref.openRows : ref.openCols;
  if (delta > 0) {
    if (at <= start) ns = start + delta;
    else if (at <= end || (open && at === end + 1)) nsize = size + delta;
  } else {
    const dStart = at;
    const dEnd = at - delta - 1;
    if (dEnd < start) ns = start + delta;
    else if (dStart > end) {
      /* untouched */
    } else {
      const keptBefore = Math.max(0, dStart - start);
      const keptAfter = Math.max(0, end - dEnd);
      nsize = keptBefore + keptAfter;
      if (nsize === 0) return undefined;
      ns = Math.min(start, dStart);
    }
  }
  return dim === 'rows' ? { ...ref, row: ns, numRows: nsize } : { ...ref, col: ns, numCols: nsize };
}
