/**
 * setupWorkbook: creates or repairs every sheet and column of the contract, in the workbook's
 * language, and installs the triggers. It adopts what is there (a team's own Clients sheet
 * keeps its columns, their order and its data; missing contract columns are appended) and is
 * idempotent: a second run changes nothing more.
 */
import {
  LIST_SEEDS,
  SHEETS,
  SHEET_KEYS,
  choiceLabel,
  type ChoiceKey,
  type ColumnDef,
  type Lang,
  type SheetKey,
  CHOICES,
  normalizeHeader,
} from '../../shared/contract';
import { t } from '../platform/messages';
import { loadSettings, saveSettings } from '../platform/settings';
import { installTriggers, type TriggerReport } from '../platform/triggers';
import { adoptCopy, recordSetUp } from '../platform/workbookState';
import { seedJobs } from '../schedule/dispatcher';
import { WELCOME_SHEET } from './welcome';
import { columnLetter, columnsOf, findSheet, indexHeader } from '../workbook/sheets';
import { WorkbookError } from '../platform/errors';
import { logWarning } from '../platform/log';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Header colours: contract columns, and computed ones (visibly marked, with a note). */
const HEADER_BACKGROUND = '#e8f0fe';
const COMPUTED_BACKGROUND = '#e6e6e6';
/** Background of watched clients' rows (conditional format, set once). */
export const WATCHED_BACKGROUND = '#fce8e6';

export interface SetupReport {
  lang: Lang;
  createdSheets: string[];
  addedColumns: { sheet: string; column: string }[];
  /** Empty columns deleted right of the last header or content (the sheet's grid cells count). */
  removedColumns: { sheet: string; count: number }[];
  triggers: TriggerReport;
  /** What Set up left for the team to do (a key column it would not add, …), already told. */
  problems: string[];
}

export function setupWorkbook(spreadsheet: Spreadsheet): SetupReport {
  // A copy of another workbook forgets the original's owner, key and job history first
  // (platform/workbookState.ts): the questions below are about this workbook's.
  adoptCopy(spreadsheet);
  const settings = loadSettings(spreadsheet);
  const lang = settings.lang;
  // The headers are written in this language: keep it even if the locale changes later.
  saveSettings({ lang });
  const report: SetupReport = {
    lang,
    createdSheets: [],
    addedColumns: [],
    removedColumns: [],
    triggers: { installed: [], removedDuplicates: 0, migrated: 0 },
    problems: [],
  };
  // Before anything is changed: a column the team typed under a computed column's header is
  // taken over only once the team says so (a refresh would replace what they typed).
  const typed = typedComputedColumns(spreadsheet, lang);
  // No: stopped with the reason, as any refused menu action (the caller shows the message).
  if (typed.length > 0 && !confirmTakeOver(lang, typed))
    throw new WorkbookError(t('setupStopped', lang));

  // Every sheet exists before any is formatted: dropdowns point at the Lists sheet's columns.
  const order: SheetKey[] = SHEET_KEYS;
  const sheets = new Map<SheetKey, { sheet: Sheet; index: Record<string, number> }>();
  const blankDefault = blankDefaultSheet(spreadsheet);
  for (const key of order) {
    const existing = findSheet(spreadsheet, key, lang);
    // New sheets go last, in the contract's order (Clients first, Lists last).
    const sheet =
      existing ?? spreadsheet.insertSheet(SHEETS[key][lang], spreadsheet.getNumSheets());
    if (!existing) report.createdSheets.push(SHEETS[key][lang]);
    const { index, added, width, problems } = ensureColumns(sheet, key, lang);
    report.problems.push(...problems);
    for (const column of added)
      report.addedColumns.push({ sheet: sheet.getName(), column: column[lang] });
    const removed = trimColumns(sheet, width);
    if (removed > 0) report.removedColumns.push({ sheet: sheet.getName(), count: removed });
    if (key === 'lists') seedLists(sheet, index, added, lang);
    sheets.set(key, { sheet, index });
  }
  const lists = sheets.get('lists')!;
  for (const key of order) {
    const { sheet, index } = sheets.get(key)!;
    formatSheet(sheet, key, index, lang, lists);
  }
  const clients = sheets.get('clients')!;
  highlightWatchedClients(clients.sheet, clients.index);
  if (blankDefault) spreadsheet.deleteSheet(blankDefault);
  clients.sheet.activate();
  report.triggers = installTriggers(spreadsheet);
  // The scheduled jobs start from their next due time (schedule/dispatcher.ts).
  seedJobs(spreadsheet);
  recordSetUp(spreadsheet, Session.getEffectiveUser().getEmail());
  tell(lang, report.problems);
  return report;
}

