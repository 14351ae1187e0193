/**
 * Buying habits from a client's invoices: the product types bought most, how often, and the
 * months purchases cluster in. Pure: the habits run computes them for every client in one pass
 * over Invoices and writes a sentence per client into a computed Clients column, so the form
 * never reads 100,000 invoices when it opens.
 */
import type { Lang } from '../shared/contract';
import { normalizeHeader } from '../shared/contract';
import { translator, type TextTable } from '../shared/text';
import { daysBetween } from './time';
import type { Day } from './types';

/** The invoice fields habits need. */
export interface HabitInvoice {
  clientCode: string;
  date: Day;
  productType: string;
  amount: number;
}

export interface ProductTypeShare {
  productType: string;
  /** Purchases (invoices with a positive amount). */
  count: number;
  /** Sum of amounts, credit notes included. */
  total: number;
}

export interface BuyingHabits {
  purchases: number;
  total: number;
  firstDay: Day;
  lastDay: Day;
  /** Most bought first (by count, then total, then name); at most TOP_PRODUCT_TYPES. */
  topProductTypes: ProductTypeShare[];
  /** Average days between purchase days; null with fewer than two purchase days. */
  averageGapDays: number | null;
  /** Months (1–12) purchases cluster in, most frequent first; empty when spread out. */
  usualMonths: number[];
}

export const TOP_PRODUCT_TYPES = 3;
const MAX_USUAL_MONTHS = 3;

interface Accumulator {
  purchases: number;
  total: number;
  firstDay: Day;
  lastDay: Day;
  days: Set<Day>;
  byType: Map<string, ProductTypeShare>;
  byMonth: number[];
}

/**
 * Habits of every client with at least one purchase, keyed by `keyOf(clientCode)` (the caller
 * passes the code matching rule, e.g. codeKey). Credit notes count in totals, not as purchases.
 */
export function habitsByClient(
  invoices: Iterable<HabitInvoice>,
  keyOf: (code: string) => string,
): Map<string, BuyingHabits> {
  const acc = new Map<string, Accumulator>();
  for (const inv of invoices) {
    const key = keyOf(inv.clientCode);
    let a = acc.get(key);
    if (!a) {
      a = {
        purchases: 0,
        total: 0,
        firstDay: inv.date,
        lastDay: inv.date,
        days: new Set(),
        byType: new Map(),
        byMonth: new Array<number>(12).fill(0),
      };
      acc.set(key, a);
    }
    a.total += inv.amount;
    const typeName = inv.productType.trim();
    const typeKey = normalizeHeader(typeName);
    let share = a.byType.get(typeKey);
    if (!share && typeName !== '') {
      share = { productType: typeName, count: 0, total: 0 };
      a.byType.set(typeKey, share);
    }
    if (share) share.total += inv.amount;
    if (inv.amount <= 0) continue;
    a.purchases++;
    if (share) share.count++;
    if (inv.date < a.firstDay) a.firstDay = inv.date;
    if (inv.date > a.lastDay) a.lastDay = inv.date;
    a.days.add(inv.date);
    const month = Number(inv.date.slice(5, 7));
    a.byMonth[month - 1] = (a.byMonth[month - 1] ?? 0) + 1;
  }
  const out = new Map<string, BuyingHabits>();
  for (const [key, a] of acc) {
    if (a.purchases === 0) continue;
    out.set(key, finish(a));
  }
  return out;
}

function finish(a: Accumulator): BuyingHabits {
  const topProductTypes = [...a.byType.values()]
    .filter((s) => s.count > 0)
    .sort(
      (x, y) =>
        y.count - x.count || y.total - x.total || x.productType.localeCompare(y.productType),
    )
    .slice(0, TOP_PRODUCT_TYPES)
    .map((s) => ({ ...s, total: Math.round(s.total * 100) / 100 }));
  const distinctDays = a.days.size;
  const averageGapDays =
    distinctDays >= 2 ? Math.round(daysBetween(a.firstDay, a.lastDay) / (distinctDays - 1)) : null;
  return {
    purchases: a.purchases,
    total: Math.round(a.total * 100) / 100,
    firstDay: a.firstDay,
    lastDay: a.lastDay,
    topProductTypes,
    averageGapDays,
    usualMonths: usualMonths(a.byMonth, a.purchases),
  };
}

/**
 * Months holding at least two purchases and at least twice their share if purchases were spread
 * evenly over the year: "usual" means seasonal, not merely busy.
 */
