/**
 * One preview workbook: the emulator running the real bundle, what the user does to it (menu,
 * cell edits, selection, trigger buttons, CSV, sidebar calls), and what the script showed in
 * return (toasts, alerts, sidebars, dialogs, mails), saved to disk after every change.
 *
 * Questions (ui.prompt, and ui.alert with more than an OK button) block a real script until the
 * user answers. The emulator runs the script synchronously and answers from a queue
 * (UiLog.answerNextAlert / answerNextPrompt), so the preview replays: it runs the action with
 * the answers it has; if the script asked one more question, it puts the workbook back as it was
 * before the action and returns the question; the page asks the user and sends the action again
 * with one more answer. The script sees exactly one run with every answer in place.
 */
import { existsSync, rmSync } from 'node:fs';
import { createScriptRunBridge, type Emulator } from '../emulator';
import { clockEventFields } from '../emulator/triggers';
import type { ButtonName, ButtonSetName, UiEvent } from '../emulator/ui';
import { dayInZone, isDay, previousMonth } from '../src/domain/time';
import { langFromLocale, type Lang } from '../src/shared/contract';
import { injectScriptRun } from './frames';
import { t } from './messages';
import { noonOf } from './sample';
import { exportSheetCsv, importSheetCsv, ImportError, planImport } from './sheetCsv';
import { readState, restore, snapshot, writeState, type PreviewState } from './state';
import { pageView, type PageView } from './view';
import { columnTexts, sheetOrThrow } from './workbookIO';

export type Answer =
  { kind: 'alert'; button: ButtonName } | { kind: 'prompt'; button: ButtonName; text: string };

export interface Question {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: ButtonSetName;
}

export type Activity = { seq: number } & (
  | { kind: 'toast'; title: string; message: string }
  | { kind: 'alert'; title: string; prompt: string }
  | { kind: 'sidebar'; frame: string; title: string }
  | { kind: 'dialog'; frame: string; title: string; width: number | null; height: number | null }
  | { kind: 'mail'; message: string }
  | { kind: 'error'; message: string }
);
type NewActivity = Activity extends infer A ? (A extends Activity ? Omit<A, 'seq'> : never) : never;

export interface ActionResult {
  /** Set when the script asked something: nothing was changed; send the action again with the answer. */
  question?: Question;
}

export const TRIGGER_HANDLERS = { daily: 'onDailyTrigger', monthly: 'onMonthlyTrigger' } as const;
export type TriggerKind = keyof typeof TRIGGER_HANDLERS;

const MAX_ACTIVITY = 300;
const MAX_FRAMES = 20;

