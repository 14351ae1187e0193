/** Dialogs behind menu items: the month prompt, the paid-out confirmation, problem lists. */
import type { Lang } from '../../shared/contract';
import type { CellProblem } from '../../domain/types';
import { formatMoney } from '../../domain/money';
import { previousMonth, dayInZone } from '../../domain/time';
import { runCommissions } from '../commissions/commissionRun';
import { t } from './messages';
import { workbookLang } from './settings';
import { findSheet, WorkbookError } from '../workbook/sheets';
import { logProblems } from './log';
import { badAddressText } from '../watch/notifications';

/** How many problems an alert lists before saying "and N more". */
const MAX_LISTED = 15;

/** Shows unreadable cells in an alert when there is a user to see it (not in triggers). */
export function describeProblems(lang: Lang, problems: readonly CellProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems
    .slice(0, MAX_LISTED)
    .map((p) =>
      t('problemLine', lang, { sheet: p.sheet, row: p.row, column: p.column, message: p.message }),
    );
  if (problems.length > MAX_LISTED) lines.push(`… +${problems.length - MAX_LISTED}`);
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(
      t('menuTitle', lang),
      `${t('problemsFound', lang, { n: problems.length })}\n\n${lines.join('\n')}`,
      ui.ButtonSet.OK,
    );
  } catch {
    logProblems(t('menuTitle', lang), problems); // no UI (trigger): positions in the log
  }
}

/** Names the Lists e-mail cells a menu run refused (not exactly one valid address). */
export function tellBadAddresses(lang: Lang, cells: readonly string[]): void {
  if (cells.length === 0) return;
  const ui = SpreadsheetApp.getUi();
  ui.alert(t('menuTitle', lang), badAddressText(lang, cells), ui.ButtonSet.OK);
}

export function askMonthAndRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const ui = SpreadsheetApp.getUi();
  const lang = workbookLang(spreadsheet);
  const fallback = previousMonth(dayInZone(new Date(), spreadsheet.getSpreadsheetTimeZone()));
  const answer = ui.prompt(
    t('menuCommissionReport', lang),
    t('askMonth', lang, { month: fallback }),
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const month = answer.getResponseText().trim() || fallback;
  let report;
  try {
    // Settled (paid-out) rows are never rewritten: nothing to ask (differences are adjustments).
    report = runCommissions(spreadsheet, month);
  } catch (e) {
    const detail = e instanceof WorkbookError && e.detail ? `\n\n${e.detail}` : '';
    ui.alert(
      t('menuTitle', lang),
      (e instanceof Error ? e.message : String(e)) + detail,
      ui.ButtonSet.OK,
    );
    return;
  }
  findSheet(spreadsheet, 'report', lang)?.activate();
  const total = report.totals.reduce((sum, tot) => sum + tot.commission, 0);
  spreadsheet.toast(
    t('commissionsDone', lang, {
      month: report.month,
      n: report.totals.length,
      total: formatMoney(total, lang),
    }),
    t('menuTitle', lang),
  );
  describeProblems(lang, report.problems);
  tellBadAddresses(lang, report.statements?.badAddress ?? []);
}
