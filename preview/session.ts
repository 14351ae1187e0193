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
 *
 * One action at a time. Every request that runs the bundle (a google.script.run call from a
 * frame, a menu item, a cell edit, a trigger button, an import, a restore) waits its turn in one
 * queue, runs on the emulator that is then saved, and is answered only once the save is done: a
 * save that fails puts the workbook back as it was saved and answers an error, never a success.
 * Reads (the view, a frame) never wait: during a long action (an import) they get the view as
 * it was before it, marked busy.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Emulator } from '../emulator';
import { invokeServerFunction, publicFunctionNames } from '../emulator/bridge';
import { clockEventFields } from '../emulator/triggers';
import type { ButtonName, ButtonSetName, UiEvent } from '../emulator/ui';
import { isDay } from '../src/domain/time';
import { langFromLocale, type Lang } from '../src/shared/contract';
import { injectScriptRun } from './frames';
import type { Separator } from './csv';
import { t, type PreviewText } from './messages';
import { noonOf } from './sample';
import {
  exportSheetCsv,
  importSheetCsv,
  ImportError,
  planImport,
  separatorName,
  type CsvInput,
  type ImportPlan,
} from './sheetCsv';
import { readState, restore, snapshot, stateText, writeState, type PreviewState } from './state';
import { pageView, type PageView } from './view';
import { sheetOrThrow } from './workbookIO';

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
  | {
      kind: 'dialog';
      frame: string;
      title: string;
      width: number | null;
      height: number | null;
      /** Set for pages that time things (Check this spreadsheet): the preview's timings are emulated. */
      emulatedTiming?: boolean;
    }
  | { kind: 'mail'; message: string }
  | { kind: 'error'; message: string }
);
type NewActivity = Activity extends infer A ? (A extends Activity ? Omit<A, 'seq'> : never) : never;

export interface ActionResult {
  /** Set when the script asked something: nothing was changed; send the action again with the answer. */
  question?: Question;
}

/** What the page draws, and whether a long action was running when it was read. */
export type SessionView = PageView & { busy?: boolean };

export type RpcReply = { ok: true; value: unknown } | { ok: false; name: string; message: string };

/**
 * The toolbar's trigger buttons: the handler each runs, and the menu item that does the same
 * job, whose caption names the job in the workbook's language (the report's title).
 */
export const TRIGGER_BUTTONS = {
  daily: { handler: 'onDailyTrigger' },
  monthly: { handler: 'onMonthlyTrigger' },
} as const;
export type TriggerKind = keyof typeof TRIGGER_BUTTONS;
/** The scheduled job each button's run records its outcome under (platform/jobs.ts). */
const TRIGGER_JOB: Record<TriggerKind, 'watch' | 'commissions'> = {
  daily: 'watch',
  monthly: 'commissions',
};

/**
 * A job's name as people see it, for the bundle's handlers: the caption of the menu item that
 * does the same work (as the menu shows it, in the workbook's language), else the preview's own
 * name for it. Function names (onDailyTrigger) mean nothing to a team.
 */
const JOBS: Readonly<Record<string, { menuFunction?: string; text: PreviewText }>> = {
  onDailyTrigger: { menuFunction: 'refreshWatchList', text: 'jobDaily' },
  onMonthlyTrigger: { menuFunction: 'showCommissionReport', text: 'jobMonthly' },
  onKnowingDailyTrigger: { menuFunction: 'refreshBuyingHabits', text: 'jobKnowing' },
  onHourlyTrigger: { text: 'jobHourly' },
  onEditTrigger: { text: 'jobEdit' },
  onChangeTrigger: { text: 'jobChange' },
  onOpen: { text: 'jobOpen' },
};

/** Functions whose pages time things (Check this spreadsheet, Measure speed): the preview says the timings are emulated. */
const TIMING_FUNCTIONS: ReadonlySet<string> = new Set(['showSpreadsheetCheck', 'showSpeedCheck']);

const MAX_ACTIVITY = 300;
const MAX_FRAMES = 20;

