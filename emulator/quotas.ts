/**
 * Daily quotas and the figures that depend on the kind of Google account.
 * https://developers.google.com/apps-script/guides/services/quotas ("Current quotas" and
 * "Current limitations"): "Quotas are per user and reset 24 hours after the first request" —
 * not at midnight — so each user's day starts at their first counted call after the previous
 * day ran out, on the emulated clock. Over a daily quota a call fails with
 * "Service invoked too many times for one day: <service>." (the form real scripts report, e.g.
 * https://stackoverflow.com/questions/21444588 for email,
 * https://github.com/fuzzysteve/eve-googledocs-script/issues/5 for urlfetch; the quotas page's
 * own example, "Service invoked too many times: Calendar.", lacks "for one day").
 */
import { scriptError } from './errors';

export const DAY_MS = 24 * 3_600_000;

/** consumer = a gmail.com account; workspace = Google Workspace (quotas page, both columns). */
export type AccountKind = 'consumer' | 'workspace';

export interface AccountLimits {
  /** "Email recipients per day": 100 / 1,500 (new Workspace domains start at 100). */
  emailRecipientsPerDay: number;
  /** "Email body size": 200 KB / 400 KB per message (KB = 1,024 bytes, as the cache's 100 KB). */
  emailBodyBytes: number;
  /** "URL Fetch calls": 20,000 / 100,000 per day. */
  urlFetchCallsPerDay: number;
  /** "Triggers total runtime": 90 min / 6 h per day (used by the bench, not enforced here). */
  triggerRuntimeMsPerDay: number;
}

export const ACCOUNT_LIMITS: Record<AccountKind, AccountLimits> = {
  consumer: {
    emailRecipientsPerDay: 100,
    emailBodyBytes: 200 * 1024,
    urlFetchCallsPerDay: 20_000,
    triggerRuntimeMsPerDay: 90 * 60_000,
  },
  workspace: {
    emailRecipientsPerDay: 1_500,
    emailBodyBytes: 400 * 1024,
    urlFetchCallsPerDay: 100_000,
    triggerRuntimeMsPerDay: 6 * 3_600_000,
  },
};

/** The text a call over a daily quota throws; `service` as Apps Script spells it ("email"). */
export function dailyQuotaError(service: string): string {
  return `Service invoked too many times for one day: ${service}.`;
}

interface Window {
  start: number;
  used: number;
}

/** One daily quota (one service), counted per user over 24 h from the day's first request. */
export class DailyQuota {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly service: string,
  ) {}

  remaining(user: string, now: number): number {
    const w = this.windows.get(user);
    if (!w || now >= w.start + DAY_MS) return this.limit;
    return Math.max(0, this.limit - w.used);
  }

  /** Counts `n` uses, or throws the daily-quota text (counting nothing) if they do not fit. */
  spend(user: string, n: number, now: number): void {
    if (n > this.remaining(user, now)) throw scriptError(dailyQuotaError(this.service));
    const w = this.windows.get(user);
    if (!w || now >= w.start + DAY_MS) this.windows.set(user, { start: now, used: n });
    else w.used += n;
  }
}
