/**
 * The client statement as a page: the dialog (data embedded as JSON, every text set with
 * textContent, so a name or a remark typed in a cell stays text) and the same statement as a
 * standalone HTML document (every value escaped), which is the e-mail's body and the file the
 * dialog offers when printing is not possible (platform/pages.ts: a download, and a copy
 * fallback when the dialog's frame blocks downloads).
 */
import { formatMoney } from '../../domain/money';
import { AGING_BUCKETS, type AgingBucket } from '../../domain/payments';
import { SHEETS, type Lang } from '../../shared/contract';
import { scriptSafeJson } from '../../shared/bootData';
import { translator, type TextTable } from '../../shared/text';
import { escapeHtml } from '../commissions/statements';
import {
  FILE_SCRIPT,
  OFFER_MARKUP,
  OFFER_SCRIPT,
  OFFER_STYLE,
  offerTexts,
  safeFilename,
} from '../platform/pages';
import type { StatementData } from './statement';

/** The statement's own texts, in the client's language. */
const TEXT = {
  title: { fr: 'État de compte', en: 'Statement of account' },
  asOf: { fr: 'En date du {day}', en: 'As of {day}' },
  client: { fr: 'Client {code}', en: 'Client {code}' },
  openInvoices: { fr: 'Factures ouvertes', en: 'Open invoices' },
  noOpen: { fr: 'Aucune facture ouverte.', en: 'No open invoice.' },
  number: { fr: 'No de facture', en: 'Invoice no.' },
  date: { fr: 'Date', en: 'Date' },
  dueDate: { fr: 'Échéance', en: 'Due date' },
  amount: { fr: 'Montant', en: 'Amount' },
  received: { fr: 'Paiements reçus', en: 'Payments received' },
  remaining: { fr: 'Solde', en: 'Balance' },
  balanceDue: { fr: 'Solde dû', en: 'Balance due' },
  aging: { fr: 'Âge des soldes', en: 'Aging' },
  payments: {
    fr: 'Paiements des {n} derniers jours',
    en: 'Payments of the last {n} days',
  },
  noPayments: { fr: 'Aucun paiement.', en: 'No payment.' },
  reference: { fr: 'Référence', en: 'Reference' },
  remarks: { fr: 'Remarques', en: 'Remarks' },
  file: { fr: 'etat-de-compte-{code}.html', en: 'statement-{code}.html' },
} as const satisfies TextTable;
const say = translator(TEXT);

