import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Emulator, Execution } from './emulator';
import { scriptError } from './errors';
import type { ExecutionKind } from './execution';
import { utcOnlyIntl } from './intl';
import { LOCK_TIMEOUT, Lock } from './lock';

/**
 * Executions that really run at the same time: each in its own worker thread with its own vm
 * scope, every service call sent to the main thread, which owns the emulator's state, and
 * answered synchronously (the worker blocks on Atomics.wait, then reads the reply with
 * receiveMessageOnPort). Service objects cross as handles; values (strings, numbers, Dates,
 * arrays, plain objects) are copied.
 *
 * Locks are where this differs from the single-thread emulator: a busy waitLock/tryLock(ms)
 * parks the caller until the holder releases the lock or its execution ends. When every
 * unfinished execution is parked (nobody can release anything), the emulated clock jumps to
 * the earliest deadline and that wait fails (tryLock false, waitLock the real timeout text).
 *
 * Not supported in parallel runs: event objects (run plain functions), interleaving hooks.
 */
export interface ParallelRun {
  name: string;
  args?: unknown[];
  user?: string;
  kind?: ExecutionKind;
}

export interface ParallelOutcome {
  name: string;
  user: string;
  result?: unknown;
  error?: { name: string; message: string };
}

type Wire =
  | null
  | boolean
  | number
  | string
  | Date
  | Wire[]
  | { $handle: number; methods: string[]; props: Record<string, Wire> }
  | { $object: Record<string, Wire> }
  | { $undefined: true };

interface CallRequest {
  op: 'call';
  handle: number;
  method: string;
  args: Wire[];
}
type Request = CallRequest | { op: 'now' } | { op: 'done'; result?: Wire; error?: ErrorInfo };
interface ErrorInfo {
  name: string;
  message: string;
}

/** The worker: a vm scope whose services are proxies that call the main thread. */
const WORKER_SOURCE = String.raw`
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const vm = require('node:vm');
const { code, filename, port, flag, globals, name, args, utcOnly } = workerData;
const signal = new Int32Array(flag);
function request(msg) {
  Atomics.store(signal, 0, 0);
  port.postMessage(msg);
  Atomics.wait(signal, 0, 0);
  // The flag can be seen before the reply posted just ahead of it reaches this port: poll until
  // it is there (a wait of 1 ms each time) rather than read an empty port.
  let received = receiveMessageOnPort(port);
  while (received === undefined) {
    Atomics.wait(signal, 0, 1, 1);
    received = receiveMessageOnPort(port);
  }
  const reply = received.message;
  if (reply.error) { const e = new Error(reply.error.message); e.name = reply.error.name; throw e; }
  return revive(reply.value);
}
const isDate = (v) => Object.prototype.toString.call(v) === '[object Date]';
function revive(w) {
  if (w === null || typeof w !== 'object' || isDate(w)) return w;
  if (Array.isArray(w)) return w.map(revive);
  if (w.$undefined) return undefined;
  if (w.$object) { const o = {}; for (const k of Object.keys(w.$object)) o[k] = revive(w.$object[k]); return o; }
  const target = { __handle: w.$handle };
  for (const k of Object.keys(w.props)) target[k] = revive(w.props[k]);
  for (const m of w.methods)
    target[m] = (...a) => request({ op: 'call', handle: w.$handle, method: m, args: a.map(wire) });
  return target;
}
function wire(v) {
  if (v === undefined) return { $undefined: true };
  if (v === null || typeof v !== 'object' || isDate(v)) return v;
  if (Array.isArray(v)) return v.map(wire);
  if (typeof v.__handle === 'number') return { $handle: v.__handle, methods: [], props: {} };
  const o = {}; for (const k of Object.keys(v)) o[k] = wire(v[k]); return { $object: o };
}
const RealDate = Date;
function EmulatedDate(...a) {
  if (!new.target) return new RealDate(request({ op: 'now' })).toString();
  return a.length === 0 ? new RealDate(request({ op: 'now' })) : new RealDate(...a);
}
EmulatedDate.now = () => request({ op: 'now' });
EmulatedDate.parse = RealDate.parse;
EmulatedDate.UTC = RealDate.UTC;
EmulatedDate.prototype = RealDate.prototype;
const sandbox = { Date: EmulatedDate };
for (const k of Object.keys(globals)) sandbox[k] = revive(globals[k]);
// The intlTimeZones switch's 'utcOnly' world (intl.ts), applied in the worker's own realm.
if (utcOnly) sandbox.Intl = (${utcOnlyIntl.toString()})(Intl);
vm.createContext(sandbox);
let done;
try {
  new vm.Script(code, { filename }).runInContext(sandbox);
  if (typeof sandbox[name] !== 'function') throw Object.assign(new Error('Script function not found: ' + name), { name: 'Exception' });
  done = { op: 'done', result: wire(sandbox[name](...args.map(revive))) };
} catch (e) {
  done = { op: 'done', error: { name: String(e && e.name), message: String(e && e.message) } };
}
port.postMessage(done);
`;

