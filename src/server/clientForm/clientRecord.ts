/**
 * The client as the form sees it (ClientRecord) from and to the rows of Clients, Terms,
 * Commissions and CRM log. Pure: no service call, so it is unit-tested on its own.
 */
import type {
  AgreementFields,
  ClientRecord,
  DiscussionFields,
  EmailFields,
} from '../../shared/formApi';
import type { ColumnKey, ConsentType } from '../../shared/contract';
import type { RowValues } from '../workbook/records';

type ClientRow = RowValues<'clients'>;
type TermsRow = RowValues<'terms'>;
type AgreementRow = RowValues<'commissions'>;
type CrmRow = RowValues<'crmLog'>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const bool = (v: unknown): boolean => v === true;
const day = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The entries whose value is not blank ('' or null). */
function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== '' && v !== null),
  ) as Partial<T>;
}

/** An agreement row as the form shows it (an unreadable type reads as Sales, a rate as 0). */
export function agreementFieldsOf(a: Partial<AgreementRow>): AgreementFields {
  return {
    salesperson: str(a.salesperson),
    commissionType:
      a.commissionType === 'payments' || a.commissionType === 'margin' ? a.commissionType : 'sales',
    ratePct: num(a.ratePct) ?? 0,
    productType: str(a.productType),
  };
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
  const tr = (terms ?? {}) as Partial<TermsRow>;
  const kind = str(client.kind);
  const language = str(client.language);
  return {
    version: str(client.updatedAt),
    general: {
      code: str(client.code),
      name: str(client.name),
      kind: kind === 'company' || kind === 'individual' ? kind : '',
      contact: str(client.contact),
      email: str(client.email),
      phone: str(client.phone),
      address: str(client.address),
      city: str(client.city),
      province: str(client.province),
      postalCode: str(client.postalCode),
      country: str(client.country),
      language: language === 'fr' || language === 'en' ? language : '',
    },
    terms: {
      creditCode: str(tr.creditCode),
      creditLimit: num(tr.creditLimit),
      termDays: num(tr.termDays),
      discountPct: num(tr.discountPct),
      discountDays: num(tr.discountDays),
      revenueAccount: str(tr.revenueAccount),
      taxCode: str(tr.taxCode),
      lastInvoiceDate: day(tr.lastInvoiceDate),
      lastUnpaidInvoiceDate: day(tr.lastUnpaidInvoiceDate),
      watchReason: str(tr.watchReason),
      emailInvoices: bool(tr.emailInvoices),
      poRequired: bool(tr.poRequired),
      taxExempt: bool(tr.taxExempt),
      cashOnDelivery: bool(tr.cashOnDelivery),
      invoiceRemarks: str(tr.invoiceRemarks),
    },
    salespeople: agreements.map((a, origin) => ({ ...agreementFieldsOf(a), origin })),
    crm: {
      accountManager: str(client.accountManager),
      referredBy: str(client.referredBy),
      newsletter: bool(client.newsletter),
      tags: Array.isArray(client.tags) ? (client.tags as string[]) : [],
      needs: str(client.needs),
      followUp: str(client.followUp),
      habits: str(client.habits),
      discussions: crm
        .filter((r) => r.kind === 'discussion')
        .map((r, origin) => ({ ...discussionFieldsOf(r), origin })),
      emails: crm
        .filter((r) => r.kind === 'email')
        .map((r, origin) => ({ ...emailFieldsOf(r), origin })),
      // Optional fields (formApi.ts) are present only when the sheet holds something: a blank
      // one and a missing one mean the same to the form.
      ...optional({
        consentType: (client.consentType === 'express' || client.consentType === 'implied'
          ? client.consentType
          : '') as ConsentType | '',
        consentDate: day(client.consentDate),
        consentSource: str(client.consentSource),
        nextFollowUp: day(client.nextFollowUp),
      }),
    },
    computed: {
      // The watch refresh writes Balance due for every client with invoices, blank otherwise.
      balanceDue: num(tr.balanceDue),
      watched: bool(client.watched),
      watchReasons: str(client.watchReasons),
      hasInvoices: num(tr.balanceDue) !== null,
      updatedAt: str(client.updatedAt),
      updatedBy: str(client.updatedBy),
      // Absent until the habits run has written something for this client.
      ...(str(client.computedHabits) ? { computedHabits: str(client.computedHabits) } : {}),
    },
  };
}

