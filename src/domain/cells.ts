/**
 * Reading what people really type into cells. Values are what Range.getValues() returns:
 * '' for a blank cell, number, boolean, Date, or string
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()).
 *
 * Every reader returns a CellRead: blank is its own case (value null, never an error, the caller
 * decides whether the column is required), and an unreadable cell gives a message in both
 * languages so the caller can report sheet, row and column in the user's language. Nothing here
 * guesses: "12 abc" is an error, not 12.
 */
import type { Lang } from '../shared/contract';
import { isDay, makeDay, dayFromSerial, zoneClock } from './time';
import type { Day } from './types';
import { translator, type Params, type TextTable } from '../shared/text';

/** A cell value as Range.getValues() gives it. */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface Bilingual {
  fr: string;
  en: string;
}

export type CellRead<T> = { ok: true; value: T | null } | { ok: false; message: Bilingual };

/** How to read a workbook: its language (decimal comma, d/m/y) and its time zone. */
export interface ReadContext {
  lang: Lang;
  timeZone: string;
}

const BLANK: { ok: true; value: null } = { ok: true, value: null };

function ok<T>(value: T): CellRead<T> {
  return { ok: true, value };
}

const CELL_TEXT = {
  invalidNumber: { fr: 'Nombre invalide', en: 'Invalid number' },
  invalidDate: { fr: 'Date invalide', en: 'Invalid date' },
  numberExpected: { fr: 'Nombre attendu, reçu « {got} »', en: 'Number expected, got "{got}"' },
  amountExpected: { fr: 'Montant attendu, reçu « {got} »', en: 'Amount expected, got "{got}"' },
  amountTooLarge: {
    fr: 'Montant d’au plus 1 000 000 000 000 attendu, reçu « {got} »',
    en: 'Amount of at most 1,000,000,000,000 expected, got "{got}"',
  },
  daysExpected: {
    fr: 'Nombre de jours entier attendu, reçu « {got} »',
    en: 'Whole number of days expected, got "{got}"',
  },
  percentExpected: {
    fr: 'Pourcentage entre 0 et 100 attendu, reçu « {got} »',
    en: 'Percentage between 0 and 100 expected, got "{got}"',
  },
  yesNoExpected: {
    fr: 'Oui ou non attendu, reçu « {got} »',
    en: 'Yes or no expected, got "{got}"',
  },
  dateExpected: {
    fr: 'Date attendue (AAAA-MM-JJ ou JJ/MM/AAAA), reçu « {got} »',
    en: 'Date expected (YYYY-MM-DD or MM/DD/YYYY), got "{got}"',
  },
} satisfies TextTable;
const say = translator(CELL_TEXT);

/**
 * A refused cell. The message is kept in both languages: the cell is read once and reported in
 * the language of whoever sees it (a sheet note, the form, a digest).
 */
function fail<T>(key: keyof typeof CELL_TEXT, got?: CellValue): CellRead<T> {
  const params: Params = got === undefined ? {} : { got: shown(got) };
  return { ok: false, message: { fr: say(key, 'fr', params), en: say(key, 'en', params) } };
}

/** Shown in messages: what the cell held, shortened. */
function shown(value: CellValue): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isBlank(value: CellValue): boolean {
  return (
    value === '' ||
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '')
  );
}

// ---------------------------------------------------------------- text and codes

/** A number as text without exponent: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function numberToText(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  // maximumFractionDigits 20 is the ES2020 ceiling; enough for anything typed in a cell.
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * Free text, trimmed. Numbers become their digits (a code typed as 42 is "42"; "0042" stored as
 * text stays "0042"), booleans "TRUE"/"FALSE" as Sheets shows them, dates their day in the zone.
 */
export function readText(value: CellValue, ctx?: ReadContext): CellRead<string> {
  if (isBlank(value)) return BLANK;
  if (typeof value === 'string') return ok(value.trim());
  if (typeof value === 'number')
    return Number.isFinite(value) ? ok(numberToText(value)) : fail('invalidNumber');
  if (typeof value === 'boolean') return ok(value ? 'TRUE' : 'FALSE');
  if (value instanceof Date) {
    if (!ctx) return ok(value.toISOString());
    return readDay(value, ctx) as CellRead<string>;
  }
  return ok(String(value).trim());
}

/** A client code (or invoice number): text, trimmed. Match codes with codeKey. */
export function readCode(value: CellValue): CellRead<string> {
  return readText(value);
}

