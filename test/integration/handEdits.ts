/**
 * Hand edits landing between a run's service calls, for the property tests of the writers
 * (dataSafety.test.ts, writerProperties.test.ts): a person sorts, inserts or deletes rows while
 * a run works (README, "Shared editing"). An edit is scheduled at the n-th service call of the
 * run (emu.at(/./, …, { occurrence })) and runs in an execution of its own, uncounted, right
 * before that call does its work.
 */
import type { Emulator } from '../../emulator';
import fc from 'fast-check';
import type { TestWorkbook } from './harness';

/** A person's edit between two service calls, in an execution of its own (not counted). */
export function byHand(
  emu: Emulator,
  edit: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => void,
): void {
  const exec = emu.execution('ann@example.com');
  try {
    const app = exec.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    exec.uncounted(() => edit(app.getActiveSpreadsheet()));
  } finally {
    exec.end();
  }
}

/**
 * The kinds of service calls a run makes, in order (into `log` as they happen). A call is
 * logged before the hooks of emu.at run for it: inside a hook, `log.at(-1)` is the call the
 * edit lands before (emulator/execution.ts: the shared counter counts, then onCall runs hooks).
 */
export function callLog(emu: Emulator, run: () => void, log: string[] = []): string[] {
  const calls = emu.calls;
  const count = calls.count.bind(calls);
  calls.count = (kind: string) => {
    log.push(kind);
    count(kind);
  };
  try {
    run();
  } finally {
    calls.count = count;
  }
  return log;
}

/** A hand edit of the data rows of one sheet (`sheet`: an index into the sheets edited). */
export type HandEdit =
  | { kind: 'sort'; sheet: number; order: number[] }
  | { kind: 'insert'; sheet: number; at: number }
  | { kind: 'delete'; sheet: number; at: number };

/** The sheets edited by default (French workbook), indexed by HandEdit.sheet. */
export const EDITED_SHEETS = ['Clients', 'Termes', 'Journal CRM'];

/**
 * A sort (the data rows reordered by random keys), a blank row inserted above a data row, or a
 * data row deleted. `sheet` is taken modulo the number of sheets edited (0..11: even for 1 to 4
 * and 6 sheets).
 */
export const handEdit: fc.Arbitrary<HandEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('sort' as const),
    sheet: fc.nat(11),
    order: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), sheet: fc.nat(11), at: fc.nat(20) }),
  fc.record({ kind: fc.constant('delete' as const), sheet: fc.nat(11), at: fc.nat(20) }),
);

/** Header texts of the client code column (the row a `keep` code protects from deletion). */
const CODE_HEADERS = ['Code client', 'Client code'];

/**
 * Applies a hand edit to `sheets[edit.sheet % sheets.length]`; the rows it deletes go into
 * `deleted` (as `rows()` shows them, by sheet): the team removed them, the run cannot be
 * blamed for their absence. A row whose client code is `keep` is not deleted (the run's own
 * client: its run would only be told "not found").
 */
export function applyEdit(
  emu: Emulator,
  edit: HandEdit,
  deleted: Record<string, string[]>,
  keep: string,
  sheets: readonly string[] = EDITED_SHEETS,
): void {
  byHand(emu, (ss) => {
    const name = sheets[edit.sheet % sheets.length]!;
    const sheet = ss.getSheetByName(name)!;
    const n = sheet.getLastRow() - 1;
    if (n < 1) return;
    const width = sheet.getLastColumn();
    if (edit.kind === 'sort') {
      const range = sheet.getRange(2, 1, n, width);
      const values = range.getValues();
      const keyed = values.map((row, i) => ({ row, k: edit.order[i % 20]! * 100 + i }));
      range.setValues(keyed.sort((a, b) => a.k - b.k).map((x) => x.row));
    } else if (edit.kind === 'insert') sheet.insertRowBefore(2 + (edit.at % n));
    else {
      const at = 2 + (edit.at % n);
      // As rows() shows it (the emulator's stored values), to be compared with rows().
      const [head = [], ...data] = emu.spreadsheet.values(name);
      const row = data[at - 2] ?? [];
      const codeAt = Math.max(
        0,
        head.findIndex((h) => CODE_HEADERS.includes(String(h))),
      );
      if (keep !== '' && row[codeAt] === keep) return;
      (deleted[name] ??= []).push(
        JSON.stringify(Object.fromEntries(head.map((h, i) => [String(h), row[i]]))),
      );
      sheet.deleteRow(at);
    }
  });
}

