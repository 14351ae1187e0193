/**
 * Decision 018: a Lists e-mail cell holds exactly one valid address. A cell such as
 * "sal@example.com, outsider@evil.example" would make the trigger owner's account mail the
 * statement, with its CSV of client lines, to a second person: it is refused, named by its cell
 * (the menu run's alert, the execution log), and Settings warns of it beforehand. Names shown in
 * greetings are one line of plain text, at most 40 characters. Run `npm run build` first.
 */
import { workbook, type TestWorkbook } from './harness';

const OUTSIDER = 'sal@example.com, outsider@evil.example';

function withStatements(lists: Record<string, unknown>[]): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  const current = wb.run('settingsLoad');
  wb.run('settingsSave', { ...current, sendStatements: true, notifyWatch: true });
  wb.append('Listes', lists);
  wb.append('Clients', [
    { 'Code client': 'A', Nom: 'Alpha', 'Chargé de compte': 'Marc' },
    { 'Code client': 'B', Nom: 'Beta', 'Chargé de compte': 'Léa' },
  ]);
  wb.append('Commissions', [
    { 'Code client': 'A', Vendeur: 'Sal', 'Type de commission': 'Ventes', 'Taux (%)': 10 },
    { 'Code client': 'B', Vendeur: 'Bob', 'Type de commission': 'Ventes', 'Taux (%)': 10 },
  ]);
  wb.append('Factures', [
    { 'No de facture': 'F-1', Date: '2026-10-05', 'Code client': 'A', Montant: 100 },
    { 'No de facture': 'F-2', Date: '2026-10-06', 'Code client': 'B', Montant: 200 },
  ]);
  return wb;
}

/** The Lists cell under `header` that holds `text`, as "Listes!C6". */
function listsCell(wb: TestWorkbook, header: string, text: string): string {
  const col = wb.header('Listes').indexOf(header);
  const row = wb.rows('Listes').findIndex((r) => r[header] === text);
  return `Listes!${String.fromCharCode(65 + col)}${row + 2}`;
}

