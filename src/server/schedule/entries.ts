/**
 * The scheduled jobs' entry points of src/server/index.ts: the hourly dispatcher (decision 010) and
 * the clock triggers of the versions before it, which keep working until Set up replaces them.
 */
import type { JobName } from '../../domain/schedule';
import { TRIGGER_HANDLERS, triggerMayRun } from '../platform/triggers';
import { dispatch, runLegacy } from './dispatcher';

type ClockEvent = GoogleAppsScript.Events.TimeDriven & { triggerUid?: string };

/**
 * Installed by setupWorkbook: every hour, the scheduled job that is due, if any. Most runs have
 * nothing to do: the document's properties are read once, and such a run costs six calls
 * (bench: the dispatcher's idle runs against the daily trigger runtime).
 */
export function onHourlyTrigger(e?: ClockEvent): void {
  const properties = PropertiesService.getDocumentProperties().getProperties();
  if (!triggerMayRun(TRIGGER_HANDLERS.hourly, e, properties)) return;
  dispatch(SpreadsheetApp.getActiveSpreadsheet(), properties);
}

function legacy(handler: string, job: JobName, e?: ClockEvent): void {
  if (!triggerMayRun(handler, e)) return;
  runLegacy(SpreadsheetApp.getActiveSpreadsheet(), job);
}

/** The daily watch trigger of older versions (06:00): the watch list now. */
export function onDailyTrigger(e?: ClockEvent): void {
  legacy('onDailyTrigger', 'watch', e);
}

/** The daily trigger of older versions (07:00): buying habits and the follow-up digest now. */
export function onKnowingDailyTrigger(e?: ClockEvent): void {
  legacy('onKnowingDailyTrigger', 'knowing', e);
}

/** The monthly trigger of older versions (day 1, 05:00): the previous month's commissions now. */
export function onMonthlyTrigger(e?: ClockEvent): void {
  legacy('onMonthlyTrigger', 'commissions', e);
}
