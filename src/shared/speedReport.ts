/**
 * The speed report (decision 013): what Fiche Client › Help › Check this spreadsheet measures in
 * the team's own workbook (src/server/measure/), as the JSON its dialog offers and the bench
 * accepts (`npm run bench -- --costs FILE`, bench/measuredCosts.ts). Pure: the server makes it,
 * the server checks what the dialog sends back, the bench parses the file; one validator for all
 * three, with messages that name the field.
 *
 * Each probe keeps its raw samples (milliseconds, as Date.now() or the page's performance.now()
 * measured them) and the cells each sample moved; `costs` is what they say about each figure of
 * the bench's cost model, or null where this workbook cannot say (too few rows to tell a
 * per-cell cost from the call's own cost, or a probe that failed).
 */

export const SPEED_REPORT_KIND = 'fiche-client-speed';
export const SPEED_REPORT_VERSION = 1;

/**
 * Below this many cells a per-cell figure is noise: one spreadsheet call costs as much as
 * reading 1,600 cells in the bench's model (50 ms / 0.031 ms), and Date.now() counts whole ms.
 */
export const MIN_CELLS_FOR_PER_CELL = 1_000;

export const PROBE_NAMES = [
  /** Sheet.getLastRow of a contract sheet, several times: a plain spreadsheet call. */
  'serviceCall',
  /** The client-code column of Invoices, every data row, one getValues. */
  'readColumn',
  /** Up to 1,000 rows × every column of Clients, one getValues. */
  'readBlock',
  /** One row of 20 cells written with setValues in the temporary sheet (no flush). */
  'writeRow',
  /** SpreadsheetApp.flush right after writeRow. */
  'flushRow',
  /** 200 rows × 20 columns (4,000 cells, the published experiment's size), no flush. */
  'writeBlock',
  /** SpreadsheetApp.flush right after writeBlock. */
  'flushBlock',
  /** createTextFinder(code).matchEntireCell(true).findAll() on the client-code column. */
  'textFinder',
  'propertiesGet',
  'propertiesSet',
  'cacheGet',
  'cachePut',
  /** From the page: a google.script.run call to a function that does nothing, round trip. */
  'roundTrip',
  /** From the page: the time spent inside that function (server clock). */
  'roundTripServer',
  /** From the page: performance.now() when its script first runs (the dialog's own load). */
  'pageLoad',
  /** Server: from the bundle's evaluation to the entry point's first line. */
  'bundleToCall',
] as const;

export type ProbeName = (typeof PROBE_NAMES)[number];

export interface Probe {
  name: ProbeName;
  /** One duration a sample, in ms. Empty when the probe could not run (see `failed`). */
  ms: number[];
  /** Cells each sample moved or searched (0 for calls that move none). */
  cells: number;
  /** Why the probe did not run or stopped (an error's message). */
  failed?: string;
}

/** What the report says about each figure of bench/costModel.ts (null: cannot say). */
export interface MeasuredCosts {
  spreadsheetCallMs: number | null;
  /** Read from the team's own sheets, so it includes their formatting. */
  readMsPerCell: number | null;
  writeMsPerCell: number | null;
  flushMs: number | null;
  flushMsPerCell: number | null;
  textFinderMs: number | null;
  textFinderMsPerCell: number | null;
  propertiesGetMs: number | null;
  propertiesSetMs: number | null;
  cacheGetMs: number | null;
  cachePutMs: number | null;
  /** A google.script.run round trip less the time inside the function: start-up and transport. */
  executionStartMs: number | null;
  pageLoadMs: number | null;
}

export const COST_KEYS = [
  'spreadsheetCallMs',
  'readMsPerCell',
  'writeMsPerCell',
  'flushMs',
  'flushMsPerCell',
  'textFinderMs',
  'textFinderMsPerCell',
  'propertiesGetMs',
  'propertiesSetMs',
  'cacheGetMs',
  'cachePutMs',
  'executionStartMs',
  'pageLoadMs',
] as const satisfies readonly (keyof MeasuredCosts)[];

