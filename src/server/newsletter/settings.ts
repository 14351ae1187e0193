/**
 * The "Mailchimp and follow-ups" dialog: the Mailchimp API key and audience id, and the daily
 * follow-up digest. Stored in the document's properties, never in a cell and never logged; the
 * page only ever receives a hint of the key (its first and last 4 hex digits), a blank key field
 * keeps the stored key, and "Remove key" deletes key and audience.
 *
 * Document properties are shared by every editor, and any editor can read them from the script
 * (Extensions › Apps Script): the dialog and the README say so, and advise a key made by a
 * Mailchimp user with the narrowest role that can make one (Manager: "Users with Manager
 * permissions can generate their own API keys", https://mailchimp.com/help/about-api-keys/),
 * revoked in Mailchimp when someone who could read it leaves.
 */
import { textsIn, type TextTable } from '../../shared/text';
import type { Lang } from '../../shared/contract';
import { plainObject } from '../platform/input';
import {
  API_KEY_PATTERN,
  AUDIENCE_ID_PATTERN,
  CONFIG_KEY,
  loadMailchimpConfig,
  saveMailchimpConfig,
  type MailchimpConfig,
} from './mailchimp';
import { failureScript } from '../platform/pageFailure';

const DIGEST_KEY = 'ficheClient.followUpDigest';

/** Whether the daily follow-up digest goes out (off unless turned on). */
export function followUpDigestEnabled(): boolean {
  return PropertiesService.getDocumentProperties().getProperty(DIGEST_KEY) === 'on';
}

export interface NewsletterSettingsView {
  /** 'a1b2…c3d4' (first and last 4 hex digits of the key) or '' when no key is stored. */
  keyHint: string;
  audienceId: string;
  followUpDigest: boolean;
}

/**
 * What the page may see of a key: the first and last 4 of its 32 hex digits, never the
 * data-centre suffix ("-us21"), which is the same for every key of an account and so tells
 * nothing. Mailchimp lists a key by its first 4 digits (https://mailchimp.com/help/about-api-keys/),
 * so the team can tell which key to revoke there.
 */
export function keyHint(apiKey: string | undefined): string {
  const digits = (apiKey ?? '').split('-')[0] ?? '';
  return digits.length >= 8 ? `${digits.slice(0, 4)}…${digits.slice(-4)}` : '';
}

/**
 * The one place this dialog stores or removes the key and audience (null: removed). Stored
 * state is copy-safe (decision 011): what it changes in how the key is kept belongs here and in
 * loadMailchimpConfig.
 */
