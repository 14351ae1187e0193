/**
 * Commission report… from the menu: asks the month (the previous one by default, in the
 * spreadsheet's zone), runs it, and says what it did.
 */
import { menuCaption } from '../platform/menu';
import { formatMoney } from '../../domain/money';
import { dayInZone, previousMonth } from '../../domain/time';
import { describeProblems, tellBadAddresses } from '../platform/alerts';
import { WorkbookError } from '../platform/errors';
import { t } from '../platform/messages';
import { workbookLang } from '../platform/settings';
import { findSheet } from '../workbook/sheets';
import { runCommissions } from './commissionRun';

export function askMonthAndRun(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const ui = SpreadsheetApp.getUi();
  const lang = workbookLang(spreadsheet);
  // Its questions and answers under the item's name, as the menu shows it.
  const title = menuCaption('menuCommissionReport', lang);
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
    ui.alert(title, (e instanceof Error ? e.message : String(e)) + detail, ui.ButtonSet.OK);
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
    title,
  );
  describeProblems(lang, report.problems, title);
  tellBadAddresses(lang, report.statements?.badAddress ?? [], title);
}
