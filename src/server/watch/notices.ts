/**
 * "Newly watched" notices that wait until sent (decision 017). A notice the daily quota or a failed
 * send kept from going out is kept as a reference (the client's code, platform/pending.ts) and
 * sent by the next refresh that carries the pending record (the edit trigger, the hourly run,
 * the menu): its name, account manager and reasons are read again from Clients then, and a
 * client no longer under watch by then is not announced. A notice sent is settled at once, so
 * it is sent once; one still kept is retried within what is left of the quota.
 */
import { codeKey, type ReadContext } from '../../domain/cells';
import type { Settings } from '../../domain/types';
import { isInactive } from '../../shared/contract';
import { readAll } from '../workbook/records';
import { readColumns } from '../workbook/read';
import { addPending, settlePending, type Pending } from '../platform/pending';
import { notifyNewlyWatched, type NewlyWatched, type NotificationReport } from './notifications';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Sends the notices of `newly` and those kept in `pending` (null: none retried here, the caller
 * did not read the record); keeps the ones not sent. Null when there was nothing to send.
 */
export function notifyKeeping(
  spreadsheet: Spreadsheet,
  newly: readonly NewlyWatched[],
  settings: Pick<Settings, 'lang' | 'notifyWatch'>,
  pending: Pending | null,
  timeZone: string,
): NotificationReport | null {
  const owed = pending?.notices ?? [];
  if (!settings.notifyWatch) {
    // The team turned notices off: nothing is owed any more.
    if (pending && owed.length > 0) settlePending(pending, { notices: owed.map((e) => e.c) });
    return null;
  }
  const newKeys = new Set(newly.map((n) => codeKey(n.code)));
  const retry = owed.filter((e) => !newKeys.has(codeKey(e.c))).map((e) => e.c);
  const again = retry.length > 0 ? stillWatched(spreadsheet, settings, timeZone, retry) : [];
  const all = [...newly, ...again];
  const report = all.length > 0 ? notifyNewlyWatched(spreadsheet, all, settings) : null;
  const unsent = new Set((report?.unsent ?? []).map(codeKey));
  const keep = newly.filter((c) => unsent.has(codeKey(c.code))).map((c) => c.code);
  if (keep.length > 0) addPending({ notices: keep });
  // Owed notices sent now, or of clients no longer watched (or gone): no longer owed.
  const settled = owed.filter((e) => !unsent.has(codeKey(e.c))).map((e) => e.c);
  if (pending && settled.length > 0) settlePending(pending, { notices: settled });
  return report;
}

/** The clients among `codes` still under watch, as Clients holds them now. */
function stillWatched(
  spreadsheet: Spreadsheet,
  settings: Pick<Settings, 'lang'>,
  timeZone: string,
  codes: readonly string[],
): NewlyWatched[] {
  const { lang } = settings;
  const ctx: ReadContext = { lang, timeZone };
  const table = readColumns(
    spreadsheet,
    'clients',
    lang,
    ['code', 'name', 'accountManager', 'watched', 'watchReasons', 'status'],
    ['code', 'watched'],
  );
  const keys = new Set(codes.map(codeKey));
  const out: NewlyWatched[] = [];
  for (const c of readAll(table, ctx).records) {
    if (!keys.has(codeKey(c.code)) || c.watched !== true) continue;
    keys.delete(codeKey(c.code));
    out.push({
      code: c.code,
      name: c.name ?? '',
      accountManager: c.accountManager ?? '',
      reasons: String(c.watchReasons ?? ''),
      // Made inactive since the notice was kept: still flagged, no e-mail (as when it is new).
      ...(isInactive(c.status) && { inactive: true }),
    });
  }
  return out;
}
