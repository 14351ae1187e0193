/**
 * Work a trigger could not do, kept until a later run does it (decision 017): never lost, never
 * done twice.
 *
 *  - `watch`: clients whose watch status an edit trigger could not recompute (the document lock
 *    busy with a full refresh, a required column missing), or `all` when the whole list is owed
 *    (a big paste, or more clients than the list may hold);
 *  - `notices`: clients whose "newly watched" e-mail could not go out (the daily quota spent, a
 *    send failed);
 *  - `statements`: salespeople whose monthly statement could not go out, by month;
 *  - `edit`: the outcome of the last edit-trigger run that left work for later or did work left
 *    before (a plain edit recomputed at once records nothing: one property write per edit).
 *
 * Only references leave the workbook: client codes, months, salesperson names as Lists spells
 * them; never a client's name, reasons or amounts (those are read again from the sheets when the
 * work is done). Each entry says since when it waits.
 *
 * Where: one document property (9 KB a value at most:
 * https://developers.google.com/apps-script/guides/services/quotas), so it cannot overflow:
 * the watch list holds at most MAX_WATCH clients, past which it becomes "the whole list" (one
 * full refresh does them all); notices and statements at most MAX_NOTICES and MAX_STATEMENTS,
 * past which the oldest are dropped and counted (`dropped`, which Settings shows), and a record
 * past RECORD_BYTES drops notices first, then the watch list becomes `all`.
 *
 * Never done twice: every addition takes a new revision number; a run that did the work it
 * read removes only the entries whose revision it read (settle), so an entry added again while
 * it worked stays for the next run. Read-modify-write under the script lock (platform/lock.ts),
 * never the document lock, which is the one found busy.
 *
 * Copy-safe: a bound key (workbookState.ts): a copy does not inherit the original's pending
 * notices (its account managers were told by the original). A hint in the document cache lets
 * the edit trigger, which reads that cache anyway (editTrigger.ts), see watch work a busy lock
 * kept at no extra call; the property is the truth, the hourly run reads it.
 */
import type { Month } from '../../domain/types';
import { codeKey } from '../../domain/cells';
import { withScriptLock } from './lock';
import { boundProperty, setBoundProperties, utf8Bytes } from './workbookState';

const KEY = 'ficheClient.pending';
export const PENDING_KEY = KEY;
/** Document cache: '1' while something is pending (a hint; the property decides). */
export const PENDING_HINT_KEY = 'ficheClient.pendingHint';
/** Six hours, the cache's maximum; the hourly run reads the property anyway. */
const HINT_SECONDS = 21600;

export const MAX_WATCH = 50;
export const MAX_NOTICES = 150;
export const MAX_STATEMENTS = 60;
export const RECORD_BYTES = 8 * 1024;
/** Longer than any code anyone types: cut. The record's size (fit) keeps long codes in bounds. */
const REF_CHARS = 200;
const MESSAGE_CHARS = 300;
const LOCK_WAIT_MS = 10_000;

/** One client waiting: its code, since when (ISO), the revision of its last addition. */
export interface PendingClient {
  c: string;
  s: string;
  r: number;
}

export interface PendingStatement {
  /** The month of the statement. */
  m: Month;
  /** The salesperson, as the report names them. */
  p: string;
  s: string;
  r: number;
}

export interface PendingOutcome {
  at: string;
  /** done: work left before was done; kept: left for later; failed: an error. */
  state: 'done' | 'kept' | 'failed';
  message: string;
}

export interface Pending {
  rev: number;
  watch: { all: { s: string; r: number } | null; clients: PendingClient[] };
  notices: PendingClient[];
  statements: PendingStatement[];
  /** Notices or statements dropped because the record was full (Settings says so). */
  dropped: number;
  edit: PendingOutcome | null;
}

export function emptyPending(): Pending {
  return {
    rev: 0,
    watch: { all: null, clients: [] },
    notices: [],
    statements: [],
    dropped: 0,
    edit: null,
  };
}

const str = (v: unknown, max: number): string => String(v ?? '').slice(0, max);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function cleanClients(v: unknown): PendingClient[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => ({ c: str(e.c, REF_CHARS), s: str(e.s, 30), r: num(e.r) }))
    .filter((e) => e.c.trim() !== '');
}

