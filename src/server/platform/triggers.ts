/**
 * The installable triggers: a daily watch-list refresh, a daily buying-habits run and
 * follow-up digest, the monthly commission run on day 1, and an edit trigger (installable, because simple onEdit triggers cannot send mail or run
 * longer than 30 s).
 *
 * Installable triggers belong to the user who created them, and getProjectTriggers() only
 * lists the current user's (https://developers.google.com/apps-script/guides/triggers/installable#restrictions).
 * So a second person running Set up workbook would install a second set, and every refresh
 * would run twice: the owner is remembered in the document's properties and others leave the
 * triggers alone.
 */
export const TRIGGER_HANDLERS = {
  daily: 'onDailyTrigger',
  knowing: 'onKnowingDailyTrigger',
  monthly: 'onMonthlyTrigger',
  edit: 'onEditTrigger',
} as const;

const OWNER_KEY = 'ficheClient.triggerOwner';

export interface TriggerReport {
  installed: string[];
  removedDuplicates: number;
  /** Set when another user owns the triggers: nothing was changed. */
  ownedBy?: string;
}

export function installTriggers(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): TriggerReport {
  const properties = PropertiesService.getDocumentProperties();
  const me = Session.getEffectiveUser().getEmail();
  const owner = properties.getProperty(OWNER_KEY);
  const existing = ScriptApp.getProjectTriggers();
  if (owner && me && owner !== me && existing.length === 0) {
    return { installed: [], removedDuplicates: 0, ownedBy: owner };
  }

  const wanted = new Set<string>(Object.values(TRIGGER_HANDLERS));
  const seen = new Set<string>();
  let removedDuplicates = 0;
  for (const trigger of existing) {
    const handler = trigger.getHandlerFunction();
    if (!wanted.has(handler)) continue;
    if (seen.has(handler)) {
      ScriptApp.deleteTrigger(trigger);
      removedDuplicates++;
    } else seen.add(handler);
  }

  const installed: string[] = [];
  if (!seen.has(TRIGGER_HANDLERS.daily)) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.daily).timeBased().everyDays(1).atHour(6).create();
    installed.push(TRIGGER_HANDLERS.daily);
  }
  // Buying habits and the follow-up digest: a run of its own, after the watch refresh.
  if (!seen.has(TRIGGER_HANDLERS.knowing)) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.knowing).timeBased().everyDays(1).atHour(7).create();
    installed.push(TRIGGER_HANDLERS.knowing);
  }
  if (!seen.has(TRIGGER_HANDLERS.monthly)) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.monthly).timeBased().onMonthDay(1).atHour(5).create();
    installed.push(TRIGGER_HANDLERS.monthly);
  }
  if (!seen.has(TRIGGER_HANDLERS.edit)) {
    ScriptApp.newTrigger(TRIGGER_HANDLERS.edit).forSpreadsheet(spreadsheet).onEdit().create();
    installed.push(TRIGGER_HANDLERS.edit);
  }
  if (me && owner !== me) properties.setProperty(OWNER_KEY, me);
  return { installed, removedDuplicates };
}
