/**
 * Opens a dialog's HTML (what the server passed to showModalDialog, read from emu.ui) in
 * Chromium as HtmlService shows it: inside an iframe sandboxed like Apps Script's user-content
 * frame, with google.script.run answered in Node (by the real bundle on the emulator, or a
 * test's relay). The dialogDownloads switch (emulator/switches.ts) decides whether the sandbox
 * carries `allow-downloads`: without it Chrome blocks the page's downloads silently
 * (https://www.chromestatus.com/feature/5706745674465280), as it would in the world where
 * Apps Script's frame lacks the flag.
 *
 * The frame has no allow-same-origin, so it cannot reach the test page's functions: its
 * google.script.run posts each call to the parent page, which relays it to Node and posts the
 * reply back.
 */
import type { Browser, Download, Frame, Page } from 'playwright-core';
import { resolveWorlds } from '../../emulator/switches';
import type { RelayReply } from './harness';

export interface DialogOptions {
  /** Default: the dialogDownloads world in force (EMULATOR_WORLDS, else allowed). */
  downloads?: 'allowed' | 'blocked';
  relay: (name: string, args: unknown[]) => RelayReply | Promise<RelayReply>;
  width?: number;
  height?: number;
  /**
   * Serve the frame from this host (as Google serves dialogs from *.googleusercontent.com)
   * rather than inline: what a page learns from its own location.
   */
  host?: string;
}

/** A host like the one Google serves Apps Script dialogs from. */
export const GOOGLE_FRAME_HOST = 'n-fichecheck0lu-0lu-script.googleusercontent.com';

export interface OpenDialog {
  page: Page;
  frame: Frame;
  downloads: Download[];
  /** Console messages of the page and its frame (Chrome's "Download is disallowed…"). */
  console: string[];
  errors: string[];
}

/** In the frame, before the page's own script: google.script.run over postMessage. */
const RUN_SHIM = `<script>
(function(){var seq=0,pending={};
window.addEventListener('message',function(ev){var m=ev.data;if(!m||m.source!=='fc-relay-reply')return;
var p=pending[m.id];if(!p)return;delete pending[m.id];
if(m.reply.ok){if(p.s)p.s(m.reply.value);}else{var e=new Error(m.reply.error.message);e.name=m.reply.error.name;if(p.f)p.f(e);}});
function make(s,f){return new Proxy({},{get:function(_t,k){
if(k==='withSuccessHandler')return function(fn){return make(fn,f);};
if(k==='withFailureHandler')return function(fn){return make(s,fn);};
if(typeof k!=='string')return undefined;
return function(){var id=++seq;pending[id]={s:s,f:f};
parent.postMessage({source:'fc-relay',id:id,name:k,args:JSON.parse(JSON.stringify(Array.prototype.slice.call(arguments)))},'*');};}});}
window.google={script:{run:make(null,null),host:{close:function(){},setHeight:function(){},setWidth:function(){}}}};})();
</script>`;

function withShim(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return RUN_SHIM + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + RUN_SHIM + html.slice(at);
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

export async function openDialog(
  browser: Browser,
  html: string,
  options: DialogOptions,
): Promise<OpenDialog> {
  const downloads = options.downloads ?? resolveWorlds().dialogDownloads;
  const context = await browser.newContext({
    viewport: { width: (options.width ?? 560) + 20, height: (options.height ?? 520) + 20 },
    locale: 'fr-CA',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(10_000);
  await context.route(/^https?:/, (route) => route.abort());
  // Registered last, so tried first (Playwright runs matching routes newest first).
  if (options.host)
    await context.route(`https://${options.host}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: withShim(html) }),
    );
  const page = await context.newPage();
  const opened: OpenDialog = {
    page,
    frame: page.mainFrame(),
    downloads: [],
    console: [],
    errors: [],
  };
  page.on('download', (d) => opened.downloads.push(d));
  page.on('console', (m) => opened.console.push(m.text()));
  page.on('pageerror', (e) => opened.errors.push(e.message));
  await page.exposeFunction('__relay', async (name: string, argsJson: string) =>
    options.relay(name, JSON.parse(argsJson) as unknown[]),
  );
  // Apps Script's frame: scripts, forms, modals, popups; allow-downloads only in that world.
  const sandbox = `allow-scripts allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox${
    downloads === 'allowed' ? ' allow-downloads' : ''
  }`;
  await page.setContent(`<!doctype html><html><body style="margin:0">
<iframe id="dialog" sandbox="${sandbox}" style="border:0" width="${options.width ?? 560}" height="${
    options.height ?? 520
  }" ${
    options.host
      ? `src="https://${options.host}/userCodeAppPanel"`
      : `srcdoc="${escapeAttribute(withShim(html))}"`
  }></iframe>
<script>
window.addEventListener('message',function(ev){var m=ev.data;if(!m||m.source!=='fc-relay')return;
var frame=document.getElementById('dialog').contentWindow;
window.__relay(m.name,JSON.stringify(m.args)).then(function(reply){frame.postMessage({source:'fc-relay-reply',id:m.id,reply:reply},'*');});});
</script></body></html>`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) throw new Error('the dialog frame did not load');
  await frame.waitForLoadState();
  opened.frame = frame;
  return opened;
}

/** The last dialog the server showed (emu.ui), its HTML. */
export function lastDialogHtml(events: readonly { kind: string }[]): string {
  const d = events.filter((e) => e.kind === 'modalDialog').at(-1);
  if (!d || !('html' in d)) throw new Error('no dialog shown');
  return (d as { html: string }).html;
}
