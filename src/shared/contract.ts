/**
 * The workbook contract (DESIGN.md, "The workbook contract"): sheet names, column headers in
 * both languages, and what each column holds. Users import data into these sheets and outside
 * tests read and write them, so the texts here are a public interface: change them only with
 * DESIGN.md.
 */

import type { FieldFormat } from './formats';

export type Lang = 'fr' | 'en';

/** What a column holds; drives formats, validations and how typed cells are read. */
export type ColumnKind =
  | 'text' // free text
  | 'plainText' // text that must never be read as a number ("0042", phone, postal code): '@' format
  | 'number'
  | 'money'
  | 'percent' // a number 0–100, not a fraction
  | 'date'
  | 'checkbox'
  | 'list' // dropdown from a Lists column
  | 'choice'; // dropdown from a fixed bilingual set (kind, commission type, …)

/**
 * The columns of the Lists sheet that feed a dropdown (a column with `list`), in the form's
 * lists (formApi.ts FormLists) and the sheets' validations alike.
 */
export const LIST_KEYS = [
  'creditCodes',
  'salespeople',
  'accountManagers',
  'referralSources',
  'tags',
  'productTypes',
] as const;
export type ListKey = (typeof LIST_KEYS)[number];

/**
 * Sizes the form and the sheet readers hold to. A Sheets cell holds at most 50,000 characters;
 * most fields need far less.
 */
export const LIMITS = {
  code: 32,
  text: 5_000,
  longText: 50_000,
  tag: 200,
  tags: 200,
  agreements: 200,
  crmRows: 2_000,
} as const;

/** The tabs of the client form; each editable field belongs to the tab of its sheet. */
export type FormTab = 'general' | 'terms' | 'salespeople' | 'crm';

/**
 * Fields the form draws together, in one box, where the first of them stands (src/sidebar/
 * panel.ts draws each kind of box): two numbers side by side, the billing ticks, the newsletter
 * and its consent record (CASL), the typed and computed buying habits, the update stamps.
 */
export type FormGroup = 'pair' | 'billing' | 'consent' | 'habits' | 'stamps';

/**
 * Where and how a column appears in the client form. A column with a `form` is a field of
 * `ClientRecord` (src/shared/formApi.ts): under its tab when people type it, under `computed`
 * when the script computes it (shown read-only). The record's type, its zod schema, the reading
 * and writing of the sheets and the panel's widget all follow from this and the column's kind.
 */
export interface FormSpec {
  readonly tab: FormTab;
  /**
   * How the field is drawn when not as its kind says: a text on several lines, an e-mail or a
   * phone input, or 'custom', a widget the tab's panel draws by hand (the compiler asks for it).
   */
  readonly widget?: 'textarea' | 'email' | 'tel' | 'custom';
  readonly group?: FormGroup;
  /** Drawn right after this field of the tab instead of in sheet order. */
  readonly after?: string;
  /**
   * A field added after the first release: absent from the payload of a form opened before
   * (the sheet keeps its value), and left out of the record the server sends when blank.
   */
  readonly optional?: boolean;
}

export interface ColumnDef<K extends string = string> {
  readonly key: K;
  readonly en: string;
  readonly fr: string;
  readonly kind: ColumnKind;
  /** Setup and the sheet layer refuse to work without it. */
  readonly required?: boolean;
  /** Written by the script only; marked and protected with a warning. */
  readonly computed?: boolean;
  readonly list?: ListKey;
  readonly choices?: ChoiceKey;
  /** A comma-separated multi-value cell (tags). */
  readonly multi?: boolean;
  /** A date column holding an instant (date and time), kept as an ISO 8601 string. */
  readonly instant?: boolean;
  /**
   * Computed from Invoices when the client has invoices, typed by hand otherwise: not
   * protected, written by the form only for a client without invoices.
   */
  readonly fromInvoices?: boolean;
  /** Personal information (Quebec's Law 25): blanked when the client is anonymized. */
  readonly personal?: boolean;
  /** Text: at most this many characters (default LIMITS.text). Number: at most this value. */
  readonly max?: number;
  /** Number: at least this value. */
  readonly min?: number;
  /** Number: a whole number. */
  readonly int?: boolean;
  /**
   * Text in a Quebec / Canadian format (src/shared/formats.ts): normalized and checked when the
   * form saves a value the person typed; a value read from the sheet is never rewritten.
   */
  readonly format?: FieldFormat;
  readonly form?: FormSpec;
}

