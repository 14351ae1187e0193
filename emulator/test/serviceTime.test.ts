import { CallCounter } from '../calls';
import { counted } from '../counting';
import { ForwardingCounter } from '../execution';
import { createEmulator } from '..';

/** A CPU clock the test moves by hand (microseconds). */
function fakeClock(): { now: () => number; spend: (micros: number) => void } {
  let t = 0;
  return { now: () => t, spend: (micros) => (t += micros) };
}

/** Burns real CPU for about `ms` milliseconds of process CPU time. */
function burn(ms: number): number {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(i);
    const d = process.cpuUsage(start);
    if ((d.user + d.system) / 1000 >= ms) return x;
  }
}

class Service {
  constructor(
    private readonly spend: (micros: number) => void,
    private readonly inner?: Service,
  ) {}
  work(micros: number): number {
    this.spend(micros);
    return micros;
  }
  /** Spends some, calls a counted service that spends more, spends again. */
  outer(before: number, nested: number, after: number): number {
    this.spend(before);
    this.inner?.work(nested);
    this.spend(after);
    return before + nested + after;
  }
  fails(micros: number): never {
    this.spend(micros);
    throw new Error('Invalid argument');
  }
}

describe('CPU time inside counted service calls (injected clock)', () => {
  const setup = () => {
    const clock = fakeClock();
    const calls = new CallCounter(clock.now);
    const inner = counted(calls, 'Inner', new Service(clock.spend));
    const svc = counted(calls, 'Svc', new Service(clock.spend, inner));
    return { clock, calls, svc };
  };

  it('adds what a counted call spends; what the script spends between calls is left out', () => {
    const { clock, calls, svc } = setup();
    const m = calls.measure(() => {
      clock.spend(5_000); // script code
      svc.work(2_000);
      clock.spend(7_000); // script code
      svc.work(1_000);
    });
    expect(m.serviceCpuMs).toBe(3);
    expect(m.total).toBe(2);
    expect(calls.serviceCpuMs).toBe(3);
  });

  it('times nested counted calls once, through the outermost call', () => {
    const { calls, svc } = setup();
    const m = calls.measure(() => svc.outer(1_000, 4_000, 2_000));
    expect(m.calls).toEqual({ 'Svc.outer': 1, 'Inner.work': 1 });
    expect(m.serviceCpuMs).toBe(7);
  });

  it('counts a call that throws, and times later calls normally', () => {
    const { calls, svc } = setup();
    expect(() => svc.fails(3_000)).toThrow('Invalid argument');
    svc.work(1_000);
    expect(calls.serviceCpuMs).toBe(4);
    calls.reset();
    expect(calls.serviceCpuMs).toBe(0);
    svc.outer(0, 2_000, 0);
    expect(calls.serviceCpuMs).toBe(2);
  });

  it('an execution forwards service time to the shared counter, also while muted', () => {
    const clock = fakeClock();
    const shared = new CallCounter(clock.now);
    const forwarding = new ForwardingCounter(shared);
    const svc = counted(forwarding, 'Svc', new Service(clock.spend));
    const m = shared.measure(() => {
      svc.work(1_000);
      forwarding.uncounted(() => svc.work(500));
    });
    expect(m.calls).toEqual({ 'Svc.work': 1 });
    expect(m.serviceCpuMs).toBe(1.5);
    expect(forwarding.serviceCpuMs).toBe(1.5);
  });
});

describe('CPU time inside counted service calls (process CPU)', () => {
  // Relative checks with wide margins: 40 ms burnt inside a call against 40 ms outside.
  it('sees CPU burnt in a call and not CPU burnt by the caller', () => {
    const calls = new CallCounter();
    const svc = counted(calls, 'Svc', { burn });
    const cpuStart = process.cpuUsage();
    const m = calls.measure(() => {
      burn(40);
      svc.burn(40);
      burn(40);
    });
    const d = process.cpuUsage(cpuStart);
    const totalMs = (d.user + d.system) / 1000;
    expect(m.serviceCpuMs).toBeGreaterThanOrEqual(40);
    expect(m.serviceCpuMs).toBeLessThan(totalMs - 60);
  });

  it('nested calls: the outer call is not charged twice for the inner one', () => {
    const calls = new CallCounter();
    const inner = counted(calls, 'Inner', { burn });
    const outer = counted(calls, 'Outer', { run: () => inner.burn(40) });
    const cpuStart = process.cpuUsage();
    const m = calls.measure(() => outer.run());
    const d = process.cpuUsage(cpuStart);
    expect(m.serviceCpuMs).toBeGreaterThanOrEqual(40);
    // Double counting would report about twice the whole operation's CPU.
    expect(m.serviceCpuMs).toBeLessThanOrEqual((d.user + d.system) / 1000 + 1);
  });

  it('times spreadsheet calls made by a bundle in its vm scope, when asked to', () => {
    const emu = createEmulator({ measureServiceCpu: true });
    emu.loadBundleCode(`
      function fill() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Big');
        var rows = [];
        for (var i = 0; i < 500; i++) rows.push([i, 'x' + i, i / 3, true]);
        sheet.getRange(1, 1, rows.length, 4).setValues(rows);
        return sheet.getDataRange().getValues().length;
      }`);
    const cpuStart = process.cpuUsage();
    const m = emu.calls.measure(() => emu.run('fill'));
    const d = process.cpuUsage(cpuStart);
    expect(m.result).toBe(500);
    expect(m.cells).toEqual({ read: 2000, written: 2000 });
    expect(m.serviceCpuMs).toBeGreaterThan(0);
    expect(m.serviceCpuMs).toBeLessThanOrEqual((d.user + d.system) / 1000 + 1);
  });

  it('by default counts the calls and cells but does not read the CPU clock', () => {
    const emu = createEmulator();
    emu.loadBundleCode(`
      function fill() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet('Big');
        sheet.getRange(1, 1, 200, 2).setValues(Array.from({ length: 200 }, (_, i) => [i, 'x']));
        return sheet.getLastRow();
      }`);
    const m = emu.calls.measure(() => emu.run('fill'));
    expect(m.result).toBe(200);
    expect(m.cells).toEqual({ read: 0, written: 400 });
    expect(m.serviceCpuMs).toBe(0);
  });
});
