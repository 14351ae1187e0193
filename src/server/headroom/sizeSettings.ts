/**
 * The "Workbook size" block of the Settings dialog: cells used against the 10,000,000-cell
 * ceiling, the growth a month, the months left (src/server/headroom/size.ts), a warning from
 * 80 %, and the months of commission details kept by the retention rule. A block of its own
 * (markup and script), inserted in the Settings page by one line; its texts are computed on the
 * server in the workbook language and set with textContent.
 */
import { formatCount } from '../../domain/headroom';
import type { Lang } from '../../shared/contract';
import { t } from '../platform/messages';
import { loadSettings } from '../platform/settings';
import { workbookHeadroom } from './size';
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
  ];
  // Folding only ever lengthens the time left: when there is no limit at this rate, one line
  // says so (not once for the rate and again for the rate with folding).
  if (h.monthsLeft === null) lines.push(t('headroomNoLimit', lang));
  else {
    lines.push(t('headroomLeft', lang, { months: formatCount(h.monthsLeft, lang) }));
    lines.push(
      h.monthsLeftWithRetention === null
        ? t('headroomLeftFoldedNoLimit', lang, { n: h.retentionMonths })
        : t('headroomLeftFolded', lang, {
            n: h.retentionMonths,
            months: formatCount(h.monthsLeftWithRetention, lang),
          }),
    );
  }
  if (h.rate === 'estimated') lines.push(t('headroomEstimated', lang));
  return {
    lines,
    warning: h.warn ? t('headroomWarn', lang) : '',
    retentionMonths: h.retentionMonths,
  };
}

/**
 * The block's markup and script (no user text in it). Its months-kept field has no button of
 * its own: the Settings page's one Save button sends it with the other settings
 * (settingsSave, src/server/settings/settingsDialog.ts).
 */
export function headroomBlock(lang: Lang): string {
  const label = JSON.stringify(t('retentionLabel', lang));
  return `<fieldset id="headroom" style="margin-top:16px;border:1px solid #dadce0;padding:8px 10px">
<legend id="headroomTitle"></legend><div id="headroomLines"></div>
<p id="headroomWarn" style="color:#d93025;font-weight:bold"></p>
<label for="retentionMonths" id="retentionLabel"></label><input id="retentionMonths" type="number" min="1" max="240" step="1">
</fieldset>
<script>
(function(){var $=function(id){return document.getElementById(id)};
${failureScript(lang)}
$('headroomTitle').textContent=${JSON.stringify(t('headroomTitle', lang))};
$('retentionLabel').textContent=${label};
google.script.run.withSuccessHandler(function(v){v.lines.forEach(function(s){var p=document.createElement('p');p.textContent=s;$('headroomLines').appendChild(p);});
$('headroomWarn').textContent=v.warning;$('retentionMonths').value=v.retentionMonths;})
.withFailureHandler(function(e){fcFailure(e,$('headroomWarn'));}).headroomLoad();})();
</script>`;
}
