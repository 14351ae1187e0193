/** The "knowing the client" entry points of src/server/index.ts: buying habits, follow-ups. */
import { menuCaption } from '../platform/menu';
import type { HabitsSearchResult } from '../../shared/formApi';
import { t } from '../platform/messages';
import { followUpDigestEnabled } from '../newsletter/settings';
import { sendFollowUpDigest } from './followUps';
import { refreshHabits, searchBuyers } from './habits';
import { logMailReport, logWarning } from '../platform/log';
import type { JobRun } from '../platform/jobs';
import { workbookLang } from '../platform/settings';

/** Menu: computes every client's buying habits from Invoices into the computed column. */
export function refreshBuyingHabits(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const report = refreshHabits(spreadsheet);
  spreadsheet.toast(
    t('habitsDone', report.lang, { n: report.withHabits }),
    menuCaption('menuRefreshHabits', report.lang),
  );
}

/** Sidebar call: "who might want this product type?" (checked again here: the page is untrusted). */
export function habitsSearch(productType: string): HabitsSearchResult {
  return searchBuyers(productType);
}

/**
 * The daily "knowing" job of the hourly dispatcher (src/server/schedule/): buying habits, then
 * the follow-up digest when it is turned on. Each part runs even if the other fails (habits
 * failing is said, not retried: a retry would send the digest a second time that day). Returns
 * what it did, in the workbook language.
 */
export function knowingJob(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): JobRun {
  let done: string;
  let undone = false;
  try {
    const report = refreshHabits(spreadsheet);
    done = t('habitsDone', report.lang, { n: report.withHabits });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    logWarning(`Buying habits not computed: ${message}`);
    done = message;
    undone = true;
  }
  if (followUpDigestEnabled()) {
    const report = sendFollowUpDigest(spreadsheet);
    if (
      report.failed.length > 0 ||
      report.overQuota > 0 ||
      report.noAddress.length + report.badAddress.length > 0
    )
      logMailReport('Follow-up digest not all sent', report);
    if (report.failed.length > 0 || report.overQuota > 0) {
      // Not retried (a second digest the same day): said, so the team knows.
      done += ` ${t('jobDigestNotSent', workbookLang(spreadsheet), { n: report.failed.length + report.overQuota })}`;
      undone = true;
    }
  }
  return { message: done, undone };
}
