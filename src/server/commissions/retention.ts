/**
 * The retention rule of Commission details: the detail lines of paid-out months older than the
 * months kept (Settings, 24 by default) may be folded away, leaving the Commission report's
 * month totals as the record. The lines are the sheet's biggest growth (about 15,500 a month at
 * the bench's full size), and Google Sheets counts every grid cell against its 10,000,000-cell
 * ceiling; deleting the rows gives the cells back.
 *
 * Never without the user: the menu shows a dialog that lists each month to be removed (lines,
 * commission total), offers the removed lines as a CSV download (and their content to copy,
 * should the browser block the download: platform/pages.ts), and enables the button that
 * removes them only once the person ticks that they kept a copy: a download click proves
 * nothing where downloads are blocked. That button sends back the months and a fingerprint (MD5) of the CSV;
 * the server plans again and removes nothing unless the same lines are still there, every month
 * still ticked Paid out in every report row and still older than the months kept. Whole rows are
 * deleted, so a column the team added loses the cells of the removed lines only and stays in
 * step with the others. A month with any report row not ticked Paid out, or with no report row,
 * is never folded. The report is not touched.
 */
import SparkMD5 from 'spark-md5';
import { formatCount, retentionCutoff } from '../../domain/headroom';
import { formatMoney } from '../../domain/money';
import { dayInZone, isMonth, monthInZone, monthOfDay } from '../../domain/time';
import type { Month } from '../../domain/types';
import type { Lang } from '../../shared/contract';
import { csvField } from '../../shared/csv';
import { t } from '../platform/messages';
import { loadSettings } from '../platform/settings';
import { failureScript } from '../platform/pageFailure';
import {
  FILE_SCRIPT,
  OFFER_MARKUP,
  OFFER_SCRIPT,
  OFFER_STYLE,
  offerTexts,
  safeFilename,
} from '../platform/pages';
import { scriptSafeJson } from '../../shared/bootData';
import { FIRST_DATA_ROW, requiredColumns, type Table } from '../workbook/sheets';
import { readColumns, readTable, withWholeRows } from '../workbook/read';
import { sameHeader, stillHolds } from '../workbook/rowChecks';
import { deleteSheetRows } from '../workbook/write';
import { loadRetentionMonths } from '../headroom/size';
import { withDocumentLock } from '../platform/lock';
import { MOVED, type Moved, untilSettled } from '../platform/attempts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Lines folded in one go at most (whole months; the oldest month always): the CSV is embedded in
 * the dialog, about 70 bytes a line, so at most about 3.5 MB. More eligible months: run again.
 */
export const MAX_FOLD_LINES = 50_000;
const LOCK_WAIT_MS = 30_000;

export interface FoldMonth {
  month: Month;
  lines: number;
  /** The month's commission total, from the report (what stays). */
  commission: number;
}

export interface FoldPlan {
  lang: Lang;
  retentionMonths: number;
  /** Months strictly before this one may be folded. */
  cutoff: Month;
  months: FoldMonth[];
  /** Older months that hold lines but are not (all) ticked Paid out: kept. */
  unpaid: Month[];
  /** More eligible months than fit in one go. */
  more: boolean;
  csv: string;
  fingerprint: string;
  /** Sheet rows to delete, and the Month column as read (checked again before deleting). */
  rows: number[];
  table: Table<'reportDetails'> | null;
}

/** What the report says of each month: every row ticked Paid out, and the total commission. */
function reportMonths(
  report: Table<'report'>,
  timeZone: string,
): Map<Month, { paid: boolean; commission: number }> {
  const out = new Map<Month, { paid: boolean; commission: number }>();
  for (const row of report.rows) {
    const month = monthText(row[report.index.month], timeZone);
    if (!isMonth(month)) continue;
    if (String(row[report.index.salesperson] ?? '').trim() === '') continue;
    const entry = out.get(month) ?? { paid: true, commission: 0 };
    entry.paid = entry.paid && report.index.paidOut >= 0 && row[report.index.paidOut] === true;
    entry.commission += Number(row[report.index.commission]) || 0;
    out.set(month, entry);
  }
  return out;
}

function monthText(v: unknown, timeZone: string): string {
  return v instanceof Date ? monthInZone(v, timeZone) : String(v ?? '').trim();
}

/**
 * The lines that may be folded now (or, with `only`, those of these months): reads the report
 * whole, the Month column of Commission details, then the whole rows of the months to fold.
 */
