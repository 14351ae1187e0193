/**
 * Reading and writing the emulated workbook through the emulator's SpreadsheetApp, as a person
 * or an import would: rows go under the header row, placed by header text (either language),
 * in whole blocks. The sample, the grid editor and the CSV import all write through here, so
 * what they write is parsed exactly as typed input is (setValue/setValues are USER_ENTERED:
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)).
 */
import type { Emulator } from '../emulator';
import {
  SHEETS,
  normalizeHeader,
  sheetName,
  type Lang,
  type SheetKey,
} from '../src/shared/contract';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type CellInput = string | number | boolean | Date | null;

export function activeSpreadsheet(emu: Emulator): Spreadsheet {
  const app = emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return app.getActiveSpreadsheet();
}

export function sheetOrThrow(emu: Emulator, name: string): Sheet {
  const sheet = activeSpreadsheet(emu).getSheetByName(name);
  if (!sheet) throw new Error(`No sheet named ${name}`);
  return sheet;
}

/** The header row as texts ('' for blank header cells). */
export function headerRow(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  return width === 0
    ? []
    : sheet
        .getRange(1, 1, 1, width)
        .getValues()[0]!
        .map((v) => String(v));
}

/** Makes room for `rows` rows below the last used one; Sheets refuses ranges past getMaxRows. */
function ensureRows(sheet: Sheet, lastNeeded: number): void {
  const max = sheet.getMaxRows();
  if (lastNeeded > max) sheet.insertRowsAfter(max, lastNeeded - max);
}

/**
 * Appends records keyed by contract column key to a contract sheet. Unknown keys are an error
 * (a typo would otherwise silently drop data); columns the records do not mention stay blank.
 */
export function appendRecords(
  emu: Emulator,
  key: SheetKey,
  lang: Lang,
  records: readonly Record<string, CellInput>[],
): void {
  if (records.length === 0) return;
  const sheet = sheetOrThrow(emu, sheetName(key, lang));
  const header = headerRow(sheet).map(normalizeHeader);
  const position = new Map<string, number>();
  for (const column of SHEETS[key].columns) {
    const i = header.findIndex(
      (h) => h === normalizeHeader(column.en) || h === normalizeHeader(column.fr),
    );
    if (i >= 0) position.set(column.key, i);
  }
  const rows = records.map((record) => {
    const row: CellInput[] = header.map(() => '');
    for (const [k, v] of Object.entries(record)) {
      const i = position.get(k);
      if (i === undefined) throw new Error(`Sheet ${sheet.getName()} has no column for ${k}`);
      row[i] = v ?? '';
    }
    return row;
  });
  const first = sheet.getLastRow() + 1;
  ensureRows(sheet, first + rows.length - 1);
  sheet.getRange(first, 1, rows.length, header.length).setValues(rows);
}

/** Writes one column of a sheet from row 2 down (a Lists column), by header text. */
export function writeColumn(
  emu: Emulator,
  key: SheetKey,
  lang: Lang,
  columnKey: string,
  values: readonly CellInput[],
): void {
  const sheet = sheetOrThrow(emu, sheetName(key, lang));
  const column = SHEETS[key].columns.find((c) => c.key === columnKey);
  if (!column) throw new Error(`No column ${columnKey} in ${key}`);
  const i = headerRow(sheet).map(normalizeHeader).indexOf(normalizeHeader(column[lang]));
  if (i < 0) throw new Error(`Sheet ${sheet.getName()} has no header ${column[lang]}`);
  if (values.length === 0) return;
  ensureRows(sheet, values.length + 1);
  sheet.getRange(2, i + 1, values.length, 1).setValues(values.map((v) => [v ?? '']));
}

/** Data rows (below the header) of one column as display texts, blanks dropped. */
export function columnTexts(emu: Emulator, key: SheetKey, lang: Lang, columnKey: string): string[] {
  const doc = emu.spreadsheet;
  const model = doc.sheetByName(sheetName(key, lang));
  const column = SHEETS[key].columns.find((c) => c.key === columnKey);
  if (!column) throw new Error(`No column ${columnKey} in ${key}`);
  if (!model) return [];
  // One column, cell by cell: the emulator's displayValues formats the whole sheet.
  const width = model.lastCol();
  const wanted = normalizeHeader(column[lang]);
  let col = 0;
  for (let c = 1; c <= width && col === 0; c++)
    if (normalizeHeader(doc.display(model, 1, c)) === wanted) col = c;
  if (col === 0) return [];
  const out: string[] = [];
  for (let r = 2, last = model.lastRow(); r <= last; r++) {
    const text = doc.display(model, r, col);
    if (text.trim() !== '') out.push(text);
  }
  return out;
}

/**
 * Replaces every data row of a sheet (row 2 down) with `rows`, keeping the header row, as a
 * person pasting over the data would: clear the old block, then write the new one.
 */
export function replaceDataRows(emu: Emulator, name: string, rows: readonly CellInput[][]): void {
  const sheet = sheetOrThrow(emu, name);
  const width = Math.max(sheet.getLastColumn(), ...rows.map((r) => r.length));
  const last = sheet.getLastRow();
  if (last >= 2 && width > 0) sheet.getRange(2, 1, last - 1, width).clearContent();
  if (rows.length === 0 || width === 0) return;
  ensureRows(sheet, rows.length + 1);
  const block = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  sheet.getRange(2, 1, block.length, width).setValues(block);
}
