/** The setupWorkbook entry point of src/server/index.ts: setup, then a toast of what it did. */
import { SHEET_KEYS } from '../../shared/contract';
import { t } from '../platform/messages';
import { ensurePrivacyLog } from '../privacy/privacyLog';
import { forgetWatchColumns } from '../watch/editTrigger';
import { ALL_ENTRIES, forgetEntries } from '../platform/documentCache';
import { setupWorkbook as runSetup } from './setupWorkbook';

/** Creates or repairs every sheet, column, format and trigger; idempotent. */
export function setupWorkbook(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const report = runSetup(spreadsheet);
  // Not one of the contract's sheets: the hidden Law 25 log, and the old property log moved in.
  ensurePrivacyLog(spreadsheet, report.lang, true);
  forgetWatchColumns(); // columns may have been added
  forgetEntries(ALL_ENTRIES); // and the form's cached headers and row maps with them
  const done = t('setupDone', report.lang, {
    sheets: SHEET_KEYS.length,
    added: report.addedColumns.length,
  });
  const kept = report.triggers.ownedBy;
  spreadsheet.toast(
    kept ? `${done} ${t('triggerKeptBy', report.lang, { owner: kept })}` : done,
    t('menuTitle', report.lang),
  );
}