export function planFold(spreadsheet: Spreadsheet, only?: readonly Month[]): FoldPlan {
  const lang = loadSettings(spreadsheet).lang;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const retentionMonths = loadRetentionMonths();
  const cutoff = retentionCutoff(monthOfDay(dayInZone(new Date(), timeZone)), retentionMonths);
  // Rows moved between reading the Month column and the months' rows: read again.
  return untilSettled(lang, (): FoldPlan | Moved => {
    const report = reportMonths(readTable(spreadsheet, 'report', lang), timeZone);
    const months = readColumns(
      spreadsheet,
      'reportDetails',
      lang,
      ['month'],
      requiredColumns('reportDetails'),
    );
    const byMonth = new Map<Month, number[]>();
    months.rows.forEach((row, n) => {
      const m = monthText(row[months.index.month], timeZone);
      if (!isMonth(m) || m >= cutoff) return;
      const list = byMonth.get(m) ?? [];
      list.push(n + FIRST_DATA_ROW);
      byMonth.set(m, list);
    });
    const old = [...byMonth.keys()].sort();
    const unpaid = old.filter((m) => !report.get(m)?.paid);
    const eligible = old.filter((m) => report.get(m)?.paid && (!only || only.includes(m)));
    const chosen: FoldMonth[] = [];
    let lines = 0;
    for (const month of eligible) {
      const count = byMonth.get(month)!.length;
      if (chosen.length > 0 && lines + count > MAX_FOLD_LINES) break;
      chosen.push({ month, lines: count, commission: report.get(month)!.commission });
      lines += count;
    }
    const base = { lang, retentionMonths, cutoff, unpaid, more: chosen.length < eligible.length };
    if (chosen.length === 0)
      return { ...base, months: [], csv: '', fingerprint: '', rows: [], table: null };
    const rows = chosen.flatMap((c) => byMonth.get(c.month)!).sort((a, b) => a - b);
    const whole = withWholeRows(months, rows, ['month']);
    if (!whole) return MOVED; // rows moved while they were read
    const csv = toCsv(whole, rows, timeZone);
    const fingerprint = SparkMD5.hash(`${chosen.map((c) => c.month).join(',')}\n${csv}`);
    return { ...base, months: chosen, csv, fingerprint, rows, table: whole };
  });
}

