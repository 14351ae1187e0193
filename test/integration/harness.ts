/**
 * Integration harness: the built bundle (dist/Code.js, run `npm run build` first; `npm test`
 * does) running on the emulator, with helpers to type rows into sheets by header text as a
 * person or an import would, and to read them back.
 */
import { createEmulator, type Emulator, type Manifest, type StateSnapshot } from '../../emulator';
import { SHEETS, type ColumnDef, type Lang, type SheetKey } from '../../src/shared/contract';
import type { ServerApi, ServerCall } from '../../src/shared/formApi';

export type Locale = 'fr_CA' | 'en_US';

export interface WorkbookOptions {
  locale?: Locale;
  now?: string;
  timeZone?: string;
  /**
   * Run setupWorkbook first (default true). A set-up workbook is restored from a snapshot taken
   * after the file's first Set up with the same settings: the workbook, properties, triggers and
   * clock are the same, while what Set up left elsewhere (toasts, logs, caches, call counts) is
   * not there. 'fresh' runs Set up in this very emulator, for the tests of Set up itself.
   */
  setup?: boolean | 'fresh';
  /** The manifest whose scopes calls are held to (default: dist/appsscript.json). */
  manifest?: Manifest | null;
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class TestWorkbook {
  constructor(readonly emu: Emulator) {}

  /**
   * Calls an entry point of the bundle, as the default user, typed by src/server/index.ts's
   * exports (ServerApi): a renamed or retyped entry point fails to compile here.
   */
  run<K extends ServerCall>(name: K, ...args: Parameters<ServerApi[K]>): ReturnType<ServerApi[K]> {
    return this.emu.run(name, ...args) as ReturnType<ServerApi[K]>;
  }

  runAs<K extends ServerCall>(
    user: string,
    name: K,
    ...args: Parameters<ServerApi[K]>
  ): ReturnType<ServerApi[K]> {
    return this.emu.runAs(user, name, ...args) as ReturnType<ServerApi[K]>;
  }

  /** An entry point called with what an untrusted page could send (hostile payloads). */
  runUntyped<K extends ServerCall>(name: K, ...args: unknown[]): ReturnType<ServerApi[K]> {
    return this.emu.run(name, ...args) as ReturnType<ServerApi[K]>;
  }

  get spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    const app = this.emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    return app.getActiveSpreadsheet();
  }

  sheet(name: string): Sheet {
    const sheet = this.spreadsheet.getSheetByName(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  header(name: string): string[] {
    const sheet = this.sheet(name);
    const width = sheet.getLastColumn();
    return width === 0 ? [] : sheet.getRange(1, 1, 1, width).getValues()[0]!.map(String);
  }

  /** Appends rows given by header text (missing headers stay blank), as pasted by a person. */
  append(name: string, records: Record<string, unknown>[]): void {
    if (records.length === 0) return;
    const header = this.header(name);
    for (const record of records)
      for (const key of Object.keys(record))
        if (!header.includes(key))
          throw new Error(`no column "${key}" in ${name}: ${header.join(' | ')}`);
    const rows = records.map((r) => header.map((h) => (h in r ? r[h] : '')));
    const sheet = this.sheet(name);
    const first = sheet.getLastRow() + 1;
    // Like a sheet grown by hand, leave some blank rows below the data.
    if (first + rows.length - 1 > sheet.getMaxRows())
      sheet.insertRowsAfter(sheet.getMaxRows(), first + rows.length - 1 - sheet.getMaxRows() + 100);
    sheet.getRange(first, 1, rows.length, header.length).setValues(rows);
  }

  /** Every data row as an object by header text. */
  rows(name: string): Record<string, unknown>[] {
    const values = this.emu.spreadsheet.values(name);
    const [header = [], ...rest] = values;
    return rest.map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[i]])));
  }

  /** Appends records given by contract key (e.g. { code, name }), headers in `lang`. */
  addRecords(lang: Lang, sheet: SheetKey, records: Record<string, unknown>[]): void {
    const columns = SHEETS[sheet].columns as readonly ColumnDef[];
    const header = (key: string): string => {
      const column = columns.find((c) => c.key === key);
      if (!column) throw new Error(`no column key ${key} in ${sheet}`);
      return column[lang];
    };
    this.append(
      SHEETS[sheet][lang],
      records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [header(k), v]))),
    );
  }

  /** Every data row of a contract sheet as an object by contract key. */
  records(lang: Lang, sheet: SheetKey): Record<string, unknown>[] {
    const columns = SHEETS[sheet].columns as readonly ColumnDef[];
    return this.rows(SHEETS[sheet][lang]).map((row) =>
      Object.fromEntries(columns.map((c) => [c.key, row[c[lang]]])),
    );
  }

  /** Sets one cell by row number and header text. */
  setCell(name: string, row: number, headerText: string, value: unknown): void {
    const col = this.header(name).indexOf(headerText);
    if (col < 0) throw new Error(`no column "${headerText}" in ${name}`);
    this.sheet(name)
      .getRange(row, col + 1)
      .setValue(value);
  }

  /** Service calls made by fn, by kind and in total. */
  measure<T>(fn: () => T): { result: T; calls: Record<string, number>; total: number } {
    return this.emu.calls.measure(fn);
  }
}

export function workbook(options: WorkbookOptions = {}): TestWorkbook {
  const settings = {
    locale: options.locale ?? 'fr_CA',
    timeZone: options.timeZone ?? 'America/Toronto',
    now: options.now ?? '2026-11-15T12:00:00-05:00',
    manifest: options.manifest,
  };
  if (options.setup === false || options.setup === 'fresh') {
    const emu = createEmulator(settings);
    emu.loadBundle();
    const wb = new TestWorkbook(emu);
    if (options.setup !== false) wb.run('setupWorkbook');
    return wb;
  }
  // Settings asked for again in a test file: Set up ran once, the workbook is restored from it
  // (a snapshot shares the sheets' rows and cells: taking one and restoring it cost under 1 ms,
  // Set up about 100).
  const key = JSON.stringify(settings);
  const snapshot = setUp.get(key);
  if (snapshot) {
    const emu = createEmulator({ ...settings, state: snapshot });
    emu.loadBundle();
    return new TestWorkbook(emu);
  }
  const emu = createEmulator(settings);
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  setUp.set(key, emu.snapshot());
  return wb;
}

/** Per settings: the set-up workbook's snapshot. */
const setUp = new Map<string, StateSnapshot>();

export { SHEETS };
