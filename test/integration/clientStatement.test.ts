/**
 * The client statement (État de compte, decision 020 point 6) through the built bundle: reached
 * from the menu (the selected row's client, else a prompted code) and from the form's button; open
 * invoices with their payments and remaining balances, the aging totals computed as of today
 * (2026-11-15 in Toronto) with the refresh's rules, not read from stale Terms cells; the payments
 * of the last 90 days; the invoice remarks; in the client's language; user text kept as text;
 * the e-mail counted against the daily quota. Run `npm run build` first.
 */
import { createEmulator } from '../../emulator';
import { SHEETS, TestWorkbook } from './harness';

const NBSP = '\u00a0';
const HOSTILE_NAME = '<script>alert(1)</script> =1+1';
const HOSTILE_REMARK = '<img src=x onerror=alert(1)> =1+1';

interface Shown {
  title: string;
  asOf: string;
  client: string;
  name: string;
  address: string[];
  invoiceHeads: string[];
  invoices: string[][];
  balance: string;
  aging: [string, string][];
  paymentsTitle: string;
  payments: string[][];
  remarksTitle: string;
  remarks: string;
}
interface DialogData {
  s: Shown;
  code: string;
  email: string;
  problems: string[];
  c: Record<string, string>;
  file: { name: string; content: string };
}

/** Today is 2026-11-15. A: English-speaking, with an address and an e-mail; B: hostile text. */
function seeded(opts: { mailQuota?: number; lang?: 'fr' | 'en' } = {}): TestWorkbook {
  const lang = opts.lang ?? 'fr';
  const emu = createEmulator({
    locale: lang === 'fr' ? 'fr_CA' : 'en_US',
    timeZone: 'America/Toronto',
    now: '2026-11-15T12:00:00-05:00',
    mailQuota: opts.mailQuota,
  });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  wb.addRecords(lang, 'clients', [
    {
      code: 'A',
      name: 'Anne Lavoie',
      email: 'anne@example.com',
      address: '12 Main St.',
      city: 'Lévis',
      province: 'QC',
      postalCode: 'G6V 1A1',
      language: 'en',
    },
    { code: 'B', name: HOSTILE_NAME },
  ]);
  wb.addRecords(lang, 'terms', [
    { clientCode: 'A', termDays: 30, invoiceRemarks: 'Deliver to the back door' },
    { clientCode: 'B', invoiceRemarks: HOSTILE_REMARK },
  ]);
  wb.addRecords(lang, 'invoices', [
    // 45 days past due, 600 received: 400 in 31–60.
    { number: 'F-1', date: '2026-09-01', clientCode: 'A', amount: 1000, dueDate: '2026-10-01' },
    // Due 2026-12-10 (date + 30 days): current.
    { number: 'F-2', date: '2026-11-10', clientCode: 'A', amount: 50 },
    // 137 days past due: over 90.
    { number: 'F-3', date: '2026-06-01', clientCode: 'A', amount: 200, dueDate: '2026-07-01' },
    // Paid by payments, one of them older than 90 days.
    { number: 'F-4', date: '2026-07-01', clientCode: 'A', amount: 100, dueDate: '2026-07-31' },
    { number: 'F-5', date: '2026-10-01', clientCode: 'A', amount: 300, dueDate: '2026-10-31' },
    // Paid on (the team's shortcut): not open.
    { number: 'F-6', date: '2026-10-05', clientCode: 'A', amount: 80, paidDate: '2026-10-10' },
    { number: 'F-7', date: '2026-11-01', clientCode: 'B', amount: 10 },
  ]);
  wb.addRecords(lang, 'payments', [
    { date: '2026-10-20', invoiceNumber: 'F-1', clientCode: 'A', amount: 600, reference: 'Chq 12' },
    { date: '2026-08-01', invoiceNumber: 'F-4', clientCode: 'A', amount: 100 },
    { date: '2026-11-05', invoiceNumber: 'F-5', clientCode: 'A', amount: 300, reference: 'EFT' },
  ]);
  return wb;
}

function dialogs(wb: TestWorkbook): { html: string; title: string }[] {
  return wb.emu.ui.events.flatMap((e) =>
    e.kind === 'modalDialog' && 'html' in e ? [{ html: e.html, title: e.title }] : [],
  );
}

/** The statement data the last dialog embeds (the page builds itself from it). */
function lastStatement(wb: TestWorkbook): DialogData {
  const html = dialogs(wb).at(-1)!.html;
  const json = /\nvar d=(\{.*\});\n/.exec(html)![1]!;
  return JSON.parse(json) as DialogData;
}

