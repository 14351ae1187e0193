/**
 * The grid of the current sheet: column letters, row numbers, the frozen header row, display
 * values (textContent only), a selected cell, and in-place editing — double-click, Enter or F2
 * opens an editor, Enter commits and moves down a row, Escape cancels — as in Sheets. Checkbox
 * columns are checkboxes that a click toggles.
 *
 * Fast typing: a committed value shows at once and stays shown until the server's answer to that
 * edit is drawn (an older answer arriving meanwhile cannot bring back the old value), and a view
 * that arrives while a cell is being edited is drawn when the editor closes, so an answer never
 * closes the editor the user is typing in, and only one editor is ever open. A ticked or unticked
 * checkbox likewise shows its new state at once, however many are clicked before the answers.
 *
 * Widths. A column is drawn at its sheet width between MIN_WIDTH and MAX_WIDTH: a script that
 * auto-resized a column holding 50,000 characters would otherwise make it hundreds of thousands
 * of pixels wide and every column to its right unreachable. Cells never wrap: text longer than
 * its column ends in an ellipsis (CSS), the cell's tooltip shows its start, the editor all of it.
 */
import type { GridView } from './view';

export interface GridHandlers {
  select(row: number, col: number): void;
  /** Resolves once the server's answer to the edit has been drawn. */
  edit(row: number, col: number, value: string | boolean): Promise<void>;
  /** Editing a column the script computes: true to go on (Sheets' warning protection asks too). */
  confirmComputed(header: string): Promise<boolean>;
}

export const MIN_WIDTH = 60;
export const MAX_WIDTH = 480;
/** Characters of a long cell shown in its tooltip. */
const TOOLTIP_CHARS = 1000;

const NUMERIC = /^[-−]?[\d\s\u00a0\u202f.,]+(\s?\$|%)?$|^\d{4}-\d{2}-\d{2}$/;
const TRUE_TEXT = new Set(['TRUE', 'VRAI']);
const BOOL_TEXT = new Set(['TRUE', 'FALSE', 'VRAI', 'FAUX']);

export class Grid {
  private view: GridView | null = null;
  private selected: { row: number; col: number } | null = null;
  private editing = false;
  /** A view that arrived while a cell was being edited: drawn when the editor closes. */
  private deferred: GridView | null = null;
  /** Values committed whose edit the server has not answered yet, by "row:col". */
  private readonly pending = new Map<string, string>();
  /** Set before drawing the answer to an action that may select a range (a menu item, a script). */
  private followServer = false;