/** The code a cell holds, trimmed ('' for none): text or a number, nothing else. */
export function cellCode(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** codeKey of the code a cell holds ('' for none). */
export function cellCodeKey(value: unknown): string {
  return codeKey(cellCode(value));
}

/**
 * The key under which codes match: trimmed, Unicode-normalized, case-insensitive
 * ("ab-12 " and "AB-12" are one client). toLowerCase is locale-independent.
 */
export function codeKey(code: string): string {
  return code.normalize('NFC').trim().toLowerCase();
}

// ---------------------------------------------------------------- numbers

/** Spaces people and locales put between thousands: space, no-break, narrow no-break, thin. */
const SPACES = /[\s\u00A0\u202F\u2009\u2007]/g;
const CURRENCY = /^(?:CA\$|C\$|US\$|\$|CAD|USD|€|EUR)|(?:CA\$|C\$|US\$|\$|CAD|USD|€|EUR)$/i;

/**
 * Parses a typed number. Rules, in order:
 * - spaces of any kind are thousands separators and vanish ("1 234,56");
 * - a sign "-" / "−" in front or at the end, or parentheses "(12.00)" (accounting) make it negative;
 * - both "," and "." present: the last one is the decimal mark, the other groups thousands;
 * - only ",": several → thousands (en only); one → decimal in French, and in English a
 *   thousands separator when exactly 3 digits follow ("1,234"), else decimal ("12,5");
 * - only ".": several → thousands ("1.234.567"); one → decimal in both languages (Quebec
 *   workbooks often hold "1234.5" pasted from elsewhere).
 * Thousands groups must have 3 digits, so "1,23,4" is refused rather than guessed.
 */
export function parseNumberText(raw: string, lang: Lang): number | null {
  let text = raw.replace(SPACES, '');
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(CURRENCY, '');
  if (/^[-−]/.test(text)) {
    negative = !negative;
    text = text.slice(1);
  } else if (/[-−]$/.test(text)) {
    negative = !negative;
    text = text.slice(0, -1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  text = text.replace(CURRENCY, '');
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return null;

  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let group = '';
  let decimal = '';
  if (lastComma >= 0 && lastDot >= 0) {
    decimal = lastComma > lastDot ? ',' : '.';
    group = decimal === ',' ? '.' : ',';
  } else if (lastComma >= 0) {
    const several = text.indexOf(',') !== lastComma;
    if (several) group = lang === 'en' ? ',' : '';
    else if (lang === 'fr') decimal = ',';
    else if (/^\d{1,3},\d{3}$/.test(text)) group = ',';
    else decimal = ',';
    if (several && group === '') return null;
  } else if (lastDot >= 0) {
    if (text.indexOf('.') !== lastDot) group = '.';
    else decimal = '.';
  }

  let integer = text;
  let fraction = '';
  if (decimal) {
    const at = text.lastIndexOf(decimal);
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (fraction.includes(',') || fraction.includes('.') || (integer === '' && fraction === ''))
      return null;
  }
  if (group) {
    const groups = integer.split(group);
    const [head, ...tail] = groups;
    if (!head || head.length > 3 || tail.some((g) => g.length !== 3)) return null;
    integer = groups.join('');
  }
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction)) return null;
  const n = Number(`${integer || '0'}.${fraction || '0'}`);
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/** A number typed or stored in a cell ("1 234,56", "$1,234.56", "-12", "(12.00)"). */
export function readNumber(value: CellValue, ctx: Pick<ReadContext, 'lang'>): CellRead<number> {
  if (isBlank(value)) return BLANK;
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('invalidNumber');
  if (typeof value === 'string') {
    const n = parseNumberText(value.trim(), ctx.lang);
    if (n !== null) return ok(n === 0 ? 0 : n);
  }
  return fail('numberExpected', value);
}

/**
 * The largest amount read as money: a thousand billion. Past it a cell is a typing accident,
 * and sums of 100,000 such amounts would leave the exact cents (money.ts) and then the finite
 * numbers (1.8e306 summed is Infinity, which formatMoney refuses): said, not computed on.
 */
export const MAX_AMOUNT = 1e12;

/** An amount of money: a number, with or without "$" / "CAD", any thousands spaces. */
export function readMoney(value: CellValue, ctx: Pick<ReadContext, 'lang'>): CellRead<number> {
  const read = readNumber(value, ctx);
  if (read.ok && (read.value === null || Math.abs(read.value) <= MAX_AMOUNT)) return read;
  if (read.ok) return fail('amountTooLarge', value);
  return fail('amountExpected', value);
}

/** A whole number of days (a term), 0 or more. */
export function readDays(value: CellValue, ctx: Pick<ReadContext, 'lang'>): CellRead<number> {
  const read = readNumber(value, ctx);
  if (read.ok && (read.value === null || (Number.isInteger(read.value) && read.value >= 0)))
    return read;
  return fail('daysExpected', value);
}

/**
 * A percentage 0–100 ("12,5", "12.5 %", 12.5). A cell formatted as percent holds a fraction
 * (12.5 % is stored as 0.125), but so does a rate of 0.125 % typed in a plain cell: the two are
 * indistinguishable here, so numbers are taken as typed and the sheet layer keeps these columns
 * in a plain number format. Text with "%" is read as written ("12,5 %" → 12.5).
 */
export function readPercent(value: CellValue, ctx: Pick<ReadContext, 'lang'>): CellRead<number> {
  const text = typeof value === 'string' ? value.trim().replace(/%$/, '') : value;
  const read = readNumber(text, ctx);
  if (read.ok && (read.value === null || (read.value >= 0 && read.value <= 100))) return read;
  return fail('percentExpected', value);
}

// ---------------------------------------------------------------- booleans

const TRUE_WORDS = new Set(['true', 'vrai', 'oui', 'yes', 'y', 'o', 'x', '1', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'faux', 'non', 'no', 'n', '0']);

/** A checkbox or a typed yes/no: TRUE/FALSE, VRAI/FAUX, oui/non, yes/no, x, 1/0. */
export function readBoolean(value: CellValue): CellRead<boolean> {
  if (isBlank(value)) return BLANK;
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'number' && (value === 0 || value === 1)) return ok(value === 1);
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
  }
  return fail('yesNoExpected', value);
}

