import { counted } from './counting';
import type { Emulator, Execution } from './emulator';
import type { AuthModeName, ExecutionKind } from './execution';
import { User } from './session';
import { columnToLetters } from './spreadsheet';
import { AuthMode, clockEventFields, type TriggerRecord } from './triggers';

/**
 * Firing triggers: simple onOpen/onEdit, installable spreadsheet triggers, time-driven triggers.
 * Each handler runs in its own execution; event objects are built without counting calls.
 */

/** What the emulator needs of the spreadsheet emulator's objects (read without counting). */
export interface SpreadsheetLike {
  getId(): string;
  getSheetByName(name: string): { getRange(a1: string): RangeLike } | null;
}
export interface RangeLike {
  getSheet(): { getName(): string };
  getA1Notation(): string;
  getNumRows(): number;
  getNumColumns(): number;
  getRow(): number;
  getColumn(): number;
  getValue(): unknown;
}
export interface SpreadsheetAppLike {
  getActiveSpreadsheet(): SpreadsheetLike;
}

export interface EditSpec {
  /** A Range from any execution, or the sheet name and A1 notation of the edited cells. */
  range: RangeLike | { sheet: string; a1: string };
  oldValue?: unknown;
  value?: unknown;
  /**
   * 'typed' (default): the person typed into the cell. 'pasted': a paste, a fill-down, a moved
   * cell or a cell cleared with Delete, for which Sheets gives neither value nor oldValue.
   */
  how?: 'typed' | 'pasted';
  /** The user who made the edit (default: the emulator's user). */
  user?: string;
  /** The workbook edited (default: the first; see Emulator.addWorkbook). */
  spreadsheetId?: string;
}

export interface TriggerOutcome {
  handler: string;
  kind: ExecutionKind;
  triggerUid: string | null;
  result?: unknown;
  error?: unknown;
}

/** Runs every time-driven trigger that is due at the emulated now, each once. */
export function fireTimeTriggers(emu: Emulator): TriggerOutcome[] {
  const now = emu.clock.millis();
  // Each runs in the workbook it was created in (its active spreadsheet there).
  return emu.triggers.takeDue(now).map((t) =>
    fire(emu, t, emu.execution(t.owner, 'clock', t.owner, workbookOf(emu, t)), () => ({
      authMode: AuthMode.FULL,
      triggerUid: t.uid,
      ...clockEventFields(now),
    })),
  );
}

/** Moves the clock to `when`, firing time-driven triggers as their times come. */
export function advanceTo(emu: Emulator, when: Date | string): TriggerOutcome[] {
  const target = new Date(when).getTime();
  const outcomes: TriggerOutcome[] = [];
  for (;;) {
    const next = Math.min(...emu.triggers.triggers.map((t) => t.nextRun ?? Infinity));
    if (!(next <= target)) break;
    if (next > emu.clock.millis()) emu.clock.set(next);
    outcomes.push(...fireTimeTriggers(emu));
  }
  if (target > emu.clock.millis()) emu.clock.set(target);
  return outcomes;
}

/** The workbook a trigger runs in: its source spreadsheet, or where a clock one was made. */
function workbookOf(emu: Emulator, t: TriggerRecord): { spreadsheetId?: string } {
  const id = t.source === 'SPREADSHEETS' ? t.sourceId : t.documentId;
  return id && (id === emu.spreadsheet.id || hasWorkbook(emu, id)) ? { spreadsheetId: id } : {};
}

function hasWorkbook(emu: Emulator, id: string): boolean {
  try {
    emu.workbook(id);
    return true;
  } catch {
    return false;
  }
}

/**
 * The user opens the spreadsheet: simple onOpen(e), then installable on-open triggers. The
 * simple trigger's event carries e.authMode (https://developers.google.com/apps-script/guides/triggers/events#open):
 * LIMITED by default (a bound script); NONE for an add-on not yet used in the document, where
 * e.source is absent (the document cannot be read) and e.user too (no user data).
 */
