/**
 * Counts service calls by kind. In Apps Script every call on a service object (SpreadsheetApp,
 * a Range, Utilities, …) crosses from the V8 sandbox into Google's host and costs time, so the
 * number of calls is what an operation really costs. Every emulated service method calls
 * `count('Range.getValues')` (Service.method) once per call.
 */
export class CallCounter {
  private readonly byKind = new Map<string, number>();
  /** Cells moved by value calls (getValues, setValues, …): what a call costs beyond its round trip. */
  private readonly cellsMoved = { read: 0, written: 0 };

  count(kind: string): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
  }

  /** Cells a value call read or wrote (Range.getValues of 100 × 8 reads 800). */
  countCells(direction: 'read' | 'written', n: number): void {
    this.cellsMoved[direction] += n;
  }

  /** Cells read and written so far. */
  get cells(): { read: number; written: number } {
    return { ...this.cellsMoved };
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
  }

  /** Runs fn and returns its result with the calls it made and the cells they moved. */
  measure<T>(fn: () => T): Measured<T> {
    const before = new Map(this.byKind);
    const cellsBefore = this.cells;
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
    };
  }
}

export interface Measured<T> {
  result: T;
  /** Service calls by kind ('Range.getValues': 3). */
  calls: Record<string, number>;
  total: number;
  /** Cells read and written by value calls. */
  cells: { read: number; written: number };
}
