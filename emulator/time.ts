/**
 * Time-zone helpers for the emulator, built on Intl only (no dependency), and
 * `formatDateJava`, the Java SimpleDateFormat subset that Apps Script's
 * Utilities.formatDate implements ("Formats date according to specification described in
 * Java SE SimpleDateFormat class":
 * https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)).
 */

/** Wall-clock fields of an instant in a zone. month is 1–12, weekday 0 = Sunday. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Throws RangeError for an unknown IANA zone, as Intl does. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClock(date: Date | number, timeZone: string): WallClock {
  const ms = typeof date === 'number' ? date : date.getTime();
  const parts = partsFormatter(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '0';
  let year = Number(get('year'));
  if (get('era') === 'BC') year = 1 - year;
  return {
    year,
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: WEEKDAYS_SHORT.indexOf(get('weekday')),
  };
}

const BUCKET_MS = 15 * 60000;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * Offset of the zone from UTC at that instant, in milliseconds (east positive). Zone
 * transitions since 1970 fall on quarter hours, so offsets are cached per 15-minute bucket
 * (Intl is slow and a workbook holds many dates).
 */
export function zoneOffsetMs(date: Date | number, timeZone: string): number {
  const ms = typeof date === 'number' ? date : date.getTime();
  if (ms < 0) return computeOffset(ms, timeZone);
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  let off = zone.get(bucket);
  if (off === undefined) {
    off = computeOffset(bucket * BUCKET_MS, timeZone);
    if (zone.size > 200000) zone.clear();
    zone.set(bucket, off);
  }
  return off;
}

function computeOffset(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  const utc = new Date(asUtc);
  if (w.year < 100) utc.setUTCFullYear(w.year);
  return utc.getTime() - ms;
}

/**
 * The instant at which the zone's wall clock shows these fields. For a wall time skipped by a
 * DST jump the later offset is used; for a repeated one, the first occurrence.
 */
export function zonedTimeToInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  return new Date(wallMsToInstantMs(wallAsUtc, timeZone));
}

/** Same, with the wall clock given as milliseconds "as if UTC". */
export function wallMsToInstantMs(wallAsUtc: number, timeZone: string): number {
  const first = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  const second = wallAsUtc - zoneOffsetMs(first, timeZone);
  if (first === second) return first;
  // Around a transition: prefer the candidate whose wall clock matches; else the earlier one.
  const ok = (t: number): boolean => t + zoneOffsetMs(t, timeZone) === wallAsUtc;
  if (ok(Math.min(first, second))) return Math.min(first, second);
  if (ok(Math.max(first, second))) return Math.max(first, second);
  return Math.max(first, second);
}

/**
 * The instant when the zone's wall clock shows this local time, for time-driven trigger
 * schedules ("every day at 6 in the script's time zone"). Day and month may overflow (Date.UTC
 * carries them). Two offset guesses, as the trigger scheduler always did: around a DST jump it
 * takes the offset in force after the first guess, which zonedTimeToInstant refines.
 */
export function zonedTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, timeZone), timeZone);
}

/** The wall clock of an instant in a zone, as milliseconds "as if UTC". */
export function instantToWallMs(date: Date | number, timeZone: string): number {
  const ms = typeof date === 'number' ? date : date.getTime();
  return ms + zoneOffsetMs(ms, timeZone);
}

