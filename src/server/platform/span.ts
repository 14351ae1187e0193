/**
 * Where an operation spends its service calls, by step. `span('read clients', fn)` runs fn and
 * names the calls it makes: the emulator groups calls and cells by step (a host function it puts
 * in the bundle's global scope, emulator/globals.ts) and `npm run bench` prints them per
 * operation. In Apps Script that global does not exist, so a span is one `typeof` test: free.
 * A debug build (`FC_SPANS=log npm run build`) also logs each step's milliseconds to the
 * execution log, for timing a step on a real spreadsheet.
 */

/** The emulator's hook; undefined in Apps Script. */
declare const __ficheClientSpan: (<T>(name: string, fn: () => T) => T) | undefined;
/** Set by scripts/build.mjs (FC_SPANS=log); absent when src/ runs in jest without a build. */
declare const __FICHE_CLIENT_SPAN_LOG__: boolean | undefined;

export function span<T>(name: string, fn: () => T): T {
  if (typeof __FICHE_CLIENT_SPAN_LOG__ !== 'undefined' && __FICHE_CLIENT_SPAN_LOG__) {
    const started = Date.now();
    try {
      return hooked(name, fn);
    } finally {
      console.log(`span ${name}: ${Date.now() - started} ms`);
    }
  }
  return hooked(name, fn);
}

function hooked<T>(name: string, fn: () => T): T {
  return typeof __ficheClientSpan === 'function' ? __ficheClientSpan(name, fn) : fn();
}
