/**
 * Typed records of the workbook, as the domain sees them once the sheet layer has read the
 * cells. Pure data: no Date objects (calendar days are 'YYYY-MM-DD' strings in the
 * spreadsheet's time zone), no SpreadsheetApp.
 */
import type { Lang, RecordOf } from '../shared/contract';

/** A calendar day in the spreadsheet's time zone, 'YYYY-MM-DD'. */
export type Day = string;
/** A month in the spreadsheet's time zone, 'YYYY-MM'. */
export type Month = string;

/**
 * The records of the workbook's sheets, one property per column of the contract
 * (src/shared/contract.ts), typed by the column's kind: a column added there is a property
 * here. Text is '' when blank, numbers and days null, ticks false, multi-value cells [].
 * - Client: `updatedAt` is the ISO 8601 instant of the last form save ('' if never);
 *   `computedHabits` and `mailchimpSync` are '' before their first run.
 * - Terms: creditLimit null or 0 = none; termDays null = the settings' default term;
 *   revenueAccount and taxCode '' = system default.
 * - Agreement (a row of Commissions): productType '' = every product type.
 * - Invoice: amount before taxes, negative = credit note; dueDate null = date + the client's
 *   term; paidDate null = unpaid.
 */
/** @public A client as the rules see it (the domain's vocabulary; knip: kept). */
export type Client = RecordOf<'clients'>;
/** @public A client's terms as the rules see them. */
export type Terms = RecordOf<'terms'>;
export type Agreement = RecordOf<'commissions'>;
export type Invoice = RecordOf<'invoices'>;

export interface Settings {
  lang: Lang;
  /** Days after the due date before an unpaid invoice counts as overdue. */
  graceDays: number;
  /** Term used when a client's Term (days) is blank. */
  defaultTermDays: number;
  /** E-mail the account manager when a client becomes watched. */
  notifyWatch: boolean;
  /** E-mail each salesperson their monthly statement. */
  sendStatements: boolean;
}

export const DEFAULT_SETTINGS: Omit<Settings, 'lang'> = {
  graceDays: 0,
  defaultTermDays: 30,
  notifyWatch: true,
  sendStatements: false,
};

/** A cell the sheet layer or a rule could not read: reported with its sheet and row, never guessed. */
export interface CellProblem {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  column: string;
  message: string;
  /**
   * Whose row it is: its client code, or for Invoices and Payments its invoice number
   * (decision 021: a problem names the cell by sheet, column and the row's client or invoice, not
   * only a row number that a sort changes). Absent when the row's key cell is blank.
   */
  key?: { kind: 'client' | 'invoice'; value: string };
  /** The contract key of the column ('creditLimit'): where the form shows the problem. */
  columnKey?: string;
}
