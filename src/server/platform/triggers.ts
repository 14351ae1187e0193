/**
 * The installable triggers: a daily watch-list refresh, a daily buying-habits run and follow-up
 * digest, the monthly commission run on day 1, an edit trigger (installable, because simple
 * onEdit triggers cannot send mail or run longer than 30 s), and a change trigger that tells the
 * edit trigger's column cache when columns or sheets moved (src/server/watch/editTrigger.ts).
 *
 * Owner. Installable triggers run as the user who created them, and getProjectTriggers() only
 * lists the current user's (https://developers.google.com/apps-script/guides/triggers/installable#restrictions),
 * so nobody can see or delete another person's triggers. Set up records the owner's address
 * (Session.getEffectiveUser) and the date in the document's properties; Settings shows them.
 * When another person runs Set up, they are told who owns the triggers and may take them over:
 * theirs are installed and they become the owner. The old owner's triggers cannot be deleted by
 * them, so they retire themselves: every handler first calls triggerMayRun, which, when the
 * effective user is not the recorded owner, deletes that user's own triggers of this project and
 * says no, so the job is never done twice.
 *
 * Time zone. Clock triggers are built in the spreadsheet's time zone (inTimezone; without it they
 * follow the script's, appsscript.json's timeZone:
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder#inTimezone(String)),
 * so "day 1 at 5:00" is day 1 where the team works and the monthly run computes the month that
 * just ended there. The zone they were built in is recorded; Set up rebuilds them when it changed.
 */
import type { Lang } from '../../shared/contract';
import { t } from './messages';
import { loadSettings } from './settings';
import { logWarning } from './log';

export const TRIGGER_HANDLERS = {
  daily: 'onDailyTrigger',
  knowing: 'onKnowingDailyTrigger',
  monthly: 'onMonthlyTrigger',
  edit: 'onEditTrigger',
  change: 'onChangeTrigger',
} as const;
type Handler = (typeof TRIGGER_HANDLERS)[keyof typeof TRIGGER_HANDLERS];

const CLOCK_HANDLERS: readonly string[] = [
  TRIGGER_HANDLERS.daily,
  TRIGGER_HANDLERS.knowing,
  TRIGGER_HANDLERS.monthly,
];

const OWNER_KEY = 'ficheClient.triggerOwner';
const SINCE_KEY = 'ficheClient.triggerOwnerSince';
const ZONE_KEY = 'ficheClient.triggerTimeZone';
/** When the daily trigger last ran (ISO): Settings tells when the owner's triggers stopped. */
const LAST_DAILY_KEY = 'ficheClient.triggerLastDaily';
/** Two days without a daily run: the daily trigger is due every 24 h (within its hour). */
const STALE_MS = 48 * 3600_000;

export interface TriggerOwner {
  email: string;
  /** ISO instant of the Set up that recorded them ('' when recorded by an older version). */
  since: string;
}

export interface TriggerReport {
  installed: string[];
  removedDuplicates: number;
  /** Set when another user owns the triggers and they were kept: nothing was changed. */
  ownedBy?: string;
  /** Set when this user took the triggers over from another. */
  takenOverFrom?: string;
}

export function triggerOwner(): TriggerOwner | null {
  const props = PropertiesService.getDocumentProperties().getProperties();
  const email = props[OWNER_KEY];
  return email ? { email, since: props[SINCE_KEY] ?? '' } : null;
}

/** A recorded instant as a day (and time) in the spreadsheet's zone, for messages. */
function shownDate(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '?';
  return Utilities.formatDate(d, timeZone, 'yyyy-MM-dd HH:mm');
}