/** 'YYYY-MM-DD' of an instant in a zone (the day convention of src/domain/types.ts). */
export function isoDay(date: Date | number, timeZone: string): string {
  const w = wallClock(date, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month, 2)}-${pad(w.day, 2)}`;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

// ---------------------------------------------------------------- SimpleDateFormat

/** English month and day names (SimpleDateFormat here, Sheets' date formats in format.ts). */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token = { letter: string; count: number } | { literal: string };

/**
 * Splits a SimpleDateFormat pattern: runs of the same letter are fields, 'quoted' text is
 * literal, '' is a single quote, other characters are literal.
 * https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html
 */
export function tokenizeJavaPattern(pattern: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      if (pattern.charAt(i + 1) === "'") {
        out.push({ literal: "'" });
        i += 2;
        continue;
      }
      let text = '';
      i++;
      while (i < pattern.length) {
        if (pattern.charAt(i) === "'") {
          if (pattern.charAt(i + 1) === "'") {
            text += "'";
            i += 2;
            continue;
          }
          break;
        }
        text += pattern.charAt(i);
        i++;
      }
      if (i >= pattern.length) throw new Error(`Unterminated quote in pattern: ${pattern}`);
      i++; // closing quote
      out.push({ literal: text });
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let n = 1;
      while (pattern.charAt(i + n) === ch) n++;
      out.push({ letter: ch, count: n });
      i += n;
      continue;
    }
    out.push({ literal: ch });
    i++;
  }
  return out;
}

function offsetText(offsetMs: number, style: 'Z' | 'X1' | 'X2' | 'X3' | 'GMT'): string {
  const totalMin = Math.round(offsetMs / 60000);
  const sign = totalMin < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(totalMin) / 60), 2);
  const m = pad(Math.abs(totalMin) % 60, 2);
  switch (style) {
    case 'Z':
      return `${sign}${h}${m}`;
    case 'X1':
      return totalMin === 0 ? 'Z' : `${sign}${h}${m === '00' ? '' : m}`;
    case 'X2':
      return totalMin === 0 ? 'Z' : `${sign}${h}${m}`;
    case 'X3':
      return totalMin === 0 ? 'Z' : `${sign}${h}:${m}`;
    case 'GMT':
      return totalMin === 0 ? 'GMT' : `GMT${sign}${h}:${m}`;
  }
}

/** Java's zone names: short (EST, PDT…) where Intl knows one, else "GMT±hh:mm" as Java does. */
function zoneName(date: Date, timeZone: string, long: boolean, offsetMs: number): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC')
    return long ? 'Coordinated Universal Time' : 'UTC';
  if (!name || /^GMT([+-]|$)/.test(name)) return offsetText(offsetMs, 'GMT');
  return name;
}

/**
 * Formats like Utilities.formatDate(date, timeZone, pattern): Java SimpleDateFormat letters,
 * English names, any IANA zone. An unknown letter throws, as Java's
 * "Illegal pattern character" does.
 */
export function formatDateJava(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date, timeZone);
  const off = zoneOffsetMs(date, timeZone);
  let out = '';
  for (const t of tokenizeJavaPattern(pattern)) {
    if ('literal' in t) {
      out += t.literal;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += w.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
      case 'u':
        if (t.letter === 'u') {
          out += pad(w.weekday === 0 ? 7 : w.weekday, n);
          break;
        }
        out += n === 2 ? pad(Math.abs(w.year) % 100, 2) : pad(w.year, n);
        break;
      case 'M':
      case 'L':
        out +=
          n >= 4
            ? (MONTHS[w.month - 1] ?? '')
            : n === 3
              ? (MONTHS[w.month - 1] ?? '').slice(0, 3)
              : pad(w.month, n);
        break;
      case 'd':
        out += pad(w.day, n);
        break;
      case 'D': {
        const doy =
          Math.round((Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000) +
          1;
        out += pad(doy, n);
        break;
      }
      case 'E':
        out += n >= 4 ? (DAYS[w.weekday] ?? '') : (DAYS[w.weekday] ?? '').slice(0, 3);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case 'K':
        out += pad(w.hour % 12, n);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.millisecond, n);
        break;
      case 'z':
        out += zoneName(date, timeZone, n >= 4, off);
        break;
      case 'Z':
        out += offsetText(off, 'Z');
        break;
      case 'X':
        if (n > 3) throw new Error(`Illegal pattern character 'X' (count ${n})`);
        out += offsetText(off, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        break;
      default:
        throw new Error(`Illegal pattern character '${t.letter}'`);
    }
  }
  return out;
}
