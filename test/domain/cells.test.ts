import fc from 'fast-check';
import {
  cellCode,
  cellCodeKey,
  codeKey,
  numberToText,
  parseDayText,
  readBoolean,
  readCode,
  readDay,
  readDays,
  readMoney,
  readNumber,
  readPercent,
  readText,
  type CellRead,
} from '../../src/domain/cells';
import { dayFromEpochDays } from '../../src/domain/time';

const fr = { lang: 'fr' as const, timeZone: 'America/Toronto' };
const en = { lang: 'en' as const, timeZone: 'America/Toronto' };

function value<T>(read: CellRead<T>): T | null {
  if (!read.ok) throw new Error(`expected a value, got ${read.message.en}`);
  return read.value;
}

function expectError<T>(read: CellRead<T>): void {
  expect(read.ok).toBe(false);
  if (!read.ok) {
    expect(read.message.fr).not.toBe('');
    expect(read.message.en).not.toBe('');
  }
}

describe('readText and readCode', () => {
  it('trims text and keeps leading zeros', () => {
    expect(value(readText('  Acme inc. '))).toBe('Acme inc.');
    expect(value(readCode('0042'))).toBe('0042');
    expect(value(readCode(' C-001\u00A0'))).toBe('C-001');
  });

  it('writes numbers without exponent', () => {
    expect(value(readCode(42))).toBe('42');
    expect(value(readText(1e21))).toBe('1000000000000000000000');
    expect(value(readText(1e-7))).toBe('0.0000001');
    expect(value(readText(12.5))).toBe('12.5');
    expect(numberToText(123456789012)).toBe('123456789012');
  });

  it('treats blank as null, never an error', () => {
    for (const blank of ['', '   ', null, undefined])
      expect(readText(blank)).toEqual({ ok: true, value: null });
  });

  it('shows booleans and dates as Sheets would', () => {
    expect(value(readText(true))).toBe('TRUE');
    expect(value(readText(new Date('2026-10-15T04:00:00Z'), fr))).toBe('2026-10-15');
  });

  it('matches codes trimmed and in any case', () => {
    expect(codeKey(' ab-12 ')).toBe(codeKey('AB-12'));
    expect(codeKey('Éco')).toBe(codeKey('E\u0301CO'));
    expect(codeKey('0042')).not.toBe(codeKey('42'));
  });
});

