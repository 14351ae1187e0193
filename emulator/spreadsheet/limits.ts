/**
 * Google Sheets' size limits, enforced by the workbook model (document.ts, sheetModel.ts) and
 * the value writes (service/range.ts).
 *
 * - 10,000,000 cells per spreadsheet, every cell of every sheet's grid (maxRows × maxColumns)
 *   counted, empty or not, and 18,278 columns (ZZZ) per sheet: "Up to 10 million cells or 18,278
 *   columns (column ZZZ) for spreadsheets that are created in or converted to Google Sheets"
 *   (https://support.google.com/drive/answer/37603; 5,000,000 before March 2022). The cell count
 *   includes blank grid cells: Tanaike's report
 *   https://gist.github.com/tanaikech/cc4380692790150cc090114553e38a0e.
 * - 50,000 characters per cell: "any cell with more than 50,000 characters will be removed"
 *   (same support page, for converted files); the Sheets API and Apps Script setValue(s) refuse
 *   longer input with the text below (verbatim in googleapiclient transcripts of several public
 *   repositories; https://integrately.com/integrations/google-sheets/error).
 */
export const MAX_CELLS = 10_000_000;
export const MAX_COLUMNS = 18_278;
export const MAX_CELL_CHARS = 50_000;

/**
 * What any action that would grow the grids past MAX_CELLS throws. Reported verbatim from
 * setValues (grid auto-expansion), appendRow, the Sheets API's addSheet / pasteData /
 * appendCells (gspread "APIError [400]", RudderStack, UiPath KB, Apps Script execution logs in public
 * repositories; Tanaike's report above). The wording is generic ("This action…"), so insertRows,
 * insertColumns and insertSheet throw it too.
 */
export const TOO_MANY_CELLS =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';

/**
 * ASSUMPTION: no report of the wording for a sheet grown past column ZZZ was found; this
 * text follows the cell-limit message.
 */
export const TOO_MANY_COLUMNS =
  'This action would increase the number of columns in the sheet above the limit of 18278 columns.';

export const CELL_TOO_LONG = `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`;

/** Where a sheet reports the growth of its grid (the workbook keeps the running total). */
export interface GridOwner {
  /** Throws (changing nothing) if `deltaCells` more cells would break the workbook's limit. */
  gridResized(deltaCells: number): void;
}
