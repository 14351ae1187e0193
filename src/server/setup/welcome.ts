/**
 * The Welcome sheet (decision 011): the first sheet of the template, bilingual, that tells a person
 * who just opened it what Fiche Client is and the three steps to start (make a copy, Set up
 * workbook, accept the authorization screen: what each permission is for, and the "unverified
 * app" screen gmail.com accounts see). Written by onOpen in a workbook that was never set up
 * (a new spreadsheet made by `npm run template`, opened once by its publisher), so every copy
 * of the template carries it, including for a person who has not authorized anything yet.
 *
 * French on the left, English on the right, one line per row. Plain values (no formula, no
 * HTML); the grid is cut to what it shows (every cell counts against the 10 M-cell limit).
 */
import { textsIn, type TextTable } from '../../shared/text';
import type { Lang } from '../../shared/contract';
import { BUILD } from '../platform/build';
import { setBoundProperties, type WorkbookState } from '../platform/workbookState';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const WELCOME_SHEET = 'Bienvenue / Welcome';
/** Recorded (a bound key) once the sheet was written here: never written twice. */
const WRITTEN_KEY = 'ficheClient.welcome';

/** The lines of the sheet, in order; `{home}` and `{version}` are filled at write time. */
const LINES = {
  title: { fr: 'Fiche Client', en: 'Fiche Client' },
  what: {
    fr: 'La fiche client du PGI québécois Actif dans Google Sheets : clients, termes, vendeurs et commissions, suivi client (CRM). Pour une petite équipe qui partage un classeur et le modifie aussi à la main.',
    en: 'The client record of the Quebec ERP Actif in Google Sheets: clients, terms, salespeople and commissions, CRM. For a small team that shares one workbook and edits it by hand too.',
  },
  steps: { fr: 'Pour commencer, trois étapes', en: 'To start, three steps' },
  step1: {
    fr: '1. Fichier › Créer une copie. Vous travaillez dans votre copie ; ce modèle ne change pas.',
    en: '1. File › Make a copy. You work in your copy; this template does not change.',
  },
  step2: {
    fr: '2. Dans votre copie : menu Fiche Client › Configurer le classeur (le menu paraît quelques secondes après l’ouverture).',
    en: '2. In your copy: Fiche Client › Set up workbook (the menu appears a few seconds after the workbook opens).',
  },
  step3: {
    fr: '3. Acceptez l’écran d’autorisation de Google. Chaque permission sert à :',
    en: '3. Accept Google’s authorization screen. Each permission is for:',
  },
  scopeSheets: {
    fr: '• voir et modifier ce classeur-ci (et aucun autre fichier) : les feuilles de Fiche Client ;',
    en: '• see and edit this workbook (and no other file): the Fiche Client sheets;',
  },
  scopeUi: {
    fr: '• afficher le menu, la fiche client dans le panneau latéral et les dialogues ;',
    en: '• show the menu, the client form in the sidebar, and dialogs;',
  },
  scopeTriggers: {
    fr: '• tourner en votre absence : la liste de surveillance chaque jour, les commissions le 1er du mois, la mise à jour après une modification ;',
    en: '• run when you are not there: the watch list every day, the commissions on day 1, the update after an edit;',
  },
  scopeMail: {
    fr: '• envoyer des courriels en votre nom : les clients passés sous surveillance au chargé de compte, les relevés de commissions (réglable dans Paramètres) ;',
    en: '• send e-mail as you: clients that came under watch to their account manager, commission statements (Settings turns them off);',
  },
  scopeEmail: {
    fr: '• voir votre adresse courriel : qui a modifié une fiche, le journal Loi 25, au nom de qui tournent les déclencheurs ;',
    en: '• see your e-mail address: who changed a client, the Law 25 log, whose triggers run;',
  },
  scopeExternal: {
    fr: '• se connecter à un service externe : Mailchimp, seulement si vous entrez une clé Mailchimp.',
    en: '• connect to an external service: Mailchimp, only if you enter a Mailchimp key.',
  },
  unverified: {
    fr: 'Compte gmail.com : Google affiche « Google n’a pas validé cette application ». Le script est celui de votre copie, il tourne à votre nom et vos données restent dans votre classeur : cliquez sur « Paramètres avancés », puis sur « Accéder à Fiche Client (non sécurisé) ».',
    en: 'gmail.com account: Google shows “Google hasn’t verified this app”. The script is the one in your copy, it runs as you and your data stays in your workbook: click “Advanced”, then “Go to Fiche Client (unsafe)”.',
  },
  sample: {
    fr: 'Pour essayer avec des données fictives : Fiche Client › Aide › Charger le classeur d’exemple (dans un classeur configuré et vide).',
    en: 'To try it with made-up data: Fiche Client › Help › Load the sample workbook (in a set-up, empty workbook).',
  },
  guide: { fr: 'Mode d’emploi : {home}', en: 'Guide: {home}' },
  version: {
    fr: 'Version {version}. Nouvelle version : Fiche Client › Aide › À propos de Fiche Client.',
    en: 'Version {version}. New versions: Fiche Client › Help › About Fiche Client.',
  },
} as const satisfies TextTable;

