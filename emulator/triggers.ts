import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';
import { nextRun, type Schedule } from './schedule';

export { nextRun, clockEventFields } from './schedule';
export type { Schedule } from './schedule';

/**
 * ScriptApp and installable triggers: https://developers.google.com/apps-script/reference/script
 * Enums are their names as strings (see ui.ts for why that compares the same).
 * Time-driven triggers fire at the start of their hour here (the real service picks a random
 * minute within the hour, https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers),
 * in the script's time zone.
 */
export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export type EventTypeName = (typeof EventType)[keyof typeof EventType];
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export type TriggerSourceName = (typeof TriggerSource)[keyof typeof TriggerSource];
export const WeekDay = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const;
const WEEK_DAY_INDEX: readonly string[] = Object.keys(WeekDay);

/** "This script has too many triggers…": 20 triggers per user per script (quotas page). */
export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  sourceId: string | null;
  owner: string;
  schedule: Schedule | null;
  timeZone: string;
  /** Next due instant (time-driven triggers only). */
  nextRun: number | null;
  /**
   * The spreadsheet whose execution created the trigger (time-driven triggers): the workbook
   * it runs in. A bound project has one; an add-on's project spans every workbook it is used
   * in, and "Each add-on can only have one trigger of each type, per user, per document"
   * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers). Absent in
   * states saved before it was kept: the emulator's first workbook.
   */
  documentId?: string | null;
}

/** Every installable trigger of the project, all users. */
export class TriggerStore {
  readonly triggers: TriggerRecord[] = [];
  private nextUid = 1;

  newUid(): string {
    // Real ids are long decimal strings.
    return String(4_000_000_000_000 + this.nextUid++ * 7919);
  }

  add(record: TriggerRecord): void {
    const mine = this.triggers.filter((t) => t.owner === record.owner).length;
    if (mine >= MAX_TRIGGERS_PER_USER) throw scriptError(TOO_MANY_TRIGGERS);
    this.triggers.push(record);
  }

  toJSON(): { nextUid: number; triggers: TriggerRecord[] } {
    return { nextUid: this.nextUid, triggers: structuredClone(this.triggers) };
  }

  load(state: { nextUid: number; triggers: TriggerRecord[] }): void {
    this.nextUid = state.nextUid;
    this.triggers.splice(0, this.triggers.length, ...structuredClone(state.triggers));
  }

  remove(uid: string): void {
    const i = this.triggers.findIndex((t) => t.uid === uid);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /** Time-driven triggers due at `now`, each once, and their next run moved past `now`. */
  takeDue(now: number): TriggerRecord[] {
    const due = this.triggers.filter((t) => t.nextRun !== null && t.nextRun <= now);
    for (const t of due) {
      let next = t.nextRun;
      while (next !== null && next <= now) next = nextRun(t.schedule, next, t.timeZone, true);
      t.nextRun = next;
    }
    return due;
  }
}

export class Trigger {
  constructor(private readonly record: TriggerRecord) {}
  getHandlerFunction(): string {
    return this.record.handler;
  }
  getEventType(): EventTypeName {
    return this.record.eventType;
  }
  getTriggerSource(): TriggerSourceName {
    return this.record.source;
  }
  getTriggerSourceId(): string | null {
    return this.record.sourceId;
  }
  getUniqueId(): string {
    return this.record.uid;
  }
  /** For the emulator itself (not counted). */
  _uid(): string {
    return this.record.uid;
  }
}

interface BuilderContext {
  store: TriggerStore;
  calls: CallCounter;
  clock: Clock;
  user: string;
  timeZone: string;
  /** The id of a Spreadsheet passed to forSpreadsheet, read without counting a call. */
  spreadsheetId(ss: unknown): string;
  /** The workbook the execution runs in (time-driven triggers are recorded against it). */
  documentId?: string;
  /**
   * Whether getUserTriggers(spreadsheet) also lists the user's time-driven triggers created in
   * that workbook. The reference says "all installable triggers owned by this user in the given
   * spreadsheet, for this script or add-on only"
   * (https://developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet))
   * and is silent on clock triggers, which have no source spreadsheet: both worlds are
   * emulated (EmulatorOptions.clockTriggersInUserTriggers, default false).
   */
  clockInUserTriggers?: boolean;
}

function wrapTrigger(calls: CallCounter, record: TriggerRecord): Trigger {
  return counted(calls, 'Trigger', new Trigger(record));
}

export class ClockTriggerBuilder {
  private every: { unit: 'minutes' | 'hours' | 'days' | 'weeks' | 'month'; n: number } | null =
    null;
  private hour = 0;
  private minute = 0;
  private monthDay = 1;
  private weekDay = 1;
  private timeZone: string;
  private onceAt: number | null = null;

