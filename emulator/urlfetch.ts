import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';
import { ACCOUNT_LIMITS, DailyQuota, dailyQuotaError, type AccountKind } from './quotas';
import { toSignedBytes } from './utilities';

/**
 * UrlFetchApp: https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app
 * Never the network: a handler set by the test answers every request, and every request is
 * recorded. Without muteHttpExceptions a response code of 400 or more throws, with the text real
 * scripts report: "Request failed for https://host returned code 404. Truncated server response:
 * … (use muteHttpExceptions option to examine full response)" (quoted in many public projects;
 * the cut-off length is not documented).
 *
 * Limits (https://developers.google.com/apps-script/guides/services/quotas), with the texts
 * real scripts log (many public repositories; RomainVialard/ErrorHandler):
 * - "URL Fetch calls": 20,000 (consumer) / 100,000 (Workspace) per day, per user, reset 24 h
 *   after the first request (quotas.ts); each request of a fetchAll counts. Over it:
 *   "Service invoked too many times for one day: urlfetch."
 *   (https://github.com/fuzzysteve/eve-googledocs-script/issues/5).
 * - "URL Fetch URL length": 2 KB per call, i.e. 2,048 characters (the figure one public
 *   repository checks): "Limit Exceeded: URLFetch URL Length."
 * - "URL Fetch POST size": 50 MB per call: "Limit Exceeded: URLFetch POST Size."
 * A request refused for its URL or payload is not sent and spends no quota.
 */
export const URLFETCH_QUOTA_ERROR = dailyQuotaError('urlfetch');
export const MAX_URL_LENGTH = 2 * 1024;
export const MAX_POST_BYTES = 50 * 1024 * 1024;
export const URL_TOO_LONG = 'Limit Exceeded: URLFetch URL Length.';
export const POST_TOO_LARGE = 'Limit Exceeded: URLFetch POST Size.';
export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  contentType: string | null;
  payload: string | null;
}

export interface FetchReply {
  status: number;
  body?: string;
  headers?: Record<string, string | string[]>;
}

export type UrlFetchHandler = (request: FetchRequest) => FetchReply;

export interface FetchParams {
  method?: string;
  headers?: Record<string, string>;
  contentType?: string;
  payload?: unknown;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

const TRUNCATE_AT = 200;

export class HTTPResponse {
  constructor(private readonly reply: FetchReply) {}
  getResponseCode(): number {
    return this.reply.status;
  }
  getContentText(): string {
    return this.reply.body ?? '';
  }
  getContent(): number[] {
    return toSignedBytes(Buffer.from(this.reply.body ?? '', 'utf8'));
  }
  /** One value per header (the last one when repeated). */
  getHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.reply.headers ?? {}))
      out[k] = Array.isArray(v) ? (v.at(-1) ?? '') : v;
    return out;
  }
  /** Repeated headers as arrays. */
  getAllHeaders(): Record<string, string | string[]> {
    return { ...(this.reply.headers ?? {}) };
  }
}

/** The requests made and the handler that answers them, shared by every execution. */
export class UrlFetchLog {
  readonly requests: FetchRequest[] = [];
  handler: UrlFetchHandler | null = null;
  /** Each user's daily count of requests. */
  readonly quota: DailyQuota;

  /** `dailyQuota` overrides the account's figure (tests); `account` defaults to consumer. */
  constructor(account: AccountKind = 'consumer', dailyQuota?: number) {
    this.quota = new DailyQuota(
      dailyQuota ?? ACCOUNT_LIMITS[account].urlFetchCallsPerDay,
      'urlfetch',
    );
  }
}

function formEncode(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

export class UrlFetchAppImpl {
  constructor(
    private readonly log: UrlFetchLog,
    private readonly calls: CallCounter,
    private readonly user: string,
    private readonly clock: Clock,
  ) {}

  fetch(url: string, params: FetchParams = {}): HTTPResponse {
    const req = this.request(url, params);
    this.log.quota.spend(this.user, 1, this.clock.millis());
    return this.send(req, params);
  }

  /** Every request is checked and counted before any is sent. */
  fetchAll(requests: (string | (FetchParams & { url: string }))[]): HTTPResponse[] {
    const all = requests.map((r) => {
      const params: FetchParams = typeof r === 'string' ? {} : r;
      return { params, req: this.request(typeof r === 'string' ? r : r.url, params) };
    });
    this.log.quota.spend(this.user, all.length, this.clock.millis());
    return all.map(({ req, params }) => this.send(req, params));
  }

  getRequest(url: string, params: FetchParams = {}): FetchRequest {
    return this.request(url, params);
  }

  private request(url: string, params: FetchParams): FetchRequest {
    let parsed: URL;
    try {
      parsed = new URL(String(url));
    } catch {
      throw scriptError(`Invalid argument: ${String(url)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw scriptError(`Invalid argument: ${String(url)}`);
    if (String(url).length > MAX_URL_LENGTH) throw scriptError(URL_TOO_LONG);
    const method = String(params.method ?? 'get').toUpperCase();
    let payload: string | null = null;
    let contentType = params.contentType ?? null;
    if (params.payload != null) {
      if (typeof params.payload === 'object' && !Array.isArray(params.payload)) {
        payload = formEncode(params.payload as Record<string, unknown>);
        contentType ??= 'application/x-www-form-urlencoded';
      } else {
        payload = String(params.payload);
        contentType ??= 'application/x-www-form-urlencoded';
      }
    }
    if (payload !== null && Buffer.byteLength(payload, 'utf8') > MAX_POST_BYTES)
      throw scriptError(POST_TOO_LARGE);
    return {
      url: String(url),
      method,
      headers: { ...(params.headers ?? {}) },
      contentType,
      payload,
    };
  }

  private send(req: FetchRequest, params: FetchParams): HTTPResponse {
    this.log.requests.push(req);
    // With no handler the emulator behaves like a host that cannot be reached.
    if (!this.log.handler) throw scriptError(`Address unavailable: ${req.url}`);
    const reply = this.log.handler(req);
    const response = counted(this.calls, 'HTTPResponse', new HTTPResponse(reply));
    if (reply.status >= 400 && !params.muteHttpExceptions) {
      const origin = new URL(req.url).origin;
      throw scriptError(
        `Request failed for ${origin} returned code ${reply.status}. Truncated server response: ` +
          `${(reply.body ?? '').slice(0, TRUNCATE_AT)} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return response;
  }
}

export function createUrlFetchApp(
  log: UrlFetchLog,
  calls: CallCounter,
  user: string,
  clock: Clock,
): UrlFetchAppImpl {
  return counted(calls, 'UrlFetchApp', new UrlFetchAppImpl(log, calls, user, clock));
}
