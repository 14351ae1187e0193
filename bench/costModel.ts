/**
 * An estimate of Apps Script time from what the emulator measures: service calls, cells moved
 * and the product's own CPU time. Apps Script time is dominated by service round trips, so the
 * model is
 *
 *   estimate = executions × EXECUTION_START_MS + pages shown × PAGE_LOAD_MS
 *            + Σ calls × cost of the call's kind (SpreadsheetApp.flush excepted)
 *            + cells read × READ_MS_PER_CELL × FORMATTED_READ_FACTOR
 *            + cells written × WRITE_MS_PER_CELL
 *            + flushes × FLUSH_MS + cells written × FLUSH_MS_PER_CELL
 *            + (CPU time in Node − CPU time inside service calls) × V8_FACTOR
 *
 * where flushes = the explicit SpreadsheetApp.flush calls, plus one at the end of an operation
 * that wrote cells (Apps Script commits pending writes when the execution ends). Every figure
 * can be replaced by the team's own measurement (Help › Check this spreadsheet; `npm run bench --
 * --costs FILE`, measuredCosts.ts): `CostFigures` holds them.
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
    what: 'Cells written, without flush',
    figure:
      '"a single write of a 4000-cell spreadsheet took less than 50ms": ≤ 0.0125 ms a cell; 400 rows written one setValues each: 164 ms',
    url: 'https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp',
  },
  {
    what: 'Flush',
    figure:
      '"adding a call to flush() increased that to 610ms" (≈ 560 ms for 4,000 pending cells); a flush after each of the 400 rows (10 cells): "almost 12 seconds" (≈ 29.6 ms a flush). Solved for a fixed and a per-cell part: 28 ms + 0.133 ms a pending cell',
    url: 'https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp',
  },
  {
    what: 'Cells read (plain sheet)',
    figure:
      'getValues of 120,000 rows × 2 columns of text (no formulas, no formatting): 7,380 ms, ≈ 0.031 ms a cell (the Sheets API: 6,030 ms)',
    url: 'https://qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af',
  },
  {
    what: 'Formatted-sheet factor for reads',
    figure:
      'same author: getValues took 24 s on the original sheet, which had formulas and formatting (the earlier article\'s title, "12万行のデータ取得が24秒から7秒に"), 7.38 s on a plain copy: × 3.25 (the correction does not say both reads had the same columns)',
    url: 'https://qiita.com/shi-suzuki/items/d23c6c7e4a0bbe2831af',
  },
  {
    what: 'Execution start-up',
    figure:
      'ASSUMPTION, no published figure: "every time a server function is called, the server script is initialized" (each google.script.run, menu item and trigger is an execution)',
    url: 'https://ramblings.mcpher.com/gassnippets2/measuring-library-load-speed/',
  },
  {
    what: 'Properties and Cache',
    figure:
      'getProperty 30 ms, setProperty 62 ms, CacheService get 3 ms, put 93 ms (averages of 100 runs)',
    url: 'https://ziritione.org/post/apps_script_performance',
  },
  {
    what: 'Cache get of a large value',
    figure:
      'get 20 ms for a few bytes, 23 ms for a 100 KB value, put 56–57 ms (averages of 10 runs): "does not seem to depend on the data size". The stricter of the two sources is used: get 23 ms, put 93 ms, each value of a getAll or putAll priced as one get or put (ASSUMPTION: no figure for the batch calls)',
    url: 'https://qiita.com/mitonattou919/items/a0fdd1a9e4559ee4a512',
  },
  {
    what: 'Why calls dominate',
    figure: '"JavaScript operations are an order of magnitude faster than talking to any services"',
    url: 'http://googleappsscript.blogspot.com/2010/06/optimizing-spreadsheet-operations.html',
  },
];

/**
 * Every figure of the model, in one object so that measured ones (Help › Check this spreadsheet) can
 * replace the published ones and the assumptions. Costs in ms.
 */
export interface CostFigures {
  /** A spreadsheet call that is not cheap. */
  spreadsheetCallMs: number;
  /** A call that hands back an object the runtime already has (CHEAP below). */
  cheapCallMs: number;
  /** Measured costs of other services' calls, by kind. */
  kindMs: Record<string, number>;
  /** A cell read from a plain sheet (no formulas, no formatting). */
  readMsPerCell: number;
  /** × readMsPerCell for the product's sheets, which Set up formats (1 for measured reads). */
  formattedReadFactor: number;
  /** A cell written, the write call alone (no flush). */
  writeMsPerCell: number;
  /** A flush (explicit, or the commit at the end of an execution that wrote): fixed part. */
  flushMs: number;
  /** A flush: per cell pending. */
  flushMsPerCell: number;
  /** An execution's start-up: the menu item's, a google.script.run call's, a trigger's. */
  executionStartMs: number;
  /** An HtmlService page (sidebar, dialog) loading in the browser. */
  pageLoadMs: number;
  /** TextFinder.findAll: per cell of the range searched (the call itself is a spreadsheet call). */
  textFinderMsPerCell: number;
  /** Apps Script's V8 vs Node on this machine, for the product's own CPU. */
  v8Factor: number;
}

