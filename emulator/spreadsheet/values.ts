/**
 * How Sheets turns what is written into a cell into a stored value, and dates into serial
 * numbers. Apps Script's Range.setValue(s) with a string behaves like typing it
 * ("USER_ENTERED"): "42" becomes the number 42, "2026-10-15" a date, "=1+1" a formula,
 * "'0042" the text 0042. https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
 * and https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
 * A leading apostrophe forces text and is not kept:
 * https://support.google.com/docs/answer/3094044 (format numbers as text).
 */
import { instantToWallMs, wallMsToInstantMs, type WallClock } from '../time';
import type { AutoFormat, Scalar } from './model';

/*
 * Dates: "Google Sheets stores time internally relative to an epoch of 30 Dec 1899 00:00:00
 * using the time zone set in the spreadsheet" (http://tmdean.blogspot.com/2015/06/ ; serial
 * numbers: https://developers.google.com/sheets/api/guides/formats#about_date_time_values).
 * So a Date written is converted to the spreadsheet zone's wall clock, and getValue turns the
 * serial back into the instant that wall clock denotes in the spreadsheet zone. The script's
 * own time zone (appsscript.json) plays no part: it only changes how a Date prints. Written and
 * read in the same spreadsheet zone, a Date comes back as the same instant; after
 * setSpreadsheetTimeZone the stored wall clock stays and the instant read moves.
 */
const DAY_MS = 86400000;
/** Day 0 of Sheets' serial dates: 1899-12-30 (same epoch as Lotus/Excel, minus the 1900 bug). */
const EPOCH_WALL_MS = Date.UTC(1899, 11, 30);

/** Serial day number of an instant, as Sheets stores it: the wall clock in the sheet's zone. */
export function dateToSerial(date: Date, timeZone: string): number {
  return (instantToWallMs(date, timeZone) - EPOCH_WALL_MS) / DAY_MS;
}

/** The instant a serial day number stands for in the spreadsheet's zone (what getValue returns). */
export function serialToDate(serial: number, timeZone: string): Date {
  const wall = Math.round(EPOCH_WALL_MS + serial * DAY_MS);
  return new Date(wallMsToInstantMs(wall, timeZone));
}

