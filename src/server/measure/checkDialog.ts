/**
 * The Help › Check this spreadsheet dialog (decision 012, with the speed measurement of
 * decision 013): a short report in the workbook's language (how Google behaves here, then the
 * speed), the JSON (Copy, Download) and three things only the page can do:
 * - the round trips of the speed report (speedDialog.ts);
 * - the download probe: after Download, inside Google's frame, the page asks whether the file
 *   arrived (there is no event for a blocked download); elsewhere (the preview, a test) it says
 *   "not measurable here";
 * - the mail probe, only when the person clicks its button (it sends them a message).
 * Each result goes back to the server with the report (`checkReportComplete`), which checks the
 * whole payload (it comes from a browser) and returns it completed. Nothing is stored. Every
 * text is set with textContent from embedded JSON (no text becomes markup).
 */
import {
  CHECKED_SWITCHES,
  CheckReportError,
  observedWorlds,
  parseCheckReport,
  parseDownloadProbe,
  parseMailProbe,
  type CheckedSwitch,
  type CheckReport,
} from '../../shared/checkReport';
import type { Lang } from '../../shared/contract';
import { SpeedReportError } from '../../shared/speedReport';
import { failureScript } from '../platform/pageFailure';
import { t, type MessageKey } from '../platform/messages';
import { FILE_SCRIPT } from '../platform/pages';
import { scriptSafeJson } from '../../shared/bootData';
import { PAGE_ROUND_TRIPS, speedSummary, withPageTimings } from './speedDialog';

const WHAT: Record<Exclude<CheckedSwitch, 'columnMoveChange'>, MessageKey> = {
  plainTextFormulas: 'checkWhatPlainTextFormulas',
  plainTextApostrophe: 'checkWhatPlainTextApostrophe',
  textFormatName: 'checkWhatTextFormatName',
  editEventBounds: 'checkWhatEditEventBounds',
  intlTimeZones: 'checkWhatIntlTimeZones',
  dialogDownloads: 'checkWhatDialogDownloads',
  mailQuotaCounts: 'checkWhatMailQuotaCounts',
  cacheValueLimit: 'checkWhatCacheValueLimit',
};

const WORLD: Record<string, MessageKey> = {
  text: 'checkWorldText',
  formula: 'checkWorldFormula',
  kept: 'checkWorldKept',
  swallowed: 'checkWorldSwallowed',
  asWritten: 'checkWorldAsWritten',
  at: 'checkWorldAt',
  atString: 'checkWorldAtString',
  present: 'checkWorldPresent',
  absent: 'checkWorldAbsent',
  all: 'checkWorldAll',
  utcOnly: 'checkWorldUtcOnly',
  allowed: 'checkWorldAllowed',
  blocked: 'checkWorldBlocked',
  recipients: 'checkWorldRecipients',
  messages: 'checkWorldMessages',
};

/** The probe each switch's world comes from (a failure there is the reason it is missing). */
const PROBE_OF: Record<Exclude<CheckedSwitch, 'columnMoveChange'>, string> = {
  plainTextFormulas: 'textWrites',
  plainTextApostrophe: 'textWrites',
  textFormatName: 'textWrites',
  editEventBounds: 'editEvent',
  intlTimeZones: 'intl',
  dialogDownloads: 'download',
  mailQuotaCounts: 'mail',
  cacheValueLimit: 'cache',
};

function worldText(name: CheckedSwitch, world: string, lang: Lang): string {
  if (name === 'cacheValueLimit')
    return t('checkWorldBytes', lang, {
      n: Number(world).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA'),
    });
  const key = WORLD[world];
  return key ? t(key, lang) : world;
}

