/**
 * The Mailchimp sync (menu): opted-in clients with a valid consent record are added or updated,
 * clients whose opt-in was removed (or whose implied consent expired) are unsubscribed, and
 * tags follow Étiquettes. Only what changed since the last sync is sent: the Clients column
 * "Mailchimp sync" keeps, per client, what was pushed (status, day, subscriber hash, a
 * fingerprint of the member's data). An error never blocks the workbook: failures are
 * reported per client and the others go through.
 */
import { codeKey, type ReadContext } from '../../domain/cells';
import { impliedConsentLastDay } from '../../domain/consent';
import { dayInZone } from '../../domain/time';
import type { Lang } from '../../shared/contract';
import {
  loadMailchimpConfig,
  MailchimpApi,
  sendAll,
  subscriberHash,
  type Answer,
  type MailchimpRequest,
  type MemberBody,
} from './mailchimp';
import { withDocumentLock } from '../platform/lock';
import { MOVED, untilSettled } from '../platform/attempts';
import { t } from '../platform/messages';
import { readAudience, type AudienceClient } from './audience';
import { deletePendingMembers, deletionText } from './pendingDeletions';
import { loadSettings } from '../platform/settings';
import { isAnonymizedName } from '../privacy/privacy';
import { logWarning } from '../platform/log';
import { asCellValue, setCellValuesIfUnmoved } from '../workbook/write';
import { FIRST_DATA_ROW, sameValue } from '../workbook/sheets';
import { WorkbookError } from '../platform/errors';
import { readColumns } from '../workbook/read';
import { sameHeader, stillAt } from '../workbook/rowChecks';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SyncState {
  status: 'subscribed' | 'unsubscribed';
  day: string;
  hash: string;
  fingerprint: string;
}

/** "subscribed 2026-11-15 <md5> <fingerprint>"; null for a blank or foreign value. */
export function parseSyncState(text: string): SyncState | null {
  const m = /^(subscribed|unsubscribed) (\d{4}-\d{2}-\d{2}) ([0-9a-f]{32}) ([0-9a-f]{8}|-)$/.exec(
    text.trim(),
  );
  return m
    ? {
        status: m[1] as SyncState['status'],
        day: m[2]!,
        hash: m[3]!,
        fingerprint: m[4]!,
      }
    : null;
}

