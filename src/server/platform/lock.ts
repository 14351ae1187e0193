/**
 * The document lock around every read-compare-write section: one helper instead of a
 * try/flush/release block copied into each writer.
 *
 * LockService.getDocumentLock() serializes the executions of this script on this document
 * (https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock());
 * tryLock(ms) waits at most `ms` and returns false rather than throwing
 * (https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)). Pending
 * spreadsheet writes are applied with SpreadsheetApp.flush() before the lock is released, so the
 * next holder reads what this one wrote (the lock guide recommends it:
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()).
 */
import type { Lang } from '../../shared/contract';
import { BusyError } from './errors';
import { t } from './messages';
import { span } from './span';

export interface DocumentLockOptions<T> {
  /**
   * When to call SpreadsheetApp.flush() before releasing: 'success' (default) after the body
   * returned, 'always' also when it threw, 'never' when the body flushes itself or writes nothing.
   */
  flush?: 'success' | 'always' | 'never';
  /**
   * What a lock still held by someone else after `waitMs` gives: by default a WorkbookError with
   * the "busy" message in the workbook language; `onBusy` may throw another error or return a
   * result instead (the form's save answers the sidebar rather than throwing).
   */
  onBusy?: (message: string) => T;
}

/**
 * Runs `body` under the script lock, for a few property reads and writes that must not
 * interleave with another execution's (platform/pending.ts). Never the document lock: work kept
 * for later is recorded precisely when that one is busy. When the script lock itself stays busy
 * for `waitMs` (it is held for milliseconds), `body` runs anyway: a record racing another is no
 * worse than a record not made.
 */
export function withScriptLock<T>(waitMs: number, body: () => T): T {
  const lock = LockService.getScriptLock();
  const held = lock.tryLock(waitMs);
  try {
    return body();
  } finally {
    if (held) lock.releaseLock();
  }
}

/** Runs `body` under the document lock, waiting at most `waitMs` for it. */
export function withDocumentLock<T>(
  lang: Lang,
  waitMs: number,
  body: () => T,
  options: DocumentLockOptions<T> = {},
): T {
  const { flush = 'success', onBusy } = options;
  const lock = span('lock', () => {
    const documentLock = LockService.getDocumentLock();
    return documentLock.tryLock(waitMs) ? documentLock : null;
  });
  if (!lock) {
    const message = t('busy', lang);
    if (onBusy) return onBusy(message);
    throw new BusyError(message);
  }
  let done = false;
  try {
    const result = body();
    done = true;
    return result;
  } finally {
    span('flush and unlock', () => {
      try {
        if (flush === 'always' || (flush === 'success' && done)) SpreadsheetApp.flush();
      } finally {
        lock.releaseLock();
      }
    });
  }
}