/** Why a switch's world is missing from the report. */
function whyMissing(
  report: CheckReport,
  name: Exclude<CheckedSwitch, 'columnMoveChange'>,
  lang: Lang,
): string {
  const failed = report.failures[PROBE_OF[name]];
  if (failed) return t('checkWhyFailed', lang, { msg: failed });
  const p = report.probes;
  if (name === 'editEventBounds' && !p.editEvent) return t('checkWhyNoEdit', lang);
  if (name === 'mailQuotaCounts' && !p.mail) return t('checkWhyMailNotAsked', lang);
  if (name === 'dialogDownloads') {
    if (p.download && !p.download.measurable) return t('checkWhyNotMeasurableHere', lang);
    if (!p.download || p.download.arrived === undefined) return t('checkWhyDownloadNotAsked', lang);
  }
  return t('checkWhyUnclear', lang);
}

/** One line a behaviour: what was probed and what Google did here. */
export function checkSummary(report: CheckReport, lang: Lang): string[] {
  const worlds = report.worlds;
  return CHECKED_SWITCHES.filter(
    (n): n is Exclude<CheckedSwitch, 'columnMoveChange'> => n !== 'columnMoveChange',
  ).map((name) => {
    const what = t(WHAT[name], lang, { zone: report.environment.spreadsheetTimeZone });
    const world = worlds[name];
    return t('checkLine', lang, {
      what,
      world:
        world === null
          ? t('checkNotMeasured', lang, { why: whyMissing(report, name, lang) })
          : worldText(name, world, lang),
    });
  });
}

export function checkJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export type CheckReportResult =
  | { ok: true; report: CheckReport; behaviours: string[]; speed: string[]; json: string }
  | { ok: false; message: string };

function completed(report: CheckReport, lang: Lang): CheckReportResult {
  const done = { ...report, worlds: observedWorlds(report.probes) };
  return {
    ok: true,
    report: done,
    behaviours: checkSummary(done, lang),
    speed: speedSummary(done.speed, lang),
    json: checkJson(done),
  };
}

/**
 * What the page sends back: the report it was given and what it measured (round trips, mail,
 * download), all checked; the report is returned completed, its worlds derived again.
 */
export function completeCheckReport(payload: unknown, lang: Lang): CheckReportResult {
  try {
    if (typeof payload !== 'object' || payload === null)
      throw new CheckReportError('the request must be an object');
    const { report: raw, page } = payload as { report?: unknown; page?: unknown };
    const report = parseCheckReport(raw);
    if (typeof page !== 'object' || page === null)
      throw new CheckReportError('page must be an object');
    const p = page as Record<string, unknown>;
    const speed = withPageTimings(report.speed, page);
    const probes = { ...report.probes };
    if (p['mail'] !== undefined && p['mail'] !== null) {
      if (typeof p['mail'] !== 'object') throw new CheckReportError('page.mail must be an object');
      probes.mail = parseMailProbe(p['mail'] as Record<string, unknown>);
    }
    if (p['download'] !== undefined && p['download'] !== null) {
      if (typeof p['download'] !== 'object')
        throw new CheckReportError('page.download must be an object');
      probes.download = parseDownloadProbe(p['download'] as Record<string, unknown>);
    }
    return completed({ ...report, speed, probes }, lang);
  } catch (e) {
    if (e instanceof CheckReportError || e instanceof SpeedReportError)
      return { ok: false, message: t('checkBadReport', lang, { msg: e.message }) };
    throw e;
  }
}