/** Asks whether to take over another person's triggers (Yes / No); no UI (a script run): no. */
function askTakeOver(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  owner: TriggerOwner,
): boolean {
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

export function installTriggers(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): TriggerReport {
  const properties = PropertiesService.getDocumentProperties();
  const me = Session.getEffectiveUser().getEmail();
  const owner = triggerOwner();
  let takenOverFrom: string | undefined;
  if (owner && me && owner.email !== me) {
    const lang = loadSettings(spreadsheet).lang;
    if (!askTakeOver(spreadsheet, lang, owner))
      return { installed: [], removedDuplicates: 0, ownedBy: owner.email };
    takenOverFrom = owner.email;
  }

  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  // Clock triggers built in another zone (or by a version that did not say) are built again.
  const rebuildClock = properties.getProperty(ZONE_KEY) !== timeZone;
  const wanted = new Set<string>(Object.values(TRIGGER_HANDLERS));
  const seen = new Set<string>();
  let removedDuplicates = 0;
  for (const trigger of ScriptApp.getProjectTriggers()) {
    const handler = trigger.getHandlerFunction();
    if (!wanted.has(handler)) continue;
    if (seen.has(handler)) {
      ScriptApp.deleteTrigger(trigger);
      removedDuplicates++;
    } else if (rebuildClock && CLOCK_HANDLERS.includes(handler)) {
      ScriptApp.deleteTrigger(trigger);
    } else seen.add(handler);
  }

  const installed: string[] = [];
  const clock = (handler: Handler) =>
    ScriptApp.newTrigger(handler).timeBased().inTimezone(timeZone);
  if (!seen.has(TRIGGER_HANDLERS.daily)) {
    clock(TRIGGER_HANDLERS.daily).everyDays(1).atHour(6).create();
    installed.push(TRIGGER_HANDLERS.daily);
  }
  // Buying habits and the follow-up digest: a run of its own, after the watch refresh.
  if (!seen.has(TRIGGER_HANDLERS.knowing)) {
    clock(TRIGGER_HANDLERS.knowing).everyDays(1).atHour(7).create();
    installed.push(TRIGGER_HANDLERS.knowing);
  }
  if (!seen.has(TRIGGER_HANDLERS.monthly)) {
    clock(TRIGGER_HANDLERS.monthly).onMonthDay(1).atHour(5).create();
    installed.push(TRIGGER_HANDLERS.monthly);
  }
  if (!seen.has(TRIGGER_HANDLERS.edit)) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.edit).forSpreadsheet(spreadsheet).onEdit().create();
    installed.push(TRIGGER_HANDLERS.edit);
  }
  if (!seen.has(TRIGGER_HANDLERS.change)) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.change).forSpreadsheet(spreadsheet).onChange().create();
    installed.push(TRIGGER_HANDLERS.change);
  }
  const record: Record<string, string> = { [ZONE_KEY]: timeZone };
  if (me && owner?.email !== me) {
    record[OWNER_KEY] = me;
    record[SINCE_KEY] = new Date().toISOString();
  }
  properties.setProperties(record);
  return takenOverFrom
    ? { installed, removedDuplicates, takenOverFrom }
    : { installed, removedDuplicates };
}

/**
 * First thing in every trigger handler: may this run do the work? Yes when the effective user is
 * the recorded owner (or when none is recorded, or the address is unknown). Otherwise these are
 * a former owner's triggers: they delete themselves (getProjectTriggers lists this user's own
 * only) and the run stops before doing anything, since the new owner's trigger does the job.
 */
export function triggerMayRun(handler: string): boolean {
  const owner = PropertiesService.getDocumentProperties().getProperty(OWNER_KEY);
  if (!owner) return true;
  const me = Session.getEffectiveUser().getEmail();
  if (!me || me === owner) return true;
  const ours = new Set<string>(Object.values(TRIGGER_HANDLERS));
  let removed = 0;
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (!ours.has(trigger.getHandlerFunction())) continue;
    ScriptApp.deleteTrigger(trigger);
    removed++;
  }
  logWarning(
    `Fiche Client: ${handler} ran as a former trigger owner; the triggers belong to someone ` +
      `else now: ${removed} of the former owner's trigger(s) removed, nothing done.`,
  );
  return false;
}

/** Called by the daily trigger once it may run: Settings tells from it when runs stopped. */
export function recordDailyRun(): void {
  PropertiesService.getDocumentProperties().setProperty(LAST_DAILY_KEY, new Date().toISOString());
}

export interface TriggerStatus {
  title: string;
  /** Who owns the triggers and since when (or that none are installed). */
  owner: string;
  /** What is wrong, when something is: missing triggers, no daily run for two days. */
  problem: string | null;
  explain: string;
}

/** What Settings shows about the triggers, in the workbook language. */
export function triggerStatus(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): TriggerStatus {
  const lang = loadSettings(spreadsheet).lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const props = PropertiesService.getDocumentProperties().getProperties();
  const base = { title: t('triggerOwnerTitle', lang), explain: t('triggerExplain', lang) };
  const owner = props[OWNER_KEY];
  const me = Session.getEffectiveUser().getEmail();
  const mine = new Set(ScriptApp.getProjectTriggers().map((tr) => tr.getHandlerFunction()));
  if (!owner) return { ...base, owner: '', problem: t('triggerNone', lang) };
  const line = t('triggerOwnerLine', lang, {
    owner,
    since: shownDate(props[SINCE_KEY] ?? '', timeZone),
  });
  if (owner === me) {
    const missing = Object.values(TRIGGER_HANDLERS).filter((h) => !mine.has(h));
    return {
      ...base,
      owner: line,
      problem: missing.length
        ? t('triggerMissingMine', lang, { missing: missing.join(', ') })
        : null,
    };
  }
  // Another person's triggers cannot be listed: their daily run tells whether they still run.
  const last = props[LAST_DAILY_KEY] ?? '';
  const since = props[SINCE_KEY] ?? '';
  const lastMs = Math.max(Date.parse(last) || 0, Date.parse(since) || 0);
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
  };
}
