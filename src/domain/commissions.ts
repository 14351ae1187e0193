/**
 * Commissions for a month (DESIGN.md "The rules"), for each salesperson agreement:
 * - Sales: invoices of the client dated in the month, base = amount;
 * - Payments: invoices of the client paid in the month, base = amount;
 * - Margin: invoices of the client dated in the month, base = amount − cost;
 * - only invoices whose product type matches (blank agreement = all; trimmed, any case);
 * - commission = base × rate / 100 rounded to the cent per line (half away from zero, exact);
 *   credit notes give negative lines; each salesperson of a client gets their own lines.
 *
 * Decisions:
 * - Margin with a blank Cost: the line is skipped and the invoice reported. Counting the cost as
 *   0 would pay commission on the whole amount; the team fills the cost and recomputes the month.
 * - Agreements that are invalid (unknown client, unknown type, rate not a number or outside
 *   0–100, no salesperson) or duplicate an earlier row (same client, salesperson, type and
 *   product type: it would pay twice) are reported with their row and skipped, never guessed.
 * Reading cells is cells.ts's job; validateAgreement turns a raw Commissions row into an
 * Agreement with every problem of the row, and computeCommissions re-checks typed agreements
 * (they may come from the form) with the same rules.
 */
import { choiceFromText, type CommissionType } from '../shared/contract';
import {
  codeKey,
  readCode,
  readPercent,
  readText,
  type CellValue,
  type ReadContext,
} from './cells';
import { percentOf, toCents } from './money';
import type { RowProblem } from './problems';
import { isMonth } from './time';
import type { Agreement, Invoice, Month } from './types';

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
}

/**
 * Reads and checks one Commissions row. A wholly blank row gives neither agreement nor problem
 * (sheets keep empty formatted rows); otherwise either an agreement or every problem of the row.
 */
export function validateAgreement(
  raw: RawAgreementRow,
  knownClients: Set<string>,
  ctx: Pick<ReadContext, 'lang'>,
): { agreement: AgreementRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cells = [raw.clientCode, raw.salesperson, raw.commissionType, raw.ratePct, raw.productType];
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

  const agreement: AgreementRow = {
    row: raw.row,
    clientCode,
    salesperson: salesperson.ok ? (salesperson.value ?? '') : '',
    commissionType: commissionType ?? 'sales',
    ratePct: rate.ok ? (rate.value ?? NaN) : NaN,
    productType: product.ok ? (product.value ?? '') : '',
  };
  if (clientCode !== '' && !knownClients.has(codeKey(clientCode))) {
    problem('clientCode', `Client inconnu « ${clientCode} »`, `Unknown client "${clientCode}"`);
  }
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
  return problems;
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
  const seen = new Map<string, number>();
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
    const first = seen.get(identity);
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
    seen.set(identity, a.row);
    const list = byClient.get(key);
    if (list) list.push(a);
    else byClient.set(key, [a]);
  }

  // Only invoices of those clients that touch the month: dated in it or paid in it.
  const invoicesByClient = new Map<string, number[]>();
  input.invoices.forEach((inv, index) => {
    if (
      inv.date.slice(0, 7) !== month &&
      (inv.paidDate === null || inv.paidDate.slice(0, 7) !== month)
    )
      return;
    const key = codeKey(inv.clientCode);
    if (!byClient.has(key)) return;
    const list = invoicesByClient.get(key);
    if (list) list.push(index);
    else invoicesByClient.set(key, [index]);
  });

  const lines: (CommissionLine & { invoiceIndex: number })[] = [];
  const missingCost = new Set<number>();
  for (const [key, agreements] of byClient) {
    const indexes = invoicesByClient.get(key);
    if (!indexes) continue;
    for (const a of agreements) {
      const productKey = codeKey(a.productType);
      for (const index of indexes) {
        const inv = input.invoices[index] as CommissionInvoice;
        const inMonth =
          a.commissionType === 'payments'
            ? inv.paidDate?.slice(0, 7) === month
            : inv.date.slice(0, 7) === month;
        if (!inMonth) continue;
        if (productKey !== '' && codeKey(inv.productType) !== productKey) continue;
        let base = inv.amount;
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
