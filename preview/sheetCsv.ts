/**
 * A sheet to CSV and back, so a team can carry the sample (or its own data) into a real Google
 * Sheet and back. Values are written locale-neutral: numbers with a dot, dates as ISO
 * 'yyyy-MM-dd' (what Sheets reads as a date in any locale), checkboxes as TRUE/FALSE. Files
 * are read in any of the dialects csv.ts knows (Excel's in French: ';', Windows-1252).
 */
import type { Emulator } from '../emulator';
import { formatDateJava } from '../emulator/time';
import { cellCode, cellCodeKey, codeKey } from '../src/domain/cells';
import {
  SHEETS,
  langFromLocale,
  normalizeHeader,
  sheetName,
  type ColumnDef,
  type ColumnKind,
  type Lang,
  type SheetKey,
} from '../src/shared/contract';
import { neutralizeFormula, restoreNeutralized } from '../src/shared/csv';
import { clientCodeProblem } from '../src/shared/schemas';
import type { Params } from '../src/shared/text';
import {
  BOM,
  CsvError,
  decodeCsv,
  detectSeparator,
  formatCsv,
  parseCsvLines,
  type CsvEncoding,
  type Separator,
} from './csv';
import { t, type PreviewText } from './messages';
import {
  activeSpreadsheet,
  headerRow,
  replaceDataRows,
  sheetOrThrow,
  type CellInput,
} from './workbookIO';

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

/**
 * A sheet as a CSV file: UTF-8 with a byte order mark (without it Excel reads UTF-8 as the ANSI
 * code page and shows "TÃ©lÃ©phone"), the separator chosen (',' by default; ';' for Excel in
 * French, whose list separator it is), values as cellText writes them whatever the separator.
 */