// ---------------------------------------------------------------- dates

/** Serial numbers Sheets shows as dates: 1 (1899-12-31) up to 9999-12-31. */
const MAX_SERIAL = 2_958_465;

const ISO_LIKE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/**
 * A calendar day. Date objects (a date cell) give their day in the spreadsheet's time zone;
 * a number in a date column is a Sheets serial day (1899-12-30 epoch; the time of day is
 * dropped); text may be "2026-10-15", "2026/10/15", or day and month with a 4-digit year:
 * "15/10/2026" is d/m/y in a French workbook and "10/15/2026" m/d/y in an English one.
 * When only one order gives a real date ("15/10/2026" in English) that one is taken, since
 * dates are often pasted from the other language's system; when both do, the workbook
 * language decides. Month names work in both languages ("15 octobre 2026", "Oct 15, 2026").
 * A time after an ISO day is ignored: the text names its own local day.
 */
export function readDay(value: CellValue, ctx: ReadContext): CellRead<Day> {
  if (isBlank(value)) return BLANK;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail('invalidDate');
    return ok(zoneClock(ctx.timeZone).dayOf(value));
  }
  if (typeof value === 'number') {
    if (value >= 1 && value <= MAX_SERIAL) return ok(dayFromSerial(value));
  } else if (typeof value === 'string') {
    const day = parseDayText(value.trim(), ctx.lang);
    if (day) return ok(day);
  }
  return fail('dateExpected', value);
}

/**
 * Month names and their usual abbreviations, accents optional ("fevrier", "aout"), lower case.
 * Both languages are accepted whatever the workbook language: names are never ambiguous.
 */
const MONTH_NAMES: Record<string, number> = {};
[
  ['janvier', 'janv', 'january', 'jan'],
  ['février', 'fevrier', 'févr', 'fevr', 'fév', 'fev', 'february', 'feb'],
  ['mars', 'march', 'mar'],
  ['avril', 'avr', 'april', 'apr'],
  ['mai', 'may'],
  ['juin', 'june', 'jun'],
  ['juillet', 'juil', 'july', 'jul'],
  ['août', 'aout', 'august', 'aug'],
  ['septembre', 'sept', 'september', 'sep'],
  ['octobre', 'oct', 'october'],
  ['novembre', 'nov', 'november'],
  ['décembre', 'decembre', 'déc', 'dec', 'december'],
].forEach((names, i) => names.forEach((n) => (MONTH_NAMES[n] = i + 1)));

/** "15 octobre 2026", "1er oct. 2026", "15 Oct 2026" */
const DAY_NAME_YEAR = /^(\d{1,2})(?:er|st|nd|rd|th)?\s+([a-zà-ÿ]+)\.?,?\s+(\d{4})$/;
/** "October 15, 2026", "Oct. 15 2026" */
const NAME_DAY_YEAR = /^([a-zà-ÿ]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

function parseNamedMonth(text: string): Day | null {
  const lower = text.toLowerCase().replace(/[\s\u00A0\u202F]+/g, ' ');
  const a = DAY_NAME_YEAR.exec(lower);
  if (a) {
    const month = MONTH_NAMES[a[2] as string];
    return month ? makeDay(Number(a[3]), month, Number(a[1])) : null;
  }
  const b = NAME_DAY_YEAR.exec(lower);
  if (b) {
    const month = MONTH_NAMES[b[1] as string];
    return month ? makeDay(Number(b[3]), month, Number(b[2])) : null;
  }
  return null;
}

/** Text → Day by the rules of readDay, or null. */
export function parseDayText(text: string, lang: Lang): Day | null {
  if (isDay(text)) return text;
  if (/[a-zà-ÿ]/i.test(text) && !/^\d{4}-\d/.test(text)) return parseNamedMonth(text);
  const iso = ISO_LIKE.exec(text);
  if (iso) return makeDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = NUMERIC_DMY.exec(text);
  if (!dmy) return null;
  const a = Number(dmy[1]);
  const b = Number(dmy[2]);
  const year = Number(dmy[3]);
  const asDayMonth = makeDay(year, b, a);
  const asMonthDay = makeDay(year, a, b);
  return lang === 'fr' ? (asDayMonth ?? asMonthDay) : (asMonthDay ?? asDayMonth);
}