export function fireOpen(
  emu: Emulator,
  user: string = emu.user,
  opts: { authMode?: AuthModeName; spreadsheetId?: string } = {},
): TriggerOutcome[] {
  const outcomes: TriggerOutcome[] = [];
  const authMode = opts.authMode ?? 'LIMITED';
  const where = opts.spreadsheetId ? { spreadsheetId: opts.spreadsheetId } : {};
  const simple = emu.execution(user, 'simpleTrigger', user, { ...where, authMode });
  if (simple.has('onOpen'))
    outcomes.push(
      fireSimple(emu, simple, 'onOpen', () =>
        authMode === 'NONE'
          ? { authMode: AuthMode.NONE }
          : {
              authMode: AuthMode[authMode],
              source: activeSpreadsheet(simple),
              user: userOf(simple, user),
            },
      ),
    );
  else simple.end();
  const id = opts.spreadsheetId ?? emu.spreadsheet.id;
  for (const t of spreadsheetTriggers(emu, 'ON_OPEN', id)) {
    const exec = emu.execution(t.owner, 'trigger', t.owner, where);
    outcomes.push(
      fire(emu, t, exec, () => ({
        authMode: AuthMode.FULL,
        source: activeSpreadsheet(exec),
        triggerUid: t.uid,
        user: userOf(exec, user),
      })),
    );
  }
  return outcomes;
}

/**
 * A user edits cells: simple onEdit(e), then installable on-edit triggers, each with the event
 * object of https://developers.google.com/apps-script/guides/triggers/events#edit :
 * authMode, range, source, user, triggerUid (installable only), and value / oldValue only
 * when a single cell was typed into (oldValue only when it had content).
 */
export function fireEdit(emu: Emulator, spec: EditSpec): TriggerOutcome[] {
  const editor = spec.user ?? emu.user;
  const where = spec.spreadsheetId ? { spreadsheetId: spec.spreadsheetId } : {};
  const target = locate(emu, spec.range, where);
  const event = (exec: Execution, installable: TriggerRecord | null): Record<string, unknown> =>
    exec.uncounted(() => {
      const ss = activeSpreadsheet(exec);
      const sheet = ss.getSheetByName(target.sheet);
      if (!sheet) throw new Error(`Emulator: no sheet named ${target.sheet}`);
      const range = sheet.getRange(target.a1);
      // The event's range also carries its bounds as plain properties, free to read: JSON of
      // e shows "range": {"columnStart", "rowStart", "rowEnd", "columnEnd"} (Kanshi Tanaike,
      // "Benchmark: Event Objects for Google Apps Script", https://tanaikech.github.io/page/80).
      // Not in the reference: the editEventBounds switch (switches.ts) can leave them out.
      if (emu.worlds.editEventBounds === 'present')
        Object.assign(range, {
          rowStart: range.getRow(),
          rowEnd: range.getRow() + range.getNumRows() - 1,
          columnStart: range.getColumn(),
          columnEnd: range.getColumn() + range.getNumColumns() - 1,
        });
      const e: Record<string, unknown> = {
        authMode: installable ? AuthMode.FULL : AuthMode.LIMITED,
        range,
        source: ss,
        user: userOf(exec, editor),
      };
      if (installable) e.triggerUid = installable.uid;
      // A single cell typed into has `value` (and `oldValue` when it held something); a paste,
      // a fill-down, a moved cell or a cell cleared has neither: tanaikech/GetEditType
      // (https://github.com/tanaikech/GetEditType, GetEditType.js: PUT_VALUE, OVERWRITE_CELL,
      // REMOVE_VALUE, OTHER) tells these cases apart by exactly that.
      if (range.getNumRows() === 1 && range.getNumColumns() === 1 && spec.how !== 'pasted') {
        const now = spec.value !== undefined ? spec.value : range.getValue();
        if (now !== '') {
          e.value = now;
          if (spec.oldValue !== undefined && spec.oldValue !== '') e.oldValue = spec.oldValue;
        }
      }
      return e;
    });
  const outcomes: TriggerOutcome[] = [];
  const simple = emu.execution(editor, 'simpleTrigger', editor, where);
  if (simple.has('onEdit'))
    outcomes.push(fireSimple(emu, simple, 'onEdit', () => event(simple, null)));
  else simple.end();
  for (const t of spreadsheetTriggers(emu, 'ON_EDIT', spec.spreadsheetId ?? emu.spreadsheet.id)) {
    const exec = emu.execution(t.owner, 'trigger', t.owner, where);
    outcomes.push(fire(emu, t, exec, () => event(exec, t)));
  }
  // The change triggers too, changeType EDIT (Emulator.changeOnEdit: the sources disagree).
  if (emu.changeOnEdit) outcomes.push(...fireChange(emu, 'EDIT', editor));
  return outcomes;
}

