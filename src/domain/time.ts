/**
 * Calendar days ('YYYY-MM-DD') and months ('YYYY-MM') in an IANA time zone, computed in plain
 * JavaScript so that a trigger reading 100,000 dates makes no Apps Script call per value
 * (DESIGN.md "Budgets": Utilities.formatDate per invoice is out).
 *
 * Days are handled as integers ("epoch days", days since 1970-01-01) internally: no Date is
 * allocated per call in addDays/daysBetween, and a Day string compares correctly as text.
 */
import type { Day, Month } from './types';

const MS_PER_DAY = 86_400_000;
/** Sheets serial day 0 is 1899-12-30 (the Lotus/Excel epoch): 25,569 days before 1970-01-01. */
const SHEETS_EPOCH_OFFSET_DAYS = 25_569;

// ---------------------------------------------------------------- epoch days ↔ Day strings

/**
 * Days since 1970-01-01 → 'YYYY-MM-DD' (proleptic Gregorian). Howard Hinnant's civil_from_days,
 * https://howardhinnant.github.io/date_algorithms.html — integer maths only, no Date.
 */
export function dayFromEpochDays(epochDays: number): Day {
  // A run reads 100,000 dates that fall on a few hundred days: building the same string again
  // and again was the refresh's largest cost in its own code (bench profile).
  let day = dayCache.get(epochDays);
  if (day === undefined) {
    if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
    day = civilFromDays(epochDays);
    dayCache.set(epochDays, day);
  }
  return day;
}

/** About 27 years of days: a bound, so a sheet of random dates cannot grow it without end. */
const DAY_CACHE_LIMIT = 10_000;
const dayCache = new Map<number, Day>();

function civilFromDays(epochDays: number): Day {
  const z = epochDays + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad4(y)}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** 'YYYY-MM-DD' → days since 1970-01-01 (days_from_civil). The day must be valid (see isDay). */
export function epochDaysOfDay(day: Day): number {
  let days = epochDaysCache.get(day);
  if (days === undefined) {
    if (epochDaysCache.size >= DAY_CACHE_LIMIT) epochDaysCache.clear();
    days = epochDaysOf(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
    epochDaysCache.set(day, days);
  }
  return days;
}
const epochDaysCache = new Map<Day, number>();

/** Days since 1970-01-01 of a calendar date given as numbers (month 1–12). */
export function epochDaysOf(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function pad4(y: number): string {
  return y >= 1000 ? String(y) : String(y).padStart(4, '0');
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A valid calendar date from numbers, or null (31 April, month 13, year 0…). */
export function makeDay(year: number, month: number, dayOfMonth: number): Day | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(dayOfMonth))
    return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || dayOfMonth < 1) return null;
  if (dayOfMonth > daysInMonth(year, month)) return null;
  return `${pad4(year)}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

// ---------------------------------------------------------------- Day and Month helpers

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Strict 'YYYY-MM-DD' that names a real calendar day. */
export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string') return false;
  const m = DAY_RE.exec(value);
  return m !== null && makeDay(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** Strict 'YYYY-MM': rejects '2026-13', '2026-1', 'octobre', numbers, surrounding spaces. */
export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH_RE.test(value) && value.slice(0, 4) !== '0000';
}

export function addDays(day: Day, n: number): Day {
  return dayFromEpochDays(epochDaysOfDay(day) + n);
}

/** Negative, zero or positive like a comparator; Day strings order as text. */
export function compareDays(a: Day, b: Day): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Day, to: Day): number {
  return epochDaysOfDay(to) - epochDaysOfDay(from);
}

export function monthOfDay(day: Day): Month {
  return day.slice(0, 7);
}

/** The month before the one of `today`: the default month of the commission report. */
export function previousMonth(today: Day): Month {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${pad4(y - 1)}-12` : `${pad4(y)}-${m - 1 < 10 ? '0' : ''}${m - 1}`;
}

/** First and last day of a month, both included. */
export function monthRange(month: Month): { first: Day; last: Day } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = daysInMonth(y, m);
  return { first: `${month}-01`, last: `${month}-${last}` };
}

