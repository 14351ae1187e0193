import { ATTEMPTS, MOVED, untilSettled } from '../../src/server/platform/attempts';
import { WorkbookError } from '../../src/server/platform/errors';
import { t } from '../../src/server/platform/messages';

/** The error `fn` throws (fails the test when it throws none). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('nothing thrown');
}

describe('untilSettled', () => {
  it('makes three attempts', () => {
    expect(ATTEMPTS).toBe(3);
  });

  it('returns the first attempt’s value when nothing moved, without another attempt', () => {
    const seen: number[] = [];
    expect(untilSettled('en', (n) => (seen.push(n), { rows: 4 }))).toEqual({ rows: 4 });
    expect(seen).toEqual([0]);
  });

  it('tries again while rows moved, and returns the value of the attempt that settled', () => {
    const seen: number[] = [];
    const value = untilSettled('en', (n) => (seen.push(n), n < 2 ? MOVED : `written at ${n}`));
    expect(value).toBe('written at 2');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('null, undefined, false and 0 are results, not "moved"', () => {
    for (const result of [null, undefined, false, 0, '']) {
      let attempts = 0;
      expect(untilSettled('fr', () => (attempts++, result))).toBe(result);
      expect(attempts).toBe(1);
    }
  });

  it.each([
    ['fr', 'occupé'],
    ['en', 'busy'],
  ] as const)(
    'after three attempts that found rows moved: the "busy" WorkbookError (%s)',
    (lang, word) => {
      let attempts = 0;
      const error = thrown(() => untilSettled(lang, () => (attempts++, MOVED)));
      expect(attempts).toBe(3);
      expect(error).toBeInstanceOf(WorkbookError);
      expect(error.message).toBe(t('busy', lang));
      expect(error.message).toContain(word);
    },
  );

  it('onBusy gives the result instead of throwing, with the message in the workbook language', () => {
    const messages: string[] = [];
    let attempts = 0;
    const result = untilSettled<string | null>('fr', () => (attempts++, MOVED), {
      onBusy: (message) => (messages.push(message), null),
    });
    expect(result).toBeNull();
    expect(attempts).toBe(3);
    expect(messages).toEqual([t('busy', 'fr')]);
  });

  it('an error thrown by an attempt is not retried', () => {
    let attempts = 0;
    const error = thrown(() =>
      untilSettled('en', () => {
        attempts++;
        throw new Error('missing column');
      }),
    );
    expect(error.message).toBe('missing column');
    expect(attempts).toBe(1);
  });
});