export function usualMonths(byMonth: readonly number[], purchases: number): number[] {
  const even = purchases / 12;
  return byMonth
    .map((count, i) => ({ month: i + 1, count }))
    .filter((m) => m.count >= 2 && m.count >= 2 * even)
    .sort((x, y) => y.count - x.count || x.month - y.month)
    .slice(0, MAX_USUAL_MONTHS)
    .map((m) => m.month);
}

const MONTHS: Record<Lang, readonly string[]> = {
  fr: [
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
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

export function monthName(month: number, lang: Lang): string {
  return MONTHS[lang][month - 1] ?? String(month);
}

/** The habit sentence's parts, in the one translation mechanism (shared/text.ts). */
const TEXT = {
  singlePurchase: { fr: 'un seul achat', en: 'a single purchase' },
  sameDay: { fr: 'achats le même jour', en: 'purchases on one day' },
  everyDays: { fr: 'environ tous les {n} jours', en: 'about every {n} days' },
  everyWeeks: { fr: 'environ toutes les {n} semaines', en: 'about every {n} weeks' },
  everyMonths: { fr: 'environ tous les {n} mois', en: 'about every {n} months' },
  mostlyIn: { fr: 'surtout en {months}', en: 'mostly in {months}' },
  since: {
    fr: '{n} {n|achat|achats} depuis {first}, dernier le {last}',
    en: '{n} {n|purchase|purchases} since {first}, last on {last}',
  },
} as const satisfies TextTable;
const say = translator(TEXT);

/** "every ~2 weeks", "tous les ~3 mois"… from an average gap in days. */
export function describeFrequency(gapDays: number | null, purchases: number, lang: Lang): string {
  if (gapDays === null) return say(purchases === 1 ? 'singlePurchase' : 'sameDay', lang);
  if (gapDays <= 10) return say('everyDays', lang, { n: gapDays });
  if (gapDays <= 45) return say('everyWeeks', lang, { n: Math.max(1, Math.round(gapDays / 7)) });
  return say('everyMonths', lang, { n: Math.max(1, Math.round(gapDays / 30.44)) });
}

/**
 * The sentence written into the computed column, e.g. "Services (12), Pièces (5) · environ
 * toutes les 3 semaines · surtout en mars, décembre · 17 achats depuis 2024-02-01, dernier le
 * 2026-10-03".
 */
export function describeHabits(h: BuyingHabits, lang: Lang): string {
  const parts: string[] = [];
  if (h.topProductTypes.length > 0)
    parts.push(h.topProductTypes.map((s) => `${s.productType} (${s.count})`).join(', '));
  parts.push(describeFrequency(h.averageGapDays, h.purchases, lang));
  if (h.usualMonths.length > 0) {
    const names = h.usualMonths.map((m) => monthName(m, lang)).join(', ');
    parts.push(say('mostlyIn', lang, { months: names }));
  }
  parts.push(say('since', lang, { n: h.purchases, first: h.firstDay, last: h.lastDay }));
  return parts.join(' · ');
}

export interface ProductTypeBuyer {
  /** The key given to habitsByClient's keyOf. */
  key: string;
  count: number;
  total: number;
  lastDay: Day;
}

/**
 * Clients who bought `productType` (case and spaces ignored), most purchases first, then the
 * most recent: "who might want the new arrivals of this type?".
 */
export function buyersOfProductType(
  invoices: Iterable<HabitInvoice>,
  productType: string,
  keyOf: (code: string) => string,
): ProductTypeBuyer[] {
  const wanted = normalizeHeader(productType);
  const byClient = new Map<string, ProductTypeBuyer>();
  for (const inv of invoices) {
    if (inv.amount <= 0 || normalizeHeader(inv.productType) !== wanted) continue;
    const key = keyOf(inv.clientCode);
    const b = byClient.get(key);
    if (b) {
      b.count++;
      b.total += inv.amount;
      if (inv.date > b.lastDay) b.lastDay = inv.date;
    } else byClient.set(key, { key, count: 1, total: inv.amount, lastDay: inv.date });
  }
  return [...byClient.values()]
    .map((b) => ({ ...b, total: Math.round(b.total * 100) / 100 }))
    .sort(
      (x, y) => y.count - x.count || (x.lastDay < y.lastDay ? 1 : x.lastDay > y.lastDay ? -1 : 0),
    );
}
