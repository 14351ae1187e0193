/**
 * The "Workbook size" block of the Settings dialog: cells used against the 10,000,000-cell
 * ceiling, the growth a month, the months left (src/server/headroom/size.ts), a warning from
 * 80 %, and the months of commission details kept by the retention rule. A block of its own
 * (markup and script), inserted in the Settings page by one line; its texts are computed on the
 * server in the workbook language and set with textContent.
 */
import { formatCount, isRetentionMonths } from '../../domain/headroom';
import type { Lang } from '../../shared/contract';
import { t } from '../platform/messages';
import { loadSettings } from '../platform/settings';
import { saveRetentionMonths, workbookHeadroom } from './size';
import { failureScript } from '../platform/pageFailure';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface HeadroomView {
  lines: string[];
  warning: string;
  retentionMonths: number;
}

export function headroomView(spreadsheet: Spreadsheet): HeadroomView {
  const lang = loadSettings(spreadsheet).lang;
  const h = workbookHeadroom(spreadsheet, lang);
  const pct = Math.round(h.share * 1000) / 10;
  const lines = [
    t('headroomUsed', lang, {
      used: formatCount(h.used, lang),
      limit: formatCount(h.limit, lang),
      pct: lang === 'fr' ? String(pct).replace('.', ',') : String(pct),
    }),
    t('headroomRate', lang, {
      cells: formatCount(h.perMonth.total, lang),
      invoices: formatCount(h.invoicesPerMonth, lang),
      lines: formatCount(h.detailLinesPerMonth, lang),
    }),
    h.monthsLeft === null
      ? t('headroomNoLimit', lang)
      : t('headroomLeft', lang, { months: formatCount(h.monthsLeft, lang) }),
    h.monthsLeftWithRetention === null
      ? t('headroomNoLimit', lang)
      : t('headroomLeftFolded', lang, {
          n: h.retentionMonths,
          months: formatCount(h.monthsLeftWithRetention, lang),
        }),
  ];
  if (h.rate === 'estimated') lines.push(t('headroomEstimated', lang));
  return {
    lines,
    warning: h.warn ? t('headroomWarn', lang) : '',
    retentionMonths: h.retentionMonths,
  };
}

export function saveRetention(
  spreadsheet: Spreadsheet,
  input: unknown,
): { ok: true; message: string } | { ok: false; message: string } {
  const lang = loadSettings(spreadsheet).lang;
  if (!isRetentionMonths(input)) return { ok: false, message: t('retentionBad', lang) };
  saveRetentionMonths(input);
  return { ok: true, message: t('retentionSaved', lang) };
}

/** The block's markup and script (no user text in it). */
export function headroomBlock(lang: Lang): string {
  const label = JSON.stringify(t('retentionLabel', lang));
  return `<fieldset id="headroom" style="margin-top:16px;border:1px solid #dadce0;padding:8px 10px">
<legend id="headroomTitle"></legend><div id="headroomLines"></div>
<p id="headroomWarn" style="color:#d93025;font-weight:bold"></p>
<label for="retentionMonths" id="retentionLabel"></label><input id="retentionMonths" type="number" min="1" max="240" step="1">
<button id="retentionApply" type="button"></button><span id="retentionMsg" role="status"></span>
</fieldset>
<script>
(function(){var $=function(id){return document.getElementById(id)};
${failureScript(lang)}
$('headroomTitle').textContent=${JSON.stringify(t('headroomTitle', lang))};
$('retentionLabel').textContent=${label};
$('retentionApply').textContent=${JSON.stringify(t('retentionApply', lang))};
google.script.run.withSuccessHandler(function(v){v.lines.forEach(function(s){var p=document.createElement('p');p.textContent=s;$('headroomLines').appendChild(p);});
$('headroomWarn').textContent=v.warning;$('retentionMonths').value=v.retentionMonths;})
.withFailureHandler(function(e){fcFailure(e,$('headroomWarn'));}).headroomLoad();
$('retentionApply').onclick=function(){var m=$('retentionMsg');m.textContent='';
google.script.run.withSuccessHandler(function(r){m.style.color=r.ok?'#188038':'#d93025';m.textContent=' '+r.message;})
.withFailureHandler(function(e){fcFailure(e,m);})
.retentionSave(Number($('retentionMonths').value));};})();
</script>`;
}
