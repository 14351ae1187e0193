/**
 * Commission statements through the built bundle: off by default; when on, one e-mail per
 * salesperson after the report is written (computeCommissions, the menu, the monthly trigger),
 * HTML-escaped, amounts in the workbook language, quota aware, a failure not stopping others.
 */
import { createEmulator } from '../../emulator';
import { TestWorkbook, workbook } from './harness';

const NBSP = '\u00a0';

function frenchWorkbook(
  opts: { mailQuota?: number; statements?: boolean; now?: string } = {},
): TestWorkbook {
  const emu = createEmulator({
    locale: 'fr_CA',
    timeZone: 'America/Toronto',
    now: opts.now ?? '2026-11-15T12:00:00-05:00',
    mailQuota: opts.mailQuota,
  });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  if (opts.statements !== false) {
    const current = wb.run('settingsLoad');
    expect(wb.run('settingsSave', { ...current, sendStatements: true })).toEqual({ ok: true });
  }
  wb.append('Listes', [
    { Vendeurs: 'Alice', 'Courriels des vendeurs': 'alice@example.com' },
    { Vendeurs: 'Bob', 'Courriels des vendeurs': 'bob@example.com' },
  ]);
  wb.append('Clients', [
    { 'Code client': 'A&B', Nom: 'Alpha' },
    { 'Code client': 'C', Nom: 'Gamma' },
  ]);
  wb.append('Commissions', [
    { 'Code client': 'A&B', Vendeur: 'Alice', 'Type de commission': 'Ventes', 'Taux (%)': 10 },
    { 'Code client': 'C', Vendeur: 'Bob', 'Type de commission': 'Ventes', 'Taux (%)': 2.5 },
    { 'Code client': 'C', Vendeur: 'Nadia', 'Type de commission': 'Ventes', 'Taux (%)': 1 },
  ]);
  wb.append('Factures', [
    { 'No de facture': '<b>F-1</b>', Date: '2026-10-05', 'Code client': 'A&B', Montant: 12345.6 },
    { 'No de facture': 'F-2', Date: '2026-10-06', 'Code client': 'A&B', Montant: -100 },
    { 'No de facture': 'F-3', Date: '2026-10-07', 'Code client': 'C', Montant: 400 },
  ]);
  return wb;
}

test('off by default: no statement', () => {
  const wb = frenchWorkbook({ statements: false });
  wb.run('computeCommissions', '2026-10');
  expect(wb.rows('Rapport des commissions')).toHaveLength(3);
  expect(wb.emu.mails).toEqual([]);
});

test('one statement per salesperson with an address: an escaped HTML table, French amounts', () => {
  const wb = frenchWorkbook();
  wb.run('computeCommissions', '2026-10');
  const mails = wb.emu.mails;
  expect(mails.map((m) => [m.to, m.subject])).toEqual([
    [['alice@example.com'], 'Fiche Client : relevé de commissions 2026-10'],
    [['bob@example.com'], 'Fiche Client : relevé de commissions 2026-10'],
  ]);
  const alice = mails[0]!.htmlBody!;
  expect(alice).toContain('<table');
  expect(alice).toContain('<td>A&amp;B</td><td>&lt;b&gt;F-1&lt;/b&gt;</td><td>Ventes</td>');
  expect(alice).not.toContain('<b>F-1');
  expect(alice).toContain(`12${NBSP}345,60${NBSP}$`);
  expect(alice).toContain(`1${NBSP}234,56${NBSP}$`);
  expect(alice).toContain(`-10,00${NBSP}$`);
  expect(alice).toContain(`1${NBSP}224,56${NBSP}$`); // total
  expect(mails[0]!.body).toContain('<b>F-1</b>'); // plain text keeps the text as typed
  const bob = mails[1]!.htmlBody!;
  expect(bob).toContain(`2,5${NBSP}%`);
  expect(bob).toContain(`10,00${NBSP}$`);
  expect(bob).not.toContain('F-1');
  // Nadia has no address: counted in the log, not guessed, and not named there (Law 25)
  const log = wb.emu.logs.entries.map((e) => e.message).join('\n');
  expect(log).toContain('1 without an address');
  expect(log).not.toContain('Nadia');
});

