/** Alerts a menu run shows: the cells it could not read, the Lists addresses it refused. */
import type { Lang } from '../../shared/contract';
import type { CellProblem } from '../../domain/types';
import { t } from './messages';
import { logProblems } from './log';
import { badAddressText } from './mail';

/** How many problems an alert lists before saying "and N more". */
const MAX_LISTED = 15;

/**
 * A problem as one line: sheet, row, column, what is wrong and what is expected, then whose row
 * it is (client code or invoice number).
 */
export function problemText(p: CellProblem, lang: Lang): string {
  const line = t('problemLine', lang, {
    sheet: p.sheet,
    row: p.row,
    column: p.column,
    message: p.message,
  });
  if (!p.key) return line;
  const whose = p.key.kind === 'invoice' ? 'problemOfInvoice' : 'problemOfClient';
  return line + t(whose, lang, { key: p.key.value });
}

/**
 * Shows unreadable cells in an alert when there is a user to see it (not in triggers), titled
 * with the menu item that ran (`title`, as the menu shows it).
 */
export function describeProblems(
  lang: Lang,
  problems: readonly CellProblem[],
  title = t('menuTitle', lang),
): void {
  if (problems.length === 0) return;
  const lines = problems.slice(0, MAX_LISTED).map((p) => problemText(p, lang));
  if (problems.length > MAX_LISTED) lines.push(`… +${problems.length - MAX_LISTED}`);
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(
      title,
      `${t('problemsFound', lang, { n: problems.length })}\n\n${lines.join('\n')}`,
      ui.ButtonSet.OK,
    );
  } catch {
    logProblems(title, problems); // no UI (trigger): positions in the log
  }
}

/** Names the Lists e-mail cells a menu run refused (not exactly one valid address). */
export function tellBadAddresses(
  lang: Lang,
  cells: readonly string[],
  title = t('menuTitle', lang),
): void {
  if (cells.length === 0) return;
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, badAddressText(lang, cells), ui.ButtonSet.OK);
}
