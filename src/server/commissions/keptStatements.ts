/**
 * Commission statements that wait until sent (decision 017). A statement the daily quota or a
 * failed send kept from going out is kept as a reference, its month and the salesperson's name
 * (platform/pending.ts), and sent by a later hourly run from the month as Commission report and
 * Commission details hold it then (commissionRun.ts monthAsWritten): the figures the team sees,
 * never a copy of them outside the workbook. A statement sent is settled at once: sent once.
 */
import { codeKey } from '../../domain/cells';
import type { Lang } from '../../shared/contract';
import { addPending, settlePending, type Pending, loadPending } from '../platform/pending';
import { loadSettings } from '../platform/settings';
import { logMailReport } from '../platform/log';
import { monthAsWritten } from './commissionRun';
import { sendStatements, type StatementReport } from './statements';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * After a month's run sent its statements: those not sent are kept; those of the month kept by
 * an earlier run are no longer owed unless kept again now (this run sent the month afresh).
 */
export function keepStatements(month: string, report: StatementReport): void {
  const pending = loadPending();
  if (report.unsent.length > 0)
    addPending({ statements: report.unsent.map((p) => ({ month, salesperson: p })) });
  const unsent = new Set(report.unsent.map(codeKey));
  const settled = pending.statements
    .filter((e) => e.m === month && !unsent.has(codeKey(e.p)))
    .map((e) => ({ month, salesperson: e.p }));
  if (settled.length > 0) settlePending(pending, { statements: settled });
}

/**
 * The hourly run: sends the kept statements, month by month, within what is left of the quota.
 * Returns how many are still kept.
 */
export function retryStatements(spreadsheet: Spreadsheet, pending: Pending, lang: Lang): number {
  if (pending.statements.length === 0) return 0;
  const settings = loadSettings(spreadsheet);
  if (!settings.sendStatements) {
    // The team turned statements off: nothing is owed any more.
    settlePending(pending, {
      statements: pending.statements.map((e) => ({ month: e.m, salesperson: e.p })),
    });
    return 0;
  }
  let still = 0;
  const months = [...new Set(pending.statements.map((e) => e.m))].sort();
  for (const month of months) {
    const kept = pending.statements.filter((e) => e.m === month);
    const keys = new Set(kept.map((e) => codeKey(e.p)));
    const { totals, lines } = monthAsWritten(spreadsheet, month, lang);
    const owed = totals.filter((x) => keys.has(codeKey(x.salesperson)));
    const report = sendStatements(spreadsheet, owed, lines, lang);
    if (report.failed.length > 0 || report.overQuota > 0)
      logMailReport(`Kept statements ${month} not all sent`, report);
    const unsent = new Set(report.unsent.map(codeKey));
    still += unsent.size;
    // Sent, or no longer in the report (the month recomputed without them): settled.
    const settled = kept
      .filter((e) => !unsent.has(codeKey(e.p)))
      .map((e) => ({ month, salesperson: e.p }));
    if (settled.length > 0) settlePending(pending, { statements: settled });
  }
  return still;
}
