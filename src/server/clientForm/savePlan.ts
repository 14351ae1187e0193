/**
 * What a form save writes, as a three-way merge of the client as the form loaded it (base), as
 * the user left it (wanted) and as the sheet holds it now (stored). Pure: no service call.
 *
 * People edit the sheet by hand while a form is open, and hand edits do not move the version
 * (Updated at). So the form writes only what the user changed in the form; a field the user
 * changed that someone also changed in the sheet (to something else) is a conflict, and nothing
 * is written. Rows added by hand are never touched; rows removed in the form are deleted only
 * if they are still as the form loaded them.
 */
import { sameValues } from './clientRecord';

export type Cells = Record<string, unknown>;

const same = (a: unknown, b: unknown): boolean => sameValues({ v: a }, { v: b });

/** The cells to write on one row, or the fields in conflict. */
export function mergeCells(
  stored: Cells,
  base: Cells | null,
  wanted: Cells,
): { changed: Cells; conflicts: string[]; sheetDiffers: boolean } {
  const changed: Cells = {};
  const conflicts: string[] = [];
  let sheetDiffers = false;
  for (const key of Object.keys(wanted)) {
    const w = wanted[key];
    // No base (a new client): everything the form holds is the user's.
    if (base && same(w, base[key])) {
      // Not changed in the form: the sheet's value stays, even if someone changed it.
      if (!same(stored[key], w)) sheetDiffers = true;
      continue;
    }
    if (same(stored[key], w)) continue; // already so
    if (base && !same(stored[key], base[key])) conflicts.push(key);
    else changed[key] = w;
  }
  return { changed, conflicts, sheetDiffers };
}

export interface RowsPlan {
  /** Stored rows to rewrite in part: sheet row and the cells that change. */
  writes: { row: number; cells: Cells }[];
  appends: Cells[];
  /** Sheet rows to delete. */
  deletes: number[];
  /** Entries the user changed whose row someone changed or removed meanwhile. */
  conflicts: number;
  /**
   * The sheet holds something the form did not load: rows added by hand, or an entry removed
   * in the form whose row had been changed or removed by hand (it is left as it is).
   */
  sheetDiffers: boolean;
}

/** An entry of the form: its cells, and its index among the loaded entries (absent if new). */
export interface Entry {
  cells: Cells;
  origin?: number | undefined;
}

/**
 * Repeatable rows (agreements, discussions, e-mails). Each entry of the form says which loaded
 * entry it is (`origin`): left as loaded, it stays; edited, its own stored row gets the changed
 * cells; loaded entries no entry refers to were removed and their rows are deleted; entries
 * without an origin are appended. A loaded entry's stored row is found by the values the form
 * shows, so the order of rows in the sheet does not matter; `stored` must be normalized as the
 * form shows rows (the same mapping as `base`).
 */
export function mergeRows(
  stored: readonly (Cells & { row: number })[],
  base: readonly Cells[],
  wanted: readonly Entry[],
): RowsPlan {
  const plan: RowsPlan = {
    writes: [],
    appends: [],
    deletes: [],
    conflicts: 0,
    sheetDiffers: false,
  };
  const free = new Set(stored.map((_, i) => i));
  const rowOf = (b: Cells): (Cells & { row: number }) | undefined => {
    const i = [...free].find((k) => sameValues(stored[k]!, b));
    if (i === undefined) return undefined;
    free.delete(i);
    return stored[i];
  };
  const edited: { base: Cells; cells: Cells }[] = [];
  const referenced = new Set<number>();
  for (const w of wanted) {
    const o = w.origin;
    if (o === undefined || o >= base.length || referenced.has(o)) {
      plan.appends.push(w.cells);
      continue;
    }
    referenced.add(o);
    if (sameValues(base[o]!, w.cells))
      rowOf(base[o]!); // unchanged: its row stays as it is
    else edited.push({ base: base[o]!, cells: w.cells });
  }
  for (const e of edited) {
    // Or already so: a save planned again after it wrote this row (save.ts writeSave).
    const row = rowOf(e.base) ?? rowOf(e.cells);
    if (!row) {
      plan.conflicts++;
      continue;
    }
    const { changed } = mergeCells(row, e.base, e.cells);
    if (Object.keys(changed).length > 0) plan.writes.push({ row: row.row, cells: changed });
  }
  base.forEach((b, o) => {
    if (referenced.has(o)) return;
    const row = rowOf(b);
    if (row) plan.deletes.push(row.row);
    else plan.sheetDiffers = true; // changed or removed by hand: left as it is
  });
  if (free.size > 0) plan.sheetDiffers = true;
  return plan;
}
