/** Display formats for read-only values (the record itself keeps ISO strings and numbers). */
import type { Lang } from '../shared/contract';

const LOCALE: Record<Lang, string> = { fr: 'fr-CA', en: 'en-CA' };

/**
 * The spreadsheet's time zone (FormOpenResult.timeZone): times shown in the form are the
 * workbook's, as in the sheets, not the browser's (decision 021: 13 h 49 in Toronto showed as
 * 19 h 02 in a browser set to Paris).
 */
let zone: string | undefined;

export function setTimeZone(timeZone: string | undefined): void {
  zone = timeZone || undefined;
}

/** An ISO instant as a date and time in the spreadsheet's zone; '' stays ''. */
export function formatInstant(iso: string, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const style = { dateStyle: 'medium', timeStyle: 'short' } as const;
  try {
    return d.toLocaleString(LOCALE[lang], { ...style, timeZone: zone });
  } catch {
    return d.toLocaleString(LOCALE[lang], style); // a zone this browser does not know
  }
}

export function formatMoney(value: number | null, lang: Lang): string {
  if (value === null) return '';
  return value.toLocaleString(LOCALE[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