export interface WorkbookShape {
  /** Data rows of Invoices (what readColumn and textFinder went through). */
  invoiceRows: number;
  clientRows: number;
  clientColumns: number;
}

export interface SpeedReport {
  kind: typeof SPEED_REPORT_KIND;
  version: typeof SPEED_REPORT_VERSION;
  /** ISO time of the measurement. */
  measuredAt: string;
  workbook: WorkbookShape;
  probes: Probe[];
  costs: MeasuredCosts;
}

export function median(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function probeMedian(probes: readonly Probe[], name: ProbeName): number | null {
  const p = probes.find((x) => x.name === name);
  return p && !p.failed ? median(p.ms) : null;
}

function probeCells(probes: readonly Probe[], name: ProbeName): number {
  return probes.find((x) => x.name === name)?.cells ?? 0;
}

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/**
 * The cost figures the probes support. A per-cell figure is the sample less one call's cost,
 * shared by the cells (reads, TextFinder), or the difference between a large and a small
 * sample shared by the cells between them (writes, flushes): the fixed part of a call cancels
 * out. Negative differences (noise) count as 0.
 */
export function deriveCosts(probes: readonly Probe[]): MeasuredCosts {
  const call = probeMedian(probes, 'serviceCall');
  const perCell = (name: ProbeName): number | null => {
    const ms = probeMedian(probes, name);
    const cells = probeCells(probes, name);
    if (ms === null || call === null || cells < MIN_CELLS_FOR_PER_CELL) return null;
    return round(Math.max(0, ms - call) / cells, 5);
  };
  // The larger of the two reads says more (the call's cost weighs less in it).
  const reads = (['readColumn', 'readBlock'] as const)
    .filter((n) => perCell(n) !== null)
    .sort((a, b) => probeCells(probes, b) - probeCells(probes, a));
  const between = (small: ProbeName, large: ProbeName): number | null => {
    const a = probeMedian(probes, small);
    const b = probeMedian(probes, large);
    const cells = probeCells(probes, large) - probeCells(probes, small);
    if (a === null || b === null || cells < MIN_CELLS_FOR_PER_CELL) return null;
    return round(Math.max(0, b - a) / cells, 5);
  };
  const flushMsPerCell = between('flushRow', 'flushBlock');
  const flushRow = probeMedian(probes, 'flushRow');
  const trip = probeMedian(probes, 'roundTrip');
  const inside = probeMedian(probes, 'roundTripServer') ?? 0;
  const textFinder = perCell('textFinder');
  return {
    spreadsheetCallMs: call,
    readMsPerCell: reads.length > 0 ? perCell(reads[0]!) : null,
    writeMsPerCell: between('writeRow', 'writeBlock'),
    flushMs:
      flushRow === null || flushMsPerCell === null
        ? null
        : round(Math.max(0, flushRow - flushMsPerCell * probeCells(probes, 'flushRow')), 1),
    flushMsPerCell,
    textFinderMs: textFinder === null ? null : call,
    textFinderMsPerCell: textFinder,
    propertiesGetMs: probeMedian(probes, 'propertiesGet'),
    propertiesSetMs: probeMedian(probes, 'propertiesSet'),
    cacheGetMs: probeMedian(probes, 'cacheGet'),
    cachePutMs: probeMedian(probes, 'cachePut'),
    executionStartMs: trip === null ? null : round(Math.max(0, trip - inside), 1),
    pageLoadMs: probeMedian(probes, 'pageLoad'),
  };
}

// ------------------------------------------------------------------ validation

/** A report that is not one, with the field at fault in the message. */
export class SpeedReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpeedReportError';
  }
}

const MAX_SAMPLES = 100;
/** An hour: no probe takes longer (an execution stops at 6 min). */
const MAX_MS = 3_600_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function duration(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_MS)
    throw new SpeedReportError(
      `${where} must be a duration in ms (0 to ${MAX_MS}), not ${show(v)}`,
    );
  return v;
}

