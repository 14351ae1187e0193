/**
 * What each scheduled job last did (decision 010): one small record per job, in one document
 * property, read and written only through this module.
 *
 *  - `done`: the period last done, a day ('YYYY-MM-DD', the day the run counted for, in the
 *    spreadsheet's zone) or, for the monthly job, the month computed ('YYYY-MM'); the
 *    dispatcher's rules (src/domain/schedule.ts) compare it with now;
 *  - `doneAt`: when that run ended (ISO), for Settings;
 *  - `outcome`: how the last attempt went (ok or not, when, a short message in the workbook
 *    language), success or failure: a failed run leaves `done` as it was, so the next hourly
 *    run tries again.
 *
 * Meant to be built on (decision 017: work a run could not do, kept for later; run outcomes the
 * team sees): a record is an open object; updateJob merges what a caller gives into the stored
 * record, so fields added by later code survive every write made by this code. Bounded: a
 * property value is at most 9 KB and a store 500 KB
 * (https://developers.google.com/apps-script/guides/services/quotas): messages are cut to
 * MESSAGE_CHARS and a write that would pass RECORD_BYTES is refused before it is made, so the
 * jobs never take more than one value's room.
 *
 * Copy-safe: the property is one of workbookState.ts's BOUND_KEYS, so a copy starts with no
 * history (the original's runs are not the copy's) and Set up starts it afresh.
 */
import { isPeriod, jobSpec, JOB_NAMES, type JobName, type Period } from '../../domain/schedule';
import { boundProperty, setBoundProperties, utf8Bytes } from './workbookState';

const KEY = 'ficheClient.jobs';
/** Room for one job's message; three jobs stay far below one property value. */
export const MESSAGE_CHARS = 500;
/** The whole record: under the 9 KB a property value may hold, with room for the key. */
export const RECORD_BYTES = 8 * 1024;

export interface JobOutcome {
  /** When the attempt ended (ISO). */
  at: string;
  ok: boolean;
  /**
   * The run ended but left work undone (a paid-out month left unchanged, mail kept for later):
   * Settings and the next onOpen say so (decision 017).
   */
  undone?: boolean;
  /** What it did or why it failed, in the workbook language (at most MESSAGE_CHARS). */
  message: string;
}

/** What a job's run returns: what it did, and whether it left work undone. */
export interface JobRun {
  message: string;
  undone: boolean;
}

export interface JobRecord {
  done: Period | null;
  doneAt: string;
  outcome: JobOutcome | null;
  /** Fields later code adds are kept as they are (see the header). */
  [extra: string]: unknown;
}

export type Jobs = Record<JobName, JobRecord>;

const EMPTY: JobRecord = { done: null, doneAt: '', outcome: null };

function parse(raw: string | null): Partial<Record<JobName, Partial<JobRecord>>> {
  if (!raw) return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' ? (v as Partial<Record<JobName, Partial<JobRecord>>>) : {};
  } catch {
    return {}; // damaged: every job starts again from its next due time
  }
}

function clean(name: JobName, stored: Partial<JobRecord> | undefined): JobRecord {
  if (!stored || typeof stored !== 'object') return { ...EMPTY };
  const outcome = stored.outcome;
  return {
    ...stored,
    done: isPeriod(jobSpec(name), stored.done) ? stored.done : null,
    doneAt: typeof stored.doneAt === 'string' ? stored.doneAt : '',
    outcome:
      outcome && typeof outcome === 'object' && typeof outcome.at === 'string'
        ? {
            at: outcome.at,
            ok: outcome.ok === true,
            ...(outcome.undone === true ? { undone: true } : {}),
            message: String(outcome.message ?? ''),
          }
        : null,
  };
}

/** Every job's record (a job never recorded: done null). `raw`: the property, if already read. */
export function loadJobs(raw?: string | null): Jobs {
  const stored = parse(raw === undefined ? boundProperty(KEY) : raw);
  return Object.fromEntries(JOB_NAMES.map((n) => [n, clean(n, stored[n])])) as Jobs;
}

/** The property's key, for a caller that reads every property at once. */
export const JOBS_KEY = KEY;

/**
 * Merges `changes` into each named job's record and stores them all in one write. Refuses
 * (throws, nothing written) a record past RECORD_BYTES.
 */
export function updateJobs(changes: Partial<Record<JobName, Partial<JobRecord>>>): Jobs {
  const jobs = loadJobs();
  for (const name of JOB_NAMES) {
    const change = changes[name];
    if (!change) continue;
    const merged = { ...jobs[name], ...change };
    if (merged.outcome)
      merged.outcome = { ...merged.outcome, message: cut(merged.outcome.message) };
    jobs[name] = merged;
  }
  const json = JSON.stringify(jobs);
  if (utf8Bytes(json) > RECORD_BYTES)
    throw new Error(
      `Fiche Client: the jobs' record would take ${utf8Bytes(json)} bytes (at most ${RECORD_BYTES}).`,
    );
  setBoundProperties({ [KEY]: json });
  return jobs;
}

export function updateJob(name: JobName, change: Partial<JobRecord>): Jobs {
  return updateJobs({ [name]: change });
}

/**
 * A run that did its period: done, and its outcome (`undone`: it left something undone that
 * no later run of this period does by itself, said to the team).
 */
export function recordDone(name: JobName, period: Period, message: string, undone = false): Jobs {
  const at = new Date().toISOString();
  const outcome: JobOutcome = { at, ok: true, ...(undone ? { undone } : {}), message };
  return updateJob(name, { done: period, doneAt: at, outcome });
}

/** A run that failed: `done` stays, so the next hourly run tries again. */
export function recordFailure(name: JobName, message: string): Jobs {
  return updateJob(name, { outcome: { at: new Date().toISOString(), ok: false, message } });
}

function cut(message: string): string {
  return message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS - 1)}…` : message;
}
