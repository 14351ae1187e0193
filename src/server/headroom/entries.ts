/** The workbook-size entry points of src/server/index.ts (the Settings dialog's size block). */
import { headroomView, type HeadroomView } from './sizeSettings';

/** Settings call: cells used, growth a month, months left (cheap: no cell of the big sheets). */
export function headroomLoad(): HeadroomView {
  return headroomView(SpreadsheetApp.getActiveSpreadsheet());
}
