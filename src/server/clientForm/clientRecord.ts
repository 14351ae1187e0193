/**
 * The client as the form sees it (ClientRecord) from and to the rows of Clients, Terms,
 * Commissions and CRM log. Pure: no service call, so it is unit-tested on its own.
 *
 * The fields are the contract's columns with a `form` spec (src/shared/formFields.ts): read and
 * written here by their kind, with no list to keep in step. Written out by hand: the key of the
 * other sheets (the client code), the last invoice dates (written only for a client without
 * invoices), the CRM log's discussions and e-mails, and what the server adds (version, origin,
 * hasInvoices).
 */
import type {
  AgreementFields,
  ClientRecord,
  DiscussionFields,
  EmailFields,
  FormSheet,
} from '../../shared/formApi';
import { fieldsIn, sectionFrom } from '../../shared/formFields';
import type { ColumnKey } from '../../shared/contract';
import type { RowValues } from '../workbook/records';

type ClientRow = RowValues<'clients'>;
type TermsRow = RowValues<'terms'>;
type AgreementRow = RowValues<'commissions'>;
type CrmRow = RowValues<'crmLog'>;

/** Cells of a sheet's row by contract key: the columns a writer sets (others are left as they are). */
export type SheetCells<S extends FormSheet | 'crmLog'> = Partial<Record<ColumnKey<S>, unknown>>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** An agreement row as the form shows it (an unreadable type reads as Sales, a rate as 0). */
export function agreementFieldsOf(a: Partial<AgreementRow>): AgreementFields {
  return sectionFrom('salespeople', { commissions: a }) as AgreementFields;
}

/** A discussion row of the CRM log as the form shows it (its people are the From column). */
export function discussionFieldsOf(r: Partial<CrmRow>): DiscussionFields {
  return {
    date: str(r.date),
    people: str(r.from),
    cc: str(r.cc),
    subject: str(r.subject),
    details: str(r.details),
  };
}

export function emailFieldsOf(r: Partial<CrmRow>): EmailFields {
  return { date: str(r.date), from: str(r.from), to: str(r.to), subject: str(r.subject) };
}

export function toClientRecord(
  client: ClientRow,
  terms: TermsRow | undefined,
  agreements: readonly AgreementRow[],
  crm: readonly CrmRow[],
): ClientRecord {
  const rows = { clients: client, terms };
  return {
    version: str(client.updatedAt),
    general: sectionFrom('general', rows) as ClientRecord['general'],
    terms: sectionFrom('terms', rows) as ClientRecord['terms'],
    salespeople: agreements.map((a, origin) => ({ ...agreementFieldsOf(a), origin })),
    crm: {
      ...(sectionFrom('crm', rows) as Omit<ClientRecord['crm'], 'discussions' | 'emails'>),
      discussions: crm
        .filter((r) => r.kind === 'discussion')
        .map((r, origin) => ({ ...discussionFieldsOf(r), origin })),
      emails: crm
        .filter((r) => r.kind === 'email')
        .map((r, origin) => ({ ...emailFieldsOf(r), origin })),
    },
    computed: {
      ...(sectionFrom('computed', rows) as Omit<ClientRecord['computed'], 'hasInvoices'>),
      // The watch refresh writes Balance due for every client with invoices, blank otherwise.
      hasInvoices: typeof terms?.balanceDue === 'number',
    },
  };
}

/**
 * The cells of `sheet` the form owns (not the computed ones), by contract key, from the
 * record's sections. An optional field absent from the payload (an older form) is left out, so
 * the sheet keeps its value.
 */
function cellsOf<S extends FormSheet>(
  sheet: S,
  sections: readonly Readonly<Record<string, unknown>>[],
  skip: (key: string) => boolean = () => false,
): SheetCells<S> {
  const cells: Record<string, unknown> = {};
  for (const section of ['general', 'terms', 'crm', 'salespeople'] as const)
    for (const { sheet: of, column } of fieldsIn(section)) {
      if (of !== sheet || skip(column.key)) continue;
      const from = sections.find((s) => column.key in s);
      if (from) cells[column.key] = from[column.key];
    }
  return cells as SheetCells<S>;
}