// ---------------------------------------------------------------- fixed choices

export interface Choice<V extends string = string> {
  readonly value: V;
  readonly en: string;
  readonly fr: string;
  /**
   * What the form's list shows, in either language, when it is not the cell's label (the
   * languages: "Français" / "English", while cells keep "fr" / "en"). Read from a cell too.
   */
  readonly shown?: string;
}

export const CHOICES = {
  clientKind: [
    { value: 'company', en: 'Company', fr: 'Entreprise' },
    { value: 'individual', en: 'Individual', fr: 'Particulier' },
  ],
  // A blank Status reads as active (DESIGN.md): clients of a workbook made before the column.
  clientStatus: [
    { value: 'active', en: 'Active', fr: 'Actif' },
    { value: 'inactive', en: 'Inactive', fr: 'Inactif' },
  ],
  language: [
    { value: 'fr', en: 'fr', fr: 'fr', shown: 'Français' },
    { value: 'en', en: 'en', fr: 'en', shown: 'English' },
  ],
  commissionType: [
    { value: 'sales', en: 'Sales', fr: 'Ventes' },
    { value: 'payments', en: 'Payments', fr: 'Encaissements' },
    { value: 'margin', en: 'Margin', fr: 'Marge' },
  ],
  crmKind: [
    { value: 'discussion', en: 'Discussion', fr: 'Discussion' },
    { value: 'email', en: 'Email', fr: 'Courriel' },
    { value: 'followUp', en: 'Follow-up', fr: 'Suivi' },
  ],
  // Canada's anti-spam law (CASL) knows two kinds of consent: express (the person opted in) and
  // implied (e.g. an existing business relationship, which lasts two years). French terms are
  // the CRTC's: « consentement exprès » / « consentement tacite ».
  // https://crtc.gc.ca/eng/com500/guide.htm
  consentType: [
    { value: 'express', en: 'Express', fr: 'Exprès' },
    { value: 'implied', en: 'Implied', fr: 'Tacite' },
  ],
} as const satisfies Record<string, readonly Choice[]>;

/** The fixed choice sets: a set added to CHOICES is a ChoiceKey. */
export type ChoiceKey = keyof typeof CHOICES;

/** @public The domain's vocabulary, for the features that will branch on it (knip: kept). */
export type ClientKind = (typeof CHOICES.clientKind)[number]['value'];
/** @public As ClientKind. */
export type ClientStatus = (typeof CHOICES.clientStatus)[number]['value'];

/**
 * Whether a client is inactive (Status "Inactive" / "Inactif"; blank = active). An inactive
 * client keeps every row, invoice and commission; it leaves the type-ahead (unless asked), the
 * follow-up digest, the newsletter (unsubscribed, not deleted) and the watch e-mails.
 */
export function isInactive(status: unknown): boolean {
  return (
    typeof status === 'string' &&
    status !== '' &&
    choiceFromText('clientStatus', status) === 'inactive'
  );
}
export type CommissionType = (typeof CHOICES.commissionType)[number]['value'];
/** @public As ClientKind. */
export type CrmKind = (typeof CHOICES.crmKind)[number]['value'];
export type ConsentType = (typeof CHOICES.consentType)[number]['value'];

