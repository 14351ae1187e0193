/**
 * Typed records from the rows of a Table, and cell values from typed records. Every column is
 * read by its kind in the contract (text, number, date, checkbox, …) with the domain's cell
 * readers; what cannot be read is reported with its sheet, row and column and left blank, never
 * guessed. Pure apart from the Table it is given: no service call here.
 */
import {
  choiceFromText,
  choiceLabel,
  type ChoiceKey,
  type ColumnDef,
  type ColumnKey,
  type Lang,
  type RecordOf,
  type SheetKey,
} from '../../shared/contract';
import {
  readBoolean,
  readDay,
  readDays,
  readMoney,
  readNumber,
  readPercent,
  readText,
  type CellRead,
  type CellValue,
  type ReadContext,
} from '../../domain/cells';
import type { CellProblem, Invoice } from '../../domain/types';
import { blankOf } from '../../shared/formFields';
import { t, type MessageKey } from '../platform/messages';
import { columnsOf, FIRST_DATA_ROW, type Table } from './sheets';
import { asCellValue } from './write';

/**
 * A row as read: one value per contract column, typed by the column's kind (contract.ts
 * RecordOf), any cell possibly blank. Clients and Terms rows are their domain records as they
 * are (src/domain/types.ts); Invoices need the checks of readInvoices.
 */
export type RowValues<S extends SheetKey> = RecordOf<S, false>;

export interface Read<T> {
  /** `row` is the 1-based sheet row. */
  records: (T & { row: number })[];
  problems: CellProblem[];
}

function readCell(column: ColumnDef, value: CellValue, ctx: ReadContext): CellRead<unknown> {
  switch (column.kind) {
    case 'number':
      // A whole number of days (a term, a discount's days): the message says so.
      return column.int && column.min === 0 ? readDays(value, ctx) : readNumber(value, ctx);
    case 'money':
      return readMoney(value, ctx);
    case 'percent':
      return readPercent(value, ctx);
    case 'checkbox':
      return readBoolean(value);
    case 'date':
      // An instant (Updated at), not a day: kept whole.
      if (column.instant && value instanceof Date) return { ok: true, value: value.toISOString() };
      return readDay(value, ctx);
    case 'choice': {
      const text = readText(value, ctx);
      if (!text.ok || text.value === null) return text;
      const choice = choiceFromText(column.choices as ChoiceKey, text.value);
      if (choice !== undefined) return { ok: true, value: choice };
      return {
        ok: false,
        message: {
          fr: `Valeur inconnue « ${text.value} »`,
          en: `Unknown value "${text.value}"`,
        },
      };
    }
    default: {
      const text = readText(value, ctx);
      if (column.multi && text.ok) {
        const parts = (text.value ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return { ok: true, value: parts };
      }
      return text;
    }
  }
}

/** Whose a row is, as a problem names it: its invoice number, else its client code. */
function rowKey<S extends SheetKey>(
  table: Table<S>,
  row: readonly unknown[],
): CellProblem['key'] | undefined {
  const index = table.index as Record<string, number | undefined>;
  const text = (key: string): string => {
    const i = index[key];
    return i === undefined || i < 0 ? '' : String(row[i] ?? '').trim();
  };
  const invoice = table.key === 'invoices' ? text('number') : text('invoiceNumber');
  if (invoice) return { kind: 'invoice', value: invoice };
  const client = table.key === 'clients' ? text('code') : text('clientCode');
  return client ? { kind: 'client', value: client } : undefined;
}

/** One row as values by contract key; unreadable cells are reported and left blank. */
export function readRow<S extends SheetKey>(
  table: Table<S>,
  row: readonly unknown[],
  sheetRow: number,
  ctx: ReadContext,
  problems: CellProblem[],
): RowValues<S> {
  const out = {} as Record<string, unknown>;
  for (const column of columnsOf(table.key)) {
    const i = table.index[column.key];
    const raw = (i < 0 ? '' : (row[i] ?? '')) as CellValue;
    const read = readCell(column, raw, ctx);
    if (read.ok) out[column.key] = read.value === null ? blankOf(column, false) : read.value;
    else {
      out[column.key] = blankOf(column, false);
      const key = rowKey(table, row);
      problems.push({
        sheet: table.name,
        row: sheetRow,
        column: column[table.lang],
        message: read.message[ctx.lang],
        columnKey: column.key,
        ...(key && { key }),
      });
    }
  }
  return out as RowValues<S>;
}

function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((v) => v === '' || v === null || (typeof v === 'string' && v.trim() === ''));
}

