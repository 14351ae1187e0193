/**
 * Sending e-mails within MailApp's daily quota: the remaining quota is read once (only when
 * there is something to send), a message past it is counted, not attempted, and an address
 * that fails is reported while the others still go out.
 * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
 *
 * Google counts the quota by recipient, not by message ("Email recipients per day", every
 * address of to, cc and bcc: https://developers.google.com/apps-script/guides/services/quotas),
 * so a message takes as many units as it has addresses; one that does not fit in what is left
 * is not attempted (MailApp would refuse it whole with "Service invoked too many times for one
 * day: email."), and a later, smaller one may still go.
 */
import { plainLine } from './input';
import { translator, type TextTable } from '../../shared/text';
import type { Lang } from '../../shared/contract';

export interface Mail {
  /** One address, or several separated by commas (MailApp's `recipient`). */
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  /** A text file sent with the message (MailApp's `attachments`, up to 25 MB in all). */
  attachment?: { name: string; mimeType: string; text: string };
}

export interface MailReport {
  sent: number;
  /** Messages not sent because the daily quota (counted by recipient) ran out. */
  overQuota: number;
  failed: { to: string; error: string }[];
}

/** The addresses of a comma-separated list, blanks dropped. */
function addresses(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** What a message costs of the daily quota: every address of to, cc and bcc. */
export function recipientCount(mail: Pick<Mail, 'to' | 'cc' | 'bcc'>): number {
  return addresses(mail.to).length + addresses(mail.cc).length + addresses(mail.bcc).length;
}

/**
 * One address and nothing else: a local part, one '@', a domain with a dot, no space, comma,
 * semicolon, quote or angle bracket (so no second recipient and no display name), at most 254
 * characters (RFC 5321's path limit less the brackets).
 */
const ONE_ADDRESS = /^[^\s@,;<>"'()[\]\\]+@[^\s@,;<>"'()[\]\\]+\.[^\s@,;<>"'()[\]\\.]+$/;

/** Whether a cell's text is exactly one valid e-mail address (surrounding spaces allowed). */
export function isOneAddress(text: string): boolean {
  const t = text.trim();
  return t.length <= 254 && ONE_ADDRESS.test(t);
}

/** Greetings show at most this many characters of a name typed in the workbook. */
export const GREETING_NAME_MAX = 40;

/** A name as a greeting shows it ("Bonjour {name},"). */
export function greetingName(name: string): string {
  return plainLine(name, GREETING_NAME_MAX);
}

/**
 * Sends `mails` and adds what happened to `report`; returns, mail by mail, whether it went out
 * (a caller keeps the others for later: platform/pending.ts).
 */
export function sendWithinQuota(mails: readonly Mail[], report: MailReport): boolean[] {
  const sent = mails.map(() => false);
  if (mails.length === 0) return sent;
  let quota = MailApp.getRemainingDailyQuota();
  for (const [i, mail] of mails.entries()) {
    const recipients = recipientCount(mail);
    if (recipients > quota) {
      report.overQuota++;
      continue;
    }
    try {
      const options: GoogleAppsScript.Mail.MailAdvancedParameters = {};
      if (mail.cc) options.cc = mail.cc;
      if (mail.bcc) options.bcc = mail.bcc;
      if (mail.htmlBody) options.htmlBody = mail.htmlBody;
      if (mail.attachment)
        options.attachments = [
          Utilities.newBlob(mail.attachment.text, mail.attachment.mimeType, mail.attachment.name),
        ];
      if (Object.keys(options).length > 0)
        MailApp.sendEmail(mail.to, mail.subject, mail.body, options);
      else MailApp.sendEmail(mail.to, mail.subject, mail.body);
      report.sent++;
      sent[i] = true;
      quota -= recipients;
    } catch (e) {
      report.failed.push({ to: mail.to, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return sent;
}

const BAD_ADDRESS = {
  badAddress: {
    fr: 'Rien n’a été envoyé à {cells} : chaque cellule de courriel de la feuille Listes doit contenir une seule adresse valide.',
    en: 'Nothing was sent to {cells}: each e-mail cell of the Lists sheet must hold exactly one valid address.',
  },
} as const satisfies TextTable;

/** What a run says of the Lists cells it refused ('' when none). */
export function badAddressText(lang: Lang, cells: readonly string[]): string {
  return cells.length === 0
    ? ''
    : translator(BAD_ADDRESS)('badAddress', lang, { cells: cells.join(', ') });
}
