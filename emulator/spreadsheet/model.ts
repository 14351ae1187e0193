/**
 * The plain data behind the emulated workbook. Everything here is JSON-safe so that
 * EmulatedSpreadsheet.toJSON() is a deep copy of these objects: dates are stored the way
 * Sheets stores them, as serial day numbers in the spreadsheet's time zone, with a date
 * number format.
 */

/** A stored cell value: Sheets has numbers, text and booleans; dates are numbers + a format. */
export type Scalar = string | number | boolean;

/**
 * A number format Sheets chose by itself from typed input ("automatic" format), e.g. typing
 * 2026-10-15 gives the cell a date format. An explicit setNumberFormat wins over it.
 */
export type AutoFormat = 'date' | 'datetime' | 'time' | 'percent' | 'currency';

/**
 * A rectangle of a sheet, 1-based, by sheet id (refs survive renames). A ref made from an
 * unbounded A1 range ('T:T', 'A2:W', '1:1') is open: rows (or columns) added at the sheet's
 * end extend it, as an unbounded GridRange does in Sheets
 * (https://developers.google.com/sheets/api/reference/rest/v4/other#GridRange: "Missing
 * indexes indicate the range is unbounded on that side").
 */
export interface GridRef {
  sheetId: number;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  openRows?: boolean;
  openCols?: boolean;
}

/** An argument of a validation or condition: plain, a list, a date (serial), or a range. */
export type CriteriaArg = Scalar | null | string[] | { date: number } | { ref: GridRef };

export interface ValidationData {
  criteria: string; // a SpreadsheetApp.DataValidationCriteria name
  args: CriteriaArg[];
  allowInvalid: boolean;
  helpText: string | null;
}

/**
 * A validation as a cell holds it: read-only, since cells share one object (the cells of a
 * restored snapshot share their source's), so a change stores a new object, never edits it.
 */
export type StoredValidation = Readonly<Omit<ValidationData, 'args'>> & {
  readonly args: readonly CriteriaArg[];
};

export interface CellStyle {
  background?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontColor?: string;
  fontSize?: number;
  fontFamily?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrap?: boolean;
}

export interface CellData {
  v?: Scalar;
  /** Formula text, with its leading '='. */
  f?: string;
  /** Explicit number format (setNumberFormat). */
  nf?: string;
  auto?: AutoFormat;
  dv?: StoredValidation;
  note?: string;
  style?: CellStyle;
}

export interface ConditionalRuleData {
  ranges: GridRef[];
  criteria: string; // a SpreadsheetApp.BooleanCriteria name
  args: CriteriaArg[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
}

export interface ProtectionData {
  id: number;
  type: 'RANGE' | 'SHEET';
  /** For RANGE; a SHEET protection covers the whole sheet. */
  range?: GridRef;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: GridRef[];
}

export interface SheetJSON {
  id: number;
  name: string;
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  frozenCols: number;
  hidden: boolean;
  tabColor: string | null;
  columnWidths: Record<string, number>;
  hiddenColumns: number[];
  hiddenRows: number[];
  /** Sparse: "row,col" (1-based) → cell. */
  cells: Record<string, CellData>;
  conditionalRules: ConditionalRuleData[];
  protections: ProtectionData[];
}

export interface SpreadsheetJSON {
  format: 'fiche-client-emulated-spreadsheet/1';
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  activeSheetId: number;
  activeRange: GridRef | null;
  nextSheetId: number;
  nextProtectionId: number;
  sheets: SheetJSON[];
}

export function cloneJSON<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The copies of the per-cell data, field by field: what cloneJSON would give (undefined fields
 * left out), without its round trip through text, which was most of the time of restoring a
 * set-up workbook (about 70,000 cells carrying formats and validations). test/model.test.ts
 * checks them against cloneJSON.
 */
export function cloneValidation(dv: StoredValidation): ValidationData {
  return {
    criteria: dv.criteria,
    args: dv.args.map(cloneArg),
    allowInvalid: dv.allowInvalid,
    helpText: dv.helpText,
  };
}

function cloneArg(arg: CriteriaArg): CriteriaArg {
  if (arg === null || typeof arg !== 'object') return arg;
  if (Array.isArray(arg)) return [...arg];
  return 'date' in arg ? { date: arg.date } : { ref: { ...arg.ref } };
}

/** `sharedValidation`: the copy keeps the same StoredValidation object (it is never edited). */
export function cloneCell(c: CellData, sharedValidation = false): CellData {
  const out: CellData = {};
  // -0 as the JSON round trip makes it: 0.
  if (c.v !== undefined) out.v = c.v === 0 ? 0 : c.v;
  if (c.f !== undefined) out.f = c.f;
  if (c.nf !== undefined) out.nf = c.nf;
  if (c.auto !== undefined) out.auto = c.auto;
  if (c.dv !== undefined) out.dv = sharedValidation ? c.dv : cloneValidation(c.dv);
  if (c.note !== undefined) out.note = c.note;
  if (c.style !== undefined) out.style = { ...c.style };
  return out;
}

export function isEmptyCell(c: CellData | undefined): boolean {
  return !c || (c.f === undefined && (c.v === undefined || c.v === ''));
}

/** A Date from any realm (the bundle runs in a vm context with its own globals). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
