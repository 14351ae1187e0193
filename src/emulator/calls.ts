/**
 * Counts service calls by kind. In Apps Script every call on a service object (SpreadsheetApp,
 * a Range, Utilities, …) crosses from the V8 sandbox into Google's host and costs time, so the
 * number of calls is what an operation really costs. Every emulated service method calls
 * `count('Range.getValues')` (Service.method) once per call.
 */
export class CallCounter {
  private readonly byKind = new Map<string, number>();

  count(kind: string): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
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
  }

  /** Runs fn and returns its result with the calls it made. */
  measure<T>(fn: () => T): { result: T; calls: Record<string, number>; total: number } {
    const before = new Map(this.byKind);
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
    return { result, calls, total };
  }
}