/** `before` without the rows deleted by hand (one occurrence each). */
export function minus(before: Record<string, string[]>, deleted: Record<string, string[]>) {
  const out: Record<string, string[]> = {};
  for (const [sheet, rows] of Object.entries(before)) {
    const left = [...rows];
    for (const d of deleted[sheet] ?? []) {
      const i = left.indexOf(d);
      if (i >= 0) left.splice(i, 1);
    }
    out[sheet] = left;
  }
  return out;
}

/** Hand edits scheduled at service calls of a run (`at`: the n-th call, 1-based). */
export type ScheduledEdits = readonly { at: number; edit: HandEdit }[];

/** An arbitrary of 1 to `max` hand edits at calls 1..calls of a run. */
export function scheduledEdits(
  calls: number,
  max = 3,
): fc.Arbitrary<{ at: number; edit: HandEdit }[]> {
  return fc.array(fc.record({ at: fc.integer({ min: 1, max: calls }), edit: handEdit }), {
    minLength: 1,
    maxLength: max,
  });
}

/** Service calls that write by row number: cell values, and the save's row deletions. */
const WRITES = new Set(['Range.setValues', 'Range.setValue', 'Sheet.deleteRows']);

/**
 * Whether an edit landing before the last call of `log` falls in the window left by design
 * (README, "Shared editing"): between a run's last check and its write calls, that is, right
 * before a write call (the writers make their write calls adjacent, right after the check:
 * write.ts setBlocksIfUnmoved). Inside a hook `log.at(-1)` is the call about to run (callLog).
 */
export function inWriteWindow(log: readonly string[]): boolean {
  return WRITES.has(log.at(-1) ?? '');
}

export interface UnderHandEdits {
  /** What the run threw (an edit trigger's failure included), if anything. */
  error: unknown;
  /** Rows deleted by hand, by sheet, as rows() showed them. */
  deleted: Record<string, string[]>;
  /** Some edit landed in the window left by design (right before a write call). */
  inWindow: boolean;
  /** The service calls of the run, in order. */
  log: string[];
}

/**
 * Runs `run` on `wb` with `edits` landing at their service calls (sheets edited: `sheets`,
 * rows of client `keep` never deleted) and tells what happened. Properties skip runs with
 * `inWindow` (fc.pre): the instant between the last check and the write is the window left.
 * `afterEdit` is called right after each edit is applied (e.g. to keep the workbook as it was
 * then).
 */
export function underHandEdits(
  wb: TestWorkbook,
  edits: ScheduledEdits,
  run: () => void,
  keep: string,
  sheets: readonly string[] = EDITED_SHEETS,
  afterEdit?: (edit: HandEdit) => void,
): UnderHandEdits {
  const deleted: Record<string, string[]> = {};
  const log: string[] = [];
  let inWindow = false;
  let error: unknown;
  callLog(
    wb.emu,
    () => {
      for (const { at, edit } of edits)
        wb.emu.at(
          /./,
          () => {
            if (inWriteWindow(log)) inWindow = true;
            applyEdit(wb.emu, edit, deleted, keep, sheets);
            afterEdit?.(edit);
          },
          { occurrence: at },
        );
      try {
        run();
      } catch (e) {
        error = e;
      }
    },
    log,
  );
  return { error, deleted, inWindow, log };
}

/** Adds a column of the team's after the last one of each sheet (header only), by hand. */
export function addTeamColumns(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  columns: readonly (readonly [sheet: string, header: string])[],
): void {
  for (const [name, header] of columns) {
    const sheet = ss.getSheetByName(name)!;
    sheet.insertColumnAfter(sheet.getLastColumn());
    sheet.getRange(1, sheet.getLastColumn() + 1).setValue(header);
  }
}
