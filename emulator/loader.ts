import { readFileSync, statSync } from 'node:fs';
import vm from 'node:vm';
import type { Clock } from './clock';

/**
 * Loads the built bundle (dist/Code.js) the way Apps Script runs a project: a plain script whose
 * top-level function declarations are the entry points, evaluated fresh for every execution (the
 * real runtime keeps no global state between executions), in a global scope whose only
 * non-standard names are the services. There is no require, process, module, setTimeout or
 * Buffer: the vm context has the standard JavaScript builtins only.
 */
const loaded = new Map<string, { mtimeMs: number; size: number; bundle: Bundle }>();

export class Bundle {
  readonly script: vm.Script;
  /** The top-level function names, by the global names they were evaluated with. */
  private readonly names = new Map<string, string[]>();

  constructor(
    readonly code: string,
    readonly filename: string,
  ) {
    this.script = new vm.Script(code, { filename });
  }

  /**
   * The bundle in `file`, read and compiled once while the file is unchanged (the tests load
   * the same 600 KB bundle into thousands of emulators). A Bundle never changes: each
   * instantiate still evaluates it in a fresh global scope.
   */
  static fromFile(file: string): Bundle {
    const { mtimeMs, size } = statSync(file);
    const known = loaded.get(file);
    if (known && known.mtimeMs === mtimeMs && known.size === size) return known.bundle;
    const bundle = new Bundle(readFileSync(file, 'utf8'), file);
    loaded.set(file, { mtimeMs, size, bundle });
    return bundle;
  }

  /** Runs the bundle in a new global scope holding `globals`; returns that scope. */
  instantiate(globals: Record<string, unknown>): BundleInstance {
    const sandbox: Record<string, unknown> = { ...globals };
    const context = vm.createContext(sandbox, { name: this.filename });
    this.script.runInContext(context);
    const functions: Record<string, (...args: unknown[]) => unknown> = {};
    for (const [name, value] of Object.entries(sandbox)) {
      if (typeof value === 'function' && !(name in globals))
        functions[name] = value as (...args: unknown[]) => unknown;
    }
    return { context, functions };
  }

  /**
   * The names of the bundle's top-level functions, found by evaluating it once per set of global
   * names (a bundle never changes, and its entry points are its function declarations).
   */
  functionNames(globals: Record<string, unknown>): string[] {
    const key = globalsKey(globals);
    let names = this.names.get(key);
    if (!names) {
      names = Object.keys(this.instantiate(globals).functions).sort();
      this.names.set(key, names);
    }
    return [...names];
  }
}

function globalsKey(globals: Record<string, unknown>): string {
  return Object.keys(globals).sort().join(',');
}

export interface BundleInstance {
  context: vm.Context;
  functions: Record<string, (...args: unknown[]) => unknown>;
}

/**
 * A Date whose `new Date()` and `Date.now()` read the emulated clock, so the bundle's idea of
 * "today" follows the emulator. It is a host-realm Date (same prototype), so dates the bundle
 * writes to the spreadsheet emulator pass `instanceof Date` there.
 */
export function clockDate(clock: Clock): DateConstructor {
  const RealDate = Date;
  function EmulatedDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(clock.millis()).toString();
    if (args.length === 0) return new RealDate(clock.millis());
    return Reflect.construct(RealDate, args, new.target === EmulatedDate ? RealDate : new.target);
  }
  Object.defineProperties(EmulatedDate, {
    now: { value: () => clock.millis(), writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });
  EmulatedDate.prototype = RealDate.prototype;
  return EmulatedDate as unknown as DateConstructor;
}