test('English workbook: English amounts', () => {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  const current = wb.run('settingsLoad');
  wb.run('settingsSave', { ...current, sendStatements: true });
  wb.append('Lists', [{ Salespeople: 'Ann', 'Salesperson emails': 'ann@example.com' }]);
  wb.append('Clients', [{ 'Client code': 'A', Name: 'A' }]);
  wb.append('Commissions', [
    { 'Client code': 'A', Salesperson: 'Ann', 'Commission type': 'Sales', 'Rate (%)': 100 },
  ]);
  wb.append('Invoices', [
    { 'Invoice no.': '1', Date: '2026-10-05', 'Client code': 'A', Amount: 1234.56 },
  ]);
  wb.run('computeCommissions', '2026-10');
  expect(wb.emu.mails.map((m) => m.subject)).toEqual([
    'Fiche Client: commission statement 2026-10',
  ]);
  expect(wb.emu.mails[0]!.htmlBody).toContain('<td style="text-align:right">$1,234.56</td>');
  expect(wb.emu.mails[0]!.htmlBody).toContain('Hello Ann,');
});

test('quota: statements beyond it are not attempted; the report is written', () => {
  const wb = frenchWorkbook({ mailQuota: 1 });
  wb.run('computeCommissions', '2026-10');
  expect(wb.emu.mails.map((m) => m.to[0])).toEqual(['alice@example.com']);
  expect(wb.rows('Rapport des commissions')).toHaveLength(3);
  expect(wb.emu.logs.entries.some((e) => e.message.includes('1 over the daily quota'))).toBe(true);
});

test('a failing address does not stop the others', () => {
  const wb = frenchWorkbook();
  // The first send fails, as MailApp does for an address its servers refuse.
  wb.emu.at('MailApp.sendEmail', () => {
    throw new Error('Invalid email: alice@example.com');
  });
  wb.run('computeCommissions', '2026-10');
  expect(wb.emu.mails.map((m) => m.to[0])).toEqual(['bob@example.com']);
  // Counted in the log; the address is not written there (Law 25).
  const log = wb.emu.logs.entries.map((e) => e.message).join('\n');
  expect(log).toContain('1 failed');
  expect(log).not.toContain('alice@');
});

test('a Lists cell that is not one address is refused before sending, by its cell', () => {
  const wb = frenchWorkbook();
  const row = wb.rows('Listes').findIndex((r) => r.Vendeurs === 'Alice') + 2;
  wb.setCell('Listes', row, 'Courriels des vendeurs', 'pas une adresse');
  wb.run('computeCommissions', '2026-10');
  expect(wb.emu.mails.map((m) => m.to[0])).toEqual(['bob@example.com']);
  const log = wb.emu.logs.entries.map((e) => e.message).join('\n');
  expect(log).toContain(`1 refused (not exactly one valid address in Listes!C${row})`);
  expect(log).not.toContain('pas une adresse');
});

