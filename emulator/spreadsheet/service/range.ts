/**
 * Range: a rectangle of one sheet, 1-based, fixed at creation (later row inserts do not move
 * it, as in Apps Script). Reference: https://developers.google.com/apps-script/reference/spreadsheet/range
 */
import { columnToLetters, toA1 } from '../a1';
import { DEFAULT_NUMBER_FORMAT, effectiveFormat, isTextFormat } from '../format';
import { shiftFormula } from '../formula';
import { CELL_TOO_LONG, MAX_CELL_CHARS } from '../limits';
import type { CellData, CellStyle, GridRef, Scalar } from '../model';
import { cloneValidation } from '../model';
import type { SheetModel } from '../sheetModel';
import {
  Service,
  factories,
  invalidArgument,
  normalizeColor,
  notImplemented,
  type Env,
} from './base';
import { ProtectionImpl } from './protection';
import { createTextFinder, type TextFinderImpl } from './textFinder';
import { DataValidationImpl } from './validation';

/** How the range was addressed, for getA1Notation ('A:C', '2:4', 'A2:C'). */
export type A1Shape = 'cells' | 'columns' | 'rows' | 'openBottom';

/** Errors of setValues and friends when the data is not the range's shape (exact Sheets texts). */
export function checkShape(
  data: unknown,
  numRows: number,
  numCols: number,
): asserts data is unknown[][] {
  if (!Array.isArray(data)) throw invalidArgument('values');
  if (data.length !== numRows)
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
    );
  for (const row of data) {
    if (!Array.isArray(row)) throw invalidArgument('values');
    if (row.length !== numCols)
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numCols}.`,
      );
  }
}

export class RangeImpl extends Service {
  readonly kind = 'Range';

  constructor(
    env: Env,
    readonly sheet: SheetModel,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
    readonly shape: A1Shape = 'cells',
  ) {
    super(env);
  }

  _ref(): GridRef {
    const ref: GridRef = {
      sheetId: this.sheet.id,
      row: this.row,
      col: this.col,
      numRows: this.numRows,
      numCols: this.numCols,
    };
    if (this.shape === 'columns' || this.shape === 'openBottom') ref.openRows = true;
    if (this.shape === 'rows') ref.openCols = true;
    return ref;
  }

  private grid<T>(fn: (row: number, col: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const line: T[] = [];
      for (let j = 0; j < this.numCols; j++) line.push(fn(this.row + i, this.col + j));
      out.push(line);
    }
    return out;
  }

  private each(fn: (row: number, col: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++)
      for (let j = 0; j < this.numCols; j++) fn(this.row + i, this.col + j, i, j);
  }

  private cellsTouched(
    fn: (cell: CellData, row: number, col: number, i: number, j: number) => void,
  ): void {
    this.sheet.update(this.row, this.col, this.numRows, this.numCols, (cell, i, j) =>
      fn(cell, this.row + i, this.col + j, i, j),
    );
  }

  // ------------------------------------------------------------ geometry

  getA1Notation(): string {
    const endCol = columnToLetters(this.col + this.numCols - 1);
    switch (this.shape) {
      case 'columns':
        return `${columnToLetters(this.col)}:${endCol}`;
      case 'rows':
        return `${this.row}:${this.row + this.numRows - 1}`;
      case 'openBottom':
        return `${columnToLetters(this.col)}${this.row}:${endCol}`;
      default:
        return toA1(this.row, this.col, this.numRows, this.numCols);
    }
  }
  getRow(): number {
    return this.row;
  }
  getRowIndex(): number {
    return this.row;
  }
  getColumn(): number {
    return this.col;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numCols;
  }
  getHeight(): number {
    return this.numRows;
  }
  getWidth(): number {
    return this.numCols;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.col + this.numCols - 1;
  }
  getGridId(): number {
    return this.sheet.id;
  }
  getSheet(): Service {
    return factories.sheet(this.env, this.sheet);
  }

  /** A range relative to this one; the same bounds checks as Sheet.getRange. */
  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): RangeImpl {
    return makeRange(
      this.env,
      this.sheet,
      this.row + rowOffset,
      this.col + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numCols,
    );
  }

  getCell(row: number, column: number): RangeImpl {
    if (row < 1 || column < 1 || row > this.numRows || column > this.numCols)
      throw new Error('Cell reference out of range');
    return makeRange(this.env, this.sheet, this.row + row - 1, this.col + column - 1, 1, 1);
  }

  // ------------------------------------------------------------ values

  /** Tells the counter how many cells a value call moved (the bench prices them per cell). */
  private moved(direction: 'read' | 'written', n = this.numRows * this.numCols): void {
    this.env.ctx.calls.countCells(direction, n);
  }

  getValues(): (Scalar | Date)[][] {
    this.moved('read');
    return this.grid((r, c) => this.env.doc.value(this.sheet, r, c));
  }
  getValue(): Scalar | Date {
    this.moved('read', 1);
    return this.env.doc.value(this.sheet, this.row, this.col);
  }
  getDisplayValues(): string[][] {
    this.moved('read');
    return this.grid((r, c) => this.env.doc.display(this.sheet, r, c));
  }
  getDisplayValue(): string {
    this.moved('read', 1);
    return this.env.doc.display(this.sheet, this.row, this.col);
  }
  /** Searches this range's cells (textFinder.ts: what is matched, in which order). */
  createTextFinder(findText: string): TextFinderImpl {
    return createTextFinder(
      this.env,
      this.sheet,
      { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols },
      findText,
    );
  }
  isBlank(): boolean {
    let blank = true;
    this.each((r, c) => {
      const cell = this.sheet.get(r, c);
      if (cell && (cell.f !== undefined || (cell.v !== undefined && cell.v !== ''))) blank = false;
    });
    return blank;
  }

  /** Writes a block, refusing it all if a strict validation rejects one cell (as Sheets does). */
  _write(data: unknown[][]): void {
    const doc = this.env.doc;
    this.each((r, c, i, j) => {
      const input = data[i]?.[j];
      // 50,000 characters per cell, the whole block refused (limits.ts, with sources).
      if (typeof input === 'string' && input.length > MAX_CELL_CHARS)
        throw new Error(CELL_TOO_LONG);
      const cell = this.sheet.get(r, c);
      if (!cell?.dv || cell.dv.allowInvalid) return;
      const next = doc.interpret(cell, input);
      if (next.f === undefined && !doc.passes(cell.dv, next.v))
        // Text Apps Script users report for a write into a cell whose rule rejects input.
        throw new Error(
          `The data you entered in cell ${toA1(r, c)} violates the data validation rules set on this cell.`,
        );
    });
    this.each((r, c, i, j) => doc.write(this.sheet, r, c, data[i]?.[j]));
    this.moved('written');
  }

  setValues(values: unknown[][]): this {
    checkShape(values, this.numRows, this.numCols);
    this._write(values);
    return this;
  }

  /** Sets every cell of the range to the value. */
  setValue(value: unknown): this {
    const formula = typeof value === 'string' && value.startsWith('=') && value.length > 1;
    this._write(
      this.grid((r, c) =>
        formula &&
        (!isTextFormat(this.sheet.get(r, c)?.nf) ||
          this.env.doc.worlds.plainTextFormulas === 'formula')
          ? shiftFormula(value, r - this.row, c - this.col)
          : value,
      ),
    );
    return this;
  }

  getFormulas(): string[][] {
    this.moved('read');
    return this.grid((r, c) => this.sheet.get(r, c)?.f ?? '');
  }
  getFormula(): string {
    return this.sheet.get(this.row, this.col)?.f ?? '';
  }
  /** One formula for the block: relative references follow each cell, as a fill does. */
  setFormula(formula: string): this {
    const f = formulaText(formula);
    this._write(this.grid((r, c) => shiftFormula(f, r - this.row, c - this.col)));
    return this;
  }
  setFormulas(formulas: string[][]): this {
    checkShape(formulas, this.numRows, this.numCols);
    this._write(formulas.map((row) => row.map(formulaText)));
    return this;
  }

  clearContent(): this {
    this.cellsTouched((cell) => {
      delete cell.v;
      delete cell.f;
    });
    return this;
  }

  /**
   * clear(): "Clears the range of contents, formats, and data-validation rules."; clear(options)
   * clears "contents, format, data-validation rules, and/or comments, as specified with the
   * given advanced options. By default all data will be cleared." (the Range reference,
   * https://developers.google.com/apps-script/reference/spreadsheet/range#clear()). Notes are
   * this emulator's comments.
   */
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): this {
    const o = options ?? {};
    const any = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    this.cellsTouched((cell) => {
      if (!any || o.contentsOnly) {
        delete cell.v;
        delete cell.f;
      }
      if (!any || o.formatOnly) {
        delete cell.nf;
        delete cell.auto;
        delete cell.style;
      }
      if (!any || o.validationsOnly) delete cell.dv;
      if (o.commentsOnly || (options !== undefined && !any)) delete cell.note;
    });
    return this;
  }
  clearFormat(): this {
    return this.clear({ formatOnly: true });
  }
  clearDataValidations(): this {
    return this.clear({ validationsOnly: true });
  }
  clearNote(): this {
    this.cellsTouched((cell) => delete cell.note);
    return this;
  }

  // ------------------------------------------------------------ number formats

  getNumberFormats(): string[][] {
    const doc = this.env.doc;
    return this.grid((r, c) =>
      doc.formatRead(effectiveFormat(this.sheet.get(r, c), doc.locale) ?? DEFAULT_NUMBER_FORMAT),
    );
  }
  getNumberFormat(): string {
    const doc = this.env.doc;
    return doc.formatRead(
      effectiveFormat(this.sheet.get(this.row, this.col), doc.locale) ?? DEFAULT_NUMBER_FORMAT,
    );
  }
  setNumberFormat(numberFormat: string): this {
    this.cellsTouched((cell) => {
      cell.nf = numberFormat;
    });
    return this;
  }
  setNumberFormats(numberFormats: string[][]): this {
    checkShape(numberFormats, this.numRows, this.numCols);
    this.cellsTouched((cell, _r, _c, i, j) => {
      cell.nf = String(numberFormats[i]?.[j]);
    });
    return this;
  }

  // ------------------------------------------------------------ validation and checkboxes

  getDataValidation(): DataValidationImpl | null {
    const dv = this.sheet.get(this.row, this.col)?.dv;
    return dv ? new DataValidationImpl(this.env, cloneValidation(dv)) : null;
  }
  getDataValidations(): (DataValidationImpl | null)[][] {
    return this.grid((r, c) => {
      const dv = this.sheet.get(r, c)?.dv;
      return dv ? new DataValidationImpl(this.env, cloneValidation(dv)) : null;
    });
  }
  setDataValidation(rule: DataValidationImpl | null): this {
    if (rule !== null && !(rule instanceof DataValidationImpl)) throw invalidArgument('rule');
    // One stored copy for the block: cells share it, read-only (StoredValidation).
    const dv = rule ? cloneValidation(rule.data) : undefined;
    this.cellsTouched((cell) => {
      if (dv) cell.dv = dv;
      else delete cell.dv;
    });
    return this;
  }
  setDataValidations(rules: (DataValidationImpl | null)[][]): this {
    checkShape(rules, this.numRows, this.numCols);
    this.cellsTouched((cell, _r, _c, i, j) => {
      const rule = rules[i]?.[j];
      if (rule) cell.dv = cloneValidation(rule.data);
      else delete cell.dv;
    });
    return this;
  }

  /** Whether the range was addressed with bounds ('B:B' has no start or end row; 'A1:C' no end row). */
  isStartRowBounded(): boolean {
    return this.shape !== 'columns';
  }
  isEndRowBounded(): boolean {
    return this.shape === 'cells' || this.shape === 'rows';
  }
  isStartColumnBounded(): boolean {
    return this.shape !== 'rows';
  }
  isEndColumnBounded(): boolean {
    return this.shape !== 'rows';
  }

  /**
   * "Inserts checkboxes into each cell in the range, configured with true for checked and false
   * for unchecked. Sets the value of all cells in the range to false."
   * https://developers.google.com/apps-script/reference/spreadsheet/range#insertCheckboxes()
   */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args = checkedValue === undefined ? [] : [checkedValue, uncheckedValue ?? ''];
    const off = uncheckedValue ?? (checkedValue === undefined ? false : '');
    this.cellsTouched((cell) => {
      cell.dv = {
        criteria: 'CHECKBOX',
        args: args as Scalar[],
        allowInvalid: true,
        helpText: null,
      };
      delete cell.f;
      if (off === '') delete cell.v;
      else cell.v = off as Scalar;
    });
    return this;
  }

  /**
   * "Removes all checkboxes from the range. Clears the data validation of each cell, and
   * additionally clears its value if the cell contains either the checked or unchecked value."
   * https://developers.google.com/apps-script/reference/spreadsheet/range#removeCheckboxes()
   */
  removeCheckboxes(): this {
    this.cellsTouched((cell) => {
      if (cell.dv?.criteria !== 'CHECKBOX') return;
      const states = cell.dv.args.length ? cell.dv.args : [true, false];
      if (cell.f === undefined && states.some((s) => s === cell.v)) delete cell.v;
      delete cell.dv;
    });
    return this;
  }

  private setAll(value: boolean): this {
    this.cellsTouched((cell) => {
      if (cell.dv?.criteria !== 'CHECKBOX') return;
      cell.v = (cell.dv.args.length ? cell.dv.args[value ? 0 : 1] : value) as Scalar;
      delete cell.f;
    });
    return this;
  }
  check(): this {
    return this.setAll(true);
  }
  uncheck(): this {
    return this.setAll(false);
  }
  isChecked(): boolean | null {
    let all: boolean | null | undefined;
    this.each((r, c) => {
      const cell = this.sheet.get(r, c);
      if (cell?.dv?.criteria !== 'CHECKBOX') {
        all = null;
        return;
      }
      // A value that is neither the checked nor the unchecked one makes the answer null.
      const checked = cell.dv.args.length ? cell.dv.args[0] : true;
      const unchecked = cell.dv.args.length ? (cell.dv.args[1] ?? '') : false;
      const v = cell.v ?? '';
      const on = v === checked ? true : v === unchecked ? false : null;
      if (all === undefined) all = on;
      else if (all !== on) all = null;
    });
    return all ?? null;
  }

  // ------------------------------------------------------------ notes and style

  getNote(): string {
    return this.sheet.get(this.row, this.col)?.note ?? '';
  }
  getNotes(): string[][] {
    return this.grid((r, c) => this.sheet.get(r, c)?.note ?? '');
  }
  setNote(note: string | null): this {
    this.cellsTouched((cell) => {
      if (note === null || note === '') delete cell.note;
      else cell.note = String(note);
    });
    return this;
  }
  setNotes(notes: (string | null)[][]): this {
    checkShape(notes, this.numRows, this.numCols);
    this.cellsTouched((cell, _r, _c, i, j) => {
      const n = notes[i]?.[j];
      if (n === null || n === undefined || n === '') delete cell.note;
      else cell.note = String(n);
    });
    return this;
  }

  private setStyle<K extends keyof CellStyle>(key: K, value: CellStyle[K] | undefined): this {
    this.cellsTouched((cell) => {
      const style = { ...cell.style };
      if (value === undefined) delete style[key];
      else style[key] = value;
      if (Object.keys(style).length) cell.style = style;
      else delete cell.style;
    });
    return this;
  }
  private styleGrid<K extends keyof CellStyle>(
    key: K,
    dflt: NonNullable<CellStyle[K]>,
  ): NonNullable<CellStyle[K]>[][] {
    return this.grid((r, c) => this.sheet.get(r, c)?.style?.[key] ?? dflt);
  }
  private setStyles<K extends keyof CellStyle>(
    key: K,
    values: (CellStyle[K] | null)[][],
    map: (v: CellStyle[K]) => CellStyle[K] | undefined,
  ): this {
    checkShape(values, this.numRows, this.numCols);
    this.each((r, c, i, j) => {
      const v = values[i]?.[j];
      makeRange(this.env, this.sheet, r, c, 1, 1).setStyle(
        key,
        v === null || v === undefined ? undefined : map(v),
      );
    });
    return this;
  }

  setBackground(color: string | null): this {
    return this.setStyle('background', normalizeColor(color));
  }
  setBackgrounds(colors: (string | null)[][]): this {
    return this.setStyles('background', colors, (c) => normalizeColor(c));
  }
  getBackground(): string {
    return this.sheet.get(this.row, this.col)?.style?.background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this.styleGrid('background', '#ffffff');
  }
  setFontWeight(fontWeight: string | null): this {
    return this.setStyle('fontWeight', fontWeight === 'bold' ? 'bold' : undefined);
  }
  setFontWeights(weights: (string | null)[][]): this {
    return this.setStyles('fontWeight', weights, (w) => (w === 'bold' ? 'bold' : undefined));
  }
  getFontWeight(): string {
    return this.sheet.get(this.row, this.col)?.style?.fontWeight ?? 'normal';
  }
  getFontWeights(): string[][] {
    return this.styleGrid('fontWeight', 'normal');
  }
  setFontStyle(fontStyle: string | null): this {
    return this.setStyle('fontStyle', fontStyle === 'italic' ? 'italic' : undefined);
  }
  getFontStyle(): string {
    return this.sheet.get(this.row, this.col)?.style?.fontStyle ?? 'normal';
  }
  setFontColor(color: string | null): this {
    return this.setStyle('fontColor', normalizeColor(color));
  }
  getFontColor(): string {
    return this.sheet.get(this.row, this.col)?.style?.fontColor ?? '#000000';
  }
  setFontSize(size: number): this {
    return this.setStyle('fontSize', size);
  }
  getFontSize(): number {
    return this.sheet.get(this.row, this.col)?.style?.fontSize ?? 10;
  }
  setFontFamily(family: string | null): this {
    return this.setStyle('fontFamily', family ?? undefined);
  }
  getFontFamily(): string {
    return this.sheet.get(this.row, this.col)?.style?.fontFamily ?? 'Arial';
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.setStyle('horizontalAlignment', alignment ?? undefined);
  }
  getHorizontalAlignment(): string {
    return this.sheet.get(this.row, this.col)?.style?.horizontalAlignment ?? 'general';
  }
  setVerticalAlignment(alignment: string | null): this {
    return this.setStyle('verticalAlignment', alignment ?? undefined);
  }
  getVerticalAlignment(): string {
    return this.sheet.get(this.row, this.col)?.style?.verticalAlignment ?? 'bottom';
  }
  setWrap(isWrapEnabled: boolean): this {
    return this.setStyle('wrap', isWrapEnabled ? true : undefined);
  }
  getWrap(): boolean {
    return this.sheet.get(this.row, this.col)?.style?.wrap ?? false;
  }

  // ------------------------------------------------------------ selection and protection

  /** Makes this the selection and its sheet the active sheet. */
  activate(): this {
    this.env.doc.activeSheetId = this.sheet.id;
    this.env.doc.activeRange = this._ref();
    return this;
  }

  /** Creates a range protection (the current user is its editor). */
  protect(): ProtectionImpl {
    const data = {
      id: this.env.doc.newProtectionId(),
      type: 'RANGE' as const,
      range: this._ref(),
      description: '',
      warningOnly: false,
      editors: [this.env.ctx.activeUserEmail()],
      domainEdit: true,
      unprotected: [],
    };
    this.sheet.protections.push(data);
    return new ProtectionImpl(this.env, this.sheet, data);
  }

  merge(): never {
    return notImplemented('Range', 'merge');
  }
  sort(): never {
    return notImplemented('Range', 'sort');
  }
  copyTo(): never {
    return notImplemented('Range', 'copyTo');
  }
}

/** The range a stored ref stands for now; an open ref reaches the sheet's current edge. */
export function rangeOfRef(env: Env, sheet: SheetModel, ref: GridRef): RangeImpl {
  const numRows = ref.openRows ? Math.max(1, sheet.maxRows - ref.row + 1) : ref.numRows;
  const numCols = ref.openCols ? Math.max(1, sheet.maxCols - ref.col + 1) : ref.numCols;
  const shape: A1Shape = ref.openCols
    ? 'rows'
    : ref.openRows
      ? ref.row === 1
        ? 'columns'
        : 'openBottom'
      : 'cells';
  return new RangeImpl(env, sheet, ref.row, ref.col, numRows, numCols, shape);
}

factories.range = rangeOfRef;

/** Formula text as setFormula takes it: a leading '=' is added if missing. */
function formulaText(f: unknown): string {
  const s = String(f ?? '');
  if (s === '') return '';
  return s.startsWith('=') ? s : `=${s}`;
}

/**
 * Builds a range with Sheet.getRange's checks and exact error texts (as reported by Apps Script:
 * "The starting row of the range is too small.", "The number of rows in the range must be at
 * least 1.", "The coordinates of the range are outside the dimensions of the sheet.").
 */
export function makeRange(
  env: Env,
  sheet: SheetModel,
  row: number,
  col: number,
  numRows = 1,
  numCols = 1,
  shape: A1Shape = 'cells',
): RangeImpl {
  for (const [name, v] of [
    ['row', row],
    ['column', col],
    ['numRows', numRows],
    ['numColumns', numCols],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidArgument(name);
  }
  const r = Math.trunc(row);
  const c = Math.trunc(col);
  const nr = Math.trunc(numRows);
  const nc = Math.trunc(numCols);
  if (r < 1) throw new Error('The starting row of the range is too small.');
  if (c < 1) throw new Error('The starting column of the range is too small.');
  if (nr < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (nc < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (r + nr - 1 > sheet.maxRows || c + nc - 1 > sheet.maxCols)
    throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
  return new RangeImpl(env, sheet, r, c, nr, nc, shape);
}
