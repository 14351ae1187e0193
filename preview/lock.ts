/**
 * One preview per workbook file. Two previews on one file would each save their own workbook
 * over the other's after every action. The preview that opens a file writes `<file>.lock`
 * beside it (its process id, its address, when it started), created exclusively ('wx': only one
 * of two previews starting at once gets it). A second one reads it: when that process is alive
 * it says which preview holds the file and how to open another; when it is gone (killed,
 * crashed), the lock is stale and is taken over, with a message.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import type { Lang } from '../src/shared/contract';
import { t } from './messages';

export interface LockInfo {
  pid: number;
  url: string;
  startedAt: string;
}

export class LockedError extends Error {
  constructor(
    readonly file: string,
    readonly holder: LockInfo,
  ) {
    super(`${file} is open in preview ${holder.pid} (${holder.url})`);
  }

  say(lang: Lang): string {
    return t('cliLocked', lang, {
      file: this.file,
      pid: this.holder.pid,
      url: this.holder.url,
      since: this.holder.startedAt,
    });
  }
}

export function lockFileOf(dataFile: string): string {
  return `${dataFile}.lock`;
}

/** Whether a process runs with this id (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo> | null;
    if (!parsed || typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      url: typeof parsed.url === 'string' ? parsed.url : '?',
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : '?',
    };
  } catch {
    return null; // half-written or unreadable: no live preview can be named in it
  }
}

export interface HeldLock {
  /** The stale lock taken over, if there was one (for a message). */
  tookOver: LockInfo | null;
  release(): void;
}

/**
 * Takes the lock of `dataFile` for this process; throws LockedError when a live preview holds
 * it. A stale lock (its process gone, or unreadable) is replaced.
 */
export function acquireLock(dataFile: string, url: string): HeldLock {
  const file = lockFileOf(dataFile);
  const mine: LockInfo = { pid: process.pid, url, startedAt: new Date().toISOString() };
  let tookOver: LockInfo | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(file);
      if (holder && processAlive(holder.pid)) throw new LockedError(dataFile, holder);
      tookOver = holder ?? { pid: 0, url: '?', startedAt: '?' };
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(mine));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      tookOver,
      release() {
        if (released) return;
        released = true;
        // Only our own lock: a preview that took over a lock it thought stale keeps its own.
        if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
      },
    };
  }
  const holder = readLock(file);
  throw new LockedError(dataFile, holder ?? { pid: 0, url: '?', startedAt: '?' });
}