/** The dialog's controls and messages, in the workbook's language (the team uses them). */
const CONTROLS = {
  print: { fr: 'Imprimer', en: 'Print' },
  email: { fr: 'Envoyer au client par courriel', en: 'E-mail to the client' },
  confirmEmail: {
    fr: 'Envoyer cet état de compte à {address} ?',
    en: 'Send this statement to {address}?',
  },
  send: { fr: 'Envoyer', en: 'Send' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  sending: { fr: 'Envoi…', en: 'Sending…' },
  noEmail: {
    fr: 'Pas d’envoi par courriel : la fiche du client n’a pas d’adresse valide (colonne Courriel).',
    en: 'No e-mail: the client’s record has no valid address (Email column).',
  },
  download: { fr: 'Télécharger la page', en: 'Download the page' },
  problems: {
    fr: 'Des cellules de ce client sont illisibles : leurs lignes sont laissées de côté et l’envoi par courriel est bloqué jusqu’à ce qu’elles soient corrigées.',
    en: 'Some of this client’s cells cannot be read: their rows are left out, and e-mailing is blocked until they are fixed.',
  },
} as const satisfies TextTable;
const control = translator(CONTROLS);

/** An aging total's label: its Terms column's header, so the statement says what the sheet says. */
function agingLabel(bucket: AgingBucket, lang: Lang): string {
  return SHEETS.terms.columns.find((c) => c.key === bucket)![lang];
}

/** The statement's figures as text, in the client's language. */
interface Shown {
  title: string;
  asOf: string;
  client: string;
  name: string;
  address: string[];
  openTitle: string;
  noOpen: string;
  invoiceHeads: string[];
  invoices: string[][];
  balanceLabel: string;
  balance: string;
  agingTitle: string;
  aging: [string, string][];
  paymentsTitle: string;
  noPayments: string;
  paymentHeads: string[];
  payments: string[][];
  remarksTitle: string;
  remarks: string;
}

function shown(d: StatementData): Shown {
  const { lang } = d;
  const money = (x: number): string => formatMoney(x, lang);
  return {
    title: say('title', lang),
    asOf: say('asOf', lang, { day: d.today }),
    client: say('client', lang, { code: d.code }),
    name: d.name,
    address: d.address,
    openTitle: say('openInvoices', lang),
    noOpen: say('noOpen', lang),
    invoiceHeads: (['number', 'date', 'dueDate', 'amount', 'received', 'remaining'] as const).map(
      (k) => say(k, lang),
    ),
    invoices: d.invoices.map((i) => [
      i.number,
      i.date,
      i.dueDate,
      money(i.amount),
      money(i.received),
      money(i.remaining),
    ]),
    balanceLabel: say('balanceDue', lang),
    balance: money(d.balanceDue),
    agingTitle: say('aging', lang),
    aging: AGING_BUCKETS.map((b) => [agingLabel(b, lang), money(d.aging[b])]),
    paymentsTitle: say('payments', lang, { n: 90 }),
    noPayments: say('noPayments', lang),
    paymentHeads: (['date', 'number', 'amount', 'reference'] as const).map((k) => say(k, lang)),
    payments: d.payments.map((p) => [p.date, p.invoiceNumber, money(p.amount), p.reference]),
    remarksTitle: say('remarks', lang),
    remarks: d.remarks,
  };
}

const STYLE = `body{font:13px Arial,sans-serif;margin:16px;color:#202124}h1{font-size:20px;margin:0 0 4px}
h2{font-size:15px;margin:18px 0 6px}p{margin:0 0 4px;overflow-wrap:anywhere;white-space:pre-wrap}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #dadce0;padding:4px 6px;text-align:left}
td.n,th.n{text-align:right;white-space:nowrap}.total td{font-weight:bold}`;

/** Columns holding money: right-aligned. */
const MONEY_COLUMNS = { invoices: [3, 4, 5], payments: [2] };

/** The statement as a standalone HTML document: every value escaped (the e-mail's body). */
export function statementHtml(d: StatementData): string {
  const s = shown(d);
  const e = escapeHtml;
  const table = (heads: string[], rows: string[][], moneyAt: number[]): string => {
    const cls = (i: number): string => (moneyAt.includes(i) ? ' class="n"' : '');
    return `<table><tr>${heads.map((h, i) => `<th${cls(i)}>${e(h)}</th>`).join('')}</tr>${rows
      .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${e(c)}</td>`).join('')}</tr>`)
      .join('')}</table>`;
  };
  const parts = [
    `<h1>${e(s.title)}</h1><p>${e(s.asOf)}</p>`,
    `<p><b>${e(s.name)}</b></p><p>${e(s.client)}</p>`,
    ...s.address.map((l) => `<p>${e(l)}</p>`),
    `<h2>${e(s.openTitle)}</h2>`,
    s.invoices.length === 0
      ? `<p>${e(s.noOpen)}</p>`
      : table(s.invoiceHeads, s.invoices, MONEY_COLUMNS.invoices),
    `<h2>${e(s.agingTitle)}</h2><table>${s.aging
      .map(([l, v]) => `<tr><td>${e(l)}</td><td class="n">${e(v)}</td></tr>`)
      .join(
        '',
      )}<tr class="total"><td>${e(s.balanceLabel)}</td><td class="n">${e(s.balance)}</td></tr></table>`,
    `<h2>${e(s.paymentsTitle)}</h2>`,
    s.payments.length === 0
      ? `<p>${e(s.noPayments)}</p>`
      : table(s.paymentHeads, s.payments, MONEY_COLUMNS.payments),
    s.remarks.trim() === '' ? '' : `<h2>${e(s.remarksTitle)}</h2><p>${e(s.remarks)}</p>`,
  ];
  return `<!doctype html><html lang="${d.lang}"><head><meta charset="utf-8"><title>${e(
    `${s.title} ${d.code}`,
  )}</title><style>${STYLE}</style></head><body>${parts.join('\n')}</body></html>`;
}

/** The e-mail's plain-text copy (for mail readers without HTML). */
export function statementText(d: StatementData): string {
  const s = shown(d);
  const lines = [s.title, s.asOf, '', s.name, s.client, ...s.address, '', s.openTitle];
  if (s.invoices.length === 0) lines.push(s.noOpen);
  for (const r of s.invoices) lines.push(r.join(' | '));
  lines.push('', s.agingTitle, ...s.aging.map(([l, v]) => `${l}: ${v}`));
  lines.push(`${s.balanceLabel}: ${s.balance}`, '', s.paymentsTitle);
  if (s.payments.length === 0) lines.push(s.noPayments);
  for (const r of s.payments) lines.push(r.join(' | '));
  if (s.remarks.trim() !== '') lines.push('', s.remarksTitle, s.remarks);
  return lines.join('\n');
}

/** The e-mail's subject, in the client's language. */
export function statementSubject(d: StatementData): string {
  return `${say('title', d.lang)} ${d.code}`;
}

/**
 * The dialog: the statement built in the page from JSON with textContent, a Print button
 * (window.print(): the browser's print dialog, where "Save as PDF" is offered), the page as a
 * file (download, and the copy fallback of platform/pages.ts) and, when the client has an
 * address and every cell could be read, the e-mail button with its confirmation naming the
 * address, calling statementEmail(code).
 */