  constructor(
    private readonly table: HTMLTableElement,
    private readonly handlers: GridHandlers,
  ) {
    table.tabIndex = 0;
    table.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** The next view drawn takes the server's selection (a script may have activated a range). */
  followServerSelection(): void {
    this.followServer = true;
  }

  render(view: GridView): void {
    if (this.editing) {
      this.deferred = view;
      return;
    }
    this.deferred = null;
    // The selection is the grid's own (answers to earlier requests lag behind keyboard moves
    // and Enter); it follows the server's on another sheet, or when an action may have moved it.
    if (this.followServer || !this.selected || this.view?.sheet !== view.sheet)
      this.selected = view.selection;
    this.followServer = false;
    this.view = view;
    const head = document.createElement('thead');
    const letters = document.createElement('tr');
    const corner = document.createElement('th');
    corner.className = 'rownum';
    letters.append(corner);
    const colgroup = document.createElement('colgroup');
    const rowCol = document.createElement('col');
    rowCol.style.width = '46px';
    colgroup.append(rowCol);
    // A fixed layout only holds when the table has a width (CSS 2.1 §17.5.2.1): without one the
    // browser sizes columns by their content, and a long cell widens its column past any cap.
    let tableWidth = 46;
    for (const c of view.columns) {
      const th = document.createElement('th');
      th.textContent = c.letter;
      th.scope = 'col';
      letters.append(th);
      const col = document.createElement('col');
      const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, c.width));
      col.style.width = `${width}px`;
      tableWidth += width;
      colgroup.append(col);
    }
    head.append(letters);
    const body = document.createElement('tbody');
    view.rows.forEach((cells, r) => body.append(this.row(view, cells, r + 1)));
    this.table.style.width = `${tableWidth}px`;
    this.table.replaceChildren(colgroup, head, body);
    this.highlight();
  }

  private row(view: GridView, cells: string[], row: number): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.dataset.row = String(row);
    if (row <= view.frozenRows) tr.className = 'frozen';
    const num = document.createElement('th');
    num.className = 'rownum';
    num.scope = 'row';
    num.textContent = String(row);
    tr.append(num);
    cells.forEach((text, i) => {
      const column = view.columns[i]!;
      const td = document.createElement('td');
      td.dataset.col = String(i + 1);
      if (row === 1) {
        Object.assign(td.style, column.headerStyle);
        if (column.headerNote) td.title = column.headerNote;
      } else if (view.rowBackgrounds[row - 1]) {
        td.style.background = view.rowBackgrounds[row - 1]!;
      }
      const key = `${row}:${i + 1}`;
      if (row > 1 && column.checkbox && BOOL_TEXT.has(text)) {
        const box = document.createElement('input');
        box.type = 'checkbox';
        const pending = this.pending.get(key);
        box.checked = pending === undefined ? TRUE_TEXT.has(text) : pending === 'TRUE';
        box.setAttribute('aria-label', `${view.rows[0]?.[i] ?? column.letter} ${row}`);
        box.addEventListener('click', () => {
          // The box keeps its new state (pending) until the answer to this edit is drawn, so
          // quick ticks all show at once; the workbook's value is drawn after it.
          const next = box.checked;
          const mark = next ? 'TRUE' : 'FALSE';
          this.pending.set(key, mark);
          void this.handlers.edit(row, i + 1, next).finally(() => {
            if (this.pending.get(key) === mark) this.pending.delete(key);
            if (this.view && !this.editing) this.render(this.view);
          });
        });
        td.className = 'check';
        td.append(box);
      } else {
        const shown = this.pending.get(key) ?? text;
        td.textContent = shown;
        if (shown.length > TOOLTIP_CHARS / 10 && !td.title)
          td.title = shown.length > TOOLTIP_CHARS ? `${shown.slice(0, TOOLTIP_CHARS)}…` : shown;
        if (row > 1 && NUMERIC.test(shown)) td.className = 'num';
      }
      td.addEventListener('click', () => this.select(row, i + 1));
      td.addEventListener('dblclick', () => void this.openEditor(row, i + 1));
      tr.append(td);
    });
    return tr;
  }

  private cell(row: number, col: number): HTMLTableCellElement | null {
    return this.table.querySelector<HTMLTableCellElement>(
      `tr[data-row="${row}"] td[data-col="${col}"]`,
    );
  }

  private select(row: number, col: number): void {
    if (this.editing) return;
    this.selected = { row, col };
    this.highlight();
    this.handlers.select(row, col);
  }

  private highlight(): void {
    this.table
      .querySelectorAll('.selected, .selected-row')
      .forEach((n) => n.classList.remove('selected', 'selected-row'));
    if (!this.selected) return;
    const td = this.cell(this.selected.row, this.selected.col);
    td?.classList.add('selected');
    td?.parentElement?.classList.add('selected-row');
  }

  private onKey(e: KeyboardEvent): void {
    if (this.editing || !this.selected || !this.view) return;
    const { row, col } = this.selected;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const r = Math.min(Math.max(1, row + move[0]), this.view.rows.length);
      const c = Math.min(Math.max(1, col + move[1]), this.view.columns.length);
      this.select(r, c);
      this.cell(r, c)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      void this.openEditor(row, col);
    }
  }

  private async openEditor(row: number, col: number): Promise<void> {
    const view = this.view;
    const td = this.cell(row, col);
    if (!view || !td || this.editing) return;
    const column = view.columns[col - 1]!;
    if (row > 1 && column.checkbox && td.querySelector('input')) return;
    this.selected = { row, col };
    this.highlight();
    if (
      row > 1 &&
      column.computed &&
      !(await this.handlers.confirmComputed(view.rows[0]?.[col - 1] ?? ''))
    )
      return;
    this.editing = true;
    const input = document.createElement('input');
    input.className = 'editor';
    input.value = view.rows[row - 1]?.[col - 1] ?? '';
    input.setAttribute('aria-label', `${view.rows[0]?.[col - 1] ?? column.letter} ${row}`);
    let done = false;
    const finish = (commit: boolean, moveDown = false): void => {
      if (done) return;
      done = true;
      this.editing = false;
      const before = view.rows[row - 1]?.[col - 1] ?? '';
      const key = `${row}:${col}`;
      // Opening and leaving a cell unchanged is not an edit (no trigger fires in Sheets either).
      const changed = commit && input.value !== before;
      if (changed) this.pending.set(key, input.value);
      if (moveDown && this.view)
        this.selected = { row: Math.min(row + 1, this.view.rows.length), col };
      // Draw what arrived meanwhile, else this view: either shows the typed value (pending).
      this.render(this.deferred ?? this.view ?? view);
      this.table.focus();
      if (changed)
        void this.handlers.edit(row, col, input.value).finally(() => {
          if (this.pending.get(key) === input.value) this.pending.delete(key);
          // The answer has been drawn, or waits for the open editor (deferred): never draw the
          // view from before it over that.
          if (this.view && !this.editing) this.render(this.view);
        });
      if (moveDown && this.selected) this.handlers.select(this.selected.row, this.selected.col);
    };
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') finish(true, true);
      else if (e.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => finish(true));
    td.replaceChildren(input);
    input.focus();
    input.select();
  }
}