/** Wall-clock fields of a serial number (no zone: the serial already is a wall clock). */
export function serialToFields(serial: number): WallClock {
  const d = new Date(Math.round(EPOCH_WALL_MS + serial * DAY_MS));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

function fieldsToSerial(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return (Date.UTC(y, mo - 1, d, h, mi, s) - EPOCH_WALL_MS) / DAY_MS;
}

// ---------------------------------------------------------------- locales

export interface LocaleInfo {
  decimal: string;
  /** Thousands separators accepted on input; the first is used for display. */
  groups: string[];
  /** Order of a slashed date typed in this locale. */
  dateOrder: 'mdy' | 'dmy';
  /** Automatic formats Sheets gives typed dates (Sheets format syntax). */
  dateFormat: string;
  dateTimeFormat: string;
  timeFormat: string;
  currencyFormat: string;
}

/**
 * The locales the product meets (Quebec teams: fr_CA and en_CA, plus en_US and fr_FR).
 * Assumption, documented: fr_CA and en_CA show dates as yyyy-mm-dd (the Canadian short date),
 * read slashed dates day first; fr locales group digits with a no-break space.
 */
const locales = new Map<string, LocaleInfo & { numberRe: RegExp; groupRe: RegExp }>();

export function localeInfo(locale: string): LocaleInfo & { numberRe: RegExp; groupRe: RegExp } {
  let info = locales.get(locale);
  if (!info) {
    info = buildLocaleInfo(locale);
    locales.set(locale, info);
  }
  return info;
}

function buildLocaleInfo(locale: string): LocaleInfo & { numberRe: RegExp; groupRe: RegExp } {
  const l = locale.replace('-', '_');
  const fr = /^fr/i.test(l);
  const canada = /_CA$/i.test(l);
  const us = /^en(_US)?$/i.test(l);
  const groups = fr ? ['\u00a0', ' ', '\u202f'] : [','];
  const decimal = fr ? ',' : '.';
  const g = groups.map(escapeRe).join('|');
  const d = escapeRe(decimal);
  return {
    numberRe: new RegExp(
      `^([+-])?(?:(\\d{1,3}(?:(?:${g})\\d{3})+|\\d+)(?:${d}(\\d*))?|${d}(\\d+))(?:[eE]([+-]?\\d+))?$`,
    ),
    groupRe: new RegExp(g, 'g'),
    decimal,
    groups,
    dateOrder: us ? 'mdy' : 'dmy',
    dateFormat: canada ? 'yyyy-mm-dd' : us ? 'M/d/yyyy' : 'dd/MM/yyyy',
    dateTimeFormat: canada ? 'yyyy-mm-dd H:mm:ss' : us ? 'M/d/yyyy H:mm:ss' : 'dd/MM/yyyy HH:mm:ss',
    timeFormat: us ? 'h:mm:ss am/pm' : 'HH:mm:ss',
    currencyFormat: fr ? '#,##0.00\\ "$"' : '"$"#,##0.00',
  };
}

// ---------------------------------------------------------------- typed input

export type Parsed =
  | { kind: 'empty' }
  | { kind: 'formula'; formula: string }
  | { kind: 'value'; value: Scalar; auto?: AutoFormat };

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number as typed in the locale ("1,234.5" en, "1 234,5" fr), or undefined. */
export function parseLocaleNumber(text: string, locale: string): number | undefined {
  const info = localeInfo(locale);
  const m = info.numberRe.exec(text);
  if (!m) return undefined;
  const intPart = (m[2] ?? '').replace(info.groupRe, '');
  const frac = m[3] ?? m[4] ?? '';
  const n = Number(`${m[1] ?? ''}${intPart || '0'}.${frac || '0'}e${m[5] ?? '0'}`);
  return Number.isFinite(n) ? n : undefined;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || y < 0 || y > 9999) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function twoDigitYear(y: string): number {
  const n = Number(y);
  // Sheets reads 2-digit years 00–29 as 20xx and 30–99 as 19xx (the usual spreadsheet pivot).
  return y.length <= 2 ? (n < 30 ? 2000 + n : 1900 + n) : n;
}

const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([AaPp][Mm]))?';
const ISO_DATE = new RegExp(`^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[ T]${TIME})?$`);
const SLASHED_DATE = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{2}|\\d{4})(?:\\s+${TIME})?$`);
const TIME_ONLY = new RegExp(`^${TIME}$`);

function timeOf(h: string, mi: string, s?: string, ampm?: string): number | undefined {
  let hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return (hour * 3600 + minute * 60 + second) / 86400;
}

/** A date, date-time or time as typed in the locale, as a serial number, or undefined. */
export function parseLocaleDate(
  text: string,
  locale: string,
): { serial: number; auto: AutoFormat } | undefined {
  const iso = ISO_DATE.exec(text);
  const slashed = iso ? null : SLASHED_DATE.exec(text);
  let y: number, mo: number, d: number, rest: (string | undefined)[];
  if (iso) {
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
    rest = iso.slice(4);
  } else if (slashed) {
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    y = twoDigitYear(slashed[3] ?? '');
    [mo, d] = localeInfo(locale).dateOrder === 'mdy' ? [a, b] : [b, a];
    rest = slashed.slice(4);
  } else {
    const t = TIME_ONLY.exec(text);
    if (!t) return undefined;
    const frac = timeOf(t[1] ?? '', t[2] ?? '', t[3], t[4]);
    return frac === undefined ? undefined : { serial: frac, auto: 'time' };
  }
  if (!validDate(y, mo, d)) return undefined;
  const day = fieldsToSerial(y, mo, d);
  if (rest[0] === undefined) return { serial: day, auto: 'date' };
  const frac = timeOf(rest[0], rest[1] ?? '', rest[2], rest[3]);
  return frac === undefined ? undefined : { serial: day + frac, auto: 'datetime' };
}

/**
 * What a script's write does in a plain-text cell, where the reference is silent (the switches
 * plainTextFormulas and plainTextApostrophe, emulator/switches.ts). A person typing keeps the
 * text as typed (https://support.google.com/docs/answer/56470): PERSON_IN_PLAIN_TEXT.
 */
export interface PlainTextWorld {
  formulas: 'text' | 'formula';
  apostrophe: 'kept' | 'swallowed';
}
export const PERSON_IN_PLAIN_TEXT: PlainTextWorld = { formulas: 'text', apostrophe: 'kept' };

/**
 * Reads a string the way Sheets reads typed input in that locale. `plainText` is a cell
 * formatted as plain text ('@'): its text is kept as is (that is how "0042" stays "0042"),
 * except what `world` says of a leading =, + or apostrophe.
 */
export function parseTyped(
  text: string,
  locale: string,
  plainText: boolean,
  world: PlainTextWorld = PERSON_IN_PLAIN_TEXT,
): Parsed {
  if (text === '') return { kind: 'empty' };
  if (plainText) {
    // The 'formula' world reads = and + first, as an automatic cell would ("+1" is "=+1").
    if (world.formulas === 'formula' && /^[=+]./s.test(text))
      return { kind: 'formula', formula: text.startsWith('=') ? text : `=${text}` };
    if (world.apostrophe === 'swallowed' && text.startsWith("'"))
      return { kind: 'value', value: text.slice(1) };
    return { kind: 'value', value: text };
  }
  if (text.startsWith("'")) return { kind: 'value', value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { kind: 'formula', formula: text };
  const t = text.trim();
  const fr = /^fr/i.test(locale);
  if (/^true$/i.test(t) || (fr && /^vrai$/i.test(t))) return { kind: 'value', value: true };
  if (/^false$/i.test(t) || (fr && /^faux$/i.test(t))) return { kind: 'value', value: false };
  const n = parseLocaleNumber(t, locale);
  if (n !== undefined) return { kind: 'value', value: n };
  const pct = /^(.*?)\s*%$/.exec(t);
  if (pct) {
    const p = parseLocaleNumber(pct[1] ?? '', locale);
    if (p !== undefined) return { kind: 'value', value: p / 100, auto: 'percent' };
  }
  const money = /^(-)?\$\s*(.+)$/.exec(t) ?? /^(-)?(.+?)\s*\$$/.exec(t);
  if (money) {
    const m = parseLocaleNumber(money[2] ?? '', locale);
    if (m !== undefined) return { kind: 'value', value: money[1] ? -m : m, auto: 'currency' };
  }
  const date = parseLocaleDate(t, locale);
  if (date) return { kind: 'value', value: date.serial, auto: date.auto };
  return { kind: 'value', value: text };
}
