/**
 * HTML page helpers of the server core. Dialog pages that offer a file: the file is built in the page from data embedded as JSON (a
 * Blob and an object URL), so no Drive scope is needed. Every text of the page, the client's
 * name included, is set with textContent: user text never becomes markup. Used by the client
 * data export (Law 25), the newsletter CSV export, the fold of commission details and
 * Help › Check this spreadsheet.
 * Blob / URL.createObjectURL: https://developer.mozilla.org/en-US/docs/Web/API/URL/createObjectURL_static
 *
 * Whether a dialog's download is allowed is not documented: Chrome 83+ blocks downloads from a
 * frame sandboxed without `allow-downloads`, silently for the page
 * (https://www.chromestatus.com/feature/5706745674465280; the emulator's dialogDownloads switch).
 * So every file offered can also be copied from the dialog itself (a read-only text area and a
 * Copy button, under "The file does not arrive?"), and nothing depends on the download having
 * run: the fold's Remove button waits for the person to say they kept the lines.
 */
import type { Lang } from '../../shared/contract';
import { scriptSafeJson } from '../../shared/bootData';
import { t } from './messages';

export interface Download {
  intro: string;
  button: string;
  filename: string;
  mime: string;
  content: string;
  /** The workbook's language (the copy fallback's texts); both languages when absent. */
  lang?: Lang;
}

/** A file name without path separators or characters file systems refuse. */
export function safeFilename(name: string): string {
  let out = '';
  for (const ch of name) out += ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch;
  return out.slice(0, 120);
}

/** The texts of the copy fallback, in `lang` or, without one, in both languages. */
export function offerTexts(lang?: Lang): {
  blocked: string;
  copy: string;
  copied: string;
  select: string;
} {
  const pick = (key: 'downloadBlocked' | 'copyContent' | 'copyDone' | 'copySelect'): string =>
    lang ? t(key, lang) : `${t(key, 'fr')} / ${t(key, 'en')}`;
  return {
    blocked: pick('downloadBlocked'),
    copy: pick('copyContent'),
    copied: pick('copyDone'),
    select: pick('copySelect'),
  };
}

/**
 * Script (inside a page's <script>) defining the two ways a file leaves a dialog:
 * - fcDownload(name, mime, text): a Blob and a click on <a download> (no error when blocked);
 * - fcCopy(area, ok, fail): the text area's content to the clipboard (the Clipboard API, else
 *   the selection and execCommand('copy'), as a sandboxed frame may refuse the first); when
 *   both fail the text stays selected for Ctrl+C.
 */
export const FILE_SCRIPT = `function fcDownload(name,mime,text){var url=URL.createObjectURL(new Blob([text],{type:mime}));
var a=document.createElement('a');a.href=url;a.download=name;document.body.appendChild(a);a.click();
setTimeout(function(){URL.revokeObjectURL(url);a.parentNode.removeChild(a);},1000);}
function fcCopy(area,ok,fail){function legacy(){area.focus();area.select();var done=false;
try{done=document.execCommand('copy');}catch(e){}if(done)ok();else fail();}
if(navigator.clipboard&&navigator.clipboard.writeText)navigator.clipboard.writeText(area.value).then(ok,legacy);else legacy();}`;

/** Markup of the copy fallback: a closed <details> with the text area and its Copy button. */
export const OFFER_MARKUP = `<details id="offer"><summary id="offerHint"></summary>
<textarea id="offerText" readonly></textarea><button id="offerCopy" type="button"></button>
<span id="offerMsg" role="status"></span></details>`;

export const OFFER_STYLE = `details{margin:10px 0}summary{cursor:pointer;color:#1a73e8}
#offerText{width:100%;height:120px;font:11px monospace;box-sizing:border-box;margin-top:6px}`;

/**
 * Script wiring OFFER_MARKUP: `o` holds the texts (offerTexts) and `text`, the file's content.
 * Calls `kept()` once the content is copied (optional).
 */
export const OFFER_SCRIPT = `function fcOffer(o,text,kept){var $=function(id){return document.getElementById(id)};
$('offerHint').textContent=o.blocked;$('offerCopy').textContent=o.copy;$('offerText').value=text;
$('offerCopy').onclick=function(){fcCopy($('offerText'),function(){$('offerMsg').textContent=' '+o.copied;if(kept)kept();},
function(){$('offerMsg').textContent=' '+o.select;});};}`;

export function downloadPage(download: Download): string {
  const data = {
    ...download,
    filename: safeFilename(download.filename),
    offer: offerTexts(download.lang),
  };
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}p{margin:0 0 12px;overflow-wrap:anywhere}
button{background:#4d90fe;color:#fff;border:1px solid #3079ed;border-radius:2px;padding:6px 14px;font-weight:bold}
${OFFER_STYLE}</style></head><body><p id="intro"></p><button id="download" type="button"></button>
${OFFER_MARKUP}
<script>
${FILE_SCRIPT}
${OFFER_SCRIPT}
var d=${scriptSafeJson(data)};
document.getElementById('intro').textContent=d.intro;
var b=document.getElementById('download');b.textContent=d.button;
b.onclick=function(){fcDownload(d.filename,d.mime,d.content);};
fcOffer(d.offer,d.content);
</script></body></html>`;
}

/** One of several files a dialog offers (filesPage). */
export interface OfferedFile {
  /** The download button's text. */
  button: string;
  /** What the file is, over its text area in the copy fallback. */
  label: string;
  filename: string;
  mime: string;
  content: string;
}

/**
 * A dialog offering several files (the Law 25 export's readable page and its JSON): a download
 * button each, and under "The file does not arrive?" a text area and a Copy button each, so
 * every file can still leave the dialog when downloads are blocked.
 */
export function filesPage(intro: string, files: readonly OfferedFile[], lang: Lang): string {
  const data = {
    intro,
    files: files.map((f) => ({ ...f, filename: safeFilename(f.filename) })),
    offer: offerTexts(lang),
  };
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}p{margin:0 0 12px;overflow-wrap:anywhere}
button{background:#4d90fe;color:#fff;border:1px solid #3079ed;border-radius:2px;padding:6px 14px;font-weight:bold;margin:0 8px 8px 0}
#offers button{background:#fff;color:#202124;border-color:#dadce0;font-weight:normal}
#offers label{display:block;margin-top:8px;font-weight:bold}
${OFFER_STYLE}</style></head><body><p id="intro"></p><div id="downloads"></div>
<details id="offer"><summary id="offerHint"></summary><div id="offers"></div></details>
<script>
${FILE_SCRIPT}
var d=${scriptSafeJson(data)};
var $=function(id){return document.getElementById(id)};
$('intro').textContent=d.intro;$('offerHint').textContent=d.offer.blocked;
d.files.forEach(function(f,i){var b=document.createElement('button');b.type='button';b.textContent=f.button;
b.onclick=function(){fcDownload(f.filename,f.mime,f.content);};$('downloads').appendChild(b);
var l=document.createElement('label');l.textContent=f.label;l.htmlFor='offerText'+i;
var a=document.createElement('textarea');a.id='offerText'+i;a.readOnly=true;a.value=f.content;a.style.width='100%';a.style.height='90px';a.style.font='11px monospace';
var c=document.createElement('button');c.type='button';c.textContent=d.offer.copy;var m=document.createElement('span');m.setAttribute('role','status');
c.onclick=function(){fcCopy(a,function(){m.textContent=' '+d.offer.copied;},function(){m.textContent=' '+d.offer.select;});};
[l,a,c,m].forEach(function(x){$('offers').appendChild(x);});});
</script></body></html>`;
}
