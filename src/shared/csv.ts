/**
 * CSV fields that a spreadsheet program would not run as a formula (CSV injection).
 *
 * OWASP, https://owasp.org/www-community/attacks/CSV_Injection: a field that begins with
 * `=`, `+`, `-`, `@`, a tab (0x09) or a carriage return (0x0D) is read as a formula by Excel,
 * LibreOffice and Google Sheets when the file is opened; prepend a single quote so it is read as
 * text, and enclose the field in double quotes, doubling the quotes inside it (RFC 4180,
 * https://www.rfc-editor.org/rfc/rfc4180#section-2).
 *
 * The start of the field is not enough. Excel splits a line at the system's list separator, `;`
 * on French-Canadian Windows (our users) and `,` elsewhere, whatever the file uses, and a double
 * quote protects a field only when it opens the part Excel splits off: in `C1,"'K;=1+1",5` read
 * with `;`, the part after the `;` is `=1+1",5`, a formula. So every part of a text that follows
 * a `;` or a `,` (after spaces or quotes) is a start too: each one that begins with a formula
 * starter gets its own single quote, right before the starter, and the field gets the leading
 * one. `restoreNeutralized` takes exactly those quotes away again (an importer's inverse): a
 * quote the text already had at such a place is doubled on the way out, so nothing is ambiguous.
 */

/** A formula starter at the start of the text or right after a `;` or `,` (spaces and quotes skipped). */
const FORMULA_PART = /(?:^|[;,])[ \u00a0"']*[=+\-@\t\r]/;
/** The places inside a text where a single quote goes: before each starter after a separator. */
const INNER_STARTER = /([;,][ \u00a0"']*)(?=[=+\-@\t\r])/g;
/** The single quotes INNER_STARTER put there. */
const INNER_MARK = /([;,][ \u00a0"']*)'(?=[=+\-@\t\r])/g;

/**
 * Whether a spreadsheet program could take this text, or a part of it split at a `;` or `,`
 * list separator, for a formula.
 */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_PART.test(text);
}

/**
 * The text as a CSV may carry it: unchanged when no part of it looks like a formula; else a
 * leading single quote (OWASP's mark) and one before each starter that follows a separator.
 * A text that already begins with a single quote gets the leading mark too, so that an importer
 * that takes one leading quote away (as Sheets does with typed input) gives back the text.
 */
export function neutralizeFormula(text: string): string {
  if (looksLikeFormula(text)) return `'${text.replace(INNER_STARTER, "$1'")}`;
  return text.startsWith("'") ? `'${text}` : text;
}

/** The text neutralizeFormula was given, from what it returned. */
export function restoreNeutralized(text: string): string {
  if (!text.startsWith("'")) return text;
  return text.slice(1).replace(INNER_MARK, '$1');
}

/**
 * One CSV field: formula-like text neutralized, then quoted when it holds a comma, a semicolon,
 * a quote, CR or LF, a leading or trailing space, or was neutralized.
 */
export function csvField(text: string): string {
  const safe = neutralizeFormula(text);
  return safe !== text || /[",;\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