  constructor(
    private readonly ctx: BuilderContext,
    private readonly handler: string,
  ) {
    this.timeZone = ctx.timeZone;
  }

  /** Only 1, 5, 10, 15 or 30, as documented for ClockTriggerBuilder.everyMinutes. */
  everyMinutes(n: number): this {
    // The emulator's wording: the real message for a bad interval was not found.
    if (![1, 5, 10, 15, 30].includes(n))
      throw scriptError('The value passed to everyMinutes() must be 1, 5, 10, 15 or 30.');
    this.every = { unit: 'minutes', n };
    return this;
  }
  everyHours(n: number): this {
    this.every = { unit: 'hours', n: positive(n) };
    return this;
  }
  everyDays(n: number): this {
    this.every = { unit: 'days', n: positive(n) };
    return this;
  }
  everyWeeks(n: number): this {
    this.every = { unit: 'weeks', n: positive(n) };
    return this;
  }
  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw scriptError('Invalid argument: hour');
    this.hour = hour;
    return this;
  }
  nearMinute(minute: number): this {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59)
      throw scriptError('Invalid argument: minute');
    // "plus or minus 15 minutes" in the real service (ClockTriggerBuilder.nearMinute); exact here.
    this.minute = minute;
    return this;
  }
  onMonthDay(day: number): this {
    if (!Number.isInteger(day) || day < 1 || day > 31) throw scriptError('Invalid argument: day');
    this.monthDay = day;
    this.every = { unit: 'month', n: 1 };
    return this;
  }
  onWeekDay(day: string): this {
    const i = WEEK_DAY_INDEX.indexOf(String(day));
    if (i < 0) throw scriptError('Invalid argument: day');
    this.weekDay = i;
    if (!this.every || this.every.unit !== 'weeks') this.every = { unit: 'weeks', n: 1 };
    return this;
  }
  inTimezone(timeZone: string): this {
    this.timeZone = String(timeZone);
    return this;
  }
  at(date: Date): this {
    this.onceAt = new Date(date).getTime();
    return this;
  }
  after(durationMillis: number): this {
    this.onceAt = this.ctx.clock.millis() + Number(durationMillis);
    return this;
  }

  create(): Trigger {
    const schedule = this.schedule();
    const record: TriggerRecord = {
      uid: this.ctx.store.newUid(),
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      owner: this.ctx.user,
      schedule,
      timeZone: this.timeZone,
      nextRun: nextRun(schedule, this.ctx.clock.millis(), this.timeZone),
      documentId: this.ctx.documentId ?? null,
    };
    this.ctx.store.add(record);
    return wrapTrigger(this.ctx.calls, record);
  }

  private schedule(): Schedule {
    if (this.onceAt !== null) return { kind: 'once', at: this.onceAt };
    const e = this.every;
    if (!e)
      throw scriptError(
        // The emulator's wording (the real builder's message was not found).
        'Missing recurrence: call everyMinutes, everyHours, everyDays, everyWeeks or onMonthDay before create().',
      );
    const at = { hour: this.hour, minute: this.minute };
    switch (e.unit) {
      case 'minutes':
      case 'hours':
        return { kind: e.unit, every: e.n };
      case 'days':
        return { kind: 'days', every: e.n, ...at };
      case 'weeks':
        return { kind: 'weeks', every: e.n, weekDay: this.weekDay, ...at };
      case 'month':
        return { kind: 'monthDay', day: this.monthDay, ...at };
    }
  }
}