function isQuestion(e: UiEvent): e is Extract<UiEvent, { kind: 'alert' | 'prompt' }> {
  return e.kind === 'prompt' || (e.kind === 'alert' && e.buttons !== 'OK');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class PreviewSession {
  private emu: Emulator;
  private pinned: number | null;
  readonly lang: Lang;
  private readonly frames = new Map<string, string>();
  private frameSeq = 0;
  private seq = 0;
  private readonly log: Activity[] = [];
  /** The last import's backup (undefined: not looked up yet; null: none). */
  private backup: { sheet: string; at: string } | null | undefined = undefined;

  constructor(
    emu: Emulator,
    private readonly dataFile: string,
    pinnedClock: number | null = null,
  ) {
    this.emu = emu;
    this.pinned = pinnedClock;
    this.lang = langFromLocale(emu.locale);
    // Opening the spreadsheet runs onOpen, which adds the menu.
    this.emu.fireOpen();
    this.save();
  }

  /** The user opens the spreadsheet again: onOpen adds the menu, in the current language. */
  reopen(): void {
    this.tick();
    this.emu.fireOpen();
  }

  static fromState(state: PreviewState, dataFile: string): PreviewSession {
    return new PreviewSession(restore(state), dataFile, state.pinnedClock);
  }

  get emulator(): Emulator {
    return this.emu;
  }

  // ------------------------------------------------------------ reading

  view(): PageView {
    this.tick();
    return { ...pageView(this.emu, this.lang, this.pinned !== null), backup: this.backupInfo() };
  }

  activitySince(seq: number): Activity[] {
    return this.log.filter((a) => a.seq > seq);
  }

  lastSeq(): number {
    return this.seq;
  }

  frame(id: string): string | undefined {
    return this.frames.get(id);
  }

  exportCsv(sheet: string): string {
    return exportSheetCsv(this.emu, sheet);
  }

  // ------------------------------------------------------------ doing

  /** The user picks a tab or a cell; Client form then opens the client of the selected row. */
  select(sheet: string, row: number | null, col: number | null): void {
    const a1 = row && col ? sheetOrThrow(this.emu, sheet).getRange(row, col).getA1Notation() : 'A1';
    this.emu.spreadsheet.setActiveRange(sheet, a1);
    this.save();
  }

  clickMenu(path: string, answers: Answer[] = []): ActionResult {
    return this.act(answers, () => this.emu.clickMenu(path));
  }

  /**
   * The user types into a cell (or ticks a checkbox): the value goes in through setValue, as
   * typed input, then the edit triggers fire with the event object Sheets would give them.
   */
  editCell(sheet: string, row: number, col: number, value: string | boolean): ActionResult {
    return this.act([], () => {
      const range = sheetOrThrow(this.emu, sheet).getRange(row, col);
      const a1 = range.getA1Notation();
      const old = this.emu.spreadsheet.cell(sheet, a1).value;
      range.setValue(value);
      const outcomes = this.emu.fireEdit({
        range: { sheet, a1 },
        ...(old === '' ? {} : { oldValue: String(old) }),
      });
      for (const o of outcomes)
        if (o.error !== undefined)
          this.note({
            kind: 'error',
            message: t('triggerFailed', this.lang, {
              handler: o.handler,
              message: messageOf(o.error),
            }),
          });
    });
  }

  /** Sets the emulated clock to noon of a day, or back to the real clock (null). */
  setClock(day: string | null): void {
    if (day !== null && !isDay(day)) throw new Error(t('badDate', this.lang, { date: day }));
    this.pinned = day === null ? null : new Date(noonOf(day)).getTime();
    this.tick();
    this.save();
  }

  /** Runs a time-driven trigger now, in a 'clock' execution as its owner (no UI there). */
  fireTrigger(kind: TriggerKind, day: string | null): ActionResult {
    if (day) this.setClock(day);
    return this.act([], () => {
      const handler = TRIGGER_HANDLERS[kind];
      // The hourly dispatcher (issue 20) runs the daily and monthly jobs: the button runs the
      // job now through its entry point, as that trigger's owner (older saved workbooks may
      // still hold the old daily and monthly triggers).
      const trigger = this.emu.triggers.triggers.find(
        (t) => t.handler === handler || t.handler === 'onHourlyTrigger',
      );
      if (!trigger) throw new Error(t('noTrigger', this.lang, { handler }));
      const now = this.emu.clock.millis();
      const exec = this.emu.execution(trigger.owner, 'clock');
      this.emu.runIn(exec, handler, [
        { authMode: 'FULL', triggerUid: trigger.uid, ...clockEventFields(now) },
      ]);
      // A trigger shows nothing in Sheets; the preview says what it did, read from the workbook.
      this.note({ kind: 'toast', title: handler, message: this.triggerOutcome(kind, now) });
    });
  }

  private triggerOutcome(kind: TriggerKind, now: number): string {
    if (kind === 'daily')
      return t('dailyDone', this.lang, {
        n: columnTexts(this.emu, 'clients', this.lang, 'watched').filter((v) => v === 'TRUE')
          .length,
      });
    const month = previousMonth(dayInZone(now, this.emu.spreadsheet.timeZone));
    const rows = columnTexts(this.emu, 'report', this.lang, 'month').filter((m) => m === month);
    return t('monthlyDone', this.lang, { month, n: rows.length });
  }

  /**
   * Replaces a sheet's data rows from a CSV; like a paste, it fires the edit triggers. Asks first
   * (what is replaced, which columns keep their cells), then keeps the workbook as it was in a
   * backup file that restoreBackup() brings back.
   */
  importCsv(sheet: string, text: string, answers: Answer[] = []): ActionResult {
    let plan;
    try {
      plan = planImport(this.emu, sheet, text);
    } catch (e) {
      if (e instanceof ImportError)
        throw new Error(t('importFailed', this.lang, { message: e.message }), { cause: e });
      throw e;
    }
    const answer = answers[0];
    if (!answer)
      return {
        question: {
          kind: 'alert',
          title: t('importTitle', this.lang, { sheet }),
          prompt: t('importAsk', this.lang, {
            sheet,
            before: plan.before,
            rows: plan.rows,
            kept:
              plan.kept.length === 0
                ? t('importKeepsNone', this.lang)
                : t(plan.keyHeader ? 'importKeepsByKey' : 'importKeepsByRow', this.lang, {
                    columns: plan.kept.join(', '),
                    key: plan.keyHeader ?? '',
                  }),
          }),
          buttons: 'YES_NO',
        },
      };
    if (answer.button !== 'YES') return {};
    this.tick();
    const at = new Date().toISOString();
    writeState(this.backupFile, {
      ...snapshot(this.emu, this.pinned),
      importedSheet: sheet,
      savedAt: at,
    });
    this.backup = { sheet, at };
    return this.act([], () => {
      const report = importSheetCsv(this.emu, sheet, text);
      if (report.a1) this.emu.fireEdit({ range: { sheet, a1: report.a1 } });
      this.note({
        kind: 'toast',
        title: sheet,
        message: t('imported', this.lang, { rows: report.rows, sheet }),
      });
    });
  }

  /** Where the workbook is kept before an import: beside the workbook file. */
  private get backupFile(): string {
    return this.dataFile.replace(/(\.json)?$/, '.before-import.json');
  }

  /** The workbook as it was before the last import, if one is kept. */
  backupInfo(): { sheet: string; at: string } | null {
    if (this.backup === undefined) {
      const state = existsSync(this.backupFile) ? readState(this.backupFile) : null;
      this.backup = state ? { sheet: state.importedSheet ?? '', at: state.savedAt ?? '' } : null;
    }
    return this.backup;
  }

  /** Brings back the workbook as it was before the last import (once: the backup is used up). */
  restoreBackup(): ActionResult {
    const state = existsSync(this.backupFile) ? readState(this.backupFile) : null;
    if (!state) throw new Error(t('noBackup', this.lang));
    this.emu = restore(state);
    this.pinned = state.pinnedClock;
    this.emu.fireOpen();
    rmSync(this.backupFile, { force: true });
    this.backup = null;
    this.note({
      kind: 'toast',
      title: state.importedSheet ?? '',
      message: t('restored', this.lang),
    });
    this.save();
    return {};
  }

  /** google.script.run from a frame: the bundle function, through the emulator's bridge. */
  rpc(
    fn: string,
    args: unknown[],
  ): Promise<{ ok: true; value: unknown } | { ok: false; name: string; message: string }> {
    // Only the script's own functions: the runner object also has withSuccessHandler and
    // Object.prototype's names (constructor, toString…), which are no server function.
    if (!this.emu.functionNames().includes(fn))
      return Promise.resolve({
        ok: false,
        name: 'TypeError',
        message: `google.script.run.${fn} is not a function`,
      });
    this.tick();
    const emu = this.emu;
    const cursors = this.cursors();
    const bridge = this.bridge();
    return new Promise((resolve) => {
      const done = (
        result: { ok: true; value: unknown } | { ok: false; name: string; message: string },
      ): void => {
        if (this.emu === emu) {
          this.collect(cursors);
          this.save();
        }
        resolve(result);
      };
      const method = bridge
        .withSuccessHandler((value) => done({ ok: true, value }))
        .withFailureHandler((e) => done({ ok: false, name: e.name, message: e.message }))[fn];
      if (typeof method !== 'function') {
        resolve({
          ok: false,
          name: 'TypeError',
          message: `google.script.run.${fn} is not a function`,
        });
        return;
      }
      try {
        (method as (...a: unknown[]) => void)(...args);
      } catch (e) {
        resolve({ ok: false, name: 'Error', message: messageOf(e) });
      }
    });
  }

  // ------------------------------------------------------------ machinery

  /** The emulated clock follows the real one unless the user set it to a date. */
  private tick(): void {
    this.emu.clock.set(this.pinned ?? Date.now());
  }

  private cursors(): { events: number; toasts: number; mails: number } {
    return {
      events: this.emu.ui.events.length,
      toasts: this.emu.toasts.length,
      mails: this.emu.mails.length,
    };
  }

  private act(answers: Answer[], action: () => void): ActionResult {
    this.tick();
    const before = snapshot(this.emu, this.pinned);
    const cursors = this.cursors();
    for (const a of answers) {
      if (a.kind === 'alert') this.emu.ui.answerNextAlert(a.button);
      else this.emu.ui.answerNextPrompt(a.text, a.button);
    }
    let failure: unknown = undefined;
    try {
      action();
    } catch (e) {
      failure = e;
    }
    const asked = this.emu.ui.events.slice(cursors.events).filter(isQuestion);
    const next = asked[answers.length];
    if (next) {
      // Undo the run made with a default answer; the page asks, then sends the action again.
      this.emu = restore(before);
      this.emu.fireOpen();
      return {
        question: {
          kind: next.kind,
          title: next.title,
          prompt: next.prompt,
          buttons: next.buttons,
        },
      };
    }
    this.collect(cursors);
    if (asked.length < answers.length) {
      // The script asked fewer questions than before: answers left in the emulator's queues
      // would be taken by a later question (the count above would still catch it, at the cost of
      // a round trip). A fresh emulator has empty queues.
      this.emu = restore(snapshot(this.emu, this.pinned));
      this.emu.fireOpen();
    }
    if (failure !== undefined)
      this.note({
        kind: 'error',
        message: t('failed', this.lang, { message: messageOf(failure) }),
      });
    this.save();
    return {};
  }

  /** Turns what the script showed since the cursors into activity for the page. */
  private collect(c: { events: number; toasts: number; mails: number }): void {
    // Toasts and mails first: an alert waits for the user, a toast does not.
    for (const t of this.emu.toasts.slice(c.toasts))
      this.note({ kind: 'toast', title: t.title, message: t.message });
    for (const m of this.emu.mails.slice(c.mails))
      this.note({
        kind: 'mail',
        message: t('mailSent', this.lang, { to: m.to.join(', '), subject: m.subject }),
      });
    for (const e of this.emu.ui.events.slice(c.events)) {
      if (e.kind === 'sidebar')
        this.note({ kind: 'sidebar', frame: this.addFrame(e.html), title: e.title });
      else if (e.kind === 'modalDialog' || e.kind === 'modelessDialog')
        this.note({
          kind: 'dialog',
          frame: this.addFrame(e.html),
          title: e.title,
          width: e.width,
          height: e.height,
        });
      // An alert that asked a question was answered in the page already: not shown again.
      else if (e.kind === 'alert' && e.buttons === 'OK')
        this.note({ kind: 'alert', title: e.title, prompt: e.prompt });
    }
  }

  private bridgeCache: { emu: Emulator; run: ReturnType<typeof createScriptRunBridge> } | null =
    null;

  /** One bridge per emulator: building it lists the bundle's functions, which loads the bundle. */
  private bridge(): ReturnType<typeof createScriptRunBridge> {
    if (this.bridgeCache?.emu !== this.emu)
      this.bridgeCache = { emu: this.emu, run: createScriptRunBridge(this.emu) };
    return this.bridgeCache.run;
  }

  private addFrame(html: string): string {
    const id = `f${++this.frameSeq}`;
    const names = this.emu.functionNames().filter((n) => !n.endsWith('_'));
    this.frames.set(id, injectScriptRun(html, names, id));
    // Only recent frames can still be on the page; older ones would only hold memory.
    for (const old of [...this.frames.keys()].slice(0, -MAX_FRAMES)) this.frames.delete(old);
    return id;
  }

  private note(a: NewActivity): void {
    this.log.push({ ...a, seq: ++this.seq } as Activity);
    if (this.log.length > MAX_ACTIVITY) this.log.splice(0, this.log.length - MAX_ACTIVITY);
  }

  private save(): void {
    writeState(this.dataFile, snapshot(this.emu, this.pinned));
  }
}
