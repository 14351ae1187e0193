/** The workbook-size entry points of src/server/index.ts (the Settings dialog's size block). */
import { headroomView, saveRetention, type HeadroomView } from './sizeSettings';

/** Settings call: cells used, growth a month, months left (cheap: no cell of the big sheets). */
export function headroomLoad(): HeadroomView {
  return headroomView(SpreadsheetApp.getActiveSpreadsheet());
}

/** Settings call: months of commission details kept (1 to 240; checked again here). */
export function retentionSave(months: number): { ok: boolean; message: string } {
  return saveRetention(SpreadsheetApp.getActiveSpreadsheet(), months);
}