/** Reads a choice cell typed in either language (case and spaces ignored); undefined if unknown. */
export function choiceFromText<K extends ChoiceKey>(
  key: K,
  text: string,
): (typeof CHOICES)[K][number]['value'] | undefined {
  const t = normalizeHeader(text);
  for (const c of CHOICES[key] as readonly Choice[]) {
    if (
      normalizeHeader(c.en) === t ||
      normalizeHeader(c.fr) === t ||
      c.value.toLowerCase() === t ||
      (c.shown !== undefined && normalizeHeader(c.shown) === t)
    )
      return c.value as (typeof CHOICES)[K][number]['value'];
  }
  return undefined;
}

export function choiceLabel(key: ChoiceKey, value: string, lang: Lang): string {
  const c = (CHOICES[key] as readonly Choice[]).find((x) => x.value === value);
  return c ? c[lang] : value;
}

/** A choice as the form's list shows it: its `shown` name, else its label in `lang`. */
export function choiceShown(key: ChoiceKey, value: string, lang: Lang): string {
  const c = (CHOICES[key] as readonly Choice[]).find((x) => x.value === value);
  return c ? (c.shown ?? c[lang]) : value;
}

// ---------------------------------------------------------------- sheets

type ColumnExtras = Omit<ColumnDef, 'key' | 'en' | 'fr' | 'kind'>;

/**
 * One column. Its options keep their literal types (`const`), so that the types of the records
 * (RecordOf below, the form's ClientRecord) follow from the tables of this file.
 */
function col<
  const K extends string,
  const T extends ColumnKind,
  const X extends ColumnExtras = Record<never, never>,
>(
  key: K,
  en: string,
  fr: string,
  kind: T,
  extra?: X,
): { key: K; en: string; fr: string; kind: T } & X {
  return { key, en, fr, kind, ...(extra as X) };
}

const LONG = LIMITS.longText;

