/**
 * The server core's error: what a person should read, in the workbook's language. Thrown by the
 * core (lock, attempts), the reading/writing layer and the features alike, so it lives at the
 * bottom of the server, below all of them.
 */
/** An error whose message is meant for the user, already in the workbook language. */
export class WorkbookError extends Error {
  /**
   * @param detail what the person who ran it should see too but the execution log must not hold
   * (cell contents, Law 25): shown by the menu, never part of `message`, which a trigger's
   * failure logs.
   */
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

/**
 * The document lock stayed busy, or rows kept moving under three attempts (attempts.ts):
 * nothing was done. A trigger keeps such work for later (platform/pending.ts) instead of
 * failing; a person is told to try again.
 */
export class BusyError extends WorkbookError {
  constructor(message: string) {
    super(message);
    this.name = 'BusyError';
  }
}
