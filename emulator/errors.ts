/**
 * Errors thrown by emulated services. Apps Script service failures reach script code as Error
 * objects whose message is the bare text ("Lock timeout: …") and whose string form carries the
 * "Exception: " prefix seen in the execution log, so scripts that match on `e.message` behave the
 * same here as there.
 */
export class ScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

export function scriptError(message: string): ScriptException {
  return new ScriptException(message);
}

/** The text Apps Script gives when a required argument is missing or of the wrong type. */
export function invalidArgument(name: string): ScriptException {
  return new ScriptException(`Invalid argument: ${name}`);
}
