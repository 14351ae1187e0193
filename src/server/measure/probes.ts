/**
 * Help › Check this spreadsheet (decision 013): timed probes of what the bench's cost model prices
 * (bench/costModel.ts), run on the team's own workbook without changing it:
 *
 * - reads go to the team's own Invoices and Clients (their real size and formatting);
 * - writes go to a temporary sheet, deleted in a `finally` (and the tab and selection the person
 *   had are selected again: insertSheet makes the new sheet active);
 * - Properties and Cache use a fresh random key, deleted in a `finally`.
 *
 * Each probe is timed with Date.now() around the call alone (ranges are made before the clock
 * starts); a probe that fails is recorded with its error and the others still run.
 */
import { headerText, SHEETS, sheetName, type Lang } from '../../shared/contract';
import {
  deriveCosts,
  SPEED_REPORT_KIND,
  SPEED_REPORT_VERSION,
  type Probe,
  type ProbeName,
  type SpeedReport,
} from '../../shared/speedReport';
import { t } from '../platform/messages';
import { findSheet, indexHeader } from '../workbook/sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** When this bundle was evaluated: every execution evaluates it before its entry point runs. */
export const BUNDLE_EVALUATED_AT = Date.now();

export const SERVICE_CALL_SAMPLES = 5;
export const GET_SAMPLES = 3;
/** Rows of Clients read as a block (fewer if the sheet has fewer). */
export const BLOCK_ROWS = 1_000;
/** The published write experiment's size (4,000 cells), and one of its rows. */
export const WRITE_ROWS = 200;
export const WRITE_COLUMNS = 20;
/** Named so that nobody mistakes it for theirs, should it be seen for the instant it exists. */
export const TEMP_SHEET_PREFIX = 'Fiche Client – speed check (temporary) ';
export const TEMP_KEY_PREFIX = 'ficheClient.speedCheck.';

/** An error's message (Apps Script's service errors are Errors; anything thrown is shown). */
function message(e: unknown): string {
  return typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = Date.now();
  const value = fn();
  return { ms: Date.now() - start, value };
}

class Probes {
  readonly list: Probe[] = [];

  add(name: ProbeName, ms: number[], cells = 0): void {
    this.list.push({ name, ms, cells });
  }

  fail(name: ProbeName, why: string, cells = 0): void {
    if (!this.list.some((p) => p.name === name))
      this.list.push({ name, ms: [], cells, failed: why });
  }

  /** Runs `fn`; on an error every probe of `names` not yet recorded is marked failed. */
  guard(names: readonly ProbeName[], fn: () => void): void {
    try {
      fn();
    } catch (e) {
      for (const n of names) this.fail(n, message(e));
    }
  }
}

function randomSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** The invoices' client-code column (1-based) and its data rows. */
function codeColumn(
  invoices: Sheet,
  lastRow: number,
  lang: Lang,
): { column: number; rows: number } {
  const lastColumn = invoices.getLastColumn();
  const header = lastColumn > 0 ? invoices.getRange(1, 1, 1, lastColumn).getValues()[0]! : [];
  const at = indexHeader('invoices', header).index.clientCode;
  if (at < 0)
    throw new Error(
      t('missingColumn', lang, {
        column: headerText(
          SHEETS.invoices.columns.find((c) => c.key === 'clientCode')!,
          lang,
        ),
        sheet: sheetName('invoices', lang),
      }),
    );
  return { column: at + 1, rows: Math.max(0, lastRow - 1) };
}

function sheetProbes(spreadsheet: Spreadsheet, lang: Lang, probes: Probes): number[] {
  const invoices = findSheet(spreadsheet, 'invoices', lang);
  const clients = findSheet(spreadsheet, 'clients', lang);
  const shape = [0, 0, 0];
  const reads: ProbeName[] = ['serviceCall', 'readColumn', 'textFinder'];
  if (!invoices) {
    for (const n of reads)
      probes.fail(n, t('missingSheet', lang, { name: sheetName('invoices', lang) }));
  } else
    probes.guard(reads, () => {
      const samples: number[] = [];
      let lastRow = 0;
      for (let i = 0; i < SERVICE_CALL_SAMPLES; i++) {
        const r = timed(() => invoices.getLastRow());
        samples.push(r.ms);
        lastRow = r.value;
      }
      probes.add('serviceCall', samples);
      const { column, rows } = codeColumn(invoices, lastRow, lang);
      shape[0] = rows;
      if (rows === 0) {
        probes.fail('readColumn', t('speedNoRows', lang));
        probes.fail('textFinder', t('speedNoRows', lang));
        return;
      }
      const range = invoices.getRange(2, column, rows, 1);
      const read = timed(() => range.getValues());
      probes.add('readColumn', [read.ms], rows);
      // A code of the column (the first non-blank one from the middle): a real client's rows.
      const values = read.value.map((r) => String(r[0] ?? '').trim());
      const code =
        values.slice(Math.floor(rows / 2)).find((v) => v !== '') ?? values.find((v) => v !== '');
      if (!code) {
        probes.fail('textFinder', t('speedNoRows', lang), rows);
        return;
      }
      const found = timed(() => range.createTextFinder(code).matchEntireCell(true).findAll());
      probes.add('textFinder', [found.ms], rows);
    });
  if (!clients) {
    probes.fail('readBlock', t('missingSheet', lang, { name: sheetName('clients', lang) }));
  } else
    probes.guard(['readBlock'], () => {
      const lastRow = clients.getLastRow();
      const lastColumn = clients.getLastColumn();
      shape[1] = Math.max(0, lastRow - 1);
      shape[2] = lastColumn;
      const rows = Math.min(BLOCK_ROWS, lastRow - 1);
      if (rows < 1 || lastColumn < 1) {
        probes.fail('readBlock', t('speedNoRows', lang));
        return;
      }
      const range = clients.getRange(2, 1, rows, lastColumn);
      probes.add('readBlock', [timed(() => range.getValues()).ms], rows * lastColumn);
    });
  return shape;
}

