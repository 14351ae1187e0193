/** Display formats for read-only values (the record itself keeps ISO strings and numbers). */
import type { Lang } from '../shared/contract';

const LOCALE: Record<Lang, string> = { fr: 'fr-CA', en: 'en-CA' };

/** An ISO instant as a local date and time; '' stays ''. */
export function formatInstant(iso: string, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatMoney(value: number | null, lang: Lang): string {
  if (value === null) return '';
  return value.toLocaleString(LOCALE[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
