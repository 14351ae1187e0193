/**
 * The speed part of Help › Check this spreadsheet (checkDialog.ts): its short report, and the
 * page's google.script.run round trips: the page calls `speedPing` three times, timing each
 * call with performance.now(), then sends its timings back with the report, and the server
 * completes the report with them (round trip, time inside the function, the dialog's own load).
 */
import type { Lang } from '../../shared/contract';
import {
  deriveCosts,
  median,
  parseSamples,
  SpeedReportError,
  type Probe,
  type ProbeName,
  type SpeedReport,
} from '../../shared/speedReport';
import { formatCount } from '../../domain/headroom';
import { t } from '../platform/messages';
import { BUNDLE_EVALUATED_AT } from './probes';

/** Round trips the page makes (each a separate execution). */
export const PAGE_ROUND_TRIPS = 3;

function ms(n: number | null): string {
  if (n === null) return '—';
  return n >= 100 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

function perCell(n: number | null): string {
  return n === null ? '—' : String(Math.round(n * 10_000) / 10_000);
}

/** The short report, one line a probe group, in the workbook language. */
export function speedSummary(report: SpeedReport, lang: Lang): string[] {
  const probe = (name: ProbeName): Probe | undefined => report.probes.find((p) => p.name === name);
  const m = (name: ProbeName): number | null => {
    const p = probe(name);
    return p && !p.failed ? median(p.ms) : null;
  };
  const lines: string[] = [];
  const line = (names: ProbeName[], what: string, text: () => string): void => {
    const failed = names.map(probe).find((p) => p?.failed);
    if (failed) lines.push(t('speedNotMeasured', lang, { what, why: failed.failed! }));
    else if (names.every((n) => m(n) !== null)) lines.push(text());
  };
  const cells = (name: ProbeName) => formatCount(probe(name)?.cells ?? 0, lang);
  line(['serviceCall'], 'getLastRow', () =>
    t('speedCall', lang, { ms: ms(m('serviceCall')), n: probe('serviceCall')!.ms.length }),
  );
  line(['readColumn'], 'getValues', () =>
    t('speedReadColumn', lang, { cells: cells('readColumn'), ms: ms(m('readColumn')) }),
  );
  line(['textFinder'], 'TextFinder', () =>
    t('speedTextFinder', lang, { cells: cells('textFinder'), ms: ms(m('textFinder')) }),
  );
  line(['readBlock'], 'getValues', () =>
    t('speedReadBlock', lang, { cells: cells('readBlock'), ms: ms(m('readBlock')) }),
  );
  line(['writeBlock', 'flushBlock'], 'setValues', () =>
    t('speedWrite', lang, {
      cells: cells('writeBlock'),
      ms: ms(m('writeBlock')),
      flush: ms(m('flushBlock')),
    }),
  );
  line(['propertiesGet', 'propertiesSet'], 'PropertiesService', () =>
    t('speedProperties', lang, { get: ms(m('propertiesGet')), set: ms(m('propertiesSet')) }),
  );
  line(['cacheGet', 'cachePut'], 'CacheService', () =>
    t('speedCache', lang, { get: ms(m('cacheGet')), put: ms(m('cachePut')) }),
  );
  line(['bundleToCall'], 'start-up', () => t('speedStartup', lang, { ms: ms(m('bundleToCall')) }));
  if (m('roundTrip') === null) lines.push(t('speedRoundTripPending', lang));
  else
    lines.push(
      t('speedRoundTrip', lang, { ms: ms(m('roundTrip')), inside: ms(m('roundTripServer') ?? 0) }),
    );
  if (m('pageLoad') !== null) lines.push(t('speedPageLoad', lang, { ms: ms(m('pageLoad')) }));
  const c = report.costs;
  if (c.readMsPerCell !== null || c.writeMsPerCell !== null || c.flushMsPerCell !== null)
    lines.push(
      t('speedPerCell', lang, {
        read: perCell(c.readMsPerCell),
        write: perCell(c.writeMsPerCell),
        flush: perCell(c.flushMsPerCell),
      }),
    );
  return lines;
}

/** google.script.run target of the page's round trips: it does nothing but say how long that took. */
export function pingResult(enteredAt: number): { serverMs: number; sinceLoadMs: number } {
  const now = Date.now();
  return { serverMs: now - enteredAt, sinceLoadMs: now - BUNDLE_EVALUATED_AT };
}

/**
 * The report with the page's timings (checked: they come from a browser): the page's probes
 * replace any it had, and the costs are derived again. Throws SpeedReportError naming the field.
 */
export function withPageTimings(report: SpeedReport, page: unknown): SpeedReport {
  if (typeof page !== 'object' || page === null)
    throw new SpeedReportError('page must be an object');
  const p = page as Record<string, unknown>;
  const fromPage: Probe[] = [
    { name: 'roundTrip', ms: parseSamples(p['roundTrip'], 'page.roundTrip'), cells: 0 },
    {
      name: 'roundTripServer',
      ms: parseSamples(p['roundTripServer'], 'page.roundTripServer'),
      cells: 0,
    },
    { name: 'pageLoad', ms: parseSamples(p['pageLoad'], 'page.pageLoad'), cells: 0 },
  ];
  const names = new Set(fromPage.map((x) => x.name));
  const probes = [...report.probes.filter((x) => !names.has(x.name)), ...fromPage];
  return { ...report, probes, costs: deriveCosts(probes) };
}
