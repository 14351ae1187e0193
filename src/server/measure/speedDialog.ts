/**
 * The Measure speed dialog: a short report, the JSON (copy or download) and, from the page, a
 * google.script.run round trip: the page calls `speedPing` three times, timing each call with
 * performance.now(), then sends its timings back with the report (`speedReport`), and the
 * server returns the report completed (round trip, time inside the function, the dialog's own
 * load). The page shows the server-side report at once, so a failed round trip still leaves
 * the JSON. Every text is set with textContent from embedded JSON (no text becomes markup).
 */
import type { Lang } from '../../shared/contract';
import {
  deriveCosts,
  median,
  parseSamples,
  parseSpeedReport,
  SpeedReportError,
  type Probe,
  type ProbeName,
  type SpeedReport,
} from '../../shared/speedReport';
import { formatCount } from '../../domain/headroom';
import { scriptJson } from '../privacy/download';
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

export function reportJson(report: SpeedReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The dialog page. */
export function speedPage(report: SpeedReport, lang: Lang): string {
  const data = {
    intro: t('speedIntro', lang),
    summary: speedSummary(report, lang),
    json: reportJson(report),
    report,
    trips: PAGE_ROUND_TRIPS,
    copy: t('speedCopy', lang),
    copied: t('speedCopied', lang),
    download: t('speedDownload', lang),
    filename: `fiche-client-speed-${report.measuredAt.slice(0, 10)}.json`,
  };
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}p{margin:0 0 10px}ul{margin:0 0 10px;padding-left:18px}
textarea{width:100%;height:150px;font:11px monospace;box-sizing:border-box}
button{margin:6px 8px 0 0;border-radius:2px;padding:6px 14px;font-weight:bold;border:1px solid #3079ed;background:#4d90fe;color:#fff}
#msg{margin-top:8px}#msg.error{color:#d93025}</style></head><body>
<p id="intro"></p><ul id="summary"></ul><textarea id="json" readonly></textarea>
<button id="copy" type="button"></button><button id="download" type="button"></button>
<div id="msg" role="status"></div>
<script>
var loaded=Math.round(performance.now());
var d=${scriptJson(data)};var $=function(id){return document.getElementById(id)};
function show(lines,json){var ul=$('summary');while(ul.firstChild)ul.removeChild(ul.firstChild);
lines.forEach(function(s){var li=document.createElement('li');li.textContent=s;ul.appendChild(li);});
$('json').value=json;d.json=json;}
function say(text,error){$('msg').className=error?'error':'';$('msg').textContent=text;}
$('intro').textContent=d.intro;$('copy').textContent=d.copy;$('download').textContent=d.download;
show(d.summary,d.json);
$('copy').onclick=function(){var done=function(){say(d.copied,false);};
if(navigator.clipboard&&navigator.clipboard.writeText)navigator.clipboard.writeText(d.json).then(done,function(){$('json').select();document.execCommand('copy');done();});
else{$('json').select();document.execCommand('copy');done();}};
$('download').onclick=function(){var url=URL.createObjectURL(new Blob([d.json],{type:'application/json'}));
var a=document.createElement('a');a.href=url;a.download=d.filename;document.body.appendChild(a);a.click();
setTimeout(function(){URL.revokeObjectURL(url);a.parentNode.removeChild(a);},1000);};
var trips=[],inside=[];
function finish(){google.script.run.withSuccessHandler(function(r){if(r.ok){d.report=r.report;show(r.summary,r.json);}else say(r.message,true);})
.withFailureHandler(function(e){say(e.message,true);})
.speedReport({report:d.report,page:{roundTrip:trips,roundTripServer:inside,pageLoad:[loaded]}});}
function ping(){var start=performance.now();
google.script.run.withSuccessHandler(function(r){trips.push(Math.round(performance.now()-start));inside.push(r.serverMs);
if(trips.length<d.trips)ping();else finish();})
.withFailureHandler(function(e){say(e.message,true);}).speedPing();}
ping();
</script></body></html>`;
}

/** google.script.run target of the page's round trips: it does nothing but say how long that took. */
export function pingResult(enteredAt: number): { serverMs: number; sinceLoadMs: number } {
  const now = Date.now();
  return { serverMs: now - enteredAt, sinceLoadMs: now - BUNDLE_EVALUATED_AT };
}

export type SpeedReportResult =
  | { ok: true; report: SpeedReport; summary: string[]; json: string }
  | { ok: false; message: string };

/**
 * What the page sends back: the report it was given and its own timings. Both are checked (the
 * payload comes from a browser); the page's probes replace any it had, and the costs are
 * derived again. Nothing is stored: the report goes back to the page.
 */
export function completeSpeedReport(payload: unknown, lang: Lang): SpeedReportResult {
  try {
    if (typeof payload !== 'object' || payload === null)
      throw new SpeedReportError('the request must be an object');
    const { report: raw, page } = payload as { report?: unknown; page?: unknown };
    const report = parseSpeedReport(raw);
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
    const complete: SpeedReport = { ...report, probes, costs: deriveCosts(probes) };
    return {
      ok: true,
      report: complete,
      summary: speedSummary(complete, lang),
      json: reportJson(complete),
    };
  } catch (e) {
    if (e instanceof SpeedReportError)
      return { ok: false, message: t('speedBadReport', lang, { msg: e.message }) };
    throw e;
  }
}
