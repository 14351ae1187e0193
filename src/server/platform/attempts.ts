/**
 * The bounded "read, plan, check, write" loop every writer and reader of the workbook shares.
 *
 * Why: the document lock (./lock.ts) only keeps this script's own runs apart; people keep
 * sorting, inserting and deleting rows (or inserting columns) by hand while a run reads and
 * writes (README, "Shared editing"). A run that finds rows moved since it read them must not
 * write by the row numbers it remembers: it reads and plans again from what the sheet holds
 * now. Each attempt is that whole pass (read, plan, check right before each write). The number
 * of attempts is bounded, so someone sorting again and again cannot keep a run going until its
 * 6-minute limit: after the last one the run stops with the "busy" message in the workbook
 * language, having written nothing by a stale row number.
 */
import type { Lang } from '../../shared/contract';
import { BusyError } from './errors';
import { t } from './messages';

/** Passes of a read-plan-write section before it gives up with "busy". */
export const ATTEMPTS = 3;

/** What an attempt returns when rows or columns moved under it: read and plan again. */
export const MOVED: unique symbol = Symbol('moved');
export type Moved = typeof MOVED;

export interface UntilSettledOptions<T> {
  /**
   * What the last attempt finding rows moved gives: by default a BusyError (a WorkbookError)
   * with the "busy" message; `onBusy` may return a result instead (the form's save answers the
   * sidebar).
   */
  onBusy?: (message: string) => T;
}

/**
 * Runs `attempt` (given its 0-based number) until it returns something other than MOVED, at
 * most ATTEMPTS times, and returns that. Any value, null and undefined included, is a result:
 * only MOVED asks for another pass. An error thrown by an attempt is not retried.
 */
export function untilSettled<T>(
  lang: Lang,
  attempt: (n: number) => T | Moved,
  options: UntilSettledOptions<T> = {},
): T {
  for (let n = 0; n < ATTEMPTS; n++) {
    const result = attempt(n);
    if (result !== MOVED) return result;
  }
  const message = t('busy', lang);
  if (options.onBusy) return options.onBusy(message);
  throw new BusyError(message);
}
