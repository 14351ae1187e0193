/**
 * The installable triggers: at most one of each type (decision 010), as an add-on may have ("Each
 * add-on can only have one trigger of each type, per user, per document", and time-driven ones
 * at most hourly: https://developers.google.com/workspace/add-ons/concepts/editor-triggers):
 *  - an hourly time-driven trigger, the dispatcher (src/server/schedule/): the daily watch
 *    refresh, the daily buying habits and follow-up digest, and the monthly commissions each
 *    run from it when due (src/domain/schedule.ts), catching up missed days;
 *  - an edit trigger (installable, because simple onEdit triggers cannot send mail or run
 *    longer than 30 s);
 *  - a change trigger that tells the edit trigger's column cache when columns or sheets moved
 *    (src/server/watch/editTrigger.ts).
 * Versions before the dispatcher installed three clock triggers (LEGACY_CLOCK_HANDLERS): Set up
 * removes them and installs the dispatcher; until it runs, they keep working (their handlers
 * stay entry points and run their one job).
 *
 * "My triggers on this workbook" are ScriptApp.getUserTriggers(spreadsheet): an add-on is one
 * project for every workbook it is used in, and getProjectTriggers() would list the others'
 * too. Whether getUserTriggers lists time-driven triggers the reference does not say (a clock
 * trigger has no source spreadsheet), so the dispatcher's id is recorded (CLOCK_KEY) and looked
 * up among the project's triggers by that id: right in both worlds (the emulator has both). A
 * dispatcher that is not the recorded one (two Set ups at once) removes itself at its first run.
 *
 * Owner. Installable triggers run as the user who created them, and only that user can see or
 * delete them (https://developers.google.com/apps-script/guides/triggers/installable#restrictions).
 * Set up records the owner's address (Session.getEffectiveUser) and the date; Settings shows
 * them. When another person runs Set up, they are told who owns the triggers and may take them
 * over: theirs are installed and they become the owner. The old owner's triggers cannot be
 * deleted by anyone else, so they retire themselves: every handler first calls triggerMayRun,
 * which, when the effective user is not the recorded owner, deletes that user's own triggers on
 * this workbook and says no, so no job is done twice. A former owner who lost access to the
 * workbook cannot run anything: their triggers fail at each run (Google e-mails them the
 * failures) until they delete them; Settings says so. Without an address
 * (getEffectiveUser().getEmail() blank) Set up installs nothing and says why: nobody could tell
 * whose triggers run.
 *
 * Every record here is a bound key (workbookState.ts): a copy of the workbook has no owner.
 */
import type { Lang } from '../../shared/contract';
import {
  JOBS,
  localStamp,
  localTime,
  nextDue,
  type JobName,
  type JobSpec,
} from '../../domain/schedule';
import { t, type MessageKey } from './messages';
import { loadSettings } from './settings';
import { logWarning } from './log';
import { JOBS_KEY, loadJobs, type JobRecord } from './jobs';
import { loadPending, PENDING_KEY } from './pending';
import { pendingLines, undoneSummary } from './outcomes';
import { copyNotices, setBoundProperties, workbookState } from './workbookState';

type Trigger = GoogleAppsScript.Script.Trigger;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const TRIGGER_HANDLERS = {
  hourly: 'onHourlyTrigger',
  edit: 'onEditTrigger',
  change: 'onChangeTrigger',
} as const;
type TriggerKind = keyof typeof TRIGGER_HANDLERS;
const KINDS = Object.keys(TRIGGER_HANDLERS) as TriggerKind[];

/** The clock triggers of the versions before the dispatcher (still entry points). */
export const LEGACY_CLOCK_HANDLERS: readonly string[] = [
  'onDailyTrigger',
  'onKnowingDailyTrigger',
  'onMonthlyTrigger',
];

const OWNER_KEY = 'ficheClient.triggerOwner';
const SINCE_KEY = 'ficheClient.triggerOwnerSince';
/** The unique id of the owner's hourly trigger on this workbook. */
const CLOCK_KEY = 'ficheClient.triggerClock';
/**
 * The former owner's hourly trigger after a take-over ({ email, uid }): their triggers retire
 * at the first run of any of them, and the hourly one is found among the project's by its id.
 */
const RETIRING_KEY = 'ficheClient.triggerRetiring';
/** Kept by the versions before the dispatcher; removed by Set up. */
const LEGACY_KEYS = ['ficheClient.triggerTimeZone', 'ficheClient.triggerLastDaily'];
/** No job run for two days: the dispatcher, due every hour, has stopped. */
const STALE_MS = 48 * 3600_000;

export interface TriggerOwner {
  email: string;
  /** ISO instant of the Set up that recorded them ('' when recorded by an older version). */
  since: string;
}