/** The pending record (empty when absent or damaged). `raw`: the property, if already read. */
export function loadPending(raw?: string | null): Pending {
  const text = raw === undefined ? boundProperty(KEY) : raw;
  if (!text) return emptyPending();
  let v: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return emptyPending();
    v = parsed as Record<string, unknown>;
  } catch {
    // Damaged: the whole list is owed (nothing about which clients can be trusted).
    return {
      ...emptyPending(),
      watch: { all: { s: new Date().toISOString(), r: 0 }, clients: [] },
    };
  }
  const watch = (v.watch ?? {}) as Record<string, unknown>;
  const all = watch.all as Record<string, unknown> | null | undefined;
  const edit = v.edit as Record<string, unknown> | null | undefined;
  const statements = Array.isArray(v.statements) ? (v.statements as unknown[]) : [];
  return {
    rev: num(v.rev),
    watch: {
      all: all && typeof all === 'object' ? { s: str(all.s, 30), r: num(all.r) } : null,
      clients: cleanClients(watch.clients),
    },
    notices: cleanClients(v.notices),
    statements: statements
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map((e) => ({ m: str(e.m, 7), p: str(e.p, REF_CHARS), s: str(e.s, 30), r: num(e.r) }))
      .filter((e) => /^\d{4}-\d{2}$/.test(e.m) && e.p.trim() !== ''),
    dropped: num(v.dropped),
    edit:
      edit && typeof edit === 'object' && typeof edit.at === 'string'
        ? {
            at: edit.at,
            state: edit.state === 'done' || edit.state === 'failed' ? edit.state : 'kept',
            message: str(edit.message, MESSAGE_CHARS),
          }
        : null,
  };
}

/** Whether anything waits (the last edit outcome alone is not work). */
export function hasPendingWork(p: Pending): boolean {
  return (
    p.watch.all !== null ||
    p.watch.clients.length > 0 ||
    p.notices.length > 0 ||
    p.statements.length > 0
  );
}

/** No watch work pending (pendingWatch's answer). */
export const NOTHING = 'nothing';

/** The pending watch work: the whole list, these codes, or NOTHING. */
export function pendingWatch(p: Pending): 'all' | string[] | typeof NOTHING {
  if (p.watch.all) return 'all';
  return p.watch.clients.length > 0 ? p.watch.clients.map((e) => e.c) : NOTHING;
}

export interface PendingChange {
  /** Clients to recompute, or the whole list. */
  watch?: readonly string[] | 'all';
  notices?: readonly string[];
  statements?: readonly { month: Month; salesperson: string }[];
  edit?: Omit<PendingOutcome, 'at'>;
}

/** Adds work for later (and the edit trigger's outcome); returns the record as stored. */
export function addPending(change: PendingChange): Pending {
  return update((p) => {
    const at = new Date().toISOString();
    const r = ++p.rev;
    if (change.watch === 'all') p.watch.all = { s: p.watch.all?.s ?? at, r };
    else if (change.watch) p.watch.clients = added(p.watch.clients, change.watch, at, r);
    if (p.watch.clients.length > MAX_WATCH) toAll(p, r);
    if (change.notices) {
      p.notices = added(p.notices, change.notices, at, r);
      p.dropped += dropOldest(p.notices, MAX_NOTICES);
    }
    for (const s of change.statements ?? []) {
      const key = codeKey(s.salesperson);
      const old = p.statements.find((e) => e.m === s.month && codeKey(e.p) === key);
      if (old) old.r = r;
      else p.statements.push({ m: s.month, p: str(s.salesperson, REF_CHARS), s: at, r });
    }
    p.dropped += dropOldest(p.statements, MAX_STATEMENTS);
    if (change.edit)
      p.edit = { at, ...change.edit, message: str(change.edit.message, MESSAGE_CHARS) };
    return p;
  });
}

/** What a run did of what it read (`read`: the record as it read it before the work). */
export interface PendingDone {
  /** The watch work read was done (a full refresh does all of it; else these codes). */
  watch?: 'all' | readonly string[];
  /** Notices no longer owed (sent, or the client is no longer watched). */
  notices?: readonly string[];
  statements?: readonly { month: Month; salesperson: string }[];
  /** Forget the dropped count (Settings was shown it and the work goes on). */
  edit?: Omit<PendingOutcome, 'at'>;
}

