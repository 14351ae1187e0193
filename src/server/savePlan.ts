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
): { changed: Cells; conflicts: string[] } {
  const changed: Cells = {};
  const conflicts: string[] = [];
  for (const key of Object.keys(wanted)) {
    const w = wanted[key];
    // No base (a new client): everything the form holds is the user's.
    if (base && same(w, base[key])) continue; // not changed in the form: the sheet's value stays
    if (same(stored[key], w)) continue; // already so
    if (base && !same(stored[key], base[key])) conflicts.push(key);
    else changed[key] = w;
  }
  return { changed, conflicts };
}

export interface RowsPlan {
  /** Stored rows to rewrite in part: sheet row and the cells that change. */
  writes: { row: number; cells: Cells }[];
  appends: Cells[];
  /** Sheet rows to delete. */
  deletes: number[];
  /** Entries the user changed or removed whose row someone changed or removed meanwhile. */
  conflicts: number;
}

/**
 * Repeatable rows (agreements, discussions, e-mails): entries left as loaded stay; entries
 * removed in the form delete their stored row (found by value); entries changed in the form
 * rewrite their stored row's changed cells; new entries are appended. An entry is matched to
 * its stored row by the values the form shows, so the order of rows in the sheet does not matter.
 */
export function mergeRows(
  stored: readonly (Cells & { row: number })[],
  base: readonly Cells[],
  wanted: readonly Cells[],
): RowsPlan {
  const plan: RowsPlan = { writes: [], appends: [], deletes: [], conflicts: 0 };
  // Entries identical in base and wanted: unchanged (as a multiset).
  const baseLeft = [...base];
  const added: Cells[] = [];
  for (const w of wanted) {
    const i = baseLeft.findIndex((b) => sameValues(b, w));
    if (i >= 0) baseLeft.splice(i, 1);
    else added.push(w);
  }
  // A stored row for each base entry that the form changed or removed.
  const free = new Set(stored.map((_, i) => i));
  const unchangedBase = base.filter((b) => !baseLeft.includes(b));
  for (const b of unchangedBase) {
    const i = [...free].find((k) => sameValues(stored[k]!, b));
    if (i !== undefined) free.delete(i); // kept as it is
  }
  const rowOf = (b: Cells): (Cells & { row: number }) | undefined => {
    const i = [...free].find((k) => sameValues(stored[k]!, b));
    if (i === undefined) return undefined;
    free.delete(i);
    return stored[i];
  };
  // Changed entries: the n-th removed base entry pairs with the n-th added one.
  const pairs = Math.min(baseLeft.length, added.length);
  for (let k = 0; k < pairs; k++) {
    const row = rowOf(baseLeft[k]!);
    if (!row) {
      plan.conflicts++;
      continue;
    }
    const { changed } = mergeCells(row, baseLeft[k]!, added[k]!);
    if (Object.keys(changed).length > 0) plan.writes.push({ row: row.row, cells: changed });
  }
  // Removed entries: delete their row if it is still as loaded (else someone kept it).
  for (const b of baseLeft.slice(pairs)) {
    const row = rowOf(b);
    if (row) plan.deletes.push(row.row);
  }
  plan.appends.push(...added.slice(pairs));
  return plan;
}
