/** Texts the preview itself says (not the product's: those come from the bundle). */
import type { Lang } from '../src/shared/contract';

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
  mailSent: { fr: 'Courriel envoyé à {to} : {subject}', en: 'E-mail sent to {to}: {subject}' },
  failed: { fr: 'Erreur : {message}', en: 'Error: {message}' },
} as const satisfies Record<string, Record<Lang, string>>;

export type PreviewText = keyof typeof TEXTS;

export function say(
  lang: Lang,
  key: PreviewText,
  vars: Record<string, string | number> = {},
): string {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (m, k: string) =>
    k in vars ? String(vars[k]) : m,
  );
}
