/**
 * Display values (Range.getDisplayValues): a stored value shown through its number format and
 * the spreadsheet locale. Sheets format syntax:
 * https://developers.google.com/sheets/api/guides/formats (number and date-time tokens).
 */
import { DAYS, MONTHS } from '../time';
import type { AutoFormat, CellData, Scalar } from './model';
import { localeInfo, serialToFields } from './values';

/** What Range.getNumberFormat returns for a cell never formatted (the "automatic" format). */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

export function autoFormatPattern(
  auto: AutoFormat | undefined,
  locale: string,
  value?: Scalar,
): string | undefined {
  if (!auto) return undefined;
  const info = localeInfo(locale);
  switch (auto) {
    case 'date':
      return info.dateFormat;
    case 'datetime':
      return info.dateTimeFormat;
    case 'time':
      return info.timeFormat;
    case 'percent':
      // Typing 12% shows 12%; typing 12.5% shows 12.50%.
      return typeof value === 'number' && Number.isInteger(Math.round(value * 1e10) / 1e8)
        ? '0%'
        : '0.00%';
    case 'currency':
      return info.currencyFormat;
  }
}

/** The format a cell is shown with: explicit, else automatic, else undefined (general). */
export function effectiveFormat(cell: CellData | undefined, locale: string): string | undefined {
  if (!cell) return undefined;
  return cell.nf ?? autoFormatPattern(cell.auto, locale, cell.v);
}