export function formatSyncState(s: SyncState): string {
  return `${s.status} ${s.day} ${s.hash} ${s.fingerprint}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a cheap change detector computed without a service call. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export interface SyncFailure {
  code: string;
  name: string;
  /** The client's own member: their address ('' for an anonymized client's, known by hash). */
  email?: string;
  message: string;
}

/**
 * Why a request failed, in a few words of the workbook's language (decision 022): the team reads
 * what to do, not "Exception: Address unavailable: https://…" (a fetchAll that throws names one
 * URL of its batch, which would show one client's member against ten). Mailchimp's problem
 * titles: https://mailchimp.com/developer/marketing/docs/errors/
 */
export function failureReason(a: Answer, lang: Lang): string {
  if (a.status === 0) return t(a.error === 'not sent' ? 'mcErrNotSent' : 'mcErrNetwork', lang);
  if (a.status === 401 || a.status === 403) return t('mcErrKey', lang, { status: a.status });
  if (a.status === 404) return t('mcErrNotFound', lang);
  if (a.status === 429) return t('mcErrBusy', lang);
  if (a.status >= 500) return t('mcErrServer', lang, { status: a.status });
  switch (a.title) {
    case 'Invalid Resource':
      return t('mcErrInvalid', lang);
    case 'Member In Compliance State':
      return t('mcErrCompliance', lang);
    case 'Forgotten Email Not Subscribed':
      return t('mcErrForgotten', lang);
  }
  return t('mcErrOther', lang, { status: a.status });
}

export interface SyncReport {
  lang: Lang;
  configured: boolean;
  subscribed: number;
  unsubscribed: number;
  unchanged: number;
  /** Ticked but not subscribed: no consent record, expired implied consent, bad address… */
  skipped: SyncFailure[];
  failed: SyncFailure[];
  /** Ticked, but unsubscribed or cleaned in Mailchimp (the person's choice, or bounces). */
  optedOut: SyncFailure[];
  /** Clients not sent because the run reached its time budget: run the sync again. */
  notSent: number;
  /** Members of anonymized clients deleted from the pending list, and those still pending. */
  deletions: { deleted: number; pending: number };
  requests: number;
}

/** Apps Script stops a run at 6 minutes; stop starting batches well before. */
const TIME_BUDGET_MS = 4.5 * 60_000;
const LOCK_WAIT_MS = 30_000;

interface Plan {
  client: AudienceClient;
  /** New state to store once every request of the client succeeded. */
  next: SyncState | null;
  /** Requests of the first round (upsert, unsubscribe of an old address). */
  first: MailchimpRequest[];
  /** Tags, sent once the member exists. */
  tags: MailchimpRequest | null;
}

function memberBody(c: AudienceClient): MemberBody {
  const body: MemberBody = {
    email_address: c.email,
    // Only a new member is subscribed: someone who unsubscribed in Mailchimp stays so.
    status_if_new: 'subscribed',
    merge_fields: { FNAME: c.firstName, LNAME: c.lastName },
  };
  if (c.language) body.language = c.language;
  return body;
}

function skipReason(c: AudienceClient, lang: Lang): string | null {
  if (c.eligibility.subscribe || c.eligibility.reason === 'notOptedIn') return null;
  switch (c.eligibility.reason) {
    case 'noEmail':
      return t('mcNoEmail', lang);
    case 'badEmail':
      return t('mcBadEmail', lang, { email: c.email });
    case 'noConsent':
      return t('mcNoConsent', lang);
    case 'impliedExpired':
      return t('mcImpliedExpired', lang, { day: impliedConsentLastDay(c.consentDate) });
  }
}

function plan(
  c: AudienceClient,
  api: MailchimpApi,
  listTags: readonly string[],
  today: string,
): Plan | null {
  const stored = parseSyncState(c.syncState);
  // An anonymized client's member is deleted for good (Law 25), whatever its status: an
  // unsubscribed member would still hold the address and the history. The state is then cleared.
  if (isAnonymizedName(c.name)) {
    if (!stored) return null;
    return { client: c, next: null, first: [api.deletePermanent(stored.hash)], tags: null };
  }
  if (c.eligibility.subscribe) {
    const body = memberBody(c);
    const tagKeys = new Set(c.tags.map(codeKey));
    const tags = [
      ...c.tags.map((name) => ({ name, status: 'active' as const })),
      ...listTags
        .filter((name) => !tagKeys.has(codeKey(name)))
        .map((name) => ({ name, status: 'inactive' as const })),
    ];
    const fp = fingerprint(JSON.stringify([c.email.toLowerCase(), body, tags]));
    if (stored?.status === 'subscribed' && stored.fingerprint === fp) return null;
    const hash = subscriberHash(c.email);
    // This sync unsubscribed the member when the opt-in was removed; ticked again, it is back.
    if (stored?.status === 'unsubscribed' && stored.hash === hash) body.status = 'subscribed';
    const first = [api.upsert(hash, body)];
    // A changed address is a new member: the old one is unsubscribed.
    if (stored?.status === 'subscribed' && stored.hash !== hash)
      first.push(api.unsubscribe(stored.hash));
    return {
      client: c,
      next: { status: 'subscribed', day: today, hash, fingerprint: fp },
      first,
      tags: tags.length > 0 ? api.tags(hash, tags) : null,
    };
  }
  if (stored?.status !== 'subscribed') return null;
  return {
    client: c,
    // An anonymized client (no address left) keeps no trace of the old member.
    next:
      c.email === ''
        ? null
        : { status: 'unsubscribed', day: today, hash: stored.hash, fingerprint: '-' },
    first: [api.unsubscribe(stored.hash)],
    tags: null,
  };
}

export function syncNewsletter(spreadsheet: Spreadsheet): SyncReport {
  const started = Date.now();
  const settings = loadSettings(spreadsheet);
  const lang = settings.lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const ctx: ReadContext = { lang, timeZone };
  const today = dayInZone(new Date(), timeZone);
  const report: SyncReport = {
    lang,
    configured: false,
    subscribed: 0,
    unsubscribed: 0,
    unchanged: 0,
    skipped: [],
    failed: [],
    optedOut: [],
    notSent: 0,
    deletions: { deleted: 0, pending: 0 },
    requests: 0,
  };
  const config = loadMailchimpConfig();
  if (!config) return report;
  report.configured = true;
  const api = new MailchimpApi(config);
  const audience = readAudience(spreadsheet, lang, ctx, today);
  if (audience.table.index.mailchimpSync < 0)
    throw new WorkbookError(
      t('missingColumn', lang, { column: t('mcSyncColumn', lang), sheet: audience.table.name }),
    );

  const plans: Plan[] = [];
  for (const c of audience.clients) {
    const reason = skipReason(c, lang);
    if (reason) report.skipped.push({ code: c.code, name: c.name, message: reason });
    const p = plan(c, api, audience.listTags, today);
    if (p) plans.push(p);
    else if (c.eligibility.subscribe) report.unchanged++;
  }

  const deadline = started + TIME_BUDGET_MS;
  // Members of clients anonymized since the last sync, by the hash anonymization queued.
  report.deletions = deletePendingMembers(deadline) ?? report.deletions;
  const firstRequests = plans.flatMap((p) => p.first);
  const firstAnswers = sendAll(firstRequests, deadline);
  const errors = new Map<Plan, Answer[]>();
  let n = 0;
  for (const p of plans) {
    for (let k = 0; k < p.first.length; k++) {
      const a = firstAnswers[n++]!;
      // Unsubscribing or deleting a member Mailchimp does not know is already done.
      const isUnsubscribe = p.first[k]!.method === 'patch';
      const isDelete = p.first[k]!.url.endsWith('/actions/delete-permanent');
      if (a.error && !((isUnsubscribe || isDelete) && a.status === 404))
        errors.set(p, [...(errors.get(p) ?? []), a]);
      // Mailchimp keeps a member's own unsubscribe: say so, so the team can untick the box.
      if (
        !isUnsubscribe &&
        !isDelete &&
        (a.memberStatus === 'unsubscribed' || a.memberStatus === 'cleaned')
      )
        report.optedOut.push({
          code: p.client.code,
          name: p.client.name,
          message: t(a.memberStatus === 'cleaned' ? 'mcCleaned' : 'mcOptedOut', lang),
        });
    }
  }
  const tagged = plans.filter((p) => p.tags && !errors.has(p));
  const tagAnswers = sendAll(
    tagged.map((p) => p.tags!),
    deadline,
  );
  tagged.forEach((p, i) => {
    const a = tagAnswers[i]!;
    if (a.error) errors.set(p, [...(errors.get(p) ?? []), a]);
  });
  report.requests = firstRequests.length + tagged.length;

  const states = new Map<string, string>();
  for (const p of plans) {
    const failure = errors.get(p);
    if (failure) {
      if (failure.every((a) => a.error === 'not sent')) report.notSent++;
      else {
        // Mailchimp's own words go to the execution log for whoever looks into it (logWarning
        // replaces addresses; URLs name the member by hash); the team reads the reason.
        logWarning(
          `Mailchimp sync, client ${p.client.code}: ${failure.map((a) => a.error).join(' · ')}`,
        );
        report.failed.push({
          code: p.client.code,
          name: p.client.name,
          email: p.client.email,
          message: [...new Set(failure.map((a) => failureReason(a, lang)))].join(' ; '),
        });
      }
      continue;
    }
    states.set(p.client.key, p.next ? formatSyncState(p.next) : '');
    if (p.next?.status === 'subscribed') report.subscribed++;
    else report.unsubscribed++;
  }
  writeSyncStates(spreadsheet, lang, states);
  return report;
}

/**
 * Writes the new sync states by client code under the document lock, from a fresh read of the
 * Code and Mailchimp sync columns: one block from the first to the last row whose state
 * changes. Right before the write the header and the codes of those rows are read again (two
 * calls, the second immediately before the setValues); if anything moved, it reads and plans
 * again, at most three times (untilSettled), then stops with 'busy' having written nothing (the
 * Mailchimp side is done: the next sync sends the same requests, which change nothing there).
 */
function writeSyncStates(spreadsheet: Spreadsheet, lang: Lang, states: Map<string, string>): void {
  if (states.size === 0) return;
  withDocumentLock(lang, LOCK_WAIT_MS, () =>
    untilSettled(lang, () => {
      const table = readColumns(spreadsheet, 'clients', lang, ['code', 'mailchimpSync']);
      const ci = table.index.code;
      const si = table.index.mailchimpSync;
      const changed = table.rows.flatMap((row, r) => {
        const state = states.get(codeKey(String(row[ci] ?? '')));
        return state !== undefined && !sameValue(state, row[si]) ? [r] : [];
      });
      if (changed.length === 0) return true;
      const first = changed[0]!;
      const last = changed[changed.length - 1]!;
      const values = table.rows
        .slice(first, last + 1)
        .map((row) => [asCellValue(states.get(codeKey(String(row[ci] ?? ''))) ?? row[si] ?? '')]);
      const rows = Array.from({ length: last - first + 1 }, (_, k) => first + k + FIRST_DATA_ROW);
      if (!sameHeader(table.sheet, table.header)) return MOVED;
      const range = table.sheet.getRange(first + FIRST_DATA_ROW, si + 1, values.length, 1);
      return setCellValuesIfUnmoved(range, values, () => stillAt(table, 'code', rows)) || MOVED;
    }),
  );
}

const MAX_LINES = 25;

/** The summary shown after a sync: counts, then each client not subscribed or failed. */
export function describeSync(r: SyncReport): string {
  const lang = r.lang;
  const lines = [
    t('mcSummary', lang, {
      subscribed: r.subscribed,
      unsubscribed: r.unsubscribed,
      unchanged: r.unchanged,
    }),
  ];
  const list = (title: string, items: SyncFailure[]) => {
    if (items.length === 0) return;
    lines.push('', title);
    for (const f of items.slice(0, MAX_LINES))
      lines.push(
        `• ${f.code} ${f.name}${f.email ? ` <${f.email}>` : ''}${lang === 'fr' ? ' :' : ':'} ${f.message}`,
      );
    if (items.length > MAX_LINES) lines.push(t('mcMore', lang, { n: items.length - MAX_LINES }));
  };
  list(t('mcSkippedTitle', lang), r.skipped);
  list(t('mcFailedTitle', lang), r.failed);
  list(t('mcOptedOutTitle', lang), r.optedOut);
  if (r.notSent > 0) lines.push('', t('mcNotSent', lang, { n: r.notSent }));
  if (r.deletions.deleted > 0)
    lines.push('', deletionText('syncDeleted', lang, { n: r.deletions.deleted }));
  if (r.deletions.pending > 0)
    lines.push('', deletionText('syncPending', lang, { n: r.deletions.pending }));
  return lines.join('\n');
}
