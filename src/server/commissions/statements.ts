/**
 * Commission statements: after a month's report is written, an optional e-mail to each
 * salesperson with their lines of the month, as an HTML table (with a plain-text copy for mail
 * readers without HTML). Off by default (Settings.sendStatements). Addresses come from the Lists
 * sheet (Salespeople / Salesperson emails, read as pairs). MailApp's daily quota is read once
 * and counted down; a failing address is reported and the others still go out.
 *
 * Every text from the workbook (names, client codes, invoice numbers) is HTML-escaped: it is
 * data typed by people and must never become markup in someone's mailbox.
 *
 * A long statement would not fit in a message: MailApp refuses a body over 200 KB on a consumer
 * account ("Limit Exceeded: Email Body Size.", https://developers.google.com/apps-script/guides/services/quotas),
 * and at ≈ 234 bytes a line (plain and HTML copies) that is about 870 lines. Past INLINE_LINES the
 * message gives the totals and the lines travel as an attached CSV (25 MB allowed).
 */
import type { CommissionLine, SalespersonTotal } from '../../domain/commissions';
import { codeKey } from '../../domain/cells';
import { formatMoney, formatNumber } from '../../domain/money';
import { ADJUSTMENT_TYPE, choiceLabel, type Lang } from '../../shared/contract';
import { csvField } from '../../shared/csv';
import { translator, type TextTable } from '../../shared/text';
import { greetingName, sendWithinQuota, type Mail, type MailReport } from '../platform/mail';
import { listEmails } from '../watch/notifications';

export interface StatementReport extends MailReport {
  /** Salespeople with lines but no e-mail in Lists. */
  noAddress: string[];
  /** Lists cells ("Listes!C3") not holding exactly one valid address: nothing sent to them. */
  badAddress: string[];
  /** Salespeople whose statement was not sent (quota spent, the send failed): kept for later. */
  unsent: string[];
}

const TEXT = {
  subject: {
    fr: 'Fiche Client : relevé de commissions {month}',
    en: 'Fiche Client: commission statement {month}',
  },
  hello: { fr: 'Bonjour {name},', en: 'Hello {name},' },
  intro: { fr: 'Voici vos commissions de {month} :', en: 'Here are your commissions for {month}:' },
  clientCode: { fr: 'Code client', en: 'Client code' },
  invoiceNumber: { fr: 'No de facture', en: 'Invoice no.' },
  type: { fr: 'Type', en: 'Type' },
  base: { fr: 'Base', en: 'Base' },
  rate: { fr: 'Taux', en: 'Rate' },
  commission: { fr: 'Commission', en: 'Commission' },
  total: { fr: 'Total', en: 'Total' },
  attached: {
    fr: 'Vos {n} lignes sont dans le fichier joint {file} (CSV : point décimal, ouvrez-le dans Google Sheets ou Excel).',
    en: 'Your {n} lines are in the attached file {file} (CSV, dot decimals: open it in Google Sheets or Excel).',
  },
  file: { fr: 'commissions-{month}.csv', en: 'commissions-{month}.csv' },
} as const satisfies TextTable;
const say = translator(TEXT);

/**
 * A line of a statement: a commission line, or an adjustment of a settled month (decision 020),
 * shown with the month it corrects and no rate.
 */
export type StatementLine =
  | CommissionLine
  | (Omit<CommissionLine, 'commissionType' | 'ratePct'> & {
      commissionType: 'adjustment';
      ratePct: null;
      originMonth: string;
    });

/** A line's type as shown: its commission type, or "Adjustment (2026-09)". */
function typeLabel(line: StatementLine, lang: Lang): string {
  return line.commissionType === 'adjustment'
    ? `${ADJUSTMENT_TYPE[lang]} (${line.originMonth})`
    : choiceLabel('commissionType', line.commissionType, lang);
}

/** The statement's column headers, in the order of lineCells. */
function headers(lang: Lang): string[] {
  return (['clientCode', 'invoiceNumber', 'type', 'base', 'rate', 'commission'] as const).map((k) =>
    say(k, lang),
  );
}

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
function lineCells(line: StatementLine, lang: Lang): string[] {
  return [
    line.clientCode,
    line.invoiceNumber,
    typeLabel(line, lang),
    formatMoney(line.base, lang),
    line.ratePct === null
      ? ''
      : `${formatNumber(line.ratePct, lang)}${lang === 'fr' ? '\u00a0%' : '%'}`,
    formatMoney(line.commission, lang),
  ];
}