/** The Clients cells the form owns (not the computed ones), by contract key. */
export function clientCells(record: ClientRecord): Partial<Record<ColumnKey<'clients'>, unknown>> {
  const { general: g, crm } = record;
  return {
    code: g.code,
    name: g.name,
    kind: g.kind,
    contact: g.contact,
    email: g.email,
    phone: g.phone,
    address: g.address,
    city: g.city,
    province: g.province,
    postalCode: g.postalCode,
    country: g.country,
    language: g.language,
    accountManager: crm.accountManager,
    referredBy: crm.referredBy,
    newsletter: crm.newsletter,
    tags: crm.tags,
    needs: crm.needs,
    followUp: crm.followUp,
    habits: crm.habits,
    // Absent from an older form's payload: left out, so the sheet keeps its values.
    ...(crm.consentType !== undefined ? { consentType: crm.consentType } : {}),
    ...(crm.consentDate !== undefined ? { consentDate: crm.consentDate } : {}),
    ...(crm.consentSource !== undefined ? { consentSource: crm.consentSource } : {}),
    ...(crm.nextFollowUp !== undefined ? { nextFollowUp: crm.nextFollowUp } : {}),
  };
}

/**
 * The Terms cells the form owns. Balance due is computed; the last invoice dates are computed
 * when the client has invoices, typed in the form otherwise (DESIGN.md).
 */
export function termsCells(
  record: ClientRecord,
  hasInvoices: boolean,
): Partial<Record<ColumnKey<'terms'>, unknown>> {
  const { terms: tm } = record;
  const cells: Partial<Record<ColumnKey<'terms'>, unknown>> = {
    clientCode: record.general.code,
    creditCode: tm.creditCode,
    creditLimit: tm.creditLimit,
    termDays: tm.termDays,
    discountPct: tm.discountPct,
    discountDays: tm.discountDays,
    revenueAccount: tm.revenueAccount,
    taxCode: tm.taxCode,
    watchReason: tm.watchReason,
    emailInvoices: tm.emailInvoices,
    poRequired: tm.poRequired,
    taxExempt: tm.taxExempt,
    cashOnDelivery: tm.cashOnDelivery,
    invoiceRemarks: tm.invoiceRemarks,
  };
  if (!hasInvoices) {
    cells.lastInvoiceDate = tm.lastInvoiceDate;
    cells.lastUnpaidInvoiceDate = tm.lastUnpaidInvoiceDate;
  }
  return cells;
}

/** True when a Terms row would hold nothing but the client code: no need to create it. */
export function termsAreBlank(cells: Partial<Record<ColumnKey<'terms'>, unknown>>): boolean {
  return Object.entries(cells).every(
    ([key, v]) => key === 'clientCode' || v === null || v === '' || v === false,
  );
}

export function agreementCells(
  record: ClientRecord,
): Partial<Record<ColumnKey<'commissions'>, unknown>>[] {
  return record.salespeople.map((a) => ({
    clientCode: record.general.code,
    salesperson: a.salesperson,
    commissionType: a.commissionType,
    ratePct: a.ratePct,
    productType: a.productType,
  }));
}

/**
 * CRM log rows the form edits, by kind: discussions (people → From) and e-mails. Only the
 * columns the form shows are given, so what the form does not show (an e-mail's Details, a
 * discussion's To) and was typed in the sheet stays.
 */
export function crmCells(record: ClientRecord): {
  discussion: Partial<Record<ColumnKey<'crmLog'>, unknown>>[];
  email: Partial<Record<ColumnKey<'crmLog'>, unknown>>[];
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