/** Sheets serial number (days since 1899-12-30, fraction = time of day) → its calendar day. */
export function dayFromSerial(serial: number): Day {
  return dayFromEpochDays(Math.floor(serial) - SHEETS_EPOCH_OFFSET_DAYS);
}

/** A day as a Sheets serial number: written into a date-formatted cell it shows that date. */
export function serialOfDay(day: Day): number {
  return epochDaysOfDay(day) + SHEETS_EPOCH_OFFSET_DAYS;
}

// ---------------------------------------------------------------- instants in a time zone

/**
 * Offset of a zone at an instant, in minutes east of UTC. The fallback a caller may provide
 * when Intl cannot resolve the zone (see zoneClock): e.g. computed once per distinct quarter
 * hour with Utilities.formatDate(d, tz, 'Z').
 */
export type OffsetMinutesAt = (epochMs: number) => number;

export interface ZoneClock {
  readonly timeZone: string;
  /** The calendar day of an instant in this zone. */
  dayOf(instant: Date | number): Day;
  /** Minutes east of UTC at an instant. */
  offsetMinutesAt(epochMs: number): number;
  /** The instant at which `day` begins in this zone (00:00 local, or the first instant after a gap). */
  startOfDay(day: Day): Date;
}

/**
 * Offsets are cached per quarter hour of UTC time: every zone transition of the tz database
 * happens on a 15-minute boundary, so one lookup serves every instant of the bucket. Dates
 * read from a sheet cluster at local midnights, so 100,000 invoices need a few thousand lookups.
 */
const BUCKET_MS = 15 * 60_000;

class IntlZoneClock implements ZoneClock {
  private readonly cache = new Map<number, number>();
  constructor(
    readonly timeZone: string,
    private readonly lookup: OffsetMinutesAt,
  ) {}

  offsetMinutesAt(epochMs: number): number {
    const bucket = Math.floor(epochMs / BUCKET_MS);
    let offset = this.cache.get(bucket);
    if (offset === undefined) {
      offset = this.lookup(bucket * BUCKET_MS);
      this.cache.set(bucket, offset);
    }
    return offset;
  }

  dayOf(instant: Date | number): Day {
    const ms = typeof instant === 'number' ? instant : instant.getTime();
    // Dates read from a sheet are a few hundred distinct instants (local midnights).
    let day = this.days.get(ms);
    if (day !== undefined) return day;
    if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
    const local = ms + this.offsetMinutesAt(ms) * 60_000;
    day = dayFromEpochDays(Math.floor(local / MS_PER_DAY));
    if (this.days.size >= DAY_CACHE_LIMIT) this.days.clear();
    this.days.set(ms, day);
    return day;
  }
  private readonly days = new Map<number, Day>();

  startOfDay(day: Day): Date {
    const localMidnight = epochDaysOfDay(day) * MS_PER_DAY;
    // The offsets in force on either side of that local midnight (a zone moves by < 14 h).
    const early = localMidnight - this.offsetMinutesAt(localMidnight - 14 * 3_600_000) * 60_000;
    const late = localMidnight - this.offsetMinutesAt(localMidnight + 14 * 3_600_000) * 60_000;
    let best = Infinity;
    for (const t of [early, late]) {
      if (t + this.offsetMinutesAt(t) * 60_000 === localMidnight && t < best) best = t;
    }
    // Midnight skipped by a DST gap: the day begins at the transition, the later candidate.
    return new Date(best === Infinity ? Math.max(early, late) : best);
  }
}

/**
 * Offset lookup through Intl.DateTimeFormat with a timeZone option. Apps Script's V8 runtime is
 * the V8 of Chrome (https://developers.google.com/apps-script/guides/v8-runtime) built with ICU,
 * and Apps Script authors use Intl.DateTimeFormat({timeZone}).formatToParts for exactly this
 * (e.g. https://oshliaer.github.io/oshliaer/docs/notes/sheets/google-sheets-api-dates.html).
 * Seconds are read too: pre-1900 local mean time offsets are not whole minutes.
 */