export interface TriggerReport {
  installed: string[];
  removedDuplicates: number;
  /** Clock triggers of a version before the dispatcher, removed. */
  migrated: number;
  /** Set when another user owns the triggers and they were kept: nothing was changed. */
  ownedBy?: string;
  /** Set when this user took the triggers over from another. */
  takenOverFrom?: string;
  /** Why no trigger was installed, in the workbook language. */
  refused?: string;
}

export function triggerOwner(spreadsheet?: Spreadsheet): TriggerOwner | null {
  const props = workbookState(spreadsheet).properties;
  const email = props[OWNER_KEY];
  return email ? { email, since: props[SINCE_KEY] ?? '' } : null;
}

/** A recorded instant as a day and time in the spreadsheet's zone, for messages. */
function shownDate(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return iso && Number.isFinite(ms) ? localStamp(ms, timeZone) : '?';
}

/** Asks whether to take over another person's triggers (Yes / No); no UI (a script run): no. */
function askTakeOver(spreadsheet: Spreadsheet, lang: Lang, owner: TriggerOwner): boolean {
  let ui: GoogleAppsScript.Base.Ui;
  try {
    ui = SpreadsheetApp.getUi();
  } catch {
    return false;
  }
  const since = shownDate(owner.since, spreadsheet.getSpreadsheetTimeZone());
  const answer = ui.alert(
    t('triggerOwnerTitle', lang),
    t('triggerOwnerAsk', lang, { owner: owner.email, since }),
    ui.ButtonSet.YES_NO,
  );
  return answer === ui.Button.YES;
}

function kindOf(handler: string): TriggerKind | null {
  return KINDS.find((k) => TRIGGER_HANDLERS[k] === handler) ?? null;
}

/**
 * This user's triggers of ours on this workbook, by unique id: getUserTriggers(spreadsheet),
 * the recorded dispatcher found among the project's triggers by its id, and the clock triggers
 * of the versions before the dispatcher (a bound script's: its project is this workbook's).
 */
function myTriggers(
  spreadsheet: Spreadsheet,
  recordedClock: string,
): { ours: Map<string, Trigger>; legacy: Trigger[] } {
  const ours = new Map<string, Trigger>();
  for (const tr of ScriptApp.getUserTriggers(spreadsheet))
    if (kindOf(tr.getHandlerFunction())) ours.set(tr.getUniqueId(), tr);
  const legacy: Trigger[] = [];
  for (const tr of ScriptApp.getProjectTriggers()) {
    const handler = tr.getHandlerFunction();
    if (LEGACY_CLOCK_HANDLERS.includes(handler)) legacy.push(tr);
    else if (recordedClock && handler === TRIGGER_HANDLERS.hourly) {
      const uid = tr.getUniqueId();
      if (uid === recordedClock) ours.set(uid, tr);
    }
  }
  return { ours, legacy };
}

/**
 * Installs what is missing of the three triggers for the effective user, removes duplicates and
 * the clock triggers of older versions, and records the owner and the dispatcher's id.
 */
export function installTriggers(spreadsheet: Spreadsheet): TriggerReport {
  const lang = loadSettings(spreadsheet).lang;
  const me = Session.getEffectiveUser().getEmail();
  if (!me)
    return { installed: [], removedDuplicates: 0, migrated: 0, refused: t('triggerNoEmail', lang) };
  const props = workbookState(spreadsheet).properties;
  const owner = triggerOwner(spreadsheet);
  let takenOverFrom: string | undefined;
  if (owner && owner.email !== me) {
    if (!askTakeOver(spreadsheet, lang, owner))
      return { installed: [], removedDuplicates: 0, migrated: 0, ownedBy: owner.email };
    takenOverFrom = owner.email;
  }

  const recorded = owner?.email === me ? (props[CLOCK_KEY] ?? '') : '';
  const { ours, legacy } = myTriggers(spreadsheet, recorded);
  for (const tr of legacy) ScriptApp.deleteTrigger(tr);
  // The recorded dispatcher first: it is the one kept.
  const ordered = [...ours.entries()].sort(
    ([a], [b]) => Number(b === recorded) - Number(a === recorded),
  );
  const kept: Partial<Record<TriggerKind, Trigger>> = {};
  let removedDuplicates = 0;
  for (const [, tr] of ordered) {
    const kind = kindOf(tr.getHandlerFunction())!;
    if (kept[kind]) {
      ScriptApp.deleteTrigger(tr);
      removedDuplicates++;
    } else kept[kind] = tr;
  }

  const installed: string[] = [];
  if (!kept.hourly) {
    kept.hourly = ScriptApp.newTrigger(TRIGGER_HANDLERS.hourly).timeBased().everyHours(1).create();
    installed.push(TRIGGER_HANDLERS.hourly);
  }
  if (!kept.edit) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.edit).forSpreadsheet(spreadsheet).onEdit().create();
    installed.push(TRIGGER_HANDLERS.edit);
  }
  if (!kept.change) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.change).forSpreadsheet(spreadsheet).onChange().create();
    installed.push(TRIGGER_HANDLERS.change);
  }
  const record: Record<string, string | null> = { [CLOCK_KEY]: kept.hourly.getUniqueId() };
  for (const key of LEGACY_KEYS) if (key in props) record[key] = null;
  if (owner?.email !== me) {
    record[OWNER_KEY] = me;
    record[SINCE_KEY] = new Date().toISOString();
    record[RETIRING_KEY] =
      owner && props[CLOCK_KEY]
        ? JSON.stringify({ email: owner.email, uid: props[CLOCK_KEY] })
        : null;
  }
  setBoundProperties(record, spreadsheet);
  const report: TriggerReport = { installed, removedDuplicates, migrated: legacy.length };
  if (takenOverFrom) report.takenOverFrom = takenOverFrom;
  return report;
}