/**
 * Removes what a run did, but only entries no newer than the revision it read: an entry added
 * again while the run worked (a new edit of the same client) stays for the next run.
 */
export function settlePending(read: Pending, done: PendingDone): Pending {
  return update((p) => {
    const upTo = read.rev;
    const doneKeys = (codes: readonly string[]) => new Set(codes.map(codeKey));
    if (done.watch === 'all') {
      if (p.watch.all && p.watch.all.r <= upTo) p.watch.all = null;
      p.watch.clients = p.watch.clients.filter((e) => e.r > upTo);
    } else if (done.watch) {
      const keys = doneKeys(done.watch);
      p.watch.clients = p.watch.clients.filter((e) => e.r > upTo || !keys.has(codeKey(e.c)));
    }
    if (done.notices) {
      const keys = doneKeys(done.notices);
      p.notices = p.notices.filter((e) => e.r > upTo || !keys.has(codeKey(e.c)));
    }
    if (done.statements) {
      const keys = new Set(done.statements.map((s) => `${s.month} ${codeKey(s.salesperson)}`));
      p.statements = p.statements.filter((e) => e.r > upTo || !keys.has(`${e.m} ${codeKey(e.p)}`));
    }
    if (done.edit)
      p.edit = {
        at: new Date().toISOString(),
        ...done.edit,
        message: str(done.edit.message, MESSAGE_CHARS),
      };
    return p;
  });
}

function added(
  list: PendingClient[],
  codes: readonly string[],
  at: string,
  r: number,
): PendingClient[] {
  const out = [...list];
  for (const code of codes) {
    const c = str(code, REF_CHARS).trim();
    if (c === '') continue;
    const old = out.find((e) => codeKey(e.c) === codeKey(c));
    if (old)
      old.r = r; // since when: the first time
    else out.push({ c, s: at, r });
  }
  return out;
}

function toAll(p: Pending, r: number): void {
  const since = [p.watch.all?.s, ...p.watch.clients.map((e) => e.s)].filter(Boolean).sort()[0];
  p.watch.all = { s: since ?? new Date().toISOString(), r };
  p.watch.clients = [];
}

/** Drops the oldest entries past `max` (in place); returns how many. */
function dropOldest(list: { s: string }[], max: number): number {
  if (list.length <= max) return 0;
  list.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  return list.splice(0, list.length - max).length;
}

function update(change: (p: Pending) => Pending): Pending {
  return withScriptLock(LOCK_WAIT_MS, () => {
    const p = fit(change(loadPending()));
    const empty = !hasPendingWork(p) && p.edit === null && p.dropped === 0;
    setBoundProperties({ [KEY]: empty ? null : JSON.stringify(p) });
    // Only watch work a busy lock kept makes every edit trigger run look: a failure (a column
    // missing) would fail again at each edit, and notices wait on the quota (the hourly run and
    // the edits that matter retry those).
    const watchKept = p.watch.all !== null || p.watch.clients.length > 0;
    hint(watchKept && p.edit?.state !== 'failed');
    return p;
  });
}

/** Under RECORD_BYTES: the oldest notices and statements go first, then the watch list turns to all. */
function fit(p: Pending): Pending {
  while (utf8Bytes(JSON.stringify(p)) > RECORD_BYTES) {
    if (p.notices.length > 0) p.dropped += dropOldest(p.notices, Math.floor(p.notices.length / 2));
    else if (p.statements.length > 0)
      p.dropped += dropOldest(p.statements, Math.floor(p.statements.length / 2));
    else if (p.watch.clients.length > 0) toAll(p, p.rev);
    else if (p.edit) p.edit = { ...p.edit, message: p.edit.message.slice(0, 40) };
    else break;
  }
  return p;
}

function hint(on: boolean): void {
  try {
    const cache = CacheService.getDocumentCache();
    if (!cache) return;
    if (on) cache.put(PENDING_HINT_KEY, '1', HINT_SECONDS);
    else cache.remove(PENDING_HINT_KEY);
  } catch {
    // only a hint: the hourly run reads the property
  }
}