describe('readNumber and readMoney', () => {
  it('reads what French users type', () => {
    expect(value(readMoney('1 234,56 $', fr))).toBe(1234.56);
    expect(value(readMoney('1\u202F234,56\u00A0$', fr))).toBe(1234.56);
    expect(value(readMoney('1\u00A0234,56', fr))).toBe(1234.56);
    expect(value(readNumber('12,5', fr))).toBe(12.5);
    expect(value(readNumber('1,234', fr))).toBe(1.234);
    expect(value(readNumber('1234.5', fr))).toBe(1234.5);
    expect(value(readMoney('-12', fr))).toBe(-12);
    expect(value(readMoney('−12,00 $', fr))).toBe(-12);
  });

  it('reads what English users type', () => {
    expect(value(readMoney('$1,234.56', en))).toBe(1234.56);
    expect(value(readMoney('1,234', en))).toBe(1234);
    expect(value(readMoney('1,234,567.8', en))).toBe(1234567.8);
    expect(value(readMoney('1234.5', en))).toBe(1234.5);
    expect(value(readMoney('12,5', en))).toBe(12.5);
    expect(value(readMoney('-$12.00', en))).toBe(-12);
    expect(value(readMoney('CAD 99', en))).toBe(99);
    expect(value(readMoney('1.234,56 €', en))).toBe(1234.56);
  });

  it('reads accounting negatives and trailing minus', () => {
    expect(value(readMoney('(12.00)', en))).toBe(-12);
    expect(value(readMoney('(1 234,50 $)', fr))).toBe(-1234.5);
    expect(value(readMoney('12-', en))).toBe(-12);
  });

  it('passes numbers through', () => {
    expect(value(readNumber(1234.56, fr))).toBe(1234.56);
    expect(value(readNumber(-0, fr))).toBe(-0);
    expectError(readNumber(Number.NaN, en));
  });

  it('refuses what it would have to guess', () => {
    for (const bad of [
      '12 abc',
      'abc',
      '1,23,4',
      '1.2.3',
      '$',
      '-',
      '12..5',
      '1,2,3',
      '--12',
      true,
      new Date(),
    ]) {
      expectError(readMoney(bad, en));
    }
    expectError(readNumber('1,234,567', fr));
  });

  it('reads blank as null', () => {
    expect(readMoney('', fr)).toEqual({ ok: true, value: null });
  });

  it('reads whole days for terms', () => {
    expect(value(readDays('30', fr))).toBe(30);
    expect(value(readDays(0, fr))).toBe(0);
    expectError(readDays('30,5', fr));
    expectError(readDays(-1, fr));
  });

  it('round-trips numbers written with the language marks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (cents) => {
        const x = cents / 100;
        const enText = x.toLocaleString('en-US', { minimumFractionDigits: 2 });
        const frText = x.toLocaleString('fr-CA', { minimumFractionDigits: 2 });
        expect(value(readNumber(enText, en))).toBe(x === 0 ? 0 : x);
        expect(value(readNumber(frText, fr))).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe('readPercent', () => {
  it('reads 0–100 as typed', () => {
    expect(value(readPercent('12,5 %', fr))).toBe(12.5);
    expect(value(readPercent('12.5%', en))).toBe(12.5);
    expect(value(readPercent(100, en))).toBe(100);
    expect(value(readPercent(0, en))).toBe(0);
  });

  it('refuses outside 0–100', () => {
    expectError(readPercent(100.01, en));
    expectError(readPercent('-1', en));
    expectError(readPercent('dix', fr));
  });
});

describe('readBoolean', () => {
  it('reads checkboxes and typed yes/no in both languages', () => {
    for (const yes of [true, 'TRUE', 'vrai', 'VRAI', 'oui', 'Yes', 'x', 'X', 1, '1'])
      expect(value(readBoolean(yes))).toBe(true);
    for (const no of [false, 'FALSE', 'faux', 'FAUX', 'non', 'no', 0, '0'])
      expect(value(readBoolean(no))).toBe(false);
    expect(readBoolean('')).toEqual({ ok: true, value: null });
    expectError(readBoolean('peut-être'));
    expectError(readBoolean(2));
  });
});

describe('readDay', () => {
  it('gives a Date its day in the spreadsheet time zone', () => {
    const lateEvening = new Date('2026-10-31T23:30:00-04:00');
    expect(value(readDay(lateEvening, fr))).toBe('2026-10-31');
    expect(value(readDay(lateEvening, { lang: 'fr', timeZone: 'UTC' }))).toBe('2026-11-01');
    expectError(readDay(new Date('invalid'), fr));
  });

  it('reads ISO-like text', () => {
    expect(value(readDay('2026-10-15', fr))).toBe('2026-10-15');
    expect(value(readDay('2026/10/15', en))).toBe('2026-10-15');
    expect(value(readDay(' 2026-1-5 ', en))).toBe('2026-01-05');
    expect(value(readDay('2026-10-15T22:30:00-04:00', en))).toBe('2026-10-15');
  });

  it('reads d/m/y in French and m/d/y in English', () => {
    expect(value(readDay('05/10/2026', fr))).toBe('2026-10-05');
    expect(value(readDay('05/10/2026', en))).toBe('2026-05-10');
    expect(value(readDay('15/10/2026', fr))).toBe('2026-10-15');
    expect(value(readDay('10/15/2026', en))).toBe('2026-10-15');
    expect(value(readDay('15.10.2026', fr))).toBe('2026-10-15');
  });

  it('takes the only real date when the other order is impossible', () => {
    expect(value(readDay('15/10/2026', en))).toBe('2026-10-15');
    expect(value(readDay('10/15/2026', fr))).toBe('2026-10-15');
  });

  it('reads numbers as Sheets serial days', () => {
    expect(value(readDay(46_296, fr))).toBe('2026-10-01');
    expect(value(readDay(46_296.9, fr))).toBe('2026-10-01');
    expectError(readDay(0, fr));
    expectError(readDay(-5, fr));
  });

  it('refuses impossible or unreadable dates', () => {
    for (const bad of [
      '2026-02-30',
      '31/04/2026',
      '2026-13-01',
      '15/15/2026',
      'demain',
      '10/15/26',
      true,
    ]) {
      expectError(readDay(bad, fr));
    }
  });

  it('reads back every day it formats, in both orders (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 50_000 }), (n) => {
        const day = dayFromEpochDays(n);
        const [y, m, d] = day.split('-');
        expect(parseDayText(day, 'fr')).toBe(day);
        expect(parseDayText(`${d}/${m}/${y}`, 'fr')).toBe(day);
        expect(parseDayText(`${m}/${d}/${y}`, 'en')).toBe(day);
      }),
    );
  });
});

describe('readDay with month names', () => {
  it('reads French and English month names in either workbook', () => {
    expect(value(readDay('15 octobre 2026', fr))).toBe('2026-10-15');
    expect(value(readDay('1er août 2026', fr))).toBe('2026-08-01');
    expect(value(readDay('3 fevr. 2026', fr))).toBe('2026-02-03');
    expect(value(readDay('October 15, 2026', en))).toBe('2026-10-15');
    expect(value(readDay('Oct. 5 2026', fr))).toBe('2026-10-05');
    expect(value(readDay('15 Dec 2026', en))).toBe('2026-12-15');
  });

  it('refuses unknown names and impossible days', () => {
    for (const bad of ['15 brumaire 2026', '31 avril 2026', 'octobre 2026', 'le 15 octobre'])
      expectError(readDay(bad, fr));
  });
});

describe('cellCode / cellCodeKey', () => {
  it('a code is text or a number, trimmed; anything else is none', () => {
    expect(cellCode('  C01 ')).toBe('C01');
    expect(cellCode(42)).toBe('42');
    expect(cellCode(true)).toBe('');
    expect(cellCode(new Date(0))).toBe('');
    expect(cellCode(null)).toBe('');
    expect(cellCodeKey(' ab-12 ')).toBe(codeKey('AB-12'));
    expect(cellCodeKey(undefined)).toBe('');
  });
});

describe('readMoney: an amount too large to count is unreadable (decision 021)', () => {
  const fr = { lang: 'fr' as const };
  test('up to a thousand billion is read; past it, said with what is expected', () => {
    expect(readMoney(1e12, fr)).toEqual({ ok: true, value: 1e12 });
    expect(readMoney(-1e12, fr)).toEqual({ ok: true, value: -1e12 });
    const huge = readMoney(1.8e306, fr);
    expect(huge.ok).toBe(false);
    expect(!huge.ok && huge.message.fr).toMatch(/^Montant d’au plus 1 000 000 000 000 attendu/);
    expect(!huge.ok && huge.message.en).toMatch(/^Amount of at most 1,000,000,000,000 expected/);
  });
});