/** Statements with more lines than this send them as an attached CSV (see the header). */
export const INLINE_LINES = 200;

/**
 * The statement of one salesperson: subject, plain text and HTML bodies, and past INLINE_LINES
 * the lines as an attached CSV (the bodies then show the total only).
 */
export function statementOf(
  total: SalespersonTotal,
  lines: readonly StatementLine[],
  lang: Lang,
): Omit<Mail, 'to'> {
  const attached = lines.length > INLINE_LINES;
  const rows = attached ? [] : lines.map((l) => lineCells(l, lang));
  const totalCells = [
    say('total', lang),
    '',
    '',
    formatMoney(total.base, lang),
    '',
    formatMoney(total.commission, lang),
  ];
  const file = say('file', lang, { month: total.month });
  const note = attached ? [say('attached', lang, { n: lines.length, file })] : [];
  // The name as typed in the workbook, as one short line of plain text (decision 018).
  const name = greetingName(total.salesperson);
  const body = [
    say('hello', lang, { name }),
    '',
    say('intro', lang, { month: total.month }),
    '',
    ...note.flatMap((n) => [n, '']),
    headers(lang).join(' | '),
    ...rows.map((r) => r.join(' | ')),
    totalCells.join(' | '),
  ].join('\n');
  const numeric = (i: number) => (i >= 3 ? ' style="text-align:right"' : '');
  const tr = (cells: string[], tag: 'td' | 'th') =>
    `<tr>${cells.map((c, i) => `<${tag}${numeric(i)}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  const htmlBody = [
    `<p>${escapeHtml(say('hello', lang, { name }))}</p>`,
    `<p>${escapeHtml(say('intro', lang, { month: total.month }))}</p>`,
    ...note.map((n) => `<p>${escapeHtml(n)}</p>`),
    '<table border="1" cellpadding="4" style="border-collapse:collapse">',
    `<thead>${tr(headers(lang), 'th')}</thead>`,
    `<tbody>${rows.map((r) => tr(r, 'td')).join('')}</tbody>`,
    `<tfoot>${tr(totalCells, 'th')}</tfoot>`,
    '</table>',
  ].join('\n');
  return {
    subject: say('subject', lang, { month: total.month }),
    body,
    htmlBody,
    ...(attached
      ? { attachment: { name: file, mimeType: 'text/csv', text: statementCsv(lines, lang) } }
      : {}),
  };
}

/**
 * The lines as CSV (RFC 4180, CRLF): texts through csvField (quoted, formula-like text
 * neutralized), amounts as plain numbers with a dot, so any spreadsheet program reads them.
 */
export function statementCsv(lines: readonly StatementLine[], lang: Lang): string {
  const out = [headers(lang).map(csvField).join(',')];
  for (const l of lines)
    out.push(
      [
        csvField(l.clientCode),
        csvField(l.invoiceNumber),
        csvField(typeLabel(l, lang)),
        String(l.base),
        l.ratePct === null ? '' : String(l.ratePct),
        String(l.commission),
      ].join(','),
    );
  return out.join('\r\n') + '\r\n';
}

/** Sends each salesperson of `totals` their statement; lines are matched by name (any case). */
export function sendStatements(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  totals: readonly SalespersonTotal[],
  lines: readonly StatementLine[],
  lang: Lang,
): StatementReport {
  const report: StatementReport = {
    sent: 0,
    noAddress: [],
    badAddress: [],
    overQuota: 0,
    failed: [],
    unsent: [],
  };
  if (totals.length === 0) return report;
  const emails = listEmails(spreadsheet, lang, 'salespeople', 'salespersonEmails');
  const linesBySalesperson = new Map<string, StatementLine[]>();
  for (const line of lines) {
    const key = codeKey(line.salesperson);
    const list = linesBySalesperson.get(key);
    if (list) list.push(line);
    else linesBySalesperson.set(key, [line]);
  }
  const mails: Mail[] = [];
  const whose: string[] = [];
  for (const total of totals) {
    const key = codeKey(total.salesperson);
    const to = emails.valid.get(key);
    const refused = emails.refused.get(key);
    if (!to) {
      if (refused) report.badAddress.push(refused);
      else report.noAddress.push(total.salesperson);
      continue;
    }
    mails.push({ to, ...statementOf(total, linesBySalesperson.get(key) ?? [], lang) });
    whose.push(total.salesperson);
  }
  const went = sendWithinQuota(mails, report);
  whose.forEach((p, i) => {
    if (!went[i]) report.unsent.push(p);
  });
  return report;
}