/** What a time-driven or spreadsheet trigger's event says of the trigger that fired. */
export interface FiredBy {
  triggerUid?: string;
}

/**
 * First thing in every trigger handler: may this run do the work? Yes when the effective user
 * is the recorded owner (or when none is recorded, or the address is unknown). Otherwise these
 * are a former owner's triggers: they delete themselves and the run stops before doing
 * anything, since the new owner's trigger does the job. A dispatcher that is not the recorded
 * one (a duplicate) deletes itself the same way.
 */
export function triggerMayRun(
  handler: string,
  e?: FiredBy,
  /** Every document property, when the caller already read them (saves calls). */
  read?: Record<string, string>,
): boolean {
  const properties = read ? null : PropertiesService.getDocumentProperties();
  const get = (key: string): string | null =>
    read ? (read[key] ?? null) : properties!.getProperty(key);
  const owner = get(OWNER_KEY);
  if (!owner) return true;
  const me = Session.getEffectiveUser().getEmail();
  if (!me) return true;
  if (me === owner) {
    if (handler !== TRIGGER_HANDLERS.hourly || !e?.triggerUid) return true;
    const recorded = get(CLOCK_KEY);
    if (!recorded || recorded === e.triggerUid) return true;
    const removed = deleteMine([], e.triggerUid);
    logWarning(
      `Fiche Client: ${handler} is not the workbook's recorded hourly trigger (a duplicate): ` +
        `${removed} trigger(s) removed, nothing done.`,
    );
    return false;
  }
  const removed = deleteMine(
    ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()),
    e?.triggerUid,
    retiringClock(get(RETIRING_KEY), me),
  );
  logWarning(
    `Fiche Client: ${handler} ran as a former trigger owner; the triggers belong to someone ` +
      `else now: ${removed} of the former owner's trigger(s) removed, nothing done.`,
  );
  return false;
}

/**
 * Deletes this user's triggers of ours among `onWorkbook`, and, among the project's triggers,
 * the one that fired (`firedUid`) and the clock triggers of older versions. Never another
 * workbook's (an add-on's project spans workbooks).
 */
function deleteMine(
  onWorkbook: Trigger[],
  firedUid: string | undefined,
  formerClockUid = '',
): number {
  let removed = 0;
  const done = new Set<string>();
  for (const tr of onWorkbook) {
    if (
      !kindOf(tr.getHandlerFunction()) &&
      !LEGACY_CLOCK_HANDLERS.includes(tr.getHandlerFunction())
    )
      continue;
    done.add(tr.getUniqueId());
    ScriptApp.deleteTrigger(tr);
    removed++;
  }
  for (const tr of ScriptApp.getProjectTriggers()) {
    const handler = tr.getHandlerFunction();
    const uid = tr.getUniqueId();
    if (done.has(uid)) continue;
    if (uid === firedUid || uid === formerClockUid || LEGACY_CLOCK_HANDLERS.includes(handler)) {
      ScriptApp.deleteTrigger(tr);
      removed++;
    }
  }
  return removed;
}

/** The former owner's hourly trigger id, when `me` is that former owner. */
function retiringClock(raw: string | null, me: string): string {
  if (!raw) return '';
  try {
    const v = JSON.parse(raw) as { email?: unknown; uid?: unknown };
    return v.email === me && typeof v.uid === 'string' ? v.uid : '';
  } catch {
    return '';
  }
}

