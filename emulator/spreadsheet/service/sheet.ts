/**
 * Sheet: https://developers.google.com/apps-script/reference/spreadsheet/sheet
 * A new sheet has 1000 rows and 26 columns; ranges may not reach past them ("The coordinates of
 * the range are outside the dimensions of the sheet."), and only appendRow and the insert
 * methods grow the sheet, up to 18,278 columns and 10,000,000 cells in the workbook (limits.ts).
 */
import { parseA1 } from '../a1';
import { cloneJSON } from '../model';
import type { SheetModel } from '../sheetModel';
import { Service, factories, invalidArgument, notImplemented, type Env } from './base';
import { ConditionalFormatRuleImpl } from './conditional';
import { ProtectionImpl } from './protection';
import { RangeImpl, makeRange } from './range';
import { createTextFinder, type TextFinderImpl } from './textFinder';

/** Bounds errors of the row/column insert and delete methods. */
function outOfBounds(dim: 'rows' | 'columns'): Error {
  return new Error(`Those ${dim} are out of bounds.`);
}

function count(n: unknown, name: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidArgument(name);
  return Math.trunc(n);
}

export class SheetImpl extends Service {
  readonly kind = 'Sheet';
  constructor(
    env: Env,
    readonly model: SheetModel,
  ) {
    super(env);
  }

  // ------------------------------------------------------------ identity

  getName(): string {
    return this.model.name;
  }
  /**
   * A taken name fails as insertSheet does: 'A sheet with the name "X" already exists. Please
   * enter another name.' (the Sheets error text, also returned by the Sheets API addSheet).
   */
  setName(name: string): this {
    const n = String(name);
    if (n.trim() === '') throw invalidArgument('name');
    if (this.env.doc.nameTaken(n, this.model))
      throw new Error(`A sheet with the name "${n}" already exists. Please enter another name.`);
    const before = this.model.name;
    this.model.name = n;
    this.env.doc.renameReferences(before, n);
    return this;
  }
  getSheetId(): number {
    return this.model.id;
  }
  getSheetName(): string {
    return this.model.name;
  }
  /** 1-based position among the tabs. */
  getIndex(): number {
    return this.env.doc.sheets.indexOf(this.model) + 1;
  }
  getParent(): Service {
    return spreadsheetFactory.make(this.env);
  }
  getType(): string {
    return 'GRID';
  }
  activate(): this {
    this.env.doc.activeSheetId = this.model.id;
    this.env.doc.activeRange = null;
    return this;
  }
  isSheetHidden(): boolean {
    return this.model.hidden;
  }
  hideSheet(): this {
    this.model.hidden = true;
    return this;
  }
  showSheet(): this {
    this.model.hidden = false;
    return this;
  }
  getTabColor(): string | null {
    return this.model.tabColor;
  }
  setTabColor(color: string | null): this {
    this.model.tabColor = color;
    return this;
  }

