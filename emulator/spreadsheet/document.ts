/**
 * EmulatedSpreadsheet: the in-memory workbook (sheets, cells, locale, time zone, selection).
 * The SpreadsheetApp service objects (service.ts) are thin views over it. Its own methods are
 * test and preview helpers, not Apps Script calls, so they are not counted.
 */
import { resolveWorlds, type Worlds } from '../switches';
import { isValidTimeZone } from '../time';
import { parseA1, toA1 } from './a1';
import { displayValue, effectiveFormat, isDateFormat, isTextFormat } from './format';
import { evaluateFormula, moveReferences, renameSheetReferences } from './formula';
import { MAX_CELLS, TOO_MANY_CELLS, type GridOwner } from './limits';
import type {
  CellData,
  CriteriaArg,
  GridRef,
  Scalar,
  SpreadsheetJSON,
  StoredValidation,
  ValidationData,
} from './model';
import { cloneValidation, isDate } from './model';
import { SheetModel, shiftRef } from './sheetModel';
import {
  dateToSerial,
  parseTyped,
  PERSON_IN_PLAIN_TEXT,
  serialToDate,
  type PlainTextWorld,
} from './values';

export interface EmulatedSpreadsheetOptions {
  name?: string;
  locale?: string;
  timeZone?: string;
  id?: string;
  /** The worlds of the switches where the reference is silent (emulator/switches.ts). */
  worlds?: Partial<Worlds>;
}

/** Who writes: a script's setValue(s), or a person typing or pasting (test and preview helpers). */
export type Writer = 'script' | 'person';

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

/** What the raw-state helper returns for a cell: what is stored, not what Apps Script returns. */
export interface RawCell {
  value: Scalar | '';
  formula: string;
  numberFormat: string | null;
  display: string;
  validation: ValidationData | null;
  note: string;
  style: CellData['style'] | null;
}

function firstSheetName(locale: string, n: number): string {
  // The default tab names of a new spreadsheet: "Sheet1" in English, "Feuille 1" in French.
  return /^fr/i.test(locale) ? `Feuille ${n}` : `Sheet${n}`;
}

let docCounter = 0;

/** Serial days well inside the Date range (8.64e15 ms ≈ 100,000,000 days around 1970). */
const MAX_DATE_SERIAL = 99_000_000;

export class EmulatedSpreadsheet implements GridOwner {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  sheets: SheetModel[] = [];
  activeSheetId: number;
  /** The user's selection (Spreadsheet.getActiveRange). */
  activeRange: GridRef | null = null;
  /** toast() calls, newest last. */
  readonly toasts: Toast[] = [];
  private nextSheetId = 1;
  private nextProtectionId = 1;
  /**
   * Cells in every sheet's grid, kept up to date as sheets are added, removed or resized (each
   * sheet reports its changes through gridResized), so the 10,000,000-cell check costs nothing.
   */
  private cellTotal = 0;
  /** The switches' worlds (switches.ts): what a script's write does where Google is silent. */
  worlds: Worlds;

  constructor(opts: EmulatedSpreadsheetOptions = {}) {
    docCounter++;
    this.worlds = resolveWorlds(opts.worlds);
    this.id = opts.id ?? `emulated-spreadsheet-${docCounter.toString(36).padStart(6, '0')}`;
    this.name = opts.name ?? 'Untitled spreadsheet';
    this.locale = opts.locale ?? 'en_US';
    this.timeZone = opts.timeZone ?? 'America/Montreal';
    if (!isValidTimeZone(this.timeZone)) throw new Error(`Invalid time zone: ${this.timeZone}`);
    // The first sheet of a new spreadsheet has gid 0.
    this.attachSheet(new SheetModel(0, firstSheetName(this.locale, 1)));
    this.activeSheetId = 0;
  }

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  // ------------------------------------------------------------ sheets and the cell limit

  /** Cells in the grids of all sheets, empty or not (the figure the 10,000,000 limit counts). */
  get gridCells(): number {
    return this.cellTotal;
  }

