/**
 * The Mailchimp Marketing API v3, as far as the newsletter sync needs it: where the account
 * lives, how a member is addressed, the three requests (upsert, unsubscribe, tags) and sending
 * them in small parallel batches with a bounded retry on 429.
 *
 * - The data center is the API key's suffix ("…-us21" → https://us21.api.mailchimp.com/3.0),
 *   and requests use HTTP basic auth with any user name and the key as the password.
 *   https://mailchimp.com/developer/marketing/docs/fundamentals/
 * - A member is /lists/{list_id}/members/{subscriber_hash}, the hash being the MD5 of the
 *   lowercase e-mail address; PUT adds or updates it, `status_if_new` applying only to a new one.
 *   https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/
 * - PATCH on the member changes its status (unsubscribed).
 *   https://mailchimp.com/developer/marketing/api/list-members/update-list-member/
 * - POST …/members/{hash}/actions/delete-permanent erases the member and its history for good
 *   (204, no content; the address cannot be re-imported): an anonymized client's member.
 *   https://mailchimp.com/developer/marketing/api/list-members/delete-list-member/
 * - POST …/members/{hash}/tags with {tags: [{name, status: 'active' | 'inactive'}]}.
 *   https://mailchimp.com/developer/marketing/api/list-member-tags/add-or-remove-member-tags/
 * - Mailchimp limits each user to 10 simultaneous connections and answers 429 beyond that
 *   (fundamentals page, "Throttling"): batches of 10 through UrlFetchApp.fetchAll.
 *   https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetchAll(Object)
 */
import SparkMD5 from 'spark-md5';
import { boundProperty, setBoundProperties } from '../platform/workbookState';

export interface MailchimpConfig {
  apiKey: string;
  audienceId: string;
}

export const CONFIG_KEY = 'ficheClient.mailchimp';

/** A Mailchimp API key: 32 hex digits, a dash, the data center ("us21"). */
export const API_KEY_PATTERN = /^[0-9a-f]{32}-([a-z]{2,4}\d{1,3})$/i;
/** An audience (list) id as Mailchimp shows it in the audience settings ("a1b2c3d4e5"). */
export const AUDIENCE_ID_PATTERN = /^[0-9a-z]{4,32}$/i;