/** Shows what Set up left to the team, when there is a UI to show it in (the menu). */
function tell(lang: Lang, problems: readonly string[]): void {
  if (problems.length === 0) return;
  logWarning(problems.join('\n'));
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(t('menuSetup', lang), problems.join('\n\n'), ui.ButtonSet.OK);
  } catch {
    // No UI (run from the editor or a trigger): the execution log keeps them.
  }
}

interface TypedColumn {
  sheet: string;
  column: string;
  count: number;
  example: string;
}

/**
 * Computed contract columns that hold values but were never set up as computed by Fiche Client
 * (no protection of ours on them): the team's own column under the same header ("Balance due"
 * with "ask Paul" in it), which a refresh would overwrite.
 */
function typedComputedColumns(spreadsheet: Spreadsheet, lang: Lang): TypedColumn[] {
  const out: TypedColumn[] = [];
  const ours = t('computedProtection', lang);
  for (const key of SHEET_KEYS) {
    const sheet = findSheet(spreadsheet, key, lang);
    if (!sheet) continue;
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    if (lastRow < 2 || lastColumn === 0) continue;
    const header = sheet.getRange(1, 1, 1, lastColumn).getValues()[0]!;
    const { index } = indexHeader(key, header);
    const computed = columnsOf(key).filter((c) => c.computed && index[c.key] >= 0);
    if (computed.length === 0) continue;
    const protectedAt = new Set(
      sheet
        .getProtections(SpreadsheetApp.ProtectionType.RANGE)
        .filter((p) => p.getDescription() === ours)
        .map((p) => p.getRange().getColumn()),
    );
    for (const column of computed) {
      const at = index[column.key] + 1;
      if (protectedAt.has(at)) continue;
      const values = sheet
        .getRange(2, at, lastRow - 1, 1)
        .getValues()
        .map((r) => r[0])
        .filter((v) => v !== '' && v !== null && v !== undefined);
      if (values.length === 0) continue;
      const first = values[0];
      out.push({
        sheet: sheet.getName(),
        column: String(header[at - 1]),
        count: values.length,
        example: first instanceof Date ? first.toISOString().slice(0, 10) : String(first),
      });
    }
  }
  return out;
}

/** Asks whether to take typed columns over as computed; no UI counts as No. */
function confirmTakeOver(lang: Lang, typed: readonly TypedColumn[]): boolean {
  const list = typed.map((c) => t('setupTypedColumn', lang, { ...c })).join('\n');
  try {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.alert(
      t('menuSetup', lang),
      t('setupTakeOver', lang, { columns: list }),
      ui.ButtonSet.YES_NO,
    );
    return answer === ui.Button.YES;
  } catch {
    logWarning(
      `Set up stopped: ${typed.length} column(s) with typed values under a computed header`,
    );
    return false;
  }
}

/**
 * A header of the team's that likely is the contract's `column` renamed ("Code" for "Client
 * code"): every word of one is a word of the other.
 */
function renamedHeader(column: ColumnDef, header: readonly unknown[], taken: Set<number>): string {
  const words = (s: string) =>
    new Set(
      normalizeHeader(s)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    );
  for (let i = 0; i < header.length; i++) {
    if (taken.has(i)) continue;
    const mine = words(String(header[i] ?? ''));
    if (mine.size === 0) continue;
    for (const name of [column.fr, column.en]) {
      const theirs = words(name);
      const sub = (a: Set<string>, b: Set<string>) => [...a].every((w) => b.has(w));
      if (sub(mine, theirs) || sub(theirs, mine)) return String(header[i]).trim();
    }
  }
  return '';
}