/** The dialog page. */
export function checkPage(report: CheckReport, lang: Lang): string {
  const first = completed(report, lang);
  if (!first.ok) throw new Error(first.message);
  const data = {
    intro: t('checkIntro', lang),
    behavioursTitle: t('checkBehaviours', lang),
    speedTitle: t('checkSpeed', lang),
    behaviours: first.behaviours,
    speed: first.speed,
    json: first.json,
    report: first.report,
    trips: PAGE_ROUND_TRIPS,
    copy: t('speedCopy', lang),
    copied: t('speedCopied', lang),
    download: t('speedDownload', lang),
    mail: t('checkMailButton', lang),
    mailSent: t('checkMailSent', lang),
    ask: t('checkDownloadAsk', lang),
    yes: t('checkYes', lang),
    no: t('checkNo', lang),
    filename: `fiche-client-check-${report.measuredAt.slice(0, 10)}.json`,
  };
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}p{margin:0 0 10px}h2{font-size:13px;margin:10px 0 4px}
ul{margin:0 0 8px;padding-left:18px}
textarea{width:100%;height:120px;font:11px monospace;box-sizing:border-box}
button{margin:6px 8px 0 0;border-radius:2px;padding:6px 14px;font-weight:bold;border:1px solid #3079ed;background:#4d90fe;color:#fff}
button.plain{background:#fff;color:#1a73e8;border-color:#dadce0}
#ask{margin-top:8px}#msg{margin-top:8px}</style></head><body>
<p id="intro"></p><h2 id="behavioursTitle"></h2><ul id="behaviours"></ul>
<h2 id="speedTitle"></h2><ul id="speed"></ul><textarea id="json" readonly></textarea>
<button id="copy" type="button"></button><button id="download" type="button"></button>
<div id="ask" hidden><span id="askText"></span> <button id="yes" type="button" class="plain"></button><button id="no" type="button" class="plain"></button></div>
<div><button id="mail" type="button" class="plain"></button></div>
<div id="msg" role="status"></div>
<script>
${FILE_SCRIPT}
${failureScript(lang)}
var loaded=Math.round(performance.now());
var d=${scriptSafeJson(data)};var $=function(id){return document.getElementById(id)};
var page={roundTrip:[],roundTripServer:[],pageLoad:[loaded]};
function list(id,lines){var ul=$(id);while(ul.firstChild)ul.removeChild(ul.firstChild);
lines.forEach(function(s){var li=document.createElement('li');li.textContent=s;ul.appendChild(li);});}
function show(r){d.report=r.report;d.json=r.json;list('behaviours',r.behaviours);list('speed',r.speed);$('json').value=r.json;}
function say(text){var m=$('msg');m.style.color='';m.textContent=text;}
function complete(){google.script.run.withSuccessHandler(function(r){if(r.ok)show(r);else{$('msg').style.color='#d93025';$('msg').textContent=r.message;}})
.withFailureHandler(function(e){fcFailure(e,$('msg'));}).checkReportComplete({report:d.report,page:page});}
$('intro').textContent=d.intro;$('behavioursTitle').textContent=d.behavioursTitle;$('speedTitle').textContent=d.speedTitle;
$('copy').textContent=d.copy;$('download').textContent=d.download;$('mail').textContent=d.mail;
$('askText').textContent=d.ask;$('yes').textContent=d.yes;$('no').textContent=d.no;
show({report:d.report,json:d.json,behaviours:d.behaviours,speed:d.speed});
$('copy').onclick=function(){fcCopy($('json'),function(){say(d.copied);},function(){});};
// Only Google's frame can tell whether its downloads are allowed (its host: *.googleusercontent.com).
var measurable=/(^|\\.)googleusercontent\\.com$/.test(location.hostname);
$('download').onclick=function(){fcDownload(d.filename,'application/json',d.json);
if(measurable)$('ask').hidden=false;else{page.download={measurable:false};complete();}};
function answer(arrived){$('ask').hidden=true;page.download={measurable:true,arrived:arrived};complete();}
$('yes').onclick=function(){answer(true);};$('no').onclick=function(){answer(false);};
$('mail').onclick=function(){$('mail').disabled=true;
google.script.run.withSuccessHandler(function(r){if(!r.ok){$('msg').style.color='#d93025';$('msg').textContent=r.message;return;}
say(d.mailSent);page.mail=r.mail;complete();})
.withFailureHandler(function(e){fcFailure(e,$('msg'));$('mail').disabled=false;}).checkMailTest();};
function ping(){var start=performance.now();
google.script.run.withSuccessHandler(function(r){page.roundTrip.push(Math.round(performance.now()-start));page.roundTripServer.push(r.serverMs);
if(page.roundTrip.length<d.trips)ping();else complete();})
.withFailureHandler(function(e){fcFailure(e,$('msg'));}).speedPing();}
ping();
</script></body></html>`;
}
