/**
 * Commissions for a month (DESIGN.md "The rules"), for each salesperson agreement:
 * - Sales: invoices of the client dated in the month, base = amount;
 * - Payments: payments received in the month on the client's invoices (Payments sheet, matched
 *   as src/domain/payments.ts says), base = the payment, one line per payment; an invoice with
 *   Paid on and no payment rows earns its whole amount on that date (as before payments);
 * - Margin: invoices of the client dated in the month, base = amount − cost;
 * - only invoices whose product type matches (blank agreement = all; trimmed, any case);
 * - only lines dated within the agreement's From / To (blank = open; the invoice's date for
 *   Sales and Margin, the payment's for Payments), so that an agreement ended or a rate changed
 *   on the 1st keeps its history;
 * - commission = base × rate / 100 rounded to the cent per line (half away from zero, exact);
 *   credit notes give negative lines; each salesperson of a client gets their own lines.
 *
 * Decisions:
 * - Margin with a blank Cost: the line is skipped and the invoice reported. Counting the cost as
 *   0 would pay commission on the whole amount; the team fills the cost and recomputes the month.
 * - Agreements that are invalid (unknown client, unknown type, rate not a number or outside
 *   0–100, no salesperson, From after To) or duplicate an earlier row (same client,
 *   salesperson, type and product type over overlapping dates: it would pay twice) are reported
 *   with their row and skipped, never guessed.
 * - Payments matching no invoice of their client dated in the month are reported, never paid.
 * Reading cells is cells.ts's job; validateAgreement turns a raw Commissions row into an
 * Agreement with every problem of the row, and computeCommissions re-checks typed agreements
 * (they may come from the form) with the same rules.
 */
import { choiceFromText, type CommissionType } from '../shared/contract';
import {
  codeKey,
  readCode,
  readDay,
  readPercent,
  readText,
  type CellValue,
  type ReadContext,
} from './cells';
import { percentOf, toCents } from './money';
import { matchPayments, unmatchedProblem, type PaymentRow } from './payments';
import type { RowProblem } from './problems';
import { isMonth } from './time';
import type { Agreement, Day, Invoice, Month } from './types';

export type AgreementRow = Agreement & { row: number };
export type CommissionInvoice = Invoice & { row?: number };

export interface CommissionLine {
  month: Month;
  salesperson: string;
  clientCode: string;
  invoiceNumber: string;
  commissionType: CommissionType;
  base: number;
  ratePct: number;
  commission: number;
}

export interface SalespersonTotal {
  month: Month;
  salesperson: string;
  /** Distinct invoices behind the salesperson's lines. */
  invoiceCount: number;
  base: number;
  commission: number;
}

export interface CommissionInput {
  month: Month;
  agreements: AgreementRow[];
  invoices: CommissionInvoice[];
  /** The Payments sheet's rows; absent: none (Payments commissions follow Paid on only). */
  payments?: PaymentRow[];
  /** codeKey of every client code of the Clients sheet. */
  knownClients: Set<string>;
}

export interface CommissionResult {
  lines: CommissionLine[];
  totals: SalespersonTotal[];
  problems: RowProblem[];
}

const COMMISSION_TYPES: readonly CommissionType[] = ['sales', 'payments', 'margin'];

// ---------------------------------------------------------------- agreements

/** A row of the Commissions sheet as read (getValues), with its 1-based row number. */
export interface RawAgreementRow {
  row: number;
  clientCode: CellValue;
  salesperson: CellValue;
  commissionType: CellValue;
  ratePct: CellValue;
  productType: CellValue;
  /** Absent: a sheet without the column (an agreement open at both ends). */
  startDate?: CellValue;
  endDate?: CellValue;
}

/**
 * Reads and checks one Commissions row. A wholly blank row gives neither agreement nor problem
 * (sheets keep empty formatted rows); otherwise either an agreement or every problem of the row.
 */