/**
 * The untouched sheet a new spreadsheet comes with ("Sheet1" / "Feuille 1", nothing in it), to
 * be removed once the contract's sheets exist. Any other sheet, or one with content, stays.
 */
function blankDefaultSheet(spreadsheet: Spreadsheet): Sheet | null {
  let all = spreadsheet.getSheets();
  // The Welcome sheet of a template (setup/welcome.ts) does not count.
  if (all.length === 2) all = all.filter((s) => s.getName() !== WELCOME_SHEET);
  if (all.length !== 1) return null;
  const sheet = all[0]!;
  const name = sheet.getName();
  if (!/^(Sheet|Feuille|Feuil) ?1$/.test(name)) return null;
  return sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 ? sheet : null;
}

/**
 * The contract columns of a sheet, appending the missing ones after the last used column.
 * `width`: the last column with a header or any content once they are added. A missing
 * required column (a key: Client code, Invoice no., Month…) is not appended to a sheet that
 * holds rows: every row would be left without its key. It is reported instead, naming the
 * team's header that likely is it renamed ("Code"), so the team renames it.
 */
function ensureColumns(
  sheet: Sheet,
  key: SheetKey,
  lang: Lang,
): { index: Record<string, number>; added: ColumnDef[]; width: number; problems: string[] } {
  const lastColumn = sheet.getLastColumn();
  const header = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getValues()[0]! : [];
  const { index } = indexHeader(key, header);
  const problems: string[] = [];
  const hasRows = lastColumn > 0 && sheet.getLastRow() > 1;
  const taken = new Set(Object.values(index as Record<string, number>).filter((i) => i >= 0));
  const missing = columnsOf(key).filter((c) => {
    if (index[c.key] >= 0) return false;
    if (!(c.required && hasRows)) return true;
    const like = renamedHeader(c, header, taken);
    problems.push(
      like
        ? t('setupRenamedHeader', lang, { sheet: sheet.getName(), header: like, column: c[lang] })
        : t('setupMissingKey', lang, { sheet: sheet.getName(), column: c[lang] }),
    );
    return false;
  });
  if (missing.length > 0) {
    const needed = lastColumn + missing.length;
    const maxColumns = sheet.getMaxColumns();
    if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
    sheet.getRange(1, lastColumn + 1, 1, missing.length).setValues([missing.map((c) => c[lang])]);
    missing.forEach((c, i) => (index[c.key] = lastColumn + i));
  }
  return { index, added: missing, width: lastColumn + missing.length, problems };
}

/**
 * Deletes the empty columns right of `width` (the last column with a header or content:
 * getLastColumn, "the position of the last column that has content",
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getlastcolumn). Google
 * Sheets counts every cell of every sheet's grid against its 10,000,000-cell ceiling, blank ones
 * included (https://support.google.com/drive/answer/37603), and a new sheet has 26 columns: the
 * 18 to 21 blank ones of a contract sheet would cost 18 to 21 cells on every row. A column with a
 * header or any value is never deleted, so the team's own columns stay; the team adds columns
 * with Insert column as usual. Frozen columns are kept (Sheets refuses to delete every
 * unfrozen column). Rows are not trimmed: a new sheet's 1,000 rows cost at most 29,000 cells
 * and are where people type, with the formats and dropdowns Set up gave them.
 */
function trimColumns(sheet: Sheet, width: number): number {
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns <= width) return 0;
  const keep = Math.max(width, sheet.getFrozenColumns() + 1, 1);
  if (maxColumns <= keep) return 0;
  sheet.deleteColumns(keep + 1, maxColumns - keep);
  return maxColumns - keep;
}

function seedLists(
  sheet: Sheet,
  index: Record<string, number>,
  added: ColumnDef[],
  lang: Lang,
): void {
  // Only columns created now are seeded: a list the team emptied stays empty.
  for (const column of added) {
    const seed = LIST_SEEDS[lang][column.key as keyof (typeof LIST_SEEDS)['fr']];
    if (!seed || seed.length === 0) continue;
    sheet.getRange(2, index[column.key]! + 1, seed.length, 1).setValues(seed.map((v) => [v]));
  }
}