  // ------------------------------------------------------------ ranges

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): RangeImpl {
    if (typeof a === 'string') return this.rangeFromA1(a);
    if (column === undefined) throw invalidArgument('column');
    return makeRange(this.env, this.model, a, column, numRows ?? 1, numColumns ?? 1);
  }

  private rangeFromA1(a1: string): RangeImpl {
    const ref = parseA1(a1);
    let sheet = this.model;
    if (ref?.sheetName !== undefined) {
      const named = this.env.doc.sheetByName(ref.sheetName);
      if (!named) throw new Error('Range not found');
      sheet = named;
    }
    if (!ref) throw new Error('Range not found');
    const row = ref.startRow ?? 1;
    const col = ref.startCol ?? 1;
    const endRow = ref.endRow ?? sheet.maxRows;
    const endCol = ref.endCol ?? sheet.maxCols;
    const shape =
      ref.startRow === undefined
        ? 'columns'
        : ref.startCol === undefined
          ? 'rows'
          : ref.endRow === undefined
            ? 'openBottom'
            : 'cells';
    return makeRange(this.env, sheet, row, col, endRow - row + 1, endCol - col + 1, shape);
  }

  /** A1 to the last row and column with content (A1 alone on an empty sheet). */
  getDataRange(): RangeImpl {
    return makeRange(
      this.env,
      this.model,
      1,
      1,
      Math.max(1, this.model.lastRow()),
      Math.max(1, this.model.lastCol()),
    );
  }
  /** Searches the whole sheet (textFinder.ts: what is matched, in which order). */
  createTextFinder(findText: string): TextFinderImpl {
    return createTextFinder(
      this.env,
      this.model,
      { row: 1, col: 1, numRows: this.model.maxRows, numCols: this.model.maxCols },
      findText,
    );
  }
  getLastRow(): number {
    return this.model.lastRow();
  }
  getLastColumn(): number {
    return this.model.lastCol();
  }
  getMaxRows(): number {
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    return this.model.maxCols;
  }
  /** -1 for numRows/numColumns means "to the last row/column with content". */
  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): unknown[][] {
    const nr = numRows === -1 ? this.model.lastRow() - startRow + 1 : numRows;
    const nc = numColumns === -1 ? this.model.lastCol() - startColumn + 1 : numColumns;
    return makeRange(this.env, this.model, startRow, startColumn, nr, nc).getValues();
  }

  getActiveRange(): RangeImpl | null {
    const ref = this.env.doc.activeRange;
    if (!ref || ref.sheetId !== this.model.id) return makeRange(this.env, this.model, 1, 1);
    return makeRange(this.env, this.model, ref.row, ref.col, ref.numRows, ref.numCols);
  }
  getActiveCell(): RangeImpl {
    const ref = this.env.doc.activeRange;
    if (!ref || ref.sheetId !== this.model.id) return makeRange(this.env, this.model, 1, 1);
    return makeRange(this.env, this.model, ref.row, ref.col);
  }
  setActiveRange(range: RangeImpl): RangeImpl {
    if (!(range instanceof RangeImpl) || range.sheet !== this.model) throw invalidArgument('range');
    this.env.doc.activeSheetId = this.model.id;
    this.env.doc.activeRange = range._ref();
    return range;
  }
  setActiveSelection(range: RangeImpl | string): RangeImpl {
    return this.setActiveRange(typeof range === 'string' ? this.rangeFromA1(range) : range);
  }

  // ------------------------------------------------------------ rows and columns

  /**
   * "Appends a row to the bottom of the data region in the sheet. If a cell's content begins
   * with =, it's interpreted as a formula." The sheet grows when the data region is full.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
   */
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) throw invalidArgument('rowContents');
    if (rowContents.length === 0) return this;
    const row = this.model.lastRow() + 1;
    const { maxRows, maxCols } = this.model;
    // Growing past 10,000,000 cells throws "This action would increase the number of cells in
    // the workbook above the limit of 10000000 cells." (reported from appendRow; limits.ts).
    this.model.resize(Math.max(maxRows, row), Math.max(maxCols, rowContents.length));
    try {
      makeRange(this.env, this.model, row, 1, 1, rowContents.length)._write([rowContents]);
    } catch (e) {
      this.model.resize(maxRows, maxCols); // a refused row (too long, validation) adds nothing
      throw e;
    }
    return this;
  }

  private insertRowsAt(at: number, howMany: number, formatFrom: number): void {
    if (howMany < 1) throw invalidArgument('howMany');
    if (at < 1 || at > this.model.maxRows + 1) throw outOfBounds('rows');
    this.model.insertRows(at, howMany, formatFrom);
    this.env.doc.shiftRefs(this.model.id, 'rows', at, howMany);
  }
  /** Inserts before rowIndex; the new rows take the formats of the row they push down. */
  insertRows(rowIndex: number, numRows = 1): void {
    const at = count(rowIndex, 'rowIndex');
    this.insertRowsAt(at, count(numRows, 'numRows'), at);
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    const at = count(beforePosition, 'beforePosition');
    this.insertRowsAt(at, count(howMany, 'howMany'), at);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  /** The new rows take the formats of the row above them (afterPosition). */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    const after = count(afterPosition, 'afterPosition');
    if (after < 1 || after > this.model.maxRows) throw outOfBounds('rows');
    this.insertRowsAt(after + 1, count(howMany, 'howMany'), after);
    return this;
  }
  deleteRow(rowPosition: number): this {
    return this.deleteRows(rowPosition, 1);
  }
  /**
   * Deleting every non-frozen row fails with "Sorry, it is not possible to delete all
   * non-frozen rows." (the Sheets error many scripts guard against).
   */
  deleteRows(rowPosition: number, howMany: number): this {
    const at = count(rowPosition, 'rowPosition');
    const n = count(howMany, 'howMany');
    if (n < 1) throw invalidArgument('howMany');
    if (at < 1 || at + n - 1 > this.model.maxRows) throw outOfBounds('rows');
    if (this.model.maxRows - n <= this.model.frozenRows)
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this.model.deleteRows(at, n);
    this.env.doc.shiftRefs(this.model.id, 'rows', at, -n);
    return this;
  }

  private insertColsAt(at: number, howMany: number, formatFrom: number): void {
    if (howMany < 1) throw invalidArgument('howMany');
    if (at < 1 || at > this.model.maxCols + 1) throw outOfBounds('columns');
    this.model.insertCols(at, howMany, formatFrom);
    this.env.doc.shiftRefs(this.model.id, 'cols', at, howMany);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    const at = count(columnIndex, 'columnIndex');
    this.insertColsAt(at, count(numColumns, 'numColumns'), at);
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    const at = count(beforePosition, 'beforePosition');
    this.insertColsAt(at, count(howMany, 'howMany'), at);
    return this;
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    const after = count(afterPosition, 'afterPosition');
    if (after < 1 || after > this.model.maxCols) throw outOfBounds('columns');
    this.insertColsAt(after + 1, count(howMany, 'howMany'), after);
    return this;
  }
  deleteColumn(columnPosition: number): this {
    return this.deleteColumns(columnPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany = 1): this {
    const at = count(columnPosition, 'columnPosition');
    const n = count(howMany, 'howMany');
    if (n < 1) throw invalidArgument('howMany');
    if (at < 1 || at + n - 1 > this.model.maxCols) throw outOfBounds('columns');
    if (this.model.maxCols - n <= this.model.frozenCols)
      throw new Error('Sorry, it is not possible to delete all non-frozen columns.');
    this.model.deleteCols(at, n);
    this.env.doc.shiftRefs(this.model.id, 'cols', at, -n);
    return this;
  }

  setFrozenRows(rows: number): void {
    const n = count(rows, 'rows');
    if (n < 0 || n > this.model.maxRows) throw invalidArgument('rows');
    this.model.frozenRows = n;
  }
  getFrozenRows(): number {
    return this.model.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    const n = count(columns, 'columns');
    if (n < 0 || n > this.model.maxCols) throw invalidArgument('columns');
    this.model.frozenCols = n;
  }
  getFrozenColumns(): number {
    return this.model.frozenCols;
  }

  /** Column width in pixels; 100 until set. */
  getColumnWidth(columnPosition: number): number {
    return this.model.columnWidths[String(columnPosition)] ?? 100;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this.model.columnWidths[String(count(columnPosition, 'columnPosition'))] = count(
      width,
      'width',
    );
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++)
      this.model.columnWidths[String(c)] = width;
    return this;
  }
  /** Accepted; the emulator has no text metrics, so widths stay as they were. */
  autoResizeColumn(columnPosition: number): this {
    count(columnPosition, 'columnPosition');
    return this;
  }
  autoResizeColumns(startColumn: number, numColumns: number): this {
    count(startColumn, 'startColumn');
    count(numColumns, 'numColumns');
    return this;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.model.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.model.hiddenColumns.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.model.hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this.model.hiddenRows.delete(r);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.model.hiddenRows.has(rowPosition);
  }

  // ------------------------------------------------------------ clearing

  private whole(): RangeImpl {
    return makeRange(this.env, this.model, 1, 1, this.model.maxRows, this.model.maxCols);
  }
  /** "Clears the sheet of content and formatting information." */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const o = options ?? {};
    if (o.contentsOnly || o.formatOnly) this.whole().clear(o);
    else this.whole().clear({ contentsOnly: true, formatOnly: true });
    return this;
  }
  clearContents(): this {
    this.whole().clearContent();
    return this;
  }
  clearFormats(): this {
    this.whole().clearFormat();
    return this;
  }
  clearNotes(): this {
    this.whole().clearNote();
    return this;
  }

  // ------------------------------------------------------------ rules and protections

  getConditionalFormatRules(): ConditionalFormatRuleImpl[] {
    return this.model.conditionalRules.map(
      (r) => new ConditionalFormatRuleImpl(this.env, cloneJSON(r)),
    );
  }
  setConditionalFormatRules(rules: ConditionalFormatRuleImpl[]): void {
    if (!Array.isArray(rules)) throw invalidArgument('rules');
    this.model.conditionalRules = rules.map((r) => {
      if (!(r instanceof ConditionalFormatRuleImpl)) throw invalidArgument('rules');
      return cloneJSON(r.data);
    });
  }
  clearConditionalFormatRules(): void {
    this.model.conditionalRules = [];
  }

  /**
   * "If the sheet is already protected, this method returns an object representing the
   * existing protection settings rather than creating a new one."
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
   */
  protect(): ProtectionImpl {
    const existing = this.model.protections.find((p) => p.type === 'SHEET');
    if (existing) return new ProtectionImpl(this.env, this.model, existing);
    const data = {
      id: this.env.doc.newProtectionId(),
      type: 'SHEET' as const,
      description: '',
      warningOnly: false,
      editors: [this.env.ctx.activeUserEmail()],
      domainEdit: true,
      unprotected: [],
    };
    this.model.protections.push(data);
    return new ProtectionImpl(this.env, this.model, data);
  }
  getProtections(type: string): ProtectionImpl[] {
    const t = String(type);
    if (t !== 'RANGE' && t !== 'SHEET') throw invalidArgument('type');
    return this.model.protections
      .filter((p) => p.type === t)
      .map((p) => new ProtectionImpl(this.env, this.model, p));
  }

  getFilter(): null {
    return null;
  }
  getNamedRanges(): never[] {
    return [];
  }
  sort(): never {
    return notImplemented('Sheet', 'sort');
  }
  copyTo(): never {
    return notImplemented('Sheet', 'copyTo');
  }
}

factories.sheet = (env, sheet) => new SheetImpl(env, sheet);

/** Set by spreadsheet.ts (Sheet.getParent needs the Spreadsheet, which needs Sheet). */
export const spreadsheetFactory: { make: (env: Env) => Service } = {
  make: () => {
    throw new Error('Emulator: spreadsheet service not loaded');
  },
};
