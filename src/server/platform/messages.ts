/**
 * Texts the server shows (menus, toasts, alerts, errors), in the workbook's language.
 * Form labels and validation messages live with the form (src/shared/i18n.ts).
 */
import type { Lang } from '../../shared/contract';
import { MULTI_ACCOUNT_HELP } from '../../shared/pageFailure';
import { translator } from '../../shared/text';

const MESSAGES = {
  menuTitle: { fr: 'Fiche Client', en: 'Fiche Client' },
  menuClientForm: { fr: 'Fiche client', en: 'Client form' },
  menuSetup: { fr: 'Configurer le classeur', en: 'Set up workbook' },
  menuRefreshWatch: { fr: 'Actualiser la liste de surveillance', en: 'Refresh watch list' },
  menuCommissionReport: { fr: 'Rapport des commissions…', en: 'Commission report…' },
  menuSettings: { fr: 'Paramètres…', en: 'Settings…' },
  sidebarTitle: { fr: 'Fiche client', en: 'Client form' },
  settingsTitle: { fr: 'Paramètres de Fiche Client', en: 'Fiche Client settings' },
  settingsBadDays: {
    fr: 'Jours de grâce (0 à 365) et terme par défaut (0 à 3650) : nombres entiers.',
    en: 'Grace days (0 to 365) and default term (0 to 3650) must be whole numbers.',
  },
  settingsBadLang: {
    fr: 'Langue : choisissez Français (fr) ou English (en).',
    en: 'Language: choose Français (fr) or English (en).',
  },
  setupDone: {
    fr: 'Classeur configuré : {sheets} feuilles, {added} colonnes ajoutées.',
    en: 'Workbook set up: {sheets} sheets, {added} columns added.',
  },
  missingSheet: {
    fr: 'La feuille « {name} » est introuvable. Lancez Fiche Client › Configurer le classeur.',
    en: 'The sheet "{name}" is missing. Run Fiche Client › Set up workbook.',
  },
  missingColumn: {
    fr: 'La colonne « {column} » est introuvable dans la feuille « {sheet} ». Lancez Fiche Client › Configurer le classeur.',
    en: 'The column "{column}" is missing from the sheet "{sheet}". Run Fiche Client › Set up workbook.',
  },
  duplicateColumn: {
    fr: 'La colonne « {column} » apparaît deux fois dans la feuille « {sheet} » : gardez-en une seule.',
    en: 'The column "{column}" appears twice in the sheet "{sheet}": keep only one.',
  },
  computedNote: {
    fr: 'Colonne calculée par Fiche Client : ne pas modifier à la main.',
    en: 'Computed by Fiche Client: do not edit by hand.',
  },
  computedProtection: {
    fr: 'Fiche Client : colonne calculée',
    en: 'Fiche Client: computed column',
  },
  busy: {
    fr: 'Le classeur est occupé par une autre opération. Réessayez dans un instant.',
    en: 'The workbook is busy with another operation. Try again in a moment.',
  },
  badMonth: {
    fr: 'Mois invalide : « {value} ». Utilisez le format AAAA-MM, par exemple 2026-10.',
    en: 'Invalid month: "{value}". Use the YYYY-MM format, for example 2026-10.',
  },
  clientNotFound: {
    fr: 'Le client « {code} » est introuvable (supprimé ou renommé ?).',
    en: 'Client "{code}" was not found (deleted or renamed?).',
  },
  duplicateCode: {
    fr: 'Le code « {code} » est déjà utilisé par un autre client.',
    en: 'The code "{code}" is already used by another client.',
  },
  conflict: {
    fr: 'Ce client a été modifié par {by} le {at} depuis que vous l’avez ouvert, et vous avez tous deux changé : {fields}. Rien n’a été enregistré.',
    en: 'This client was changed by {by} at {at} since you opened it, and you both changed: {fields}. Nothing was saved.',
  },
  saved: { fr: 'Client « {code} » enregistré.', en: 'Client "{code}" saved.' },
  inactiveBalance: {
    fr: 'Ce client a un solde dû de {balance}. Le rendre inactif quand même ? Ses factures, son solde et ses commissions restent ; il quitte la recherche, le suivi, l’infolettre et les avis de surveillance.',
    en: 'This client has a balance due of {balance}. Make it inactive anyway? Its invoices, balance and commissions stay; it leaves the search, the follow-ups, the newsletter and the watch e-mails.',
  },
  formOutdated: {
    fr: 'Cette fiche a été ouverte avec une version précédente de Fiche Client : rechargez-la, puis refaites vos changements.',
    en: 'This form was opened with an earlier version of Fiche Client: reload it, then make your changes again.',
  },
  handConflict: {
    fr: 'Depuis l’ouverture de cette fiche, la feuille a été modifiée à la main : {fields}. Rien n’a été enregistré : rechargez pour voir ces changements.',
    en: 'Since this form was opened, the sheet was edited by hand: {fields}. Nothing was saved: reload to see those changes.',
  },
  conflictRows: {
    fr: '{n} {n|ligne modifiée ou supprimée|lignes modifiées ou supprimées} (vendeurs, discussions ou courriels)',
    en: '{n} {n|row changed or deleted|rows changed or deleted} (salespeople, discussions or e-mails)',
  },
  savedAs: {
    fr: 'Client enregistré sous le code « {code} » (« {asked} » venait d’être pris).',
    en: 'Client saved as "{code}" ("{asked}" had just been taken).',
  },
  unknownClient: {
    fr: 'Code client « {code} » absent de la feuille Clients',
    en: 'Client code "{code}" is not in the Clients sheet',
  },
  watchDone: {
    fr: '{watched} {watched|client|clients} sous surveillance, dont {newly} {newly|nouveau|nouveaux}.',
    en: '{watched} {watched|client|clients} under watch, {newly} newly.',
  },
  problemsFound: {
    fr: '{n} cellules illisibles ou incohérentes (ignorées) :',
    en: '{n} unreadable or inconsistent cells (skipped):',
  },
  problemLine: {
    fr: '{sheet}, ligne {row}, {column} : {message}',
    en: '{sheet}, row {row}, {column}: {message}',
  },
  incompleteInvoice: {
    fr: 'Facture incomplète : ligne ignorée',
    en: 'Incomplete invoice: row skipped',
  },
  incompletePayment: {
    fr: 'Paiement incomplet : ligne ignorée',
    en: 'Incomplete payment: row skipped',
  },
  // Whose row it is, after a problem line (decision 021: the row number changes with a sort).
  cellUnreadable: {
    fr: 'Illisible dans la feuille (gardé tel quel) : {message}',
    en: 'Unreadable in the sheet (kept as typed): {message}',
  },
  problemOfClient: { fr: ' (client {key})', en: ' (client {key})' },
  problemOfInvoice: { fr: ' (facture {key})', en: ' (invoice {key})' },
  askMonth: {
    fr: 'Mois à calculer (AAAA-MM). Laissez vide pour {month}.',
    en: 'Month to compute (YYYY-MM). Leave blank for {month}.',
  },
  settledLinesChanged: {
    fr: 'Les lignes de {name} pour {month} (payé) ne totalisent plus la commission payée : des lignes ont été supprimées ou modifiées à la main. Aucun ajustement pour ce mois tant qu’elles ne sont pas rétablies.',
    en: 'The lines of {name} for {month} (paid out) no longer add up to the commission paid: lines were deleted or typed over by hand. No adjustment for that month until they are restored.',
  },
  commissionsDone: {
    fr: 'Commissions de {month} : {n} vendeurs, {total}.',
    en: 'Commissions for {month}: {n} salespeople, {total}.',
  },
  // ---------------------------------------------------------------- newsletter, habits, privacy
  menuMailchimpSync: { fr: 'Synchroniser Mailchimp', en: 'Sync Mailchimp' },
  menuAudienceExport: {
    fr: 'Exporter l’infolettre (CSV Mailchimp)…',
    en: 'Export newsletter audience (Mailchimp CSV)…',
  },
  menuRefreshHabits: { fr: 'Calculer les habitudes d’achat', en: 'Compute buying habits' },
  menuClientStatement: { fr: 'État de compte…', en: 'Client statement…' },
  menuExportClient: {
    fr: 'Exporter les données d’un client (Loi 25)…',
    en: 'Export a client’s data (Law 25)…',
  },
  menuAnonymize: { fr: 'Anonymiser un client (Loi 25)…', en: 'Anonymize a client (Law 25)…' },
  menuNewsletterSettings: {
    fr: 'Mailchimp et suivis…',
    en: 'Mailchimp and follow-ups…',
  },
  newsletterSettingsTitle: { fr: 'Mailchimp et suivis', en: 'Mailchimp and follow-ups' },
  mcNotConfigured: {
    fr: 'Mailchimp n’est pas configuré : indiquez la clé d’API et l’audience dans Fiche Client › Mailchimp et suivis…',
    en: 'Mailchimp is not set up: enter the API key and audience in Fiche Client › Mailchimp and follow-ups…',
  },
  mcSyncColumn: { fr: 'Synchro Mailchimp', en: 'Mailchimp sync' },
  mcSummary: {
    fr: 'Mailchimp : {subscribed} abonnés ou mis à jour, {unsubscribed} désabonnés, {unchanged} inchangés.',
    en: 'Mailchimp: {subscribed} subscribed or updated, {unsubscribed} unsubscribed, {unchanged} unchanged.',
  },
  mcSkippedTitle: {
    fr: 'Infolettre cochée mais non abonnés :',
    en: 'Newsletter ticked but not subscribed:',
  },
  mcFailedTitle: {
    fr: 'Échecs (réessayés à la prochaine synchro) :',
    en: 'Failed (retried at the next sync):',
  },
  mcMore: { fr: '… et {n} autres.', en: '… and {n} more.' },
  // Why a Mailchimp request failed (newsletter.ts failureReason): what the team can do.
  mcErrNetwork: {
    fr: 'Mailchimp injoignable (réseau ou service indisponible) : relancez la synchronisation plus tard',
    en: 'Mailchimp could not be reached (network or service down): run the sync again later',
  },
  mcErrNotSent: {
    fr: 'pas envoyé (temps écoulé) : relancez la synchronisation',
    en: 'not sent (out of time): run the sync again',
  },
  mcErrKey: {
    fr: 'clé d’API refusée par Mailchimp (HTTP {status}) : vérifiez-la dans Fiche Client › Mailchimp et suivis…',
    en: 'API key refused by Mailchimp (HTTP {status}): check it in Fiche Client › Mailchimp and follow-ups…',
  },
  mcErrNotFound: {
    fr: 'audience introuvable dans Mailchimp (HTTP 404) : vérifiez son identifiant dans Fiche Client › Mailchimp et suivis…',
    en: 'audience not found in Mailchimp (HTTP 404): check its id in Fiche Client › Mailchimp and follow-ups…',
  },
  mcErrBusy: {
    fr: 'Mailchimp reçoit trop de demandes (HTTP 429) : relancez la synchronisation plus tard',
    en: 'Mailchimp is receiving too many requests (HTTP 429): run the sync again later',
  },
  mcErrServer: {
    fr: 'erreur chez Mailchimp (HTTP {status}) : relancez la synchronisation plus tard',
    en: 'error on Mailchimp’s side (HTTP {status}): run the sync again later',
  },
  mcErrInvalid: {
    fr: 'adresse ou données refusées par Mailchimp (adresse fausse ou invalide ?)',
    en: 'address or data refused by Mailchimp (a fake or invalid address?)',
  },
  mcErrCompliance: {
    fr: 'désabonné ou retiré dans Mailchimp : la synchronisation ne peut pas le réabonner',
    en: 'unsubscribed or removed in Mailchimp: the sync cannot subscribe them again',
  },
  mcErrForgotten: {
    fr: 'supprimé définitivement dans Mailchimp : seule la personne peut se réinscrire (formulaire d’inscription)',
    en: 'permanently deleted in Mailchimp: only the person can sign up again (signup form)',
  },
  mcErrOther: {
    fr: 'refusé par Mailchimp (HTTP {status})',
    en: 'refused by Mailchimp (HTTP {status})',
  },
  mcNotSent: {
    fr: '{n} clients pas encore envoyés (temps écoulé) : relancez la synchronisation.',
    en: '{n} clients not sent yet (out of time): run the sync again.',
  },
  mcNoEmail: { fr: 'aucun courriel', en: 'no email address' },
  mcBadEmail: { fr: 'courriel invalide « {email} »', en: 'invalid email "{email}"' },
  mcNoConsent: {
    fr: 'type ou date de consentement manquant (LCAP)',
    en: 'consent type or date missing (CASL)',
  },
  mcImpliedExpired: {
    fr: 'consentement tacite échu le {day} (plus de 2 ans) : obtenir un consentement exprès',
    en: 'implied consent expired on {day} (over 2 years): get express consent',
  },
  mcFailed: {
    fr: 'La synchronisation Mailchimp a échoué : {msg}',
    en: 'The Mailchimp sync failed: {msg}',
  },
  audienceExportTitle: { fr: 'Audience de l’infolettre', en: 'Newsletter audience' },
  audienceExportIntro: {
    fr: '{n} clients abonnables (infolettre cochée, consentement valide). Fichier au format d’importation Mailchimp.',
    en: '{n} clients who may be subscribed (newsletter ticked, valid consent). File in Mailchimp’s import format.',
  },
  download: { fr: 'Télécharger', en: 'Download' },
  habitsDone: {
    fr: 'Habitudes d’achat calculées pour {n} clients.',
    en: 'Buying habits computed for {n} clients.',
  },
  askClientCode: {
    fr: 'Code du client. Laissez vide pour {code}.',
    en: 'Client code. Leave blank for {code}.',
  },
  askClientCodeNone: { fr: 'Code du client :', en: 'Client code:' },
  confirmExport: {
    fr: 'Exporter toutes les données du client {code} ({name}) pour une demande d’accès ? L’export sera journalisé.',
    en: 'Export all data of client {code} ({name}) for an access request? The export will be logged.',
  },
  clientExportTitle: { fr: 'Données du client {code}', en: 'Data of client {code}' },
  clientExportIntro: {
    fr: '{n} lignes trouvées dans {sheets} feuilles. À remettre à la personne qui a fait la demande : la page lisible (en {language}, {whose}) et, à côté, les mêmes données en JSON.',
    en: '{n} rows found in {sheets} sheets. For the person who made the request: the readable page (in {language}, {whose}) and, beside it, the same data as JSON.',
  },
  langOfRecord: { fr: 'la langue de sa fiche', en: 'their record’s language' },
  langOfWorkbook: {
    fr: 'celle du classeur : sa fiche n’a pas de langue',
    en: 'the workbook’s: their record has no language',
  },
  langNameFr: { fr: 'français', en: 'French' },
  langNameEn: { fr: 'anglais', en: 'English' },
  downloadReadable: {
    fr: 'Télécharger la page lisible (HTML)',
    en: 'Download the readable page (HTML)',
  },
  downloadJson: { fr: 'Télécharger les données (JSON)', en: 'Download the data (JSON)' },
  readableFile: {
    fr: 'Page lisible (HTML : enregistrez ce texte dans un fichier .html)',
    en: 'Readable page (HTML: save this text as an .html file)',
  },
  jsonFile: {
    fr: 'Données (JSON : enregistrez ce texte dans un fichier .json)',
    en: 'Data (JSON: save this text as a .json file)',
  },
  anonymizedName: { fr: 'Client anonymisé', en: 'Anonymized client' },
  anonymized: {
    fr: 'Client {code} anonymisé ({rows} lignes du journal CRM effacées).',
    en: 'Client {code} anonymized ({rows} CRM log rows erased).',
  },
  digestSubject: {
    fr: 'Fiche Client : {n} suivi(s) à faire',
    en: 'Fiche Client: {n} follow-up(s) due',
  },
  digestIntro: {
    fr: 'Les clients suivants dont vous êtes chargé de compte ont un suivi prévu aujourd’hui ou en retard :',
    en: 'These clients you manage have a follow-up due today or overdue:',
  },
  badProductType: {
    fr: 'Indiquez un type de produit (au plus 200 caractères).',
    en: 'Give a product type (at most 200 characters).',
  },
  mcOptedOutTitle: {
    fr: 'Infolettre cochée, mais pas abonnés dans Mailchimp :',
    en: 'Newsletter ticked, but not subscribed in Mailchimp:',
  },
  mcOptedOut: {
    fr: 'désabonné dans Mailchimp (son choix) : décochez l’infolettre',
    en: 'unsubscribed in Mailchimp (their choice): untick the newsletter',
  },
  mcCleaned: {
    fr: 'adresse rejetée par Mailchimp (rebonds) : vérifiez le courriel',
    en: 'address cleaned by Mailchimp (bounces): check the email',
  },
  // ---- workbook size and the retention rule of Commission details (decision 008)
  menuFoldDetails: {
    fr: 'Replier les anciens détails de commissions…',
    en: 'Fold old commission details…',
  },
  foldIntro: {
    fr: 'Les lignes de ces mois payés, de plus de {n} mois, seront supprimées de « Détail des commissions ». Le « Rapport des commissions » garde leurs totaux. Gardez d’abord une copie des lignes supprimées (le CSV, ou son contenu copié), puis cochez la case : le bouton Supprimer s’active ensuite.',
    en: 'The lines of these paid-out months, older than {n} months, will be removed from "Commission details". The "Commission report" keeps their totals. First keep a copy of the removed lines (the CSV, or its content copied), then tick the box: the Remove button is enabled then.',
  },
  foldMonthLine: {
    fr: '{month} : {lines} lignes, commissions {commission}',
    en: '{month}: {lines} lines, commissions {commission}',
  },
  foldUnpaid: {
    fr: 'Gardés, car pas entièrement cochés « Payée » dans le rapport : {months}.',
    en: 'Kept, because not all ticked "Paid out" in the report: {months}.',
  },
  foldMore: {
    fr: 'D’autres mois pourront être repliés : relancez la commande ensuite.',
    en: 'More months can be folded: run the command again afterwards.',
  },
  foldDownload: { fr: 'Télécharger le CSV', en: 'Download the CSV' },
  foldRemove: { fr: 'Supprimer {n} lignes', en: 'Remove {n} lines' },
  foldKept: {
    fr: 'J’ai gardé une copie de ces lignes (CSV téléchargé ou contenu copié)',
    en: 'I have kept a copy of these lines (CSV downloaded or content copied)',
  },
  foldNothing: {
    fr: 'Aucun mois payé de plus de {n} mois (avant {cutoff}) n’a de lignes dans « Détail des commissions ».',
    en: 'No paid-out month older than {n} months (before {cutoff}) has lines in "Commission details".',
  },
  foldDone: {
    fr: '{n} lignes supprimées ({months}). Les totaux restent dans le rapport.',
    en: '{n} lines removed ({months}). The totals stay in the report.',
  },
  foldChanged: {
    fr: 'Les lignes ont changé depuis l’ouverture de cette fenêtre : rien n’a été supprimé. Relancez la commande.',
    en: 'The lines changed since this window opened: nothing was removed. Run the command again.',
  },
  foldBadRequest: {
    fr: 'Demande invalide : rien n’a été supprimé.',
    en: 'Invalid request: nothing was removed.',
  },
  headroomTitle: { fr: 'Taille du classeur', en: 'Workbook size' },
  headroomUsed: {
    fr: 'Cellules utilisées : {used} sur {limit} ({pct} %).',
    en: 'Cells used: {used} of {limit} ({pct}%).',
  },
  headroomRate: {
    fr: 'Croissance : environ {cells} cellules par mois ({invoices} factures et {lines} lignes de commission par mois).',
    en: 'Growth: about {cells} cells a month ({invoices} invoices and {lines} commission lines a month).',
  },
  headroomEstimated: {
    fr: 'Estimation grossière (nombre de lignes) : elle s’affine après le calcul mensuel des commissions.',
    en: 'Rough estimate (row counts): it is refined once the monthly commissions are computed.',
  },
  headroomLeft: {
    fr: 'À ce rythme, la limite de Google Sheets est atteinte dans environ {months} mois.',
    en: 'At this rate, the Google Sheets limit is reached in about {months} months.',
  },
  headroomLeftFolded: {
    fr: 'En repliant chaque mois les détails de commissions de plus de {n} mois : environ {months} mois.',
    en: 'Folding the commission details older than {n} months every month: about {months} months.',
  },
  headroomLeftFoldedNoLimit: {
    fr: 'En repliant chaque mois les détails de commissions de plus de {n} mois : plus de 100 ans.',
    en: 'Folding the commission details older than {n} months every month: more than 100 years.',
  },
  headroomNoLimit: {
    fr: 'Plus de 100 ans à ce rythme.',
    en: 'More than 100 years at this rate.',
  },
  headroomWarn: {
    fr: 'Attention : plus de 80 % de la limite de 10 millions de cellules. Repliez les anciens détails de commissions (menu Fiche Client) ou archivez les anciennes factures dans un autre classeur.',
    en: 'Warning: over 80% of the 10 million cell limit. Fold old commission details (Fiche Client menu) or archive old invoices to another workbook.',
  },
  retentionLabel: {
    fr: 'Mois de détails de commissions gardés (les mois payés plus anciens peuvent être repliés et sont clos pour de bon : plus aucun ajustement)',
    en: 'Months of commission details kept (older paid-out months may be folded and are closed for good: no more adjustments)',
  },
  retentionBad: {
    fr: 'Mois gardés : un nombre entier de 1 à 240.',
    en: 'Months kept: a whole number from 1 to 240.',
  },
  // ---- trigger owner (decision 009) and the privacy log sheet (decision 016)
  triggerOwnerTitle: { fr: 'Déclencheurs automatiques', en: 'Automatic triggers' },
  triggerOwnerAsk: {
    fr: 'Les déclencheurs (le travail planifié de chaque heure : surveillance quotidienne, commissions du mois ; les modifications) tournent au nom de {owner} depuis le {since}.\n\nLes reprendre à votre nom ? Les vôtres seront installés, et ceux de {owner} se retireront d’eux-mêmes à leur prochaine exécution, sans faire le travail en double.\n\nNon : rien ne change pour les déclencheurs.',
    en: 'The triggers (the hourly scheduled work: daily watch list, monthly commissions; edits) run as {owner} since {since}.\n\nTake them over? Yours will be installed, and those of {owner} will retire themselves at their next run, without doing the work twice.\n\nNo: the triggers stay as they are.',
  },
  triggerKeptBy: {
    fr: 'Les déclencheurs restent au nom de {owner}.',
    en: 'The triggers stay with {owner}.',
  },
  triggerOwnerLine: {
    fr: 'Les déclencheurs tournent au nom de {owner} depuis le {since}.',
    en: 'The triggers run as {owner} since {since}.',
  },
  triggerNone: {
    fr: 'Aucun déclencheur installé : lancez Fiche Client › Configurer le classeur.',
    en: 'No triggers are installed: run Fiche Client › Set up workbook.',
  },
  triggerMissingMine: {
    fr: 'Il manque des déclencheurs à votre nom ({missing}) : lancez Fiche Client › Configurer le classeur pour les réinstaller.',
    en: 'Some of your triggers are missing ({missing}): run Fiche Client › Set up workbook to install them again.',
  },
  triggerStale: {
    fr: 'Aucun travail planifié depuis le {last} : les déclencheurs de {owner} ne tournent plus (compte supprimé, accès au classeur retiré ?). Lancez Fiche Client › Configurer le classeur pour installer les vôtres : le travail tournera alors à votre nom. Si {owner} a quitté l’équipe mais a encore son compte, ses déclencheurs échouent à chaque exécution et Google lui envoie un courriel à chaque échec ; seule cette personne peut les supprimer (script.google.com › Mes déclencheurs, ou Configurer le classeur dans ce classeur, qui retire les siens).',
    en: 'No scheduled work since {last}: the triggers of {owner} no longer run (account removed, access to the workbook withdrawn?). Run Fiche Client › Set up workbook to install yours: the work then runs as you. If {owner} left the team but still has their account, their triggers fail at every run and Google e-mails them each failure; only they can delete them (script.google.com › My Triggers, or Set up workbook in this workbook, which removes theirs).',
  },
  triggerExplain: {
    fr: 'Un déclencheur installable tourne au nom de la personne qui l’a installé, et seule cette personne le voit ou peut le supprimer. Une autre personne qui lance Configurer le classeur peut les reprendre : les anciens se retirent alors d’eux-mêmes à leur prochaine exécution, si leur propriétaire a encore accès au classeur.',
    en: 'An installable trigger runs as the person who installed it, and only that person sees it or can delete it. Another person who runs Set up workbook can take them over: the old ones then retire themselves at their next run, if their owner still has access to the workbook.',
  },
  privacyLogFailed: {
    fr: 'C’est fait, mais l’action n’a pas pu être inscrite au journal Loi 25 ({msg}). Inscrivez-la à la main dans la feuille « {sheet} » : {at}, {by}, {action}, {code}.',
    en: 'Done, but the action could not be written to the privacy log ({msg}). Add it by hand to the sheet "{sheet}": {at}, {by}, {action}, {code}.',
  },
  privacyLogProtection: {
    fr: 'Fiche Client : journal Loi 25, tenu par le script (ne pas modifier)',
    en: 'Fiche Client: Law 25 privacy log, kept by the script (do not edit)',
  },
  // ------------------------------------------------ known traps (decision 012)
  /** Several Google accounts in one browser: every google.script.run call refused. */
  multiAccountHelp: MULTI_ACCOUNT_HELP,
  /** Under every file a dialog offers (platform/pages.ts): the copy, when downloads are blocked. */
  downloadBlocked: {
    fr: 'Le fichier n’arrive pas ? Certains navigateurs bloquent les téléchargements depuis cette fenêtre : copiez son contenu ici.',
    en: 'The file does not arrive? Some browsers block downloads from this window: copy its content here.',
  },
  copyContent: { fr: 'Copier le contenu', en: 'Copy the content' },
  copyDone: {
    fr: 'Copié : collez-le dans un fichier ou une feuille.',
    en: 'Copied: paste it into a file or a sheet.',
  },
  copySelect: {
    fr: 'Le texte est sélectionné : copiez-le avec Ctrl+C (⌘+C sur Mac).',
    en: 'The text is selected: copy it with Ctrl+C (⌘+C on a Mac).',
  },

  // ------------------------------------------------ Help › Check this spreadsheet (decision 012)
  menuCheckSpreadsheet: { fr: 'Vérifier ce classeur', en: 'Check this spreadsheet' },
  checkIntro: {
    fr: 'Vérifié dans ce classeur sans rien y changer (une feuille et des clés temporaires, retirées ensuite). Le JSON ne contient aucune donnée client : joignez-le à un rapport de bogue, ou donnez-le à qui maintient Fiche Client (npm run fidelity -- --report FICHIER).',
    en: 'Checked in this workbook without changing it (a temporary sheet and keys, removed afterwards). The JSON holds no client data: attach it to a bug report, or give it to whoever maintains Fiche Client (npm run fidelity -- --report FILE).',
  },
  checkBehaviours: { fr: 'Comportements de Google', en: 'How Google behaves here' },
  checkSpeed: { fr: 'Vitesse', en: 'Speed' },
  checkLine: { fr: '{what} : {world}', en: '{what}: {world}' },
  checkNotMeasured: { fr: 'non mesuré ({why})', en: 'not measured ({why})' },
  checkWhatPlainTextFormulas: {
    fr: '« =1+1 » et « +1 514… » écrits par le script dans une cellule en texte brut',
    en: '“=1+1” and “+1 514…” written by the script into a plain-text cell',
  },
  checkWhatPlainTextApostrophe: {
    fr: 'Une apostrophe écrite par le script dans une cellule en texte brut',
    en: 'An apostrophe written by the script into a plain-text cell',
  },
  checkWhatTextFormatName: {
    fr: 'Le format texte brut, relu par le script',
    en: 'The plain-text format, read back by the script',
  },
  checkWhatEditEventBounds: {
    fr: 'Les bornes (rowStart…) de la dernière modification vue par le déclencheur',
    en: 'The bounds (rowStart…) of the last edit the trigger saw',
  },
  checkWhatIntlTimeZones: {
    fr: 'Le fuseau du classeur ({zone}) dans Intl',
    en: 'The workbook’s time zone ({zone}) in Intl',
  },
  checkWhatDialogDownloads: {
    fr: 'Un téléchargement depuis cette fenêtre',
    en: 'A download from this window',
  },
  checkWhatMailQuotaCounts: {
    fr: 'Le quota de courriels',
    en: 'The mail quota',
  },
  checkWhatCacheValueLimit: {
    fr: 'La plus grande valeur acceptée par le cache',
    en: 'The largest value the cache accepts',
  },
  checkWorldText: { fr: 'restent du texte', en: 'stay text' },
  checkWorldFormula: { fr: 'deviennent des formules', en: 'become formulas' },
  checkWorldKept: { fr: 'reste visible', en: 'stays visible' },
  checkWorldSwallowed: { fr: 'disparaît (marque de texte)', en: 'is dropped (the text mark)' },
  checkWorldAsWritten: { fr: 'tel qu’écrit (@ ou @STRING@)', en: 'as written (@ or @STRING@)' },
  checkWorldAt: { fr: 'toujours « @ »', en: 'always “@”' },
  checkWorldAtString: { fr: 'toujours « @STRING@ »', en: 'always “@STRING@”' },
  checkWorldPresent: { fr: 'présentes', en: 'present' },
  checkWorldAbsent: {
    fr: 'absentes (le déclencheur les demande à la plage)',
    en: 'absent (the trigger asks the range for them)',
  },
  checkWorldAll: { fr: 'connu', en: 'known' },
  checkWorldUtcOnly: {
    fr: 'inconnu (les dates passent par Utilities.formatDate)',
    en: 'unknown (dates go through Utilities.formatDate)',
  },
  checkWorldAllowed: { fr: 'arrive', en: 'arrives' },
  checkWorldBlocked: {
    fr: 'est bloqué (copiez les fichiers depuis la fenêtre)',
    en: 'is blocked (copy files from the window)',
  },
  checkWorldRecipients: { fr: 'compte chaque destinataire', en: 'counts each recipient' },
  checkWorldMessages: { fr: 'compte chaque message', en: 'counts each message' },
  checkWorldBytes: { fr: '{n} octets', en: '{n} bytes' },
  checkWhyNoEdit: {
    fr: 'aucune modification vue depuis 6 h : modifiez une cellule, puis relancez',
    en: 'no edit seen in 6 hours: edit a cell, then run it again',
  },
  checkWhyMailNotAsked: {
    fr: 'cliquez « Tester le quota de courriels »',
    en: 'click “Test the mail quota”',
  },
  checkWhyDownloadNotAsked: {
    fr: 'téléchargez le JSON puis répondez',
    en: 'download the JSON, then answer',
  },
  checkWhyNotMeasurableHere: {
    fr: 'pas mesurable ici, hors de Google Sheets',
    en: 'not measurable here, outside Google Sheets',
  },
  checkWhyUnclear: {
    fr: 'résultat inattendu : voir le JSON',
    en: 'unexpected result: see the JSON',
  },
  checkWhyFailed: { fr: 'échec : {msg}', en: 'failed: {msg}' },
  checkNoTempSheet: {
    fr: 'la feuille temporaire n’a pas pu être créée',
    en: 'the temporary sheet could not be created',
  },
  checkMailButton: {
    fr: 'Tester le quota de courriels (vous envoie un message)',
    en: 'Test the mail quota (sends you one message)',
  },
  checkMailSent: { fr: 'Message envoyé.', en: 'Message sent.' },
  checkMailSubject: {
    fr: 'Fiche Client : test du quota de courriels',
    en: 'Fiche Client: mail quota test',
  },
  checkMailBody: {
    fr: 'Envoyé par Fiche Client › Aide › Vérifier ce classeur, à vous et à une adresse étiquetée de votre boîte, pour voir ce que le quota de courriels compte. Vous pouvez supprimer ce message.',
    en: 'Sent by Fiche Client › Help › Check this spreadsheet, to you and to a tagged address of your mailbox, to see what the mail quota counts. You may delete this message.',
  },
  checkMailNoAddress: {
    fr: 'Votre adresse n’est pas connue du script : quota non testé.',
    en: 'The script does not know your address: quota not tested.',
  },
  checkMailNoQuota: {
    fr: 'Quota de courriels trop bas aujourd’hui ({n}) : réessayez demain.',
    en: 'Mail quota too low today ({n}): try again tomorrow.',
  },
  checkDownloadAsk: {
    fr: 'Le fichier JSON est-il arrivé dans vos téléchargements ?',
    en: 'Did the JSON file arrive in your downloads?',
  },
  checkYes: { fr: 'Oui', en: 'Yes' },
  checkNo: { fr: 'Non', en: 'No' },
  checkBadReport: {
    fr: 'Vérification illisible : {msg}',
    en: 'Unreadable check: {msg}',
  },

  // ------------------------------------------------ speed self-measurement (decision 013)
  menuHelp: { fr: 'Aide', en: 'Help' },
  speedCall: {
    fr: 'Appel de service (getLastRow) : {ms} ms (médiane de {n})',
    en: 'Service call (getLastRow): {ms} ms (median of {n})',
  },
  speedReadColumn: {
    fr: 'Lecture de la colonne des codes clients des factures ({cells} lignes) : {ms} ms',
    en: 'Reading the invoices’ client-code column ({cells} rows): {ms} ms',
  },
  speedReadBlock: {
    fr: 'Lecture d’un bloc de Clients ({cells} cellules) : {ms} ms',
    en: 'Reading a block of Clients ({cells} cells): {ms} ms',
  },
  speedWrite: {
    fr: 'Écriture de {cells} cellules (feuille temporaire) : {ms} ms, puis flush : {flush} ms',
    en: 'Writing {cells} cells (temporary sheet): {ms} ms, then flush: {flush} ms',
  },
  speedTextFinder: {
    fr: 'TextFinder d’un code dans cette colonne ({cells} lignes) : {ms} ms',
    en: 'TextFinder of one code in that column ({cells} rows): {ms} ms',
  },
  speedProperties: {
    fr: 'Propriétés du document : lecture {get} ms, écriture {set} ms',
    en: 'Document properties: get {get} ms, set {set} ms',
  },
  speedCache: {
    fr: 'Cache du document : lecture {get} ms, écriture {put} ms',
    en: 'Document cache: get {get} ms, put {put} ms',
  },
  speedStartup: {
    fr: 'Du chargement du script à la fonction : {ms} ms',
    en: 'From loading the script to the function: {ms} ms',
  },
  speedRoundTrip: {
    fr: 'Aller-retour google.script.run depuis cette fenêtre : {ms} ms, dont {inside} ms dans la fonction',
    en: 'google.script.run round trip from this window: {ms} ms, of which {inside} ms in the function',
  },
  speedRoundTripPending: {
    fr: 'Aller-retour depuis cette fenêtre : mesure en cours…',
    en: 'Round trip from this window: measuring…',
  },
  speedPageLoad: {
    fr: 'Chargement de cette fenêtre : {ms} ms',
    en: 'Loading this window: {ms} ms',
  },
  speedPerCell: {
    fr: 'Par cellule : lecture {read} ms, écriture {write} ms, flush {flush} ms',
    en: 'Per cell: read {read} ms, write {write} ms, flush {flush} ms',
  },
  speedNotMeasured: {
    fr: '{what} : non mesuré ({why})',
    en: '{what}: not measured ({why})',
  },
  speedNoRows: { fr: 'aucune ligne', en: 'no rows' },
  speedNoCache: { fr: 'pas de cache du document ici', en: 'no document cache here' },
  speedCopy: { fr: 'Copier le JSON', en: 'Copy the JSON' },
  speedCopied: { fr: 'Copié.', en: 'Copied.' },
  speedDownload: { fr: 'Télécharger le JSON', en: 'Download the JSON' },
  // ---- nothing the team typed is lost (decisions 002 and 016)
  confirmAnonymizeDetail: {
    fr: 'Anonymiser le client {code} ({name}) ?\n\n{sheets}\n\nLe code reste : les factures, termes et commissions y renvoient, et la comptabilité doit les garder (les totaux des rapports de commission ne changent pas). Les montants, dates et cases de ces feuilles ne disent rien de la personne.{mailchimp} C’est irréversible et sera journalisé.',
    en: 'Anonymize client {code} ({name})?\n\n{sheets}\n\nThe code stays: invoices, terms and commissions point to it, and accounting must keep them (commission report totals do not change). Amounts, dates and ticks in those sheets say nothing of the person.{mailchimp} This cannot be undone and will be logged.',
  },
  anonymizedSheets: {
    fr: 'Feuilles effacées : {sheets}.',
    en: 'Sheets blanked: {sheets}.',
  },
  mcKeptShared: {
    fr: 'Le membre Mailchimp de {email} est gardé : d’autres clients ({codes}) ont la même adresse.',
    en: 'The Mailchimp member of {email} is kept: other clients ({codes}) use the same address.',
  },
  mcDeletionNotRecorded: {
    fr: 'La suppression du membre Mailchimp n’a pas pu être mise en file ({msg}) : supprimez définitivement {email} dans Mailchimp, à la main.',
    en: 'The Mailchimp member’s deletion could not be queued ({msg}): permanently delete {email} in Mailchimp by hand.',
  },
  typeCodeToConfirm: {
    fr: 'Pour confirmer, tapez le code du client ({code}) puis OK.',
    en: 'To confirm, type the client code ({code}), then OK.',
  },
  typedCodeWrong: {
    fr: '« {typed} » n’est pas le code du client ({code}) : rien n’a été changé.',
    en: '"{typed}" is not the client code ({code}): nothing was changed.',
  },
  typedCodeMissing: {
    fr: 'Aucun code tapé : rien n’a été changé. Pour anonymiser, tapez le code du client ({code}).',
    en: 'No code typed: nothing was changed. To anonymize, type the client code ({code}).',
  },
  anonymizeSheetLine: {
    fr: '« {sheet} » ({n} {n|ligne|lignes}) — effacé : {blanked}. Gardé : {kept}.',
    en: '"{sheet}" ({n} {n|row|rows}) — blanked: {blanked}. Kept: {kept}.',
  },
  teamNoteDropped: {
    fr: 'ligne « {key} » plus calculée : sa note « {value} » est retirée avec elle (recopiez-la au besoin)',
    en: 'line "{key}" no longer computed: its note "{value}" is removed with it (copy it back if needed)',
  },
  setupTypedColumn: {
    fr: '• « {column} » dans « {sheet} » : {count} valeur(s) saisie(s), par ex. « {example} »',
    en: '• "{column}" in "{sheet}": {count} typed value(s), e.g. "{example}"',
  },
  setupTakeOver: {
    fr: 'Ces colonnes portent le nom d’une colonne que Fiche Client calcule, mais votre équipe y a saisi des valeurs :\n{columns}\n\nOui : Fiche Client les prend en charge et remplacera ces valeurs au prochain calcul (copiez-les ailleurs d’abord).\nNon : rien n’est changé ; renommez votre colonne (par ex. « … (notes) ») puis relancez la configuration, qui ajoutera la sienne.',
    en: 'These columns have the name of a column Fiche Client computes, but your team typed values in them:\n{columns}\n\nYes: Fiche Client takes them over and will replace these values at the next computation (copy them elsewhere first).\nNo: nothing is changed; rename your column (e.g. "… (notes)") and run Set up again, which will add its own.',
  },
  setupStopped: {
    fr: 'Configuration arrêtée, rien n’a été changé : renommez les colonnes indiquées, puis relancez-la.',
    en: 'Set up stopped, nothing was changed: rename the columns listed, then run it again.',
  },
  setupRenamedHeader: {
    fr: '« {sheet} » : la colonne « {column} » manque, et « {header} » semble être elle, renommée. Renommez « {header} » en « {column} » puis relancez la configuration (une colonne « {column} » vide laisserait chaque ligne sans sa clé).',
    en: '"{sheet}": the column "{column}" is missing, and "{header}" looks like it, renamed. Rename "{header}" to "{column}" and run Set up again (an empty "{column}" column would leave every row without its key).',
  },
  setupMissingKey: {
    fr: '« {sheet} » : la colonne clé « {column} » manque et la feuille a des lignes. Ajoutez-la avec les valeurs de chaque ligne, puis relancez la configuration.',
    en: '"{sheet}": the key column "{column}" is missing and the sheet has rows. Add it with each row’s values, then run Set up again.',
  },
  // ---- the hourly dispatcher, copies, the first run (decisions 010 and 011)
  triggerNoEmail: {
    fr: 'Déclencheurs non installés : Google n’a pas donné votre adresse courriel au script (autorisation « Voir votre adresse e-mail » refusée, ou compte qui ne la montre pas). Sans elle, personne ne pourrait savoir au nom de qui tournent les déclencheurs. Rechargez le classeur, acceptez toutes les autorisations, puis relancez Configurer le classeur ; ou demandez à un collègue de le faire.',
    en: 'Triggers not installed: Google did not give the script your e-mail address ("See your primary Google Account email address" refused, or an account that does not show it). Without it nobody could tell whose triggers run. Reload the workbook, accept every permission, then run Set up workbook again; or ask a colleague to.',
  },
  trigger_hourly: { fr: 'travail planifié (chaque heure)', en: 'scheduled work (hourly)' },
  trigger_edit: { fr: 'modifications', en: 'edits' },
  trigger_change: { fr: 'colonnes déplacées', en: 'moved columns' },
  triggersMigrated: {
    fr: 'Les {n} anciens déclencheurs horaires sont remplacés par un seul, chaque heure.',
    en: 'The {n} old clock triggers are replaced by one, every hour.',
  },
  jobWatch: { fr: 'Liste de surveillance (chaque jour, 6 h)', en: 'Watch list (daily, 6:00)' },
  jobKnowing: {
    fr: 'Habitudes d’achat et suivis (chaque jour, 7 h)',
    en: 'Buying habits and follow-ups (daily, 7:00)',
  },
  jobCommissions: {
    fr: 'Commissions du mois précédent (le 1er, 5 h)',
    en: 'Commissions of the previous month (day 1, 5:00)',
  },
  jobDone: { fr: 'fait pour le {period} (à {at})', en: 'done for {period} (at {at})' },
  jobDoneMonth: { fr: '{period} calculé le {at}', en: '{period} computed at {at}' },
  jobNever: { fr: 'pas encore fait', en: 'not done yet' },
  jobFailed: {
    fr: 'dernier essai le {at} en échec : {message}',
    en: 'last attempt at {at} failed: {message}',
  },
  jobNext: { fr: 'prochain le {day} vers {hour} h', en: 'next on {day} around {hour}:00' },
  jobNextNow: { fr: 'prochain à la prochaine heure', en: 'next at the next hourly run' },
  jobSkippedMonths: {
    fr: 'Mois trop anciens laissés au menu (Rapport des commissions…) : {months}.',
    en: 'Months too old, left to the menu (Commission report…): {months}.',
  },
  jobUndone: {
    fr: 'dernier passage le {at}, travail laissé en plan : {message}',
    en: 'last run at {at} left work undone: {message}',
  },
  pendingWatchAll: {
    fr: 'En attente : toute la liste de surveillance à recalculer (depuis le {since}).',
    en: 'Pending: the whole watch list to recompute (since {since}).',
  },
  pendingWatch: {
    fr: 'En attente : la surveillance de {n} {n|client|clients} à recalculer ({codes}) depuis le {since}.',
    en: 'Pending: the watch status of {n} {n|client|clients} to recompute ({codes}) since {since}.',
  },
  pendingNotices: {
    fr: 'En attente : {n} {n|avis|avis} « sous surveillance » à envoyer (depuis le {since}), au prochain passage horaire dans le quota.',
    en: 'Pending: {n} "under watch" {n|notice|notices} to send (since {since}), at the next hourly run within the quota.',
  },
  pendingStatements: {
    fr: 'En attente : {n} {n|relevé|relevés} de commissions à envoyer ({months}, depuis le {since}), au prochain passage horaire dans le quota.',
    en: 'Pending: {n} commission {n|statement|statements} to send ({months}, since {since}), at the next hourly run within the quota.',
  },
  pendingDropped: {
    fr: '{n} {n|courriel en attente n’a pu être gardé|courriels en attente n’ont pu être gardés} (liste pleine) : les plus anciens.',
    en: '{n} pending {n|e-mail|e-mails} could not be kept (the list was full): the oldest.',
  },
  pendingLastDone: {
    fr: 'Travail en attente fait le {at} : {message}',
    en: 'Pending work done at {at}: {message}',
  },
  pendingLastKept: {
    fr: 'Travail gardé pour plus tard le {at} : {message}',
    en: 'Work kept for later at {at}: {message}',
  },
  pendingLastFailed: {
    fr: 'Dernier passage en échec le {at} : {message}',
    en: 'Last run failed at {at}: {message}',
  },
  undoneTitle: {
    fr: 'Fiche Client — travail non fait :',
    en: 'Fiche Client — work not done:',
  },
  undonePending: {
    fr: '{n} {n|tâche en attente|tâches en attente} (Fiche Client › Paramètres…).',
    en: '{n} pending {n|task|tasks} (Fiche Client › Settings…).',
  },
  jobStatementsKept: {
    fr: '{n} {n|relevé non envoyé|relevés non envoyés} (quota ou échec) : {n|gardé|gardés} pour le prochain passage.',
    en: '{n} {n|statement|statements} not sent (quota or failure): kept for the next run.',
  },
  jobNoticesKept: {
    fr: '{n} {n|avis non envoyé|avis non envoyés} (quota ou échec) : {n|gardé|gardés} pour le prochain passage.',
    en: '{n} {n|notice|notices} not sent (quota or failure): kept for the next run.',
  },
  jobDigestNotSent: {
    fr: 'Résumé des suivis : {n} {n|courriel non envoyé|courriels non envoyés} (quota ou échec).',
    en: 'Follow-up digest: {n} {n|e-mail|e-mails} not sent (quota or failure).',
  },
  keptBusy: {
    fr: 'Le classeur était occupé : la surveillance de {n} {n|client|clients} sera recalculée au prochain passage d’un déclencheur.',
    en: 'The workbook was busy: the watch status of {n} {n|client|clients} will be recomputed at the next trigger run.',
  },
  keptBusyAll: {
    fr: 'Le classeur était occupé : toute la liste de surveillance sera recalculée au prochain passage d’un déclencheur.',
    en: 'The workbook was busy: the whole watch list will be recomputed at the next trigger run.',
  },
  keptFailed: {
    fr: 'La surveillance n’a pas pu être recalculée ({reason}) : gardée pour le prochain passage.',
    en: 'The watch status could not be recomputed ({reason}): kept for the next run.',
  },
  keptDone: {
    fr: 'La surveillance laissée en attente a été recalculée.',
    en: 'The watch status left pending was recomputed.',
  },
  copyNotSetUp: {
    fr: 'Ce classeur est une copie d’un autre et n’est pas encore configuré : lancez Fiche Client › Configurer le classeur.',
    en: 'This workbook is a copy of another one and is not set up yet: run Fiche Client › Set up workbook.',
  },
  copyAdopted: {
    fr: 'Ce classeur a été copié d’un autre (configuré ici le {at}).',
    en: 'This workbook was copied from another one (set up here on {at}).',
  },
  copySettingsKept: {
    fr: 'Les paramètres de l’original sont gardés (langue, jours de grâce, terme, courriels, mois gardés) : vérifiez-les et enregistrez.',
    en: 'The original’s settings are kept (language, grace days, term, e-mails, months kept): check them and save.',
  },
  copyKeyLeftBehind: {
    fr: 'La clé Mailchimp de l’original n’a pas été gardée : entrez-la de nouveau dans Fiche Client › Mailchimp et suivis…',
    en: 'The original’s Mailchimp key was left behind: enter it again in Fiche Client › Mailchimp and follow-ups…',
  },
  copyOwnerLeftBehind: {
    fr: 'Les déclencheurs de l’original ne sont pas copiés : Configurer le classeur installe les vôtres.',
    en: 'The original’s triggers are not copied: Set up workbook installs yours.',
  },
  menuLoadSample: { fr: 'Charger le classeur d’exemple', en: 'Load the sample workbook' },
  sampleAsk: {
    fr: 'Taper l’exemple dans ce classeur ? 30 clients fictifs d’un distributeur québécois, leurs termes, vendeurs, journal CRM et un an de factures, puis la liste de surveillance et les commissions du mois dernier. Pour repartir de zéro ensuite, supprimez les lignes.',
    en: 'Type the sample into this workbook? 30 made-up clients of a Quebec distributor, their terms, salespeople, CRM log and a year of invoices, then the watch list and last month’s commissions. To start from scratch afterwards, delete the rows.',
  },
  sampleNotSetUp: {
    fr: 'Lancez d’abord Fiche Client › Configurer le classeur : l’exemple se charge dans un classeur configuré et vide.',
    en: 'Run Fiche Client › Set up workbook first: the sample goes into a set-up, empty workbook.',
  },
  sampleNotEmpty: {
    fr: 'L’exemple se charge seulement dans un classeur vide, et « {sheet} » a déjà des lignes : rien n’a été changé.',
    en: 'The sample only goes into an empty workbook, and "{sheet}" already has rows: nothing was changed.',
  },
  sampleDone: {
    fr: 'Exemple chargé : {clients} clients, {invoices} factures, commissions de {month}.',
    en: 'Sample loaded: {clients} clients, {invoices} invoices, commissions for {month}.',
  },
  aboutVersion: {
    fr: 'Fiche Client, version {version}, dans ce classeur.',
    en: 'Fiche Client, version {version}, in this workbook.',
  },
  aboutUpdateTemplate: {
    fr: 'Une copie du modèle ne se met pas à jour d’elle-même. Nouvelle version : faites une copie du modèle ({url}), configurez-la, puis copiez-y vos feuilles (clic droit sur l’onglet › Copier vers) ; ou demandez à qui entretient le script de le pousser dans votre classeur.',
    en: 'A copy of the template does not update itself. New version: make a copy of the template ({url}), set it up, then copy your sheets into it (right-click the tab › Copy to); or ask whoever keeps the script to push it into your workbook.',
  },
  aboutUpdateNoTemplate: {
    fr: 'Ce classeur ne se met pas à jour de lui-même : demandez une nouvelle version à qui vous a donné Fiche Client (une nouvelle copie du modèle, ou le script poussé dans votre classeur).',
    en: 'This workbook does not update itself: ask whoever gave you Fiche Client for a new version (a new copy of the template, or the script pushed into your workbook).',
  },
  aboutHome: { fr: 'Mode d’emploi : {url}', en: 'Guide: {url}' },
  menuAbout: { fr: 'À propos de Fiche Client', en: 'About Fiche Client' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** The message `key` in `lang`, placeholders filled (src/shared/text.ts). */
export const t = translator(MESSAGES);