// Personal information (`personal`): what anonymization blanks (src/server/privacy). The code,
// the computed flag, the update stamps and the Mailchimp sync state are kept; the accounting
// columns of Terms, Commissions and Invoices too.
export const CLIENT_COLUMNS = [
  col('code', 'Client code', 'Code client', 'plainText', {
    required: true,
    max: LIMITS.code,
    form: { tab: 'general' },
  }),
  col('name', 'Name', 'Nom', 'text', { required: true, personal: true, form: { tab: 'general' } }),
  col('kind', 'Type', 'Type', 'choice', {
    choices: 'clientKind',
    personal: true,
    form: { tab: 'general' },
  }),
  col('contact', 'Contact', 'Contact', 'text', { personal: true, form: { tab: 'general' } }),
  col('email', 'Email', 'Courriel', 'text', {
    personal: true,
    max: 320,
    form: { tab: 'general', widget: 'email' },
  }),
  col('phone', 'Phone', 'Téléphone', 'plainText', {
    personal: true,
    max: 100,
    format: 'phone',
    form: { tab: 'general', widget: 'tel' },
  }),
  col('address', 'Address', 'Adresse', 'text', { personal: true, form: { tab: 'general' } }),
  col('city', 'City', 'Ville', 'text', { personal: true, form: { tab: 'general' } }),
  col('province', 'Province', 'Province', 'text', {
    personal: true,
    format: 'province',
    form: { tab: 'general' },
  }),
  col('postalCode', 'Postal code', 'Code postal', 'plainText', {
    personal: true,
    max: 100,
    format: 'postalCode',
    form: { tab: 'general' },
  }),
  col('country', 'Country', 'Pays', 'text', { personal: true, form: { tab: 'general' } }),
  col('language', 'Language', 'Langue', 'choice', {
    choices: 'language',
    personal: true,
    form: { tab: 'general' },
  }),
  col('accountManager', 'Account manager', 'Chargé de compte', 'list', {
    list: 'accountManagers',
    personal: true,
    form: { tab: 'crm' },
  }),
  col('referredBy', 'Referred by', 'Référé par', 'list', {
    list: 'referralSources',
    personal: true,
    form: { tab: 'crm' },
  }),
  col('newsletter', 'Newsletter', 'Infolettre', 'checkbox', {
    personal: true,
    form: { tab: 'crm', group: 'consent' },
  }),
  col('tags', 'Tags', 'Étiquettes', 'list', {
    list: 'tags',
    multi: true,
    personal: true,
    form: { tab: 'crm' },
  }),
  col('needs', 'Needs', 'Besoins', 'text', {
    personal: true,
    max: LONG,
    form: { tab: 'crm', widget: 'textarea' },
  }),
  col('followUp', 'Follow-up notes', 'Notes de suivi', 'text', {
    personal: true,
    max: LONG,
    form: { tab: 'crm', widget: 'textarea' },
  }),
  col('habits', 'Buying habits', "Habitudes d'achat", 'text', {
    personal: true,
    max: LONG,
    form: { tab: 'crm', widget: 'textarea', group: 'habits' },
  }),
  col('watched', 'Under watch', 'Sous surveillance', 'checkbox', {
    computed: true,
    form: { tab: 'terms', after: 'balanceDue' },
  }),
  col('watchReasons', 'Watch reasons', 'Motifs de surveillance', 'text', {
    computed: true,
    personal: true,
    max: LONG,
    form: { tab: 'terms', after: 'watched', widget: 'textarea' },
  }),
  col('updatedAt', 'Updated at', 'Modifié le', 'date', {
    computed: true,
    instant: true,
    max: 64,
    form: { tab: 'general', group: 'stamps' },
  }),
  col('updatedBy', 'Updated by', 'Modifié par', 'text', {
    computed: true,
    max: 320,
    form: { tab: 'general', group: 'stamps' },
  }),
  // Newsletter consent record (CASL): which kind, since when, and how it was obtained.
  col('consentType', 'Consent type', 'Type de consentement', 'choice', {
    choices: 'consentType',
    personal: true,
    form: { tab: 'crm', group: 'consent', optional: true },
  }),
  col('consentDate', 'Consent date', 'Date du consentement', 'date', {
    personal: true,
    form: { tab: 'crm', group: 'consent', optional: true },
  }),
  col('consentSource', 'Consent source', 'Source du consentement', 'text', {
    personal: true,
    form: { tab: 'crm', group: 'consent', optional: true },
  }),
  col('nextFollowUp', 'Next follow-up', 'Prochain suivi', 'date', {
    personal: true,
    form: { tab: 'crm', after: 'followUp', optional: true },
  }),
  // Written by the buying-habits run from Invoices, so opening the form needs no invoice read.
  col('computedHabits', 'Computed buying habits', 'Habitudes calculées', 'text', {
    computed: true,
    personal: true,
    max: LONG,
    form: { tab: 'crm', group: 'habits', widget: 'custom', optional: true },
  }),
  // What the last Mailchimp sync pushed: status, day, subscriber hash and a fingerprint of the
  // member's data, so the next sync sends only what changed and can unsubscribe by hash.
  col('mailchimpSync', 'Mailchimp sync', 'Synchro Mailchimp', 'plainText', { computed: true }),
  // Decision 021: a client who leaves is made inactive, not deleted (DESIGN.md "Inactive").
  col('status', 'Status', 'Statut', 'choice', {
    choices: 'clientStatus',
    form: { tab: 'general', after: 'language', optional: true },
  }),
] as const;