describe('a Lists e-mail cell holds exactly one valid address', () => {
  it('a statement is not sent to a cell with two addresses; the run names the cell', () => {
    const wb = withStatements([
      { Vendeurs: 'Sal', 'Courriels des vendeurs': OUTSIDER },
      { Vendeurs: 'Bob', 'Courriels des vendeurs': 'bob@example.com' },
    ]);
    const cell = listsCell(wb, 'Courriels des vendeurs', OUTSIDER);
    wb.run('computeCommissions', '2026-10');
    expect(wb.emu.mails.map((m) => [...m.to, ...m.cc, ...m.bcc])).toEqual([['bob@example.com']]);
    const log = wb.emu.logs.entries.map((e) => e.message).join('\n');
    expect(log).toContain(`1 refused (not exactly one valid address in ${cell})`);
    expect(log).not.toContain('outsider');

    // From the menu, the person running it is told which cell to fix.
    wb.emu.ui.answerNextPrompt('2026-10');
    wb.append('Factures', [
      { 'No de facture': 'F-3', Date: '2026-10-07', 'Code client': 'A', Montant: 50 },
    ]);
    wb.run('showCommissionReport');
    expect(wb.emu.ui.ofKind('alert').at(-1)?.prompt).toBe(
      `Rien n’a été envoyé à ${cell} : chaque cellule de courriel de la feuille Listes doit contenir une seule adresse valide.`,
    );
    expect(wb.emu.mails.flatMap((m) => m.to)).not.toContain('outsider@evil.example');
  });

  it.each([
    OUTSIDER,
    'sal@example.com;outsider@evil.example',
    'sal@example.com outsider@evil.example',
    'Sal <sal@example.com>',
    'sal@example',
  ])('%j is refused, and named; a valid cell of the same name is used', (text) => {
    const wb = withStatements([{ Vendeurs: 'Sal', 'Courriels des vendeurs': text }]);
    wb.run('computeCommissions', '2026-10');
    expect(wb.emu.mails).toEqual([]);
    const cell = listsCell(wb, 'Courriels des vendeurs', text);
    expect(wb.emu.logs.entries.map((e) => e.message).join('\n')).toContain(
      `1 refused (not exactly one valid address in ${cell})`,
    );
    wb.append('Listes', [{ Vendeurs: 'sal', 'Courriels des vendeurs': 'sal@example.com' }]);
    wb.append('Factures', [
      { 'No de facture': 'F-3', Date: '2026-10-07', 'Code client': 'A', Montant: 50 },
    ]);
    wb.run('computeCommissions', '2026-10');
    expect(wb.emu.mails.map((m) => m.to)).toEqual([['sal@example.com']]);
  });

  it('a watch notice is not sent to an account manager cell with two addresses', () => {
    const wb = withStatements([
      { 'Chargés de compte': 'Marc', 'Courriels des chargés de compte': OUTSIDER },
      { 'Chargés de compte': 'Léa', 'Courriels des chargés de compte': 'lea@example.com' },
    ]);
    wb.append('Termes', [
      { 'Code client': 'A', 'Limite de crédit': 10 },
      { 'Code client': 'B', 'Limite de crédit': 10 },
    ]);
    wb.run('refreshWatchList');
    expect(wb.emu.mails.map((m) => m.to)).toEqual([['lea@example.com']]);
    const cell = listsCell(wb, 'Courriels des chargés de compte', OUTSIDER);
    expect(wb.emu.ui.ofKind('alert').at(-1)?.prompt).toContain(`Rien n’a été envoyé à ${cell}`);
  });

  it('Settings warns of every e-mail cell of Lists that is not one address, by cell', () => {
    const wb = withStatements([
      { Vendeurs: 'Sal', 'Courriels des vendeurs': OUTSIDER },
      { Vendeurs: 'Bob', 'Courriels des vendeurs': 'bob@example.com' },
      { 'Chargés de compte': 'Marc', 'Courriels des chargés de compte': 'marc at example' },
    ]);
    const sal = listsCell(wb, 'Courriels des vendeurs', OUTSIDER);
    const marc = listsCell(wb, 'Courriels des chargés de compte', 'marc at example');
    expect(wb.run('mailAddressesLoad')).toEqual({
      warning: `Ces cellules de la feuille Listes ne contiennent pas une seule adresse courriel valide : ${sal}, ${marc}. Personne n’y reçoit d’avis, de relevé ni de rappel tant qu’elle n’en contient pas exactement une.`,
    });
    wb.run('showSettings');
    const dialog = wb.emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
    expect(dialog && 'html' in dialog ? dialog.html : '').toContain('.mailAddressesLoad()');
    wb.sheet('Listes').getRange(sal.slice(7)).setValue('sal@example.com');
    wb.sheet('Listes').getRange(marc.slice(7)).setValue('');
    expect(wb.run('mailAddressesLoad')).toEqual({ warning: '' });
  });
});

describe('names in greetings', () => {
  it('are one line of plain text, at most 40 characters', () => {
    const name = `Sal\n\nVotre compte est suspendu : https://evil.example/${'x'.repeat(5_000)}`;
    const wb = withStatements([{ Vendeurs: name, 'Courriels des vendeurs': 'sal@example.com' }]);
    wb.append('Commissions', [
      { 'Code client': 'A', Vendeur: name, 'Type de commission': 'Ventes', 'Taux (%)': 1 },
    ]);
    wb.run('computeCommissions', '2026-10');
    const mail = wb.emu.mails.find((m) => m.to[0] === 'sal@example.com')!;
    const greeting = mail.body.split('\n')[0]!;
    expect(greeting).toBe('Bonjour Sal Votre compte est suspendu : https:/…,');
    expect(mail.htmlBody).toContain('<p>Bonjour Sal Votre compte est suspendu : https:/…,</p>');
    expect(mail.body).not.toContain('x'.repeat(50));
  });
});
