/** The watch list's entry points of src/server/index.ts: the menu refresh and the triggers. */
import { menuCaption } from '../platform/menu';
import { describeProblems, tellBadAddresses } from '../platform/menuActions';
import { t } from '../platform/messages';
import { TRIGGER_HANDLERS, triggerMayRun } from '../platform/triggers';
import { changeMovesColumns, editMayMatter, forgetWatchColumns, watchEditOf } from './editTrigger';
import { refreshClientsWatch } from './perClient';
import { refreshWatch } from './refresh';
import { mailAddressesView, type MailAddressesView } from './addressSettings';
import { logProblems } from '../platform/log';
import { plainObject } from '../platform/input';
import { ALL_ENTRIES, forgetEntries } from '../platform/documentCache';

/** Menu: recomputes Under watch, Watch reasons, Balance due and the computed dates of every client. */
export function refreshWatchList(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const report = refreshWatch(spreadsheet);
  spreadsheet.toast(
    t('watchDone', report.lang, { watched: report.watched, newly: report.newlyWatched.length }),
    menuCaption('menuRefreshWatch', report.lang),
  );
  describeProblems(report.lang, report.problems);
  tellBadAddresses(report.lang, report.notifications?.badAddress ?? []);
}

/**
 * The daily job of the hourly dispatcher (src/server/schedule/): the whole watch list. Returns
 * what it did, in the workbook language, for the job's record.
 */
export function watchJob(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const report = refreshWatch(spreadsheet);
  logProblems('Watch list', report.problems);
  return t('watchDone', report.lang, {
    watched: report.watched,
    newly: report.newlyWatched.length,
  });
}

/**
 * Installed by setupWorkbook: edits of Invoices, Terms or Clients refresh the watch status of
 * the clients of the edited rows (the whole list after a big paste).
 */
export function onEditTrigger(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // Only an event Sheets made: anyone may call this with JSON, whose range has no methods.
  if (!isEditEvent(e)) return;
  // Most edits cannot matter: settled in at most three calls, before anything else.
  if (!editMayMatter(e.range, e)) return;
  if (!triggerMayRun(TRIGGER_HANDLERS.edit, e)) return;
  const edit = watchEditOf(e.range, e);
  const spreadsheet = () => e.source ?? SpreadsheetApp.getActiveSpreadsheet();
  if (edit.kind === 'all') refreshWatch(spreadsheet());
  else if (edit.kind === 'clients') refreshClientsWatch(spreadsheet(), edit.codes);
}

function isEditEvent(e: unknown): e is GoogleAppsScript.Events.SheetsOnEdit {
  const range = plainObject(e)?.range as { getSheet?: unknown } | null | undefined;
  return typeof range === 'object' && range !== null && typeof range.getSheet === 'function';
}

/**
 * Installed by setupWorkbook: a column or sheet inserted, removed, moved or renamed makes the
 * edit trigger read the watched columns' positions again. Edits and formats return at once.
 */
export function onChangeTrigger(e?: GoogleAppsScript.Events.SheetsOnChange): void {
  const event = plainObject(e);
  if (!event || !changeMovesColumns(event.changeType)) return;
  if (!triggerMayRun(TRIGGER_HANDLERS.change, e)) return;
  forgetWatchColumns();
  // Rows or columns inserted or removed: the form's cached headers and row maps are wrong.
  forgetEntries(ALL_ENTRIES);
}

/** Settings call: the Lists e-mail cells that do not hold exactly one valid address. */
export function mailAddressesLoad(): MailAddressesView {
  return mailAddressesView(SpreadsheetApp.getActiveSpreadsheet());
}
