/**
 * A fake Mailchimp Marketing API v3 for the emulator's UrlFetchApp: members kept by subscriber
 * hash, the three endpoints the sync uses, and the errors Mailchimp answers (problem JSON).
 * It checks what a real account would: the data center host, basic auth with the key, JSON.
 */
import { createHash } from 'node:crypto';
import type { FetchReply, FetchRequest } from '../../emulator/urlfetch';

export const API_KEY = '0123456789abcdef0123456789abcdef-us21';
export const AUDIENCE = 'a1b2c3d4e5';

export interface FakeMember {
  email_address: string;
  status: string;
  merge_fields: Record<string, string>;
  language?: string;
  tags: Map<string, boolean>;
}

export const md5 = (email: string): string =>
  createHash('md5').update(email.toLowerCase()).digest('hex');

function problem(status: number, title: string, detail: string): FetchReply {
  return { status, body: JSON.stringify({ type: 'about:blank', title, status, detail }) };
}

export class FakeMailchimp {
  readonly members = new Map<string, FakeMember>();
  /** Hashes answered 429 this many more times. */
  readonly throttle = new Map<string, number>();
  /** Hashes of the members deleted permanently. */
  readonly deleted: string[] = [];
  /** Every request that reached the fake. */
  readonly seen: FetchRequest[] = [];

  readonly handler = (req: FetchRequest): FetchReply => {
    this.seen.push(req);
    const auth = `Basic ${Buffer.from(`anystring:${API_KEY}`).toString('base64')}`;
    if (req.headers.Authorization !== auth)
      return problem(401, 'API Key Invalid', 'Your API key may be invalid.');
    const m = new RegExp(
      `^https://us21\\.api\\.mailchimp\\.com/3\\.0/lists/${AUDIENCE}/members/([0-9a-f]{32})(/tags|/actions/delete-permanent)?$`,
    ).exec(req.url);
    if (!m) return problem(404, 'Resource Not Found', `No route ${req.url}`);
    const hash = m[1]!;
    const left = this.throttle.get(hash) ?? 0;
    if (left > 0) {
      this.throttle.set(hash, left - 1);
      return problem(
        429,
        'Too Many Requests',
        'You have exceeded the limit of 10 simultaneous connections.',
      );
    }
    if (req.contentType !== 'application/json') return problem(400, 'Bad Request', 'JSON expected');
    const body = JSON.parse(req.payload ?? '{}') as Record<string, unknown>;
    const member = this.members.get(hash);
    // https://mailchimp.com/developer/marketing/api/list-members/delete-list-member/ : 204.
    if (m[2] === '/actions/delete-permanent') {
      if (req.method !== 'POST') return problem(405, 'Method Not Allowed', req.method);
      if (!member)
        return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      this.members.delete(hash);
      this.deleted.push(hash);
      return { status: 204, body: '' };
    }
    if (m[2]) {
      if (req.method !== 'POST') return problem(405, 'Method Not Allowed', req.method);
      if (!member)
        return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      for (const t of body.tags as { name: string; status: string }[])
        member.tags.set(t.name, t.status === 'active');
      return { status: 204, body: '' };
    }
    if (req.method === 'PUT') {
      const email = String(body.email_address);
      if (md5(email) !== hash) return problem(400, 'Invalid Resource', 'hash mismatch');
      if (email.includes('fake'))
        return problem(
          400,
          'Invalid Resource',
          `${email} looks fake or invalid, please enter a real email address.`,
        );
      const next: FakeMember = member ?? {
        email_address: email,
        status: String(body.status_if_new),
        merge_fields: {},
        tags: new Map(),
      };
      next.email_address = email;
      if (member && typeof body.status === 'string') next.status = body.status;
      next.merge_fields = body.merge_fields as Record<string, string>;
      if (typeof body.language === 'string') next.language = body.language;
      this.members.set(hash, next);
      return { status: 200, body: JSON.stringify({ id: hash, status: next.status }) };
    }
    if (req.method === 'PATCH') {
      if (!member)
        return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      member.status = String(body.status);
      return { status: 200, body: JSON.stringify({ id: hash, status: member.status }) };
    }
    return problem(405, 'Method Not Allowed', req.method);
  };
}
