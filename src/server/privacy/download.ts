/**
 * A dialog page that offers one file for download: the file is built in the page from data
 * embedded as JSON (a Blob and an object URL), so no Drive scope is needed. Every text of the
 * page, the client's name included, is set with textContent: user text never becomes markup.
 * Used by the client data export (Law 25) and the newsletter CSV export.
 * Blob / URL.createObjectURL: https://developer.mozilla.org/en-US/docs/Web/API/URL/createObjectURL_static
 */

export interface Download {
  intro: string;
  button: string;
  filename: string;
  mime: string;
  content: string;
}

/**
 * JSON that is safe inside a <script> element: no "</script>", no "<!--", and no U+2028/2029
 * (line terminators in older JavaScript engines).
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A file name without path separators or characters file systems refuse. */
export function safeFilename(name: string): string {
  let out = '';
  for (const ch of name) out += ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch;
  return out.slice(0, 120);
}

export function downloadPage(download: Download): string {
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}p{margin:0 0 12px;overflow-wrap:anywhere}
button{background:#4d90fe;color:#fff;border:1px solid #3079ed;border-radius:2px;padding:6px 14px;font-weight:bold}
</style></head><body><p id="intro"></p><button id="download" type="button"></button>
<script>
var d=${scriptJson({ ...download, filename: safeFilename(download.filename) })};
document.getElementById('intro').textContent=d.intro;
var b=document.getElementById('download');b.textContent=d.button;
b.onclick=function(){var url=URL.createObjectURL(new Blob([d.content],{type:d.mime}));
var a=document.createElement('a');a.href=url;a.download=d.filename;document.body.appendChild(a);a.click();
setTimeout(function(){URL.revokeObjectURL(url);a.parentNode.removeChild(a);},1000);};
</script></body></html>`;
}
