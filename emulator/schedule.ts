import { wallClock, zonedTime } from './time';

/**
 * When time-driven triggers run. Daily, weekly and monthly schedules are wall-clock times in
 * the trigger's time zone (the script's unless inTimezone), so they follow daylight saving.
 */
export type Schedule =
  | { kind: 'minutes' | 'hours'; every: number }
  | { kind: 'days'; every: number; hour: number; minute: number }
  | { kind: 'weeks'; every: number; weekDay: number; hour: number; minute: number }
  | { kind: 'monthDay'; day: number; hour: number; minute: number }
  | { kind: 'once'; at: number };

/**
 * The first instant strictly after `from` that matches the schedule; `afterRun` means `from` was
 * itself a run of this schedule (for the fixed intervals: one interval later).
 */
export function nextRun(
  schedule: Schedule | null,
  from: number,
  timeZone: string,
  afterRun = false,
): number | null {
  if (!schedule) return null;
  switch (schedule.kind) {
    case 'once':
      return afterRun ? null : schedule.at;
    case 'minutes':
      return from + schedule.every * 60_000;
    case 'hours':
      return from + schedule.every * 3_600_000;
    case 'days':
    case 'weeks': {
      const p = wallClock(from, timeZone);
      const step = schedule.kind === 'days' ? schedule.every : 7 * schedule.every;
      if (afterRun)
        return zonedTime(p.year, p.month, p.day + step, schedule.hour, schedule.minute, timeZone);
      let dayOffset = 0;
      if (schedule.kind === 'weeks') dayOffset = (schedule.weekDay - p.weekday + 7) % 7;
      let t = zonedTime(
        p.year,
        p.month,
        p.day + dayOffset,
        schedule.hour,
        schedule.minute,
        timeZone,
      );
      if (t <= from)
        t = zonedTime(
          p.year,
          p.month,
          p.day + dayOffset + (schedule.kind === 'days' ? 1 : 7),
          schedule.hour,
          schedule.minute,
          timeZone,
        );
      return t;
    }
    case 'monthDay': {
      const p = wallClock(from, timeZone);
      let t = zonedTime(p.year, p.month, schedule.day, schedule.hour, schedule.minute, timeZone);
      if (t <= from)
        t = zonedTime(p.year, p.month + 1, schedule.day, schedule.hour, schedule.minute, timeZone);
      return t;
    }
  }
}

/**
 * Fields of a time-driven trigger's event object, in UTC ("timezone": "UTC"), per
 * https://developers.google.com/apps-script/guides/triggers/events#time-driven_events
 */
export function clockEventFields(ms: number): Record<string, unknown> {
  const p = wallClock(ms, 'UTC');
  const d = new Date(ms);
  const start = Date.UTC(p.year, 0, 1);
  const week = Math.ceil(((Date.UTC(p.year, p.month - 1, p.day) - start) / 86_400_000 + 1) / 7);
  return {
    year: p.year,
    month: p.month,
    'day-of-month': p.day,
    'day-of-week': p.weekday === 0 ? 7 : p.weekday,
    'week-of-year': week,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    timezone: 'UTC',
    utcDate: d,
  };
}
