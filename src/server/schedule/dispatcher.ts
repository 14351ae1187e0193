/**
 * The hourly dispatcher (decision 010): one time-driven trigger, every hour, runs the scheduled
 * jobs when they are due (the rules: src/domain/schedule.ts; what each did: platform/jobs.ts).
 *
 * One job a run: a job's run at full size is one to two minutes (bench/README.md) and an
 * execution has six, so three in one run could be cut off; the others wait for the next hourly
 * run. Among due jobs the one whose last attempt is oldest goes first, so a job that fails at
 * every run (a sheet missing) does not keep the others waiting: they take turns. A failed run
 * is recorded (Settings shows it), then the error is thrown again so that the execution is
 * marked failed and Google tells the owner (an add-on's triggers do not e-mail: the record is
 * what shows it there).
 *
 * Jobs never recorded are seeded (they start from their next due time), so an install, a copy
 * set up, or the move from the old triggers never runs a job twice on one day or recomputes a
 * month nobody asked for.
 */
import {
  dueAt,
  JOBS,
  jobSpec,
  localTime,
  seedPeriod,
  type Due,
  type JobName,
  type Period,
} from '../../domain/schedule';
import { previousMonth } from '../../domain/time';
import {
  JOBS_KEY,
  loadJobs,
  recordDone,
  recordFailure,
  updateJobs,
  type JobRecord,
  type JobRun,
  type Jobs,
} from '../platform/jobs';
import { t } from '../platform/messages';
import { loadSettings } from '../platform/settings';
import { commissionsJob } from '../commissions/entries';
import { knowingJob } from '../knowing/entries';
import { watchJob } from '../watch/entries';
import { runWatchWork } from '../watch/keptWork';
import { retryStatements } from '../commissions/keptStatements';
import { hasPendingWork, loadPending, PENDING_KEY, type Pending } from '../platform/pending';
import { logWarning } from '../platform/log';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Each job's work; returns what it did, in the workbook language, and whether it left work undone. */
const RUNNERS: Record<JobName, (spreadsheet: Spreadsheet, period: Period) => JobRun> = {
  commissions: (spreadsheet, month) => commissionsJob(spreadsheet, month),
  watch: (spreadsheet) => watchJob(spreadsheet),
  knowing: (spreadsheet) => knowingJob(spreadsheet),
};

export interface DispatchReport {
  /** The job run, if one was due. */
  ran: { job: JobName; period: Period } | null;
  /** Jobs never recorded, started from their next due time. */
  seeded: JobName[];
}

/** Seeds every job never recorded here (Set up, and the dispatcher meeting one). */
export function seedJobs(
  spreadsheet: Spreadsheet,
  jobs: Jobs = loadJobs(),
  now = localTime(Date.now(), spreadsheet.getSpreadsheetTimeZone()),
): JobName[] {
  const seeds: Partial<Record<JobName, Partial<JobRecord>>> = {};
  for (const spec of JOBS)
    if (!jobs[spec.name].done) seeds[spec.name] = { done: seedPeriod(spec, now) };
  const names = Object.keys(seeds) as JobName[];
  if (names.length > 0) updateJobs(seeds);
  return names;
}

/**
 * The hourly run: the due job whose last attempt is oldest, if any. `properties`: the
 * document's, read by the trigger (the jobs' record is among them; no copy runs a trigger, so
 * it is this workbook's: workbookState.ts).
 */
export function dispatch(
  spreadsheet: Spreadsheet,
  properties: Record<string, string>,
): DispatchReport {
  const jobs = loadJobs(properties[JOBS_KEY] ?? null);
  const now = localTime(Date.now(), spreadsheet.getSpreadsheetTimeZone());
  const seeded = seedJobs(spreadsheet, jobs, now);
  if (seeded.length > 0) return { ran: null, seeded }; // seeds are never due
  const kept = loadPending(properties[PENDING_KEY] ?? null);
  const due: { job: JobName; due: Due; tried: string }[] = [];
  for (const spec of JOBS) {
    const d = dueAt(spec, jobs[spec.name].done!, now);
    if (d) due.push({ job: spec.name, due: d, tried: jobs[spec.name].outcome?.at ?? '' });
  }
  // Stable: among jobs tried at the same time (never), the order of JOBS.
  due.sort((a, b) => (a.tried < b.tried ? -1 : a.tried > b.tried ? 1 : 0));
  const next = due[0];
  // Work edit triggers kept for later (platform/pending.ts): done first, every hour, unless the
  // job about to run is the watch list, which does it (every client, the kept notices).
  if (hasPendingWork(kept)) runKeptWork(spreadsheet, kept, next?.job !== 'watch');
  if (!next) return { ran: null, seeded };
  runJob(spreadsheet, next.job, next.due);
  return { ran: { job: next.job, period: next.due.period }, seeded };
}

/**
 * A trigger of the versions before the dispatcher (daily watch 06:00, daily knowing 07:00,
 * monthly commissions day 1 05:00), still installed until Set up runs again: it runs its one job
 * now, as it always did, and records it, so the dispatcher that replaces it does not run it again
 * that day.
 */
export function runLegacy(spreadsheet: Spreadsheet, job: JobName): void {
  const now = localTime(Date.now(), spreadsheet.getSpreadsheetTimeZone());
  const spec = jobSpec(job);
  const period = spec.every === 'day' ? now.day : previousMonth(now.day);
  runJob(spreadsheet, job, { period, skipped: [] });
}

/**
 * The kept work; its failure is recorded (platform/pending.ts keeps the work and says why) and
 * does not stop the due job.
 */
function runKeptWork(spreadsheet: Spreadsheet, kept: Pending, watch: boolean): void {
  const lang = loadSettings(spreadsheet).lang;
  const said = (e: unknown) => (e instanceof Error ? e.message : String(e));
  try {
    if (watch) runWatchWork(spreadsheet, { kind: 'none' }, kept, lang);
  } catch (e) {
    logWarning(`Fiche Client: pending work not done: ${said(e)}`);
  }
  try {
    retryStatements(spreadsheet, kept, lang);
  } catch (e) {
    logWarning(`Fiche Client: kept statements not sent: ${said(e)}`);
  }
}

function runJob(spreadsheet: Spreadsheet, job: JobName, due: Due): void {
  let run: JobRun;
  try {
    run = RUNNERS[job](spreadsheet, due.period);
  } catch (e) {
    recordFailure(job, e instanceof Error ? e.message : String(e));
    throw e;
  }
  let { message } = run;
  if (due.skipped.length > 0)
    message += ` ${t('jobSkippedMonths', loadSettings(spreadsheet).lang, { months: due.skipped.join(', ') })}`;
  // Months left to the menu are work undone too: the team is told.
  recordDone(job, due.period, message, run.undone || due.skipped.length > 0);
}