export function statementPage(d: StatementData, canEmail: boolean): string {
  const w = d.workbookLang;
  const data = {
    s: shown(d),
    code: d.code,
    email: canEmail ? d.email : '',
    problems: d.problems,
    c: {
      print: control('print', w),
      email: control('email', w),
      confirm: control('confirmEmail', w, { address: d.email }),
      send: control('send', w),
      cancel: control('cancel', w),
      sending: control('sending', w),
      noEmail: control('noEmail', w),
      download: control('download', w),
      problems: control('problems', w),
    },
    file: {
      name: safeFilename(say('file', d.lang, { code: d.code })),
      content: statementHtml(d),
    },
    offer: offerTexts(w),
  };
  return `<!doctype html><html><head><base target="_top"><meta charset="utf-8"><style>
${STYLE}
.bar{margin:12px 0}.bar button{margin:0 8px 8px 0;padding:6px 14px;border-radius:2px;border:1px solid #dadce0;background:#fff}
.bar button.go{background:#4d90fe;color:#fff;border-color:#3079ed;font-weight:bold}
#warn{color:#b3261e}#msg{margin-top:6px}
${OFFER_STYLE}
@media print{.bar,#offer,#warn,#msg,#ask{display:none}}</style></head><body>
<div id="statement"></div>
<p id="warn" role="alert"></p>
<div class="bar"><button id="print" type="button" class="go"></button><button id="download" type="button"></button><button id="email" type="button"></button></div>
<div id="ask" hidden><p id="askText"></p><div class="bar"><button id="send" type="button" class="go"></button><button id="cancel" type="button"></button></div></div>
<p id="msg" role="status"></p>
${OFFER_MARKUP}
<script>
${FILE_SCRIPT}
${OFFER_SCRIPT}
var d=${scriptSafeJson(data)};
var $=function(id){return document.getElementById(id)};
function el(tag,text,cls){var x=document.createElement(tag);if(text!==undefined)x.textContent=text;if(cls)x.className=cls;return x;}
function table(heads,rows,money){var t=el('table'),tr=el('tr');heads.forEach(function(h,i){tr.appendChild(el('th',h,money.indexOf(i)>=0?'n':''));});t.appendChild(tr);
rows.forEach(function(r){var row=el('tr');r.forEach(function(c,i){row.appendChild(el('td',c,money.indexOf(i)>=0?'n':''));});t.appendChild(row);});return t;}
var s=d.s,root=$('statement');
root.appendChild(el('h1',s.title));root.appendChild(el('p',s.asOf));
var n=el('p');n.appendChild(el('b',s.name));root.appendChild(n);root.appendChild(el('p',s.client));
s.address.forEach(function(l){root.appendChild(el('p',l));});
root.appendChild(el('h2',s.openTitle));
root.appendChild(s.invoices.length?table(s.invoiceHeads,s.invoices,${JSON.stringify(MONEY_COLUMNS.invoices)}):el('p',s.noOpen));
root.appendChild(el('h2',s.agingTitle));
var at=el('table');s.aging.concat([[s.balanceLabel,s.balance]]).forEach(function(p,i){var r=el('tr',undefined,i===s.aging.length?'total':'');r.appendChild(el('td',p[0]));r.appendChild(el('td',p[1],'n'));at.appendChild(r);});root.appendChild(at);
root.appendChild(el('h2',s.paymentsTitle));
root.appendChild(s.payments.length?table(s.paymentHeads,s.payments,${JSON.stringify(MONEY_COLUMNS.payments)}):el('p',s.noPayments));
if(s.remarks.trim()){root.appendChild(el('h2',s.remarksTitle));root.appendChild(el('p',s.remarks));}
if(d.problems.length){$('warn').textContent=d.c.problems+' '+d.problems.join(' ; ');}
$('print').textContent=d.c.print;$('print').onclick=function(){window.print();};
$('download').textContent=d.c.download;$('download').onclick=function(){fcDownload(d.file.name,'text/html',d.file.content);};
fcOffer(d.offer,d.file.content);
var mail=$('email');mail.textContent=d.c.email;
if(!d.email){mail.disabled=true;if(!d.problems.length)$('msg').textContent=d.c.noEmail;}
mail.onclick=function(){$('askText').textContent=d.c.confirm;$('send').textContent=d.c.send;$('cancel').textContent=d.c.cancel;$('ask').hidden=false;};
$('cancel').onclick=function(){$('ask').hidden=true;};
$('send').onclick=function(){$('ask').hidden=true;mail.disabled=true;$('msg').textContent=d.c.sending;
google.script.run.withSuccessHandler(function(r){$('msg').textContent=r.message;if(!r.sent)mail.disabled=false;})
.withFailureHandler(function(e){$('msg').textContent=(e&&e.message)||String(e);mail.disabled=false;}).statementEmail(d.code);};
</script></body></html>`;
}
