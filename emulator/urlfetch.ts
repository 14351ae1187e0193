import type { CallCounter } from './calls';
import { counted } from './counting';
import { scriptError } from './errors';
import { toSignedBytes } from './utilities';

/**
 * UrlFetchApp: https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app
 * Never the network: a handler set by the test answers every request, and every request is
 * recorded. Without muteHttpExceptions a response code of 400 or more throws, with the text real
 * scripts report: "Request failed for https://host returned code 404. Truncated server response:
 * … (use muteHttpExceptions option to examine full response)" (quoted in many public projects;
 * the cut-off length is not documented).
 */
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
  ) {}

  fetch(url: string, params: FetchParams = {}): HTTPResponse {
    return this.one(url, params);
  }

  fetchAll(requests: (string | (FetchParams & { url: string }))[]): HTTPResponse[] {
    return requests.map((r) => (typeof r === 'string' ? this.one(r, {}) : this.one(r.url, r)));
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
    return {
      url: String(url),
      method,
      headers: { ...(params.headers ?? {}) },
      contentType,
      payload,
    };
  }

  private one(url: string, params: FetchParams): HTTPResponse {
    const req = this.request(url, params);
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

export function createUrlFetchApp(log: UrlFetchLog, calls: CallCounter): UrlFetchAppImpl {
  return counted(calls, 'UrlFetchApp', new UrlFetchAppImpl(log, calls));
}
