/**
 * The speed report (src/shared/speedReport.ts): the costs its probes give, and the bench's
 * `--costs FILE` (bench/measuredCosts.ts): a good file re-prices the model, a bad one gets a
 * message naming the file and the field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_COSTS, estimate, findRowsCost, textFinderBreakEven } from '../../bench/costModel';
import { costsArgument, loadMeasuredCosts } from '../../bench/measuredCosts';
import {
  deriveCosts,
  parseSpeedReport,
  type Probe,
  type SpeedReport,
} from '../../src/shared/speedReport';

const probes: Probe[] = [
  { name: 'serviceCall', ms: [60, 40, 50, 45, 55], cells: 0 },
  { name: 'readColumn', ms: [3_150], cells: 100_000 },
  { name: 'readBlock', ms: [900], cells: 29_000 },
  { name: 'writeRow', ms: [20], cells: 20 },
  { name: 'flushRow', ms: [31], cells: 20 },
  { name: 'writeBlock', ms: [70], cells: 4_000 },
  { name: 'flushBlock', ms: [560], cells: 4_000 },
  { name: 'textFinder', ms: [350], cells: 100_000 },
  { name: 'propertiesGet', ms: [30, 20, 25], cells: 0 },
  { name: 'propertiesSet', ms: [60], cells: 0 },
  { name: 'cacheGet', ms: [3, 4, 5], cells: 0 },
  { name: 'cachePut', ms: [90], cells: 0 },
  { name: 'bundleToCall', ms: [12], cells: 0 },
  { name: 'roundTrip', ms: [700, 650, 800], cells: 0 },
  { name: 'roundTripServer', ms: [1, 0, 2], cells: 0 },
  { name: 'pageLoad', ms: [900], cells: 0 },
];

function report(): SpeedReport {
  return {
    kind: 'fiche-client-speed',
    version: 1,
    measuredAt: '2026-12-01T15:00:00.000Z',
    workbook: { invoiceRows: 100_000, clientRows: 10_000, clientColumns: 29 },
    probes,
    costs: deriveCosts(probes),
  };
}

describe('deriveCosts', () => {
  it('per-cell figures net of one call, writes and flushes from the difference of two sizes', () => {
    expect(deriveCosts(probes)).toEqual({
      spreadsheetCallMs: 50,
      readMsPerCell: 0.031, // (3,150 − 50) / 100,000: the column, the larger read
      writeMsPerCell: 0.01256, // (70 − 20) / 3,980
      flushMsPerCell: 0.13291, // (560 − 31) / 3,980
      flushMs: 28.3, // 31 − 20 × 0.13291
      textFinderMs: 50,
      textFinderMsPerCell: 0.003,
      propertiesGetMs: 25,
      propertiesSetMs: 60,
      cacheGetMs: 4,
      cachePutMs: 90,
      executionStartMs: 699, // 700 − 1
      pageLoadMs: 900,
    });
  });

  it('too few cells, or a failed probe, says nothing rather than noise', () => {
    const small = probes.map((p) =>
      p.name === 'readColumn' || p.name === 'readBlock' ? { ...p, cells: 300 } : p,
    );
    expect(deriveCosts(small).readMsPerCell).toBeNull();
    const failed = probes.map((p) =>
      p.name === 'flushBlock' ? { ...p, ms: [], failed: 'timed out' } : p,
    );
    expect(deriveCosts(failed)).toMatchObject({ flushMs: null, flushMsPerCell: null });
  });
});

describe('bench --costs FILE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'speed-'));
  const file = (name: string, text: string): string => {
    const where = path.join(dir, name);
    writeFileSync(where, text);
    return where;
  };

  it('a report re-prices the model with what it measured, the rest unchanged', () => {
    const f = file('good.json', JSON.stringify(report(), null, 2));
    const { figures, measured } = loadMeasuredCosts(f);
    expect(figures).toMatchObject({
      spreadsheetCallMs: 50,
      readMsPerCell: 0.031,
      formattedReadFactor: 1, // measured on the team's own (formatted) sheets
      executionStartMs: 699,
      pageLoadMs: 900,
      v8Factor: DEFAULT_COSTS.v8Factor,
    });
    expect(figures.kindMs['Cache.put']).toBe(90);
    expect(figures.kindMs['MailApp.sendEmail']).toBe(DEFAULT_COSTS.kindMs['MailApp.sendEmail']);
    expect(DEFAULT_COSTS.kindMs['Cache.put']).toBe(93); // the defaults are not touched
    expect(measured).toContain('executionStartMs 699');
    // One execution that reads 100,000 cells: start-up + a call + the cells.
    const e = estimate(
      { 'Range.getValues': 1 },
      { read: 100_000, written: 0 },
      0,
      {
        executions: 1,
        pages: 0,
      },
      figures,
    );
    expect(e.totalMs).toBeCloseTo(699 + 50 + 3_100, 5);
  });

  it('a null figure keeps the model’s', () => {
    const r = report();
    r.costs.readMsPerCell = null;
    const { figures } = loadMeasuredCosts(file('partial.json', JSON.stringify(r)));
    expect(figures.readMsPerCell).toBe(DEFAULT_COSTS.readMsPerCell);
    expect(figures.formattedReadFactor).toBe(DEFAULT_COSTS.formattedReadFactor);
  });

  it('bad files get a message naming the file and what is wrong', () => {
    const missing = path.join(dir, 'none.json');
    expect(() => loadMeasuredCosts(missing)).toThrow(
      `bench --costs ${missing}: cannot read the file`,
    );
    const notJson = file('bad.json', '{"kind": ');
    expect(() => loadMeasuredCosts(notJson)).toThrow(
      new RegExp(
        `^bench --costs ${notJson}: not JSON \\(.*\\); use the JSON that Help › Check this spreadsheet offers$`,
      ),
    );
    const other = file('other.json', JSON.stringify({ kind: 'something else' }));
    expect(() => loadMeasuredCosts(other)).toThrow(
      `bench --costs ${other}: not a Fiche Client speed report: "kind" must be "fiche-client-speed", not "something else"`,
    );
    const r = report() as unknown as { costs: Record<string, unknown> };
    r.costs['readMsPerCell'] = '0.03';
    const badField = file('field.json', JSON.stringify(r));
    expect(() => loadMeasuredCosts(badField)).toThrow(
      `bench --costs ${badField}: costs.readMsPerCell must be a duration in ms (0 to 3600000), not "0.03"`,
    );
    const v2 = file('v2.json', JSON.stringify({ ...report(), version: 2 }));
    expect(() => loadMeasuredCosts(v2)).toThrow(
      'version 2 is not supported (this version reads 1)',
    );
  });

  it('parseSpeedReport names the probe at fault', () => {
    const r = report() as unknown as { probes: unknown[] };
    r.probes[3] = { name: 'writeRow', ms: [-1], cells: 20 };
    expect(() => parseSpeedReport(r)).toThrow(
      'probes[3].ms[0] must be a duration in ms (0 to 3600000), not -1',
    );
    r.probes[3] = { name: 'guess', ms: [], cells: 0 };
    expect(() => parseSpeedReport(r)).toThrow(/^probes\[3\]\.name must be one of serviceCall, /);
  });

  it('the command line: --costs FILE or --costs=FILE; --costs alone is an error', () => {
    expect(costsArgument(['--costs', 'a.json'])).toBe('a.json');
    expect(costsArgument(['--costs=b.json'])).toBe('b.json');
    expect(costsArgument([])).toBeNull();
    expect(() => costsArgument(['--costs'])).toThrow('bench: --costs needs a file');
  });
});

describe('the cost model', () => {
  it('writes: the cells cost little until the flush; an operation that wrote pays one commit', () => {
    const e = estimate({ 'Range.setValues': 1 }, { read: 0, written: 4_000 }, 0);
    expect(e.cellsMs).toBeCloseTo(50, 5); // 4,000 × 0.0125
    expect(e.flushMs).toBeCloseTo(28 + 4_000 * 0.133, 5); // ≈ 560: the published 610 in all
    const explicit = estimate(
      { 'Range.setValues': 1, 'SpreadsheetApp.flush': 1 },
      { read: 0, written: 20 },
      0,
    );
    expect(explicit.flushMs).toBeCloseTo(2 * 28 + 20 * 0.133, 5);
    expect(explicit.callsMs).toBe(50); // the flush is priced as a flush, not as a call
  });

  it('reads are priced as on a formatted sheet; plainTotalMs without the factor', () => {
    const e = estimate({}, { read: 1_000, written: 0 }, 0);
    expect(e.totalMs).toBeCloseTo(1_000 * 0.031 * 3.25, 5);
    expect(e.plainTotalMs).toBeCloseTo(31, 5);
  });

  it('executions and pages are priced', () => {
    const e = estimate({}, { read: 0, written: 0 }, 0, { executions: 2, pages: 1 });
    expect(e.startMs).toBe(2 * 300 + 1_000);
  });

  it('TextFinder against reading the code column, and where it becomes faster', () => {
    const { readColumnMs, textFinderMs } = findRowsCost(50_000, 5);
    expect(readColumnMs).toBeCloseTo(50 + 50_000 * 0.031 * 3.25, 5);
    expect(textFinderMs).toBeCloseTo(50 + 7 + 50_000 * 0.0031, 5);
    expect(textFinderBreakEven(5)).toBe(Math.ceil(7 / (0.031 * 3.25 - 0.0031)));
    expect(textFinderBreakEven(5, { ...DEFAULT_COSTS, textFinderMsPerCell: 0.2 })).toBeNull();
  });
});

describe('cost model: Cache.getAll and putAll are priced per value moved', () => {
  it('a getAll of 12 parts costs 12 gets; an empty getAll one', () => {
    const one = estimate({ 'Cache.getAll': 1 }, { read: 0, written: 0 }, 0);
    const twelve = estimate({ 'Cache.getAll': 1 }, { read: 0, written: 0 }, 0, {
      executions: 0,
      pages: 0,
      cacheValues: { read: 12, written: 0 },
    });
    expect(one.callsMs).toBe(DEFAULT_COSTS.kindMs['Cache.getAll']);
    expect(twelve.callsMs).toBe(12 * DEFAULT_COSTS.kindMs['Cache.getAll']!);
  });
});
