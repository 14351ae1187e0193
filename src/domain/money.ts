/**
 * Money: exact decimal rounding to the cent and display in the workbook language.
 *
 * Floating point cannot hold 0.615 exactly (it is 0.61499999…), so Math.round(x * 100) / 100
 * rounds it down. We round the shortest decimal text of the number instead (what the user typed
 * and sees: String(0.615) === '0.615'), with integer arithmetic on BigInt (ES2020).
 */
import type { Lang } from '../shared/contract';

/** A decimal number as digits × 10^-scale, e.g. 12.345 → { digits: 12345n, scale: 3 }. */
export interface Decimal {
  digits: bigint;
  scale: number;
}

/** The exact decimal that String(x) shows (shortest round-trip form); x must be finite. */
export function toDecimal(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  const text = String(x);
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? '' : mantissa.slice(dot + 1);
  const digits = BigInt(dot < 0 ? mantissa : mantissa.slice(0, dot) + fraction);
  const scale = fraction.length - exponent;
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** Rounds a decimal to `places` decimals, half away from zero; returns the scaled integer. */
export function roundDecimal(d: Decimal, places: number): bigint {
  if (d.scale <= places) return d.digits * 10n ** BigInt(places - d.scale);
  const divisor = 10n ** BigInt(d.scale - places);
  const negative = d.digits < 0n;
  const abs = negative ? -d.digits : d.digits;
  let q = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) q += 1n;
  return negative ? -q : q;
}

/** x rounded to the cent, as a whole number of cents (half away from zero: 0.005 → 1). */
export function toCents(x: number): number {
  return Number(roundDecimal(toDecimal(x), 2));
}

/** x rounded to the cent, half away from zero, exactly: roundCents(0.615) === 0.62. */
export function roundCents(x: number): number {
  return toCents(x) / 100;
}

/**
 * base × ratePct / 100 rounded to the cent, computed exactly on the decimals the user typed:
 * percentOf(1.23, 50) === 0.62 (0.615 rounded up), where 1.23 * 50 / 100 gives 0.6149999….
 */
export function percentOf(base: number, ratePct: number): number {
  const b = toDecimal(base);
  const r = toDecimal(ratePct);
  const product: Decimal = { digits: b.digits * r.digits, scale: b.scale + r.scale + 2 };
  return Number(roundDecimal(product, 2)) / 100;
}

/**
 * What Intl.NumberFormat('fr-CA', {style:'currency', currency:'CAD'}) gives in Node 20 / ICU 7x:
 * "1 234,56 $" with U+00A0 both as thousands separator and before "$". ICU versions differ
 * (some use U+202F for fr), so we format ourselves and the readers accept every space.
 */
const NBSP = '\u00A0';

/** "1 234,56 $" (fr) or "$1,234.56" (en); negatives "-1 234,56 $" / "-$1,234.56". */
export function formatMoney(amount: number, lang: Lang): string {
  const cents = toCents(amount);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const rest = abs % 100;
  const fraction = rest < 10 ? `0${rest}` : String(rest);
  const sign = negative ? '-' : '';
  if (lang === 'fr') return `${sign}${groupThousands(units, NBSP)},${fraction}${NBSP}$`;
  return `${sign}$${groupThousands(units, ',')}.${fraction}`;
}

/** A plain number in the workbook language, for rates: fr "12,5", en "12.5". */
export function formatNumber(x: number, lang: Lang): string {
  const text = String(x);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

function groupThousands(units: number, separator: string): string {
  const digits = String(units);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}