export const TERMS_COLUMNS = [
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('creditCode', 'Credit code', 'Code crédit', 'list', {
    list: 'creditCodes',
    form: { tab: 'terms' },
  }),
  col('creditLimit', 'Credit limit', 'Limite de crédit', 'money', {
    min: 0,
    form: { tab: 'terms' },
  }),
  col('termDays', 'Term (days)', 'Terme (jours)', 'number', {
    int: true,
    min: 0,
    max: 3650,
    form: { tab: 'terms' },
  }),
  col('discountPct', 'Discount (%)', 'Rabais (%)', 'percent', {
    form: { tab: 'terms', group: 'pair' },
  }),
  col('discountDays', 'Discount if paid within (days)', 'Rabais si payé en (jours)', 'number', {
    int: true,
    min: 0,
    form: { tab: 'terms', group: 'pair' },
  }),
  col('revenueAccount', 'Revenue account', 'Compte de revenus', 'plainText', {
    form: { tab: 'terms' },
  }),
  col('taxCode', 'Tax code', 'Code de taxes', 'plainText', { form: { tab: 'terms' } }),
  // Computed when the client has invoices, typed by hand otherwise (DESIGN.md): not protected.
  col('lastInvoiceDate', 'Last invoice date', 'Date de la dernière facture', 'date', {
    fromInvoices: true,
    form: { tab: 'terms' },
  }),
  col(
    'lastUnpaidInvoiceDate',
    'Last unpaid invoice date',
    'Date de la dernière facture impayée',
    'date',
    { fromInvoices: true, form: { tab: 'terms' } },
  ),
  // Net of the payments received (Payments sheet): the remaining balances of unpaid invoices.
  col('balanceDue', 'Balance due', 'Solde dû', 'money', {
    computed: true,
    form: { tab: 'terms' },
  }),
  // The client's payment history (DESIGN.md "Money"): the last payment received and the
  // remaining balances by days past their due date, shown read-only in the form's Terms tab.
  // Added after the first release: a workbook set up before has none of them until Set up adds
  // them, and the watch refresh writes those it finds (src/domain/watch.ts WATCH_ADDED_OUTPUTS).
  col('lastPaymentDate', 'Last payment', 'Dernier paiement', 'date', {
    computed: true,
    form: { tab: 'terms', optional: true },
  }),
  col('agingCurrent', 'Current', 'Courant', 'money', {
    computed: true,
    form: { tab: 'terms', optional: true },
  }),
  col('aging30', '1–30 days', '1-30 jours', 'money', {
    computed: true,
    form: { tab: 'terms', optional: true },
  }),
  col('aging60', '31–60 days', '31-60 jours', 'money', {
    computed: true,
    form: { tab: 'terms', optional: true },
  }),
  col('aging90', '61–90 days', '61-90 jours', 'money', {
    computed: true,
    form: { tab: 'terms', optional: true },
  }),
  col('agingOver90', 'Over 90 days', 'Plus de 90 jours', 'money', {
    computed: true,
    form: { tab: 'terms', optional: true },
  }),
  col('watchReason', 'Why under watch', 'Pourquoi sous surveillance', 'text', {
    personal: true,
    form: { tab: 'terms', widget: 'textarea' },
  }),
  col('emailInvoices', 'Email invoices', 'Factures par courriel', 'checkbox', {
    form: { tab: 'terms', group: 'billing' },
  }),
  col('poRequired', 'PO required', 'Bon de commande requis', 'checkbox', {
    form: { tab: 'terms', group: 'billing' },
  }),
  col('taxExempt', 'Tax exempt', 'Exempt de taxes', 'checkbox', {
    form: { tab: 'terms', group: 'billing' },
  }),
  col('cashOnDelivery', 'Cash on delivery', 'Paiement à la livraison', 'checkbox', {
    form: { tab: 'terms', group: 'billing' },
  }),
  col('invoiceRemarks', 'Invoice remarks', 'Remarques sur les factures', 'text', {
    personal: true,
    max: LONG,
    form: { tab: 'terms', widget: 'textarea' },
  }),
] as const;

