import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';

/**
 * MailApp: https://developers.google.com/apps-script/reference/mail/mail-app
 * Quota: "Email recipients per day: 100* / day" for consumer accounts, every address in to, cc
 * and bcc counting once, "Quotas are per user and reset 24 hours after the first request"
 * (https://developers.google.com/apps-script/guides/services/quotas). Over quota the call fails
 * with "Service invoked too many times for one day: email." (the text users report, e.g.
 * https://stackoverflow.com/questions/21444588 and https://groups.google.com/g/adwords-scripts/c/XPHTRpW1BKA).
 */
export const DEFAULT_DAILY_EMAIL_QUOTA = 100;
export const EMAIL_QUOTA_ERROR = 'Service invoked too many times for one day: email.';
const DAY_MS = 24 * 3_600_000;

export interface SentMail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  replyTo: string | null;
  name: string | null;
  noReply: boolean;
  attachments: number;
  at: Date;
}

interface Quota {
  windowStart: number;
  used: number;
}

/** Mails sent by every execution, and each user's quota window. */
export class Mailbox {
  readonly sent: SentMail[] = [];
  private readonly quotas = new Map<string, Quota>();

  constructor(readonly dailyQuota = DEFAULT_DAILY_EMAIL_QUOTA) {}

  remaining(user: string, now: number): number {
    const q = this.quotas.get(user);
    if (!q || now >= q.windowStart + DAY_MS) return this.dailyQuota;
    return Math.max(0, this.dailyQuota - q.used);
  }

  spend(user: string, recipients: number, now: number): void {
    if (recipients > this.remaining(user, now)) throw scriptError(EMAIL_QUOTA_ERROR);
    const q = this.quotas.get(user);
    if (!q || now >= q.windowStart + DAY_MS)
      this.quotas.set(user, { windowStart: now, used: recipients });
    else q.used += recipients;
  }
}

interface MessageOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  replyTo?: string;
  name?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

// A practical address check: one '@', no spaces, a dot in the domain.
const ADDRESS = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

function addresses(list: string | undefined): string[] {
  if (list == null) return [];
  const out = String(list)
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  for (const a of out) if (!ADDRESS.test(a)) throw scriptError(`Invalid email: ${a}`);
  return out;
}

export class MailAppImpl {
  constructor(
    private readonly box: Mailbox,
    private readonly user: string,
    private readonly clock: Clock,
  ) {}

  /**
   * sendEmail(message) | sendEmail(recipient, subject, body, options?) |
   * sendEmail(recipient, replyTo, subject, body)
   */
  sendEmail(a: string | MessageOptions, b?: string, c?: string, d?: string | MessageOptions): void {
    let m: MessageOptions;
    if (typeof a === 'object' && a !== null) m = a;
    else if (typeof d === 'string') m = { to: a, replyTo: b, subject: c, body: d };
    else m = { ...(d ?? {}), to: a, subject: b, body: c };
    const to = addresses(m.to);
    const cc = addresses(m.cc);
    const bcc = addresses(m.bcc);
    if (to.length + cc.length + bcc.length === 0)
      throw scriptError('Failed to send email: no recipient');
    const now = this.clock.millis();
    this.box.spend(this.user, to.length + cc.length + bcc.length, now);
    this.box.sent.push({
      from: this.user,
      to,
      cc,
      bcc,
      subject: String(m.subject ?? ''),
      body: String(m.body ?? ''),
      htmlBody: m.htmlBody == null ? null : String(m.htmlBody),
      replyTo: m.replyTo ?? null,
      name: m.name ?? null,
      noReply: Boolean(m.noReply),
      attachments: m.attachments?.length ?? 0,
      at: new Date(now),
    });
  }

  getRemainingDailyQuota(): number {
    return this.box.remaining(this.user, this.clock.millis());
  }
}

export function createMailApp(
  box: Mailbox,
  user: string,
  clock: Clock,
  calls: CallCounter,
): MailAppImpl {
  return counted(calls, 'MailApp', new MailAppImpl(box, user, clock));
}