function isQuestion(e: UiEvent): e is Extract<UiEvent, { kind: 'alert' | 'prompt' }> {
  return e.kind === 'prompt' || (e.kind === 'alert' && e.buttons !== 'OK');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Lets the event loop answer reads between the steps of a long action. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An error whose message is already in the workbook's language, for the page to show. */
export class SessionError extends Error {
  constructor(
    message: string,
    /** The HTTP status that says it: 400 a request the session refuses, 404 nothing there, 500 a failure. */
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Cursors {
  events: number;
  toasts: number;
  mails: number;
  runs: number;
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
  /** The queue's tail: the next job starts when it settles. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Jobs queued or running. */
  private pending = 0;
  /** Set while a long job runs with pauses in it: reads then get `settledView`. */
  private long = false;
  private settledView: PageView | null = null;
  /** The text last written to the data file: what a failed save goes back to. */
  private savedText = '';

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

  static fromState(state: PreviewState, dataFile: string): PreviewSession {
    return new PreviewSession(restore(state), dataFile, state.pinnedClock);
  }

  get emulator(): Emulator {
    return this.emu;
  }

  /** Whether an action is queued or running. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Runs `job` after every job queued before it; resolves with its result once it is done and
   * saved. A job that throws leaves the queue going.
   */
  private serial<T>(job: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const run = this.tail.then(job).finally(() => this.pending--);
    this.tail = run.catch(() => undefined);
    return run;
  }

  // ------------------------------------------------------------ reading

  /** What the page draws. During a long action: the view from before it, marked busy. */
  view(): SessionView {
    if (this.long && this.settledView) return { ...this.settledView, busy: true };
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

  hasSheet(name: string): boolean {
    return this.emu.spreadsheet.sheetByName(name) !== undefined;
  }

  /**
   * The sheet as a CSV file (built whole before anything is sent). During a long action there is
   * no settled workbook to read: busy.
   */
  exportCsv(sheet: string, sep: Separator = ','): string {
    if (this.long) throw new SessionError(t('busy', this.lang), 503);
    this.requireSheet(sheet);
    return exportSheetCsv(this.emu, sheet, sep);
  }

  // ------------------------------------------------------------ doing

  /** The user opens the spreadsheet again: onOpen adds the menu, in the current language. */
  reopen(): Promise<void> {
    return this.serial(() => {
      this.tick();
      this.emu.fireOpen();
    });
  }

  /** The user picks a tab or a cell; Client form then opens the client of the selected row. */
  select(sheet: string, row: number | null, col: number | null): Promise<void> {
    return this.serial(() => {
      this.requireSheet(sheet);
      if (row && col) this.requireCell(sheet, row, col);
      const a1 =
        row && col ? sheetOrThrow(this.emu, sheet).getRange(row, col).getA1Notation() : 'A1';
      this.emu.spreadsheet.setActiveRange(sheet, a1);
      this.save();
    });
  }

  clickMenu(path: string, answers: Answer[] = []): Promise<ActionResult> {
    return this.serial(() => {
      // The exact path of an item the menu has (the emulator would also take a bare caption).
      if (!this.emu.ui.menuItems().some((i) => i.path === path))
        throw new SessionError(t('noMenuItem', this.lang, { path }));
      return this.act(answers, () => this.emu.clickMenu(path));
    });
  }

  /**
   * The user types into a cell (or ticks a checkbox): the value goes in through setValue, as
   * typed input, then the edit triggers fire with the event object Sheets would give them.
   */
  editCell(
    sheet: string,
    row: number,
    col: number,
    value: string | boolean,
  ): Promise<ActionResult> {
    return this.serial(() => {
      this.requireSheet(sheet);
      this.requireCell(sheet, row, col);
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
                job: this.jobName(o.handler),
                message: messageOf(o.error),
              }),
            });
      });
    });
  }

  /** Sets the emulated clock to noon of a day, or back to the real clock (null). */
  setClock(day: string | null): Promise<void> {
    return this.serial(() => {
      this.checkDay(day);
      this.moveClock(day);
      this.save();
    });
  }

  /**
   * Runs a time-driven trigger now, in a 'clock' execution as its owner (no UI there). Checked
   * first: an unknown button or a trigger that is not installed changes nothing, not the clock.
   */
  fireTrigger(kind: TriggerKind, day: string | null): Promise<ActionResult> {
    return this.serial(() => {
      if (!Object.hasOwn(TRIGGER_BUTTONS, kind))
        throw new SessionError(t('fieldChoice', this.lang, { name: 'kind', value: String(kind) }));
      this.checkDay(day);
      const { handler } = TRIGGER_BUTTONS[kind];
      // The hourly dispatcher (decision 010) runs the daily and monthly jobs: the button runs the
      // job now through its entry point, as that trigger's owner (older saved workbooks may
      // still hold the old daily and monthly triggers).
      const trigger = this.emu.triggers.triggers.find(
        (tr) => tr.handler === handler || tr.handler === 'onHourlyTrigger',
      );
      if (!trigger)
        throw new SessionError(t('noTrigger', this.lang, { job: this.jobName(handler) }));
      if (day) this.moveClock(day);
      return this.act([], () => {
        const now = this.emu.clock.millis();
        const job = TRIGGER_JOB[kind];
        const before = this.jobOutcome(job);
        const exec = this.emu.execution(trigger.owner, 'clock');
        const { calls } = this.emu.calls.measure(() =>
          this.emu.runIn(exec, handler, [
            { authMode: 'FULL', triggerUid: trigger.uid, ...clockEventFields(now) },
          ]),
        );
        // A trigger shows nothing in Sheets; the preview says what the run recorded (the
        // product's own outcome, in the workbook's language: platform/jobs.ts), never "done"
        // for work it left undone.
        const after = this.jobOutcome(job);
        // Recorded by this run: changed, or written again (the same outcome at the same pinned
        // instant as the last press).
        const wrote = (calls['Properties.setProperties'] ?? 0) > 0;
        const fresh =
          after && (wrote || JSON.stringify(after) !== JSON.stringify(before)) ? after : null;
        const name = this.jobName(handler);
        if (!fresh) this.note({ kind: 'toast', title: name, message: t('noOutcome', this.lang) });
        else if (!fresh.ok)
          this.note({
            kind: 'error',
            message: t('triggerFailed', this.lang, { job: name, message: fresh.message }),
          });
        else
          this.note({
            kind: 'toast',
            title: fresh.undone ? t('jobUndoneTitle', this.lang, { job: name }) : name,
            message: fresh.message,
          });
      });
    });
  }

  /** The last outcome the job recorded (the jobs' document property), if any. */
  private jobOutcome(
    job: 'watch' | 'commissions',
  ): { at: string; ok: boolean; undone?: boolean; message: string } | null {
    try {
      const raw = this.emu.properties.document.toJSON()['ficheClient.jobs'];
      const outcome = raw
        ? (JSON.parse(raw) as Record<string, { outcome?: unknown }>)[job]?.outcome
        : null;
      if (!outcome || typeof outcome !== 'object') return null;
      const o = outcome as Record<string, unknown>;
      return typeof o.at === 'string'
        ? {
            at: o.at,
            ok: o.ok === true,
            undone: o.undone === true,
            message: String(o.message ?? ''),
          }
        : null;
    } catch {
      return null; // a damaged record: nothing recorded
    }
  }

  /**
   * Replaces a sheet's data rows from a CSV (its bytes, in any dialect csv.ts reads, or text);
   * like a paste, it fires the edit triggers. Asks first (what is replaced and what is kept, how
   * the file was read), then keeps the workbook as it was in a backup file that restoreBackup()
   * brings back. A file the workbook forbids (a repeated client code…) is refused before
   * anything changes. The work pauses between its steps so that reads are answered meanwhile.
   */
  importCsv(sheet: string, input: CsvInput, answers: Answer[] = []): Promise<ActionResult> {
    return this.serial(async () => {
      this.requireSheet(sheet);
      let plan: ImportPlan;
      try {
        plan = planImport(this.emu, sheet, input, this.lang);
      } catch (e) {
        if (e instanceof ImportError)
          throw new SessionError(
            t('importFailed', this.lang, { message: t(e.key, this.lang, e.params) }),
          );
        throw e;
      }
      const answer = answers[0];
      if (!answer)
        return {
          question: {
            kind: 'alert',
            title: t('importTitle', this.lang, { sheet }),
            prompt: this.importQuestion(sheet, plan),
            buttons: 'YES_NO',
          },
        };
      if (answer.button !== 'YES') return {};
      return this.longJob(async () => {
        this.tick();
        const at = new Date().toISOString();
        try {
          writeState(this.backupFile, {
            ...snapshot(this.emu, this.pinned),
            importedSheet: sheet,
            savedAt: at,
          });
        } catch (e) {
          const reason = (e as NodeJS.ErrnoException).code ?? messageOf(e);
          throw new SessionError(
            t('notSaved', this.lang, { file: path.basename(this.backupFile), reason }),
            500,
          );
        }
        this.backup = { sheet, at };
        await breathe();
        const cursors = this.cursors();
        try {
          const report = importSheetCsv(this.emu, sheet, input, this.lang);
          await breathe();
          const outcomes = report.a1 ? this.emu.fireEdit({ range: { sheet, a1: report.a1 } }) : [];
          this.collect(cursors);
          for (const o of outcomes)
            if (o.error !== undefined)
              this.note({
                kind: 'error',
                message: t('triggerFailed', this.lang, {
                  job: this.jobName(o.handler),
                  message: messageOf(o.error),
                }),
              });
          this.note({
            kind: 'toast',
            title: sheet,
            message: t('imported', this.lang, { rows: report.rows, sheet }),
          });
        } catch (e) {
          // Never half a sheet: back to the workbook as saved before the import.
          this.revert();
          throw new SessionError(t('failed', this.lang, { message: messageOf(e) }), 500);
        }
        await breathe();
        this.save();
        return {};
      });
    });
  }

  /** The question before an import: what is replaced, what is kept, how the file was read. */
  private importQuestion(sheet: string, plan: ImportPlan): string {
    const lang = this.lang;
    const details: string[] = [
      t('importRead', lang, {
        encoding: t(
          (
            {
              'utf-8': 'encUtf8',
              'utf-8-bom': 'encUtf8Bom',
              'windows-1252': 'encWindows1252',
              'utf-16le': 'encUtf16',
              'utf-16be': 'encUtf16',
            } as const
          )[plan.dialect.encoding],
          lang,
        ),
        separator: separatorName(plan.dialect.separator, lang),
      }),
    ];
    if (plan.removed.length > 0 && plan.keyHeader)
      details.push(
        t('importRemoves', lang, {
          n: plan.removed.length,
          key: plan.keyHeader,
          examples: plan.removed.slice(0, 5).join(', ') + (plan.removed.length > 5 ? ', …' : ''),
        }),
      );
    if (plan.orphans.length > 0)
      details.push(
        t('importOrphans', lang, {
          list: plan.orphans.map((o) => `${o.sheet} : ${o.rows}`).join(', '),
        }),
      );
    details.push(
      plan.kept.length === 0
        ? t('importKeepsNone', lang)
        : t(plan.keyHeader ? 'importKeepsByKey' : 'importKeepsByRow', lang, {
            columns: plan.kept.join(', '),
            key: plan.keyHeader ?? '',
          }),
      t('importOthersKept', lang),
    );
    return t('importAsk', lang, {
      sheet,
      before: plan.before,
      rows: plan.rows,
      details: details.join(' '),
    });
  }

  /** Where the workbook is kept before an import: beside the workbook file. */
  get backupFile(): string {
    return this.dataFile.replace(/(\.json)?$/, '.before-import.json');
  }

  /** The backup kept before the last import; an unreadable one is no backup (not offered). */
  private readBackup(): PreviewState | null {
    try {
      return existsSync(this.backupFile) ? readState(this.backupFile) : null;
    } catch {
      return null;
    }
  }

  /** The workbook as it was before the last import, if one is kept. */
  backupInfo(): { sheet: string; at: string } | null {
    if (this.backup === undefined) {
      const state = this.readBackup();
      this.backup = state ? { sheet: state.importedSheet ?? '', at: state.savedAt ?? '' } : null;
    }
    return this.backup;
  }

  /** Brings back the workbook as it was before the last import (once: the backup is used up). */
  restoreBackup(): Promise<ActionResult> {
    return this.serial(() => {
      const state = this.readBackup();
      if (!state) throw new SessionError(t('noBackup', this.lang), 404);
      const emu = restore(state);
      const was = { emu: this.emu, pinned: this.pinned };
      this.emu = emu;
      this.pinned = state.pinnedClock;
      this.emu.fireOpen();
      try {
        this.save();
      } catch (e) {
        this.emu = was.emu;
        this.pinned = was.pinned;
        throw e;
      }
      rmSync(this.backupFile, { force: true });
      this.backup = null;
      this.note({
        kind: 'toast',
        title: state.importedSheet ?? '',
        message: t('restored', this.lang),
      });
      return {};
    });
  }

  /**
   * google.script.run from a frame: the bundle function, run in its turn on the current
   * emulator, answered once the workbook is saved. A call that could not be saved answers a
   * failure (the workbook is back as it was saved), never a success.
   */
  rpc(fn: string, args: unknown[]): Promise<RpcReply> {
    // Only the script's public functions: the runner object also has withSuccessHandler and
    // Object.prototype's names (constructor, toString…), which are no server function.
    const notAFunction: RpcReply = {
      ok: false,
      name: 'TypeError',
      message: `google.script.run.${fn} is not a function`,
    };
    return this.serial((): RpcReply => {
      if (!publicFunctionNames(this.emu).includes(fn)) return notAFunction;
      this.tick();
      const cursors = this.cursors();
      const reply = invokeServerFunction(this.emu, fn, args);
      this.collect(cursors);
      try {
        this.save();
      } catch (e) {
        return { ok: false, name: 'Error', message: messageOf(e) };
      }
      return reply.ok
        ? { ok: true, value: reply.value }
        : { ok: false, name: reply.error.name, message: reply.error.message };
    });
  }

  // ------------------------------------------------------------ machinery

  /** The emulated clock follows the real one unless the user set it to a date. */
  private tick(): void {
    this.emu.clock.set(this.pinned ?? Date.now());
  }

  private checkDay(day: string | null): void {
    if (day !== null && !isDay(day)) throw new SessionError(t('badDate', this.lang, { date: day }));
  }

  private moveClock(day: string | null): void {
    this.pinned = day === null ? null : new Date(noonOf(day)).getTime();
    this.tick();
  }

  private requireSheet(name: string): void {
    if (!this.hasSheet(name)) throw new SessionError(t('noSheet', this.lang, { sheet: name }), 404);
  }

  private requireCell(sheet: string, row: number, col: number): void {
    const model = this.emu.spreadsheet.sheetByName(sheet)!;
    if (row > model.maxRows || col > model.maxCols)
      throw new SessionError(t('outsideSheet', this.lang, { sheet, row, col }));
  }

  /** A handler's job as the team knows it (the menu's caption of the same work). */
  jobName(handler: string): string {
    const job = Object.hasOwn(JOBS, handler) ? JOBS[handler] : undefined;
    if (!job) return handler;
    const item = job.menuFunction
      ? this.emu.ui.menuItems().find((i) => i.functionName === job.menuFunction)
      : undefined;
    const caption = item?.path.split(' > ').at(-1)?.replace(/…$/, '').trim();
    return caption || t(job.text, this.lang);
  }

  private cursors(): Cursors {
    return {
      events: this.emu.ui.events.length,
      toasts: this.emu.toasts.length,
      mails: this.emu.mails.length,
      runs: this.emu.entryPointRuns.length,
    };
  }

  /**
   * A job that pauses between its steps: reads meanwhile get the view from before it (computed
   * now, while nothing has changed yet) and CSV exports a busy answer.
   */
  private async longJob<T>(job: () => Promise<T>): Promise<T> {
    this.settledView = this.view();
    this.long = true;
    try {
      return await job();
    } finally {
      this.long = false;
      this.settledView = null;
    }
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
  private collect(c: Cursors): void {
    // Toasts and mails first: an alert waits for the user, a toast does not.
    for (const toast of this.emu.toasts.slice(c.toasts))
      this.note({ kind: 'toast', title: toast.title, message: toast.message });
    for (const m of this.emu.mails.slice(c.mails))
      this.note({
        kind: 'mail',
        message: t('mailSent', this.lang, { to: m.to.join(', '), subject: m.subject }),
      });
    const timing = this.emu.entryPointRuns.slice(c.runs).some((r) => TIMING_FUNCTIONS.has(r.name));
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
          ...(timing ? { emulatedTiming: true } : {}),
        });
      // An alert that asked a question was answered in the page already: not shown again.
      else if (e.kind === 'alert' && e.buttons === 'OK')
        this.note({ kind: 'alert', title: e.title, prompt: e.prompt });
    }
  }

  private addFrame(html: string): string {
    const id = `f${++this.frameSeq}`;
    this.frames.set(id, injectScriptRun(html, publicFunctionNames(this.emu), id));
    // Only recent frames can still be on the page; older ones would only hold memory.
    for (const old of [...this.frames.keys()].slice(0, -MAX_FRAMES)) this.frames.delete(old);
    return id;
  }

  private note(a: NewActivity): void {
    this.log.push({ ...a, seq: ++this.seq } as Activity);
    if (this.log.length > MAX_ACTIVITY) this.log.splice(0, this.log.length - MAX_ACTIVITY);
  }

  /**
   * Writes the workbook. A failed write puts the session back to what the file holds (the
   * action is undone, not half-kept) and throws a message that says so.
   */
  private save(): void {
    const text = stateText(snapshot(this.emu, this.pinned));
    try {
      writeState(this.dataFile, text);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? messageOf(e);
      if (this.savedText) this.revert();
      throw new SessionError(
        t('notSaved', this.lang, { file: path.basename(this.dataFile), reason }),
        500,
      );
    }
    this.savedText = text;
  }

  /** Back to the workbook as last saved. */
  private revert(): void {
    const state = JSON.parse(this.savedText) as PreviewState;
    this.emu = restore(state);
    this.pinned = state.pinnedClock;
    this.emu.fireOpen();
  }
}
