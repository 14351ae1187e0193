import fc from 'fast-check';
import {
  formatDateJava,
  isoDay,
  tokenizeJavaPattern,
  wallClock,
  zoneOffsetMs,
  zonedTimeToInstant,
} from '../time';

describe('time zones', () => {
  test('offsets follow daylight saving time', () => {
    expect(zoneOffsetMs(new Date('2026-01-15T12:00:00Z'), 'America/Montreal')).toBe(-5 * 3600000);
    expect(zoneOffsetMs(new Date('2026-07-15T12:00:00Z'), 'America/Montreal')).toBe(-4 * 3600000);
    expect(zoneOffsetMs(new Date('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3600000);
    expect(zoneOffsetMs(new Date('2026-07-15T12:00:00Z'), 'UTC')).toBe(0);
  });

  test('wall clock and day of an instant', () => {
    const d = new Date('2026-10-15T03:30:00Z');
    expect(isoDay(d, 'America/Montreal')).toBe('2026-10-14');
    expect(isoDay(d, 'Europe/Paris')).toBe('2026-10-15');
    expect(wallClock(d, 'America/Montreal')).toMatchObject({ hour: 23, minute: 30, weekday: 3 });
  });

  test('zonedTimeToInstant inverts wallClock (property)', () => {
    const zones = [
      'America/Montreal',
      'Europe/Paris',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, tz) => {
          const w = wallClock(ms, tz);
          const back = zonedTimeToInstant(
            tz,
            w.year,
            w.month,
            w.day,
            w.hour,
            w.minute,
            w.second,
            w.millisecond,
          );
          // Within a repeated hour (fall back) both instants share one wall clock.
          expect(wallClock(back, tz)).toEqual(w);
        },
      ),
    );
  });

  test('a wall time skipped by the spring-forward jump lands after it', () => {
    const t = zonedTimeToInstant('America/Montreal', 2026, 3, 8, 2, 30);
    expect(wallClock(t, 'America/Montreal').hour).toBe(3);
  });
});

describe('formatDateJava (Utilities.formatDate patterns)', () => {
  const d = new Date('2026-03-05T17:04:09.007Z');

  test('numeric fields and padding', () => {
    expect(formatDateJava(d, 'UTC', 'yyyy-MM-dd HH:mm:ss.SSS')).toBe('2026-03-05 17:04:09.007');
    expect(formatDateJava(d, 'UTC', 'yy/M/d H:m:s')).toBe('26/3/5 17:4:9');
    expect(formatDateJava(d, 'UTC', 'hh:mm a')).toBe('05:04 PM');
    expect(formatDateJava(d, 'UTC', 'h a')).toBe('5 PM');
    expect(formatDateJava(d, 'America/Montreal', 'yyyy-MM-dd HH:mm')).toBe('2026-03-05 12:04');
  });

  test('English month and day names', () => {
    expect(formatDateJava(d, 'UTC', 'EEE, d MMM yyyy')).toBe('Thu, 5 Mar 2026');
    expect(formatDateJava(d, 'UTC', 'EEEE d MMMM yyyy')).toBe('Thursday 5 March 2026');
  });

  test('zones: z, Z, X, XXX', () => {
    expect(formatDateJava(d, 'America/Montreal', 'z Z X XXX')).toBe('EST -0500 -05 -05:00');
    expect(formatDateJava(new Date('2026-07-01T12:00:00Z'), 'America/Montreal', 'z')).toBe('EDT');
    expect(formatDateJava(d, 'UTC', 'X XXX Z')).toBe('Z Z +0000');
    expect(formatDateJava(d, 'Asia/Kolkata', 'XXX')).toBe('+05:30');
  });

  test("quoted text and '' escapes", () => {
    expect(formatDateJava(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe('2026-03-05T17:04:09Z');
    expect(formatDateJava(d, 'UTC', "h 'o''clock'")).toBe("5 o'clock");
    expect(formatDateJava(d, 'UTC', "''yy")).toBe("'26");
  });

  test('an unknown letter throws, as SimpleDateFormat does', () => {
    expect(() => formatDateJava(d, 'UTC', 'yyyy-bb')).toThrow("Illegal pattern character 'b'");
    expect(() => formatDateJava(d, 'UTC', "'open")).toThrow('Unterminated quote');
  });

  test('tokenizer keeps literals and runs apart', () => {
    expect(tokenizeJavaPattern("dd'/'MM")).toEqual([
      { letter: 'd', count: 2 },
      { literal: '/' },
      { letter: 'M', count: 2 },
    ]);
  });
});
