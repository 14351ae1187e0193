/**
 * The client form's own texts in French and English: tab names, buttons, messages and
 * validation errors. Field labels are NOT here: they are the workbook headers, taken from
 * contract.ts (fieldLabel), so the form and the sheets always say the same thing.
 */
import { CLIENT_COLUMNS, COMMISSION_COLUMNS, CRM_LOG_COLUMNS, TERMS_COLUMNS } from './contract';
import type { ColumnDef, Lang } from './contract';
import { translator, type TextTable } from './text';

const TEXTS = {
  loading: { fr: 'Chargement…', en: 'Loading…' },
  tabGeneral: { fr: 'Général', en: 'General' },
  tabTerms: { fr: 'Termes', en: 'Terms' },
  tabSalespeople: { fr: 'Vendeurs', en: 'Salespeople' },
  tabCrm: { fr: 'CRM', en: 'CRM' },
  formTabs: { fr: 'Onglets de la fiche client', en: 'Client record tabs' },
  findClient: { fr: 'Rechercher un client', en: 'Find a client' },
  findPlaceholder: { fr: 'Code ou nom', en: 'Code or name' },
  noMatch: { fr: 'Aucun client trouvé', en: 'No client found' },
  newClient: { fr: 'Nouveau client', en: 'New client' },
  newClientTitle: { fr: 'Nouveau client', en: 'New client' },
  save: { fr: 'Enregistrer', en: 'Save' },
  unsaved: { fr: 'Modifications non enregistrées', en: 'Unsaved changes' },
  saving: { fr: 'Enregistrement…', en: 'Saving…' },
  reload: { fr: 'Recharger', en: 'Reload' },
  remove: { fr: 'Retirer', en: 'Remove' },
  addAgreement: { fr: 'Ajouter un vendeur', en: 'Add a salesperson' },
  agreementN: { fr: 'Entente {n}', en: 'Agreement {n}' },
  noAgreement: { fr: 'Aucun vendeur.', en: 'No salesperson.' },
  discussions: { fr: 'Discussions internes', en: 'Internal discussions' },
  discussionN: { fr: 'Discussion {n}', en: 'Discussion {n}' },
  addDiscussion: { fr: 'Ajouter une discussion', en: 'Add a discussion' },
  people: { fr: 'Personnes', en: 'People' },
  emails: { fr: 'Courriels échangés', en: 'Emails exchanged' },
  emailN: { fr: 'Courriel {n}', en: 'Email {n}' },
  addEmail: { fr: 'Ajouter un courriel', en: 'Add an email' },
  billing: { fr: 'Facturation', en: 'Billing' },
  systemDefault: { fr: 'Défaut du système', en: 'System default' },
  defaultTerm: { fr: 'Défaut : {n} jours', en: 'Default: {n} days' },
  allProductTypes: { fr: 'Tous', en: 'All' },
  none: { fr: '—', en: '—' },
  yes: { fr: 'Oui', en: 'Yes' },
  no: { fr: 'Non', en: 'No' },
  watchBanner: { fr: 'Client sous surveillance', en: 'Client under watch' },
  computedFromInvoices: {
    fr: 'Calculée à partir des factures',
    en: 'Computed from the invoices',
  },
  unsavedConfirm: {
    fr: 'Les modifications de ce client ne sont pas enregistrées. Les abandonner ?',
    en: 'This client has unsaved changes. Discard them?',
  },
  fixErrors: {
    fr: 'Corrigez les champs signalés avant d’enregistrer.',
    en: 'Fix the flagged fields before saving.',
  },
  discard: { fr: 'Abandonner les modifications', en: 'Discard changes' },
  makeInactive: { fr: 'Rendre inactif', en: 'Make inactive' },
  showInactive: { fr: 'Afficher les inactifs', en: 'Show inactive' },
  inactiveMark: { fr: 'inactif', en: 'inactive' },
  keepEditing: { fr: 'Continuer', en: 'Keep editing' },
  conflictReload: {
    fr: 'Rechargez pour voir sa version : vos modifications restent par-dessus, marquées, à vérifier puis enregistrer.',
    en: 'Reload to see their version: your changes stay on top, marked, to check and save again.',
  },
  theirs: { fr: 'la feuille', en: 'the sheet' },
  yours: { fr: 'vous', en: 'you' },
  reloaded: { fr: 'Client rechargé.', en: 'Client reloaded.' },
  reloadedRows: {
    fr: 'Client rechargé ; vos lignes non enregistrées sont gardées par-dessus.',
    en: 'Client reloaded; your unsaved rows are kept on top.',
  },
  takeTheirs: { fr: 'Reprendre la valeur de la feuille : {field}', en: 'Take the sheet’s {field}' },
  reloadedKept: {
    fr: 'Client rechargé ; vos modifications non enregistrées sont gardées par-dessus : {fields}.',
    en: 'Client reloaded; your unsaved changes are kept on top: {fields}.',
  },
  serverError: { fr: 'Erreur : {msg}', en: 'Error: {msg}' },
  // validation (schemas.ts)
  required: { fr: 'Ce champ est requis.', en: 'This field is required.' },
  tooLong: { fr: 'Au plus {n} caractères.', en: 'At most {n} characters.' },
  tooMany: { fr: 'Au plus {n} éléments.', en: 'At most {n} items.' },
  notNumber: { fr: 'Entrez un nombre.', en: 'Enter a number.' },
  notInteger: { fr: 'Entrez un nombre entier.', en: 'Enter a whole number.' },
  atLeast: { fr: 'Doit être au moins {n}.', en: 'Must be at least {n}.' },
  atMost: { fr: 'Doit être au plus {n}.', en: 'Must be at most {n}.' },
  badDate: {
    fr: 'Date invalide (AAAA-MM-JJ).',
    en: 'Invalid date (YYYY-MM-DD).',
  },
  badEmail: { fr: 'Adresse courriel invalide.', en: 'Invalid email address.' },
  periodBackwards: {
    fr: '« Au » doit suivre « Du ».',
    en: '"To" must come after "From".',
  },
  controlChars: {
    fr: 'Caractères de contrôle interdits.',
    en: 'Control characters are not allowed.',
  },
  formulaCode: {
    fr: 'Un code client ne peut pas commencer par = + - ou @ (Sheets le lirait comme une formule).',
    en: 'A client code cannot start with = + - or @ (Sheets would read it as a formula).',
  },
  semicolonCode: {
    fr: 'Un code client ne peut pas contenir de point-virgule (;) : Excel couperait là les fichiers CSV.',
    en: 'A client code cannot contain a semicolon (;): Excel would split CSV files there.',
  },
  noComma: { fr: 'Pas de virgule dans une étiquette.', en: 'No comma in a tag.' },
  // Quebec and Canadian formats (formats.ts)
  badPostalCode: {
    fr: 'Code postal canadien attendu, comme H2X 1Y4 (ou indiquez un autre pays).',
    en: 'A Canadian postal code is expected, like H2X 1Y4 (or give another country).',
  },
  badPhone: {
    fr: 'Numéro à 10 chiffres attendu, comme 514 555-0101 (poste 123 en option), ou +33 1 23 45 67 89 hors Amérique du Nord.',
    en: 'A 10-digit number is expected, like 514 555-0101 (ext. 123 optional), or +44 20 7946 0958 outside North America.',
  },
  badProvince: {
    fr: 'Province ou territoire canadien attendu (QC, ON, …), ou indiquez un autre pays.',
    en: 'A Canadian province or territory is expected (QC, ON, …), or give another country.',
  },
  formatWarning: {
    fr: 'Valeur de la feuille gardée telle quelle : {msg}',
    en: 'Kept as the sheet holds it: {msg}',
  },
  badChoice: { fr: 'Choix invalide.', en: 'Invalid choice.' },
  consentTypeRequired: {
    fr: 'Infolettre cochée : indiquez le type de consentement (LCAP).',
    en: 'Newsletter ticked: give the consent type (CASL).',
  },
  consentDateRequired: {
    fr: 'Infolettre cochée : indiquez la date du consentement (LCAP).',
    en: 'Newsletter ticked: give the consent date (CASL).',
  },
  // newsletter consent, follow-up and buying habits (CRM tab)
  consentGroup: { fr: 'Consentement à l’infolettre (LCAP)', en: 'Newsletter consent (CASL)' },
  consentExpired: {
    fr: 'Consentement tacite de plus de 2 ans (échu le {day}) : obtenez un consentement exprès. Ce client ne sera pas abonné.',
    en: 'Implied consent older than 2 years (expired {day}): get express consent. This client will not be subscribed.',
  },
  consentSourcePlaceholder: {
    fr: 'Formulaire signé, site web, facture…',
    en: 'Signed form, website, invoice…',
  },
  computedHabitsHint: {
    fr: 'Calculées chaque jour à partir des factures',
    en: 'Computed daily from the invoices',
  },
  habitsNotComputed: { fr: 'Pas encore calculées.', en: 'Not computed yet.' },
  whoMightWant: {
    fr: 'Qui pourrait vouloir ce type de produit ?',
    en: 'Who might want this product type?',
  },
  searchBuyers: { fr: 'Chercher', en: 'Search' },
  clientStatement: { fr: 'État de compte…', en: 'Client statement…' },
  clientStatementHint: {
    fr: 'Factures ouvertes, âge des soldes et paiements récents, à imprimer ou à envoyer au client.',
    en: 'Open invoices, aging and recent payments, to print or to e-mail to the client.',
  },
  openingStatement: { fr: 'Ouverture…', en: 'Opening…' },
  searching: { fr: 'Recherche…', en: 'Searching…' },
  noBuyers: {
    fr: 'Aucun client n’a acheté ce type de produit.',
    en: 'No client has bought this product type.',
  },
  buyerLine: {
    fr: '{count} achat(s), {total} $, dernier le {last}',
    en: '{count} purchase(s), ${total}, last on {last}',
  },
  moreBuyers: { fr: '… et {n} autres.', en: '… and {n} more.' },
  openClient: { fr: 'Ouvrir {code}', en: 'Open {code}' },
  invalid: { fr: 'Valeur invalide.', en: 'Invalid value.' },
  notInList: {
    fr: '« {value} » n’est pas dans la liste : gardé tel quel. Ajoutez-le à la feuille Listes s’il est juste.',
    en: '"{value}" is not in the list: kept as it is. Add it to the Lists sheet if it is right.',
  },
  requestTooLarge: {
    fr: 'Fiche trop volumineuse pour être enregistrée ({size} Mo, au plus {max} Mo) : raccourcissez les notes ou les détails les plus longs.',
    en: 'This record is too large to save ({size} MB, at most {max} MB): shorten the longest notes or details.',
  },
} as const satisfies TextTable;

/** The text in `lang`, with `{name}` placeholders replaced (values are plain text, never markup). */
export const t = translator(TEXTS);

// ---------------------------------------------------------------- field labels = headers

type FieldSheet = 'clients' | 'terms' | 'commissions' | 'crmLog';

const COLUMNS_OF: Record<FieldSheet, readonly ColumnDef[]> = {
  clients: CLIENT_COLUMNS,
  terms: TERMS_COLUMNS,
  commissions: COMMISSION_COLUMNS,
  crmLog: CRM_LOG_COLUMNS,
};

/** The workbook header of a column, used as the form label of its field. */
export function fieldLabel(sheet: FieldSheet, key: string, lang: Lang): string {
  const column = COLUMNS_OF[sheet].find((c) => c.key === key);
  if (!column) throw new Error(`No column '${key}' in sheet '${sheet}'`);
  return column[lang];
}
