/** Texts the preview itself says (not the product's: those come from the bundle). */
import type { Lang } from '../src/shared/contract';
import { translator } from '../src/shared/text';

const TEXTS = {
  noTrigger: {
    fr: 'Aucun déclencheur {handler} installé : lancez « Configurer le classeur » dans le menu.',
    en: 'No {handler} trigger installed: run "Set up workbook" from the menu.',
  },
  triggerFailed: {
    fr: 'Le déclencheur {handler} a échoué : {message}',
    en: 'Trigger {handler} failed: {message}',
  },
  badDate: { fr: 'Date invalide : {date} (AAAA-MM-JJ)', en: 'Invalid date: {date} (YYYY-MM-DD)' },
  imported: {
    fr: '{rows} lignes importées dans {sheet}.',
    en: '{rows} rows imported into {sheet}.',
  },
  importFailed: { fr: 'Import refusé : {message}', en: 'Import refused: {message}' },
  importTitle: { fr: 'Importer dans {sheet}', en: 'Import into {sheet}' },
  importAsk: {
    fr: 'Remplacer les {before} lignes de « {sheet} » par les {rows} lignes du fichier ? {kept} Le classeur d’avant l’import est gardé : le bouton « Restaurer » le ramène.',
    en: 'Replace the {before} rows of "{sheet}" with the {rows} rows of the file? {kept} The workbook as it was before the import is kept: the "Restore" button brings it back.',
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
  restored: {
    fr: 'Classeur restauré tel qu’il était avant l’import.',
    en: 'Workbook restored as it was before the import.',
  },
  noBackup: { fr: 'Aucune sauvegarde d’import à restaurer.', en: 'No import backup to restore.' },
  dailyDone: {
    fr: 'Surveillance exécutée : {n} clients sous surveillance.',
    en: 'Watch list run: {n} clients under watch.',
  },
  monthlyDone: {
    fr: 'Commissions de {month} calculées : {n} lignes au rapport.',
    en: 'Commissions for {month} computed: {n} report rows.',
  },
  mailSent: { fr: 'Courriel envoyé à {to} : {subject}', en: 'E-mail sent to {to}: {subject}' },
  failed: { fr: 'Erreur : {message}', en: 'Error: {message}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type PreviewText = keyof typeof TEXTS;

/** A text of the preview in `lang` (src/shared/text.ts, as the server's and the sidebar's). */
export const t = translator(TEXTS);
