/**
 * Texts the preview itself says (not the product's: those come from the bundle), in the
 * workbook's language: the page's reports and errors, the HTTP errors it may show, and what
 * `npm start` prints in the terminal.
 */
import type { Lang } from '../src/shared/contract';
import { translator } from '../src/shared/text';

const TEXTS = {
  // ------------------------------------------------------------ triggers and actions
  noTrigger: {
    fr: 'Aucun déclencheur « {job} » installé : lancez « Configurer le classeur » dans le menu.',
    en: 'No "{job}" trigger installed: run "Set up workbook" from the menu.',
  },
  triggerFailed: {
    fr: 'Le déclencheur « {job} » a échoué : {message}',
    en: 'The "{job}" trigger failed: {message}',
  },
  jobDaily: { fr: 'Liste de surveillance', en: 'Watch list' },
  jobMonthly: { fr: 'Commissions du mois', en: 'Monthly commissions' },
  jobKnowing: { fr: 'Habitudes d’achat', en: 'Buying habits' },
  jobHourly: { fr: 'Travaux planifiés (chaque heure)', en: 'Scheduled jobs (hourly)' },
  jobEdit: { fr: 'Mise à jour après une modification', en: 'Update after an edit' },
  jobChange: { fr: 'Suivi des colonnes déplacées', en: 'Moved columns watch' },
  jobOpen: { fr: 'Ouverture du classeur', en: 'Opening the workbook' },
  badDate: { fr: 'Date invalide : {date} (AAAA-MM-JJ)', en: 'Invalid date: {date} (YYYY-MM-DD)' },
  noOutcome: {
    fr: 'Le déclencheur a tourné sans rien enregistrer (rien n’était à faire).',
    en: 'The trigger ran and recorded nothing (there was nothing to do).',
  },
  jobUndoneTitle: { fr: '{job} — travail non fait', en: '{job} — work not done' },
  mailSent: { fr: 'Courriel envoyé à {to} : {subject}', en: 'E-mail sent to {to}: {subject}' },
  failed: { fr: 'Erreur : {message}', en: 'Error: {message}' },
  noSheet: { fr: 'Aucune feuille nommée « {sheet} ».', en: 'No sheet named "{sheet}".' },
  outsideSheet: {
    fr: 'La cellule ligne {row}, colonne {col} est hors de la feuille « {sheet} ».',
    en: 'The cell at row {row}, column {col} is outside the sheet "{sheet}".',
  },
  noMenuItem: { fr: 'Aucun élément de menu « {path} ».', en: 'No menu item "{path}".' },
  notSaved: {
    fr: 'Le classeur n’a pas pu être enregistré dans {file} ({reason}) : l’action est annulée.',
    en: 'The workbook could not be saved to {file} ({reason}): the action is undone.',
  },

  // ------------------------------------------------------------ import
  imported: {
    fr: '{rows} {rows|ligne importée|lignes importées} dans {sheet}.',
    en: '{rows} {rows|row|rows} imported into {sheet}.',
  },
  importFailed: { fr: 'Import refusé : {message}', en: 'Import refused: {message}' },
  importTitle: { fr: 'Importer dans {sheet}', en: 'Import into {sheet}' },
  importAsk: {
    fr: 'Remplacer les {before} lignes de « {sheet} » par les {rows} lignes du fichier ? {details} Le classeur d’avant l’import est gardé : le bouton « Restaurer » le ramène.',
    en: 'Replace the {before} rows of "{sheet}" with the {rows} rows of the file? {details} The workbook as it was before the import is kept: the "Restore" button brings it back.',
  },
  importRead: {
    fr: 'Fichier lu en {encoding}, séparateur : {separator}.',
    en: 'File read as {encoding}, separator: {separator}.',
  },
  importKeepsNone: {
    fr: 'Le fichier a toutes les colonnes de la feuille.',
    en: 'The file has every column of the sheet.',
  },
  importKeepsByKey: {
    fr: 'Colonnes absentes du fichier, gardées pour chaque « {key} » : {columns}.',
    en: 'Columns the file lacks, kept for each "{key}": {columns}.',
  },
  importKeepsByRow: {
    fr: 'Colonnes absentes du fichier, gardées ligne par ligne : {columns}.',
    en: 'Columns the file lacks, kept row by row: {columns}.',
  },
  importRemoves: {
    fr: '{n} {n|ligne|lignes} de la feuille dont le « {key} » n’est pas dans le fichier {n|sera supprimée|seront supprimées} : {examples}.',
    en: '{n} {n|row|rows} of the sheet whose "{key}" is not in the file will be removed: {examples}.',
  },
  importOrphans: {
    fr: 'Les lignes qui nomment ces clients restent dans les autres feuilles ({list}).',
    en: 'The rows naming these clients stay in the other sheets ({list}).',
  },
  importOthersKept: {
    fr: 'Les autres feuilles ne changent pas.',
    en: 'The other sheets do not change.',
  },
  restored: {
    fr: 'Classeur restauré tel qu’il était avant l’import.',
    en: 'Workbook restored as it was before the import.',
  },
  noBackup: { fr: 'Aucune sauvegarde d’import à restaurer.', en: 'No import backup to restore.' },
  csvTextAfterQuote: {
    fr: 'Ligne {line} : du texte suit un guillemet fermant.',
    en: 'Line {line}: text after a closing quote.',
  },
  csvUnclosedQuote: {
    fr: 'Ligne {line} : un champ entre guillemets n’est pas fermé.',
    en: 'Line {line}: a quoted field is not closed.',
  },
  csvNoHeader: { fr: 'Le fichier n’a pas de ligne d’en-tête.', en: 'The file has no header row.' },
  csvUnknownColumns: {
    fr: 'Colonnes inconnues : {columns} (séparateur lu : {separator}).',
    en: 'Unknown columns: {columns} (separator read: {separator}).',
  },
  csvColumnTwice: {
    fr: 'Colonnes en double dans le fichier : {columns}.',
    en: 'Columns given twice in the file: {columns}.',
  },
  csvMissingColumns: {
    fr: 'Colonnes obligatoires absentes : {columns}.',
    en: 'Required columns missing: {columns}.',
  },
  importBadCode: {
    fr: 'Ligne {line} : « {column} » « {code} » refusé ({why})',
    en: 'Line {line}: "{column}" "{code}" refused ({why})',
  },
  importBlankKey: {
    fr: 'Ligne {line} : « {column} » est vide.',
    en: 'Line {line}: "{column}" is blank.',
  },
  importDuplicateKey: {
    fr: '« {column} » {value} figure aux lignes {lines} : il doit être unique.',
    en: '"{column}" {value} appears on lines {lines}: it must be unique.',
  },
  importRowsRefused: {
    fr: 'rien n’a été remplacé. {problems}',
    en: 'nothing was replaced. {problems}',
  },
  importMoreProblems: {
    fr: 'Et {n} {n|autre problème|autres problèmes}.',
    en: 'And {n} more {n|problem|problems}.',
  },
  sepComma: { fr: 'virgule', en: 'comma' },
  sepSemicolon: { fr: 'point-virgule', en: 'semicolon' },
  sepTab: { fr: 'tabulation', en: 'tab' },
  encUtf8: { fr: 'UTF-8', en: 'UTF-8' },
  encUtf8Bom: { fr: 'UTF-8 (avec BOM)', en: 'UTF-8 (with BOM)' },
  encWindows1252: { fr: 'Windows-1252 (ANSI)', en: 'Windows-1252 (ANSI)' },
  encUtf16: { fr: 'UTF-16', en: 'UTF-16' },

  // ------------------------------------------------------------ HTTP answers the page may show
  busy: {
    fr: 'Une action est en cours : réessayez dans un instant.',
    en: 'An action is running: try again in a moment.',
  },
  starting: {
    fr: 'L’aperçu démarre : réessayez dans un instant.',
    en: 'The preview is starting: try again in a moment.',
  },
  notFound: { fr: 'Introuvable.', en: 'Not found.' },
  noFrame: {
    fr: 'Cette fenêtre n’existe plus : rouvrez-la depuis le menu.',
    en: 'This window is gone: open it again from the menu.',
  },
  forbiddenHost: {
    fr: 'Refusé : l’aperçu ne répond qu’à 127.0.0.1 et localhost.',
    en: 'Refused: the preview answers only to 127.0.0.1 and localhost.',
  },
  expectedJson: {
    fr: 'Requête refusée : JSON attendu (application/json).',
    en: 'Request refused: JSON expected (application/json).',
  },
  tooLarge: {
    fr: 'Requête refusée : plus de {mb} Mo.',
    en: 'Request refused: more than {mb} MB.',
  },
  badJson: {
    fr: 'Requête refusée : JSON mal formé.',
    en: 'Request refused: malformed JSON.',
  },
  notObject: {
    fr: 'Requête refusée : un objet JSON est attendu.',
    en: 'Request refused: a JSON object is expected.',
  },
  fieldText: {
    fr: 'Requête refusée : « {name} » doit être un texte.',
    en: 'Request refused: "{name}" must be a text.',
  },
  fieldInt: {
    fr: 'Requête refusée : « {name} » doit être un entier positif.',
    en: 'Request refused: "{name}" must be a positive integer.',
  },
  fieldList: {
    fr: 'Requête refusée : « {name} » doit être une liste.',
    en: 'Request refused: "{name}" must be a list.',
  },
  fieldChoice: {
    fr: 'Requête refusée : « {name} » ne peut pas valoir {value}.',
    en: 'Request refused: "{name}" cannot be {value}.',
  },
  fieldBytes: {
    fr: 'Requête refusée : « {name} » doit être du base64.',
    en: 'Request refused: "{name}" must be base64.',
  },

  // ------------------------------------------------------------ npm start, in the terminal
  cliStarted: {
    fr: 'Aperçu de Fiche Client : {url}  (classeur : {file} ; Ctrl+C pour arrêter)',
    en: 'Fiche Client preview: {url}  (workbook: {file}; Ctrl+C to stop)',
  },
  cliPortInUse: {
    fr: 'Le port {port} est déjà pris : essayez npm start -- --port {next}',
    en: 'Port {port} is already in use: try npm start -- --port {next}',
  },
  cliLocked: {
    fr: '{file} est déjà ouvert par un autre aperçu (processus {pid}, {url}, depuis {since}). Utilisez celui-là, arrêtez-le (Ctrl+C dans son terminal), ou ouvrez un autre fichier : npm start -- --data autre.json',
    en: '{file} is already open in another preview (process {pid}, {url}, since {since}). Use that one, stop it (Ctrl+C in its terminal), or open another file: npm start -- --data other.json',
  },
  cliStaleLock: {
    fr: 'L’aperçu qui tenait {file} (processus {pid}, depuis {since}) ne tourne plus : celui-ci prend sa place.',
    en: 'The preview that held {file} (process {pid}, since {since}) is no longer running: this one takes over.',
  },
  cliTmpRemoved: {
    fr: '{n} {n|fichier temporaire laissé|fichiers temporaires laissés} par un arrêt en cours d’enregistrement {n|supprimé|supprimés}.',
    en: '{n} temporary {n|file|files} left by a stop during a save removed.',
  },
  cliNoFolder: {
    fr: 'Impossible d’enregistrer le classeur dans {file} : le dossier {dir} n’existe pas. Créez-le, ou choisissez un autre fichier avec --data.',
    en: 'Cannot save the workbook to {file}: the folder {dir} does not exist. Create it, or choose another file with --data.',
  },
  cliCannotCreate: {
    fr: 'Impossible de créer le dossier {dir} ({reason}) : créez-le, ou choisissez un autre fichier avec --data.',
    en: 'Cannot create the folder {dir} ({reason}): create it, or choose another file with --data.',
  },
  cliCannotWrite: {
    fr: 'Impossible d’écrire dans {dir} ({reason}) : choisissez un autre fichier avec --data.',
    en: 'Cannot write to {dir} ({reason}): choose another file with --data.',
  },
  cliUnreadable: {
    fr: '{file} ne peut pas être ouvert : {problem}. Le fichier est laissé tel quel ; corrigez-le, déplacez-le, ou ouvrez un autre fichier avec --data.',
    en: '{file} cannot be opened: {problem}. The file is left as it is; fix it, move it, or open another file with --data.',
  },
  stateRoot: { fr: 'le fichier', en: 'the file' },
  stateMissing: { fr: '« {at} » manque', en: '"{at}" is missing' },
  stateType: { fr: '« {at} » : {expected} attendu', en: '"{at}": {expected} expected' },
  stateTooFew: {
    fr: '« {at} » : au moins {n} {n|élément|éléments} attendu',
    en: '"{at}": at least {n} {n|item|items} expected',
  },
  stateValue: {
    fr: '« {at} » : valeur inattendue (attendu : {expected})',
    en: '"{at}": unexpected value (expected: {expected})',
  },
  stateInvalid: { fr: '« {at} » n’est pas valide', en: '"{at}" is not valid' },
  stateZone: { fr: '« {at} » : fuseau horaire inconnu', en: '"{at}": unknown time zone' },
  stateSheetTwice: {
    fr: '« {at} » : la feuille « {name} » figure deux fois',
    en: '"{at}": the sheet "{name}" is there twice',
  },
  stateAllHidden: {
    fr: '« {at} » : toutes les feuilles sont masquées',
    en: '"{at}": every sheet is hidden',
  },
  typeText: { fr: 'un texte', en: 'a text' },
  typeNumber: { fr: 'un nombre', en: 'a number' },
  typeInteger: { fr: 'un entier', en: 'an integer' },
  typeBoolean: { fr: 'true ou false', en: 'true or false' },
  typeObject: { fr: 'un objet', en: 'an object' },
  typeList: { fr: 'une liste', en: 'a list' },
  cliNotJson: { fr: 'ce n’est pas du JSON ({reason})', en: 'it is not JSON ({reason})' },
  cliNotPreview: {
    fr: '{file} existe et n’est pas un classeur d’aperçu : choisissez un autre fichier avec --data.',
    en: '{file} exists and is not a preview workbook: choose another file with --data.',
  },
  cliLangDiffers: {
    fr: 'Le classeur enregistré est en {saved} ; ajoutez --fresh pour un nouvel exemple en {wanted}.',
    en: 'The saved workbook is in {saved}; add --fresh for a new {wanted} sample.',
  },
  langFr: { fr: 'français', en: 'French' },
  langEn: { fr: 'anglais', en: 'English' },
  cliBadPort: { fr: 'Port invalide : {port}', en: 'Invalid port: {port}' },
  cliBadLang: { fr: '--lang vaut fr ou en, pas {lang}', en: '--lang must be fr or en, not {lang}' },
  cliBadToday: {
    fr: '--today attend AAAA-MM-JJ, pas {today}',
    en: '--today must be YYYY-MM-DD, not {today}',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type PreviewText = keyof typeof TEXTS;

/** A text of the preview in `lang` (src/shared/text.ts, as the server's and the sidebar's). */
export const t = translator(TEXTS);
