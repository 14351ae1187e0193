/**
 * The workbook contract (DESIGN.md, "The workbook contract"): sheet names, column headers in
 * both languages, and what each column holds. Users import data into these sheets and outside
 * tests read and write them, so the texts here are a public interface: change them only with
 * DESIGN.md.
 */

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

export type ListKey =
  'creditCodes' | 'salespeople' | 'accountManagers' | 'referralSources' | 'tags' | 'productTypes';

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
}

// ---------------------------------------------------------------- fixed choices

export type ChoiceKey = 'clientKind' | 'language' | 'commissionType' | 'crmKind' | 'consentType';

export interface Choice<V extends string = string> {
  readonly value: V;
  readonly en: string;
  readonly fr: string;
}

export const CHOICES = {
  clientKind: [
    { value: 'company', en: 'Company', fr: 'Entreprise' },
    { value: 'individual', en: 'Individual', fr: 'Particulier' },
  ],
  language: [
    { value: 'fr', en: 'fr', fr: 'fr' },
    { value: 'en', en: 'en', fr: 'en' },
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
} as const satisfies Record<ChoiceKey, readonly Choice[]>;

export type ClientKind = (typeof CHOICES.clientKind)[number]['value'];
export type CommissionType = (typeof CHOICES.commissionType)[number]['value'];
export type CrmKind = (typeof CHOICES.crmKind)[number]['value'];
export type ConsentType = (typeof CHOICES.consentType)[number]['value'];

/** Reads a choice cell typed in either language (case and spaces ignored); undefined if unknown. */
export function choiceFromText<K extends ChoiceKey>(
  key: K,
  text: string,
): (typeof CHOICES)[K][number]['value'] | undefined {
  const t = normalizeHeader(text);
  for (const c of CHOICES[key] as readonly Choice[]) {
    if (normalizeHeader(c.en) === t || normalizeHeader(c.fr) === t || c.value.toLowerCase() === t)
      return c.value as (typeof CHOICES)[K][number]['value'];
  }
  return undefined;
}

export function choiceLabel(key: ChoiceKey, value: string, lang: Lang): string {
  const c = (CHOICES[key] as readonly Choice[]).find((x) => x.value === value);
  return c ? c[lang] : value;
}

// ---------------------------------------------------------------- sheets

function col<K extends string>(
  key: K,
  en: string,
  fr: string,
  kind: ColumnKind,
  extra: Partial<Omit<ColumnDef<K>, 'key' | 'en' | 'fr' | 'kind'>> = {},
): ColumnDef<K> {
  return { key, en, fr, kind, ...extra };
}

export const CLIENT_COLUMNS = [
  col('code', 'Client code', 'Code client', 'plainText', { required: true }),
  col('name', 'Name', 'Nom', 'text', { required: true }),
  col('kind', 'Type', 'Type', 'choice', { choices: 'clientKind' }),
  col('contact', 'Contact', 'Contact', 'text'),
  col('email', 'Email', 'Courriel', 'text'),
  col('phone', 'Phone', 'Téléphone', 'plainText'),
  col('address', 'Address', 'Adresse', 'text'),
  col('city', 'City', 'Ville', 'text'),
  col('province', 'Province', 'Province', 'text'),
  col('postalCode', 'Postal code', 'Code postal', 'plainText'),
  col('country', 'Country', 'Pays', 'text'),
  col('language', 'Language', 'Langue', 'choice', { choices: 'language' }),
  col('accountManager', 'Account manager', 'Chargé de compte', 'list', { list: 'accountManagers' }),
  col('referredBy', 'Referred by', 'Référé par', 'list', { list: 'referralSources' }),
  col('newsletter', 'Newsletter', 'Infolettre', 'checkbox'),
  col('tags', 'Tags', 'Étiquettes', 'list', { list: 'tags', multi: true }),
  col('needs', 'Needs', 'Besoins', 'text'),
  col('followUp', 'Follow-up notes', 'Notes de suivi', 'text'),
  col('habits', 'Buying habits', "Habitudes d'achat", 'text'),
  col('watched', 'Under watch', 'Sous surveillance', 'checkbox', { computed: true }),
  col('watchReasons', 'Watch reasons', 'Motifs de surveillance', 'text', { computed: true }),
  col('updatedAt', 'Updated at', 'Modifié le', 'date', { computed: true }),
  col('updatedBy', 'Updated by', 'Modifié par', 'text', { computed: true }),
  // Newsletter consent record (CASL): which kind, since when, and how it was obtained.
  col('consentType', 'Consent type', 'Type de consentement', 'choice', { choices: 'consentType' }),
  col('consentDate', 'Consent date', 'Date du consentement', 'date'),
  col('consentSource', 'Consent source', 'Source du consentement', 'text'),
  col('nextFollowUp', 'Next follow-up', 'Prochain suivi', 'date'),
  // Written by the buying-habits run from Invoices, so opening the form needs no invoice read.
  col('computedHabits', 'Computed buying habits', 'Habitudes calculées', 'text', {
    computed: true,
  }),
  // What the last Mailchimp sync pushed: status, day, subscriber hash and a fingerprint of the
  // member's data, so the next sync sends only what changed and can unsubscribe by hash.
  col('mailchimpSync', 'Mailchimp sync', 'Synchro Mailchimp', 'plainText', { computed: true }),
] as const;

export const TERMS_COLUMNS = [
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('creditCode', 'Credit code', 'Code crédit', 'list', { list: 'creditCodes' }),
  col('creditLimit', 'Credit limit', 'Limite de crédit', 'money'),
  col('termDays', 'Term (days)', 'Terme (jours)', 'number'),
  col('discountPct', 'Discount (%)', 'Rabais (%)', 'percent'),
  col('discountDays', 'Discount if paid within (days)', 'Rabais si payé en (jours)', 'number'),
  col('revenueAccount', 'Revenue account', 'Compte de revenus', 'plainText'),
  col('taxCode', 'Tax code', 'Code de taxes', 'plainText'),
  // Computed when the client has invoices, typed by hand otherwise (DESIGN.md): not protected.
  col('lastInvoiceDate', 'Last invoice date', 'Date de la dernière facture', 'date'),
  col(
    'lastUnpaidInvoiceDate',
    'Last unpaid invoice date',
    'Date de la dernière facture impayée',
    'date',
  ),
  col('balanceDue', 'Balance due', 'Solde dû', 'money', { computed: true }),
  col('watchReason', 'Why under watch', 'Pourquoi sous surveillance', 'text'),
  col('emailInvoices', 'Email invoices', 'Factures par courriel', 'checkbox'),
  col('poRequired', 'PO required', 'Bon de commande requis', 'checkbox'),
  col('taxExempt', 'Tax exempt', 'Exempt de taxes', 'checkbox'),
  col('cashOnDelivery', 'Cash on delivery', 'Paiement à la livraison', 'checkbox'),
  col('invoiceRemarks', 'Invoice remarks', 'Remarques sur les factures', 'text'),
] as const;

export const COMMISSION_COLUMNS = [
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('salesperson', 'Salesperson', 'Vendeur', 'list', { list: 'salespeople', required: true }),
  col('commissionType', 'Commission type', 'Type de commission', 'choice', {
    choices: 'commissionType',
    required: true,
  }),
  col('ratePct', 'Rate (%)', 'Taux (%)', 'percent', { required: true }),
  col('productType', 'Product type', 'Type de produit', 'list', { list: 'productTypes' }),
] as const;

export const CRM_LOG_COLUMNS = [
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('date', 'Date', 'Date', 'date', { required: true }),
  col('kind', 'Kind', 'Nature', 'choice', { choices: 'crmKind', required: true }),
  col('from', 'From', 'De', 'text'),
  col('to', 'To', 'À', 'text'),
  col('cc', 'Cc', 'Cc', 'text'),
  col('subject', 'Subject', 'Objet', 'text'),
  col('details', 'Details', 'Détails', 'text'),
] as const;

export const INVOICE_COLUMNS = [
  col('number', 'Invoice no.', 'No de facture', 'plainText', { required: true }),
  col('date', 'Date', 'Date', 'date', { required: true }),
  col('clientCode', 'Client code', 'Code client', 'plainText', { required: true }),
  col('productType', 'Product type', 'Type de produit', 'list', { list: 'productTypes' }),
  col('amount', 'Amount', 'Montant', 'money', { required: true }),
  col('cost', 'Cost', 'Coût', 'money'),
  col('dueDate', 'Due date', 'Échéance', 'date'),
  col('paidDate', 'Paid on', 'Payée le', 'date'),
] as const;

export const REPORT_COLUMNS = [
  col('month', 'Month', 'Mois', 'plainText', { required: true, computed: true }),
  col('salesperson', 'Salesperson', 'Vendeur', 'text', { required: true, computed: true }),
  col('invoiceCount', 'Invoices', 'Factures', 'number', { computed: true }),
  col('base', 'Base', 'Base', 'money', { computed: true }),
  col('commission', 'Commission', 'Commission', 'money', { computed: true }),
  // Ticked by the team; kept when a month is recomputed.
  col('paidOut', 'Paid out', 'Payée', 'checkbox'),
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
] as const;

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
    tags: ['Bon client', 'Nouveau client', 'Volume 3'],
    productTypes: ['Products', 'Services', 'Parts', 'Labour'],
  },
};

export type SheetKey =
  | 'clients'
  | 'terms'
  | 'commissions'
  | 'crmLog'
  | 'invoices'
  | 'report'
  | 'reportDetails'
  | 'lists';

export interface SheetDef<K extends string = string> {
  readonly key: SheetKey;
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
} as const;

export type ColumnKey<S extends SheetKey> = (typeof SHEETS)[S]['columns'][number]['key'];

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
