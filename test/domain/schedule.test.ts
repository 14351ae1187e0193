/** The dispatcher's rules (src/domain/schedule.ts): when each scheduled job is due. */
import {
  CATCH_UP_MONTHS,
  dueAt,
  jobSpec,
  latestDue,
  localStamp,
  localTime,
  nextDue,
  seedPeriod,
} from '../../src/domain/schedule';

const watch = jobSpec('watch'); // daily, 06:00
const commissions = jobSpec('commissions'); // monthly, day 1, 05:00
const at = (day: string, hour: number) => ({ day, hour });

describe('local time in the spreadsheet’s zone', () => {
  it('day and hour, across daylight saving', () => {
    expect(localTime(Date.parse('2026-03-08T06:59:00Z'), 'America/Toronto')).toEqual(
      at('2026-03-08', 1),
    );
    // 02:00 EST becomes 03:00 EDT.
    expect(localTime(Date.parse('2026-03-08T07:00:00Z'), 'America/Toronto')).toEqual(
      at('2026-03-08', 3),
    );
    expect(localTime(Date.parse('2026-07-01T15:00:00Z'), 'Pacific/Honolulu')).toEqual(
      at('2026-07-01', 5),
    );
    expect(localStamp(Date.parse('2026-11-15T17:04:00Z'), 'America/Toronto')).toBe(
      '2026-11-15 12:04',
    );
  });
});

describe('a daily job', () => {
  it('is due at the first hourly run at or after its hour on a day it has not run', () => {
    expect(dueAt(watch, '2026-11-15', at('2026-11-16', 5))).toBeNull();
    expect(dueAt(watch, '2026-11-15', at('2026-11-16', 6))).toEqual({
      period: '2026-11-16',
      skipped: [],
    });
    expect(dueAt(watch, '2026-11-15', at('2026-11-16', 13))?.period).toBe('2026-11-16');
  });

  it('never twice a day', () => {
    for (let hour = 0; hour < 24; hour++)
      expect(dueAt(watch, '2026-11-16', at('2026-11-16', hour))).toBeNull();
  });

  it('a day missed altogether is caught up at the next hourly run, which counts as today’s', () => {
    // Last done on the 14th; the 15th missed. At 02:00 on the 16th: run now, for the 16th…
    expect(dueAt(watch, '2026-11-14', at('2026-11-16', 2))).toEqual({
      period: '2026-11-16',
      skipped: [],
    });
    // …and not again at 06:00.
    expect(dueAt(watch, '2026-11-16', at('2026-11-16', 6))).toBeNull();
  });

  it('next due: tomorrow at its hour once done, today at its hour before it', () => {
    expect(nextDue(watch, '2026-11-16', at('2026-11-16', 9))).toEqual(at('2026-11-17', 6));
    expect(nextDue(watch, '2026-11-15', at('2026-11-16', 3))).toEqual(at('2026-11-16', 6));
    expect(nextDue(watch, '2026-11-14', at('2026-11-16', 3))).toBeNull(); // due now
  });

  it('a new job starts from its next due time', () => {
    expect(seedPeriod(watch, at('2026-11-16', 12))).toBe('2026-11-16');
    expect(seedPeriod(watch, at('2026-11-16', 3))).toBe('2026-11-15');
    expect(dueAt(watch, seedPeriod(watch, at('2026-11-16', 3)), at('2026-11-16', 5))).toBeNull();
    expect(
      dueAt(watch, seedPeriod(watch, at('2026-11-16', 3)), at('2026-11-16', 6)),
    ).not.toBeNull();
  });
});

describe('the monthly job', () => {
  it('computes the month before from day 1 at its hour', () => {
    expect(latestDue(commissions, at('2026-12-01', 4))).toBe('2026-10');
    expect(latestDue(commissions, at('2026-12-01', 5))).toBe('2026-11');
    expect(dueAt(commissions, '2026-10', at('2026-12-01', 4))).toBeNull();
    expect(dueAt(commissions, '2026-10', at('2026-12-01', 5))).toEqual({
      period: '2026-11',
      skipped: [],
    });
    expect(dueAt(commissions, '2026-11', at('2026-12-20', 10))).toBeNull();
    expect(nextDue(commissions, '2026-11', at('2026-12-20', 10))).toEqual(at('2027-01-01', 5));
  });

  it('a missed month start is caught up at the next hourly run (across a year’s end)', () => {
    // Stopped from Nov 30 to Jan 2: December's run (Jan 1) missed, and November's (Dec 1).
    expect(dueAt(commissions, '2026-10', at('2027-01-02', 0))).toEqual({
      period: '2026-11',
      skipped: [],
    });
    expect(dueAt(commissions, '2026-11', at('2027-01-02', 1))).toEqual({
      period: '2026-12',
      skipped: [],
    });
    expect(dueAt(commissions, '2026-12', at('2027-01-02', 2))).toBeNull();
  });

  it(`catches up at most ${CATCH_UP_MONTHS} months; older ones are named as left to the menu`, () => {
    expect(dueAt(commissions, '2026-03', at('2026-12-02', 9))).toEqual({
      period: '2026-09',
      skipped: ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08'],
    });
  });
});