const NUMBER_FORMATS: Partial<Record<ColumnDef['kind'], string>> = {
  plainText: '@',
  date: 'yyyy-mm-dd',
  money: '#,##0.00',
  // Not '0.##': a pattern with a decimal point keeps it when no digit follows, so 2 showed as
  // "2," in French. One decimal always, a second one when there is one: 2,0 · 2,75.
  percent: '0.0#',
  number: '0',
};

function formatSheet(
  sheet: Sheet,
  key: SheetKey,
  index: Record<string, number>,
  lang: Lang,
  lists: { sheet: Sheet; index: Record<string, number> },
): void {
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  const width = Math.max(sheet.getLastColumn(), 1);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  // Our protections are recognised by their description and column (a range's A1 notation
  // varies: "T:T" as asked, "T1:T1000" as Sheets reports it).
  const protectedColumns = new Set(
    sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .map((p) => `${p.getRange().getColumn()}|${p.getDescription()}`),
  );
  for (const column of columnsOf(key)) {
    if ((index[column.key] ?? -1) < 0) continue; // a key column left to the team (reported)
    const letter = columnLetter(index[column.key]! + 1);
    const headerCell = sheet.getRange(`${letter}1`);
    const data = sheet.getRange(`${letter}2:${letter}`);
    const format = column.instant ? 'yyyy-mm-dd hh:mm' : NUMBER_FORMATS[column.kind];
    if (format) data.setNumberFormat(format);
    const validation = validationFor(column, lang, lists);
    if (validation) data.setDataValidation(validation);
    if (column.computed) {
      headerCell
        .setBackground(COMPUTED_BACKGROUND)
        .setFontStyle('italic')
        .setNote(t('computedNote', lang));
      const description = t('computedProtection', lang);
      if (!protectedColumns.has(`${index[column.key]! + 1}|${description}`))
        sheet
          .getRange(`${letter}:${letter}`)
          .protect()
          .setDescription(description)
          .setWarningOnly(true);
    } else {
      headerCell.setBackground(HEADER_BACKGROUND);
    }
  }
}

function validationFor(
  column: ColumnDef,
  lang: Lang,
  lists: { sheet: Sheet; index: Record<string, number> },
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  if (column.kind === 'checkbox')
    return SpreadsheetApp.newDataValidation().requireCheckbox().build();
  if (column.kind === 'choice' && column.choices) {
    const labels = CHOICES[column.choices as ChoiceKey].map((c) =>
      choiceLabel(column.choices!, c.value, lang),
    );
    return SpreadsheetApp.newDataValidation()
      .requireValueInList(labels, true)
      .setAllowInvalid(true)
      .build();
  }
  if (column.kind === 'list' && column.list && !column.multi) {
    const letter = columnLetter(lists.index[column.list]! + 1);
    const source = lists.sheet.getRange(`${letter}2:${letter}`);
    // Invalid values are flagged, not refused: imported data and other languages stay readable.
    return SpreadsheetApp.newDataValidation()
      .requireValueInRange(source, true)
      .setAllowInvalid(true)
      .build();
  }
  return null;
}

/** One conditional format rule on Clients, replaced (not added again) on each run. */
function highlightWatchedClients(sheet: Sheet, index: Record<string, number>): void {
  const watched = columnLetter(index['watched']! + 1);
  const formula = `=$${watched}2=TRUE`;
  const lastColumn = columnLetter(Math.max(sheet.getLastColumn(), 1));
  const rules = sheet.getConditionalFormatRules();
  const others = rules.filter((rule) => {
    const condition = rule.getBooleanCondition();
    const values = condition?.getCriteriaValues() ?? [];
    const isOurs =
      condition?.getBackground() === WATCHED_BACKGROUND &&
      typeof values[0] === 'string' &&
      /^=\$[A-Z]+2=TRUE$/.test(values[0]);
    return !isOurs;
  });
  const ours = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(WATCHED_BACKGROUND)
    .setRanges([sheet.getRange(`A2:${lastColumn}`)])
    .build();
  sheet.setConditionalFormatRules([...others, ours]);
}