/**
 * A spreadsheet call: 50 ms. ASSUMPTION within the measured bracket above (1 ms warm, 80 ms
 * interleaved, 160 ms cold): the product's calls are mostly first touches of a sheet (getDataRange().getValues()),
 * which are not served by the look-ahead cache.
 */
export const SPREADSHEET_CALL_MS = 50;

/**
 * Per-kind costs where a measurement exists (ziritione.org, averages; Cache get: the stricter
 * qiita.com/mitonattou919 figure, 23 ms for a 100 KB value). getAll and putAll are priced per
 * value moved (estimate, below).
 */
const KIND_MS: Record<string, number> = {
  'Properties.getProperty': 30,
  'Properties.getProperties': 30,
  'Properties.setProperty': 62,
  'Properties.setProperties': 62,
  'Properties.deleteProperty': 62,
  'Cache.get': 23,
  'Cache.getAll': 23,
  'Cache.put': 93,
  'Cache.putAll': 93,
  // ASSUMPTION: a mail is a remote send; no published per-call figure found.
  'MailApp.sendEmail': 300,
};

/** Calls that only hand back an object already known to the runtime. ASSUMPTION: 1 ms (warm). */
const CHEAP =
  /^(SpreadsheetApp\.getActive|PropertiesService\.get|CacheService\.get|LockService\.get|Session\.|Spreadsheet\.getSpreadsheetTimeZone|Spreadsheet\.getSpreadsheetLocale|Spreadsheet\.getId|Range\.get(Row|Column|NumRows|NumColumns|A1Notation)$|TextFinder\.match)/;

/**
 * Per cell written, the write alone: 0.0125 ms, the upper bound of the published "less than
 * 50ms" for 4,000 cells (ruby-bash.developreference.com, above). The earlier 0.15 ms a cell
 * was the same experiment's write plus flush.
 */
export const WRITE_MS_PER_CELL = 0.0125;
/**
 * A flush: 28 ms + 0.133 ms a pending cell, solved from the same experiment's two flush
 * figures (one flush of 4,000 cells ≈ 560 ms; 400 flushes of a 10-cell row ≈ 11.8 s). So the
 * writes' cost is in the flush: written alone, 4,000 cells cost 50 ms; committed, 610 ms.
 * ASSUMPTION: the commit Apps Script makes when an execution ends costs as much as a flush and
 * the person waits for it (range: 0, if Google committed after answering, to this figure).
 */
export const FLUSH_MS = 28;
export const FLUSH_MS_PER_CELL = 0.133;
/**
 * Per cell read: 0.031 ms, from one published measurement of a large read (getValues of
 * 240,000 text cells in 7.38 s, Qiita, above) on a plain sheet. It is a single run, but the
 * only one found with a block big enough for the per-call overhead not to dominate.
 */
export const READ_MS_PER_CELL = 0.031;
/**
 * The product's sheets are formatted (Set up gives them number formats, dropdowns, checkboxes,
 * protections), and the same author measured 24 s on a formatted sheet against 7.38 s on a
 * plain copy: × 3.25. The correction does not say both reads had the same columns, so the
 * factor is uncertain; results.md shows every estimate with and without it.
 */
export const FORMATTED_READ_FACTOR = 3.25;
/**
 * An execution's start-up (loading the project, evaluating the bundle, authorizing): 300 ms.
 * ASSUMPTION, range 100 ms – 1 s: no published figure found (the self-measurement observes it
 * as a google.script.run round trip less the time inside the function).
 */
export const EXECUTION_START_MS = 300;
/**
 * An HtmlService page (sidebar or dialog) loading: 1 s. ASSUMPTION, range 0.5 – 2 s: the page
 * is served from a sandboxed iframe (googleusercontent.com) and its script runs after load; no
 * published figure found. The self-measurement times its own dialog's load (a smaller page
 * than the sidebar: a lower bound for it).
 */
export const PAGE_LOAD_MS = 1_000;
/**
 * TextFinder.findAll, per cell searched: 0.0031 ms, a tenth of a plain read. ASSUMPTION, range
 * 0 – 0.031 ms: the search runs next to the data and only the matches come back, but it has to
 * render every cell's displayed text; no published figure found. The self-measurement times a
 * findAll of one code on the team's invoice codes.
 */
export const TEXT_FINDER_MS_PER_CELL = 0.0031;
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

