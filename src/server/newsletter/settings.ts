/**
 * The "Mailchimp and follow-ups" dialog: the Mailchimp API key and audience id, and the daily
 * follow-up digest. Stored in the document's properties (shared by every editor), never in a
 * cell and never logged; the page only ever receives the key's last 4 characters, and a blank
 * key field keeps the stored key.
 */
import { textsIn, type TextTable } from '../../shared/text';
import type { Lang } from '../../shared/contract';
import {
  API_KEY_PATTERN,
  AUDIENCE_ID_PATTERN,
  keyHint,
  loadMailchimpConfig,
  saveMailchimpConfig,
} from './mailchimp';
import { failureScript } from '../platform/pageFailure';

const DIGEST_KEY = 'ficheClient.followUpDigest';

/** Whether the daily follow-up digest goes out (off unless turned on). */
export function followUpDigestEnabled(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(DIGEST_KEY) === 'on';
}

export interface NewsletterSettingsView {
  /** '…abcd' or '' when no key is stored. */
  keyHint: string;
  audienceId: string;
  followUpDigest: boolean;
}

export function newsletterSettingsView(): NewsletterSettingsView {
  const config = loadMailchimpConfig();
  return {
    keyHint: keyHint(config?.apiKey),
    audienceId: config?.audienceId ?? '',
    followUpDigest: followUpDigestEnabled(),
  };
}

const TEXT = {
  apiKey: {
    fr: 'Clé d’API Mailchimp',
    en: 'Mailchimp API key',
  },
  keyKept: {
    fr: 'Clé enregistrée : {hint}. Laissez vide pour la garder.',
    en: 'Stored key: {hint}. Leave blank to keep it.',
  },
  audienceId: {
    fr: 'Identifiant de l’audience',
    en: 'Audience ID',
  },
  digest: {
    fr: 'Courriel quotidien à chaque chargé de compte : ses suivis dus',
    en: 'Daily email to each account manager: their follow-ups due',
  },
  save: {
    fr: 'Enregistrer',
    en: 'Save',
  },
  saved: {
    fr: 'Enregistré.',
    en: 'Saved.',
  },
  badKey: {
    fr: 'Clé d’API invalide : 32 caractères, un tiret et le centre de données (ex. …-us21).',
    en: 'Invalid API key: 32 characters, a dash and the data center (e.g. …-us21).',
  },
  badAudience: {
    fr: 'Identifiant d’audience invalide (lettres et chiffres, ex. a1b2c3d4e5).',
    en: 'Invalid audience ID (letters and digits, e.g. a1b2c3d4e5).',
  },
  needBoth: {
    fr: 'La clé et l’audience vont ensemble : indiquez les deux.',
    en: 'The key and the audience go together: give both.',
  },
} as const satisfies TextTable;

export function newsletterSettingsPage(lang: Lang): string {
  const l = textsIn(TEXT, lang);
  // Static labels only; values arrive through google.script.run and are set as DOM properties.
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}label{display:block;margin:10px 0 4px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:4px}.check label{display:inline}
.hint{color:#777;margin-top:2px}
button{margin-top:14px;background:#4d90fe;color:#fff;border:1px solid #3079ed;border-radius:2px;padding:6px 14px;font-weight:bold}
#msg{margin-top:10px;color:#188038}#msg.error{color:#d93025}</style></head><body>
<label for="apiKey">${l.apiKey}</label><input id="apiKey" type="password" autocomplete="off"><div class="hint" id="keyHint"></div>
<label for="audienceId">${l.audienceId}</label><input id="audienceId" type="text" autocomplete="off">
<div class="check"><input id="followUpDigest" type="checkbox"> <label for="followUpDigest">${l.digest}</label></div>
<button id="save">${l.save}</button><div id="msg" role="status"></div>
<script>
var $=function(id){return document.getElementById(id)};var kept=${JSON.stringify(l.keyKept)};
function show(s){$('keyHint').textContent=s.keyHint?kept.replace('{hint}',s.keyHint):'';$('audienceId').value=s.audienceId;$('followUpDigest').checked=s.followUpDigest;$('apiKey').value='';}
${failureScript(lang)}
google.script.run.withSuccessHandler(show).withFailureHandler(function(e){fcFailure(e,$('msg'));}).newsletterSettingsLoad();
$('save').onclick=function(){var m=$('msg');m.className='';m.textContent='';
google.script.run.withSuccessHandler(function(r){m.className=r.ok?'':'error';m.textContent=r.ok?${JSON.stringify(l.saved)}:r.message;if(r.ok)show(r.view);})
.withFailureHandler(function(e){m.className='error';fcFailure(e,m);})
.newsletterSettingsSave({apiKey:$('apiKey').value,audienceId:$('audienceId').value,followUpDigest:$('followUpDigest').checked});};
</script></body></html>`;
}

export type NewsletterSettingsSaveResult =
  { ok: true; view: NewsletterSettingsView } | { ok: false; message: string };

/** Validates and stores what the dialog sent. A blank key keeps the stored one. */
export function saveNewsletterSettings(input: unknown, lang: Lang): NewsletterSettingsSaveResult {
  const l = textsIn(TEXT, lang);
  const s = (input ?? {}) as Record<string, unknown>;
  const apiKey = typeof s.apiKey === 'string' ? s.apiKey.trim() : '';
  const audienceId = typeof s.audienceId === 'string' ? s.audienceId.trim() : '';
  const stored = loadMailchimpConfig();
  const key = apiKey || stored?.apiKey || '';
  if (apiKey && !API_KEY_PATTERN.test(apiKey)) return { ok: false, message: l.badKey! };
  if (audienceId && !AUDIENCE_ID_PATTERN.test(audienceId))
    return { ok: false, message: l.badAudience! };
  if ((key === '') !== (audienceId === '')) return { ok: false, message: l.needBoth! };
  const props = PropertiesService.getDocumentProperties();
  if (key) saveMailchimpConfig({ apiKey: key, audienceId });
  props.setProperty(DIGEST_KEY, s.followUpDigest === true ? 'on' : 'off');
  return { ok: true, view: newsletterSettingsView() };
}
