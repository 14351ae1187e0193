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
import { neutralizeFormula, restoreNeutralized } from '../src/shared/csv';
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
 * Text that a spreadsheet program would run as a formula, at its start or after a `;` or `,`
 * list separator, gets OWASP's single quotes (src/shared/csv.ts neutralizeFormula); so does text
 * that already begins with one, so that the importer, which takes a leading quote as "the rest
 * is text" (as Sheets does with typed input) and the inner quotes away (restoreNeutralized),
 * gives back exactly what was exported. Numbers are not text: -5 stays -5.
 */
function textField(text: string): string {
  return neutralizeFormula(text);
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
function fieldValue(text: string, kind: ColumnKind | undefined, plainText = false): CellInput {
  if (text === '') return '';
  if (kind && NUMERIC.includes(kind) && NUMBER_TEXT.test(text.trim())) return Number(text.trim());
  if (kind === 'checkbox' && /^(true|false)$/i.test(text.trim()))
    return text.trim().toLowerCase() === 'true';
  if (text.startsWith('=')) return `'${text}`;
  // The exporter's marks (textField): the leading one stays as Sheets' text mark (a plain-text
  // column keeps typed input as it is, so there it goes too), the inner ones are taken away.
  if (text.startsWith("'")) return `${plainText ? '' : "'"}${restoreNeutralized(text)}`;
  return text;
}

export interface ImportReport {
  rows: number;
  /** The range written, for the edit event that a paste fires. */
  a1: string | null;
}

/** What an import would do, for the question asked before it. */
export interface ImportPlan {
  /** Data rows the sheet has now, and the file's. */
  before: number;
  rows: number;
  /** Sheet columns the file lacks: their cells are kept. */
  kept: string[];
  /** How kept cells follow their row: by this key column's value, or by position. */
  keyHeader: string | null;
}

/**
 * The column that identifies a row, for the sheets that have one: a kept cell (a column the file
 * lacks) stays with the row of the same key, wherever the file puts that row. Other sheets keep
 * such cells by position.
 */
const ROW_KEY: Partial<Record<SheetKey, string>> = {
  clients: 'code',
  terms: 'clientCode',
  invoices: 'number',
};

export class ImportError extends Error {}

interface Parsed {
  sheetHeader: string[];
  /** For each sheet column, the CSV column placed under it (-1: the file lacks it). */
  source: number[];
  data: string[][];
  key: SheetKey | undefined;
  keyColumn: number;
}

/**
 * Reads a CSV against a sheet: its first row must be the sheet's headers (either language, any
 * order); an unknown header or a missing required column refuses the whole file.
 */
function parseFor(emu: Emulator, name: string, text: string): Parsed {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    throw new ImportError(e instanceof CsvError ? e.message : String(e));
  }
  const [csvHeader, ...data] = rows;
  if (!csvHeader || csvHeader.every((h) => h.trim() === ''))
    throw new ImportError('The file has no header row');
  const sheetHeader = headerRow(sheetOrThrow(emu, name));
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
  const source = sheetHeader.map((_, col) => target.indexOf(col));
  const keyDef = key && ROW_KEY[key];
  const keyColumn = keyDef
    ? sheetHeader.findIndex((h) => contractColumn(key, h)?.key === keyDef)
    : -1;
  return {
    sheetHeader,
    source,
    data: data.filter((r) => r.some((f) => f !== '')),
    key,
    keyColumn: keyColumn >= 0 && source[keyColumn]! >= 0 ? keyColumn : -1,
  };
}

/** What importing `text` into sheet `name` would do; throws ImportError for a refused file. */
export function planImport(emu: Emulator, name: string, text: string): ImportPlan {
  const p = parseFor(emu, name, text);
  return {
    before: Math.max(0, sheetOrThrow(emu, name).getLastRow() - 1),
    rows: p.data.length,
    kept: p.sheetHeader.filter((h, col) => h.trim() !== '' && p.source[col] === -1),
    keyHeader: p.keyColumn >= 0 ? p.sheetHeader[p.keyColumn]! : null,
  };
}

/**
 * Replaces a sheet's data rows with a CSV's, placing its columns under the sheet's columns of
 * the same header. Columns the file lacks keep their cells: with the row of the same key on
 * Clients, Terms and Invoices (ROW_KEY), else with the row at the same position.
 */
export function importSheetCsv(emu: Emulator, name: string, text: string): ImportReport {
  const p = parseFor(emu, name, text);
  const sheet = sheetOrThrow(emu, name);
  const kinds = p.sheetHeader.map((h) => contractColumn(p.key, h)?.kind);
  const width = p.sheetHeader.length;
  const last = sheet.getLastRow();
  const oldRange = last >= 2 && width > 0 ? sheet.getRange(2, 1, last - 1, width) : null;
  const old: unknown[][] = oldRange ? oldRange.getValues() : [];
  // Whether each column is plain text ('@'), where typed input is never parsed.
  const plainText = p.sheetHeader.map(
    (_, col) => sheet.getRange(2, col + 1).getNumberFormat() === '@',
  );
  const oldByKey = new Map<string, unknown[]>();
  if (p.keyColumn >= 0)
    for (const r of old) {
      const k = String(r[p.keyColumn] ?? '').trim();
      if (k !== '' && !oldByKey.has(k)) oldByKey.set(k, r);
    }
  const block = p.data.map((r, i) => {
    const previous =
      p.keyColumn >= 0 ? oldByKey.get((r[p.source[p.keyColumn]!] ?? '').trim()) : old[i];
    return p.sheetHeader.map((_, col): CellInput => {
      const from = p.source[col]!;
      if (from >= 0) return fieldValue(r[from] ?? '', kinds[col], plainText[col]);
      return keptCell(previous?.[col], plainText[col]!);
    });
  });
  replaceDataRows(emu, name, block);
  const a1 =
    block.length > 0 && width > 0
      ? sheet.getRange(2, 1, block.length, width).getA1Notation()
      : null;
  return { rows: block.length, a1 };
}

/**
 * A kept cell written back as the value it held. In a plain-text column ('@') Sheets keeps typed
 * input as it is; elsewhere text gets Sheets' leading apostrophe, so it stays exactly that text
 * whatever it looks like (a formula, a number, a date).
 */
function keptCell(v: unknown, plainText: boolean): CellInput {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'string') return plainText ? v : `'${v}`;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}
