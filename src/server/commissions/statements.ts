/**
 * Commission statements: after a month's report is written, an optional e-mail to each
 * salesperson with their lines of the month, as an HTML table (with a plain-text copy for mail
 * readers without HTML). Off by default (Settings.sendStatements). Addresses come from the Lists
 * sheet (Salespeople / Salesperson emails, read as pairs). MailApp's daily quota is read once
 * and counted down; a failing address is reported and the others still go out.
 *
 * Every text from the workbook (names, client codes, invoice numbers) is HTML-escaped: it is
 * data typed by people and must never become markup in someone's mailbox.
 */
import type { CommissionLine, SalespersonTotal } from '../../domain/commissions';
import { codeKey } from '../../domain/cells';
import { formatMoney, formatNumber } from '../../domain/money';
import { choiceLabel, type Lang } from '../../shared/contract';
import { sendWithinQuota, type Mail, type MailReport } from '../platform/mail';
import { listEmails } from '../watch/notifications';

export interface StatementReport extends MailReport {
  /** Salespeople with lines but no e-mail in Lists. */
  noAddress: string[];
}

const TEXT = {
  fr: {
    subject: (month: string) => `Fiche Client : relevé de commissions ${month}`,
    hello: (name: string) => `Bonjour ${name},`,
    intro: (month: string) => `Voici vos commissions de ${month} :`,
    headers: ['Code client', 'No de facture', 'Type', 'Base', 'Taux', 'Commission'],
    total: 'Total',
  },
  en: {
    subject: (month: string) => `Fiche Client: commission statement ${month}`,
    hello: (name: string) => `Hello ${name},`,
    intro: (month: string) => `Here are your commissions for ${month}:`,
    headers: ['Client code', 'Invoice no.', 'Type', 'Base', 'Rate', 'Commission'],
    total: 'Total',
  },
};

/** Escapes the five characters that can open markup or end an attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The cells of one line, as shown (already formatted for the language, not yet escaped). */
function lineCells(line: CommissionLine, lang: Lang): string[] {
  return [
    line.clientCode,
    line.invoiceNumber,
    choiceLabel('commissionType', line.commissionType, lang),
    formatMoney(line.base, lang),
    `${formatNumber(line.ratePct, lang)}${lang === 'fr' ? '\u00a0%' : '%'}`,
    formatMoney(line.commission, lang),
  ];
}

/** The statement of one salesperson: subject, plain text and HTML bodies. */
export function statementOf(
  total: SalespersonTotal,
  lines: readonly CommissionLine[],
  lang: Lang,
): { subject: string; body: string; htmlBody: string } {
  const text = TEXT[lang];
  const rows = lines.map((l) => lineCells(l, lang));
  const totalCells = [
    text.total,
    '',
    '',
    formatMoney(total.base, lang),
    '',
    formatMoney(total.commission, lang),
  ];
  const body = [
    text.hello(total.salesperson),
    '',
    text.intro(total.month),
    '',
    text.headers.join(' | '),
    ...rows.map((r) => r.join(' | ')),
    totalCells.join(' | '),
  ].join('\n');
  const numeric = (i: number) => (i >= 3 ? ' style="text-align:right"' : '');
  const tr = (cells: string[], tag: 'td' | 'th') =>
    `<tr>${cells.map((c, i) => `<${tag}${numeric(i)}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  const htmlBody = [
    `<p>${escapeHtml(text.hello(total.salesperson))}</p>`,
    `<p>${escapeHtml(text.intro(total.month))}</p>`,
    '<table border="1" cellpadding="4" style="border-collapse:collapse">',
    `<thead>${tr(text.headers, 'th')}</thead>`,
    `<tbody>${rows.map((r) => tr(r, 'td')).join('')}</tbody>`,
    `<tfoot>${tr(totalCells, 'th')}</tfoot>`,
    '</table>',
  ].join('\n');
  return { subject: text.subject(total.month), body, htmlBody };
}

/** Sends each salesperson of `totals` their statement; lines are matched by name (any case). */
export function sendStatements(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  totals: readonly SalespersonTotal[],
  lines: readonly CommissionLine[],
  lang: Lang,
): StatementReport {
  const report: StatementReport = { sent: 0, noAddress: [], overQuota: 0, failed: [] };
  if (totals.length === 0) return report;
  const emails = listEmails(spreadsheet, lang, 'salespeople', 'salespersonEmails');
  const linesBySalesperson = new Map<string, CommissionLine[]>();
  for (const line of lines) {
    const key = codeKey(line.salesperson);
    const list = linesBySalesperson.get(key);
    if (list) list.push(line);
    else linesBySalesperson.set(key, [line]);
  }
  const mails: Mail[] = [];
  for (const total of totals) {
    const key = codeKey(total.salesperson);
    const to = emails.get(key);
    if (!to) {
      report.noAddress.push(total.salesperson);
      continue;
    }
    mails.push({ to, ...statementOf(total, linesBySalesperson.get(key) ?? [], lang) });
  }
  sendWithinQuota(mails, report);
  return report;
}
