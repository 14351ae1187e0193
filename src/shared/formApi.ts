/**
 * The contract between the client form (src/sidebar) and the server (src/server): the payloads
 * of the three `google.script.run` calls the sidebar makes. Types only; the zod schemas that
 * validate the save payload on both sides live in ./schemas.ts.
 *
 * Everything here crosses google.script.run, which passes only plain values (no Date, no
 * functions, no class instances; a Date argument or result arrives broken), so dates are ISO
 * strings: calendar days 'YYYY-MM-DD' in the spreadsheet's time zone, instants ISO 8601.
 * https://developers.google.com/apps-script/guides/html/reference/run#parameters
 *
 * Server entry points (global functions of the bundle, exported from src/server/index.ts; their
 * types are `ServerApi` below): formOpen(FormOpenRequest), formLoad(code), formSave(FormSaveRequest),
 * habitsSearch(productType). Each is one round trip and must make a number of service calls that does not grow with the data.
 * They must not throw for expected failures (unknown code, invalid payload, conflict): they
 * return the error shape so the sidebar can show it. A thrown Error reaches the sidebar's
 * failure handler and is shown as-is.
 */
import type { ClientKind, CommissionType, ConsentType, Lang } from './contract';

/** A calendar day in the spreadsheet's time zone. */
export type IsoDay = string; // 'YYYY-MM-DD'

/** The dropdown lists, from the Lists sheet (one array per column, blank cells dropped). */
export interface FormLists {
  creditCodes: string[];
  salespeople: string[];
  accountManagers: string[];
  referralSources: string[];
  tags: string[];
  productTypes: string[];
}

export type FormListKey = keyof FormLists;

/** Tab "Général / General": the Clients sheet's identity and address columns. */
export interface GeneralFields {
  /** Client code: the key. Read-only in the form once the client exists (no renaming). */
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
}

/** Tab "Termes / Terms": the client's row of the Terms sheet (minus computed Balance due). */
export interface TermsFields {
  creditCode: string;
  /** null = blank (no limit); 0 also means none. */
  creditLimit: number | null;
  /** null = blank: the settings' default term (FormOpenResult.defaults.termDays). */
  termDays: number | null;
  discountPct: number | null;
  discountDays: number | null;
  /** '' = system default. */
  revenueAccount: string;
  /** '' = system default. */
  taxCode: string;
  /** Typed by hand only when the client has no invoices (computed.hasInvoices false). */
  lastInvoiceDate: IsoDay | null;
  lastUnpaidInvoiceDate: IsoDay | null;
  /** The manual reason ("Pourquoi sous surveillance"); '' = none. */
  watchReason: string;
  emailInvoices: boolean;
  poRequired: boolean;
  taxExempt: boolean;
  cashOnDelivery: boolean;
  invoiceRemarks: string;
}

/** Tab "Vendeurs / Salespeople": one row of the Commissions sheet. */
export interface AgreementFields {
  salesperson: string;
  commissionType: CommissionType;
  ratePct: number;
  /** '' = every product type. */
  productType: string;
  /**
   * Index of this entry among its kind in the record as loaded (the server sets it); absent for
   * an entry added in the form. The save pairs an edited entry with its own row by it.
   */
  origin?: number;
}

/** An internal discussion: a CRM log row of kind 'discussion' (people → From). */
export interface DiscussionFields {
  date: IsoDay;
  people: string;
  cc: string;
  subject: string;
  details: string;
  /**
   * Index of this entry among its kind in the record as loaded (the server sets it); absent for
   * an entry added in the form. The save pairs an edited entry with its own row by it.
   */
  origin?: number;
}

/** An e-mail exchanged: a CRM log row of kind 'email'. */
export interface EmailFields {
  date: IsoDay;
  from: string;
  to: string;
  subject: string;
  /**
   * Index of this entry among its kind in the record as loaded (the server sets it); absent for
   * an entry added in the form. The save pairs an edited entry with its own row by it.
   */
  origin?: number;
}

/**
 * Tab "CRM": the Clients sheet's CRM columns plus the client's CRM log rows of kinds
 * 'discussion' and 'email'. CRM log rows of kind 'followUp' are not edited by the form: the
 * server keeps them as they are on save.
 */
export interface CrmFields {
  accountManager: string;
  referredBy: string;
  newsletter: boolean;
  tags: string[];
  needs: string;
  followUp: string;
  habits: string;
  discussions: DiscussionFields[];
  emails: EmailFields[];
  // The fields below are optional so that a payload without them (an older form) leaves the
  // sheet's values as they are on save; the server always fills them when it sends a record.
  /** Newsletter consent (CASL): express or implied; required with a ticked newsletter. */
  consentType?: ConsentType | '';
  /** When the consent was given (implied: the purchase); required with a ticked newsletter. */
  consentDate?: IsoDay | null;
  /** How the consent was obtained ("signed form at the counter", "web site", "invoice F-1001"). */
  consentSource?: string;
  /** Next follow-up date: the account manager's daily digest lists it once due. */
  nextFollowUp?: IsoDay | null;
}

