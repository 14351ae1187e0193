/**
 * Spreadsheet and Selection: https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
 */
import { isValidTimeZone } from '../../time';
import { parseA1 } from '../a1';
import { SheetModel } from '../sheetModel';
import { Service, invalidArgument, notImplemented, type Env } from './base';
import { ProtectionImpl } from './protection';
import { RangeImpl, makeRange } from './range';
import { SheetImpl, spreadsheetFactory } from './sheet';

export class SelectionImpl extends Service {
  readonly kind = 'Selection';
  getActiveRange(): RangeImpl | null {
    return activeRange(this.env);
  }
  getActiveSheet(): SheetImpl {
    return new SheetImpl(this.env, this.env.doc.activeSheet());
  }
  getCurrentCell(): RangeImpl | null {
    const r = activeRange(this.env);
    return r ? makeRange(this.env, r.sheet, r.row, r.col) : null;
  }
}

/** The selection; with nothing selected, A1 of the active sheet (the cursor's home). */
function activeRange(env: Env): RangeImpl {
  const ref = env.doc.activeRange;
  const sheet = ref ? env.doc.sheetById(ref.sheetId) : undefined;
  if (!ref || !sheet || sheet.id !== env.doc.activeSheetId)
    return makeRange(env, env.doc.activeSheet(), 1, 1);
  return makeRange(env, sheet, ref.row, ref.col, ref.numRows, ref.numCols);
}

function sheetModelOf(sheet: unknown): SheetModel {
  if (!(sheet instanceof SheetImpl)) throw invalidArgument('sheet');
  return sheet.model;
}

export class SpreadsheetImpl extends Service {
  readonly kind = 'Spreadsheet';