  /** GridOwner: a sheet's grid changes size; refused past MAX_CELLS (limits.ts). */
  gridResized(deltaCells: number): void {
    if (deltaCells > 0 && this.cellTotal + deltaCells > MAX_CELLS) throw new Error(TOO_MANY_CELLS);
    this.cellTotal += deltaCells;
  }

  /** Adds a sheet's grid to the workbook (at a 0-based position, default last), or throws. */
  attachSheet(sheet: SheetModel, at = this.sheets.length): void {
    this.gridResized(sheet.gridCells());
    sheet.owner = this;
    this.sheets.splice(at, 0, sheet);
  }

  detachSheet(sheet: SheetModel): void {
    const i = this.sheets.indexOf(sheet);
    if (i < 0) return;
    this.sheets.splice(i, 1);
    sheet.owner = null;
    this.gridResized(-sheet.gridCells());
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Sheet names are unique regardless of case in Sheets. */
  nameTaken(name: string, except?: SheetModel): boolean {
    const n = name.toLowerCase();
    return this.sheets.some((s) => s !== except && s.name.toLowerCase() === n);
  }

  defaultSheetName(): string {
    let n = this.sheets.length + 1;
    while (this.nameTaken(firstSheetName(this.locale, n))) n++;
    return firstSheetName(this.locale, n);
  }

  newSheetId(): number {
    // Sheets gives new tabs large pseudo-random gids; deterministic here for reproducible tests.
    const id = (this.nextSheetId++ * 1_234_567_891) % 2_147_483_647;
    return this.sheetById(id) ? this.newSheetId() : id;
  }

  newProtectionId(): number {
    return this.nextProtectionId++;
  }

  activeSheet(): SheetModel {
    const s = this.sheetById(this.activeSheetId) ?? this.sheets[0];
    if (!s) throw new Error('Emulator: the spreadsheet has no sheet');
    return s;
  }

  // ------------------------------------------------------------ cells

  /** The stored value of a cell, a formula computed ('' for an empty cell; dates as serials). */
  rawValue(sheet: SheetModel, row: number, col: number, visiting?: Set<string>): Scalar {
    const cell = sheet.get(row, col);
    if (!cell) return '';
    if (cell.f === undefined) return cell.v ?? '';
    return this.evaluate(sheet, row, col, cell.f, visiting ?? new Set<string>());
  }

  private evaluate(
    sheet: SheetModel,
    row: number,
    col: number,
    formula: string,
    visiting: Set<string>,
  ): Scalar {
    const key = `${sheet.id}:${row}:${col}`;
    // A formula that depends on itself shows #REF! (circular dependency) in Sheets.
    if (visiting.has(key)) return '#REF!';
    visiting.add(key);
    try {
      return evaluateFormula(formula, {
        cell: (name, r, c) => {
          const target = name === undefined ? sheet : this.sheetByName(name);
          if (!target || r > target.maxRows || c > target.maxCols) return '#REF!';
          return this.rawValue(target, r, c, visiting);
        },
        bounds: (name) => {
          const target = name === undefined ? sheet : this.sheetByName(name);
          return { rows: target?.lastRow() ?? 0, cols: target?.lastCol() ?? 0 };
        },
      });
    } finally {
      visiting.delete(key);
    }
  }

  /** What Range.getValue returns: a Date for a number under a date format. */
  value(sheet: SheetModel, row: number, col: number): Scalar | Date {
    const cell = sheet.get(row, col);
    if (!cell) return '';
    const raw = cell.f === undefined ? (cell.v ?? '') : this.rawValue(sheet, row, col);
    if (typeof raw === 'number' && (cell.nf !== undefined || cell.auto !== undefined)) {
      // A serial past JavaScript's Date range (±100,000,000 days) cannot be a Date: Apps Script
      // would have nothing to return but the number, so the number it is (an assumption).
      if (isDateFormat(effectiveFormat(cell, this.locale)) && Math.abs(raw) < MAX_DATE_SERIAL)
        return serialToDate(raw, this.timeZone);
    }
    return raw;
  }

  display(sheet: SheetModel, row: number, col: number): string {
    const cell = sheet.get(row, col);
    return displayValue(
      this.rawValue(sheet, row, col),
      effectiveFormat(cell, this.locale),
      this.locale,
    );
  }

  /**
   * Writes a value as Range.setValue does: strings are read like typed input, numbers,
   * booleans and Dates are stored as they are (a Date as a serial in the spreadsheet's zone).
   */
  write(
    sheet: SheetModel,
    row: number,
    col: number,
    input: unknown,
    writer: Writer = 'script',
  ): void {
    const next = this.interpret(sheet.get(row, col), input, writer);
    const cell = sheet.ensure(row, col);
    delete cell.v;
    delete cell.f;
    if (next.f !== undefined) cell.f = next.f;
    if (next.v !== undefined) cell.v = next.v;
    if (next.auto) cell.auto = next.auto;
    sheet.tidy(row, col);
  }

  /** What a write would store, without storing it (validation checks it first). */
  interpret(
    cell: CellData | undefined,
    input: unknown,
    writer: Writer = 'script',
  ): Pick<CellData, 'v' | 'f' | 'auto'> {
    if (input === null || input === undefined) return {};
    if (isDate(input)) {
      if (Number.isNaN(input.getTime())) return { v: '' };
      const serial = dateToSerial(input, this.timeZone);
      // A Date written into a cell without a date format gets a date-time format.
      return isDateFormat(effectiveFormat(cell, this.locale))
        ? { v: serial }
        : { v: serial, auto: 'datetime' };
    }
    if (typeof input === 'number') return Number.isFinite(input) ? { v: input } : { v: '#NUM!' };
    if (typeof input === 'boolean') return { v: input };
    const text = typeof input === 'string' ? input : String(input);
    const p = parseTyped(
      text,
      this.locale,
      isTextFormat(cell?.nf),
      writer === 'person' ? PERSON_IN_PLAIN_TEXT : this.plainTextWorld(),
    );
    if (p.kind === 'empty') return {};
    if (p.kind === 'formula') return { f: p.formula };
    return p.auto ? { v: p.value, auto: p.auto } : { v: p.value };
  }

  /** What a script's write does in a plain-text cell, in this document's worlds. */
  plainTextWorld(): PlainTextWorld {
    return {
      formulas: this.worlds.plainTextFormulas,
      apostrophe: this.worlds.plainTextApostrophe,
    };
  }

  /**
   * What getNumberFormat(s) returns for a cell's format: a plain-text format reads back as the
   * textFormatName world says (as written, always '@', or always '@STRING@').
   */
  formatRead(fmt: string): string {
    if (!isTextFormat(fmt)) return fmt;
    const w = this.worlds.textFormatName;
    return w === 'at' ? '@' : w === 'atString' ? '@STRING@' : fmt;
  }

  /** Values a validation's range argument allows (their display texts). */
  rangeTexts(ref: GridRef): string[] {
    const s = this.sheetById(ref.sheetId);
    if (!s) return [];
    const out: string[] = [];
    const lastRow = ref.openRows ? s.maxRows : Math.min(s.maxRows, ref.row + ref.numRows - 1);
    const lastCol = ref.openCols ? s.maxCols : Math.min(s.maxCols, ref.col + ref.numCols - 1);
    for (let r = ref.row; r <= lastRow; r++)
      for (let c = ref.col; c <= lastCol; c++) out.push(this.display(s, r, c));
    return out;
  }

  /** Whether a stored value passes a validation rule (only what the emulator enforces). */
  passes(dv: StoredValidation, value: Scalar | undefined): boolean {
    if (value === undefined || value === '') return true;
    const text = typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
    switch (dv.criteria) {
      case 'VALUE_IN_LIST': {
        const list = dv.args[0];
        return Array.isArray(list) && list.includes(text);
      }
      case 'VALUE_IN_RANGE': {
        const ref = dv.args[0];
        return ref !== undefined && isRangeArg(ref) && this.rangeTexts(ref.ref).includes(text);
      }
      case 'CHECKBOX':
        if (dv.args.length === 0) return typeof value === 'boolean';
        return dv.args.some((a) => a === value || String(a) === text);
      case 'NUMBER_BETWEEN': {
        const [lo, hi] = dv.args;
        return (
          typeof value === 'number' &&
          typeof lo === 'number' &&
          typeof hi === 'number' &&
          value >= lo &&
          value <= hi
        );
      }
      default:
        return true;
    }
  }

  // ------------------------------------------------------------ structure

  /** Moves refs (validations, conditional formats, protections, selection) after an insert/delete. */
  shiftRefs(sheetId: number, dim: 'rows' | 'cols', at: number, delta: number): void {
    const move = (ref: GridRef): GridRef | undefined =>
      ref.sheetId === sheetId ? shiftRef(ref, dim, at, delta) : ref;
    const target = this.sheetById(sheetId);
    const targetName = target?.name.toLowerCase();
    // Cells share their validation objects (a column's rule is one object): each is moved once,
    // and only a validation whose range moved is replaced (cells are copied on write: ensure).
    const movedRules = new Map<StoredValidation, StoredValidation>();
    const moveRule = (dv: StoredValidation): StoredValidation => {
      let moved = movedRules.get(dv);
      if (!moved) {
        let changed = false;
        const args = dv.args.map((a) => {
          if (!isRangeArg(a)) return a;
          const ref = move(a.ref) ?? a.ref;
          if (sameRef(ref, a.ref)) return a;
          changed = true;
          return { ref };
        });
        // A new object: the stored one may be shared (StoredValidation).
        moved = changed ? { ...dv, args } : dv;
        movedRules.set(dv, moved);
      }
      return moved;
    };
    for (const s of this.sheets) {
      const targets = (name: string | undefined): boolean =>
        name === undefined ? s.id === sheetId : name.toLowerCase() === targetName;
      s.forEachCell((cell, row, col) => {
        if (cell.f !== undefined) {
          const f = moveReferences(cell.f, targets, dim, at, delta);
          if (f !== cell.f) s.ensure(row, col).f = f;
        }
        if (!cell.dv) return;
        const dv = moveRule(cell.dv);
        if (dv !== cell.dv) s.ensure(row, col).dv = dv;
      });
      if (s.id !== sheetId) continue;
      s.conditionalRules = s.conditionalRules
        .map((rule) => ({
          ...rule,
          ranges: rule.ranges.map(move).filter((r): r is GridRef => !!r),
        }))
        .filter((rule) => rule.ranges.length > 0);
      s.protections = s.protections.flatMap((p) => {
        const unprotected = p.unprotected.map(move).filter((r): r is GridRef => !!r);
        if (p.type === 'SHEET' || !p.range) return [{ ...p, unprotected }];
        const range = move(p.range);
        return range ? [{ ...p, range, unprotected }] : [];
      });
    }
    if (this.activeRange) this.activeRange = move(this.activeRange) ?? null;
  }

  /** Formulas on every sheet follow a renamed sheet, or read #REF! once it is deleted. */
  renameReferences(oldName: string, newName: string | null): void {
    for (const s of this.sheets)
      s.forEachCell((cell, row, col) => {
        if (cell.f === undefined) return;
        const f = renameSheetReferences(cell.f, oldName, newName);
        if (f !== cell.f) s.ensure(row, col).f = f;
      });
  }

  // ------------------------------------------------------------ test and preview helpers

  /** Selects a range as the user would (getActiveRange / getSelection then see it). */
  setActiveRange(sheetName: string, a1: string): void {
    const sheet = this.sheetByName(sheetName);
    if (!sheet) throw new Error(`Emulator: no sheet named ${sheetName}`);
    const ref = parseA1(a1);
    if (!ref) throw new Error(`Emulator: bad A1 reference ${a1}`);
    const row = ref.startRow ?? 1;
    const col = ref.startCol ?? 1;
    this.activeSheetId = sheet.id;
    this.activeRange = {
      sheetId: sheet.id,
      row,
      col,
      numRows: (ref.endRow ?? sheet.maxRows) - row + 1,
      numCols: (ref.endCol ?? sheet.maxCols) - col + 1,
    };
  }

  /** Adds a sheet at the end (not a service call; for seeding tests and the preview). */
  addSheet(name: string): SheetModel {
    if (this.nameTaken(name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const sheet = new SheetModel(this.newSheetId(), name);
    this.attachSheet(sheet);
    return sheet;
  }

  /**
   * Writes a block as a person typing or pasting it would (strings read like typed input; a
   * plain-text cell keeps them as typed), creating the sheet and growing it as needed: a quick,
   * uncounted way to seed a workbook for tests and benches. Not a script's setValues, so the
   * switches' worlds for script writes (switches.ts) do not apply.
   */
  seed(sheetName: string, values: unknown[][], topLeftA1 = 'A1'): void {
    const sheet = this.sheetByName(sheetName) ?? this.addSheet(sheetName);
    const ref = parseA1(topLeftA1);
    if (!ref || ref.startRow === undefined || ref.startCol === undefined)
      throw new Error(`Emulator: bad A1 reference ${topLeftA1}`);
    const width = Math.max(0, ...values.map((r) => r.length));
    const lastRow = ref.startRow + values.length - 1;
    const lastCol = ref.startCol + width - 1;
    if (lastRow > sheet.maxRows)
      sheet.insertRows(sheet.maxRows + 1, lastRow - sheet.maxRows, sheet.maxRows);
    if (lastCol > sheet.maxCols)
      sheet.insertCols(sheet.maxCols + 1, lastCol - sheet.maxCols, sheet.maxCols);
    values.forEach((row, i) =>
      row.forEach((v, j) =>
        this.write(sheet, (ref.startRow ?? 1) + i, (ref.startCol ?? 1) + j, v, 'person'),
      ),
    );
  }

  /**
   * A person pastes a block at (row, column) of an existing sheet, within its grid: values as
   * typed (see seed). Uncounted; for tests that stand for people editing the workbook.
   */
  paste(sheetName: string, row: number, column: number, values: unknown[][]): void {
    const sheet = this.sheetByName(sheetName);
    if (!sheet) throw new Error(`Emulator: no sheet named ${sheetName}`);
    const width = Math.max(0, ...values.map((r) => r.length));
    if (row + values.length - 1 > sheet.maxRows || column + width - 1 > sheet.maxCols)
      throw new Error(`Emulator: the paste does not fit in ${sheetName}`);
    values.forEach((line, i) =>
      line.forEach((v, j) => this.write(sheet, row + i, column + j, v, 'person')),
    );
  }

  /** Raw state of one cell for assertions: stored value, formula, format, validation, note. */
  cell(sheetName: string, a1: string): RawCell {
    const sheet = this.sheetByName(sheetName);
    const ref = parseA1(a1);
    if (!sheet || !ref || ref.startRow === undefined || ref.startCol === undefined)
      throw new Error(`Emulator: no cell ${sheetName}!${a1}`);
    const c = sheet.get(ref.startRow, ref.startCol);
    return {
      value: c?.v ?? '',
      formula: c?.f ?? '',
      numberFormat: c?.nf ?? null,
      display: this.display(sheet, ref.startRow, ref.startCol),
      validation: c?.dv ? cloneValidation(c.dv) : null,
      note: c?.note ?? '',
      style: c?.style ? { ...c.style } : null,
    };
  }

  /** The used block of a sheet as getValues would return it (A1 to last row/column). */
  values(sheetName: string): (Scalar | Date)[][] {
    const sheet = this.sheetByName(sheetName);
    if (!sheet) throw new Error(`Emulator: no sheet named ${sheetName}`);
    const rows = sheet.lastRow();
    const cols = sheet.lastCol();
    const out: (Scalar | Date)[][] = [];
    for (let r = 1; r <= rows; r++) {
      const line: (Scalar | Date)[] = [];
      for (let c = 1; c <= cols; c++) line.push(this.value(sheet, r, c));
      out.push(line);
    }
    return out;
  }

  /** The used block as display texts. */
  displayValues(sheetName: string): string[][] {
    const sheet = this.sheetByName(sheetName);
    if (!sheet) throw new Error(`Emulator: no sheet named ${sheetName}`);
    const out: string[][] = [];
    for (let r = 1; r <= sheet.lastRow(); r++) {
      const line: string[] = [];
      for (let c = 1; c <= sheet.lastCol(); c++) line.push(this.display(sheet, r, c));
      out.push(line);
    }
    return out;
  }

  /** A1 text of a ref, with its sheet name (for messages). */
  refText(ref: GridRef): string {
    const s = this.sheetById(ref.sheetId);
    return `${s?.name ?? '?'}!${toA1(ref.row, ref.col, ref.numRows, ref.numCols)}`;
  }

  toJSON(): SpreadsheetJSON {
    return {
      format: 'fiche-client-emulated-spreadsheet/1',
      id: this.id,
      name: this.name,
      locale: this.locale,
      timeZone: this.timeZone,
      activeSheetId: this.activeSheetId,
      activeRange: this.activeRange ? { ...this.activeRange } : null,
      nextSheetId: this.nextSheetId,
      nextProtectionId: this.nextProtectionId,
      sheets: this.sheets.map((s) => s.toJSON()),
    };
  }

  /** What fromJSON(toJSON()) gives, copied from the live sheets (SheetModel.clone). */
  clone(worlds?: Partial<Worlds>): EmulatedSpreadsheet {
    const doc = new EmulatedSpreadsheet({
      id: this.id,
      name: this.name,
      locale: this.locale,
      timeZone: this.timeZone,
      worlds,
    });
    for (const s of [...doc.sheets]) doc.detachSheet(s);
    for (const s of this.sheets) doc.attachSheet(s.clone());
    doc.activeSheetId = this.activeSheetId;
    doc.activeRange = this.activeRange ? { ...this.activeRange } : null;
    doc.nextSheetId = this.nextSheetId;
    doc.nextProtectionId = this.nextProtectionId;
    return doc;
  }

  static fromJSON(json: SpreadsheetJSON | string, worlds?: Partial<Worlds>): EmulatedSpreadsheet {
    const j = typeof json === 'string' ? (JSON.parse(json) as SpreadsheetJSON) : json;
    if (j.format !== 'fiche-client-emulated-spreadsheet/1')
      throw new Error(`Emulator: not an emulated spreadsheet (format ${String(j.format)})`);
    const doc = new EmulatedSpreadsheet({
      id: j.id,
      name: j.name,
      locale: j.locale,
      timeZone: j.timeZone,
      worlds,
    });
    for (const s of [...doc.sheets]) doc.detachSheet(s);
    for (const s of j.sheets) doc.attachSheet(SheetModel.fromJSON(s));
    doc.activeSheetId = j.activeSheetId;
    doc.activeRange = j.activeRange ? { ...j.activeRange } : null;
    doc.nextSheetId = j.nextSheetId;
    doc.nextProtectionId = j.nextProtectionId;
    return doc;
  }
}

function isRangeArg(a: CriteriaArg): a is { ref: GridRef } {
  return a !== null && typeof a === 'object' && 'ref' in a;
}

function sameRef(a: GridRef, b: GridRef): boolean {
  return (
    a.sheetId === b.sheetId &&
    a.row === b.row &&
    a.col === b.col &&
    a.numRows === b.numRows &&
    a.numCols === b.numCols &&
    a.openRows === b.openRows &&
    a.openCols === b.openCols
  );
}
