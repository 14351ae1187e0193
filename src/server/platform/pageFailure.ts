/**
 * What every dialog does with a google.script.run failure: the error's text, and when it is the
 * multi-account refusal (src/shared/pageFailure.ts) what to do about it, in the workbook's
 * language, with a link to Google's page. Every text is set with textContent.
 */
import type { Lang } from '../../shared/contract';
import {
  MULTI_ACCOUNT_HELP,
  MULTI_ACCOUNT_HELP_URL,
  MULTI_ACCOUNT_LINK,
  MULTI_ACCOUNT_PATTERN,
} from '../../shared/pageFailure';
import { scriptSafeJson } from '../../shared/bootData';

/**
 * Script (inside a page's <script>) defining `fcFailure(error, element)`: shows the error in the
 * element (red), and the guidance under it when it is the multi-account refusal. Defined once
 * per page even if several blocks include it.
 */
export function failureScript(lang: Lang): string {
  const d = scriptSafeJson({
    pattern: MULTI_ACCOUNT_PATTERN,
    help: MULTI_ACCOUNT_HELP[lang],
    link: MULTI_ACCOUNT_LINK[lang],
    url: MULTI_ACCOUNT_HELP_URL,
  });
  return `window.fcFailure=window.fcFailure||(function(f){return function(e,el){
var text=String(e&&e.message?e.message:e);while(el.firstChild)el.removeChild(el.firstChild);
el.style.color='#d93025';el.appendChild(document.createTextNode(text));
if(!new RegExp(f.pattern,'i').test(text))return;
var p=document.createElement('p');p.className='fc-help';p.textContent=f.help;p.appendChild(document.createTextNode(' '));
var a=document.createElement('a');a.href=f.url;a.target='_blank';a.rel='noopener';a.textContent=f.link;p.appendChild(a);el.appendChild(p);};})(${d});`;
}
