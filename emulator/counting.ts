import type { CallCounter } from './calls';

/**
 * Wraps a service object so that every call of one of its methods from script code counts once
 * as "Class.method" in the shared CallCounter (see calls.ts: each call crosses into Google's host
 * and is what an operation costs). Calls a service makes on itself internally go to the raw target
 * and are not counted. A method that returns its own object (builders: `menu.addItem(…)`) returns
 * the counted wrapper, so chained calls keep counting. The method runs inside `calls.call`, which
 * also measures the CPU it takes (the emulator's stand-in for Google's host; outermost call only).
 * The wrapper is a host-realm function: the bundle in its vm sandbox calls it without ever
 * seeing process or performance.
 */
export function counted<T extends object>(calls: CallCounter, className: string, target: T): T {
  const cache = new Map<PropertyKey, unknown>();
  const proxy: T = new Proxy(target, {
    get(obj, key, receiver) {
      if (key === RAW) return obj;
      const value: unknown = Reflect.get(obj, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      if (key === 'constructor' || key.startsWith('_') || key === 'toString' || key === 'toJSON')
        return value;
      const hit = cache.get(key);
      if (hit) return hit;
      const kind = `${className}.${key}`;
      const fn = value as (...args: unknown[]) => unknown;
      const wrapper = function (this: unknown, ...args: unknown[]): unknown {
        return calls.call(kind, () => {
          const result = fn.apply(obj, args);
          return result === obj ? proxy : result;
        });
      };
      cache.set(key, wrapper);
      return wrapper;
    },
  });
  return proxy;
}

const RAW = Symbol('uncounted target');

/**
 * The object behind a counted wrapper (itself for anything else): what a service reads when it
 * handles an object the script passed it, e.g. Ui.showSidebar reading the HtmlOutput's content.
 * Those reads happen inside Google's host in Apps Script, so they are neither counted as the
 * script's calls nor checked against its scopes (showSidebar(html) is one call).
 */
export function uncountedView<T>(value: T): T {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  const raw = (value as { [RAW]?: T })[RAW];
  return raw ?? value;
}
