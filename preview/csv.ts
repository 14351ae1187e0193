/**
 * CSV as RFC 4180 describes it (https://www.rfc-editor.org/rfc/rfc4180): fields separated by
 * commas, records by CRLF; a field holding a comma, a double quote or a line break is enclosed
 * in double quotes, and a double quote inside it is doubled. The parser also accepts LF line
 * ends and a UTF-8 byte order mark, which spreadsheet programs write.
 */

/** Quoted: separators, quotes, line breaks, edge spaces, and a leading apostrophe (OWASP's mark). */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$|^'/;

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) =>
      row.map((f) => (NEEDS_QUOTES.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(','),
    )
    .join('\r\n')
    .concat(rows.length > 0 ? '\r\n' : '');
}

export class CsvError extends Error {}

export function parseCsv(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
          throw new CsvError(`Line ${rows.length + 1}: text after a closing quote`);
      } else {
        field += ch;
        i++;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(`Line ${rows.length + 1}: a quoted field is not closed`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
