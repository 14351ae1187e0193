import fc from 'fast-check';
import { readMoney } from '../../src/domain/cells';
import {
  formatMoney,
  formatNumber,
  percentOf,
  roundCents,
  toCents,
  toDecimal,
} from '../../src/domain/money';

describe('roundCents', () => {
  it('rounds half away from zero on the decimal the user sees', () => {
    expect(roundCents(0.615)).toBe(0.62);
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(2.675)).toBe(2.68);
    expect(roundCents(0.005)).toBe(0.01);
    expect(roundCents(0.0049)).toBe(0);
    expect(roundCents(-0.005)).toBe(-0.01);
    expect(roundCents(-0.615)).toBe(-0.62);
    expect(roundCents(12.344)).toBe(12.34);
    expect(roundCents(1e-7)).toBe(0);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
  });

  it('returns whole cents', () => {
    expect(toCents(1234.565)).toBe(123_457);
    expect(toCents(-12)).toBe(-1200);
  });

  it('reads numbers in exponent form exactly', () => {
    expect(toDecimal(1.5e-7)).toEqual({ digits: 15n, scale: 8 });
    expect(toDecimal(1e21)).toEqual({ digits: 10n ** 21n, scale: 0 });
  });

  it('is idempotent and within half a cent (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const r = roundCents(x);
        expect(roundCents(r)).toBe(r);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.005 + 1e-6);
      }),
    );
  });
});

describe('percentOf', () => {
  it('computes base × rate / 100 to the cent exactly', () => {
    expect(percentOf(1.23, 50)).toBe(0.62); // 0.615
    expect(percentOf(-1.23, 50)).toBe(-0.62);
    expect(percentOf(100, 12.5)).toBe(12.5);
    expect(percentOf(0.1, 5)).toBe(0.01); // 0.005
    expect(percentOf(0.1, 4.9)).toBe(0); // 0.0049
    expect(percentOf(1000, 0)).toBe(0);
    expect(percentOf(333.33, 3.3)).toBe(11); // 10.99989
    expect(percentOf(1234.56, 100)).toBe(1234.56);
  });

  it('matches exact integer arithmetic for cent amounts and rates with 2 decimals (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (cents, rateHundredths) => {
          // cents × rate(1/100 %) / 10_000 → cents, half away from zero, all in integers.
          const num = BigInt(cents) * BigInt(rateHundredths);
          const abs = num < 0n ? -num : num;
          let q = abs / 10_000n;
          if ((abs % 10_000n) * 2n >= 10_000n) q += 1n;
          const expected = Number(num < 0n ? -q : q) / 100;
          expect(percentOf(cents / 100, rateHundredths / 100)).toBe(expected === 0 ? 0 : expected);
        },
      ),
    );
  });
});

describe('formatMoney', () => {
  it('formats French with no-break spaces and the $ after', () => {
    expect(formatMoney(12_500, 'fr')).toBe('12\u00A0500,00\u00A0$');
    expect(formatMoney(1234.56, 'fr')).toBe('1\u00A0234,56\u00A0$');
    expect(formatMoney(-1234567.891, 'fr')).toBe('-1\u00A0234\u00A0567,89\u00A0$');
    expect(formatMoney(0.5, 'fr')).toBe('0,50\u00A0$');
  });

  it('formats English with commas and the $ before', () => {
    expect(formatMoney(10_000, 'en')).toBe('$10,000.00');
    expect(formatMoney(-1234.5, 'en')).toBe('-$1,234.50');
    expect(formatMoney(0, 'en')).toBe('$0.00');
    expect(formatMoney(-0.001, 'en')).toBe('$0.00');
  });

  it('matches what Intl fr-CA / en-CA produce in this runtime', () => {
    const fr = new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' });
    const en = new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' });
    // ICU versions differ on fr spaces (U+00A0 or U+202F): compare with spaces unified.
    const unify = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');
    for (const x of [0, 1, 999.99, 1000, 1234567.89, -42.1]) {
      expect(unify(formatMoney(x, 'fr'))).toBe(unify(fr.format(x)));
      expect(formatMoney(x, 'en')).toBe(en.format(x));
    }
  });

  it('reads back what it formats (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('fr' as const, 'en' as const),
        (cents, lang) => {
          const amount = cents / 100;
          const read = readMoney(formatMoney(amount, lang), { lang });
          expect(read).toEqual({ ok: true, value: amount === 0 ? 0 : amount });
        },
      ),
    );
  });

  it('formats plain numbers with the language decimal mark', () => {
    expect(formatNumber(12.5, 'fr')).toBe('12,5');
    expect(formatNumber(12.5, 'en')).toBe('12.5');
  });
});
