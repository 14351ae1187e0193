/**
 * `npm run bench -- --costs FILE`: the JSON that Help › Check this spreadsheet offers (src/shared/
 * speedReport.ts), read and turned into the cost model's figures. A figure the report could
 * not measure (null) keeps the model's; the reads were measured on the team's own formatted
 * sheets, so with a measured read cost the formatted-sheet factor is 1.
 */
import { readFileSync } from 'node:fs';
import { parseSpeedReport, SpeedReportError, type SpeedReport } from '../src/shared/speedReport';
import { DEFAULT_COSTS, type CostFigures } from './costModel';

export interface MeasuredFigures {
  figures: CostFigures;
  /** The figures taken from the report, for the results' header. */
  measured: string[];
  report: SpeedReport;
}

/** The cost figures a report gives, over the model's defaults. */
export function figuresFromReport(report: SpeedReport): MeasuredFigures {
  const c = report.costs;
  const figures: CostFigures = { ...DEFAULT_COSTS, kindMs: { ...DEFAULT_COSTS.kindMs } };
  const measured: string[] = [];
  const take = <K extends keyof CostFigures>(key: K, value: number | null): void => {
    if (value === null) return;
    (figures[key] as number) = value;
    measured.push(`${key} ${value}`);
  };
  take('spreadsheetCallMs', c.spreadsheetCallMs);
  if (c.readMsPerCell !== null) {
    take('readMsPerCell', c.readMsPerCell);
    take('formattedReadFactor', 1);
  }
  take('writeMsPerCell', c.writeMsPerCell);
  take('flushMs', c.flushMs);
  take('flushMsPerCell', c.flushMsPerCell);
  take('textFinderMsPerCell', c.textFinderMsPerCell);
  take('executionStartMs', c.executionStartMs);
  take('pageLoadMs', c.pageLoadMs);
  const kinds: [number | null, string[]][] = [
    [c.propertiesGetMs, ['Properties.getProperty', 'Properties.getProperties']],
    [
      c.propertiesSetMs,
      ['Properties.setProperty', 'Properties.setProperties', 'Properties.deleteProperty'],
    ],
    [c.cacheGetMs, ['Cache.get', 'Cache.getAll']],
    [c.cachePutMs, ['Cache.put', 'Cache.putAll']],
  ];
  for (const [value, names] of kinds)
    if (value !== null) {
      for (const k of names) figures.kindMs[k] = value;
      measured.push(`${names[0]} ${value}`);
    }
  return { figures, measured, report };
}

/** Reads and checks the file; every problem is an Error naming the file and what is wrong. */
export function loadMeasuredCosts(file: string): MeasuredFigures {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(
      `bench --costs ${file}: cannot read the file (${e instanceof Error ? e.message : String(e)})`,
      { cause: e },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `bench --costs ${file}: not JSON (${e instanceof Error ? e.message : String(e)}); use the JSON that Help › Check this spreadsheet offers`,
      { cause: e },
    );
  }
  try {
    return figuresFromReport(parseSpeedReport(json));
  } catch (e) {
    if (e instanceof SpeedReportError)
      throw new Error(`bench --costs ${file}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** The --costs argument of the command line, if any; a --costs without a file is an error. */
export function costsArgument(argv: readonly string[]): string | null {
  const i = argv.findIndex((a) => a === '--costs' || a.startsWith('--costs='));
  if (i < 0) return null;
  const arg = argv[i]!;
  const file = arg.startsWith('--costs=') ? arg.slice('--costs='.length) : argv[i + 1];
  if (!file || file.startsWith('--'))
    throw new Error('bench: --costs needs a file: npm run bench -- --costs speed.json');
  return file;
}