/** Every non-blank row of a table, read. */
export function readAll<S extends SheetKey>(table: Table<S>, ctx: ReadContext): Read<RowValues<S>> {
  const problems: CellProblem[] = [];
  const records: (RowValues<S> & { row: number })[] = [];
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const sheetRow = i + FIRST_DATA_ROW;
    records.push({ ...readRow(table, row, sheetRow, ctx, problems), row: sheetRow });
  });
  return { records, problems };
}

/**
 * The rows of a table whose `required` cells could all be read; the others are reported with
 * their row (and `keyOf` the row, when it names one) and left out, never guessed.
 */
function readComplete<S extends 'invoices' | 'payments', T>(
  table: Table<S>,
  ctx: ReadContext,
  required: readonly ColumnKey<S>[],
  message: MessageKey,
  keyOf: (r: RowValues<S>) => CellProblem['key'] | undefined = () => undefined,
): Read<T> {
  const read = readAll(table, ctx);
  const problems = [...read.problems];
  const badRows = new Set(read.problems.map((p) => p.row));
  const records: (T & { row: number })[] = [];
  for (const r of read.records) {
    if (badRows.has(r.row)) continue;
    const cells = r as Record<string, unknown>;
    const missing = required.filter((k) => cells[k] === '' || cells[k] === null);
    if (missing.length > 0) {
      const key = keyOf(r);
      problems.push({
        sheet: table.name,
        row: r.row,
        ...(key && { key }),
        column: missing
          .map(
            (k) =>
              (columnsOf(table.key) as readonly ColumnDef[]).find((c) => c.key === k)![ctx.lang],
          )
          .join(', '),
        message: t(message, ctx.lang),
      });
      continue;
    }
    records.push(r as unknown as T & { row: number });
  }
  return { records, problems };
}

/** Invoices whose number, date, client code and amount could be read. */
export function readInvoices(table: Table<'invoices'>, ctx: ReadContext): Read<Invoice> {
  return readComplete<'invoices', Invoice>(
    table,
    ctx,
    ['number', 'date', 'clientCode', 'amount'],
    'incompleteInvoice',
    (r) => (r.number !== '' ? { kind: 'invoice', value: String(r.number) } : undefined),
  );
}

/** A payment as the rules read it (src/domain/payments.ts). */
export type PaymentRecord = Pick<
  RecordOf<'payments'>,
  'date' | 'invoiceNumber' | 'clientCode' | 'amount'
>;

/**
 * Payments whose date, invoice number, client code and amount could be read (a payment read
 * wrong would move a balance).
 */
export function readPayments(table: Table<'payments'>, ctx: ReadContext): Read<PaymentRecord> {
  return readComplete<'payments', PaymentRecord>(
    table,
    ctx,
    ['date', 'invoiceNumber', 'clientCode', 'amount'],
    'incompletePayment',
  );
}

/** Cell values of a typed record, by contract key, as they should be written. */
export function toCells<S extends SheetKey>(
  key: S,
  values: Partial<Record<ColumnKey<S>, unknown>>,
  lang: Lang,
): Partial<Record<ColumnKey<S>, unknown>> {
  const out: Partial<Record<ColumnKey<S>, unknown>> = {};
  for (const column of columnsOf(key)) {
    if (!(column.key in values)) continue;
    out[column.key] = toCell(column, values[column.key], lang);
  }
  return out;
}

/** One value as written to a cell: blanks as '', lists joined, choices as their label, text escaped. */
export function toCell(column: ColumnDef, value: unknown, lang: Lang): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return asCellValue(value.join(', '));
  if (column.kind === 'choice' && typeof value === 'string' && value !== '') {
    const labels = column.choices ? choiceFromText(column.choices, value) : undefined;
    return labels ? choiceLabel(column.choices!, labels, lang) : asCellValue(value);
  }
  // Days are written as 'YYYY-MM-DD' for Sheets to parse as a date in the spreadsheet's zone.
  if (column.kind === 'date') return value;
  if (column.kind === 'text' || column.kind === 'list' || column.kind === 'plainText')
    return asCellValue(value);
  return value;
}
