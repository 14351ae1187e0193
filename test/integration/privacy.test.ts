/**
 * Law 25: "Export this client's data" and "Anonymize client" through the built bundle on the
 * emulator: confirmed with Yes / No, logged in document properties, invoices and commissions
 * untouched. Run `npm run build` first.
 */
import { workbook, type TestWorkbook } from './harness';
import { API_KEY, AUDIENCE, FakeMailchimp } from './newsletterFake';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append('Clients', [
    {
      'Code client': 'C1',
      Nom: 'Anne Lavoie',
      Type: 'Particulier',
      Contact: 'Anne',
      Courriel: 'anne@example.com',
      Téléphone: '418 555-0101',
      Adresse: '12, rang Saint-Joseph',
      Ville: 'Lévis',
      Province: 'QC',
      'Code postal': 'G6V 1A1',
      Infolettre: true,
      'Type de consentement': 'Exprès',
      'Date du consentement': '2025-06-01',
      'Source du consentement': 'Formulaire signé par Anne',
      Besoins: 'Allergique aux arachides',
      'Notes de suivi': 'Rappeler son mari',
      'Prochain suivi': '2026-12-01',
      'Référé par': 'Jean Tremblay',
      'Motifs de surveillance': 'Manuel : litige avec Anne',
      'Synchro Mailchimp': `subscribed 2026-11-01 ${'a'.repeat(32)} 0123abcd`,
    },
    { 'Code client': 'C2', Nom: 'Ferme Bellevue', Courriel: 'info@bellevue.ca' },
  ]);
  wb.append('Termes', [
    {
      'Code client': 'C1',
      'Limite de crédit': 1000,
      'Remarques sur les factures': 'Laisser chez la voisine',
      'Pourquoi sous surveillance': 'Litige avec Anne',
    },
  ]);
  wb.append('Commissions', [
    { 'Code client': 'C1', Vendeur: 'Julie', 'Type de commission': 'Ventes', 'Taux (%)': 5 },
  ]);
  wb.append('Journal CRM', [
    {
      'Code client': 'C1',
      Date: '2026-10-01',
      Nature: 'Discussion',
      De: 'Julie',
      Objet: 'Prix',
      Détails: 'Anne veut un rabais',
    },
    {
      'Code client': 'C2',
      Date: '2026-10-02',
      Nature: 'Courriel',
      De: 'info@bellevue.ca',
      Objet: 'Commande',
    },
    {
      'Code client': 'c1',
      Date: '2026-10-03',
      Nature: 'Courriel',
      De: 'anne@example.com',
      À: 'julie@x.ca',
      Objet: 'Merci',
    },
  ]);
  wb.append('Factures', [
    {
      'No de facture': 'F-1',
      Date: '2026-09-01',
      'Code client': 'C1',
      'Type de produit': 'Semences',
      Montant: 250,
    },
    { 'No de facture': 'F-2', Date: '2026-09-02', 'Code client': 'C2', Montant: 90 },
  ]);
  return wb;
}

function privacyLog(wb: TestWorkbook): { action: string; code: string; by: string }[] {
  const all = wb.emu.properties.document.toJSON();
  return Object.keys(all)
    .filter((k) => k.startsWith('ficheClient.privacyLog.'))
    .flatMap((k) => JSON.parse(all[k]!) as { action: string; code: string; by: string }[]);
}

function lastDialog(wb: TestWorkbook): { html: string; title: string } | undefined {
  const d = wb.emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  return d && 'html' in d ? { html: d.html, title: d.title } : undefined;
}

describe('export this client’s data', () => {
  it('asks which client (the selected row by default), confirms, logs and offers every row as JSON', () => {
    const wb = seeded();
    wb.emu.spreadsheet.setActiveRange('Clients', 'B2');
    wb.emu.ui.answerNextPrompt('');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('exportClientData');
    const prompt = wb.emu.ui.ofKind('prompt').at(-1)!;
    expect(prompt.prompt).toBe('Code du client. Laissez vide pour C1.');
    const confirm = wb.emu.ui.ofKind('alert').at(-1)!;
    expect(confirm.buttons).toBe('YES_NO');
    expect(confirm.prompt).toContain('C1 (Anne Lavoie)');

    const dialog = lastDialog(wb)!;
    expect(dialog.title).toBe('Données du client C1');
    const data = JSON.parse(
      (JSON.parse(/var d=(\{.*?\});\n/s.exec(dialog.html)![1]!) as { content: string }).content,
    ) as { client: string; sheets: Record<string, Record<string, unknown>[]> };
    expect(data.client).toBe('C1');
    expect(Object.keys(data.sheets).sort()).toEqual(
      ['Clients', 'Commissions', 'Factures', 'Journal CRM', 'Termes'].sort(),
    );
    expect(data.sheets.Clients).toHaveLength(1);
    expect(data.sheets.Clients![0]).toMatchObject({
      Nom: 'Anne Lavoie',
      Courriel: 'anne@example.com',
      'Date du consentement': '2025-06-01',
    });
    // Codes match as everywhere: "c1" is C1.
    expect(data.sheets['Journal CRM']).toHaveLength(2);
    expect(data.sheets.Factures!.map((r) => r['No de facture'])).toEqual(['F-1']);
    expect(privacyLog(wb)).toEqual([expect.objectContaining({ action: 'export', code: 'C1' })]);
  });

  it('does nothing and logs nothing when the confirmation is refused', () => {
    const wb = seeded();
    wb.emu.ui.answerNextPrompt('C2');
    wb.emu.ui.answerNextAlert('NO');
    wb.run('exportClientData');
    expect(lastDialog(wb)).toBeUndefined();
    expect(privacyLog(wb)).toEqual([]);
  });

  it('names an unknown code', () => {
    const wb = seeded();
    wb.emu.ui.answerNextPrompt('C9');
    wb.run('exportClientData');
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toContain('« C9 » est introuvable');
    expect(privacyLog(wb)).toEqual([]);
  });
});

