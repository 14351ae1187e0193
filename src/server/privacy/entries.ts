/** The Law 25 entry points of src/server/index.ts (menu items; confirmed and logged). */
import {
  anonymizeClient as anonymizeClientRows,
  exportClientData as exportClientRows,
} from './privacy';

/** Menu: every row of a client, as JSON, for an access request (confirmed and logged). */
export function exportClientData(): void {
  exportClientRows(SpreadsheetApp.getActiveSpreadsheet());
}

/** Menu: blanks a client's personal fields, keeps invoices and commissions (confirmed, logged). */
export function anonymizeClient(): void {
  anonymizeClientRows(SpreadsheetApp.getActiveSpreadsheet());
}