/** The Clients cells the form owns (not the computed ones), by contract key. */
export function clientCells(record: ClientRecord): SheetCells<'clients'> {
  return cellsOf('clients', [record.general, record.crm]);
}

/**
 * The Terms cells the form owns. Balance due is computed; the last invoice dates are computed
 * when the client has invoices, typed in the form otherwise (DESIGN.md; contract fromInvoices).
 */
export function termsCells(record: ClientRecord, hasInvoices: boolean): SheetCells<'terms'> {
  return {
    clientCode: record.general.code,
    ...cellsOf('terms', [record.terms], (key) => hasInvoices && FROM_INVOICES.has(key)),
  };
}

const FROM_INVOICES = new Set(
  fieldsIn('terms')
    .filter((f) => f.column.fromInvoices)
    .map((f) => f.column.key),
);

/** True when a Terms row would hold nothing but the client code: no need to create it. */
export function termsAreBlank(cells: SheetCells<'terms'>): boolean {
  return Object.entries(cells).every(
    ([key, v]) => key === 'clientCode' || v === null || v === '' || v === false,
  );
}

export function agreementCells(record: ClientRecord): SheetCells<'commissions'>[] {
  return record.salespeople.map((a) => ({
    clientCode: record.general.code,
    ...cellsOf('commissions', [a]),
  }));
}

/**
 * CRM log rows the form edits, by kind: discussions (people → From) and e-mails. Only the
 * columns the form shows are given, so what the form does not show (an e-mail's Details, a
 * discussion's To) and was typed in the sheet stays.
 */
export function crmCells(record: ClientRecord): {
  discussion: SheetCells<'crmLog'>[];
  email: SheetCells<'crmLog'>[];
} {
  const code = record.general.code;
  return {
    discussion: record.crm.discussions.map((d) => ({
      clientCode: code,
      date: d.date,
      kind: 'discussion',
      from: d.people,
      cc: d.cc,
      subject: d.subject,
      details: d.details,
    })),
    email: record.crm.emails.map((e) => ({
      clientCode: code,
      date: e.date,
      kind: 'email',
      from: e.from,
      to: e.to,
      subject: e.subject,
    })),
  };
}

/** Whether a stored row already holds these values (so it need not be written). */
export function sameValues(
  stored: Record<string, unknown>,
  wanted: Record<string, unknown>,
): boolean {
  return Object.keys(wanted).every((key) => normalize(stored[key]) === normalize(wanted[key]));
}

function normalize(v: unknown): string {
  if (v === null || v === undefined || v === '' || v === false) return '';
  // A list is a set (the tags): ticking and unticking in another order changes nothing.
  if (Array.isArray(v)) return [...v].map(String).sort().join(',');
  return String(v);
}

/**
 * The code proposed for a new client: the highest numbered code's prefix with the next number,
 * zero-padded as it was ("C0041" → "C0042"); "C0001" when no code ends in a number.
 */
export function nextClientCode(
  codes: readonly string[],
  taken: (code: string) => boolean = () => false,
): string {
  let best: { prefix: string; n: number; width: number } | null = null;
  for (const code of codes) {
    const m = /^(.*?)(\d+)$/.exec(code.trim());
    if (!m) continue;
    const n = Number(m[2]);
    if (!best || n > best.n) best = { prefix: m[1]!, n, width: m[2]!.length };
  }
  const start = best ?? { prefix: 'C', n: 0, width: 4 };
  for (let n = start.n + 1; ; n++) {
    const candidate = start.prefix + String(n).padStart(start.width, '0');
    if (!taken(candidate)) return candidate;
  }
}
