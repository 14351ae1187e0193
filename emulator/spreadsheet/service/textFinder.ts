/**
 * TextFinder: https://developers.google.com/apps-script/reference/spreadsheet/text-finder
 * Made by Range.createTextFinder(findText) and Sheet.createTextFinder(findText) (the sheet: its
 * whole grid). What the reference says and the emulator does:
 *
 * - a cell matches on what it shows: "otherwise cells containing formulas are considered based
 *   on their displayed value" (matchFormulaText); so a number matches its displayed text (a
 *   date its formatted date, 1000 under "#,##0" the text "1,000"), as Sheets' Find does;
 * - matchCase(false) is the default ("otherwise, the search defaults to case-insensitive
 *   matching"); matchEntireCell(false) too ("otherwise, the search defaults to partial
 *   matching");
 * - findAll returns "all cells matching the search criteria", one single-cell Range each, or an
 *   empty array; the order is by rows then columns (ASSUMPTION: the order Sheets' Find walks a
 *   range; the reference does not state it); an empty cell never matches;
 * - findNext returns the next match after the current one (the first after the start), or
 *   null when none is left ("Returns: Range — the next cell matching the search criteria, or
 *   null if no more matches").
 *
 * Not implemented (they throw "Emulator: TextFinder.x is not implemented" rather than pretend):
 * findPrevious, getCurrentMatch, ignoreDiacritics, matchFormulaText, replaceAllWith,
 * replaceWith, startFrom, useRegularExpression. The product uses findAll with matchEntireCell
 * (src/server/measure/).
 */
import type { SheetModel } from '../sheetModel';
import { Service, factories, invalidArgument, notImplemented, type Env } from './base';

export interface SearchArea {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export class TextFinderImpl extends Service {
  readonly kind = 'TextFinder';
  private entireCell = false;
  private caseSensitive = false;
  /** Index of the current match in the area's reading order, -1 before the first findNext. */
  private current = -1;

  constructor(
    env: Env,
    private readonly sheet: SheetModel,
    private readonly area: SearchArea,
    private readonly findText: string,
  ) {
    super(env);
  }

  matchEntireCell(matchEntireCell: boolean): this {
    this.entireCell = Boolean(matchEntireCell);
    return this;
  }

  matchCase(matchCase: boolean): this {
    this.caseSensitive = Boolean(matchCase);
    return this;
  }

  private matches(shown: string): boolean {
    if (shown === '') return false;
    const text = this.caseSensitive ? shown : shown.toLowerCase();
    const wanted = this.caseSensitive ? this.findText : this.findText.toLowerCase();
    return this.entireCell ? text === wanted : text.includes(wanted);
  }

  /** Positions (in reading order) of the matching cells; only cells that exist can match. */
  private positions(): number[] {
    const { row, col, numRows, numCols } = this.area;
    const lastRow = Math.min(row + numRows - 1, this.sheet.lastRow());
    const lastCol = Math.min(col + numCols - 1, this.sheet.lastCol());
    const out: number[] = [];
    for (let r = row; r <= lastRow; r++)
      for (let c = col; c <= lastCol; c++) {
        if (!this.sheet.get(r, c)) continue;
        if (this.matches(this.env.doc.display(this.sheet, r, c)))
          out.push((r - row) * numCols + (c - col));
      }
    return out;
  }

  /** A one-cell Range (through factories: range.ts imports this file). */
  private cellAt(position: number): Service {
    const { row, col, numCols } = this.area;
    return factories.range(this.env, this.sheet, {
      sheetId: this.sheet.id,
      row: row + Math.floor(position / numCols),
      col: col + (position % numCols),
      numRows: 1,
      numCols: 1,
    });
  }

  findAll(): Service[] {
    const found = this.positions();
    if (found.length > 0) this.current = found[found.length - 1]!;
    return found.map((p) => this.cellAt(p));
  }

  findNext(): Service | null {
    const next = this.positions().find((p) => p > this.current);
    if (next === undefined) return null;
    this.current = next;
    return this.cellAt(next);
  }

  findPrevious(): never {
    return notImplemented('TextFinder', 'findPrevious');
  }
  getCurrentMatch(): never {
    return notImplemented('TextFinder', 'getCurrentMatch');
  }
  ignoreDiacritics(): never {
    return notImplemented('TextFinder', 'ignoreDiacritics');
  }
  matchFormulaText(): never {
    return notImplemented('TextFinder', 'matchFormulaText');
  }
  replaceAllWith(): never {
    return notImplemented('TextFinder', 'replaceAllWith');
  }
  replaceWith(): never {
    return notImplemented('TextFinder', 'replaceWith');
  }
  startFrom(): never {
    return notImplemented('TextFinder', 'startFrom');
  }
  useRegularExpression(): never {
    return notImplemented('TextFinder', 'useRegularExpression');
  }
}

/**
 * createTextFinder(findText): the text is required. ASSUMPTION: an empty text is refused with
 * "Invalid argument: findText" (an empty search cannot mean anything; Google's text for it was
 * not found, so the emulator refuses rather than matching every cell).
 */
export function createTextFinder(
  env: Env,
  sheet: SheetModel,
  area: SearchArea,
  findText: unknown,
): TextFinderImpl {
  if (findText === undefined || findText === null) throw invalidArgument('findText');
  const text = String(findText);
  if (text === '') throw invalidArgument('findText');
  return new TextFinderImpl(env, sheet, area, text);
}