interface Parked {
  lock: Lock;
  method: 'waitLock' | 'tryLock';
  deadline: number;
}

/** One execution running in a worker, seen from the main thread. */
class Runner {
  readonly handles = new Map<number, object>();
  private nextHandle = 1;
  readonly signal = new Int32Array(new SharedArrayBuffer(4));
  parked: Parked | null = null;
  finished = false;
  worker: Worker | null = null;
  outcome: ParallelOutcome;

  constructor(
    readonly exec: Execution,
    readonly port: MessagePort,
    run: ParallelRun,
  ) {
    this.outcome = { name: run.name, user: exec.user };
  }

  toWire(v: unknown): Wire {
    if (v === undefined) return { $undefined: true };
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function') return null;
      return v as Wire;
    }
    if (isDate(v)) return v as Date;
    if (Array.isArray(v)) return v.map((x) => this.toWire(x));
    const methods = methodNames(v);
    if (methods.length === 0) {
      const o: Record<string, Wire> = {};
      for (const [k, x] of Object.entries(v)) o[k] = this.toWire(x);
      return { $object: o };
    }
    const id = this.nextHandle++;
    this.handles.set(id, v);
    // Enum properties (ui.Button, ScriptApp.EventType, …) travel with the handle; internals do not.
    const props: Record<string, Wire> = {};
    for (const [k, x] of Object.entries(v))
      if (!k.startsWith('_') && isEnumLike(x)) props[k] = this.toWire(x);
    return { $handle: id, methods, props };
  }

  fromWire(w: Wire): unknown {
    if (w === null || typeof w !== 'object') return w;
    // Messages are deserialized in Node's main realm, which may not be this module's (jest).
    if (isDate(w)) return new Date((w as Date).getTime());
    if (Array.isArray(w)) return w.map((x) => this.fromWire(x));
    if ('$undefined' in w) return undefined;
    if ('$object' in w) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(w.$object)) o[k] = this.fromWire(x);
      return o;
    }
    return '$handle' in w ? this.handles.get(w.$handle) : undefined;
  }

  reply(value: { value?: Wire; error?: ErrorInfo }): void {
    this.port.postMessage(value);
    Atomics.store(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
  }
}

/** Public method names of a service object (its prototype chain, not Object's). */
function methodNames(obj: object): string[] {
  const names = new Set<string>();
  // Stop at any realm's Object.prototype (the one whose prototype is null), not only this one's:
  // a plain object made by bundle code in a vm context has that context's Object.prototype, and
  // its hasOwnProperty & co. would otherwise make it look like a service object.
  for (
    let p = Object.getPrototypeOf(obj) as object | null;
    p && Object.getPrototypeOf(p) !== null;
  ) {
    for (const k of Object.getOwnPropertyNames(p))
      if (k !== 'constructor' && !k.startsWith('_')) names.add(k);
    p = Object.getPrototypeOf(p) as object | null;
  }
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'function') names.add(k);
  return [...names].filter((k) => typeof (obj as Record<string, unknown>)[k] === 'function');
}