/** A structural change (insert row, …): installable on-change triggers only. */
export function fireChange(
  emu: Emulator,
  changeType: string,
  user: string = emu.user,
  spreadsheetId?: string,
): TriggerOutcome[] {
  const where = spreadsheetId ? { spreadsheetId } : {};
  return spreadsheetTriggers(emu, 'ON_CHANGE', spreadsheetId ?? emu.spreadsheet.id).map((t) => {
    const exec = emu.execution(t.owner, 'trigger', t.owner, where);
    return fire(emu, t, exec, () => ({
      authMode: AuthMode.FULL,
      changeType,
      source: activeSpreadsheet(exec),
      triggerUid: t.uid,
      user: userOf(exec, user),
    }));
  });
}

/**
 * A person drags a column of a sheet to another place (see SheetModel.moveCol), then the
 * triggers receive what the columnMoveChange world says (switches.ts): onChange with OTHER or
 * EDIT, and, unless EDIT_SILENT, when the column holds data, onEdit over the moved column from
 * row 1 to the sheet's last row (the event theappsscriptlab.com shows for a move: rowStart 1,
 * rowEnd 1000, one column).
 */
export function moveColumnByHand(
  emu: Emulator,
  sheetName: string,
  from: number,
  to: number,
  user: string = emu.user,
): TriggerOutcome[] {
  const sheet = emu.spreadsheet.sheetByName(sheetName);
  if (!sheet) throw new Error(`Emulator: no sheet named ${sheetName}`);
  const landed = sheet.moveCol(from, to);
  const world = emu.worlds.columnMoveChange;
  const outcomes = fireChange(emu, world === 'OTHER' ? 'OTHER' : 'EDIT', user);
  if (world !== 'EDIT_SILENT' && sheet.columnHasContent(landed)) {
    const column = columnToLetters(landed);
    outcomes.push(
      ...fireEdit(emu, {
        range: { sheet: sheetName, a1: `${column}1:${column}${sheet.maxRows}` },
        how: 'pasted',
        user,
      }),
    );
  }
  return outcomes;
}

/** The installable triggers of one workbook for an event: those whose source it is. */
function spreadsheetTriggers(
  emu: Emulator,
  eventType: TriggerRecord['eventType'],
  spreadsheetId: string,
): TriggerRecord[] {
  return emu.triggers.triggers.filter(
    (t) => t.eventType === eventType && t.source === 'SPREADSHEETS' && t.sourceId === spreadsheetId,
  );
}

function locate(
  emu: Emulator,
  range: EditSpec['range'],
  where: { spreadsheetId?: string },
): { sheet: string; a1: string } {
  if ('sheet' in range && 'a1' in range) return range;
  const r = range as RangeLike;
  // Read through a throwaway execution so that these reads are not counted.
  const probe = emu.execution(emu.user, 'editor', emu.user, where);
  try {
    return probe.uncounted(() => ({ sheet: r.getSheet().getName(), a1: r.getA1Notation() }));
  } finally {
    probe.end();
  }
}

function activeSpreadsheet(exec: Execution): SpreadsheetLike {
  return exec.uncounted(() =>
    (exec.globals.SpreadsheetApp as SpreadsheetAppLike).getActiveSpreadsheet(),
  );
}

/**
 * Runs a trigger handler. A failing trigger does not stop the others (as in Apps Script, where
 * the failure goes to the execution log); its error is in the outcome, and emu.triggerFailures lists them.
 */
function fire(
  emu: Emulator,
  t: TriggerRecord,
  exec: Execution,
  event: () => Record<string, unknown>,
): TriggerOutcome {
  return runHandler(emu, exec, t.handler, t.uid, event);
}

/** A simple trigger (onOpen, onEdit): the same, without an installed trigger's id. */
function fireSimple(
  emu: Emulator,
  exec: Execution,
  name: string,
  event: () => Record<string, unknown>,
): TriggerOutcome {
  return runHandler(emu, exec, name, null, event);
}

function runHandler(
  emu: Emulator,
  exec: Execution,
  handler: string,
  triggerUid: string | null,
  event: () => Record<string, unknown>,
): TriggerOutcome {
  const outcome: TriggerOutcome = { handler, kind: exec.kind, triggerUid };
  try {
    outcome.result = exec.run(handler, event());
  } catch (error) {
    outcome.error = error;
    emu.triggerFailures.push(outcome);
  } finally {
    exec.end();
  }
  return outcome;
}

/** e.user of an event object: a Session User whose getEmail() counts like any service call. */
function userOf(exec: Execution, email: string): User {
  return counted(exec.counter, 'User', new User(email));
}