describe('anonymize client', () => {
  it('blanks personal fields and CRM details, keeps invoices, terms and commissions, logs it', () => {
    const wb = seeded();
    const invoicesBefore = wb.rows('Factures');
    const commissionsBefore = wb.rows('Commissions');
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('anonymizeClient');

    const [c1, c2] = wb.rows('Clients');
    expect(c1).toMatchObject({
      'Code client': 'C1',
      Nom: 'Client anonymisé',
      Contact: '',
      Courriel: '',
      Téléphone: '',
      Adresse: '',
      Ville: '',
      'Code postal': '',
      Province: 'QC',
      Besoins: '',
      'Notes de suivi': '',
      'Source du consentement': '',
      'Type de consentement': '',
      'Prochain suivi': '',
      'Référé par': '',
      'Motifs de surveillance': '',
      // Kept, so the next Mailchimp sync unsubscribes the old member by its hash.
      'Synchro Mailchimp': `subscribed 2026-11-01 ${'a'.repeat(32)} 0123abcd`,
    });
    expect(c1!.Infolettre === false || c1!.Infolettre === '').toBe(true);
    expect(c2).toMatchObject({ Nom: 'Ferme Bellevue', Courriel: 'info@bellevue.ca' });
    const crm = wb.rows('Journal CRM');
    expect(crm.map((r) => [r['Code client'], r.De, r.Objet, r.Détails])).toEqual([
      ['C1', '', '', ''],
      ['C2', 'info@bellevue.ca', 'Commande', ''],
      ['c1', '', '', ''],
    ]);
    expect(wb.rows('Termes')[0]).toMatchObject({
      'Limite de crédit': 1000,
      'Remarques sur les factures': '',
      'Pourquoi sous surveillance': '',
    });
    expect(wb.rows('Factures')).toEqual(invoicesBefore);
    expect(wb.rows('Commissions')).toEqual(commissionsBefore);
    expect(privacyLog(wb)).toEqual([expect.objectContaining({ action: 'anonymize', code: 'C1' })]);
    expect(wb.emu.toasts.at(-1)?.message ?? JSON.stringify(wb.emu.toasts.at(-1))).toContain(
      'Client C1 anonymisé (2 lignes',
    );
  });

  it('anonymizes every row of a code typed twice', () => {
    const wb = seeded();
    wb.append('Clients', [
      { 'Code client': 'c1 ', Nom: 'Anne Lavoie (copie)', Courriel: 'anne@example.com' },
    ]);
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('anonymizeClient');
    const copies = wb
      .rows('Clients')
      .filter((r) => String(r['Code client']).trim().toLowerCase() === 'c1');
    expect(copies.map((r) => [r.Nom, r.Courriel])).toEqual([
      ['Client anonymisé', ''],
      ['Client anonymisé', ''],
    ]);
  });

  it('a form still open on the client cannot save the old data back', () => {
    const wb = seeded();
    const open = wb.run<{ record: { version: string; general: { code: string } } }>('formOpen', {
      code: 'C1',
    });
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('anonymizeClient');
    const result = wb.run<{ ok: boolean; kind?: string }>('formSave', {
      record: open.record,
      isNew: false,
    });
    expect(result).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('the next Mailchimp sync unsubscribes the anonymized member by its stored hash', () => {
    const wb = seeded();
    const fake = new FakeMailchimp();
    const hash = 'a'.repeat(32);
    fake.members.set(hash, {
      email_address: 'anne@example.com',
      status: 'subscribed',
      merge_fields: {},
      tags: new Map(),
    });
    wb.run('newsletterSettingsSave', { apiKey: API_KEY, audienceId: AUDIENCE });
    wb.emu.setUrlFetchHandler(fake.handler);
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('anonymizeClient');
    wb.run('syncMailchimp');
    const toC1 = wb.emu.urlFetches.filter((r) => r.url.includes(hash));
    expect(toC1.map((r) => [r.method, r.payload])).toEqual([
      ['PATCH', JSON.stringify({ status: 'unsubscribed' })],
    ]);
    expect(fake.members.get(hash)!.status).toBe('unsubscribed');
    // No trace of the old member is kept once it is unsubscribed.
    expect(wb.rows('Clients')[0]!['Synchro Mailchimp']).toBe('');
  });

  it('refused confirmation changes nothing', () => {
    const wb = seeded();
    const before = wb.emu.spreadsheet.values('Clients');
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('NO');
    wb.run('anonymizeClient');
    expect(wb.emu.spreadsheet.values('Clients')).toEqual(before);
    expect(privacyLog(wb)).toEqual([]);
  });
});