export function validateAgreement(
  raw: RawAgreementRow,
  knownClients: Set<string>,
  ctx: ReadContext,
): { agreement: AgreementRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cells = [
    raw.clientCode,
    raw.salesperson,
    raw.commissionType,
    raw.ratePct,
    raw.productType,
    raw.startDate,
    raw.endDate,
  ];
  if (
    cells.every(
      (v) =>
        v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === ''),
    )
  ) {
    return { agreement: null, problems };
  }
  const problem = (column: string, fr: string, en: string) =>
    problems.push({ sheet: 'commissions', row: raw.row, column, message: { fr, en } });

  const code = readCode(raw.clientCode);
  const salesperson = readText(raw.salesperson);
  const typeText = readText(raw.commissionType);
  const rate = readPercent(raw.ratePct, ctx);
  const product = readText(raw.productType);
  const start = readDay(raw.startDate ?? '', ctx);
  const end = readDay(raw.endDate ?? '', ctx);
  const clientCode = code.ok ? (code.value ?? '') : '';
  const commissionType =
    typeText.ok && typeText.value ? choiceFromText('commissionType', typeText.value) : undefined;

  if (clientCode === '') problem('clientCode', 'Code client manquant', 'Missing client code');
  if (!salesperson.ok || !salesperson.value)
    problem('salesperson', 'Vendeur manquant', 'Missing salesperson');
  if (!typeText.ok || !typeText.value) {
    problem('commissionType', 'Type de commission manquant', 'Missing commission type');
  } else if (!commissionType) {
    problem(
      'commissionType',
      `Type de commission inconnu « ${typeText.value} » (Ventes, Encaissements ou Marge)`,
      `Unknown commission type "${typeText.value}" (Sales, Payments or Margin)`,
    );
  }
  if (!rate.ok)
    problems.push({ sheet: 'commissions', row: raw.row, column: 'ratePct', message: rate.message });
  else if (rate.value === null) problem('ratePct', 'Taux (%) manquant', 'Missing rate (%)');
  if (!start.ok)
    problems.push({
      sheet: 'commissions',
      row: raw.row,
      column: 'startDate',
      message: start.message,
    });
  if (!end.ok)
    problems.push({ sheet: 'commissions', row: raw.row, column: 'endDate', message: end.message });

  const agreement: AgreementRow = {
    row: raw.row,
    clientCode,
    salesperson: salesperson.ok ? (salesperson.value ?? '') : '',
    commissionType: commissionType ?? 'sales',
    ratePct: rate.ok ? (rate.value ?? NaN) : NaN,
    productType: product.ok ? (product.value ?? '') : '',
    startDate: start.ok ? start.value : null,
    endDate: end.ok ? end.value : null,
  };
  if (clientCode !== '' && !knownClients.has(codeKey(clientCode))) {
    problem('clientCode', `Client inconnu « ${clientCode} »`, `Unknown client "${clientCode}"`);
  }
  if (start.ok && end.ok) problems.push(...periodProblems(agreement));
  return problems.length > 0 ? { agreement: null, problems } : { agreement, problems };
}

/** The rules a typed agreement must meet; empty when it can be used. */
export function checkAgreement(a: AgreementRow, knownClients: Set<string>): RowProblem[] {
  const problems: RowProblem[] = [];
  const problem = (column: string, fr: string, en: string) =>
    problems.push({ sheet: 'commissions', row: a.row, column, message: { fr, en } });
  const code = a.clientCode.trim();
  if (code === '') problem('clientCode', 'Code client manquant', 'Missing client code');
  else if (!knownClients.has(codeKey(code))) {
    problem('clientCode', `Client inconnu « ${code} »`, `Unknown client "${code}"`);
  }
  if (a.salesperson.trim() === '')
    problem('salesperson', 'Vendeur manquant', 'Missing salesperson');
  if (!COMMISSION_TYPES.includes(a.commissionType)) {
    problem(
      'commissionType',
      `Type de commission inconnu « ${String(a.commissionType)} »`,
      `Unknown commission type "${String(a.commissionType)}"`,
    );
  }
  if (
    typeof a.ratePct !== 'number' ||
    !Number.isFinite(a.ratePct) ||
    a.ratePct < 0 ||
    a.ratePct > 100
  ) {
    problem(
      'ratePct',
      `Taux entre 0 et 100 attendu, reçu « ${String(a.ratePct)} »`,
      `Rate between 0 and 100 expected, got "${String(a.ratePct)}"`,
    );
  }
  problems.push(...periodProblems(a));
  return problems;
}

