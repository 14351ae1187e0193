import { CallCounter, type Measured, type StepFigures } from './calls';

/**
 * The counter an execution's services count into: it forwards every call to the emulator's
 * shared CallCounter, except while the emulator itself is reading the workbook to build an event
 * object (the real runtime hands the handler `e.range` without the script paying for it).
 * Every counted call is first vetted by `check` (the manifest's scopes and the fidelity table,
 * scopes.ts): a refused call throws before it is counted or does any work; uncounted calls are
 * the emulator's own and are never checked.
 */
export class ForwardingCounter extends CallCounter {
  private muted = 0;

  constructor(
    private readonly target: CallCounter,
    /** Told of every counted call, before the service does its work (interleaving hooks). */
    private readonly onCall: (kind: string) => void = () => {},
    /** Throws to refuse a call (missing scope, kind not in the fidelity table). */
    private readonly check: (kind: string) => void = () => {},
  ) {
    super();
  }

  override count(kind: string): void {
    if (this.muted > 0) return;
    this.check(kind);
    this.target.count(kind);
    this.onCall(kind);
  }

  override countCells(direction: 'read' | 'written', n: number): void {
    if (this.muted > 0) return;
    this.target.countCells(direction, n);
  }

  override get cells(): { read: number; written: number } {
    return this.target.cells;
  }

  override countCacheValues(direction: 'read' | 'written', n: number): void {
    if (this.muted > 0) return;
    this.target.countCacheValues(direction, n);
  }

  override get cacheValues(): { read: number; written: number } {
    return this.target.cacheValues;
  }

  override get total(): number {
    return this.target.total;
  }

  override snapshot(): Record<string, number> {
    return this.target.snapshot();
  }

  override reset(): void {
    this.target.reset();
  }

  override measure<T>(fn: () => T): Measured<T> {
    return this.target.measure(fn);
  }

  override step<T>(name: string, fn: () => T): T {
    return this.target.step(name, fn);
  }

  override get steps(): StepFigures[] {
    return this.target.steps;
  }

  /**
   * Service time goes to the shared counter too (its depth, so nesting across the two counts
   * once), muted or not: building an event object is the emulator's work, not the script's.
   */
  override timed<R>(work: () => R): R {
    return this.target.timed(work);
  }

  override get serviceCpuMs(): number {
    return this.target.serviceCpuMs;
  }

  /** Runs fn without counting its service calls. */
  uncounted<T>(fn: () => T): T {
    this.muted++;
    try {
      return fn();
    } finally {
      this.muted--;
    }
  }
}

/**
 * Who runs the code, which decides what the services allow:
 *  - editor: a user clicking a menu item or running a function (AuthMode.FULL, UI available);
 *  - simpleTrigger: onOpen/onEdit by name (AuthMode.LIMITED);
 *  - trigger: an installable spreadsheet trigger (FULL), runs as the trigger's owner;
 *  - clock: a time-driven trigger (FULL, no UI: getUi() throws);
 *  - scriptRun: a google.script.run call from the sidebar (FULL).
 */
export type ExecutionKind = 'editor' | 'simpleTrigger' | 'trigger' | 'clock' | 'scriptRun';

/**
 * The authorization mode an execution runs in (ScriptApp.AuthMode,
 * https://developers.google.com/apps-script/reference/script/auth-mode): a simple trigger runs
 * in LIMITED (an add-on's onOpen in a document where it was never used: NONE), everything else
 * in FULL. permissions.ts says what each mode refuses.
 */
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

/** "Cannot call SpreadsheetApp.getUi() from this context." when there is no user interface. */
export const NO_UI_CONTEXT = 'Cannot call SpreadsheetApp.getUi() from this context.';
