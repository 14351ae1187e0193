/**
 * The intlTimeZones switch (switches.ts): in the 'utcOnly' world the bundle's Intl knows no time
 * zone but UTC, as a V8 built with small ICU (https://nodejs.org/api/intl.html): any other
 * `timeZone` option throws V8's own RangeError, "Invalid time zone specified: Foo/Bar". The rest
 * of Intl is the real one.
 *
 * Self-contained (no closure over module names): parallel.ts embeds its source in the worker.
 */
export function utcOnlyIntl(base: typeof Intl): typeof Intl {
  const Real = base.DateTimeFormat;
  const utc = /^(utc|etc\/utc|gmt|etc\/gmt|etc\/universal|etc\/zulu|universal|zulu)$/i;
  const check = (options: unknown): void => {
    const zone =
      options && typeof options === 'object'
        ? (options as { timeZone?: unknown }).timeZone
        : undefined;
    if (zone !== undefined && !utc.test(String(zone)))
      throw new RangeError(`Invalid time zone specified: ${String(zone)}`);
  };
  const DateTimeFormat = function (this: unknown, locales?: unknown, options?: unknown) {
    check(options);
    return new Real(locales as string, options as Intl.DateTimeFormatOptions);
  } as unknown as typeof Intl.DateTimeFormat;
  Object.defineProperty(DateTimeFormat, 'prototype', { value: Real.prototype });
  Object.defineProperty(DateTimeFormat, 'supportedLocalesOf', {
    value: Real.supportedLocalesOf.bind(Real),
  });
  return new Proxy(base, {
    get: (target, key) => (key === 'DateTimeFormat' ? DateTimeFormat : Reflect.get(target, key)),
  });
}