function count(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 10_000_000)
    throw new SpeedReportError(
      `${where} must be a whole number of 0 to 10,000,000, not ${show(v)}`,
    );
  return v;
}

/** The samples of a probe, checked (used for what the page sends too). */
export function parseSamples(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || v.length > MAX_SAMPLES)
    throw new SpeedReportError(`${where} must be a list of at most ${MAX_SAMPLES} durations`);
  return v.map((x, i) => duration(x, `${where}[${i}]`));
}

function parseProbe(v: unknown, where: string): Probe {
  if (!isRecord(v)) throw new SpeedReportError(`${where} must be an object`);
  const name = v['name'];
  if (typeof name !== 'string' || !(PROBE_NAMES as readonly string[]).includes(name))
    throw new SpeedReportError(
      `${where}.name must be one of ${PROBE_NAMES.join(', ')}, not ${show(name)}`,
    );
  const probe: Probe = {
    name: name as ProbeName,
    ms: parseSamples(v['ms'], `${where}.ms`),
    cells: count(v['cells'], `${where}.cells`),
  };
  if (v['failed'] !== undefined) {
    if (typeof v['failed'] !== 'string') throw new SpeedReportError(`${where}.failed must be text`);
    probe.failed = v['failed'].slice(0, 500);
  }
  return probe;
}

/**
 * A speed report from parsed JSON, checked field by field; throws SpeedReportError naming the
 * first field at fault. Unknown fields are dropped. `costs` is taken as written (the bench
 * uses it); a missing or null figure stays null.
 */
export function parseSpeedReport(v: unknown): SpeedReport {
  if (!isRecord(v)) throw new SpeedReportError('the report must be a JSON object');
  // Help › Check this spreadsheet's report (checkReport.ts) carries a speed report: read it.
  if (v['kind'] === 'fiche-client-check' && isRecord(v['speed']))
    return parseSpeedReport(v['speed']);
  if (v['kind'] !== SPEED_REPORT_KIND)
    throw new SpeedReportError(
      `not a Fiche Client speed report: "kind" must be "${SPEED_REPORT_KIND}", not ${show(v['kind'])}`,
    );
  if (v['version'] !== SPEED_REPORT_VERSION)
    throw new SpeedReportError(
      `version ${show(v['version'])} is not supported (this version reads ${SPEED_REPORT_VERSION})`,
    );
  const at = v['measuredAt'];
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
    throw new SpeedReportError(`measuredAt must be an ISO date and time, not ${show(at)}`);
  const wb = v['workbook'];
  if (!isRecord(wb)) throw new SpeedReportError('workbook must be an object');
  const workbook: WorkbookShape = {
    invoiceRows: count(wb['invoiceRows'], 'workbook.invoiceRows'),
    clientRows: count(wb['clientRows'], 'workbook.clientRows'),
    clientColumns: count(wb['clientColumns'], 'workbook.clientColumns'),
  };
  if (!Array.isArray(v['probes']) || v['probes'].length > PROBE_NAMES.length)
    throw new SpeedReportError(`probes must be a list of at most ${PROBE_NAMES.length} probes`);
  const probes = v['probes'].map((p, i) => parseProbe(p, `probes[${i}]`));
  const seen = new Set<string>();
  for (const p of probes) {
    if (seen.has(p.name)) throw new SpeedReportError(`probes: ${p.name} appears twice`);
    seen.add(p.name);
  }
  const c = v['costs'];
  if (!isRecord(c)) throw new SpeedReportError('costs must be an object');
  const costs = {} as MeasuredCosts;
  for (const key of COST_KEYS) {
    const x = c[key];
    costs[key] = x === undefined || x === null ? null : duration(x, `costs.${key}`);
  }
  return {
    kind: SPEED_REPORT_KIND,
    version: SPEED_REPORT_VERSION,
    measuredAt: at,
    workbook,
    probes,
    costs,
  };
}
