/**
 * CPU time of this process in microseconds (user + system), the clock service time is measured
 * with. process.cpuUsage rather than performance.now: it is the clock the bench measures an
 * operation's CPU with, so "CPU of the operation − CPU inside service calls" subtracts like from
 * like (wall time would also count time the process was descheduled, and could make the
 * difference go negative). It is per process, not per thread: under runInParallel the workers'
 * own script CPU during a service call lands in the service figure, so the split is only exact
 * for single-thread runs (the bench's case). It is read from the Node side only: the counting
 * wrappers are host-realm functions, so the vm sandbox never sees process.
 */
export function processCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Counts service calls by kind. In Apps Script every call on a service object (SpreadsheetApp,
 * a Range, Utilities, …) crosses from the V8 sandbox into Google's host and costs time, so the
 * number of calls is what an operation really costs. Every emulated service method goes through
 * `call('Range.getValues', work)` (Service.method) once per call: it counts the call and
 * measures the CPU the emulator spends doing its work. That work stands for Google's host,
 * which the bench already prices per call and per cell, so the bench takes it out of the CPU it
 * charges to the product's own JavaScript.
 */
export class CallCounter {
  private readonly byKind = new Map<string, number>();
  /** Cells moved by value calls (getValues, setValues, …): what a call costs beyond its round trip. */
  private readonly cellsMoved = { read: 0, written: 0 };
  /**
   * Values Cache.getAll returned and Cache.putAll stored: one call moves many (the form's
   * document cache reads its parts in one getAll), and the bench prices each (bench/costModel.ts).
   */
  private readonly cacheMoved = { read: 0, written: 0 };
  /** CPU spent inside counted calls, in microseconds of `cpuClock`. */
  private serviceMicros = 0;
  /** Counted calls in progress: only the outermost one is timed, so nested calls count once. */
  private depth = 0;
  /** The spans open now (the bundle's span(), src/server/platform/span.ts), outermost first. */
  private readonly openSteps: string[] = [];
  private stepPath = NO_STEP;
  /** Calls and cells by step path, in the order steps first counted something. */
  private readonly bySteps = new Map<string, StepFigures>();

  /** cpuClock: a CPU clock in microseconds (tests inject a fake one); null: service CPU not measured. */
  constructor(private readonly cpuClock: (() => number) | null = processCpuMicros) {}

