/**
 * CSV as RFC 4180 describes it (https://www.rfc-editor.org/rfc/rfc4180): fields separated by
 * commas, records by CRLF; a field holding the separator, a double quote or a line break is
 * enclosed in double quotes, and a double quote inside it is doubled. The parser also accepts
 * LF line ends and a byte order mark, which spreadsheet programs write.
 *
 * Dialects. Excel writes CSV with the system's list separator: ';' where the decimal separator
 * is a comma, as in French Canada (https://support.microsoft.com/office/import-or-export-text-txt-or-csv-files-5250ac4c-663c-47ce-937b-339e391393ba:
 * "the list separator … comma or semicolon"), in the system's ANSI code page (Windows-1252 for
 * French and English) unless "CSV UTF-8" is chosen, which has a BOM; "Unicode Text" is UTF-16LE
 * with tabs. `decodeCsv` and `detectSeparator` read all of those; `formatCsv` writes any
 * separator, and the exporter adds the BOM without which Excel reads UTF-8 as ANSI.
 */

export type Separator = ',' | ';' | '\t';
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export const BOM = '\uFEFF';

/** Quoted: the separator, quotes, line breaks, edge spaces, and a leading apostrophe (OWASP's mark). */
function needsQuotes(field: string, sep: Separator): boolean {
  return field.includes(sep) || /[",\r\n]|^\s|\s$|^'/.test(field);
}

export function formatCsv(rows: readonly (readonly string[])[], sep: Separator = ','): string {
  return rows
    .map((row) =>
      row.map((f) => (needsQuotes(f, sep) ? `"${f.replace(/"/g, '""')}"` : f)).join(sep),
    )
    .join('\r\n')
    .concat(rows.length > 0 ? '\r\n' : '');
}

/** A refused file: `key` names the message (preview/messages.ts), `line` the physical line. */
export class CsvError extends Error {
  constructor(
    readonly key: 'csvTextAfterQuote' | 'csvUnclosedQuote',
    readonly line: number,
  ) {
    super(`${key} at line ${line}`);
  }
}

/**
 * The separator of a file: the one of `,` `;` tab that occurs most often, outside quotes, in
 * its first record (the header row, whose names never hold one); a comma when none does.
 */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = text.startsWith(BOM) ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.keys(counts) as Separator[]).reduce((a, b) =>
    counts[b] > counts[a] ? b : a,
  );
  return counts[best] > 0 ? best : ',';
}

/**
 * A file's bytes as text. A BOM says the encoding (UTF-8, UTF-16 LE or BE); without one, bytes
 * that are valid UTF-8 are UTF-8 (plain ASCII is both), anything else is Windows-1252, the ANSI
 * code page of French and English Windows, where Excel's plain "CSV" is written.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (a === 0xff && b === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (a === 0xfe && b === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Windows-1252's 0x80–0x9F (the WHATWG Encoding Standard's index-windows-1252; 0x81, 0x8D, 0x8F,
 * 0x90 and 0x9D are unassigned and stay as the C1 code point). The rest is ISO-8859-1. Node 20's
 * TextDecoder('windows-1252') decodes 0x80–0x9F as C1 controls (ISO-8859-1), losing ’ œ € — and
 * Excel writes the apostrophe of « d’œuvre » as 0x92 — so the table is here.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x4000) {
    const chunk = bytes.subarray(i, i + 0x4000);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) =>
        b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b,
      ),
    );
  }
  return out;
}

/** Records and the physical line each begins on (a quoted field may hold line breaks). */
export interface ParsedCsv {
  rows: string[][];
  lines: number[];
}

export function parseCsvLines(text: string, sep: Separator = ','): ParsedCsv {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let line = 1;
  let start = 1;
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
        if (next !== undefined && next !== sep && next !== '\r' && next !== '\n')
          throw new CsvError('csvTextAfterQuote', line);
      } else {
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        field += ch;
        i++;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      lines.push(start);
      row = [];
      field = '';
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      start = ++line;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError('csvUnclosedQuote', start);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
    lines.push(start);
  }
  return { rows, lines };
}

export function parseCsv(text: string, sep: Separator = ','): string[][] {
  return parseCsvLines(text, sep).rows;
}
