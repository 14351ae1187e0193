import type { Emulator } from './index';

/**
 * google.script.run for the sidebar, over the emulator:
 * https://developers.google.com/apps-script/guides/html/reference/run
 *  - only the bundle's public top-level functions are methods (names ending in "_" are private
 *    and absent, so calling an unknown one is a TypeError in the page, as in Apps Script);
 *  - calls are asynchronous: the handler runs on a later turn of the event loop;
 *  - "Legal parameters are JavaScript primitives like a Number, Boolean, String, or null, as well
 *    as JavaScript objects and arrays that are composed of primitives, objects, and arrays …
 *    Requests fail if you attempt to pass a Date, Function, DOM element besides a form, or other
 *    prohibited type … undefined fields within arrays become null" (same page, myFunction(...));
 *  - an illegal argument makes the call throw in the page (copyArguments);
 *  - a return value that contains a Date (or another illegal type) reaches the success handler
 *    as null, which is what scripts observe
 *    (https://github.com/enuchi/React-Google-Apps-Script/issues/28,
 *    https://tanaikech.github.io/2023/08/28/report-values-to-transfer-between-javascript-and-google-apps-script-with-google.script.run/);
 *    the emulator records each such loss in `emulator.scriptRunNulls`;
 *  - a server exception reaches the failure handler as an Error with its message; without a
 *    failure handler it is logged to the console.
 * Each call runs in a new execution (kind 'scriptRun') as `user`.
 */
export type SuccessHandler = (value: unknown, userObject?: unknown) => void;
export type FailureHandler = (error: Error, userObject?: unknown) => void;

export interface ScriptRun {
  withSuccessHandler(fn: SuccessHandler): ScriptRun;
  withFailureHandler(fn: FailureHandler): ScriptRun;
  withUserObject(obj: unknown): ScriptRun;
  [serverFunction: string]: unknown;
}

export interface BridgeOptions {
  user?: string;
  /** Where a failure with no failure handler goes (default: console.error). */
  onUnhandledFailure?: (error: Error) => void;
}

/**
 * A value google.script.run cannot carry. `key` is the property that holds it (an array index,
 * an object key, or the argument's position for a bare argument), as the page's error names it;
 * `path` locates it from the top (for the emulator's own log).
 */
class Illegal extends Error {
  constructor(
    readonly key: string,
    readonly path: string,
    readonly what: string,
    readonly circular = false,
  ) {
    super(`${what} at ${path || '(top)'}`);
  }
}

