/**
 * What entry points accept from an untrusted caller. Any editor can call any top-level function
 * of the script with any JSON-like arguments (google.script.run from a dialog's console), so an
 * entry point that expects an object checks it has one, and a message that repeats an input
 * repeats at most a short, one-line piece of it: a 10 MB argument must not become a 10 MB
 * message in the execution log or an alert.
 */

/** A JSON object (not an array, not null, not a scalar), or null. */
export function plainObject(input: unknown): Record<string, unknown> | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  return input as Record<string, unknown>;
}

/** How much of an input a message may repeat. */
export const ECHO_MAX = 40;

/**
 * A text as one line of plain text: control and invisible formatting characters (line breaks,
 * bidirectional overrides, zero-width characters) and runs of white space become one space, and
 * it is cut at `max` characters with an ellipsis. Used for inputs quoted in messages and for
 * names typed in the workbook that a mail shows, which then cannot add lines of their own to a
 * message or reorder what the reader sees.
 */
export function plainLine(text: string, max: number): string {
  // Never more than needed of a huge text: a character may become a space, not disappear.
  const line = text
    .slice(0, max * 4 + 8)
    .normalize('NFC')
    .replace(/[\p{C}\s]+/gu, ' ')
    .trim();
  const chars = [...line];
  return chars.length <= max
    ? line
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** An input as a message may quote it: one line of at most ECHO_MAX characters. */
export function inputEcho(input: unknown, max = ECHO_MAX): string {
  if (typeof input === 'string') return plainLine(input, max);
  if (input === undefined) return '';
  let text: string;
  try {
    text = JSON.stringify(input) ?? String(input);
  } catch {
    text = Object.prototype.toString.call(input);
  }
  return plainLine(text, max);
}