export const COMMISSION_COLUMNS = [
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('salesperson', 'Salesperson', 'Vendeur', 'list', {
    list: 'salespeople',
    required: true,
    form: { tab: 'salespeople' },
  }),
  col('commissionType', 'Commission type', 'Type de commission', 'choice', {
    choices: 'commissionType',
    required: true,
    form: { tab: 'salespeople' },
  }),
  col('ratePct', 'Rate (%)', 'Taux (%)', 'percent', {
    required: true,
    form: { tab: 'salespeople' },
  }),
  col('productType', 'Product type', 'Type de produit', 'list', {
    list: 'productTypes',
    form: { tab: 'salespeople' },
  }),
  // The agreement's period (blank = open): a line applies when its date (the invoice's for
  // Sales and Margin, the payment's for Payments) falls within. Ending an agreement keeps it.
  col('startDate', 'From', 'Du', 'date', { form: { tab: 'salespeople', optional: true } }),
  col('endDate', 'To', 'Au', 'date', { form: { tab: 'salespeople', optional: true } }),
] as const;

export const CRM_LOG_COLUMNS = [
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('date', 'Date', 'Date', 'date', { required: true }),
  col('kind', 'Kind', 'Nature', 'choice', { choices: 'crmKind', required: true }),
  col('from', 'From', 'De', 'text', { personal: true }),
  col('to', 'To', 'À', 'text', { personal: true }),
  col('cc', 'Cc', 'Cc', 'text', { personal: true }),
  col('subject', 'Subject', 'Objet', 'text', { personal: true }),
  col('details', 'Details', 'Détails', 'text', { personal: true, max: LONG }),
] as const;

export const INVOICE_COLUMNS = [
  col('number', 'Invoice no.', 'No de facture', 'plainText', { required: true }),
  col('date', 'Date', 'Date', 'date', { required: true }),
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('productType', 'Product type', 'Type de produit', 'list', { list: 'productTypes' }),
  col('amount', 'Amount', 'Montant', 'money', { required: true }),
  col('cost', 'Cost', 'Coût', 'money'),
  col('dueDate', 'Due date', 'Échéance', 'date'),
  // Filled: paid in full that day (the team's shortcut). Blank: unpaid unless its payments
  // (Payments sheet) reach its amount.
  col('paidDate', 'Paid on', 'Payée le', 'date'),
] as const;

/**
 * One row per payment received (typed, pasted or imported). Optional sheet: a team that only
 * fills Paid on needs none, and every run reads a missing Payments sheet as no payments.
 */
export const PAYMENT_COLUMNS = [
  col('date', 'Date', 'Date', 'date', { required: true }),
  col('invoiceNumber', 'Invoice no.', 'No de facture', 'plainText', { required: true }),
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('amount', 'Amount', 'Montant', 'money', { required: true }),
  col('reference', 'Reference', 'Référence', 'plainText'),
] as const;

export const REPORT_COLUMNS = [
  col('month', 'Month', 'Mois', 'plainText', { required: true, computed: true }),
  col('salesperson', 'Salesperson', 'Vendeur', 'text', { required: true, computed: true }),
  col('invoiceCount', 'Invoices', 'Factures', 'number', { computed: true }),
  col('base', 'Base', 'Base', 'money', { computed: true }),
  col('commission', 'Commission', 'Commission', 'money', { computed: true }),
  // Ticked by the team: the row is settled, never rewritten again (DESIGN.md "The rules").
  col('paidOut', 'Paid out', 'Payée', 'checkbox'),
  // Differences found in settled months, posted in this month (included in Commission).
  col('adjustments', 'Adjustments', 'Ajustements', 'money', { computed: true }),
  // Recorded when the row is settled (Paid out ticked), never changed.
  col('amountPaidOut', 'Amount paid out', 'Montant versé', 'money', { computed: true }),
] as const;

