import fc from 'fast-check';
import {
  addDays,
  compareDays,
  dayFromEpochDays,
  dayFromSerial,
  dayInZone,
  daysBetween,
  epochDaysOfDay,
  isDay,
  isMonth,
  monthInZone,
  monthOfDay,
  monthRange,
  previousMonth,
  sampledOffsets,
  serialOfDay,
  setZoneFallback,
  zoneClock,
  zoneClockFromOffsets,
  type OffsetMinutesAt,
} from '../../src/domain/time';

describe('dayInZone', () => {
  const lateOctober = new Date('2026-10-31T23:30:00-04:00');

  it('gives the day of the instant in the zone, not in UTC', () => {
    expect(dayInZone(lateOctober, 'America/Toronto')).toBe('2026-10-31');
    expect(dayInZone(lateOctober, 'UTC')).toBe('2026-11-01');
  });

  it('puts an invoice at 22:30 on the last day of a month in that month (Toronto)', () => {
    const at = new Date('2026-09-30T22:30:00-04:00');
    expect(monthInZone(at, 'America/Toronto')).toBe('2026-09');
    expect(monthInZone(at, 'UTC')).toBe('2026-10');
  });

  it('follows daylight saving changes (Toronto: EDT −4 in summer, EST −5 in winter)', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    expect(dayInZone(new Date('2026-03-08T04:59:59Z'), 'America/Toronto')).toBe('2026-03-07');
    expect(dayInZone(new Date('2026-03-08T05:00:00Z'), 'America/Toronto')).toBe('2026-03-08');
    expect(dayInZone(new Date('2026-03-09T03:59:59Z'), 'America/Toronto')).toBe('2026-03-08');
    expect(dayInZone(new Date('2026-03-09T04:00:00Z'), 'America/Toronto')).toBe('2026-03-09');
    expect(dayInZone(new Date('2026-11-01T03:59:59Z'), 'America/Toronto')).toBe('2026-10-31');
    expect(dayInZone(new Date('2026-11-02T04:59:59Z'), 'America/Toronto')).toBe('2026-11-01');
    expect(dayInZone(new Date('2026-11-02T05:00:00Z'), 'America/Toronto')).toBe('2026-11-02');
  });

  it('handles zones east of UTC and half-hour offsets', () => {
    expect(dayInZone(new Date('2026-06-30T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-01');
    expect(dayInZone(new Date('2026-06-30T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-06-30');
    expect(dayInZone(new Date('2026-12-31T11:00:00Z'), 'Pacific/Auckland')).toBe('2027-01-01');
  });

  it('agrees with Intl for any instant (property)', () => {
    const check = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Toronto',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(dayInZone(ms, 'America/Toronto')).toBe(check.format(new Date(ms)));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects an unknown zone unless a fallback is given', () => {
    expect(() => dayInZone(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    const clock = zoneClock('Nowhere/Fixed', () => -300);
    expect(clock.dayOf(new Date('2026-01-01T04:59:00Z'))).toBe('2025-12-31');
  });

  it('rejects an invalid Date', () => {
    expect(() => dayInZone(new Date('nope'), 'UTC')).toThrow(RangeError);
  });

  it('looks offsets up once per quarter hour, not once per instant', () => {
    let lookups = 0;
    const clock = zoneClockFromOffsets('Test/Fixed', () => {
      lookups++;
      return -240;
    });
    const midnight = Date.parse('2026-10-01T04:00:00Z');
    for (let i = 0; i < 1000; i++) clock.dayOf(midnight + (i % 3) * 1000);
    expect(lookups).toBe(1);
  });
});

describe('startOfDay', () => {
  it('is local midnight, across DST changes and gaps', () => {
    const toronto = zoneClock('America/Toronto');
    expect(toronto.startOfDay('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(toronto.startOfDay('2026-03-09').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(toronto.startOfDay('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    // Chile springs forward at midnight: 2026-09-06 begins at 01:00 −03 = 04:00Z.
    expect(zoneClock('America/Santiago').startOfDay('2026-09-06').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('round-trips with dayOf (property)', () => {
    const clock = zoneClock('America/Toronto');
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), (n) => {
        const day = dayFromEpochDays(n);
        expect(clock.dayOf(clock.startOfDay(day))).toBe(day);
        expect(clock.dayOf(clock.startOfDay(day).getTime() - 1)).toBe(addDays(day, -1));
      }),
      { numRuns: 300 },
    );
  });
});

describe('days and months', () => {
  it('validates days strictly', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2024-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-1-01',
      ' 2026-01-01',
      '20260101',
      20260101,
      null,
    ]) {
      expect(isDay(bad)).toBe(false);
    }
  });

  it('validates months strictly', () => {
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-01')).toBe(true);
    for (const bad of [
      '2026-13',
      '2026-00',
      '2026-1',
      'octobre',
      '2026-10-01',
      ' 2026-10',
      202610,
      '0000-01',
      undefined,
    ]) {
      expect(isMonth(bad)).toBe(false);
    }
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-01', 30)).toBe('2026-10-31');
  });

  it('counts days between, compares days', () => {
    expect(daysBetween('2026-10-01', '2026-10-31')).toBe(30);
    expect(daysBetween('2026-10-31', '2026-10-01')).toBe(-30);
    expect(compareDays('2026-10-01', '2026-09-30')).toBeGreaterThan(0);
    expect(compareDays('2026-10-01', '2026-10-01')).toBe(0);
  });

  it('addDays and daysBetween agree with Date (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200_000, max: 2_900_000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (n, k) => {
          const day = dayFromEpochDays(n);
          expect(day).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
          expect(epochDaysOfDay(day)).toBe(n);
          expect(daysBetween(day, addDays(day, k))).toBe(k);
        },
      ),
    );
  });

  it('gives the previous month and month ranges', () => {
    expect(previousMonth('2026-01-15')).toBe('2025-12');
    expect(previousMonth('2026-11-01')).toBe('2026-10');
    expect(previousMonth('2026-10-31')).toBe('2026-09');
    expect(monthOfDay('2026-10-31')).toBe('2026-10');
    expect(monthRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(monthRange('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(monthRange('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });

  it('converts Sheets serial numbers (1899-12-30 epoch)', () => {
    expect(dayFromSerial(0)).toBe('1899-12-30');
    expect(dayFromSerial(1)).toBe('1899-12-31');
    expect(dayFromSerial(25_569)).toBe('1970-01-01');
    expect(dayFromSerial(46_296.75)).toBe('2026-10-01');
    expect(serialOfDay('2026-10-01')).toBe(46_296);
  });

  it('is fast enough for 100,000 dates', () => {
    const start = Date.now();
    const base = Date.parse('2020-01-01T05:00:00Z');
    for (let i = 0; i < 100_000; i++) dayInZone(base + (i % 2500) * 86_400_000, 'America/Toronto');
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

/** The exact offset of a zone at an instant, through the host's Intl, counting its lookups. */
function countedOffsets(timeZone: string): { lookup: OffsetMinutesAt; calls: () => number } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  let calls = 0;
  return {
    calls: () => calls,
    lookup: (ms) => {
      calls++;
      const name = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
      const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name?.value ?? '');
      if (!m || !m[1]) return 0;
      const minutes = Number(m[2]) * 60 + Number(m[3]);
      return m[1] === '-' ? -minutes : minutes;
    },
  };
}

describe('when Intl lacks the zone (the intlTimeZones switch)', () => {
  afterEach(() => setZoneFallback(null));

  it('sampled offsets agree with the exact lookup at every instant (property)', () => {
    for (const zone of ['America/Toronto', 'America/St_Johns', 'Australia/Lord_Howe']) {
      const exact = countedOffsets(zone);
      const sampled = sampledOffsets(exact.lookup);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
          const bucket = Math.floor(ms / 900_000) * 900_000;
          expect(sampled(bucket)).toBe(exact.lookup(bucket));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('finds each change of offset to the quarter hour (Toronto, 2026)', () => {
    const sampled = sampledOffsets(countedOffsets('America/Toronto').lookup);
    // 2026-03-08 07:00Z: EST → EDT; 2026-11-01 06:00Z: EDT → EST.
    expect(sampled(Date.parse('2026-03-08T06:45:00Z'))).toBe(-300);
    expect(sampled(Date.parse('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(sampled(Date.parse('2026-11-01T05:45:00Z'))).toBe(-240);
    expect(sampled(Date.parse('2026-11-01T06:00:00Z'))).toBe(-300);
  });

  it('makes lookups that grow with the weeks the dates span, not with the dates', () => {
    const exact = countedOffsets('America/Toronto');
    const sampled = sampledOffsets(exact.lookup);
    const start = Date.parse('2024-01-01T05:00:00Z');
    // 100,000 instants over three years.
    for (let i = 0; i < 100_000; i++)
      sampled(start + (i % 1096) * 86_400_000 + (i % 7) * 3_600_000);
    // About 157 weekly samples and 6 changes bisected (about 10 lookups each).
    expect(exact.calls()).toBeLessThan(157 + 6 * 11 + 5);
  });

  it('zoneClock uses the fallback set by the server when Intl rejects the zone, Intl otherwise', () => {
    const asked: string[] = [];
    setZoneFallback((zone) => {
      asked.push(zone);
      return () => -300;
    });
    expect(zoneClock('Nowhere/Fixed').dayOf(Date.parse('2026-01-01T04:59:00Z'))).toBe('2025-12-31');
    expect(zoneClock('America/Toronto').dayOf(Date.parse('2026-07-01T03:59:00Z'))).toBe(
      '2026-06-30',
    );
    expect(asked).toEqual(['Nowhere/Fixed']);
    setZoneFallback(null);
    expect(() => zoneClock('Nowhere/Other')).toThrow(RangeError);
  });
});
