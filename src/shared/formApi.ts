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
import type { ColumnsOf, FormTab, Lang, ListKey, ValueOf } from './contract';

/** A calendar day in the spreadsheet's time zone. */
export type IsoDay = string; // 'YYYY-MM-DD'

/** The dropdown lists, from the Lists sheet (one array per column, blank cells dropped). */
export type FormLists = Record<ListKey, string[]>;

// ---------------------------------------------------------------- fields, from the contract

/**
 * The sheets whose columns are fields of the form: a column with a `form` spec in
 * src/shared/contract.ts is a field of ClientRecord, under its tab (`general`, `terms`, `crm`,
 * one entry of `salespeople`) or, when the script computes it, under `computed`. Its type
 * follows from its kind (contract.ts ValueOf). Every other part of the record (the key of the
 * other sheets, the CRM log's rows, `origin`, `hasInvoices`) is written out below.
 */
export type FormSheet = 'clients' | 'terms' | 'commissions';
/** Where a field lives in ClientRecord. */
export type FormSection = FormTab | 'computed';

/** The section of a column's field: never when the column is not in the form. */
export type SectionOf<C> = C extends { form: { tab: infer T } }
  ? C extends { computed: true }
    ? 'computed'
    : T
  : never;

type ColumnsIn<Sec extends FormSection> =
  ColumnsOf<FormSheet> extends infer C
    ? C extends unknown
      ? Sec extends SectionOf<C>
        ? C
        : never
      : never
    : never;

type OptionalIn<C> = C extends { form: { optional: true } } ? true : false;
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * The fields of a section: one property per column, optional when the column's field is
 * (contract.ts FormSpec.optional: absent from an older form's payload).
 */
export type FieldsOf<Sec extends FormSection> = Flat<
  {
    -readonly [C in ColumnsIn<Sec> as OptionalIn<C> extends true ? never : C['key']]: ValueOf<C>;
  } & {
    -readonly [C in ColumnsIn<Sec> as OptionalIn<C> extends true ? C['key'] : never]?: ValueOf<C>;
  }
>;

/**
 * Tab "Général / General": the Clients sheet's identity and address columns. The client code
 * is the key: read-only in the form once the client exists (no renaming).
 */
export type GeneralFields = FieldsOf<'general'>;

/**
 * Tab "Termes / Terms": the client's row of the Terms sheet (the computed Balance due is in
 * `computed`). creditLimit null or 0 = no limit; termDays null = the settings' default term
 * (FormOpenResult.defaults.termDays); revenueAccount and taxCode '' = system default; the last
 * invoice dates are typed by hand only when the client has no invoices (computed.hasInvoices).
 */
export type TermsFields = FieldsOf<'terms'>;

/** Tab "Vendeurs / Salespeople": one row of the Commissions sheet (productType '' = all). */
export type AgreementFields = FieldsOf<'salespeople'> & {
  /**
   * Index of this entry among its kind in the record as loaded (the server sets it); absent for
   * an entry added in the form. The save pairs an edited entry with its own row by it.
   */
  origin?: number;
};

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
 * Tab "CRM": the Clients sheet's CRM columns (among them the newsletter consent record, CASL,
 * and the next follow-up date the account manager's digest lists once due) plus the client's
 * CRM log rows of kinds 'discussion' and 'email'. CRM log rows of kind 'followUp' are not edited
 * by the form: the server keeps them as they are on save.
 */
export type CrmFields = FieldsOf<'crm'> & {
  discussions: DiscussionFields[];
  emails: EmailFields[];
};

/**
 * Filled by the server; shown read-only; ignored on save: the computed columns the form shows
 * (Balance due, Under watch, Watch reasons, Updated at / by, the computed buying habits).
 */
export type ComputedFields = FieldsOf<'computed'> & {
  /** When true, the last (unpaid) invoice dates are computed from Invoices: read-only. */
  hasInvoices: boolean;
};

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
  /** Status Inactive: left out of the type-ahead unless "show inactive" is ticked. */
  inactive?: boolean;
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
  /** The spreadsheet's time zone (IANA id): times the form shows are in it. */
  timeZone?: string;
  /** null = open on a new client. */
  record: ClientRecord | null;
  /**
   * The client's cells that cannot be read (a limit of "beaucoup"), by field, each saying what
   * is expected: shown next to the field (decision 021). They read as blank in `record`.
   */
  problems: FieldError[];
}

/** formLoad(code): switch to another client without reloading the lists. */
export type FormLoadResult = { record: ClientRecord; problems: FieldError[] } | { error: string };

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
  /**
   * The person confirmed making inactive a client with an open balance (the server answered
   * 'confirm' first, saying the balance). Without it such a save is not made.
   */
  confirmInactive?: boolean;
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
  /**
   * A field (or row) both this person and someone else changed since the form loaded the
   * client: nothing saved. `by`/`at`: a colleague's form save (user, ISO instant), '' for a
   * hand edit; `message` names the fields, the time in the spreadsheet's zone; `fields` gives
   * both values of each. Fields only one of them changed are merged, never refused (decision 021).
   */
  | {
      ok: false;
      kind: 'conflict';
      by: string;
      at: string;
      message: string;
      fields?: ConflictField[];
    }
  /**
   * The save makes inactive a client whose balance due is open: nothing was saved; `message`
   * says the balance and asks; the form sends the save again with `confirmInactive`.
   */
  | { ok: false; kind: 'confirm'; balance: number; message: string }
  | { ok: false; kind: 'error'; message: string };

/** A field in conflict: the sheet's value (theirs) and the person's (yours), as text. */
export interface ConflictField {
  path: string;
  label: string;
  theirs: string;
  yours: string;
}

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