/** The header and the given rows, every column (the team's too), as RFC 4180 CSV. */
function toCsv(table: Table<'reportDetails'>, rows: readonly number[], timeZone: string): string {
  const width = table.header.length;
  const cell = (v: unknown): string => {
    if (v instanceof Date) return dayInZone(v, timeZone);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    return String(v ?? '');
  };
  // Text gets OWASP's neutralizing quote (src/shared/csv.ts); numbers, dates and booleans are
  // written as they are, so a credit note's -12.50 stays a number.
  const field = (v: unknown): string => (typeof v === 'string' ? csvField(v) : cell(v));
  const lines = [table.header.map(field).join(',')];
  for (const r of rows) {
    const row = table.rows[r - FIRST_DATA_ROW] ?? [];
    lines.push(Array.from({ length: width }, (_, i) => field(row[i])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Menu: the dialog listing what would be removed, with the CSV first; or why nothing can be. */
export function showFoldDialog(spreadsheet: Spreadsheet): void {
  const plan = planFold(spreadsheet);
  const { lang } = plan;
  const ui = SpreadsheetApp.getUi();
  const unpaid =
    plan.unpaid.length > 0
      ? `\n\n${t('foldUnpaid', lang, { months: plan.unpaid.join(', ') })}`
      : '';
  if (plan.months.length === 0) {
    ui.alert(
      t('menuFoldDetails', lang),
      `${t('foldNothing', lang, { n: plan.retentionMonths, cutoff: plan.cutoff })}${unpaid}`,
      ui.ButtonSet.OK,
    );
    return;
  }
  const html = foldPage(plan);
  ui.showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(480).setHeight(420),
    t('menuFoldDetails', lang),
  );
}

/** The dialog: every text set with textContent from embedded JSON (no user text as markup). */
export function foldPage(plan: FoldPlan): string {
  const { lang } = plan;
  const total = plan.months.reduce((n, m) => n + m.lines, 0);
  const data = {
    intro: t('foldIntro', lang, { n: plan.retentionMonths }),
    months: plan.months.map((m) =>
      t('foldMonthLine', lang, {
        month: m.month,
        lines: formatCount(m.lines, lang),
        commission: formatMoney(m.commission, lang),
      }),
    ),
    notes: [
      ...(plan.unpaid.length > 0
        ? [t('foldUnpaid', lang, { months: plan.unpaid.join(', ') })]
        : []),
      ...(plan.more ? [t('foldMore', lang)] : []),
    ],
    download: t('foldDownload', lang),
    remove: t('foldRemove', lang, { n: formatCount(total, lang) }),
    kept: t('foldKept', lang),
    offer: offerTexts(lang),
    filename: safeFilename(
      `commission-details-${plan.months[0]!.month}-${plan.months[plan.months.length - 1]!.month}.csv`,
    ),
    content: plan.csv,
    request: { months: plan.months.map((m) => m.month), fingerprint: plan.fingerprint },
  };
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}p{margin:0 0 10px}ul{margin:0 0 10px;padding-left:18px}
button{margin:6px 8px 0 0;border-radius:2px;padding:6px 14px;font-weight:bold;border:1px solid #3079ed;background:#4d90fe;color:#fff}
button:disabled{background:#ccc;border-color:#bbb}#msg{margin-top:10px}#msg.error{color:#d93025}
.kept{margin:8px 0}${OFFER_STYLE}</style></head><body>
<p id="intro"></p><ul id="months"></ul><div id="notes"></div>
<button id="download" type="button"></button>
${OFFER_MARKUP}
<div class="kept"><input id="kept" type="checkbox"> <label for="kept" id="keptLabel"></label></div>
<button id="remove" type="button" disabled></button>
<div id="msg" role="status"></div>
<script>
${FILE_SCRIPT}
${OFFER_SCRIPT}
${failureScript(lang)}
var d=${scriptSafeJson(data)};var $=function(id){return document.getElementById(id)};
$('intro').textContent=d.intro;
d.months.forEach(function(s){var li=document.createElement('li');li.textContent=s;$('months').appendChild(li);});
d.notes.forEach(function(s){var p=document.createElement('p');p.textContent=s;$('notes').appendChild(p);});
$('download').textContent=d.download;$('remove').textContent=d.remove;$('keptLabel').textContent=d.kept;
$('download').onclick=function(){fcDownload(d.filename,'text/csv;charset=utf-8',d.content);};
fcOffer(d.offer,d.content);
$('kept').onchange=function(){$('remove').disabled=!$('kept').checked;};
$('remove').onclick=function(){var m=$('msg');$('remove').disabled=true;m.className='';m.style.color='';m.textContent='…';
google.script.run.withSuccessHandler(function(r){m.className=r.ok?'':'error';m.textContent=r.message;if(!r.ok)$('remove').disabled=!$('kept').checked;})
.withFailureHandler(function(e){fcFailure(e,m);$('remove').disabled=!$('kept').checked;})
.foldCommissionDetails(d.request);};
</script></body></html>`;
}

export type FoldResult =
  | { ok: true; removed: number; months: Month[]; message: string }
  | {
      ok: false;
      message: string;
    };

/**
 * The dialog's Remove button: plans again for the months asked, and removes their lines only if
 * they are exactly the lines whose CSV was offered (same fingerprint), then, inside the document
 * lock, only if the Month column still holds what was read (nobody sorted or deleted rows).
 */
export function foldDetails(spreadsheet: Spreadsheet, request: unknown): FoldResult {
  const lang = loadSettings(spreadsheet).lang;
  const r = (request ?? {}) as { months?: unknown; fingerprint?: unknown };
  const months = Array.isArray(r.months) ? r.months : [];
  if (
    months.length === 0 ||
    !months.every((m) => typeof m === 'string' && isMonth(m)) ||
    typeof r.fingerprint !== 'string'
  )
    return { ok: false, message: t('foldBadRequest', lang) };
  const asked = months as Month[];
  const plan = planFold(spreadsheet, asked);
  const same =
    plan.table !== null &&
    plan.fingerprint === r.fingerprint &&
    plan.months.length === asked.length &&
    plan.months.every((m) => asked.includes(m.month));
  if (!same) return { ok: false, message: t('foldChanged', lang) };
  const table = plan.table!;
  const moved = withDocumentLock(
    lang,
    LOCK_WAIT_MS,
    () => {
      if (
        !sameHeader(table.sheet, table.header) ||
        !stillHolds(table.sheet, table.rows, table.index.month)
      )
        return true;
      deleteSheetRows(table.sheet, plan.rows);
      SpreadsheetApp.flush();
      return false;
    },
    { flush: 'never' }, // flushed only after a deletion
  );
  if (moved) return { ok: false, message: t('foldChanged', lang) };
  console.log(`Commission details folded: ${asked.join(', ')} (${plan.rows.length} lines)`);
  return {
    ok: true,
    removed: plan.rows.length,
    months: asked,
    message: t('foldDone', lang, {
      n: formatCount(plan.rows.length, lang),
      months: asked.join(', '),
    }),
  };
}
