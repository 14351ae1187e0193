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
import { sendWithinQuota, type MailReport } from '../platform/mail';
import { readTable } from '../workbook/read';

export interface NewlyWatched {
  code: string;
  name: string;
  accountManager: string;
  reasons: string;
}

export interface NotificationReport extends MailReport {
  /** Clients whose account manager has no e-mail in Lists (or no account manager). */
  noAddress: string[];
}

/**
 * Name (case-insensitive) → e-mail, from a pair of Lists columns read side by side (Account
 * managers / Account manager emails, Salespeople / Salesperson emails). A name without an
 * e-mail, or columns missing from the sheet, give no entry.
 */
export function listEmails(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  namesKey: ColumnKey<'lists'>,
  emailsKey: ColumnKey<'lists'>,
): Map<string, string> {
  const table = readTable(spreadsheet, 'lists', lang, []);
  const names = table.index[namesKey];
  const emails = table.index[emailsKey];
  const out = new Map<string, string>();
  if (names < 0 || emails < 0) return out;
  for (const row of table.rows) {
    const name = String(row[names] ?? '').trim();
    const email = String(row[emails] ?? '').trim();
    if (name && email) out.set(codeKey(name), email);
  }
  return out;
}

/** Account manager name (case-insensitive) → e-mail, from the Lists sheet. */
export function managerEmails(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
): Map<string, string> {
  return listEmails(spreadsheet, lang, 'accountManagers', 'accountManagerEmails');
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
 * without a manager or an address go to `noAddress`.
 */
export function byManagerAddress<T extends { code: string; accountManager: string }>(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  clients: readonly T[],
  noAddress: string[],
): Map<string, T[]> {
  const emails = managerEmails(spreadsheet, lang);
  const byAddress = new Map<string, T[]>();
  for (const c of clients) {
    const to = c.accountManager ? emails.get(codeKey(c.accountManager)) : undefined;
    if (!to) noAddress.push(c.code);
    else byAddress.set(to, [...(byAddress.get(to) ?? []), c]);
  }
  return byAddress;
}

export function notifyNewlyWatched(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clients: readonly NewlyWatched[],
  settings: Pick<Settings, 'lang'>,
): NotificationReport {
  const lang = settings.lang;
  const report: NotificationReport = { sent: 0, noAddress: [], overQuota: 0, failed: [] };
  const byAddress = byManagerAddress(spreadsheet, lang, clients, report.noAddress);
  if (byAddress.size === 0) return report;
  const url = spreadsheet.getUrl();
  sendWithinQuota(
    [...byAddress].map(([to, list]) => ({
      to,
      subject: say('subject', lang, { n: list.length }),
      body: [
        say('intro', lang),
        '',
        ...list.map((c) => `• ${c.code} ${c.name}: ${c.reasons}`),
        '',
        `${say('outro', lang)} ${url}`,
      ].join('\n'),
    })),
    report,
  );
  return report;
}