/** The copy the other side receives: primitives, plain objects and arrays; Dates etc. are illegal. */
function transfer(
  value: unknown,
  key: string,
  path: string,
  inArray: boolean,
  seen: Set<object>,
): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (value === undefined) return inArray ? null : undefined;
  if (typeof value !== 'object') throw new Illegal(key, path, typeof value);
  if (seen.has(value)) throw new Illegal(key, path, 'circular reference', true);
  const proto = Object.getPrototypeOf(value) as unknown;
  seen.add(value);
  try {
    if (Array.isArray(value))
      return value.map((v, i) => transfer(v, String(i), `${path}[${i}]`, true, seen));
    const tag = Object.prototype.toString.call(value);
    // Plain objects of any realm (the bundle's own run in a vm context): prototype chain of one.
    if (tag !== '[object Object]' || (proto !== null && Object.getPrototypeOf(proto) !== null))
      throw new Illegal(key, path, tag.slice(8, -1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const t = transfer(v, k, `${path}.${k}`, false, seen);
      if (t !== undefined) out[k] = t;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** A server function's result the page received as null, and why (see ScriptRunNull). */
export interface ScriptRunNull {
  name: string;
  /** Where the illegal value sits in the result ('' = the result itself), and what it is. */
  path: string;
  what: string;
}

/**
 * The result as the page receives it: a copy, or null when it holds a Date or another illegal
 * value anywhere (the whole result, not just the value: React-Google-Apps-Script#28,
 * google-marketing-solutions/feedgen#21, Tanaike's 2023 report). The success handler cannot
 * tell that from a real null, so each such loss is recorded in `emulator.scriptRunNulls` for
 * tests to check. A result of undefined also arrives as null (stricter: a page must not rely
 * on undefined).
 */
function copyResult(emulator: Emulator, name: string, value: unknown): unknown {
  try {
    return transfer(value, '', '', false, new Set()) ?? null;
  } catch (e) {
    if (!(e instanceof Illegal)) throw e;
    emulator.scriptRunNulls.push({ name, path: e.path, what: e.what });
    return null;
  }
}

function asError(thrown: unknown): Error {
  const message =
    thrown && typeof thrown === 'object' && 'message' in thrown
      ? String((thrown as { message: unknown }).message)
      : String(thrown);
  const error = new Error(message);
  if (thrown && typeof thrown === 'object' && 'name' in thrown)
    error.name = String((thrown as { name: unknown }).name);
  return error;
}

/** The answer to one server call, as plain data (what a preview server can send as JSON). */
export type ScriptRunReply =
  { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

/** The functions google.script.run exposes: public top-level functions (no trailing "_"). */
export function publicFunctionNames(emulator: Emulator): string[] {
  return emulator.functionNames().filter((n) => !n.endsWith('_'));
}

/**
 * The arguments as the server receives them: copies. An illegal value (a Date, a function, a
 * class instance, anywhere inside) makes the request fail in the page, before anything reaches
 * the server and without the failure handler: the call throws "TypeError: Failed due to illegal
 * value in property: <key>", naming the property that holds the value ("Failed due to illegal
 * value in property: 0" for a bare argument; ": data", ": TanggalBinaan" for an object's field in
 * public bug reports), and a cycle throws "Failed due to circular reference." (both texts are in
 * Google's client library, as seen in public copies of it).
 */
function copyArguments(args: unknown[]): unknown[] {
  return args.map((a, i) => {
    try {
      return transfer(a, String(i), `[${i}]`, false, new Set());
    } catch (e) {
      if (!(e instanceof Illegal)) throw e;
      throw new TypeError(
        e.circular
          ? 'Failed due to circular reference.'
          : `Failed due to illegal value in property: ${e.key}`,
        { cause: e },
      );
    }
  });
}

/**
 * Runs one server call the way google.script.run does, synchronously: arguments copied under
 * the legal-value rules, a new 'scriptRun' execution, the result copied (null if illegal), an
 * exception turned into {name, message}. For a preview server relaying calls from a page.
 */
export function invokeServerFunction(
  emulator: Emulator,
  name: string,
  args: unknown[],
  user: string = emulator.user,
): ScriptRunReply {
  try {
    if (name.endsWith('_') || !emulator.functionNames().includes(name))
      throw new TypeError(`google.script.run.${name} is not a function`);
    const sent = copyArguments(args);
    const value = copyResult(
      emulator,
      name,
      emulator.runIn(emulator.execution(user, 'scriptRun'), name, sent),
    );
    return { ok: true, value };
  } catch (thrown) {
    const e = asError(thrown);
    return { ok: false, error: { name: e.name, message: e.message } };
  }
}

export function createScriptRunBridge(emulator: Emulator, opts: BridgeOptions = {}): ScriptRun {
  const names = new Set(publicFunctionNames(emulator));
  const unhandled = opts.onUnhandledFailure ?? ((e: Error) => console.error(e));

  const make = (
    success: SuccessHandler | null,
    failure: FailureHandler | null,
    userObject: unknown,
  ): ScriptRun => {
    const call = (name: string, args: unknown[]): void => {
      const sent = copyArguments(args);
      setTimeout(() => {
        let error: Error | null = null;
        let result: unknown = null;
        try {
          const exec = emulator.execution(opts.user ?? emulator.user, 'scriptRun');
          result = copyResult(emulator, name, emulator.runIn(exec, name, sent));
        } catch (thrown) {
          error = asError(thrown);
        }
        if (error) {
          if (failure) failure(error, userObject);
          else unhandled(error);
        } else if (success) success(result, userObject);
      }, 0);
    };
    const target = {
      withSuccessHandler: (fn: SuccessHandler) => make(fn, failure, userObject),
      withFailureHandler: (fn: FailureHandler) => make(success, fn, userObject),
      withUserObject: (obj: unknown) => make(success, failure, obj),
    };
    return new Proxy(target, {
      get(t, key) {
        if (typeof key === 'string' && key in t) return t[key as keyof typeof t];
        if (typeof key === 'string' && names.has(key))
          return (...args: unknown[]) => call(key, args);
        return undefined;
      },
      has(t, key) {
        return key in t || (typeof key === 'string' && names.has(key));
      },
    }) as ScriptRun;
  };
  return make(null, null, undefined);
}