test('from the menu after the report is written; a settled month sends nothing again, its adjustment goes with the next month', () => {
  const wb = frenchWorkbook();
  wb.emu.ui.answerNextPrompt('2026-10');
  wb.run('showCommissionReport');
  expect(wb.emu.mails).toHaveLength(2);

  // Alice is paid: her row is settled. A late invoice of October for her client.
  wb.setCell('Rapport des commissions', 2, 'Payée', true);
  wb.append('Factures', [
    { 'No de facture': 'F-4', Date: '2026-10-08', 'Code client': 'A&B', Montant: 1 },
  ]);
  wb.emu.ui.answerNextPrompt('2026-10');
  wb.run('showCommissionReport');
  expect(wb.emu.ui.ofKind('alert').filter((a) => a.buttons === 'YES_NO')).toEqual([]);
  expect(wb.emu.mails).toHaveLength(2);

  wb.emu.ui.answerNextPrompt('2026-11');
  wb.run('showCommissionReport');
  expect(wb.emu.mails).toHaveLength(3);
  expect(wb.emu.mails[2]!.to).toEqual(['alice@example.com']);
  expect(wb.emu.mails[2]!.body.replace(/\u00a0/g, ' ')).toContain(
    'A&B | F-4 | Ajustement (2026-10) | 1,00 $ |  | 0,10 $',
  );
});

test('from the monthly trigger', () => {
  // Near the month's end: 60 hourly runs to 1 December rather than 400.
  const wb = frenchWorkbook({ now: '2026-11-29T12:00:00-05:00' });
  wb.append('Factures', [
    { 'No de facture': 'N-1', Date: '2026-11-20', 'Code client': 'C', Montant: 1000 },
  ]);
  wb.emu.advanceTo('2026-12-01T12:00:00-05:00');
  expect(wb.emu.mails.map((m) => [m.to[0], m.subject])).toEqual([
    ['bob@example.com', 'Fiche Client : relevé de commissions 2026-11'],
  ]);
});

test('a rerun that changes nothing sends nothing again; a change sends the new statements', () => {
  const wb = frenchWorkbook();
  wb.run('computeCommissions', '2026-10');
  wb.run('computeCommissions', '2026-10');
  expect(wb.emu.mails).toHaveLength(2);
  wb.append('Factures', [
    { 'No de facture': 'F-9', Date: '2026-10-09', 'Code client': 'C', Montant: 40 },
  ]);
  wb.run('computeCommissions', '2026-10');
  expect(wb.emu.mails).toHaveLength(4);
  expect(wb.emu.mails[3]!.htmlBody).toContain('F-9');
});

test('a long statement sends its lines as an attached CSV, within the mail body limit', () => {
  const wb = frenchWorkbook();
  // 250 invoices for Alice's client: past the 200 lines a message shows.
  wb.append(
    'Factures',
    Array.from({ length: 250 }, (_, i) => ({
      'No de facture': i === 0 ? '=HYPERLINK("x")' : `L-${i}`,
      Date: '2026-10-10',
      'Code client': 'A&B',
      Montant: 10 + i,
    })),
  );
  wb.run('computeCommissions', '2026-10');
  const alice = wb.emu.mails.find((m) => m.to[0] === 'alice@example.com')!;
  const bob = wb.emu.mails.find((m) => m.to[0] === 'bob@example.com')!;
  expect(bob.attachments).toEqual([]);
  expect(alice.attachments).toHaveLength(1);
  const [file] = alice.attachments;
  expect(file).toMatchObject({ name: 'commissions-2026-10.csv', contentType: 'text/csv' });
  const lines = file!.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('Code client,No de facture,Type,Base,Taux,Commission');
  expect(lines).toHaveLength(1 + 252);
  // Numbers with a dot, formula-like text neutralized (OWASP), the credit note negative.
  expect(lines).toContain('A&B,L-1,Ventes,11,10,1.1');
  expect(lines).toContain('A&B,F-2,Ventes,-100,10,-10');
  expect(lines).toContain(`A&B,"'=HYPERLINK(""x"")",Ventes,10,10,1`);
  // The message gives the total and says where the lines are; no line table.
  expect(alice.body).toContain('Vos 252 lignes sont dans le fichier joint commissions-2026-10.csv');
  expect(alice.body).not.toContain('L-1 |');
  expect(alice.htmlBody).toContain('Total');
  expect(Buffer.byteLength(alice.body) + Buffer.byteLength(alice.htmlBody ?? '')).toBeLessThan(
    10_000,
  );
});
