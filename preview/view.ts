/**
 * What the page draws, read from the emulated workbook without counting service calls: the
 * tabs, the active sheet's display values with its header styles, the menu that onOpen added,
 * and the emulated date. Plain JSON; the page puts every text in with textContent.
 */
import type { Emulator } from '../emulator';
import type { MenuEntry } from '../emulator/ui';
import { columnToLetters } from '../emulator/spreadsheet';
import { evaluateFormula, shiftFormula } from '../emulator/spreadsheet/formula';
import { dayInZone } from '../src/domain/time';
import type { Lang } from '../src/shared/contract';
import { contractColumn, contractSheet } from './sheetCsv';

/** Rows drawn at most; a bigger sheet is cut, with the count of rows not drawn. */
export const MAX_GRID_ROWS = 1500;
/** Blank rows drawn under the data, where a person types a new row. */
const BLANK_ROWS = 10;

export interface ColumnView {
  letter: string;
  width: number;
  /** Written by the script: editing asks first, as Sheets' warning protection does. */
  computed: boolean;
  checkbox: boolean;
  headerNote: string;
  headerStyle: { background?: string; fontStyle?: string; fontWeight?: string; color?: string };
}

export interface GridView {
  sheet: string;
  frozenRows: number;
  columns: ColumnView[];
  /** Display texts, row 1 first; blank rows included for typing. */
  rows: string[][];
  /** Data rows not drawn (beyond MAX_GRID_ROWS). */
  hiddenRows: number;
  selection: { row: number; col: number } | null;
  /** Background a conditional format rule gives each drawn row (index 0 = row 1), or null. */
  rowBackgrounds: (string | null)[];
}

export type MenuView = { name: string; items: ({ caption: string; path: string } | null)[] };

export interface PageView {
  lang: Lang;
  title: string;
  sheets: string[];
  grid: GridView;
  menus: MenuView[];
  /** The emulated today in the spreadsheet's zone, and whether the user set the clock. */
  today: string;
  clockPinned: boolean;
  /** The workbook kept before the last import, which the Restore button brings back. */
  backup?: { sheet: string; at: string } | null;
}

function flatMenu(prefix: string, items: MenuEntry[]): MenuView['items'] {
  return items.flatMap((item): MenuView['items'] => {
    if (item.kind === 'separator') return [null];
    if (item.kind === 'item')
      return [{ caption: item.caption, path: `${prefix} > ${item.caption}` }];
    return flatMenu(`${prefix} > ${item.name}`, item.items);
  });
}

/**
 * Display texts of the first `maxRows` rows of a sheet's used block, and how many rows it has.
 * Only what is drawn is formatted: a long sheet costs no more than MAX_GRID_ROWS rows (the
 * emulator's displayValues formats every row, and asks the sheet its last row and column for
 * each cell, which is quadratic in the rows).
 */
export function displayBlock(
  emu: Emulator,
  name: string,
  maxRows: number,
): { rows: string[][]; total: number; width: number } {
  const doc = emu.spreadsheet;
  const model = doc.sheetByName(name);
  if (!model) throw new Error(`No sheet named ${name}`);
  const total = model.lastRow();
  const width = model.lastCol();
  const rows: string[][] = [];
  for (let r = 1; r <= Math.min(total, maxRows); r++) {
    const line: string[] = [];
    for (let c = 1; c <= width; c++) line.push(doc.display(model, r, c));
    rows.push(line);
  }
  return { rows, total, width };
}

export function gridView(emu: Emulator, name: string): GridView {
  const doc = emu.spreadsheet;
  const model = doc.sheetByName(name);
  if (!model) throw new Error(`No sheet named ${name}`);
  const block = displayBlock(emu, name, MAX_GRID_ROWS);
  const width = Math.max(block.width, 1);
  const key = contractSheet(name);
  const header = block.rows[0] ?? [];
  const columns = Array.from({ length: width }, (_, i): ColumnView => {
    const letter = columnToLetters(i + 1);
    const cell = doc.cell(name, `${letter}1`);
    const def = contractColumn(key, header[i] ?? '');
    return {
      letter,
      width: model.columnWidths[String(i + 1)] ?? 100,
      computed: def?.computed === true,
      checkbox: def?.kind === 'checkbox',
      headerNote: cell.note,
      headerStyle: {
        ...(cell.style?.background ? { background: cell.style.background } : {}),
        ...(cell.style?.fontStyle ? { fontStyle: cell.style.fontStyle } : {}),
        ...(cell.style?.fontWeight ? { fontWeight: cell.style.fontWeight } : {}),
        ...(cell.style?.fontColor ? { color: cell.style.fontColor } : {}),
      },
    };
  });
  const drawn = block.rows;
  const blanks = Math.max(0, Math.min(BLANK_ROWS, model.maxRows - drawn.length));
  const rows = [
    ...drawn.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')),
    ...Array.from({ length: block.total > MAX_GRID_ROWS ? 0 : blanks }, () =>
      Array.from({ length: width }, () => ''),
    ),
  ];
  const range = doc.activeRange;
  return {
    sheet: name,
    frozenRows: model.frozenRows,
    columns,
    rows,
    hiddenRows: Math.max(0, block.total - MAX_GRID_ROWS),
    selection: range && range.sheetId === model.id ? { row: range.row, col: range.col } : null,
    rowBackgrounds: rowBackgrounds(emu, name, rows.length),
  };
}

/**
 * The background of custom-formula conditional format rules (Clients' watched rows), row by
 * row: each rule's formula is shifted to the row, as Sheets applies it relative to the top-left
 * of its range, and evaluated by the emulator's formula engine. A rule is taken per row (its
 * range's first column), which is how this product's rules are written.
 */
function rowBackgrounds(emu: Emulator, name: string, count: number): (string | null)[] {
  const doc = emu.spreadsheet;
  const model = doc.sheetByName(name)!;
  const out: (string | null)[] = Array.from({ length: count }, () => null);
  for (const rule of model.conditionalRules) {
    const formula = rule.args[0];
    if (rule.criteria !== 'CUSTOM_FORMULA' || !rule.background || typeof formula !== 'string')
      continue;
    for (const ref of rule.ranges) {
      if (ref.sheetId !== model.id) continue;
      const last = Math.min(ref.row + ref.numRows - 1, count);
      for (let row = ref.row; row <= last; row++) {
        if (out[row - 1]) continue; // the first matching rule wins, as in Sheets
        const shifted = shiftFormula(formula, row - ref.row, 0);
        const value = evaluateFormula(shifted, {
          cell: (sheet, r, c) => {
            const target = sheet === undefined ? model : doc.sheetByName(sheet);
            return target ? doc.rawValue(target, r, c) : '#REF!';
          },
          bounds: (sheet) => {
            const target = sheet === undefined ? model : doc.sheetByName(sheet);
            return { rows: target?.lastRow() ?? 0, cols: target?.lastCol() ?? 0 };
          },
        });
        if (value === true) out[row - 1] = rule.background;
      }
    }
  }
  return out;
}

export function pageView(emu: Emulator, lang: Lang, clockPinned: boolean): PageView {
  const doc = emu.spreadsheet;
  return {
    lang,
    title: doc.name,
    sheets: doc.sheets.filter((s) => !s.hidden).map((s) => s.name),
    grid: gridView(emu, doc.activeSheet().name),
    menus: [...emu.ui.menus.values()].map((m) => ({
      name: m.name,
      items: flatMenu(m.name, m.items),
    })),
    today: dayInZone(emu.clock.now(), doc.timeZone),
    clockPinned,
  };
}
