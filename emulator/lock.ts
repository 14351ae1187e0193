import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';

/**
 * LockService: https://developers.google.com/apps-script/reference/lock/lock
 *
 * Design. One LockTable per emulator holds who owns each lock: the script lock, the document
 * lock, and one user lock per user. An owner is an execution (its id); a Lock object is that
 * execution's handle. Acquisition asks the table; when another execution holds the lock:
 *  - tryLock(ms) advances the emulated clock by ms (the time a real call would have waited) and
 *    returns false;
 *  - waitLock(ms) does the same, then throws the real text (LOCK_TIMEOUT).
 * The holder cannot make progress while the caller waits because everything runs on one thread,
 * so a wait always times out here. parallel.ts runs executions truly side by side (one worker
 * thread each, services answered by the main thread over synchronous RPC): there a busy
 * waitLock parks the caller until the holder releases or ends, or, when no execution can make
 * progress, until its deadline on the emulated clock.
 * Lock.releaseLock by a non-owner does nothing; locks are released when their execution ends.
 */
/** The text real executions report from waitLock (quoted verbatim in many public Apps Script projects). */
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

/** 'document': the bound workbook's lock; `document:<id>` another workbook's (addWorkbook). */
export type LockScope = 'script' | 'document' | `document:${string}` | `user:${string}`;

export class LockTable {
  private readonly owners = new Map<LockScope, string>();

  holder(scope: LockScope): string | undefined {
    return this.owners.get(scope);
  }

  /** True when `owner` now holds the lock (it may already have held it). */
  acquire(scope: LockScope, owner: string): boolean {
    const current = this.owners.get(scope);
    if (current !== undefined && current !== owner) return false;
    this.owners.set(scope, owner);
    return true;
  }

  release(scope: LockScope, owner: string): void {
    if (this.owners.get(scope) === owner) this.owners.delete(scope);
  }

  releaseAll(owner: string): void {
    for (const [scope, o] of [...this.owners]) if (o === owner) this.owners.delete(scope);
  }
}

export class Lock {
  constructor(
    private readonly table: LockTable,
    private readonly scope: LockScope,
    private readonly owner: string,
    private readonly clock: Clock,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    const ms = checkTimeout(timeoutInMillis);
    if (this.table.acquire(this.scope, this.owner)) return true;
    this.clock.advance(ms);
    return false;
  }

  waitLock(timeoutInMillis: number): void {
    const ms = checkTimeout(timeoutInMillis);
    if (this.table.acquire(this.scope, this.owner)) return;
    this.clock.advance(ms);
    throw scriptError(LOCK_TIMEOUT);
  }

  hasLock(): boolean {
    return this.table.holder(this.scope) === this.owner;
  }

  /** For a scheduler (parallel.ts): take the lock if free, without waiting or counting. */
  _acquireNow(): boolean {
    return this.table.acquire(this.scope, this.owner);
  }

  releaseLock(): void {
    this.table.release(this.scope, this.owner);
  }
}

function checkTimeout(ms: number): number {
  const n = Number(ms);
  if (!Number.isFinite(n) || n < 0) throw scriptError('Invalid argument: timeoutInMillis');
  return n;
}

export class LockServiceImpl {
  constructor(
    private readonly table: LockTable,
    private readonly owner: string,
    private readonly user: string,
    private readonly clock: Clock,
    private readonly calls: CallCounter,
    private readonly documentScope: LockScope = 'document',
  ) {}

  getScriptLock(): Lock {
    return this.lock('script');
  }
  getDocumentLock(): Lock {
    return this.lock(this.documentScope);
  }
  getUserLock(): Lock {
    return this.lock(`user:${this.user}`);
  }

  private lock(scope: LockScope): Lock {
    return counted(this.calls, 'Lock', new Lock(this.table, scope, this.owner, this.clock));
  }
}

export function createLockService(
  table: LockTable,
  owner: string,
  user: string,
  clock: Clock,
  calls: CallCounter,
  documentScope: LockScope = 'document',
): LockServiceImpl {
  return counted(
    calls,
    'LockService',
    new LockServiceImpl(table, owner, user, clock, calls, documentScope),
  );
}