/**
 * Writes in a sheet of its own, deleted whatever happens; the person's tab is selected again.
 * `alsoThere` runs in the same sheet before it is deleted (the check's text probes).
 */
function writeProbes(
  spreadsheet: Spreadsheet,
  probes: Probes,
  alsoThere?: (temp: Sheet) => void,
): void {
  const names: ProbeName[] = ['writeRow', 'flushRow', 'writeBlock', 'flushBlock'];
  const activeRange = spreadsheet.getActiveRange();
  const activeSheet = activeRange ? null : spreadsheet.getActiveSheet();
  const made: { temp: Sheet | null } = { temp: null };
  try {
    probes.guard(names, () => {
      const temp = spreadsheet.insertSheet(TEMP_SHEET_PREFIX + randomSuffix());
      made.temp = temp;
      const row = [Array.from({ length: WRITE_COLUMNS }, (_, c) => `r1c${c + 1}`)];
      const block = Array.from({ length: WRITE_ROWS }, (_, r) =>
        Array.from({ length: WRITE_COLUMNS }, (_, c) =>
          c % 2 === 0 ? r * WRITE_COLUMNS + c : `r${r + 2}c${c + 1}`,
        ),
      );
      const rowRange = temp.getRange(1, 1, 1, WRITE_COLUMNS);
      const blockRange = temp.getRange(2, 1, WRITE_ROWS, WRITE_COLUMNS);
      probes.add('writeRow', [timed(() => rowRange.setValues(row)).ms], WRITE_COLUMNS);
      probes.add('flushRow', [timed(() => SpreadsheetApp.flush()).ms], WRITE_COLUMNS);
      const cells = WRITE_ROWS * WRITE_COLUMNS;
      probes.add('writeBlock', [timed(() => blockRange.setValues(block)).ms], cells);
      probes.add('flushBlock', [timed(() => SpreadsheetApp.flush()).ms], cells);
    });
    if (alsoThere) {
      if (!made.temp) made.temp = spreadsheet.insertSheet(TEMP_SHEET_PREFIX + randomSuffix());
      alsoThere(made.temp);
    }
  } finally {
    if (made.temp) spreadsheet.deleteSheet(made.temp);
    if (activeRange) spreadsheet.setActiveRange(activeRange);
    else activeSheet?.activate();
  }
}

/** A fresh key, set, read and deleted (deleted even if the set or the read fails). */
function storeProbes(probes: Probes, lang: Lang): void {
  const key = TEMP_KEY_PREFIX + randomSuffix();
  const value = 'x'.repeat(100);
  const properties = PropertiesService.getDocumentProperties();
  try {
    probes.guard(['propertiesSet', 'propertiesGet'], () => {
      probes.add('propertiesSet', [timed(() => properties.setProperty(key, value)).ms]);
      const gets: number[] = [];
      for (let i = 0; i < GET_SAMPLES; i++) gets.push(timed(() => properties.getProperty(key)).ms);
      probes.add('propertiesGet', gets);
    });
  } finally {
    properties.deleteProperty(key);
  }
  const cache = CacheService.getDocumentCache();
  if (!cache) {
    probes.fail('cachePut', t('speedNoCache', lang));
    probes.fail('cacheGet', t('speedNoCache', lang));
    return;
  }
  try {
    probes.guard(['cachePut', 'cacheGet'], () => {
      probes.add('cachePut', [timed(() => cache.put(key, value, 60)).ms]);
      const gets: number[] = [];
      for (let i = 0; i < GET_SAMPLES; i++) gets.push(timed(() => cache.get(key)).ms);
      probes.add('cacheGet', gets);
    });
  } finally {
    cache.remove(key);
  }
}

/**
 * Every server-side probe, in one execution. `enteredAt`: Date.now() at the entry point's first
 * line. The page's probes (round trip, page load) are added later (speedReport.ts).
 */
export function measureSpeed(
  spreadsheet: Spreadsheet,
  lang: Lang,
  enteredAt: number,
  alsoInTempSheet?: (temp: Sheet) => void,
): SpeedReport {
  const probes = new Probes();
  probes.add('bundleToCall', [Math.max(0, enteredAt - BUNDLE_EVALUATED_AT)]);
  const [invoiceRows = 0, clientRows = 0, clientColumns = 0] = sheetProbes(
    spreadsheet,
    lang,
    probes,
  );
  writeProbes(spreadsheet, probes, alsoInTempSheet);
  storeProbes(probes, lang);
  return {
    kind: SPEED_REPORT_KIND,
    version: SPEED_REPORT_VERSION,
    measuredAt: new Date().toISOString(),
    workbook: { invoiceRows, clientRows, clientColumns },
    probes: probes.list,
    costs: deriveCosts(probes.list),
  };
}