export const REPORT_DETAIL_COLUMNS = [
  col('month', 'Month', 'Mois', 'plainText', { required: true, computed: true }),
  col('salesperson', 'Salesperson', 'Vendeur', 'text', { required: true, computed: true }),
  col('clientCode', 'Client code', 'Code client', 'plainText', { computed: true }),
  col('invoiceNumber', 'Invoice no.', 'No de facture', 'plainText', { computed: true }),
  col('commissionType', 'Commission type', 'Type de commission', 'text', { computed: true }),
  col('base', 'Base', 'Base', 'money', { computed: true }),
  col('ratePct', 'Rate (%)', 'Taux (%)', 'percent', { computed: true }),
  col('commission', 'Commission', 'Commission', 'money', { computed: true }),
  // For an adjustment line: the settled month it corrects (its Commission type is ADJUSTMENT).
  col('originMonth', 'Month of origin', "Mois d'origine", 'plainText', { computed: true }),
] as const;

/** The Commission type of an adjustment line in Commission details. */
export const ADJUSTMENT_TYPE = { en: 'Adjustment', fr: 'Ajustement' } as const;

/**
 * Lists: one column per dropdown, plus the e-mail addresses used for notifications and
 * statements (a name column and its e-mail column are read as pairs, row by row).
 */
export const LIST_COLUMNS = [
  col('creditCodes', 'Credit codes', 'Codes crédit', 'text'),
  col('salespeople', 'Salespeople', 'Vendeurs', 'text'),
  col('salespersonEmails', 'Salesperson emails', 'Courriels des vendeurs', 'text'),
  col('accountManagers', 'Account managers', 'Chargés de compte', 'text'),
  col('accountManagerEmails', 'Account manager emails', 'Courriels des chargés de compte', 'text'),
  col('referralSources', 'Referral sources', 'Sources de référence', 'text'),
  col('tags', 'Tags', 'Étiquettes', 'text'),
  col('productTypes', 'Product types', 'Types de produit', 'text'),
] as const;

// Each dropdown list is a column of the Lists sheet.
const listsAreColumns: readonly (typeof LIST_COLUMNS)[number]['key'][] = LIST_KEYS;
void listsAreColumns;

/** Seed values of the Lists sheet, per language (DESIGN.md: tags Bon client, Nouveau client, Volume 3). */
export const LIST_SEEDS: Record<
  Lang,
  Partial<Record<(typeof LIST_COLUMNS)[number]['key'], string[]>>
> = {
  fr: {
    creditCodes: ['COMPTANT', 'NET30', 'NET60', 'C.O.D.'],
    referralSources: ['Bouche à oreille', 'Site web', 'Salon professionnel'],
    tags: ['Bon client', 'Nouveau client', 'Volume 3'],
    productTypes: ['Produits', 'Services', 'Pièces', 'Main-d’œuvre'],
  },
  en: {
    creditCodes: ['CASH', 'NET30', 'NET60', 'C.O.D.'],
    referralSources: ['Word of mouth', 'Website', 'Trade show'],
    // DESIGN.md's tags in English, as every other English seed is (an English workbook, and its
    // sample, had French tags).
    tags: ['Good client', 'New client', 'Volume 3'],
    productTypes: ['Products', 'Services', 'Parts', 'Labour'],
  },
};

export interface SheetDef<K extends string = string> {
  readonly key: string;
  readonly en: string;
  readonly fr: string;
  readonly columns: readonly ColumnDef<K>[];
}

export const SHEETS = {
  clients: { key: 'clients', en: 'Clients', fr: 'Clients', columns: CLIENT_COLUMNS },
  terms: { key: 'terms', en: 'Terms', fr: 'Termes', columns: TERMS_COLUMNS },
  commissions: {
    key: 'commissions',
    en: 'Commissions',
    fr: 'Commissions',
    columns: COMMISSION_COLUMNS,
  },
  crmLog: { key: 'crmLog', en: 'CRM log', fr: 'Journal CRM', columns: CRM_LOG_COLUMNS },
  invoices: { key: 'invoices', en: 'Invoices', fr: 'Factures', columns: INVOICE_COLUMNS },
  payments: { key: 'payments', en: 'Payments', fr: 'Encaissements', columns: PAYMENT_COLUMNS },
  report: {
    key: 'report',
    en: 'Commission report',
    fr: 'Rapport des commissions',
    columns: REPORT_COLUMNS,
  },
  reportDetails: {
    key: 'reportDetails',
    en: 'Commission details',
    fr: 'Détail des commissions',
    columns: REPORT_DETAIL_COLUMNS,
  },
  lists: { key: 'lists', en: 'Lists', fr: 'Listes', columns: LIST_COLUMNS },
} as const satisfies Record<string, SheetDef>;

