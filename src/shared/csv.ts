/**
 * CSV fields that a spreadsheet program would not run as a formula (CSV injection).
 *
 * OWASP, https://owasp.org/www-community/attacks/CSV_Injection: a field that begins with
 * `=`, `+`, `-`, `@`, a tab (0x09) or a carriage return (0x0D) is read as a formula by Excel,
 * LibreOffice and Google Sheets when the file is opened; prepend a single quote so it is read as
 * text, and enclose the field in double quotes, doubling the quotes inside it (RFC 4180,
 * https://www.rfc-editor.org/rfc/rfc4180#section-2).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet program would take this text for a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text with OWASP's leading single quote when it would be read as a formula. */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * One CSV field: formula-leading text neutralized, then quoted when it holds a comma, a quote,
 * CR or LF, a leading or trailing space, or was neutralized.
 */
export function csvField(text: string): string {
  const safe = neutralizeFormula(text);
  return safe !== text || /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