function storeMailchimpConfig(config: MailchimpConfig | null): void {
  if (config) saveMailchimpConfig(config);
  else PropertiesService.getDocumentProperties().deleteProperty(CONFIG_KEY);
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
  keyReadable: {
    fr: 'Tous les éditeurs de ce classeur peuvent lire cette clé (Extensions › Apps Script). Utilisez une clé créée par un utilisateur Mailchimp au rôle le plus restreint qui le permet (Gestionnaire / Manager), et révoquez-la dans Mailchimp quand quelqu’un qui pouvait la lire s’en va.',
    en: 'Every editor of this spreadsheet can read this key (Extensions › Apps Script). Use a key made by a Mailchimp user with the narrowest role that can make one (Manager), and revoke it in Mailchimp when someone who could read it leaves.',
  },
  removeKey: {
    fr: 'Retirer la clé',
    en: 'Remove key',
  },
  removed: {
    fr: 'Clé et audience retirées : la synchronisation Mailchimp est arrêtée. Pensez à révoquer la clé dans Mailchimp.',
    en: 'Key and audience removed: the Mailchimp sync is off. Remember to revoke the key in Mailchimp.',
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
  badRequest: {
    fr: 'Requête invalide : rien n’a été enregistré.',
    en: 'Invalid request: nothing was saved.',
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
button.secondary{background:#fff;color:#d93025;border-color:#dadce0;font-weight:normal;margin-left:8px}
#msg{margin-top:10px;color:#188038}#msg.error{color:#d93025}</style></head><body>
<label for="apiKey">${l.apiKey}</label><input id="apiKey" type="password" autocomplete="off"><div class="hint" id="keyHint"></div>
<div class="hint">${l.keyReadable}</div>
<label for="audienceId">${l.audienceId}</label><input id="audienceId" type="text" autocomplete="off">
<div class="check"><input id="followUpDigest" type="checkbox"> <label for="followUpDigest">${l.digest}</label></div>
<button id="save">${l.save}</button><button id="removeKey" class="secondary" type="button" hidden>${l.removeKey}</button><div id="msg" role="status"></div>
<script>
var $=function(id){return document.getElementById(id)};var kept=${JSON.stringify(l.keyKept)};
function show(s){$('keyHint').textContent=s.keyHint?kept.replace('{hint}',s.keyHint):'';$('removeKey').hidden=!s.keyHint;$('audienceId').value=s.audienceId;$('followUpDigest').checked=s.followUpDigest;$('apiKey').value='';}
${failureScript(lang)}
google.script.run.withSuccessHandler(show).withFailureHandler(function(e){fcFailure(e,$('msg'));}).newsletterSettingsLoad();
function send(request,done){var m=$('msg');m.className='';m.textContent='';
google.script.run.withSuccessHandler(function(r){m.className=r.ok?'':'error';m.textContent=r.ok?done:r.message;if(r.ok)show(r.view);})
.withFailureHandler(function(e){m.className='error';fcFailure(e,m);})
.newsletterSettingsSave(request);}
$('save').onclick=function(){send({apiKey:$('apiKey').value,audienceId:$('audienceId').value,followUpDigest:$('followUpDigest').checked},${JSON.stringify(l.saved)});};
$('removeKey').onclick=function(){send({removeKey:true,followUpDigest:$('followUpDigest').checked},${JSON.stringify(l.removed)});};
</script></body></html>`;
}

export type NewsletterSettingsSaveResult =
  { ok: true; view: NewsletterSettingsView } | { ok: false; message: string };

/**
 * Validates and stores what the dialog sent. A blank key keeps the stored one; `removeKey: true`
 * deletes the key and the audience (they go together). Anything but an object, or a field of
 * the wrong type, is refused with nothing stored.
 */
export function saveNewsletterSettings(input: unknown, lang: Lang): NewsletterSettingsSaveResult {
  const l = textsIn(TEXT, lang);
  const s = plainObject(input);
  const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
  if (
    !s ||
    !optionalString(s.apiKey) ||
    !optionalString(s.audienceId) ||
    (s.followUpDigest !== undefined && typeof s.followUpDigest !== 'boolean') ||
    (s.removeKey !== undefined && typeof s.removeKey !== 'boolean')
  )
    return { ok: false, message: l.badRequest };
  const digest = s.followUpDigest === true ? 'on' : 'off';
  if (s.removeKey === true) {
    storeMailchimpConfig(null);
    PropertiesService.getDocumentProperties().setProperty(DIGEST_KEY, digest);
    return { ok: true, view: newsletterSettingsView() };
  }
  const apiKey = typeof s.apiKey === 'string' ? s.apiKey.trim() : '';
  const audienceId = typeof s.audienceId === 'string' ? s.audienceId.trim() : '';
  const stored = loadMailchimpConfig();
  const key = apiKey || stored?.apiKey || '';
  if (apiKey && !API_KEY_PATTERN.test(apiKey)) return { ok: false, message: l.badKey };
  if (audienceId && !AUDIENCE_ID_PATTERN.test(audienceId))
    return { ok: false, message: l.badAudience };
  if ((key === '') !== (audienceId === '')) return { ok: false, message: l.needBoth };
  if (key) storeMailchimpConfig({ apiKey: key, audienceId });
  PropertiesService.getDocumentProperties().setProperty(DIGEST_KEY, digest);
  return { ok: true, view: newsletterSettingsView() };
}