function stripLiterals(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

/**
 * The plain-text format: '@', or '@STRING@' as scripts also write it (both the text format in
 * the emulator; what getNumberFormat reads back is the textFormatName switch, switches.ts).
 */
export function isTextFormat(fmt: string | undefined): boolean {
  return fmt === '@' || fmt === '@STRING@';
}

/** A date/time format: it has day, month, year, hour or second tokens outside literals. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || isTextFormat(fmt)) return false;
  return /[dmyhs]/i.test(
    stripLiterals(fmt)
      .replace(/General/gi, '')
      .replace(/E[+-]/g, ''),
  );
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt.charAt(i);
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + fmt.charAt(i + 1);
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function group(intDigits: string, sep: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Sheets' automatic display of a number: up to ten significant digits, locale decimal mark. */
export function generalNumber(n: number, locale: string): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : '-#NUM!';
  let s: string;
  if (Number.isInteger(n) && Math.abs(n) < 1e15) s = String(n);
  else if (Math.abs(n) >= 1e15 || (Math.abs(n) < 1e-9 && n !== 0)) {
    s = n
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace('E+', 'E+');
  } else {
    const intDigits = Math.abs(n) < 1 ? 0 : Math.floor(Math.log10(Math.abs(n))) + 1;
    s = n.toFixed(Math.max(0, 10 - intDigits));
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  const dec = localeInfo(locale).decimal;
  return dec === '.' ? s : s.replace('.', dec);
}

/** Formats a number with a Sheets number pattern such as '0.00', '#,##0.00', '0%', '"$"#,##0'. */
export function formatNumber(n: number, fmt: string, locale: string): string {
  const sections = splitSections(fmt);
  let section = sections[0] ?? '';
  let value = n;
  let explicitNegative = false;
  if (n < 0 && sections.length > 1) {
    section = sections[1] ?? '';
    value = -n;
    explicitNegative = true;
  } else if (n === 0 && sections.length > 2) section = sections[2] ?? '';
  const info = localeInfo(locale);
  let prefix = '';
  let suffix = '';
  let core = '';
  let coreDone = false;
  let percent = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section.charAt(i);
    let lit: string | undefined;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      lit = section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      lit = section.charAt(i + 1);
      i++;
    } else if (ch === '_') {
      lit = ' ';
      i++;
    } else if (ch === '*') {
      i++;
      lit = '';
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      i = end < 0 ? section.length : end;
      lit = '';
    } else if (/[0#?.,]/.test(ch) && !coreDone) {
      core += ch;
      continue;
    } else {
      if (ch === '%') percent = true;
      lit = ch;
    }
    if (core) coreDone = true;
    if (coreDone) suffix += lit;
    else prefix += lit;
  }
  if (percent) value *= 100;
  if (!core) return prefix + suffix;
  const [intPat = '', fracPat = ''] = core.split('.');
  const grouping = /[0#?],[0#?]/.test(intPat);
  const decimals = (fracPat.match(/[0#?]/g) ?? []).length;
  const minDecimals = (fracPat.match(/0/g) ?? []).length;
  const minInt = (intPat.match(/0/g) ?? []).length;
  const fixed = Math.abs(value).toFixed(decimals);
  let [intDigits = '0', frac = ''] = fixed.split('.');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  intDigits = intDigits.replace(/^0+/, '');
  if (intDigits.length < minInt) intDigits = '0'.repeat(minInt - intDigits.length) + intDigits;
  if (grouping) intDigits = group(intDigits, info.groups[0] ?? ',');
  // A pattern with a decimal point keeps it even with no digits after it: 12 in '0.##' is "12."
  // (spreadsheet number-format rule, as in Excel's "0.##").
  const body = intDigits + (frac || core.includes('.') ? info.decimal + frac : '');
  const negative = value < 0 && !explicitNegative && Number(fixed) !== 0;
  return (negative ? '-' : '') + prefix + body + suffix;
}

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const DAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

type DateToken = { lit: string } | { tok: string };

function tokenizeDate(fmt: string): DateToken[] {
  const out: DateToken[] = [];
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt.charAt(i);
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      out.push({ lit: fmt.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? fmt.length : end;
    } else if (ch === '\\') {
      out.push({ lit: fmt.charAt(i + 1) });
      i++;
    } else if (/^am\/pm/i.test(fmt.slice(i))) {
      out.push({ tok: 'AMPM' });
      i += 4;
    } else if (/^a\/p/i.test(fmt.slice(i))) {
      out.push({ tok: 'AP' });
      i += 2;
    } else if (/[dmyhsDMYHS]/.test(ch)) {
      let n = 1;
      while (fmt.charAt(i + n) === ch) n++;
      out.push({ tok: ch.repeat(n) });
      i += n - 1;
    } else if (ch === '.' && /^\.0+/.test(fmt.slice(i)) && out.length > 0) {
      const m = /^\.0+/.exec(fmt.slice(i))?.[0] ?? '.0';
      out.push({ tok: m });
      i += m.length - 1;
    } else out.push({ lit: ch });
  }
  return out;
}

function pad2(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats a serial date with a Sheets date-time pattern ('yyyy-mm-dd', 'dd/MM/yyyy HH:mm', …). */
export function formatSerialDate(serial: number, fmt: string, locale: string): string {
  const f = serialToFields(serial);
  const fr = /^fr/i.test(locale);
  const months = fr ? MONTHS_FR : MONTHS;
  const days = fr ? DAYS_FR : DAYS;
  const tokens = tokenizeDate(splitSections(fmt)[0] ?? fmt);
  const twelve = tokens.some((t) => 'tok' in t && (t.tok === 'AMPM' || t.tok === 'AP'));
  const kinds = tokens.map((t) => ('tok' in t ? t.tok.charAt(0).toLowerCase() : ''));
  let out = '';
  tokens.forEach((t, i) => {
    if ('lit' in t) {
      out += t.lit;
      return;
    }
    const n = t.tok.length;
    const c = t.tok.charAt(0);
    switch (c.toLowerCase()) {
      case 'y':
        out += n <= 2 ? pad2(f.year % 100) : pad2(f.year, 4);
        return;
      case 'd':
        out +=
          n >= 4
            ? (days[f.weekday] ?? '')
            : n === 3
              ? (days[f.weekday] ?? '').slice(0, 3)
              : n === 2
                ? pad2(f.day)
                : String(f.day);
        return;
      case 'm': {
        // 'm' is minutes right after an hour or right before seconds; upper-case M is a month.
        const prev = kinds
          .slice(0, i)
          .filter((k) => k !== '')
          .pop();
        const next = kinds.slice(i + 1).find((k) => k !== '');
        const minute = c === 'm' && n <= 2 && (prev === 'h' || next === 's');
        if (minute) out += n === 2 ? pad2(f.minute) : String(f.minute);
        else if (n >= 5) out += (months[f.month - 1] ?? '').charAt(0);
        else if (n === 4) out += months[f.month - 1] ?? '';
        else if (n === 3) out += (months[f.month - 1] ?? '').slice(0, 3);
        else out += n === 2 ? pad2(f.month) : String(f.month);
        return;
      }
      case 'h': {
        const h = twelve ? (f.hour % 12 === 0 ? 12 : f.hour % 12) : f.hour;
        out += n >= 2 ? pad2(h) : String(h);
        return;
      }
      case 's':
        out += n >= 2 ? pad2(f.second) : String(f.second);
        return;
      case '.':
        out += '.' + pad2(f.millisecond, 3).slice(0, n - 1);
        return;
      case 'a':
        out += t.tok === 'AMPM' ? (f.hour < 12 ? 'AM' : 'PM') : f.hour < 12 ? 'A' : 'P';
        return;
    }
  });
  return out;
}

/** The display text of a stored value under a format, as getDisplayValue returns it. */
export function displayValue(
  value: Scalar | undefined,
  fmt: string | undefined,
  locale: string,
): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!fmt || isTextFormat(fmt) || /^general$/i.test(fmt) || fmt === DEFAULT_NUMBER_FORMAT)
    return generalNumber(value, locale);
  if (isDateFormat(fmt)) return formatSerialDate(value, fmt, locale);
  return formatNumber(value, fmt, locale);
}
