/**
 * The common machinery of the emulated service objects: each public method call is counted
 * once as "Class.method" (that is what a call costs in Apps Script), and objects returned by a
 * method are themselves counted views. Counting lives in one Proxy so no method can forget
 * it and internal calls between emulator objects never count.
 */
import type { CallCounter } from '../../calls';
import type { EmulatedSpreadsheet } from '../document';
import type { GridRef } from '../model';
import type { SheetModel } from '../sheetModel';

export interface SpreadsheetContext {
  /** Every service method call counts here once ('Range.getValues', …). */
  calls: CallCounter;
  /** The emulated clock. */
  now(): Date;
  activeUserEmail(): string;
  /** SpreadsheetApp.getUi() delegates here (the Ui service lives with the other services). */
  ui?: () => GoogleAppsScript.Base.Ui;
  /** Spreadsheet.toast delegates here when set; toasts are also recorded on the document. */
  toast?: (message: string, title: string, timeoutSeconds: number) => void;
}

export interface Env {
  ctx: SpreadsheetContext;
  doc: EmulatedSpreadsheet;
}

export abstract class Service {
  abstract readonly kind: string;
  constructor(readonly env: Env) {}

  toString(): string {
    return this.kind;
  }

  /** JSON.stringify of an Apps Script object gives "{}". */
  toJSON(): Record<string, never> {
    return {};
  }
}

/**
 * Constructors that would make an import cycle (Range.getSheet needs Sheet, which needs
 * Range): sheet.ts registers itself here when loaded.
 */
export const factories: {
  sheet: (env: Env, sheet: SheetModel) => Service;
  range: (env: Env, sheet: SheetModel, ref: GridRef) => Service;
} = {
  sheet: () => {
    throw new Error('Emulator: sheet service not loaded');
  },
  range: () => {
    throw new Error('Emulator: range service not loaded');
  },
};

/** Methods every JS object answers to that are not Apps Script calls. */
const UNCOUNTED = new Set(['toString', 'toJSON', 'valueOf', 'constructor']);

const views = new WeakMap<Service, Service>();

function wrapResult(v: unknown): unknown {
  if (v instanceof Service) return expose(v);
  if (Array.isArray(v) && v.length > 0) {
    const first: unknown = v[0];
    if (first instanceof Service || (Array.isArray(first) && first[0] instanceof Service))
      return v.map(wrapResult);
  }
  return v;
}

/** The counted view of a service object, as scripts see it. */
export function expose<T extends Service>(obj: T): T {
  const known = views.get(obj);
  if (known) return known as T;
  const view = new Proxy(obj, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const counted = !prop.startsWith('_') && !UNCOUNTED.has(prop);
      const fn = value as (...args: unknown[]) => unknown;
      // A counted call is also timed (calls.ts): its CPU is the emulator standing in for Google.
      return (...args: unknown[]): unknown =>
        counted
          ? target.env.ctx.calls.call(`${target.kind}.${prop}`, () =>
              wrapResult(fn.apply(target, args)),
            )
          : wrapResult(fn.apply(target, args));
    },
  });
  views.set(obj, view);
  return view;
}

/** For a method the emulator deliberately lacks: fail loudly rather than pretend. */
export function notImplemented(kind: string, method: string): never {
  throw new Error(`Emulator: ${kind}.${method} is not implemented`);
}

/** Apps Script rejects a call with the wrong arguments with this kind of message. */
export function invalidArgument(name: string): Error {
  return new Error(`Invalid argument: ${name}`);
}

/**
 * Sheets stores colours in lower-case hex and names a few; getBackground returns '#ffffff' for
 * a cell never coloured. https://developers.google.com/apps-script/reference/spreadsheet/range#getBackground()
 */
export function normalizeColor(color: string | null | undefined): string | undefined {
  if (color === null || color === undefined || color === '') return undefined;
  const named: Record<string, string> = {
    white: '#ffffff',
    black: '#000000',
    red: '#ff0000',
    green: '#008000',
    blue: '#0000ff',
    yellow: '#ffff00',
    orange: '#ffa500',
    gray: '#808080',
    grey: '#808080',
  };
  const c = color.trim().toLowerCase();
  if (named[c]) return named[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}
