/**
 * Typed records of the workbook, as the domain sees them once the sheet layer has read the
 * cells. Pure data: no Date objects (calendar days are 'YYYY-MM-DD' strings in the
 * spreadsheet's time zone), no SpreadsheetApp.
 */
import type { ClientKind, CommissionType, ConsentType, CrmKind, Lang } from '../shared/contract';

/** A calendar day in the spreadsheet's time zone, 'YYYY-MM-DD'. */
export type Day = string;
/** A month in the spreadsheet's time zone, 'YYYY-MM'. */
export type Month = string;

export interface Client {
  code: string;
  name: string;
  kind: ClientKind | '';
  contact: string;
  email: string;
  phone: string;
  address: string;
  city: string;
  province: string;
  postalCode: string;
  country: string;
  language: Lang | '';
  accountManager: string;
  referredBy: string;
  newsletter: boolean;
  tags: string[];
  needs: string;
  followUp: string;
  habits: string;
  // computed
  watched: boolean;
  watchReasons: string;
  /** ISO 8601 instant of the last save by the form, '' if never. */
  updatedAt: string;
  updatedBy: string;
  // Newsletter consent record (CASL): src/domain/consent.ts
  consentType: ConsentType | '';
  consentDate: Day | null;
  consentSource: string;
  /** Next follow-up date: the account manager's daily digest lists it once due. */
  nextFollowUp: Day | null;
  /** Buying habits computed from Invoices by the habits run ('' before the first run). */
  computedHabits: string;
  /** The Mailchimp sync state the sync writes ('' before the first sync). */
  mailchimpSync: string;
}

export interface Terms {
  clientCode: string;
  creditCode: string;
  /** null = none (blank); 0 also means none. */
  creditLimit: number | null;
  /** null = the settings' default term. */
  termDays: number | null;
  discountPct: number | null;
  discountDays: number | null;
  /** '' = system default. */
  revenueAccount: string;
  /** '' = system default. */
  taxCode: string;
  lastInvoiceDate: Day | null;
  lastUnpaidInvoiceDate: Day | null;
  balanceDue: number | null;
  watchReason: string;
  emailInvoices: boolean;
  poRequired: boolean;
  taxExempt: boolean;
  cashOnDelivery: boolean;
  invoiceRemarks: string;
}

/** A salesperson agreement: one row of the Commissions sheet. */
export interface Agreement {
  clientCode: string;
  salesperson: string;
  commissionType: CommissionType;
  ratePct: number;
  /** '' = every product type. */
  productType: string;
}

/** One row of the CRM log: an internal discussion, an e-mail exchanged, or a follow-up. */
export interface CrmEntry {
  clientCode: string;
  date: Day;
  kind: CrmKind;
  from: string;
  to: string;
  cc: string;
  subject: string;
  details: string;
}

export interface Invoice {
  number: string;
  date: Day;
  clientCode: string;
  productType: string;
  /** Before taxes; negative = credit note. */
  amount: number;
  cost: number | null;
  /** null = date + the client's term. */
  dueDate: Day | null;
  /** null = unpaid. */
  paidDate: Day | null;
}

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
}