/** The contract's sheets: a sheet added to SHEETS is a SheetKey. */
export type SheetKey = keyof typeof SHEETS;

// Each sheet's `key` is its own name in SHEETS.
const keysMatch: { [S in SheetKey]: (typeof SHEETS)[S]['key'] extends S ? true : false } = {
  clients: true,
  terms: true,
  commissions: true,
  crmLog: true,
  invoices: true,
  payments: true,
  report: true,
  reportDetails: true,
  lists: true,
};
void keysMatch;

export type ColumnsOf<S extends SheetKey> = (typeof SHEETS)[S]['columns'][number];
export type ColumnKey<S extends SheetKey> = ColumnsOf<S>['key'];

// ---------------------------------------------------------------- values by kind

/** A calendar day in the spreadsheet's time zone, 'YYYY-MM-DD' (the domain's Day). */
type Day = string;
type ChoiceValue<K extends ChoiceKey> = (typeof CHOICES)[K][number]['value'];
type Blank<C, T, B> = C extends { required: true } ? T : T | B;

/**
 * The value a column holds in a record, by its kind: text as a string ('' = blank), numbers
 * and days or null, ticks as booleans, choices as their value, multi-value cells as arrays.
 * `Checked`: the required cells are known to be filled (the domain's records, after the
 * readers' checks); otherwise any cell may be blank (a row as read, src/server/workbook).
 */
export type ValueOf<C, Checked extends boolean = true> = C extends { multi: true }
  ? string[]
  : C extends { kind: 'checkbox' }
    ? boolean
    : C extends { kind: 'number' | 'money' | 'percent' }
      ? Checked extends true
        ? Blank<C, number, null>
        : number | null
      : C extends { kind: 'date'; instant: true }
        ? string
        : C extends { kind: 'date' }
          ? Checked extends true
            ? Blank<C, Day, null>
            : Day | null
          : C extends { kind: 'choice'; choices: infer K extends ChoiceKey }
            ? Checked extends true
              ? Blank<C, ChoiceValue<K>, ''>
              : ChoiceValue<K> | ''
            : string;

/** A row of a sheet as a typed record, one property per contract column (src/domain/types.ts). */
export type RecordOf<S extends SheetKey, Checked extends boolean = true> = {
  -readonly [C in ColumnsOf<S> as C['key']]: ValueOf<C, Checked>;
};

/** The columns of a sheet holding personal information (Law 25: what anonymization blanks). */
export function personalColumns<S extends SheetKey>(key: S): ColumnKey<S>[] {
  return (SHEETS[key].columns as readonly ColumnDef<ColumnKey<S>>[])
    .filter((c) => c.personal)
    .map((c) => c.key);
}

export const SHEET_KEYS = Object.keys(SHEETS) as SheetKey[];

/** Headers match in either language, case and surrounding spaces ignored (DESIGN.md). */
export function normalizeHeader(text: unknown): string {
  return String(text ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function sheetName(key: SheetKey, lang: Lang): string {
  return SHEETS[key][lang];
}

export function headerText(column: ColumnDef, lang: Lang): string {
  return column[lang];
}

/** The workbook language from a spreadsheet locale ("fr_CA" → fr, anything else → en). */
export function langFromLocale(locale: string | null | undefined): Lang {
  return /^fr/i.test(locale ?? '') ? 'fr' : 'en';
}
