import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';
import { ACCOUNT_LIMITS, DailyQuota, dailyQuotaError, type AccountKind } from './quotas';

/**
 * MailApp: https://developers.google.com/apps-script/reference/mail/mail-app
 * Limits from https://developers.google.com/apps-script/guides/services/quotas, with the texts
 * real scripts report:
 * - "Email recipients per day": 100 (consumer) / 1,500 (Workspace), every address in to, cc and
 *   bcc counting once; per user, reset 24 hours after the first request (quotas.ts). Over it:
 *   "Service invoked too many times for one day: email."
 *   (https://stackoverflow.com/questions/21444588, https://groups.google.com/g/adwords-scripts/c/XPHTRpW1BKA).
 * - "Email recipients per message": 50: "Limit Exceeded: Email Recipients Per Message."
 * - "Email body size": 200 KB / 400 KB per message: "Limit Exceeded: Email Body Size." The plain
 *   body and the HTML body travel in the same message, so their sizes are added (the stricter
 *   reading; the page does not say).
 * - "Email attachments per message": 250: "Limit Exceeded: Email Attachments Per Message."
 *   (capital E as in real logs; the quotas page's example has "Limit exceeded").
 * The "Limit Exceeded" texts: RomainVialard/ErrorHandler's list of known errors
 * (https://github.com/RomainVialard/ErrorHandler) and logs in public repositories. A message
 * refused for its size or recipients spends no quota.
 */
export const DEFAULT_DAILY_EMAIL_QUOTA = ACCOUNT_LIMITS.consumer.emailRecipientsPerDay;
export const EMAIL_QUOTA_ERROR = dailyQuotaError('email');
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
export const MAX_ATTACHMENTS_PER_MESSAGE = 250;
export const TOO_MANY_RECIPIENTS = 'Limit Exceeded: Email Recipients Per Message.';
export const BODY_TOO_LARGE = 'Limit Exceeded: Email Body Size.';
export const TOO_MANY_ATTACHMENTS = 'Limit Exceeded: Email Attachments Per Message.';

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
  /** Each attachment as sent: a Blob's name, content type and text (UTF-8). */
  attachments: { name: string | null; contentType: string | null; text: string }[];
  at: Date;
}

/** Mails sent by every execution, and each user's daily recipient quota. */
export class Mailbox {
  readonly sent: SentMail[] = [];
  private readonly quota: DailyQuota;
  /** Bytes of body (plain + HTML) one message may carry. */
  readonly bodyLimit: number;

  /**
   * `dailyQuota` overrides the account's figure (tests); `account` defaults to consumer;
   * `counts`: what the quota counts down (the mailQuotaCounts switch, switches.ts).
   */
  constructor(
    dailyQuota?: number,
    account: AccountKind = 'consumer',
    readonly counts: 'recipients' | 'messages' = 'recipients',
  ) {
    const limits = ACCOUNT_LIMITS[account];
    this.quota = new DailyQuota(dailyQuota ?? limits.emailRecipientsPerDay, 'email');
    this.bodyLimit = limits.emailBodyBytes;
  }

  get dailyQuota(): number {
    return this.quota.limit;
  }

  remaining(user: string, now: number): number {
    return this.quota.remaining(user, now);
  }

  spend(user: string, recipients: number, now: number): void {
    this.quota.spend(user, recipients, now);
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
    const recipients = to.length + cc.length + bcc.length;
    if (recipients > MAX_RECIPIENTS_PER_MESSAGE) throw scriptError(TOO_MANY_RECIPIENTS);
    const bodyBytes =
      Buffer.byteLength(String(m.body ?? ''), 'utf8') +
      (m.htmlBody == null ? 0 : Buffer.byteLength(String(m.htmlBody), 'utf8'));
    if (bodyBytes > this.box.bodyLimit) throw scriptError(BODY_TOO_LARGE);
    if ((m.attachments?.length ?? 0) > MAX_ATTACHMENTS_PER_MESSAGE)
      throw scriptError(TOO_MANY_ATTACHMENTS);
    const now = this.clock.millis();
    // The quotas page counts recipients; getRemainingDailyQuota's page says "emails": the
    // mailQuotaCounts switch. Over the quota either way: the same error, nothing sent.
    this.box.spend(this.user, this.box.counts === 'messages' ? 1 : recipients, now);
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
      attachments: (m.attachments ?? []).map(attachmentOf),
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

/**
 * What a test can see of an attachment: a Blob's name, type and text. Read from the Blob's
 * fields, not its methods: the script holds a counting wrapper, and the emulator looking at what
 * was sent is no service call of the script's.
 */
function attachmentOf(a: unknown): SentMail['attachments'][number] {
  const blob = a as { bytes?: unknown; contentType?: unknown; name?: unknown } | null;
  return {
    name: typeof blob?.name === 'string' ? blob.name : null,
    contentType: typeof blob?.contentType === 'string' ? blob.contentType : null,
    text: Buffer.isBuffer(blob?.bytes) ? blob.bytes.toString('utf8') : '',
  };
}
