/** Small helpers shared by the preview's tests (not a test file). */
import { createServer } from 'node:net';
import { emptyClientRecord } from '../../src/shared/schemas';
import type { FormSaveRequest } from '../../src/shared/formApi';
import type { PreviewState } from '../../preview/state';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const p = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(p));
    });
  });
}

/** A formSave request for a new client, as the form sends it. */
export function newClientSave(code: string, name: string): FormSaveRequest {
  const record = emptyClientRecord(code);
  record.general.name = name;
  return { record, isNew: true };
}

/** The client codes of the Clients sheet in a saved preview workbook (column A). */
export function savedClientCodes(state: PreviewState): string[] {
  const sheet = state.spreadsheet.sheets.find((s) => s.name === 'Clients' || s.name === 'Client');
  if (!sheet) return [];
  return Object.entries(sheet.cells)
    .filter(([key]) => key.endsWith(',1') && key !== '1,1')
    .map(([, cell]) => String(cell.v ?? ''));
}

/** Windows-1252's 0x80–0x9F (WHATWG encoding table); the rest of 0x00–0xFF is Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Text as Excel's plain "CSV" writes it on French or English Windows: Windows-1252 bytes. */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
    const i = CP1252_HIGH.indexOf(ch);
    if (i < 0) throw new Error(`not in Windows-1252: ${ch}`);
    return 0x80 + i;
  });
}

/** Text as Excel's "Unicode Text" writes it: UTF-16 LE with its byte order mark. */
export function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(`\uFEFF${text.replace(/^\uFEFF/, '')}`, 'utf16le'));
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
