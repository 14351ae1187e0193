/**
 * Who is on the newsletter audience and with what data: the Clients rows read once, each
 * client's eligibility under CASL (src/domain/consent.ts), the names Mailchimp gets, and the
 * CSV of the opted-in audience in Mailchimp's import format. Shared by the API sync and the
 * CSV export, so both send exactly the same people.
 */
import { codeKey, type ReadContext } from '../../domain/cells';
import { newsletterEligibility, type Eligibility } from '../../domain/consent';
import type { CellProblem } from '../../domain/types';
import { isInactive, type Lang } from '../../shared/contract';
import { csvField } from '../../shared/csv';
import { readAll, type RowValues } from '../workbook/records';
import { type Table } from '../workbook/sheets';
import { readTable } from '../workbook/read';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface AudienceClient {
  code: string;
  key: string;
  name: string;
  email: string;
  firstName: string;
  lastName: string;
  /** The client's name when it is a company ('' for an individual). */
  company: string;
  language: string;
  tags: string[];
  eligibility: Eligibility;
  consentType: string;
  consentDate: string;
  /** The Mailchimp sync column as read (see newsletter.ts). */
  syncState: string;
  /** 1-based sheet row. */
  row: number;
}

export interface Audience {
  table: Table<'clients'>;
  clients: AudienceClient[];
  /** Every tag of the Lists sheet: tags a client lacks are set inactive in Mailchimp. */
  listTags: string[];
  problems: CellProblem[];
}

/**
 * First and last name for Mailchimp's FNAME / LNAME: an individual's own name ("Anne Lavoie",
 * or "Lavoie, Anne"), a company's contact person; a company without a contact gets its name as
 * FNAME, so greetings still say something true.
 */
export function memberNames(client: { kind: string; name: string; contact: string }): {
  firstName: string;
  lastName: string;
} {
  const person = client.kind === 'company' ? client.contact.trim() : client.name.trim();
  if (!person) return { firstName: client.name.trim(), lastName: '' };
  const comma = person.indexOf(',');
  if (comma > 0)
    return { firstName: person.slice(comma + 1).trim(), lastName: person.slice(0, comma).trim() };
  const space = person.indexOf(' ');
  if (space < 0) return { firstName: person, lastName: '' };
  return { firstName: person.slice(0, space), lastName: person.slice(space + 1).trim() };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function readAudience(
  spreadsheet: Spreadsheet,
  lang: Lang,
  ctx: ReadContext,
  today: string,
): Audience {
  const table = readTable(spreadsheet, 'clients', lang);
  const read = readAll(table, ctx);
  const lists = readTable(spreadsheet, 'lists', lang, []);
  const ti = lists.index.tags;
  const listTags =
    ti < 0 ? [] : [...new Set(lists.rows.map((r) => String(r[ti] ?? '').trim()).filter(Boolean))];
  const clients = read.records
    .filter((r) => str(r.code).trim() !== '')
    .map((r) => audienceClient(r, today));
  return { table, clients, listTags, problems: read.problems };
}

function audienceClient(r: RowValues<'clients'> & { row: number }, today: string): AudienceClient {
  const kind = str(r.kind);
  const name = str(r.name);
  const consentType =
    r.consentType === 'express' || r.consentType === 'implied' ? r.consentType : '';
  const consentDate = str(r.consentDate) || null;
  const email = str(r.email).trim();
  return {
    code: str(r.code).trim(),
    key: codeKey(str(r.code)),
    name,
    email,
    ...memberNames({ kind, name, contact: str(r.contact) }),
    company: kind === 'company' ? name : '',
    language: str(r.language),
    tags: Array.isArray(r.tags) ? (r.tags as string[]) : [],
    eligibility: newsletterEligibility(
      {
        // An inactive client is unsubscribed (not deleted: the member and its history stay in
        // Mailchimp, and come back if the client is made active again). Decision 021.
        newsletter: r.newsletter === true && !isInactive(r.status),
        email,
        consentType,
        consentDate,
        consentSource: str(r.consentSource),
      },
      today,
    ),
    consentType,
    consentDate: consentDate ?? '',
    syncState: str(r.mailchimpSync),
    row: r.row,
  };
}

// ---------------------------------------------------------------- CSV export

/**
 * Mailchimp's import columns: "Email Address" is the one required field; first and last name
 * are text fields; Tags holds the tags separated by commas (quoted, so one column).
 * https://mailchimp.com/help/format-guidelines-for-your-import-file/
 */
export const CSV_HEADER = [
  'Email Address',
  'First Name',
  'Last Name',
  'Company',
  'Language',
  'Tags',
] as const;

/**
 * The opted-in audience as CSV text (CRLF line ends, as RFC 4180 has them). A name, company or
 * tag beginning with = + - @, or holding one after a `;` or `,`, gets OWASP's quotes
 * (src/shared/csv.ts): Mailchimp keeps them as data, but the file is often opened in a
 * spreadsheet program first, where it would run.
 */
export function audienceCsv(clients: readonly AudienceClient[]): string {
  const lines = [CSV_HEADER.map(csvField).join(',')];
  for (const c of clients) {
    if (!c.eligibility.subscribe) continue;
    lines.push(
      [c.email, c.firstName, c.lastName, c.company, c.language, c.tags.join(',')]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
