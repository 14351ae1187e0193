/**
 * Quebec and Canadian formats of the client's address and phone (decision 021): a postal code
 * `A1A 1A1`, a phone `514 555-0101` (extension kept), a province or territory by its two-letter
 * code. Pure and shared: the zod schemas (schemas.ts) normalize and refuse with these, the
 * sidebar normalizes as the person leaves the field and warns on a value the sheet holds.
 */
import type { Lang } from './contract';

/**
 * The 13 provinces and territories, by their Canada Post two-letter codes, with their names in
 * both official languages. https://www.canadapost-postescanada.ca/cpc/en/support/kb/sending/
 * addressing-mail/province-and-territory-abbreviations (the same codes as ISO 3166-2:CA).
 */
export const PROVINCES = [
  { code: 'AB', en: 'Alberta', fr: 'Alberta' },
  { code: 'BC', en: 'British Columbia', fr: 'Colombie-Britannique' },
  { code: 'MB', en: 'Manitoba', fr: 'Manitoba' },
  { code: 'NB', en: 'New Brunswick', fr: 'Nouveau-Brunswick' },
  { code: 'NL', en: 'Newfoundland and Labrador', fr: 'Terre-Neuve-et-Labrador' },
  { code: 'NS', en: 'Nova Scotia', fr: 'Nouvelle-Écosse' },
  { code: 'NT', en: 'Northwest Territories', fr: 'Territoires du Nord-Ouest' },
  { code: 'NU', en: 'Nunavut', fr: 'Nunavut' },
  { code: 'ON', en: 'Ontario', fr: 'Ontario' },
  { code: 'PE', en: 'Prince Edward Island', fr: 'Île-du-Prince-Édouard' },
  { code: 'QC', en: 'Quebec', fr: 'Québec' },
  { code: 'SK', en: 'Saskatchewan', fr: 'Saskatchewan' },
  { code: 'YT', en: 'Yukon', fr: 'Yukon' },
] as const;

/** @public The 13 province and territory codes (the domain's vocabulary; knip: kept). */
export type ProvinceCode = (typeof PROVINCES)[number]['code'];

/** What a new client starts with (decision 021): Quebec, Canada, the workbook's language. */
export const NEW_CLIENT_DEFAULTS = { province: 'QC', country: 'Canada' } as const;

/** Case, accents, dots, dashes and spaces ignored: "Île-du-Prince-Édouard" = "ile du prince edouard". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s.\-'’]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Whether a client's country is Canada: blank counts as Canada (a new client starts there, and
 * the product is for Canadian teams), as do "Canada", "CA", "CAN" in any case.
 */
export function isCanada(country: string): boolean {
  const c = fold(country);
  return c === '' || c === 'canada' || c === 'ca' || c === 'can';
}

/** Why a value was refused: the message key of i18n.ts. */
export type FormatProblem = 'badPostalCode' | 'badPhone' | 'badProvince';

export type Formatted = { ok: true; value: string } | { ok: false; problem: FormatProblem };

// Canada Post: letters D, F, I, O, Q and U are never used; W and Z never first.
// https://www.canadapost-postescanada.ca/cpc/en/support/kb/sending/addressing-mail/postal-code-format
const FIRST = 'ABCEGHJ-NPRSTVXY';
const OTHER = 'ABCEGHJ-NPRSTV-Z';
const POSTAL = new RegExp(`^([${FIRST}]\\d[${OTHER}])[\\s-]*(\\d[${OTHER}]\\d)$`);

/**
 * A Canadian postal code as `A1A 1A1` (uppercase, one space); in another country, as typed
 * (trimmed). Blank stays blank.
 */
export function formatPostalCode(text: string, country: string): Formatted {
  const s = text.trim();
  if (s === '' || !isCanada(country)) return { ok: true, value: s };
  const m = POSTAL.exec(s.toUpperCase());
  return m ? { ok: true, value: `${m[1]} ${m[2]}` } : { ok: false, problem: 'badPostalCode' };
}

// 10 digits (North American numbering: area code and exchange never start with 0 or 1), an
// optional +1 or 1 before, separators as people type them, then an optional extension.
const PHONE =
  /^(?:\+?1[\s.-]*)?\(?([2-9]\d{2})\)?[\s.-]*(\d{3})[\s.-]*(\d{4})(?:\s*,?\s*(poste|post\.?|p\.|ext\.?|extension|x|#)\s*(\d{1,6}))?$/i;
// A number outside North America, in international form: + then 8 to 15 digits (E.164).
const INTERNATIONAL = /^\+(?!1)[\d\s().-]+$/;

/**
 * A phone as `514 555-0101`, `514 555-0101 poste 123` (an extension typed "poste", "p." or
 * "post.") or `514 555-0101 ext. 123` ("ext", "x", "#"); an international number (+ and a
 * country code other than 1) as typed. Blank stays blank.
 */
export function formatPhone(text: string): Formatted {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return { ok: true, value: '' };
  const m = PHONE.exec(s);
  if (m) {
    const main = `${m[1]} ${m[2]}-${m[3]}`;
    if (!m[5]) return { ok: true, value: main };
    const word = /^p/i.test(m[4]!) ? 'poste' : 'ext.';
    return { ok: true, value: `${main} ${word} ${m[5]}` };
  }
  if (INTERNATIONAL.test(s)) {
    const digits = s.replace(/\D/g, '').length;
    if (digits >= 8 && digits <= 15) return { ok: true, value: s };
  }
  return { ok: false, problem: 'badPhone' };
}

/**
 * A province or territory as its code, from its code or its name in either language (case and
 * accents ignored: "quebec", "Québec", "qc" → "QC"); in another country, as typed.
 */
export function formatProvince(text: string, country: string): Formatted {
  const s = text.trim();
  if (s === '' || !isCanada(country)) return { ok: true, value: s };
  const f = fold(s);
  const found = PROVINCES.find(
    (p) => p.code.toLowerCase() === f || fold(p.en) === f || fold(p.fr) === f,
  );
  return found ? { ok: true, value: found.code } : { ok: false, problem: 'badProvince' };
}

/** The name of a province code in `lang` ('' for a code not among the 13). */
export function provinceName(code: string, lang: Lang): string {
  return PROVINCES.find((p) => p.code === code)?.[lang] ?? '';
}

/** The formats a column may have (contract.ts ColumnDef.format). */
export type FieldFormat = 'phone' | 'postalCode' | 'province';

/** A field's value in its format, given the client's country. */
export function formatField(format: FieldFormat, text: string, country: string): Formatted {
  switch (format) {
    case 'phone':
      return formatPhone(text);
    case 'postalCode':
      return formatPostalCode(text, country);
    case 'province':
      return formatProvince(text, country);
  }
}