/** The data center of a key ("…-us21" → "us21"); null when the key has none. */
export function dataCenter(apiKey: string): string | null {
  const m = API_KEY_PATTERN.exec(apiKey.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * The key and audience from the document's properties (shared by every editor); null if unset,
 * and in a copy of another workbook not set up here: the original's key is not the copy's
 * (platform/workbookState.ts, decision 011).
 */
export function loadMailchimpConfig(): MailchimpConfig | null {
  const raw = boundProperty(CONFIG_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<MailchimpConfig>;
    if (typeof parsed.apiKey !== 'string' || typeof parsed.audienceId !== 'string') return null;
    return { apiKey: parsed.apiKey, audienceId: parsed.audienceId };
  } catch {
    return null;
  }
}

/** Stores the key and audience for this workbook (a copy is adopted first: workbookState.ts). */
export function saveMailchimpConfig(config: MailchimpConfig): void {
  setBoundProperties({ [CONFIG_KEY]: JSON.stringify(config) });
}

/**
 * MD5 of the lowercase address (UTF-8), as hex: the member's id in Mailchimp. Computed in
 * JavaScript (spark-md5) rather than with Utilities.computeDigest: a first sync hashes every
 * opted-in client, and a service call per client is what the budgets forbid.
 */
export function subscriberHash(email: string): string {
  return SparkMD5.hash(email.trim().toLowerCase());
}

export interface MemberBody {
  email_address: string;
  status_if_new: 'subscribed';
  /**
   * Set only to resubscribe a member this sync unsubscribed itself (the opt-in came back): an
   * unsubscribe made in Mailchimp by the person is never overridden.
   */
  status?: 'subscribed';
  merge_fields: { FNAME: string; LNAME: string };
  language?: string;
}

export type MailchimpRequest = GoogleAppsScript.URL_Fetch.URLFetchRequest;

export class MailchimpApi {
  private readonly base: string;
  private readonly auth: string;

  constructor(private readonly config: MailchimpConfig) {
    const dc = dataCenter(config.apiKey);
    if (!dc) throw new Error('Mailchimp API key without a data center');
    this.base = `https://${dc}.api.mailchimp.com/3.0`;
    this.auth = `Basic ${Utilities.base64Encode(`anystring:${config.apiKey}`)}`;
  }

  memberUrl(hash: string): string {
    return `${this.base}/lists/${encodeURIComponent(this.config.audienceId)}/members/${hash}`;
  }

  private request(method: 'put' | 'patch' | 'post', url: string, body: unknown): MailchimpRequest {
    return {
      url,
      method,
      contentType: 'application/json',
      headers: { Authorization: this.auth },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      // Errors are answers to report per client, not exceptions that stop the batch.
      muteHttpExceptions: true,
    };
  }

  upsert(hash: string, body: MemberBody): MailchimpRequest {
    return this.request('put', this.memberUrl(hash), body);
  }

  unsubscribe(hash: string): MailchimpRequest {
    return this.request('patch', this.memberUrl(hash), { status: 'unsubscribed' });
  }

  /** Deletes the member permanently (an anonymized client): no body, 204 when done. */
  deletePermanent(hash: string): MailchimpRequest {
    return this.request('post', `${this.memberUrl(hash)}/actions/delete-permanent`, undefined);
  }

  tags(hash: string, tags: { name: string; status: 'active' | 'inactive' }[]): MailchimpRequest {
    return this.request('post', `${this.memberUrl(hash)}/tags`, { tags });
  }
}

export interface Answer {
  /** HTTP status; 0 when nothing came back (network, DNS: fetchAll threw) or not sent. */
  status: number;
  /** Mailchimp's problem text ("Invalid Resource: … looks fake or invalid"), '' on success. */
  error: string;
  /** The problem document's title ("Invalid Resource", "Member In Compliance State"). */
  title?: string;
  /** The member's status in Mailchimp's answer to a PUT ('subscribed', 'unsubscribed', …). */
  memberStatus?: string;
}

/** The `status` of a member in a successful answer, if it has one. */
function memberStatus(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { status?: unknown };
    return typeof parsed.status === 'string' ? parsed.status : undefined;
  } catch {
    return undefined;
  }
}

/** The title of a Mailchimp problem document ('' when the body is not one). */
function problemTitle(body: string): string {
  try {
    const p = JSON.parse(body) as { title?: unknown };
    return typeof p.title === 'string' ? p.title : '';
  } catch {
    return '';
  }
}

/** Mailchimp errors are JSON problem documents: {title, status, detail}. */
export function problemText(status: number, body: string): string {
  try {
    const p = JSON.parse(body) as { title?: unknown; detail?: unknown };
    const title = typeof p.title === 'string' ? p.title : '';
    const detail = typeof p.detail === 'string' ? p.detail : '';
    if (title || detail) return `${status} ${[title, detail].filter(Boolean).join(': ')}`;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
}

export const BATCH_SIZE = 10;
export const MAX_RETRIES = 3;
const BACKOFF_MS = 1000;

/**
 * Sends every request, BATCH_SIZE at a time through fetchAll. Requests answered 429 are sent
 * again after 1 s, 2 s, 4 s (Utilities.sleep), then reported. A fetchAll that throws (network,
 * DNS) fails its batch only. `deadline` (ms since epoch): batches not started by then are
 * answered status 0 "not sent" so a long sync ends inside Apps Script's 6 minutes.
 */
export function sendAll(requests: readonly MailchimpRequest[], deadline: number): Answer[] {
  const answers: Answer[] = new Array<Answer>(requests.length);
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    const indexes = [...Array(Math.min(BATCH_SIZE, requests.length - start)).keys()].map(
      (i) => start + i,
    );
    if (Date.now() > deadline) {
      for (const i of indexes) answers[i] = { status: 0, error: 'not sent' };
      continue;
    }
    let pending = indexes;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
      try {
        responses = UrlFetchApp.fetchAll(pending.map((i) => requests[i]!));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        for (const i of pending) answers[i] = { status: 0, error: message };
        break;
      }
      const limited: number[] = [];
      responses.forEach((response, k) => {
        const i = pending[k]!;
        const status = response.getResponseCode();
        if (status === 429 && attempt < MAX_RETRIES) limited.push(i);
        else if (status < 300)
          answers[i] = { status, error: '', memberStatus: memberStatus(response.getContentText()) };
        else {
          const body = response.getContentText();
          answers[i] = { status, error: problemText(status, body), title: problemTitle(body) };
        }
      });
      pending = limited;
      if (pending.length > 0) Utilities.sleep(BACKOFF_MS * 2 ** attempt);
    }
  }
  return answers;
}