export const DEFAULT_COSTS: Readonly<CostFigures> = Object.freeze({
  spreadsheetCallMs: SPREADSHEET_CALL_MS,
  cheapCallMs: 1,
  kindMs: KIND_MS,
  readMsPerCell: READ_MS_PER_CELL,
  formattedReadFactor: FORMATTED_READ_FACTOR,
  writeMsPerCell: WRITE_MS_PER_CELL,
  flushMs: FLUSH_MS,
  flushMsPerCell: FLUSH_MS_PER_CELL,
  executionStartMs: EXECUTION_START_MS,
  pageLoadMs: PAGE_LOAD_MS,
  textFinderMsPerCell: TEXT_FINDER_MS_PER_CELL,
  v8Factor: V8_FACTOR,
});

export function callCost(kind: string, figures: CostFigures = DEFAULT_COSTS): number {
  if (kind in figures.kindMs) return figures.kindMs[kind]!;
  if (CHEAP.test(kind)) return figures.cheapCallMs;
  return figures.spreadsheetCallMs;
}

export interface Estimate {
  /** Start-ups of the executions and loads of the pages shown. */
  startMs: number;
  /** Service calls, flushes excepted. */
  callsMs: number;
  /** Cells read and written (the write calls alone). */
  cellsMs: number;
  /** Flushes, explicit and at the end, with their pending cells. */
  flushMs: number;
  cpuMs: number;
  totalMs: number;
  /** The same with reads priced as on a plain sheet (no formatted-sheet factor). */
  plainTotalMs: number;
}

/** What an operation did besides its calls and cells. */
export interface Happened {
  /** Executions started (menu item, google.script.run call, trigger). */
  executions: number;
  /** HtmlService pages shown (sidebars, dialogs). */
  pages: number;
  /** Values Cache.getAll returned and Cache.putAll stored (each priced as a get or a put). */
  cacheValues?: { read: number; written: number };
}

/** Calls whose cost is per value moved, at least one per call. */
const PER_VALUE = { 'Cache.getAll': 'read', 'Cache.putAll': 'written' } as const;

export function estimate(
  calls: Record<string, number>,
  cells: { read: number; written: number },
  /** Node CPU of the product's own code: the operation's CPU minus the CPU inside service calls. */
  productCpuMs: number,
  happened: Happened = { executions: 0, pages: 0 },
  figures: CostFigures = DEFAULT_COSTS,
): Estimate {
  let callsMs = 0;
  let flushes = 0;
  for (const [kind, n] of Object.entries(calls)) {
    const perValue = PER_VALUE[kind as keyof typeof PER_VALUE];
    const units = perValue ? Math.max(n, happened.cacheValues?.[perValue] ?? 0) : n;
    if (kind === 'SpreadsheetApp.flush') flushes += n;
    else callsMs += units * callCost(kind, figures);
  }
  // The end of an execution commits what is pending (one commit per operation: the bench's
  // operations are one execution each, or a page and its calls).
  if (cells.written > 0) flushes += 1;
  const flushMs = flushes * figures.flushMs + cells.written * figures.flushMsPerCell;
  const readMs = cells.read * figures.readMsPerCell;
  const cellsMs = readMs * figures.formattedReadFactor + cells.written * figures.writeMsPerCell;
  const startMs =
    happened.executions * figures.executionStartMs + happened.pages * figures.pageLoadMs;
  const cpuMs = productCpuMs * figures.v8Factor;
  const totalMs = startMs + callsMs + cellsMs + flushMs + cpuMs;
  return {
    startMs,
    callsMs,
    cellsMs,
    flushMs,
    cpuMs,
    totalMs,
    plainTotalMs: totalMs - readMs * (figures.formattedReadFactor - 1),
  };
}

/**
 * Finding one client's rows in a sheet of `rows` rows, where the client has `matches` rows
 * (decision 013): reading the client-code column (one getValues) against
 * createTextFinder(code).matchEntireCell(true).findAll() (one search, its two builder calls
 * cheap) and a getRow() of each match. Either way the rows are then read in blocks.
 */
export function findRowsCost(
  rows: number,
  matches: number,
  figures: CostFigures = DEFAULT_COSTS,
): { readColumnMs: number; textFinderMs: number } {
  return {
    readColumnMs:
      figures.spreadsheetCallMs + rows * figures.readMsPerCell * figures.formattedReadFactor,
    textFinderMs:
      figures.spreadsheetCallMs +
      (2 + matches) * figures.cheapCallMs +
      rows * figures.textFinderMsPerCell,
  };
}

/** Below this many rows, reading the column is as fast as TextFinder (null: never faster). */
export function textFinderBreakEven(
  matches: number,
  figures: CostFigures = DEFAULT_COSTS,
): number | null {
  const saved = figures.readMsPerCell * figures.formattedReadFactor - figures.textFinderMsPerCell;
  return saved <= 0 ? null : Math.ceil(((2 + matches) * figures.cheapCallMs) / saved);
}
