/**
 * The Settings dialog: grace days, default term, language, notifications, the months of
 * commission details kept (one Save button for all of them). A small static page
 * (no user text in it: values are set through DOM properties by its script) that reads and
 * writes through google.script.run (settingsLoad / settingsSave).
 */
import { textsIn, type TextTable } from '../../shared/text';
import type { Lang } from '../../shared/contract';
import type { Settings } from '../../domain/types';
import { loadSettings, saveSettings } from '../platform/settings';
import { plainObject } from '../platform/input';
import { headroomBlock } from '../headroom/sizeSettings';
import { saveRetentionMonths } from '../headroom/size';
import { isRetentionMonths } from '../../domain/headroom';
import { t } from '../platform/messages';
import { mailAddressesBlock } from '../watch/addressSettings';
import { settingsSeen } from '../platform/workbookState';
import { failureScript } from '../platform/pageFailure';

const LABELS = {
  graceDays: {
    fr: 'Jours de grâce avant qu’une facture impayée soit en retard',
    en: 'Grace days before an unpaid invoice is overdue',
  },
  defaultTermDays: {
    fr: 'Terme par défaut (jours)',
    en: 'Default term (days)',
  },
  lang: {
    fr: 'Langue du classeur et de la fiche',
    en: 'Workbook and form language',
  },
  notifyWatch: {
    fr: 'Courriel au chargé de compte quand un client passe sous surveillance',
    en: 'Email the account manager when a client comes under watch',
  },
  sendStatements: {
    fr: 'Relevé mensuel de commissions par courriel aux vendeurs',
    en: 'Monthly commission statement emailed to salespeople',
  },
  save: {
    fr: 'Enregistrer',
    en: 'Save',
  },
  saved: {
    fr: 'Paramètres enregistrés.',
    en: 'Settings saved.',
  },
} as const satisfies TextTable;

// ---- Trigger owner block (decision 009): who owns the triggers, since when, what is wrong;
// the scheduled jobs, when each ran and is next due, and what a copy left behind (decision 011).
// Its texts come from triggerStatusLoad (src/server/platform/triggers.ts, workbook language) and
// are set with textContent: an address or a job's message is data, never markup.
const NOTICES_BLOCK = `<div id="notices" role="status"></div>`;
const TRIGGER_BLOCK = `<div id="triggers"><h2 id="triggerTitle"></h2><p id="triggerOwner"></p>
<p id="triggerProblem" role="alert"></p><ul id="jobs"></ul><p id="triggerExplain"></p></div>`;
const TRIGGER_SCRIPT = `google.script.run.withSuccessHandler(function(s){$('triggerTitle').textContent=s.title;
$('triggerOwner').textContent=s.owner;$('triggerProblem').textContent=s.problem||'';$('triggerExplain').textContent=s.explain;
function lines(id,list,tag){var box=$(id);box.textContent='';(list||[]).forEach(function(x){var e=document.createElement(tag);e.textContent=x;box.appendChild(e);});}
lines('jobs',s.jobs,'li');lines('notices',s.notices,'p');})
.withFailureHandler(function(e){fcFailure(e,$('triggerProblem'));}).triggerStatusLoad();`;

export function settingsPage(lang: Lang): string {
  const l = textsIn(LABELS, lang);
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px Arial,sans-serif;margin:12px}label{display:block;margin:10px 0 4px}
input[type=number],select{width:90px;padding:4px}.check label{display:inline}
button{margin-top:14px;background:#4d90fe;color:#fff;border:1px solid #3079ed;border-radius:2px;padding:6px 14px;font-weight:bold}
#msg{margin-top:10px;color:#188038}#msg.error{color:#d93025}
#triggers{margin-top:16px;border-top:1px solid #dadce0;padding-top:8px}#triggers h2{font-size:13px;margin:0 0 6px}
#triggers p{margin:4px 0}#triggerProblem{color:#d93025}#triggerExplain{color:#5f6368}
#jobs{margin:6px 0;padding-left:18px}#jobs li{margin:3px 0}#notices p{margin:0 0 8px;padding:6px 8px;background:#fef7e0;border-radius:4px}</style></head><body>${NOTICES_BLOCK}
<label for="graceDays">${l.graceDays}</label><input id="graceDays" type="number" min="0" max="365" step="1">
<label for="defaultTermDays">${l.defaultTermDays}</label><input id="defaultTermDays" type="number" min="0" max="3650" step="1">
<label for="lang">${l.lang}</label><select id="lang"><option value="fr">Français</option><option value="en">English</option></select>
<div class="check"><input id="notifyWatch" type="checkbox"> <label for="notifyWatch">${l.notifyWatch}</label></div>
<div class="check"><input id="sendStatements" type="checkbox"> <label for="sendStatements">${l.sendStatements}</label></div>
${mailAddressesBlock()}
<button id="save">${l.save}</button><div id="msg" role="status"></div>
${TRIGGER_BLOCK}
<script>
var $=function(id){return document.getElementById(id)};
${failureScript(lang)}
google.script.run.withSuccessHandler(function(s){$('graceDays').value=s.graceDays;$('defaultTermDays').value=s.defaultTermDays;$('lang').value=s.lang;$('notifyWatch').checked=s.notifyWatch;$('sendStatements').checked=s.sendStatements;})
.withFailureHandler(function(e){fcFailure(e,$('msg'));}).settingsLoad();
$('save').onclick=function(){var m=$('msg');m.className='';m.textContent='';
var p={graceDays:Number($('graceDays').value),defaultTermDays:Number($('defaultTermDays').value),lang:$('lang').value,notifyWatch:$('notifyWatch').checked,sendStatements:$('sendStatements').checked};
var r=$('retentionMonths');if(r&&r.value!=='')p.retentionMonths=Number(r.value);
google.script.run.withSuccessHandler(function(r){m.className=r.ok?'':'error';m.textContent=r.ok?${JSON.stringify(l.saved)}:r.message;})
.withFailureHandler(function(e){m.className='error';fcFailure(e,m);})
.settingsSave(p);};
${TRIGGER_SCRIPT}
</script>${headroomBlock(lang)}</body></html>`;
}

export function currentSettings(): Settings {
  return loadSettings(SpreadsheetApp.getActiveSpreadsheet());
}

/** Validates and stores settings sent by the dialog; refuses anything out of range. */
export function updateSettings(input: unknown): { ok: true } | { ok: false; message: string } {
  const lang = currentSettings().lang;
  const s = plainObject(input) ?? {}; // anything but an object is refused below
  const int = (v: unknown, min: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (!int(s.graceDays, 0, 365) || !int(s.defaultTermDays, 0, 3650))
    return {
      ok: false,
      message: t('settingsBadDays', lang),
    };
  if (s.lang !== 'fr' && s.lang !== 'en')
    return {
      ok: false,
      message: t('settingsBadLang', lang),
    };
  // The months of commission details kept (the workbook-size block's field, saved by the same
  // button): checked with the rest, before anything is written.
  const retention = Object.prototype.hasOwnProperty.call(s, 'retentionMonths')
    ? s.retentionMonths
    : undefined;
  if (retention !== undefined && !isRetentionMonths(retention))
    return { ok: false, message: t('retentionBad', lang) };
  saveSettings({
    graceDays: s.graceDays as number,
    defaultTermDays: s.defaultTermDays as number,
    lang: s.lang,
    notifyWatch: s.notifyWatch === true,
    sendStatements: s.sendStatements === true,
  });
  if (retention !== undefined) saveRetentionMonths(retention);
  settingsSeen(); // a copy's "settings kept" notice has been answered
  return { ok: true };
}
