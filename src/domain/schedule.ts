/**
 * When the scheduled jobs run (decision 010): one hourly trigger (the dispatcher) replaces the
 * daily and monthly ones, so the rules of "when" live here, in the spreadsheet's time zone,
 * free of Apps Script.
 *
 * A daily job is due at the first hourly run at or after its hour on a day it has not run. A day
 * it missed altogether (Google skipped the runs, the owner's trigger quota was spent, the
 * workbook was busy all day) is caught up at the next hourly run, even before the job's hour:
 * that run counts as the day's, so the job never runs twice on one calendar day (a follow-up
 * digest at 01:00 and again at 07:00 would be two e-mails the same day).
 *
 * The monthly job computes, from day 1 at its hour, the month before. A month whose day-1 run
 * was missed (the dispatcher stopped over a month's first day, or the job failed all day) is
 * computed at the next hourly run, oldest first, one month a run (a month's run is long at full
 * size, and an execution has 6 minutes): never the same month twice, never one skipped, but at
 * most CATCH_UP_MONTHS back (older months belong to the menu's Commission report…: a workbook
 * whose triggers stopped for a year is not recomputed month by month behind the team's back).
 *
 * A job that has never run here (a new install, an install moved from the old triggers) starts
 * as if it had run at its last due time: its first run is at its next due time, as the old daily
 * and monthly triggers did (seed).
 */
import { addDays, isDay, isMonth, previousMonth, zoneClock } from './time';
import type { Day, Month } from './types';

export type JobName = 'commissions' | 'watch' | 'knowing';

export interface JobSpec {
  name: JobName;
  /** The hour (0–23, spreadsheet time) from which the job is due. */
  hour: number;
  every: 'day' | 'month';
}

/** In the order the dispatcher considers them when several are due (one runs per hourly run). */
export const JOBS: readonly JobSpec[] = [
  { name: 'commissions', hour: 5, every: 'month' },
  { name: 'watch', hour: 6, every: 'day' },
  { name: 'knowing', hour: 7, every: 'day' },
];

export const JOB_NAMES: readonly JobName[] = JOBS.map((j) => j.name);

/** Months the monthly job catches up on by itself (older ones: the menu). */
export const CATCH_UP_MONTHS = 3;

/** A day (daily jobs) or a month (the monthly job). */
export type Period = Day | Month;

/** The wall clock in the spreadsheet's zone. */
export interface LocalTime {
  day: Day;
  hour: number;
}

const MS_PER_DAY = 86_400_000;

/** The day and hour of an instant in a zone. */
export function localTime(instant: Date | number, timeZone: string): LocalTime {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const clock = zoneClock(timeZone);
  const local = ms + clock.offsetMinutesAt(ms) * 60_000;
  const inDay = ((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return { day: clock.dayOf(ms), hour: Math.floor(inDay / 3_600_000) };
}

/** 'YYYY-MM-DD HH:mm' of an instant in a zone (Settings' dates, without a service call). */
export function localStamp(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const clock = zoneClock(timeZone);
  const local = ms + clock.offsetMinutesAt(ms) * 60_000;
  const inDay = ((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const hh = String(Math.floor(inDay / 3_600_000)).padStart(2, '0');
  const mm = String(Math.floor((inDay % 3_600_000) / 60_000)).padStart(2, '0');
  return `${clock.dayOf(ms)} ${hh}:${mm}`;
}

export function jobSpec(name: JobName): JobSpec {
  const spec = JOBS.find((j) => j.name === name);
  if (!spec) throw new Error(`Unknown job ${name}`);
  return spec;
}

function nextMonth(month: Month): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function monthsBetween(from: Month, to: Month): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/**
 * The latest period whose run has come at `now`: today from the job's hour on (else
 * yesterday); for the monthly job, the month before this one from day 1 at its hour on (else
 * the month before that).
 */
export function latestDue(spec: JobSpec, now: LocalTime): Period {
  const reached = now.hour >= spec.hour;
  if (spec.every === 'day') return reached ? now.day : addDays(now.day, -1);
  const month = previousMonth(now.day);
  const firstOfMonth = now.day.endsWith('-01');
  return firstOfMonth && !reached ? previousMonth(`${month}-01`) : month;
}

/** What a job that never ran here is taken to have done last (see the header). */
export function seedPeriod(spec: JobSpec, now: LocalTime): Period {
  return latestDue(spec, now);
}

export interface Due {
  /** What the run records as done: today (daily), the month computed (monthly). */
  period: Period;
  /** Months too old to catch up on by itself, left to the menu (monthly job only). */
  skipped: Month[];
}

/**
 * Whether the job is due at `now` after `lastDone`, and for what period; null when it is not.
 * A daily job's run always counts for today (a missed day is caught up by today's run); the
 * monthly job computes the oldest month not done, at most CATCH_UP_MONTHS back.
 */
export function dueAt(spec: JobSpec, lastDone: Period, now: LocalTime): Due | null {
  const latest = latestDue(spec, now);
  if (!(lastDone < latest)) return null;
  if (spec.every === 'day') return { period: now.day, skipped: [] };
  const skipped: Month[] = [];
  let month = nextMonth(lastDone);
  while (monthsBetween(month, latest) >= CATCH_UP_MONTHS) {
    skipped.push(month);
    month = nextMonth(month);
  }
  return { period: month, skipped };
}

/**
 * When the job is next due after `lastDone`, as a wall-clock day and hour in the zone; null
 * when it is due now (at the next hourly run).
 */
export function nextDue(spec: JobSpec, lastDone: Period, now: LocalTime): LocalTime | null {
  if (dueAt(spec, lastDone, now)) return null;
  if (spec.every === 'day') {
    // Not due: done today, or done yesterday and the hour has not come.
    const day = lastDone >= now.day ? addDays(now.day, 1) : now.day;
    return { day, hour: spec.hour };
  }
  // The month after the last one done is computed from the first day of the month after it.
  return { day: `${nextMonth(nextMonth(lastDone))}-01`, hour: spec.hour };
}

/** Whether a recorded value is a period of this job (a day, or a month). */
export function isPeriod(spec: JobSpec, value: unknown): value is Period {
  return spec.every === 'day' ? isDay(value) : isMonth(value);
}
