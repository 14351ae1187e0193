/**
 * Texts the server shows (menus, toasts, alerts, errors), in the workbook's language.
 * Form labels and validation messages live with the form (src/shared/i18n.ts).
 */
import type { Lang } from '../shared/contract';

const MESSAGES = {
  menuTitle: { fr: 'Fiche Client', en: 'Fiche Client' },
  menuClientForm: { fr: 'Fiche client', en: 'Client form' },
  menuSetup: { fr: 'Configurer le classeur', en: 'Set up workbook' },
  menuRefreshWatch: { fr: 'Actualiser la liste de surveillance', en: 'Refresh watch list' },
  menuCommissionReport: { fr: 'Rapport des commissions…', en: 'Commission report…' },
  menuSettings: { fr: 'Paramètres…', en: 'Settings…' },
  sidebarTitle: { fr: 'Fiche client', en: 'Client form' },
  settingsTitle: { fr: 'Paramètres de Fiche Client', en: 'Fiche Client settings' },
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
    fr: 'Ce client a été modifié par {by} le {at} depuis que vous l’avez ouvert. Rien n’a été enregistré.',
    en: 'This client was changed by {by} at {at} since you opened it. Nothing was saved.',
  },
  saved: { fr: 'Client « {code} » enregistré.', en: 'Client "{code}" saved.' },
  savedAs: {
    fr: 'Client enregistré sous le code « {code} » (« {asked} » venait d’être pris).',
    en: 'Client saved as "{code}" ("{asked}" had just been taken).',
  },
  unknownClient: {
    fr: 'Code client « {code} » absent de la feuille Clients',
    en: 'Client code "{code}" is not in the Clients sheet',
  },
  watchDone: {
    fr: '{watched} clients sous surveillance, dont {newly} nouveaux.',
    en: '{watched} clients under watch, {newly} newly.',
  },
  problemsFound: {
    fr: '{n} cellules illisibles ou incohérentes (ignorées) :',
    en: '{n} unreadable or inconsistent cells (skipped):',
  },
  problemLine: {
    fr: '{sheet}, ligne {row}, {column} : {message}',
    en: '{sheet}, row {row}, {column}: {message}',
  },
  askMonth: {
    fr: 'Mois à calculer (AAAA-MM). Laissez vide pour {month}.',
    en: 'Month to compute (YYYY-MM). Leave blank for {month}.',
  },
  paidOutChanged: {
    fr: 'Des commissions de {month} sont déjà marquées payées et changeraient :\n{changes}\n\nRecalculer quand même ?',
    en: 'Some commissions of {month} are already marked paid out and would change:\n{changes}\n\nRecompute anyway?',
  },
  commissionsDone: {
    fr: 'Commissions de {month} : {n} vendeurs, {total}.',
    en: 'Commissions for {month}: {n} salespeople, {total}.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** The message in `lang`, with `{name}` placeholders filled. */
export function t(
  lang: Lang,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}