  count(kind: string): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    const step = this.currentStep();
    step.calls[kind] = (step.calls[kind] ?? 0) + 1;
    step.total++;
  }

  /**
   * Runs fn as the step `name` (nested in the steps open now): the calls and cells it moves are
   * also counted under "outer › name". The counter is shared by the executions of one emulator;
   * interleaved executions (runInParallel) would mix their steps, so only single-thread runs
   * (the bench's) read them.
   */
  step<T>(name: string, fn: () => T): T {
    this.openSteps.push(name);
    this.stepPath = this.openSteps.join(' › ');
    try {
      return fn();
    } finally {
      this.openSteps.pop();
      this.stepPath = this.openSteps.length > 0 ? this.openSteps.join(' › ') : NO_STEP;
    }
  }

  private currentStep(): StepFigures {
    let step = this.bySteps.get(this.stepPath);
    if (!step) {
      step = {
        step: this.stepPath,
        calls: {},
        total: 0,
        cells: { read: 0, written: 0 },
        cacheValues: { read: 0, written: 0 },
      };
      this.bySteps.set(this.stepPath, step);
    }
    return step;
  }

  /** Calls and cells by step so far, in the order the steps first counted something. */
  get steps(): StepFigures[] {
    return [...this.bySteps.values()].map((s) => ({
      step: s.step,
      calls: { ...s.calls },
      total: s.total,
      cells: { ...s.cells },
      cacheValues: { ...s.cacheValues },
    }));
  }

  /**
   * A service call from script code: counts it as `kind`, then runs `work` (the emulator doing
   * what Google's host would) inside `timed`. Per-call timing costs two clock reads; operations
   * make tens of calls, so that is negligible next to the cells they move.
   */
  call<R>(kind: string, work: () => R): R {
    this.count(kind);
    return this.timed(work);
  }

  /**
   * Runs `work` and adds the CPU it took to the service time, unless a timed call is already in
   * progress (then the outer one's measure includes it: nested calls are not counted twice).
   */
  timed<R>(work: () => R): R {
    if (!this.cpuClock) return work();
    if (this.depth > 0) {
      this.depth++;
      try {
        return work();
      } finally {
        this.depth--;
      }
    }
    this.depth = 1;
    const start = this.cpuClock();
    try {
      return work();
    } finally {
      this.depth = 0;
      this.serviceMicros += Math.max(0, this.cpuClock() - start);
    }
  }

  /** CPU time spent inside counted service calls so far, in milliseconds. */
  get serviceCpuMs(): number {
    return this.serviceMicros / 1000;
  }

  /** Cells a value call read or wrote (Range.getValues of 100 × 8 reads 800). */
  countCells(direction: 'read' | 'written', n: number): void {
    this.cellsMoved[direction] += n;
    this.currentStep().cells[direction] += n;
  }

  /** Cells read and written so far. */
  get cells(): { read: number; written: number } {
    return { ...this.cellsMoved };
  }

  /** Values a Cache.getAll returned or a Cache.putAll stored. */
  countCacheValues(direction: 'read' | 'written', n: number): void {
    this.cacheMoved[direction] += n;
    this.currentStep().cacheValues[direction] += n;
  }

  get cacheValues(): { read: number; written: number } {
    return { ...this.cacheMoved };
  }

  get total(): number {
    let n = 0;
    for (const v of this.byKind.values()) n += v;
    return n;
  }

  /** Calls by kind, sorted by name: { 'Range.getValues': 3, … }. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.byKind.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.byKind.clear();
    this.cellsMoved.read = 0;
    this.cellsMoved.written = 0;
    this.cacheMoved.read = 0;
    this.cacheMoved.written = 0;
    this.serviceMicros = 0;
    this.bySteps.clear();
  }

  /**
   * Runs fn and returns its result with the calls it made, the cells they moved and the CPU
   * spent inside them.
   */
  measure<T>(fn: () => T): Measured<T> {
    const before = new Map(this.byKind);
    const cellsBefore = this.cells;
    const cacheBefore = this.cacheValues;
    const serviceBefore = this.serviceCpuMs;
    const stepsBefore = new Map(this.steps.map((s) => [s.step, s]));
    const result = fn();
    const calls: Record<string, number> = {};
    let total = 0;
    for (const [k, v] of this.byKind) {
      const d = v - (before.get(k) ?? 0);
      if (d > 0) {
        calls[k] = d;
        total += d;
      }
    }
    return {
      result,
      calls,
      total,
      cells: {
        read: this.cellsMoved.read - cellsBefore.read,
        written: this.cellsMoved.written - cellsBefore.written,
      },
      cacheValues: {
        read: this.cacheMoved.read - cacheBefore.read,
        written: this.cacheMoved.written - cacheBefore.written,
      },
      serviceCpuMs: this.serviceCpuMs - serviceBefore,
      steps: this.steps.flatMap((s) => {
        const d = stepDelta(s, stepsBefore.get(s.step));
        return d.total > 0 ? [d] : [];
      }),
    };
  }
}

/** The step of calls made outside any span. */
export const NO_STEP = '(no span)';

/** What one step (a span path, "formSave › read clients") counted. */
export interface StepFigures {
  step: string;
  calls: Record<string, number>;
  total: number;
  cells: { read: number; written: number };
  cacheValues: { read: number; written: number };
}

function stepDelta(after: StepFigures, before: StepFigures | undefined): StepFigures {
  if (!before) return after;
  const calls: Record<string, number> = {};
  for (const [k, n] of Object.entries(after.calls)) {
    const d = n - (before.calls[k] ?? 0);
    if (d > 0) calls[k] = d;
  }
  return {
    step: after.step,
    calls,
    total: after.total - before.total,
    cells: {
      read: after.cells.read - before.cells.read,
      written: after.cells.written - before.cells.written,
    },
    cacheValues: {
      read: after.cacheValues.read - before.cacheValues.read,
      written: after.cacheValues.written - before.cacheValues.written,
    },
  };
}

export interface Measured<T> {
  result: T;
  /** Service calls by kind ('Range.getValues': 3). */
  calls: Record<string, number>;
  total: number;
  /** Cells read and written by value calls. */
  cells: { read: number; written: number };
  /** Values Cache.getAll returned and Cache.putAll stored. */
  cacheValues: { read: number; written: number };
  /**
   * CPU time (ms, process.cpuUsage) the emulator spent inside the counted calls fn made: the
   * work that stands for Google's host, not the script's own JavaScript.
   */
  serviceCpuMs: number;
  /** The same calls and cells by step (span path), in the order the steps first counted. */
  steps: StepFigures[];
}
