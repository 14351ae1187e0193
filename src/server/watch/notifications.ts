/**
 * E-mails to account managers when clients come under watch: one message per account manager
 * per refresh, listing their newly watched clients, so each new flag is announced once (a client
 * still watched the next day is not "new"). Addresses come from the Lists sheet (Account
 * managers / Account manager emails, read as pairs). MailApp's daily quota is checked first;
 * a failing address is reported and the others still go out.
 */
import { translator, type TextTable } from '../../shared/text';
import type { ColumnKey, Lang } from '../../shared/contract';
import type { Settings } from '../../domain/types';
import { codeKey } from '../../domain/cells';
import { isOneAddress, sendWithinQuota, type MailReport } from '../platform/mail';
import { plainLine } from '../platform/input';
import { readTable } from '../workbook/read';
import { columnLetter, FIRST_DATA_ROW, type Table } from '../workbook/sheets';

export interface NewlyWatched {
  code: string;
  name: string;
  accountManager: string;
  reasons: string;
  /** Status Inactive: flagged like any client, but no e-mail about it (decision 021). */
  inactive?: boolean;
}

export interface NotificationReport extends MailReport {
  /** Clients whose account manager has no e-mail in Lists (or no account manager). */
  noAddress: string[];
  /** Lists cells ("Listes!E3") not holding exactly one valid address: nothing sent to them. */
  badAddress: string[];
  /** Clients whose message was not sent (quota spent, the send failed): kept for later. */
  unsent: string[];
}

/** The e-mail cells of one pair of Lists columns, by name (case-insensitive). */
export interface ListAddresses {
  /** Name → the one valid address of its cell. */
  valid: Map<string, string>;
  /** Name → its cell ("Listes!E3") when that cell is not exactly one valid address. */
  refused: Map<string, string>;
}

/**
 * Name (case-insensitive) → e-mail, from a pair of Lists columns read side by side (Account
 * managers / Account manager emails, Salespeople / Salesperson emails). A name without an
 * e-mail, or columns missing from the sheet, give no entry. A cell must hold exactly one valid
 * address: "sal@example.com, outsider@evil.example" would make the trigger owner's account mail
 * a statement to a second person, so such a cell is refused, by its position, and its name gets
 * no mail (the first valid cell of a name typed twice wins).
 */
export function listEmails(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  namesKey: ColumnKey<'lists'>,
  emailsKey: ColumnKey<'lists'>,
): ListAddresses {
  const table = readTable(spreadsheet, 'lists', lang, []);
  return addressesOf(table, namesKey, emailsKey);
}

function addressesOf(
  table: Table<'lists'>,
  namesKey: ColumnKey<'lists'>,
  emailsKey: ColumnKey<'lists'>,
): ListAddresses {
  const names = table.index[namesKey];
  const emails = table.index[emailsKey];
  const out: ListAddresses = { valid: new Map(), refused: new Map() };
  if (names < 0 || emails < 0) return out;
  table.rows.forEach((row, r) => {
    const name = String(row[names] ?? '').trim();
    const email = String(row[emails] ?? '').trim();
    if (!name || !email) return;
    const key = codeKey(name);
    if (out.valid.has(key)) return;
    if (isOneAddress(email)) {
      out.valid.set(key, email);
      out.refused.delete(key);
    } else if (!out.refused.has(key))
      out.refused.set(key, `${table.name}!${columnLetter(emails + 1)}${r + FIRST_DATA_ROW}`);
  });
  return out;
}

/** Account manager name (case-insensitive) → e-mail, from the Lists sheet. */
export function managerEmails(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): ListAddresses {
  return listEmails(spreadsheet, lang, 'accountManagers', 'accountManagerEmails');
}

/**
 * Every e-mail cell of Lists (both pairs) that holds text but not exactly one valid address,
 * by position, for the Settings dialog: those people get no mail until the cell is fixed.
 */
export function badListAddresses(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): string[] {
  const table = readTable(spreadsheet, 'lists', lang, []);
  const out: string[] = [];
  for (const key of ['salespersonEmails', 'accountManagerEmails'] as const) {
    const at = table.index[key];
    if (at < 0) continue;
    table.rows.forEach((row, r) => {
      const text = String(row[at] ?? '').trim();
      if (text !== '' && !isOneAddress(text))
        out.push(`${table.name}!${columnLetter(at + 1)}${r + FIRST_DATA_ROW}`);
    });
  }
  return out;
}

const TEXT = {
  subject: {
    fr: 'Fiche Client : {n} {n|client|clients} sous surveillance',
    en: 'Fiche Client: {n} {n|client|clients} now under watch',
  },
  intro: {
    fr: 'Ces clients dont vous êtes chargé de compte viennent de passer sous surveillance :',
    en: 'These clients you manage have just come under watch:',
  },
  outro: { fr: 'Classeur :', en: 'Workbook:' },
} as const satisfies TextTable;
const say = translator(TEXT);

/**
 * Clients grouped by their account manager's e-mail (one message each); the codes of those
 * without a manager or an address go to `noAddress`, and the Lists cells refused for not
 * holding exactly one address to `badAddress` (once each).
 */
export function byManagerAddress<T extends { code: string; accountManager: string }>(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  clients: readonly T[],
  report: { noAddress: string[]; badAddress: string[] },
): Map<string, T[]> {
  const emails = managerEmails(spreadsheet, lang);
  const byAddress = new Map<string, T[]>();
  for (const c of clients) {
    const key = codeKey(c.accountManager);
    const to = c.accountManager ? emails.valid.get(key) : undefined;
    const refused = c.accountManager ? emails.refused.get(key) : undefined;
    if (refused && !report.badAddress.includes(refused)) report.badAddress.push(refused);
    if (!to) report.noAddress.push(c.code);
    else byAddress.set(to, [...(byAddress.get(to) ?? []), c]);
  }
  return byAddress;
}

/** A line of a mail's list: a client's code and name as one line of plain text. */
export const CLIENT_NAME_MAX = 100;

export function notifyNewlyWatched(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clients: readonly NewlyWatched[],
  settings: Pick<Settings, 'lang'>,
): NotificationReport {
  const lang = settings.lang;
  const report: NotificationReport = {
    sent: 0,
    noAddress: [],
    badAddress: [],
    overQuota: 0,
    failed: [],
    unsent: [],
  };
  const active = clients.filter((c) => !c.inactive);
  if (active.length === 0) return report;
  const byAddress = byManagerAddress(spreadsheet, lang, active, report);
  if (byAddress.size === 0) return report;
  const url = spreadsheet.getUrl();
  const groups = [...byAddress];
  const went = sendWithinQuota(
    groups.map(([to, list]) => ({
      to,
      subject: say('subject', lang, { n: list.length }),
      body: [
        say('intro', lang),
        '',
        ...list.map(
          (c) =>
            `• ${plainLine(`${c.code} ${c.name}`, CLIENT_NAME_MAX)}: ${plainLine(c.reasons, 500)}`,
        ),
        '',
        `${say('outro', lang)} ${url}`,
      ].join('\n'),
    })),
    report,
  );
  groups.forEach(([, list], i) => {
    if (!went[i]) report.unsent.push(...list.map((c) => c.code));
  });
  return report;
}