export function exportSheetCsv(emu: Emulator, name: string, sep: Separator = ','): string {
  const tz = emu.spreadsheet.timeZone;
  return (
    BOM +
    formatCsv(
      emu.spreadsheet.values(name).map((row) => row.map((v) => cellText(v, tz))),
      sep,
    )
  );
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
/** A decimal comma, as Excel writes numbers in a ';' file (French list separator). */
const COMMA_NUMBER_TEXT = /^-?\d+(,\d+)?$/;

/**
 * A CSV field as the value to write. Numbers written as text would be read in the sheet's
 * locale ("3033.77" is not a number in fr_CA), so numeric columns get numbers (a decimal comma
 * too in a ';' or tab file, where the comma is no separator); checkbox columns get booleans;
 * any other text is typed input, except that a leading "=" is kept as text (the leading
 * apostrophe is Sheets' "this is text" mark: https://support.google.com/docs/answer/3094044),
 * because imported data is never a formula. A field that begins with an apostrophe (how the
 * exporter marks formula-like text) is typed as it is: the apostrophe makes the rest text.
 */
function fieldValue(
  text: string,
  kind: ColumnKind | undefined,
  sep: Separator,
  plainText = false,
): CellInput {
  if (text === '') return '';
  const trimmed = text.trim();
  if (kind && NUMERIC.includes(kind)) {
    if (NUMBER_TEXT.test(trimmed)) return Number(trimmed);
    if (sep !== ',' && COMMA_NUMBER_TEXT.test(trimmed)) return Number(trimmed.replace(',', '.'));
  }
  if (kind === 'checkbox' && /^(true|false)$/i.test(trimmed))
    return trimmed.toLowerCase() === 'true';
  if (text.startsWith('=')) return `'${text}`;
  // The exporter's marks (textField): the leading one stays as Sheets' text mark (a plain-text
  // column keeps typed input as it is, so there it goes too), the inner ones are taken away.
  if (text.startsWith("'")) return `${plainText ? '' : "'"}${restoreNeutralized(text)}`;
  return text;
}

/** The text a cell will hold for a field of a plain-text column (the exporter's marks taken away). */
function heldText(field: string): string {
  return restoreNeutralized(field);
}

export interface ImportReport {
  rows: number;
  /** The range written, for the edit event that a paste fires. */
  a1: string | null;
}

/** How the file was read: its encoding and separator (said in the question). */
export interface CsvDialect {
  encoding: CsvEncoding;
  separator: Separator;
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
  dialect: CsvDialect;
  /** On Clients, Terms and Invoices: keys of the sheet that the file does not have (removed). */
  removed: string[];
  /** On Clients: rows of other sheets that name a removed client (they stay, orphaned). */
  orphans: { sheet: string; rows: number }[];
}

/**
 * The column that identifies a row, for the sheets that have one: a kept cell (a column the file
 * lacks) stays with the row of the same key, wherever the file puts that row. Other sheets keep
 * such cells by position. A key appears once: the product finds a client by its code (Clients,
 * Terms) and an invoice by its number.
 */
const ROW_KEY: Partial<Record<SheetKey, string>> = {
  clients: 'code',
  terms: 'clientCode',
  invoices: 'number',
};

/** Columns that hold a client code, checked by the form's rules (src/shared/schemas.ts). */
const CODE_COLUMNS: Partial<Record<SheetKey, string>> = {
  clients: 'code',
  terms: 'clientCode',
  commissions: 'clientCode',
  crmLog: 'clientCode',
  invoices: 'clientCode',
};

/** Sheets whose rows name a client: what a removed client leaves behind. */
const REFERRING: readonly SheetKey[] = ['terms', 'commissions', 'crmLog', 'invoices'];

/** Problems named in a refusal; the rest are counted. */
const MAX_PROBLEMS = 8;

/** A refused file: `key` names the message (preview/messages.ts), with its parameters. */
export class ImportError extends Error {
  constructor(
    readonly key: PreviewText,
    readonly params: Params = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

/** A file as it came from the page: its bytes (any dialect), or text already decoded. */
export type CsvInput = Uint8Array | string;

interface Parsed {
  sheetHeader: string[];
  /** For each sheet column, the CSV column placed under it (-1: the file lacks it). */
  source: number[];
  data: string[][];
  /** The physical line of each data row, for messages. */
  lines: number[];
  key: SheetKey | undefined;
  keyColumn: number;
  dialect: CsvDialect;
}

function readFile(input: CsvInput): { text: string; dialect: CsvDialect } {
  const decoded =
    typeof input === 'string'
      ? { text: input, encoding: (input.startsWith(BOM) ? 'utf-8-bom' : 'utf-8') as CsvEncoding }
      : decodeCsv(input);
  return {
    text: decoded.text,
    dialect: { encoding: decoded.encoding, separator: detectSeparator(decoded.text) },
  };
}

/**
 * Reads a CSV against a sheet: its first row must be the sheet's headers (either language, any
 * order); an unknown header, a missing required column, a key that repeats or a client code the
 * form would refuse refuses the whole file, naming the lines.
 */
function parseFor(emu: Emulator, name: string, input: CsvInput, lang: Lang): Parsed {
  const { text, dialect } = readFile(input);
  let parsed;
  try {
    parsed = parseCsvLines(text, dialect.separator);
  } catch (e) {
    if (e instanceof CsvError) throw new ImportError(e.key, { line: e.line });
    throw e;
  }
  const [csvHeader, ...rows] = parsed.rows;
  if (!csvHeader || csvHeader.every((h) => h.trim() === '')) throw new ImportError('csvNoHeader');
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
  if (unknown.length > 0)
    throw new ImportError('csvUnknownColumns', {
      columns: unknown.map((h) => `« ${h} »`).join(', '),
      separator: separatorName(dialect.separator, lang),
    });
  const twice = csvHeader.filter((h, i) => target[i]! >= 0 && target.indexOf(target[i]!) !== i);
  if (twice.length > 0)
    throw new ImportError('csvColumnTwice', { columns: twice.map((h) => `« ${h} »`).join(', ') });
  if (key) {
    const missing = (SHEETS[key].columns as readonly ColumnDef[]).filter(
      (c) => c.required && !c.computed && !csvHeader.some((h) => contractColumn(key, h) === c),
    );
    if (missing.length > 0)
      throw new ImportError('csvMissingColumns', {
        columns: missing.map((c) => `« ${c[lang]} »`).join(', '),
      });
  }
  const source = sheetHeader.map((_, col) => target.indexOf(col));
  const keyDef = key && ROW_KEY[key];
  const keyColumn = keyDef
    ? sheetHeader.findIndex((h) => contractColumn(key, h)?.key === keyDef)
    : -1;
  const data: string[][] = [];
  const lines: number[] = [];
  rows.forEach((r, i) => {
    if (!r.some((f) => f !== '')) return;
    data.push(r);
    lines.push(parsed.lines[i + 1]!);
  });
  const p: Parsed = {
    sheetHeader,
    source,
    data,
    lines,
    key,
    keyColumn: keyColumn >= 0 && source[keyColumn]! >= 0 ? keyColumn : -1,
    dialect,
  };
  checkRows(p, lang);
  return p;
}

/**
 * What the workbook forbids, before anything is replaced: a blank or repeated key (two clients
 * with one code: the form would open one from the other's row; two invoices with one number),
 * and client codes the form would refuse (too long, control characters, a formula's start).
 */
function checkRows(p: Parsed, lang: Lang): void {
  if (!p.key) return;
  const problems: string[] = [];
  const columnOf = (columnKey: string | undefined): { col: number; header: string } | null => {
    if (!columnKey) return null;
    const col = p.sheetHeader.findIndex((h) => contractColumn(p.key, h)?.key === columnKey);
    return col >= 0 && p.source[col]! >= 0 ? { col, header: p.sheetHeader[col]! } : null;
  };
  const field = (row: string[], col: number): string => heldText(row[p.source[col]!] ?? '').trim();
  const code = columnOf(CODE_COLUMNS[p.key]);
  if (code)
    p.data.forEach((row, i) => {
      const value = field(row, code.col);
      // A blank code is refused where it is the row's key (Clients, Terms: below); elsewhere
      // the row only names no client, which the sheet allows.
      if (value === '') return;
      const why = clientCodeProblem(value, lang);
      if (why)
        problems.push(
          t('importBadCode', lang, { line: p.lines[i]!, column: code.header, code: value, why }),
        );
    });
  if (p.keyColumn >= 0) {
    const header = p.sheetHeader[p.keyColumn]!;
    const seen = new Map<string, number[]>();
    p.data.forEach((row, i) => {
      const value = field(row, p.keyColumn);
      if (value === '') {
        problems.push(t('importBlankKey', lang, { line: p.lines[i]!, column: header }));
        return;
      }
      const k = codeKey(value);
      seen.set(k, [...(seen.get(k) ?? []), i]);
    });
    for (const rows of seen.values())
      if (rows.length > 1)
        problems.push(
          t('importDuplicateKey', lang, {
            column: header,
            value: field(p.data[rows[0]!]!, p.keyColumn),
            lines: listOf(
              rows.map((i) => String(p.lines[i])),
              lang,
            ),
          }),
        );
  }
  if (problems.length > 0)
    throw new ImportError('importRowsRefused', {
      problems:
        problems.slice(0, MAX_PROBLEMS).join(' ') +
        (problems.length > MAX_PROBLEMS
          ? ` ${t('importMoreProblems', lang, { n: problems.length - MAX_PROBLEMS })}`
          : ''),
    });
}

/** "2, 5 and 9" / "2, 5 et 9". */
function listOf(items: string[], lang: Lang): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items.at(-1)}`;
}

export function separatorName(sep: Separator, lang: Lang): string {
  return t(sep === ',' ? 'sepComma' : sep === ';' ? 'sepSemicolon' : 'sepTab', lang);
}

/** What importing `input` into sheet `name` would do; throws ImportError for a refused file. */
export function planImport(
  emu: Emulator,
  name: string,
  input: CsvInput,
  lang: Lang = langFromLocale(emu.locale),
): ImportPlan {
  const p = parseFor(emu, name, input, lang);
  const sheet = sheetOrThrow(emu, name);
  const last = sheet.getLastRow();
  let removed: string[] = [];
  const orphans: ImportPlan['orphans'] = [];
  if (p.keyColumn >= 0 && last >= 2) {
    const incoming = new Set(p.data.map((r) => codeKey(heldText(r[p.source[p.keyColumn]!] ?? ''))));
    const present = sheet
      .getRange(2, p.keyColumn + 1, last - 1, 1)
      .getValues()
      .map((r) => cellCode(r[0]))
      .filter((c) => c !== '');
    removed = [...new Set(present.filter((c) => !incoming.has(codeKey(c))))];
    if (p.key === 'clients' && removed.length > 0) {
      const gone = new Set(removed.map(codeKey));
      for (const other of REFERRING) {
        const n = codesIn(emu, other, lang).filter((c) => gone.has(codeKey(c))).length;
        if (n > 0) orphans.push({ sheet: sheetName(other, lang), rows: n });
      }
    }
  }
  return {
    before: Math.max(0, last - 1),
    rows: p.data.length,
    kept: p.sheetHeader.filter((h, col) => h.trim() !== '' && p.source[col] === -1),
    keyHeader: p.keyColumn >= 0 ? p.sheetHeader[p.keyColumn]! : null,
    dialect: p.dialect,
    removed,
    orphans,
  };
}

/** The client codes of a sheet's rows (its Client code column), blanks included as ''. */
function codesIn(emu: Emulator, key: SheetKey, lang: Lang): string[] {
  const sheet = activeSpreadsheet(emu).getSheetByName(sheetName(key, lang));
  if (!sheet || sheet.getLastRow() < 2) return [];
  const col = headerRow(sheet).findIndex((h) => contractColumn(key, h)?.key === 'clientCode');
  if (col < 0) return [];
  return sheet
    .getRange(2, col + 1, sheet.getLastRow() - 1, 1)
    .getValues()
    .map((r) => cellCode(r[0]));
}

/**
 * Replaces a sheet's data rows with a CSV's, placing its columns under the sheet's columns of
 * the same header. Columns the file lacks keep their cells: with the row of the same key on
 * Clients, Terms and Invoices (ROW_KEY), else with the row at the same position.
 */
export function importSheetCsv(
  emu: Emulator,
  name: string,
  input: CsvInput,
  lang: Lang = langFromLocale(emu.locale),
): ImportReport {
  const p = parseFor(emu, name, input, lang);
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
      const k = cellCodeKey(r[p.keyColumn]);
      if (k !== '' && !oldByKey.has(k)) oldByKey.set(k, r);
    }
  const block = p.data.map((r, i) => {
    const previous =
      p.keyColumn >= 0 ? oldByKey.get(codeKey(heldText(r[p.source[p.keyColumn]!] ?? ''))) : old[i];
    return p.sheetHeader.map((_, col): CellInput => {
      const from = p.source[col]!;
      if (from >= 0)
        return fieldValue(r[from] ?? '', kinds[col], p.dialect.separator, plainText[col]);
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
