/**
 * The daily follow-up digest: one e-mail per account manager listing their clients whose "Next
 * follow-up" is today or past. Off unless turned on in "Mailchimp and follow-ups…". Addresses
 * come from the Lists sheet as for watch notifications (managerEmails); MailApp's daily quota is
 * checked first and a failing address does not stop the others.
 * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
 */
import type { ReadContext } from '../../domain/cells';
import { dayInZone } from '../../domain/time';
import { isInactive, type Lang } from '../../shared/contract';
import { t } from '../platform/messages';
import { sendWithinQuota, type MailReport } from '../platform/mail';
import { plainLine } from '../platform/input';
import { byManagerAddress, CLIENT_NAME_MAX } from '../watch/notifications';
import { readAll } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { readColumns } from '../workbook/read';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface DueFollowUp {
  code: string;
  name: string;
  accountManager: string;
  day: string;
  notes: string;
}

export interface DigestReport extends MailReport {
  lang: Lang;
  due: number;
  /** Codes of due clients whose account manager has no address in Lists. */
  noAddress: string[];
  /** Lists cells ("Listes!E3") not holding exactly one valid address: nothing sent to them. */
  badAddress: string[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Clients whose next follow-up is on or before `today`, oldest first. */
export function dueFollowUps(
  clients: readonly Record<string, unknown>[],
  today: string,
): DueFollowUp[] {
  return clients
    .filter(
      (c) =>
        str(c.code).trim() !== '' &&
        // An inactive client is no longer followed up (decision 021).
        !isInactive(c.status) &&
        str(c.nextFollowUp) !== '' &&
        str(c.nextFollowUp) <= today,
    )
    .map((c) => ({
      code: str(c.code).trim(),
      name: str(c.name),
      accountManager: str(c.accountManager).trim(),
      day: str(c.nextFollowUp),
      notes: plainLine(str(c.followUp), 140),
    }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.code.localeCompare(b.code)));
}

export function sendFollowUpDigest(spreadsheet: Spreadsheet): DigestReport {
  const lang = loadSettings(spreadsheet).lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const ctx: ReadContext = { lang, timeZone };
  const today = dayInZone(new Date(), timeZone);
  // Only the columns the digest shows or sorts by (decision 010: not the 29 of Clients).
  const read = readAll(
    readColumns(
      spreadsheet,
      'clients',
      lang,
      ['code', 'name', 'accountManager', 'followUp', 'nextFollowUp', 'status'],
      ['code', 'name'],
    ),
    ctx,
  );
  const due = dueFollowUps(read.records, today);
  const report: DigestReport = {
    lang,
    due: due.length,
    sent: 0,
    noAddress: [],
    badAddress: [],
    overQuota: 0,
    failed: [],
  };
  if (due.length === 0) return report;
  const byAddress = byManagerAddress(spreadsheet, lang, due, report);
  if (byAddress.size === 0) return report;
  const url = spreadsheet.getUrl();
  sendWithinQuota(
    [...byAddress].map(([to, list]) => ({
      to,
      subject: t('digestSubject', lang, { n: list.length }),
      body: [
        t('digestIntro', lang),
        '',
        ...list.map(
          (d) =>
            `• ${d.day} — ${plainLine(`${d.code} ${d.name}`, CLIENT_NAME_MAX)}${d.notes ? ` — ${d.notes}` : ''}`,
        ),
        '',
        url,
      ].join('\n'),
    })),
    report,
  );
  return report;
}