function isDate(v: unknown): boolean {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A plain object of strings and numbers (an enum), or nested ones. */
function isEnumLike(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every(
    (x) => typeof x === 'string' || typeof x === 'number' || isEnumLike(x),
  );
}

function errorInfo(e: unknown): ErrorInfo {
  const o = e as { name?: unknown; message?: unknown };
  return { name: String(o?.name ?? 'Error'), message: String(o?.message ?? e) };
}

/** Runs the given functions of the loaded bundle at the same time; resolves when all end. */
export function runInParallel(emu: Emulator, runs: ParallelRun[]): Promise<ParallelOutcome[]> {
  const bundle = emu.requireBundle();
  const runners: Runner[] = [];
  return new Promise((resolve) => {
    const settle = (): void => {
      wake();
      if (runners.every((r) => r.finished)) {
        resolve(runners.map((r) => r.outcome));
        return;
      }
      const live = runners.filter((r) => !r.finished);
      if (live.every((r) => r.parked)) timeOutEarliest(live);
    };

    // Parked waits that can now take their lock.
    const wake = (): void => {
      for (const r of runners) {
        if (r.parked?.lock._acquireNow()) {
          const method = r.parked.method;
          r.parked = null;
          r.reply({ value: method === 'tryLock' ? true : { $undefined: true } });
        }
      }
    };

    const timeOutEarliest = (live: Runner[]): void => {
      const first = live.reduce((a, b) =>
        (b.parked?.deadline ?? 0) < (a.parked?.deadline ?? 0) ? b : a,
      );
      const parked = first.parked;
      if (!parked) return;
      if (parked.deadline > emu.clock.millis()) emu.clock.set(parked.deadline);
      first.parked = null;
      if (parked.method === 'tryLock') first.reply({ value: false });
      else first.reply({ error: errorInfo(scriptError(LOCK_TIMEOUT)) });
    };

    const handle = (runner: Runner, req: Request): void => {
      if (req.op === 'done') {
        runner.finished = true;
        if (req.error) runner.outcome.error = req.error;
        else runner.outcome.result = runner.fromWire(req.result ?? null);
        runner.exec.end();
        runner.port.close();
        void runner.worker?.terminate();
        settle();
        return;
      }
      if (req.op === 'now') {
        runner.reply({ value: emu.clock.millis() });
        return;
      }
      const target = runner.handles.get(req.handle) as Record<string, unknown> | undefined;
      const args = req.args.map((a) => runner.fromWire(a));
      if (target instanceof Lock && (req.method === 'waitLock' || req.method === 'tryLock')) {
        runner.exec.counter.count(`Lock.${req.method}`);
        const ms = Number(args[0]);
        if (target._acquireNow()) {
          runner.reply({ value: req.method === 'tryLock' ? true : { $undefined: true } });
        } else {
          runner.parked = { lock: target, method: req.method, deadline: emu.clock.millis() + ms };
          settle();
        }
        return;
      }
      try {
        const fn = target?.[req.method];
        if (typeof fn !== 'function') throw new TypeError(`${req.method} is not a function`);
        const value = (fn as (...a: unknown[]) => unknown).apply(target, args);
        runner.reply({ value: runner.toWire(value) });
      } catch (e) {
        runner.reply({ error: errorInfo(e) });
      }
      // A release (or anything) may let a parked execution go on.
      settle();
    };

    for (const run of runs) {
      const exec = emu.execution(run.user ?? emu.user, run.kind ?? 'editor');
      const { port1, port2 } = new MessageChannel();
      const runner = new Runner(exec, port1, run);
      runners.push(runner);
      const globals: Record<string, Wire> = {};
      for (const [k, v] of Object.entries(exec.globals))
        if (k !== 'Date' && k !== 'Intl') globals[k] = runner.toWire(v);
      port1.on('message', (req: Request) => handle(runner, req));
      const worker = (runner.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          code: bundle.code,
          filename: bundle.filename,
          port: port2,
          flag: runner.signal.buffer,
          globals,
          name: run.name,
          args: (run.args ?? []).map((a) => runner.toWire(a)),
          utcOnly: emu.worlds.intlTimeZones === 'utcOnly',
        },
        transferList: [port2],
      }));
      worker.on('error', (e) => {
        runner.finished = true;
        runner.outcome.error = errorInfo(e);
        exec.end();
        settle();
      });
    }
  });
}
