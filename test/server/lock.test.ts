import { withDocumentLock } from '../../src/server/platform/lock';
import { WorkbookError } from '../../src/server/platform/errors';
import { t } from '../../src/server/platform/messages';

/** Records the lock and flush calls in order; `free` says whether tryLock succeeds. */
function fakeServices(free: boolean): string[] {
  const calls: string[] = [];
  const lock = {
    tryLock: (ms: number) => (calls.push(`tryLock ${ms}`), free),
    releaseLock: () => void calls.push('release'),
  };
  Object.assign(globalThis, {
    LockService: { getDocumentLock: () => lock },
    SpreadsheetApp: { flush: () => void calls.push('flush') },
  });
  return calls;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).LockService;
  delete (globalThis as Record<string, unknown>).SpreadsheetApp;
});

describe('withDocumentLock', () => {
  it('runs the body under the lock, flushes, then releases, and returns its result', () => {
    const calls = fakeServices(true);
    const result = withDocumentLock('en', 30_000, () => (calls.push('body'), 42));
    expect(result).toBe(42);
    expect(calls).toEqual(['tryLock 30000', 'body', 'flush', 'release']);
  });
  it('releases without flushing when the body throws (default), flushes with "always"', () => {
    const calls = fakeServices(true);
    const boom = () => {
      throw new Error('boom');
    };
    expect(() => withDocumentLock('en', 10, boom)).toThrow('boom');
    expect(calls).toEqual(['tryLock 10', 'release']);
    calls.length = 0;
    expect(() => withDocumentLock('en', 10, boom, { flush: 'always' })).toThrow('boom');
    expect(calls).toEqual(['tryLock 10', 'flush', 'release']);
  });
  it('never flushes with "never"', () => {
    const calls = fakeServices(true);
    withDocumentLock('en', 10, () => 1, { flush: 'never' });
    expect(calls).toEqual(['tryLock 10', 'release']);
  });
  it('a busy lock throws the "busy" WorkbookError in the workbook language, body not run', () => {
    const calls = fakeServices(false);
    let error: unknown;
    try {
      withDocumentLock('fr', 10_000, () => calls.push('body'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as Error).message).toBe(t('busy', 'fr'));
    expect(calls).toEqual(['tryLock 10000']);
  });
  it('onBusy gives the result for a busy lock instead', () => {
    fakeServices(false);
    expect(withDocumentLock('en', 1, () => 'ran', { onBusy: (m) => `busy: ${m}` })).toBe(
      `busy: ${t('busy', 'en')}`,
    );
  });
  it('still releases when the flush throws', () => {
    const calls = fakeServices(true);
    (globalThis as unknown as { SpreadsheetApp: { flush(): void } }).SpreadsheetApp.flush = () => {
      throw new Error('flush failed');
    };
    expect(() => withDocumentLock('en', 1, () => 1)).toThrow('flush failed');
    expect(calls).toEqual(['tryLock 1', 'release']);
  });
});
