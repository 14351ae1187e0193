/** The "knowing the client" entry points of src/server/index.ts: buying habits, follow-ups. */
import type { HabitsSearchResult } from '../../shared/formApi';
import { t } from '../platform/messages';
import { TRIGGER_HANDLERS, triggerMayRun } from '../platform/triggers';
import { followUpDigestEnabled } from '../newsletter/settings';
import { sendFollowUpDigest } from './followUps';
import { refreshHabits, searchBuyers } from './habits';
import { logMailReport, logWarning } from '../platform/log';

/** Menu: computes every client's buying habits from Invoices into the computed column. */
export function refreshBuyingHabits(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const report = refreshHabits(spreadsheet);
  spreadsheet.toast(
    t('habitsDone', report.lang, { n: report.withHabits }),
    t('menuTitle', report.lang),
  );
}

/** Sidebar call: "who might want this product type?" (checked again here: the page is untrusted). */
export function habitsSearch(productType: string): HabitsSearchResult {
  return searchBuyers(productType);
}

/**
 * Daily trigger (installed next to onDailyTrigger): buying habits, then the follow-up digest
 * when it is turned on. Each part runs even if the other fails.
 */
export function onKnowingDailyTrigger(_e?: GoogleAppsScript.Events.TimeDriven): void {
  if (!triggerMayRun(TRIGGER_HANDLERS.knowing)) return;
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  try {
    refreshHabits(spreadsheet);
  } catch (e) {
    logWarning(`Buying habits not computed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (followUpDigestEnabled()) {
    const report = sendFollowUpDigest(spreadsheet);
    if (
      report.failed.length > 0 ||
      report.overQuota > 0 ||
      report.noAddress.length + report.badAddress.length > 0
    )
      logMailReport('Follow-up digest not all sent', report);
  }
}
