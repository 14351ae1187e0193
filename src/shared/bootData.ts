/**
 * Data shipped inside the sidebar page, so the form is ready in the execution that opens it
 * (decision 005: one execution from the menu to a form ready to type in, not a second round trip).
 *
 * It travels as a `<script type="application/json">` element: the browser never runs it, and
 * the JSON is escaped so that no text in it can end the element or open markup — `<`, `>` and
 * `&` become \u003c, \u003e and \u0026 (valid JSON escapes, the same text once parsed), and
 * U+2028/U+2029 are escaped as well. The page is built with HtmlService.createHtmlOutput, not a
 * template, so no scriptlet (`<? ?>`) in the data is ever evaluated.
 * https://html.spec.whatwg.org/multipage/scripting.html#restrictions-for-contents-of-script-elements
 */
export const BOOT_ELEMENT_ID = 'fiche-boot';

/** JSON safe to place inside a script element of an HTML page. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The page with `data` placed just before `</head>` (or at its start when it has none). */
export function withBootData(page: string, data: unknown): string {
  const element = `<script type="application/json" id="${BOOT_ELEMENT_ID}">${scriptSafeJson(data)}</script>`;
  const at = page.indexOf('</head>');
  return at >= 0 ? page.slice(0, at) + element + page.slice(at) : element + page;
}
