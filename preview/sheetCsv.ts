/**
 * A sheet to CSV and back, so a team can carry the sample (or its own data) into a real Google
 * Sheet and back. Values are written locale-neutral: numbers with a dot, dates as ISO
 * 'yyyy-MM-dd' (what Sheets reads as a date in any locale), checkboxes as TRUE/FALSE.
 */
import type { Emulator } from '../emulator';
import { formatDateJava } from '../emulator/time';
import {
  SHEETS,
  normalizeHeader,
  type ColumnDef,
  type ColumnKind,
  type SheetKey,
} from '../src/shared/contract';
import { looksLikeFormula } from '../src/shared/csv';
import { formatCsv, parseCsv, CsvError } from './csv';
import { headerRow, replaceDataRows, sheetOrThrow, type CellInput } from './workbookIO';

function cellText(v: unknown, timeZone: string): string {
  if (v instanceof Date) {
    const time = formatDateJava(v, timeZone, 'HH:mm:ss');
    return formatDateJava(v, timeZone, time === '00:00:00' ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm:ss');
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return textField(v);
  return String(v ?? '');
}

/**
 * Text that a spreadsheet program would run as a formula gets OWASP's leading single quote
 * (src/shared/csv.ts); so does text that already begins with one, so that the importer, which
 * takes a leading quote as "the rest is text" (as Sheets does with typed input), gives back
 * exactly what was exported. Numbers are not text: -5 stays -5.
 */
function textField(text: string): string {
  return looksLikeFormula(text) || text.startsWith("'") ? `'${text}` : text;
}

export function exportSheetCsv(emu: Emulator, name: string): string {
  const tz = emu.spreadsheet.timeZone;
  return formatCsv(emu.spreadsheet.values(name).map((row) => row.map((v) => cellText(v, tz))));
}

/** The contract sheet a sheet name belongs to, in either language. */
export function contractSheet(name: string): SheetKey | undefined {
  return (Object.keys(SHEETS) as SheetKey[]).find(
    (k) => SHEETS[k].en === name || SHEETS[k].fr === name,
  );
}

/** The contract column a header text names, in either language. */
export function contractColumn(key: SheetKey | undefined, header: string): ColumnDef | undefined {
  if (!key) return undefined;
  const h = normalizeHeader(header);
  return (SHEETS[key].columns as readonly ColumnDef[]).find(
    (c) => normalizeHeader(c.en) === h || normalizeHeader(c.fr) === h,
  );
}

const NUMERIC: readonly ColumnKind[] = ['number', 'money', 'percent'];
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A CSV field as the value to write. Numbers written as text would be read in the sheet's
 * locale ("3033.77" is not a number in fr_CA), so numeric columns get numbers; checkbox columns
 * get booleans; any other text is typed input, except that a leading "=" is kept as text
 * (the leading apostrophe is Sheets' "this is text" mark: https://support.google.com/docs/answer/3094044),
 * because imported data is never a formula. A field that begins with an apostrophe (how the
 * exporter marks formula-like text) is typed as it is: the apostrophe makes the rest text.
 */
function fieldValue(text: string, kind: ColumnKind | undefined): CellInput {
  if (text === '') return '';
  if (kind && NUMERIC.includes(kind) && NUMBER_TEXT.test(text.trim())) return Number(text.trim());
  if (kind === 'checkbox' && /^(true|false)$/i.test(text.trim()))
    return text.trim().toLowerCase() === 'true';
  if (text.startsWith('=')) return `'${text}`;
  return text;
}

export interface ImportReport {
  rows: number;
  /** The range written, for the edit event that a paste fires. */
  a1: string | null;
}

export class ImportError extends Error {}

/**
 * Replaces a sheet's data rows with a CSV's. The CSV's first row must be the sheet's headers
 * (either language, any order); its columns are placed under the sheet's columns of the same
 * header. An unknown header or a missing required column refuses the whole file.
 */
export function importSheetCsv(emu: Emulator, name: string, text: string): ImportReport {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    throw new ImportError(e instanceof CsvError ? e.message : String(e));
  }
  const [csvHeader, ...data] = rows;
  if (!csvHeader || csvHeader.every((h) => h.trim() === ''))
    throw new ImportError('The file has no header row');
  const sheet = sheetOrThrow(emu, name);
  const sheetHeader = headerRow(sheet);
  const key = contractSheet(name);
  const same = (a: string, b: string): boolean => {
    if (normalizeHeader(a) === normalizeHeader(b)) return true;
    const ca = contractColumn(key, a);
    return ca !== undefined && ca === contractColumn(key, b);
  };
  const target = csvHeader.map((h) =>
    h.trim() === '' ? -1 : sheetHeader.findIndex((s) => same(s, h)),
  );
  const unknown = csvHeader.filter((h, i) => h.trim() !== '' && target[i] === -1);
  if (unknown.length > 0) throw new ImportError(`Unknown columns: ${unknown.join(', ')}`);
  if (key) {
    const missing = (SHEETS[key].columns as readonly ColumnDef[]).filter(
      (c) => c.required && !csvHeader.some((h) => contractColumn(key, h) === c),
    );
    if (missing.length > 0)
      throw new ImportError(
        `Missing columns: ${missing.map((c) => `${c.fr} / ${c.en}`).join(', ')}`,
      );
  }
  const kinds = sheetHeader.map((h) => contractColumn(key, h)?.kind);
  const block = data
    .filter((r) => r.some((f) => f !== ''))
    .map((r) => {
      const out: CellInput[] = sheetHeader.map(() => '');
      r.forEach((f, i) => {
        const t = target[i];
        if (t !== undefined && t >= 0) out[t] = fieldValue(f, kinds[t]);
      });
      return out;
    });
  replaceDataRows(emu, name, block);
  const lastCol = sheetHeader.length;
  const a1 =
    block.length > 0 && lastCol > 0
      ? sheet.getRange(2, 1, block.length, lastCol).getA1Notation()
      : null;
  return { rows: block.length, a1 };
}