  getId(): string {
    return this.env.doc.id;
  }
  getName(): string {
    return this.env.doc.name;
  }
  rename(newName: string): void {
    this.env.doc.name = String(newName);
  }
  getUrl(): string {
    return this.env.doc.url;
  }
  getSpreadsheetLocale(): string {
    return this.env.doc.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    if (typeof locale !== 'string' || !locale) throw invalidArgument('locale');
    this.env.doc.locale = locale;
  }
  getSpreadsheetTimeZone(): string {
    return this.env.doc.timeZone;
  }
  /** Stored dates keep their wall clock (serials), so the instants they read back as move. */
  setSpreadsheetTimeZone(timezone: string): void {
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone))
      throw invalidArgument('timezone');
    this.env.doc.timeZone = timezone;
  }

  // ------------------------------------------------------------ sheets

  getSheets(): SheetImpl[] {
    return this.env.doc.sheets.map((s) => new SheetImpl(this.env, s));
  }
  getNumSheets(): number {
    return this.env.doc.sheets.length;
  }
  /** null when no sheet has that name. */
  getSheetByName(name: string): SheetImpl | null {
    const s = this.env.doc.sheetByName(String(name));
    return s ? new SheetImpl(this.env, s) : null;
  }
  getSheetById(id: number): SheetImpl | null {
    const s = this.env.doc.sheetById(Number(id));
    return s ? new SheetImpl(this.env, s) : null;
  }
  getActiveSheet(): SheetImpl {
    return new SheetImpl(this.env, this.env.doc.activeSheet());
  }
  setActiveSheet(sheet: SheetImpl): SheetImpl {
    const model = sheetModelOf(sheet);
    this.env.doc.activeSheetId = model.id;
    return new SheetImpl(this.env, model);
  }

  /**
   * insertSheet(), (sheetIndex), (sheetName), (sheetName, sheetIndex), with or without options.
   * "The new sheet becomes the active sheet." Without an index it goes right after the active
   * sheet (assumption: where the Sheets UI adds one). A taken name (case ignored) fails with
   * 'A sheet with the name "X" already exists. Please enter another name.'
   */
  insertSheet(a?: unknown, b?: unknown, c?: unknown): SheetImpl {
    const doc = this.env.doc;
    let name: string | undefined;
    let index: number | undefined;
    let options: unknown;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') {
        index = b;
        options = c;
      } else options = b;
    } else if (typeof a === 'number') {
      index = a;
      options = b;
    } else options = a;
    if (options && typeof options === 'object' && 'template' in options)
      notImplemented('Spreadsheet', 'insertSheet with a template');
    if (name !== undefined && doc.nameTaken(name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const at = index ?? doc.sheets.indexOf(doc.activeSheet()) + 1;
    if (!Number.isInteger(at) || at < 0 || at > doc.sheets.length)
      throw invalidArgument('sheetIndex');
    // A new sheet is 1000 × 26 = 26,000 cells: refused with the cell-limit text (limits.ts) when
    // the workbook has no room for them.
    const model = new SheetModel(doc.newSheetId(), name ?? doc.defaultSheetName());
    doc.attachSheet(model, at);
    doc.activeSheetId = model.id;
    doc.activeRange = null;
    return new SheetImpl(this.env, model);
  }

  deleteSheet(sheet: SheetImpl): void {
    const doc = this.env.doc;
    const model = sheetModelOf(sheet);
    const i = doc.sheets.indexOf(model);
    if (i < 0) throw invalidArgument('sheet');
    // Logged by Apps Script as "Exception: You can't remove all the sheets in a document."
    if (doc.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    doc.detachSheet(model);
    doc.renameReferences(model.name, null);
    if (doc.activeSheetId === model.id) {
      doc.activeSheetId = (doc.sheets[Math.max(0, i - 1)] ?? doc.sheets[0])?.id ?? 0;
      doc.activeRange = null;
    }
  }

  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number): void {
    const doc = this.env.doc;
    const model = doc.activeSheet();
    if (!Number.isInteger(pos) || pos < 1 || pos > doc.sheets.length) throw invalidArgument('pos');
    doc.sheets.splice(doc.sheets.indexOf(model), 1);
    doc.sheets.splice(pos - 1, 0, model);
  }

  // ------------------------------------------------------------ ranges and selection

  /** A1 with or without a sheet name; without one, on the active sheet. */
  getRange(a1Notation: string): RangeImpl {
    const ref = parseA1(String(a1Notation));
    if (!ref) throw new Error('Range not found');
    const sheet =
      ref.sheetName === undefined
        ? this.env.doc.activeSheet()
        : this.env.doc.sheetByName(ref.sheetName);
    if (!sheet) throw new Error('Range not found');
    return new SheetImpl(this.env, sheet).getRange(
      String(a1Notation).slice(String(a1Notation).lastIndexOf('!') + 1),
    );
  }
  getRangeByName(): null {
    return null;
  }
  getActiveRange(): RangeImpl | null {
    return activeRange(this.env);
  }
  getActiveCell(): RangeImpl {
    const r = activeRange(this.env);
    return makeRange(this.env, r.sheet, r.row, r.col);
  }
  setActiveRange(range: RangeImpl): RangeImpl {
    if (!(range instanceof RangeImpl)) throw invalidArgument('range');
    range.activate();
    return range;
  }
  getSelection(): SelectionImpl {
    return new SelectionImpl(this.env);
  }
  getDataRange(): RangeImpl {
    return new SheetImpl(this.env, this.env.doc.activeSheet()).getDataRange();
  }
  getLastRow(): number {
    return this.env.doc.activeSheet().lastRow();
  }
  getLastColumn(): number {
    return this.env.doc.activeSheet().lastCol();
  }

  getProtections(type: string): ProtectionImpl[] {
    return this.env.doc.sheets.flatMap((s) => new SheetImpl(this.env, s).getProtections(type));
  }

  /** Recorded on the document (doc.toasts) and passed to ctx.toast when the host shows them. */
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    const t = {
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
    };
    this.env.doc.toasts.push(t);
    this.env.ctx.toast?.(t.message, t.title, t.timeoutSeconds);
  }
}

spreadsheetFactory.make = (env) => new SpreadsheetImpl(env);