/** Filled by the server; shown read-only; ignored on save. */
export interface ComputedFields {
  balanceDue: number | null;
  watched: boolean;
  watchReasons: string;
  /** When true, the last (unpaid) invoice dates are computed from Invoices: read-only. */
  hasInvoices: boolean;
  /** ISO 8601 instant of the last save, '' if never. */
  updatedAt: string;
  updatedBy: string;
  /** Buying habits computed from Invoices by the habits run ('' before the first run). */
  computedHabits?: string;
}

/** The whole client as the form edits it. */
export interface ClientRecord {
  /**
   * Optimistic-concurrency token: the client's "Updated at" ISO string when it was loaded,
   * '' for a new client. formSave refuses (kind 'conflict') when the sheet's value differs.
   */
  version: string;
  general: GeneralFields;
  terms: TermsFields;
  salespeople: AgreementFields[];
  crm: CrmFields;
  computed: ComputedFields;
}

/**
 * Which client to open. With `code`: that client. With `row`: the client on that 1-based row of
 * the Clients sheet. With neither: the client of the active cell's row if the active sheet is
 * Clients (or any sheet with a "Client code" column), else none (a new client).
 */
export interface FormOpenRequest {
  code?: string;
  row?: number;
}

export interface ClientSummary {
  code: string;
  name: string;
}

export interface FormOpenResult {
  lang: Lang;
  lists: FormLists;
  defaults: { termDays: number };
  /** Every client, for the type-ahead (may be 10,000 entries); in sheet order. */
  clients: ClientSummary[];
  /** The code proposed for "New client". */
  nextCode: string;
  /**
   * Today in the spreadsheet's time zone ('YYYY-MM-DD'): a new discussion's or e-mail's date,
   * and the consent check, follow the workbook's day, not the browser's clock and zone.
   */
  today: string;
  /** null = open on a new client. */
  record: ClientRecord | null;
}

/** formLoad(code): switch to another client without reloading the lists. */
export type FormLoadResult = { record: ClientRecord } | { error: string };

/**
 * isNew: true = create (the code must not exist yet; an existing code is an 'invalid' error on
 * 'general.code'); false = update the client `record.general.code` (it must exist, and its
 * "Updated at" must equal `record.version`).
 */
export interface FormSaveRequest {
  record: ClientRecord;
  isNew: boolean;
  /**
   * The code of a new client is the one the form proposed (nextCode), kept as is. When another
   * new client took it meanwhile (two people creating at once), the server gives this one the
   * next free code instead of refusing; a code typed by the user is never changed.
   */
  autoCode?: boolean;
  /**
   * The client as the form loaded it (required to update a client; omit for a new one). The
   * server writes only what differs from it, and refuses a field or row that someone also
   * changed in the sheet since: hand edits do not move the version. It is what the sheet held,
   * so it is read leniently (shape and sizes only), not validated like `record`.
   */
  original?: ClientRecord;
}

/** A field error: `path` names the field as in ClientRecord, dot-separated, array indexes as numbers. */
export interface FieldError {
  /** e.g. 'general.code', 'salespeople.2.ratePct', 'crm.discussions.0.date'. */
  path: string;
  /** In the user's language. */
  message: string;
}

export type SaveResult =
  | {
      ok: true;
      /** The client as now stored (new version, computed fields refreshed). */
      record: ClientRecord;
      message: string;
      /** The code to propose for the next "New client", when the save changed it. */
      nextCode?: string;
    }
  | { ok: false; kind: 'invalid'; errors: FieldError[] }
  /** Someone else saved this client since it was loaded: `by` (user e-mail or name), `at` (ISO instant). */
  | { ok: false; kind: 'conflict'; by: string; at: string; message: string }
  | { ok: false; kind: 'error'; message: string };

/** One client in the answer to "who might want product type X?". */
export interface ProductTypeBuyerRow {
  code: string;
  name: string;
  /** Purchases of that product type. */
  count: number;
  total: number;
  lastDay: IsoDay;
  accountManager: string;
}

/**
 * habitsSearch(productType): clients by their buying history of a product type, most purchases
 * first (for new arrivals). At most `limit` rows; `more` says how many were left out.
 */
export type HabitsSearchResult =
  | { ok: true; productType: string; buyers: ProductTypeBuyerRow[]; more: number }
  | { ok: false; message: string };

/**
 * The server's entry points as the pages see them, derived from the exports of
 * src/server/index.ts (as React-Google-Apps-Script's `GASClient<typeof serverFunctions>` does):
 * a renamed or retyped entry point fails to compile in the sidebar and in the test harness.
 * A type-only import: nothing of the server is bundled into the sidebar.
 */
export type ServerApi = typeof import('../server/index');

/** The name of an entry point. */
export type ServerCall = keyof ServerApi;
