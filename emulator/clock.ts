/**
 * The emulated clock shared by every execution. Every service that cares about time (cache
 * expiry, time-based triggers, Utilities.sleep, lock waits, the mail quota day, the spreadsheet's
 * "now") reads it, and so do `new Date()` and `Date.now()` inside the loaded bundle (loader.ts),
 * so a test can put "today" anywhere and move time forward without waiting.
 */
export class Clock {
  private ms: number;

  constructor(start: Date | string | number = Date.now()) {
    this.ms = toMillis(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  millis(): number {
    return this.ms;
  }

  set(when: Date | string | number): void {
    this.ms = toMillis(when);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Clock.advance: bad duration ${ms}`);
    this.ms += ms;
  }
}

function toMillis(when: Date | string | number): number {
  const ms = when instanceof Date ? when.getTime() : new Date(when).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Clock: invalid date ${String(when)}`);
  return ms;
}