const NO_HOME: Record<Lang, string> = {
  fr: 'le README du projet Fiche Client (demandez le lien à qui vous a envoyé ce modèle)',
  en: 'the Fiche Client project’s README (ask whoever sent you this template for the link)',
};

/** The sheet's rows: [French, English]. */
export function welcomeRows(): string[][] {
  const fr = textsIn(LINES, 'fr');
  const en = textsIn(LINES, 'en');
  const fill = (text: string, lang: Lang) =>
    text
      .replace('{home}', BUILD.homepage || NO_HOME[lang])
      .replace('{version}', BUILD.version || '?');
  const blank = ['', ''];
  const row = (key: keyof typeof LINES) => [fill(fr[key], 'fr'), fill(en[key], 'en')];
  return [
    row('title'),
    row('what'),
    blank,
    row('steps'),
    row('step1'),
    row('step2'),
    row('step3'),
    row('scopeSheets'),
    row('scopeUi'),
    row('scopeTriggers'),
    row('scopeMail'),
    row('scopeEmail'),
    row('scopeExternal'),
    row('unverified'),
    blank,
    row('sample'),
    row('guide'),
    row('version'),
  ];
}

/**
 * Writes the Welcome sheet as the first sheet of a workbook never set up and never welcomed
 * here, when it has none (a copy of the template carries it already). Called by onOpen
 * (AuthMode.LIMITED or FULL): a handful of calls, within a simple trigger's 30 s.
 */
export function ensureWelcome(spreadsheet: Spreadsheet, state: WorkbookState): boolean {
  if (state.setUp || state.isCopy || state.properties[WRITTEN_KEY]) return false;
  if (spreadsheet.getSheetByName(WELCOME_SHEET)) return false;
  writeWelcome(spreadsheet);
  setBoundProperties({ [WRITTEN_KEY]: new Date().toISOString() }, spreadsheet);
  return true;
}

export function writeWelcome(spreadsheet: Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const rows = welcomeRows();
  const sheet = spreadsheet.insertSheet(WELCOME_SHEET, 0);
  const extraColumns = sheet.getMaxColumns() - 2;
  if (extraColumns > 0) sheet.deleteColumns(3, extraColumns);
  const extraRows = sheet.getMaxRows() - rows.length;
  if (extraRows > 0) sheet.deleteRows(rows.length + 1, extraRows);
  const range = sheet.getRange(1, 1, rows.length, 2);
  // Plain text: nothing in these lines is parsed (a "1." is not a number).
  range.setNumberFormat('@').setValues(rows).setWrap(true).setVerticalAlignment('top');
  sheet.getRange(1, 1, 1, 2).setFontWeight('bold').setFontSize(16);
  sheet.getRange(4, 1, 1, 2).setFontWeight('bold');
  sheet.setColumnWidths(1, 2, 460);
  sheet.setFrozenRows(1);
  return sheet;
}