function positive(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw scriptError('Invalid argument: n');
  return n;
}

export class SpreadsheetTriggerBuilder {
  private eventType: EventTypeName | null = null;

  constructor(
    private readonly ctx: BuilderContext,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {}

  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }
  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }
  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): this {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  create(): Trigger {
    if (!this.eventType)
      throw scriptError(
        // The emulator's wording (the real builder's message was not found).
        'Missing event type: call onOpen, onEdit, onChange or onFormSubmit before create().',
      );
    const record: TriggerRecord = {
      uid: this.ctx.store.newUid(),
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.sourceId,
      owner: this.ctx.user,
      schedule: null,
      timeZone: this.ctx.timeZone,
      nextRun: null,
    };
    this.ctx.store.add(record);
    return wrapTrigger(this.ctx.calls, record);
  }
}

export class TriggerBuilder {
  constructor(
    private readonly ctx: BuilderContext,
    private readonly handler: string,
  ) {}

  timeBased(): ClockTriggerBuilder {
    return counted(
      this.ctx.calls,
      'ClockTriggerBuilder',
      new ClockTriggerBuilder(this.ctx, this.handler),
    );
  }

  forSpreadsheet(sheet: unknown): SpreadsheetTriggerBuilder {
    const id = typeof sheet === 'string' ? sheet : this.ctx.spreadsheetId(sheet);
    return counted(
      this.ctx.calls,
      'SpreadsheetTriggerBuilder',
      new SpreadsheetTriggerBuilder(this.ctx, this.handler, id),
    );
  }
}

export class ScriptAppImpl {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;

  constructor(
    private readonly ctx: BuilderContext,
    private readonly scriptId: string,
  ) {}

  newTrigger(functionName: string): TriggerBuilder {
    if (typeof functionName !== 'string' || functionName === '')
      throw scriptError('Invalid argument: functionName');
    return counted(this.ctx.calls, 'TriggerBuilder', new TriggerBuilder(this.ctx, functionName));
  }

  /** The current user's triggers in this project. */
  getProjectTriggers(): Trigger[] {
    return this.ctx.store.triggers
      .filter((t) => t.owner === this.ctx.user)
      .map((t) => wrapTrigger(this.ctx.calls, t));
  }

  /**
   * The current user's triggers in the given spreadsheet, for this project only: its
   * spreadsheet triggers, and its time-driven triggers created there when the emulator is told
   * that they count (BuilderContext.clockInUserTriggers).
   */
  getUserTriggers(spreadsheet: unknown): Trigger[] {
    const id = typeof spreadsheet === 'string' ? spreadsheet : this.ctx.spreadsheetId(spreadsheet);
    const clock = this.ctx.clockInUserTriggers === true;
    return this.ctx.store.triggers
      .filter(
        (t) =>
          t.owner === this.ctx.user &&
          (t.sourceId === id || (clock && t.eventType === 'CLOCK' && t.documentId === id)),
      )
      .map((t) => wrapTrigger(this.ctx.calls, t));
  }

  deleteTrigger(trigger: Trigger): void {
    if (!(trigger instanceof Trigger)) throw scriptError('Invalid argument: trigger');
    this.ctx.store.remove(trigger._uid());
  }

  getScriptId(): string {
    return this.scriptId;
  }
}

export function createScriptApp(ctx: BuilderContext, scriptId: string): ScriptAppImpl {
  return counted(ctx.calls, 'ScriptApp', new ScriptAppImpl(ctx, scriptId));
}
