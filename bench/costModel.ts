/**
 * An estimate of Apps Script time from what the emulator measures: service calls, cells moved
 * and the product's own CPU time. Apps Script time is dominated by service round trips, so the
 * model is
 *
 *   estimate = Σ calls × cost of the call's kind
 *            + cells read × READ_MS_PER_CELL + cells written × WRITE_MS_PER_CELL
 *            + (CPU time in Node − CPU time inside service calls) × V8_FACTOR
 *
 * The CPU inside service calls (CallCounter.serviceCpuMs: the emulator copying cells in
 * getValues, parsing typed input in setValues, …) stands for the work of Google's host, which
 * the per-call and per-cell figures already price; charging it again as script CPU would count
 * it twice. Only the rest, the product's own JavaScript, is scaled by V8_FACTOR.
 *
 * Every figure below names where it comes from; the ones no published measurement gives are
 * marked ASSUMPTION. Published figures are old and vary by a factor of ten from run to run, so
 * the model is pessimistic on purpose: a plan that fits it should fit the real thing.
 */

export interface CostSource {
  what: string;
  figure: string;
  url: string;
}

export const SOURCES: CostSource[] = [
  {
    what: 'Spreadsheet call, warm cache',
    figure: '1,000 × (getRange + getValue + Logger.log) in 3,064 ms: ≈ 1 ms a call',
    url: 'https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html',
  },
  {
    what: 'Spreadsheet call, cold',
    figure: '1,000 × getLastRow (+ Logger.log) in 160,377 ms: ≈ 160 ms a call',
    url: 'https://www.bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html',
  },
  {
    what: 'Spreadsheet call, reads and writes interleaved',
    figure: '100 × (2 getValue + 1 setValue) in 24,123 ms: ≈ 80 ms a call',
    url: 'https://gas.excelspeedup.com/gas-spreadsheet-speedup',
  },
  {
    what: 'Cells written',
    figure: 'one setValues of 4,000 cells + flush: 610 ms, ≈ 0.15 ms a cell',
    url: 'https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp',
  },
  {
    what: 'Cells read',
    figure:
      'getValues of 120,000 rows × 2 columns of text (no formulas, no formatting): 7,380 ms, ≈ 0.031 ms a cell (the Sheets API: 6,030 ms)',
    url: 'https://qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af',
  },
  {
    what: 'Properties and Cache',
    figure:
      'getProperty 30 ms, setProperty 62 ms, CacheService get 3 ms, put 93 ms (averages of 100 runs)',
    url: 'https://ziritione.org/post/apps_script_performance',
  },
  {
    what: 'Why calls dominate',
    figure: '"JavaScript operations are an order of magnitude faster than talking to any services"',
    url: 'http://googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html',
  },
];

/**
 * A spreadsheet call: 50 ms. ASSUMPTION within the measured bracket above (1 ms warm, 80 ms
 * interleaved, 160 ms cold): the product's calls are mostly first touches of a sheet (getDataRange().getValues()),
 * which are not served by the look-ahead cache.
 */
export const SPREADSHEET_CALL_MS = 50;

/** Per-kind costs where a measurement exists (ziritione.org, averages). */
const KIND_MS: Record<string, number> = {
  'Properties.getProperty': 30,
  'Properties.getProperties': 30,
  'Properties.setProperty': 62,
  'Properties.setProperties': 62,
  'Properties.deleteProperty': 62,
  'Cache.get': 3,
  'Cache.getAll': 3,
  'Cache.put': 93,
  'Cache.putAll': 93,
  // ASSUMPTION: a mail is a remote send; no published per-call figure found.
  'MailApp.sendEmail': 300,
};

/** Calls that only hand back an object already known to the runtime. ASSUMPTION: 1 ms (warm). */
const CHEAP =
  /^(SpreadsheetApp\.getActive|PropertiesService\.get|CacheService\.get|LockService\.get|Session\.|Spreadsheet\.getSpreadsheetTimeZone|Spreadsheet\.getSpreadsheetLocale|Spreadsheet\.getId|Range\.get(Row|Column|NumRows|NumColumns|A1Notation)$)/;

/** Per cell written: 0.15 ms (ScriptDB/SpreadsheetApp experiment, setValues + flush). */
export const WRITE_MS_PER_CELL = 0.15;
/**
 * Per cell read: 0.031 ms, from one published measurement of a large read (getValues of
 * 240,000 text cells in 7.38 s, Qiita, above). It is a single run, but the only one found with
 * a block big enough for the per-call overhead not to dominate; it replaces an earlier
 * assumption of 0.02 ms.
 */
export const READ_MS_PER_CELL = 0.031;
/**
 * Apps Script's V8 runs our JavaScript this many times slower than Node on this machine.
 * ASSUMPTION: Google publishes no CPU figures for the runtime; shared servers and the sandbox
 * are taken to cost a factor 3. It applies to the product's CPU only: the emulator's work
 * inside service calls is measured separately and left out (see the top of this file). What
 * remains still includes a little emulator work outside service calls (a fresh vm scope and
 * service globals for each execution, copying google.script.run arguments), which keeps it
 * slightly pessimistic.
 */
export const V8_FACTOR = 3;

export function callCost(kind: string): number {
  if (kind in KIND_MS) return KIND_MS[kind]!;
  if (CHEAP.test(kind)) return 1;
  return SPREADSHEET_CALL_MS;
}

export interface Estimate {
  callsMs: number;
  cellsMs: number;
  cpuMs: number;
  totalMs: number;
}

export function estimate(
  calls: Record<string, number>,
  cells: { read: number; written: number },
  /** Node CPU of the product's own code: the operation's CPU minus the CPU inside service calls. */
  productCpuMs: number,
): Estimate {
  let callsMs = 0;
  for (const [kind, n] of Object.entries(calls)) callsMs += n * callCost(kind);
  const cellsMs = cells.read * READ_MS_PER_CELL + cells.written * WRITE_MS_PER_CELL;
  const cpuMs = productCpuMs * V8_FACTOR;
  return { callsMs, cellsMs, cpuMs, totalMs: callsMs + cellsMs + cpuMs };
}