const lastAlert = (wb: TestWorkbook): string => wb.emu.ui.ofKind('alert').at(-1)?.prompt ?? '';

/** "$1,234.56" → 1234.56 (English amounts). */
const amount = (text: string): number => Number(text.replace(/[$,]/g, ''));

describe('client statement (État de compte)', () => {
  test('from the menu on a selected invoice row: open invoices, aging as of today, 90-day payments, remarks, in the client’s language', () => {
    const wb = seeded();
    // A stale Terms cell (the refresh has not run since): the statement computes its own.
    wb.setCell('Termes', 2, 'Solde dû', 99999);
    wb.emu.spreadsheet.setActiveRange('Factures', 'C3');
    wb.run('showClientStatement');
    expect(wb.emu.ui.ofKind('prompt')).toEqual([]);
    expect(dialogs(wb)).toHaveLength(1);
    expect(dialogs(wb)[0]!.title).toBe('État de compte A');
    const d = lastStatement(wb);
    // The client speaks English: the statement is in English; the dialog's buttons are the
    // workbook's (French).
    expect(d.s.title).toBe('Statement of account');
    expect(d.s.asOf).toBe('As of 2026-11-15');
    expect(d.c.print).toBe('Imprimer');
    expect(d.s.name).toBe('Anne Lavoie');
    expect(d.s.address).toEqual(['12 Main St.', 'Lévis QC G6V 1A1']);
    expect(d.s.invoiceHeads).toEqual([
      'Invoice no.',
      'Date',
      'Due date',
      'Amount',
      'Payments received',
      'Balance',
    ]);
    // Open invoices only, by due date, with what was received and what is left.
    expect(d.s.invoices).toEqual([
      ['F-3', '2026-06-01', '2026-07-01', '$200.00', '$0.00', '$200.00'],
      ['F-1', '2026-09-01', '2026-10-01', '$1,000.00', '$600.00', '$400.00'],
      ['F-2', '2026-11-10', '2026-12-10', '$50.00', '$0.00', '$50.00'],
    ]);
    expect(d.s.aging).toEqual([
      ['Current', '$50.00'],
      ['1–30 days', '$0.00'],
      ['31–60 days', '$400.00'],
      ['61–90 days', '$0.00'],
      ['Over 90 days', '$200.00'],
    ]);
    expect(d.s.balance).toBe('$650.00');
    const agingSum = d.s.aging.reduce((sum, [, v]) => sum + amount(v), 0);
    expect(agingSum).toBe(amount(d.s.balance));
    // The last 90 days (since 2026-08-17), newest first; the 2026-08-01 payment is older.
    expect(d.s.paymentsTitle).toBe('Payments of the last 90 days');
    expect(d.s.payments).toEqual([
      ['2026-11-05', 'F-5', '$300.00', 'EFT'],
      ['2026-10-20', 'F-1', '$600.00', 'Chq 12'],
    ]);
    expect(d.s.remarks).toBe('Deliver to the back door');
    expect(d.email).toBe('anne@example.com');
    expect(d.problems).toEqual([]);
    // The page prints, and offers itself as a file (download, and the copy fallback).
    const html = dialogs(wb)[0]!.html;
    expect(html).toContain('window.print()');
    expect(html).toContain('fcDownload(');
    expect(html).toContain('id="offer"');
    expect(d.file.name).toBe('statement-A.html');
    expect(d.file.content).toContain('$1,000.00');
    // Nothing written: the stale cell is the team's to refresh.
    expect(wb.records('fr', 'terms')[0]!.balanceDue).toBe(99999);
  });

  test('without a client row selected, asks the code; an unknown code is refused in the workbook language', () => {
    const wb = seeded();
    wb.emu.spreadsheet.setActiveRange('Listes', 'A2');
    wb.emu.ui.answerNextPrompt('ZZ-9');
    wb.run('showClientStatement');
    expect(wb.emu.ui.ofKind('prompt')).toHaveLength(1);
    expect(lastAlert(wb)).toBe('Le client « ZZ-9 » est introuvable (supprimé ou renommé ?).');
    expect(dialogs(wb)).toEqual([]);
    // A code as typed (any case): the client B, blank Language: the workbook's (French).
    wb.emu.ui.answerNextPrompt(' b ');
    wb.run('showClientStatement');
    const d = lastStatement(wb);
    expect(d.code).toBe('B');
    expect(d.s.title).toBe('État de compte');
    expect(d.s.invoices).toEqual([
      ['F-7', '2026-11-01', '2026-12-01', `10,00${NBSP}$`, `0,00${NBSP}$`, `10,00${NBSP}$`],
    ]);
    expect(d.s.payments).toEqual([]);
    // The aging totals under the Terms columns' own headers, in the client's language.
    expect(d.s.aging).toEqual([
      ['Courant', `10,00${NBSP}$`],
      ['1-30 jours', `0,00${NBSP}$`],
      ['31-60 jours', `0,00${NBSP}$`],
      ['61-90 jours', `0,00${NBSP}$`],
      ['Plus de 90 jours', `0,00${NBSP}$`],
    ]);
    // No address: no e-mail offered, and said.
    expect(d.email).toBe('');
  });

  test('an English workbook refuses an unknown code in English', () => {
    const wb = seeded({ lang: 'en' });
    wb.emu.spreadsheet.setActiveRange('Lists', 'A2');
    wb.emu.ui.answerNextPrompt('nobody');
    wb.run('showClientStatement');
    expect(lastAlert(wb)).toBe('Client "nobody" was not found (deleted or renamed?).');
    expect(wb.run('statementShow', 'nobody')).toEqual({
      ok: false,
      message: 'Client "nobody" was not found (deleted or renamed?).',
    });
    expect(dialogs(wb)).toEqual([]);
  });

  test('user text stays text: a name and a remark with <script> and =1+1', () => {
    const wb = seeded();
    expect(wb.run('statementShow', 'B')).toEqual({ ok: true });
    const html = dialogs(wb).at(-1)!.html;
    const d = lastStatement(wb);
    expect(d.s.name).toBe(HOSTILE_NAME);
    expect(d.s.remarks).toBe(HOSTILE_REMARK);
    expect(d.s.remarksTitle).toBe('Remarques');
    // In the dialog: only in the JSON, with < and > escaped, set with textContent.
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/innerHTML/);
    // In the file (and the e-mail's body): escaped.
    expect(d.file.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt; =1+1');
    expect(d.file.content).toContain('&lt;img src=x onerror=alert(1)&gt; =1+1');
    expect(d.file.content).not.toContain('<script');
    expect(d.file.content).not.toContain('<img');
    // Nothing written to the workbook.
    expect(wb.records('fr', 'clients')[1]!.name).toBe(HOSTILE_NAME);
  });

  test('e-mailed to the client’s address as an HTML body; refused politely past the quota', () => {
    const wb = seeded({ mailQuota: 1 });
    expect(wb.run('statementEmail', 'a')).toEqual({
      sent: true,
      message: 'État de compte envoyé à anne@example.com.',
    });
    expect(wb.emu.mails).toHaveLength(1);
    const mail = wb.emu.mails[0]!;
    expect([...mail.to, ...mail.cc, ...mail.bcc]).toEqual(['anne@example.com']);
    expect(mail.subject).toBe('Statement of account A');
    expect(mail.htmlBody).toContain('<td class="n">$400.00</td>');
    expect(mail.htmlBody).toContain('Deliver to the back door');
    expect(mail.body).toContain('Balance due: $650.00');
    // The quota (counted by recipient) is spent: nothing attempted, said in the workbook's language.
    expect(wb.run('statementEmail', 'A')).toEqual({
      sent: false,
      message:
        'Rien n’a été envoyé : le quota quotidien de courriels de Google est atteint. Réessayez demain, ou imprimez l’état de compte.',
    });
    expect(wb.emu.mails).toHaveLength(1);
  });

  test('no e-mail without a valid address, nor for an unknown client', () => {
    const wb = seeded();
    expect(wb.run('statementEmail', 'B')).toEqual({
      sent: false,
      message:
        'Rien n’a été envoyé : la fiche du client B n’a pas une adresse de courriel valide (colonne Courriel).',
    });
    expect(wb.run('statementEmail', '<b>x</b>')).toEqual({
      sent: false,
      message: 'Le client « <b>x</b> » est introuvable (supprimé ou renommé ?).',
    });
    expect(wb.emu.mails).toEqual([]);
  });

  test('an unreadable cell of the client is said and blocks the e-mail', () => {
    const wb = seeded();
    wb.setCell(SHEETS.payments.fr, 4, 'Montant', 'trois cents');
    expect(wb.run('statementShow', 'A')).toEqual({ ok: true });
    const d = lastStatement(wb);
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]).toContain('Encaissements!Montant 4');
    expect(d.email).toBe('');
    const answer = wb.run('statementEmail', 'A');
    expect(answer.sent).toBe(false);
    expect(answer.message).toContain('illisibles');
    expect(wb.emu.mails).toEqual([]);
  });
});