/** An agreement's period must run forward: From after To pays nothing and says so. */
function periodProblems(a: AgreementRow): RowProblem[] {
  const from = a.startDate ?? null;
  const to = a.endDate ?? null;
  if (from === null || to === null || from <= to) return [];
  return [
    {
      sheet: 'commissions',
      row: a.row,
      column: 'endDate',
      message: {
        fr: `Période inversée : « Au » (${to}) avant « Du » (${from})`,
        en: `Period backwards: "To" (${to}) before "From" (${from})`,
      },
    },
  ];
}

/** Whether a line dated `day` falls within an agreement's From / To (blank = open). */
export function withinAgreement(a: Pick<Agreement, 'startDate' | 'endDate'>, day: Day): boolean {
  return (a.startDate == null || day >= a.startDate) && (a.endDate == null || day <= a.endDate);
}

/** Whether two agreements' periods share a day. */
function overlaps(
  a: Pick<Agreement, 'startDate' | 'endDate'>,
  b: Pick<Agreement, 'startDate' | 'endDate'>,
): boolean {
  const startsBeforeEnd = (x: typeof a, y: typeof a) =>
    x.startDate == null || y.endDate == null || x.startDate <= y.endDate;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

// ---------------------------------------------------------------- the computation

/** Salesperson names sort as a French reader expects (accents, then case), numbers naturally. */
const collator = new Intl.Collator('fr', { numeric: true });

export function computeCommissions(input: CommissionInput): CommissionResult {
  const { month, knownClients } = input;
  if (!isMonth(month)) throw new Error(`Malformed month "${month}": expected YYYY-MM`);
  const problems: RowProblem[] = [];

  // Usable agreements, grouped by client; duplicates reported.
  const byClient = new Map<string, AgreementRow[]>();
  const seen = new Map<string, AgreementRow[]>();
  for (const a of input.agreements) {
    const found = checkAgreement(a, knownClients);
    if (found.length > 0) {
      problems.push(...found);
      continue;
    }
    const key = codeKey(a.clientCode);
    const identity = [key, codeKey(a.salesperson), a.commissionType, codeKey(a.productType)].join(
      '\u0000',
    );
    const same = seen.get(identity) ?? [];
    // The same terms over separate periods (a rate changed on the 1st) are two agreements.
    const first = same.find((b) => overlaps(a, b))?.row;
    if (first !== undefined) {
      problems.push({
        sheet: 'commissions',
        row: a.row,
        column: 'salesperson',
        message: {
          fr: `Entente en double (même client, vendeur, type et type de produit que la ligne ${first}) : ignorée`,
          en: `Duplicate agreement (same client, salesperson, type and product type as row ${first}): skipped`,
        },
      });
      continue;
    }
    seen.set(identity, [...same, a]);
    const list = byClient.get(key);
    if (list) list.push(a);
    else byClient.set(key, [a]);
  }

  // The payments of the month on the clients' invoices (each matched to its invoice), and the
  // invoices paid in the month with Paid on and no payment at all: the Payments lines' dates.
  const payments = input.payments ?? [];
  const { money, unmatched } = matchPayments(input.invoices, payments);
  for (const u of unmatched)
    if (u.payment.date.slice(0, 7) === month) problems.push(unmatchedProblem(u));
  interface Event {
    index: number;
    day: Day;
    base: number;
  }
  const sales = new Map<string, Event[]>();
  const received = new Map<string, Event[]>();
  const push = (map: Map<string, Event[]>, key: string, e: Event) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  input.invoices.forEach((inv, index) => {
    const key = codeKey(inv.clientCode);
    if (!byClient.has(key)) return;
    if (inv.date.slice(0, 7) === month)
      push(sales, key, { index, day: inv.date, base: inv.amount });
    const m = money[index]!;
    for (const p of m.payments)
      if (p.date.slice(0, 7) === month) push(received, key, { index, day: p.date, base: p.amount });
    if (m.payments.length === 0 && inv.paidDate !== null && inv.paidDate.slice(0, 7) === month)
      push(received, key, { index, day: inv.paidDate, base: inv.amount });
  });

  const lines: (CommissionLine & { invoiceIndex: number })[] = [];
  const missingCost = new Set<number>();
  for (const [key, agreements] of byClient) {
    for (const a of agreements) {
      const events = (a.commissionType === 'payments' ? received : sales).get(key);
      if (!events) continue;
      const productKey = codeKey(a.productType);
      for (const { index, day, base: amount } of events) {
        const inv = input.invoices[index] as CommissionInvoice;
        if (productKey !== '' && codeKey(inv.productType) !== productKey) continue;
        if (!withinAgreement(a, day)) continue;
        let base = amount;
        if (a.commissionType === 'margin') {
          if (inv.cost === null) {
            missingCost.add(index);
            continue;
          }
          base = (toCents(inv.amount) - toCents(inv.cost)) / 100;
        }
        lines.push({
          month,
          salesperson: a.salesperson.trim(),
          clientCode: inv.clientCode.trim(),
          invoiceNumber: inv.number,
          commissionType: a.commissionType,
          base,
          ratePct: a.ratePct,
          commission: percentOf(base, a.ratePct),
          invoiceIndex: index,
        });
      }
    }
  }
  for (const index of missingCost) {
    const inv = input.invoices[index] as CommissionInvoice;
    problems.push({
      sheet: 'invoices',
      row: inv.row ?? null,
      column: 'cost',
      message: {
        fr: `Facture ${inv.number} : coût manquant, pas de commission sur la marge`,
        en: `Invoice ${inv.number}: missing cost, no margin commission`,
      },
    });
  }

  lines.sort(
    (x, y) =>
      collator.compare(x.salesperson, y.salesperson) ||
      collator.compare(x.clientCode, y.clientCode) ||
      collator.compare(x.invoiceNumber, y.invoiceNumber) ||
      x.invoiceIndex - y.invoiceIndex,
  );
  return {
    lines: lines.map(({ invoiceIndex: _, ...line }) => line),
    totals: totalsOf(month, lines),
    problems,
  };
}

/** One total per salesperson (names matched trimmed, any case), sorted by name. */
function totalsOf(
  month: Month,
  lines: readonly (CommissionLine & { invoiceIndex: number })[],
): SalespersonTotal[] {
  const bySalesperson = new Map<
    string,
    { name: string; invoices: Set<number>; base: number; commission: number }
  >();
  for (const line of lines) {
    const key = codeKey(line.salesperson);
    let t = bySalesperson.get(key);
    if (!t)
      bySalesperson.set(
        key,
        (t = { name: line.salesperson, invoices: new Set(), base: 0, commission: 0 }),
      );
    t.invoices.add(line.invoiceIndex);
    // Whole cents: the total is exactly the sum of the lines shown.
    t.base += toCents(line.base);
    t.commission += toCents(line.commission);
  }
  return [...bySalesperson.values()]
    .map((t) => ({
      month,
      salesperson: t.name,
      invoiceCount: t.invoices.size,
      base: t.base / 100,
      commission: t.commission / 100,
    }))
    .sort((a, b) => collator.compare(a.salesperson, b.salesperson));
}
