/** The watch list's entry points of src/server/index.ts: the menu refresh and the triggers. */
import { menuCaption } from '../platform/menu';
import { describeProblems, tellBadAddresses } from '../platform/alerts';
import { t } from '../platform/messages';
import { TRIGGER_HANDLERS, triggerMayRun } from '../platform/triggers';
import {
  changeMovesColumns,
  editMayMatter,
  forgetWatchColumns,
  watchEditOf,
  type WatchEdit,
} from './editTrigger';
import { runWatchWork } from './keptWork';
import { loadPending, NOTHING, PENDING_KEY, pendingWatch } from '../platform/pending';
import { loadSettings, SETTINGS_KEY } from '../platform/settings';
import { refreshWatch } from './refresh';
import { mailAddressesView, type MailAddressesView } from './addressSettings';
import { logProblems } from '../platform/log';
import type { JobRun } from '../platform/jobs';
import { plainObject } from '../platform/input';
import { ALL_ENTRIES, forgetEntries } from '../platform/documentCache';

/** Menu: recomputes Under watch, Watch reasons, Balance due and the computed dates of every client. */
export function refreshWatchList(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  // Every client: it does the watch work kept for later too, and retries the kept notices.
  const report = refreshWatch(spreadsheet, { pending: loadPending() });
  spreadsheet.toast(
    t('watchDone', report.lang, { watched: report.watched, newly: report.newlyWatched.length }),
    menuCaption('menuRefreshWatch', report.lang),
  );
  const title = menuCaption('menuRefreshWatch', report.lang);
  describeProblems(report.lang, report.problems, title);
  tellBadAddresses(report.lang, report.notifications?.badAddress ?? [], title);
}

/**
 * The daily job of the hourly dispatcher (src/server/schedule/): the whole watch list. Returns
 * what it did, in the workbook language, for the job's record.
 */
export function watchJob(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): JobRun {
  const report = refreshWatch(spreadsheet, { pending: loadPending() });
  logProblems('Watch list', report.problems);
  const done = t('watchDone', report.lang, {
    watched: report.watched,
    newly: report.newlyWatched.length,
  });
  const kept = report.notifications?.unsent.length ?? 0;
  return kept > 0
    ? { message: `${done} ${t('jobNoticesKept', report.lang, { n: kept })}`, undone: true }
    : { message: done, undone: false };
}

/**
 * Installed by setupWorkbook: edits of Invoices, Terms or Clients refresh the watch status of
 * the clients of the edited rows (the whole list after a big paste), with the work earlier runs
 * kept for later (platform/pending.ts; an edit that does not matter itself still does it). A
 * busy workbook keeps the work and the run ends without failing (watch/keptWork.ts).
 */
export function onEditTrigger(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // Only an event Sheets made: anyone may call this with JSON, whose range has no methods.
  if (!isEditEvent(e)) return;
  // Most edits cannot matter: settled in at most three calls, before anything else.
  const seen = { pending: false };
  const matters = editMayMatter(e.range, e, seen);
  if (!matters && !seen.pending) return;
  const properties = PropertiesService.getDocumentProperties().getProperties();
  if (!triggerMayRun(TRIGGER_HANDLERS.edit, e, properties)) return;
  const spreadsheet = e.source ?? SpreadsheetApp.getActiveSpreadsheet();
  // The record as read (no copy runs this trigger: installable triggers are not copied, and
  // Set up in a copy deletes the original's record: platform/workbookState.ts).
  const pending = loadPending(properties[PENDING_KEY] ?? null);
  const watchKept = pendingWatch(pending) !== NOTHING;
  if (!matters && !watchKept) return;
  const edit: WatchEdit = matters ? watchEditOf(e.range, e) : { kind: 'none' };
  if (edit.kind === 'none' && !watchKept) return;
  const lang = loadSettings(spreadsheet, properties[SETTINGS_KEY] ?? null).lang;
  runWatchWork(spreadsheet, edit, pending, lang, false);
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