export interface TriggerStatus {
  title: string;
  /** Who owns the triggers and since when (or that none are installed). */
  owner: string;
  /** What is wrong, when something is: missing triggers, no run for two days. */
  problem: string | null;
  explain: string;
  /** Each scheduled job: when it last ran, how, and when it is next due. */
  jobs: string[];
  /** What a copy of another workbook left behind or kept. */
  notices: string[];
}

const JOB_LABEL: Record<JobName, MessageKey> = {
  commissions: 'jobCommissions',
  watch: 'jobWatch',
  knowing: 'jobKnowing',
};

/** One line per job for Settings: last done, last outcome when it failed, next due. */
export function jobLines(
  jobs: Record<JobName, JobRecord>,
  lang: Lang,
  timeZone: string,
  nowMs: number,
): string[] {
  const now = localTime(nowMs, timeZone);
  return JOBS.map((spec: JobSpec) => {
    const job = jobs[spec.name];
    const name = t(JOB_LABEL[spec.name], lang);
    const parts: string[] = [];
    // A job seeded by Set up (no run yet) has a period but no time.
    if (job.done && job.doneAt)
      parts.push(
        t(spec.every === 'month' ? 'jobDoneMonth' : 'jobDone', lang, {
          period: job.done,
          at: shownDate(job.doneAt, timeZone),
        }),
      );
    else parts.push(t('jobNever', lang));
    if (job.outcome?.ok && job.outcome.undone)
      parts.push(
        t('jobUndone', lang, {
          at: shownDate(job.outcome.at, timeZone),
          message: job.outcome.message,
        }),
      );
    if (job.outcome && !job.outcome.ok)
      parts.push(
        t('jobFailed', lang, {
          at: shownDate(job.outcome.at, timeZone),
          message: job.outcome.message,
        }),
      );
    const next = job.done ? nextDue(spec, job.done, now) : { day: now.day, hour: spec.hour };
    parts.push(
      next
        ? t('jobNext', lang, { day: next.day, hour: String(next.hour).padStart(2, '0') })
        : t('jobNextNow', lang),
    );
    return lang === 'fr' ? `${name} : ${parts.join(' ; ')}` : `${name}: ${parts.join('; ')}`;
  });
}

/** What Settings shows about the triggers and the scheduled jobs, in the workbook language. */
export function triggerStatus(spreadsheet: Spreadsheet): TriggerStatus {
  const lang = loadSettings(spreadsheet).lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const state = workbookState(spreadsheet);
  const props = state.properties;
  const base = {
    title: t('triggerOwnerTitle', lang),
    explain: t('triggerExplain', lang),
    notices: copyNotices(state, lang, timeZone),
  };
  const jobs = loadJobs(props[JOBS_KEY] ?? null);
  const pending = loadPending(props[PENDING_KEY] ?? null);
  // Each job's last run, then the work kept for later (decision 017).
  const lines = state.isCopy
    ? []
    : [...jobLines(jobs, lang, timeZone, Date.now()), ...pendingLines(pending, lang, timeZone)];
  // What was left undone, first among the notices: the team must not miss it.
  const undone = state.isCopy ? '' : undoneSummary(jobs, pending, lang).text;
  if (undone) base.notices.unshift(undone);
  const owner = props[OWNER_KEY];
  if (!owner)
    return {
      ...base,
      owner: '',
      problem: state.isCopy ? null : t('triggerNone', lang),
      jobs: lines,
    };
  const me = Session.getEffectiveUser().getEmail();
  const line = t('triggerOwnerLine', lang, {
    owner,
    since: shownDate(props[SINCE_KEY] ?? '', timeZone),
  });
  if (owner === me) {
    const { ours } = myTriggers(spreadsheet, props[CLOCK_KEY] ?? '');
    const have = new Set([...ours.values()].map((tr) => kindOf(tr.getHandlerFunction())));
    const missing = KINDS.filter((k) => !have.has(k)).map((k) => t(`trigger_${k}`, lang));
    return {
      ...base,
      owner: line,
      problem: missing.length
        ? t('triggerMissingMine', lang, { missing: missing.join(', ') })
        : null,
      jobs: lines,
    };
  }
  // Another person's triggers cannot be listed: the jobs' runs tell whether they still run.
  const lastMs = Math.max(
    Date.parse(props[SINCE_KEY] ?? '') || 0,
    ...Object.values(jobs).flatMap((j) => [
      Date.parse(j.doneAt) || 0,
      Date.parse(j.outcome?.at ?? '') || 0,
    ]),
  );
  const stale = lastMs > 0 && Date.now() - lastMs > STALE_MS;
  return {
    ...base,
    owner: line,
    problem: stale
      ? t('triggerStale', lang, {
          owner,
          last: shownDate(new Date(lastMs).toISOString(), timeZone),
        })
      : null,
    jobs: lines,
  };
}
