/**
 * The emulated SpreadsheetApp: an in-memory workbook (EmulatedSpreadsheet) and the service
 * objects scripts see, typed as @types/google-apps-script at this boundary.
 */
import type { EmulatedSpreadsheet } from './document';
import { createApp } from './service/app';
import type { SpreadsheetContext } from './service/base';

export { EmulatedSpreadsheet } from './document';
export type { EmulatedSpreadsheetOptions, RawCell, Toast } from './document';
export type { SpreadsheetContext } from './service/base';
export type { SpreadsheetJSON, SheetJSON, CellData, ValidationData, GridRef } from './model';
export { columnToLetters, lettersToColumn, parseA1, toA1 } from './a1';
export { dateToSerial, serialToDate, parseTyped } from './values';
export { displayValue } from './format';

/** The SpreadsheetApp global for scripts running against `doc`. */
export function createSpreadsheetApp(
  ctx: SpreadsheetContext,
  doc: EmulatedSpreadsheet,
): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return createApp({ ctx, doc }) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