function intlOffsetLookup(timeZone: string): OffsetMinutesAt {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (epochMs: number): number => {
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const p of format.formatToParts(new Date(epochMs))) {
      if (p.type === 'year') y = Number(p.value);
      else if (p.type === 'month') mo = Number(p.value);
      else if (p.type === 'day') d = Number(p.value);
      else if (p.type === 'hour') h = Number(p.value) % 24;
      else if (p.type === 'minute') mi = Number(p.value);
      else if (p.type === 'second') s = Number(p.value);
    }
    const asUtc = epochDaysOf(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000;
    // epochMs is a bucket start, a whole number of seconds.
    return (asUtc - epochMs) / 60_000;
  };
}

const clocks = new Map<string, ZoneClock>();

/**
 * Where offsets come from when Intl rejects a zone, for every zoneClock not given its own
 * fallback: set once by the server (platform/zoneFallback.ts: Utilities.formatDate), since
 * whether Apps Script's V8 carries every IANA zone is not documented (the emulator's
 * intlTimeZones switch). Null: none (the RangeError stands).
 */
let defaultFallback: ((timeZone: string) => OffsetMinutesAt) | null = null;

export function setZoneFallback(factory: ((timeZone: string) => OffsetMinutesAt) | null): void {
  defaultFallback = factory;
  clocks.clear();
}

/** A week: offsets are sampled this far apart (sampledOffsets). */
const SAMPLE_MS = 7 * MS_PER_DAY;

/**
 * Offsets from an exact but costly lookup (one Apps Script call each): sampled a week apart,
 * and where two samples differ the change is found by bisection to the quarter hour (about ten
 * lookups). So a run reading dates over N years makes about 52 N + 10 per change lookups,
 * however many dates. Assumes at most one change of offset in a week, as in every zone of the
 * tz database since 1970 but a handful of historical double changes.
 */
export function sampledOffsets(exact: OffsetMinutesAt): OffsetMinutesAt {
  const samples = new Map<number, number>();
  const changes = new Map<number, number>();
  const sample = (week: number): number => {
    let offset = samples.get(week);
    if (offset === undefined) {
      offset = exact(week * SAMPLE_MS);
      samples.set(week, offset);
    }
    return offset;
  };
  return (epochMs: number): number => {
    const week = Math.floor(epochMs / SAMPLE_MS);
    const before = sample(week);
    const after = sample(week + 1);
    if (before === after) return before;
    let change = changes.get(week);
    if (change === undefined) {
      let lo = (week * SAMPLE_MS) / BUCKET_MS;
      let hi = ((week + 1) * SAMPLE_MS) / BUCKET_MS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (exact(mid * BUCKET_MS) === before) lo = mid;
        else hi = mid;
      }
      change = hi * BUCKET_MS;
      changes.set(week, change);
    }
    return epochMs >= change ? after : before;
  };
}

/**
 * The clock of a zone, cached per zone name for the life of the script run. Intl is used when
 * it knows the zone; else `fallback`, else the fallback set by setZoneFallback; with neither,
 * Intl's RangeError naming the zone is thrown.
 */
export function zoneClock(timeZone: string, fallback?: OffsetMinutesAt): ZoneClock {
  const cached = clocks.get(timeZone);
  if (cached) return cached;
  let lookup: OffsetMinutesAt;
  if (!fallback && defaultFallback) {
    try {
      lookup = intlOffsetLookup(timeZone);
    } catch {
      lookup = defaultFallback(timeZone);
    }
  } else if (!fallback) {
    // Intl's own RangeError names the zone ("Invalid time zone specified: Foo/Bar").
    lookup = intlOffsetLookup(timeZone);
  } else {
    try {
      lookup = intlOffsetLookup(timeZone);
    } catch {
      lookup = fallback;
    }
  }
  const clock = new IntlZoneClock(timeZone, lookup);
  clocks.set(timeZone, clock);
  return clock;
}

/** A clock from an explicit offset lookup, never cached by name (tests, or a caller's fallback). */
export function zoneClockFromOffsets(timeZone: string, lookup: OffsetMinutesAt): ZoneClock {
  return new IntlZoneClock(timeZone, lookup);
}

/** The calendar day of an instant in a zone ('America/Toronto', 'UTC', …). */
export function dayInZone(instant: Date | number, timeZone: string): Day {
  return zoneClock(timeZone).dayOf(instant);
}

/** The month of an instant in a zone. */
export function monthInZone(instant: Date | number, timeZone: string): Month {
  return monthOfDay(dayInZone(instant, timeZone));
}
