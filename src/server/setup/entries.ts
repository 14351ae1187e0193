/** The setupWorkbook entry point of src/server/index.ts: setup, then a toast of what it did. */
import { menuCaption } from '../platform/menu';
import { SHEET_KEYS } from '../../shared/contract';
import { t } from '../platform/messages';
import { ensurePrivacyLog } from '../privacy/privacyLog';
import { forgetWatchColumns } from '../watch/editTrigger';
import { ALL_ENTRIES, forgetEntries } from '../platform/documentCache';
import { setupWorkbook as runSetup } from './setupWorkbook';
import { loadSample, sampleRefusal } from './sample';
import { loadSettings } from '../platform/settings';
import { findSheet } from '../workbook/sheets';
import { WorkbookError } from '../platform/errors';

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
  const triggers = report.triggers;
  const notes = [done];
  if (triggers.ownedBy) notes.push(t('triggerKeptBy', report.lang, { owner: triggers.ownedBy }));
  if (triggers.migrated > 0)
    notes.push(t('triggersMigrated', report.lang, { n: triggers.migrated }));
  spreadsheet.toast(notes.join(' '), menuCaption('menuSetup', report.lang));
  // No trigger installed, and why: an alert, since the workbook would silently do nothing.
  if (triggers.refused) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(t('menuSetup', report.lang), triggers.refused, ui.ButtonSet.OK);
  }
}

/**
 * Menu (Help): the preview's sample, typed into an empty, set-up workbook after a Yes
 * (setup/sample.ts); otherwise says why not.
 */
export function loadSampleWorkbook(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lang = loadSettings(spreadsheet).lang;
  const ui = SpreadsheetApp.getUi();
  const refused = sampleRefusal(spreadsheet);
  if (refused) {
    ui.alert(t('menuLoadSample', lang), refused, ui.ButtonSet.OK);
    return;
  }
  if (
    ui.alert(t('menuLoadSample', lang), t('sampleAsk', lang), ui.ButtonSet.YES_NO) !== ui.Button.YES
  )
    return;
  let report;
  try {
    report = loadSample(spreadsheet);
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    ui.alert(t('menuLoadSample', lang), e.message, ui.ButtonSet.OK);
    return;
  }
  findSheet(spreadsheet, 'clients', lang)?.activate();
  spreadsheet.toast(
    t('sampleDone', lang, {
      clients: report.clients,
      invoices: report.invoices,
      month: report.month,
    }),
    menuCaption('menuLoadSample', lang),
  );
}
