/**
 * Law 25: "Export this client's data" and "Anonymize client" through the built bundle on the
 * emulator: confirmed with Yes / No, logged in the hidden "Journal Loi 25" sheet, invoices and
 * commissions untouched. Run `npm run build` first.
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

const ACTIONS: Record<string, string> = {
  'Exportation des données': 'export',
  'Data export': 'export',
  Anonymisation: 'anonymize',
  Anonymization: 'anonymize',
};

/** The log sheet's rows, actions as codes. */
function privacyLog(wb: TestWorkbook): { action: string; code: string; by: string; at: unknown }[] {
  const name = wb.emu.spreadsheet.values('Journal Loi 25').length
    ? 'Journal Loi 25'
    : 'Privacy log';
  return wb.rows(name).map((r) => {
    const [at, by, action, code] = Object.values(r);
    return {
      at,
      by: String(by),
      action: ACTIONS[String(action)] ?? String(action),
      code: String(code),
    };
  });
}

function legacyKeys(wb: TestWorkbook): string[] {
  return Object.keys(wb.emu.properties.document.toJSON()).filter((k) =>
    k.startsWith('ficheClient.privacyLog.'),
  );
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
      // Every cell that is not a key, an amount or a computed figure (issue 13).
      Province: '',
      Type: '',
      Besoins: '',
      'Notes de suivi': '',
      'Source du consentement': '',
      'Type de consentement': '',
      'Prochain suivi': '',
      'Référé par': '',
      'Motifs de surveillance': '',
      // Kept, so the next Mailchimp sync deletes the old member by its hash.
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
    const open = wb.run('formOpen', {
      code: 'C1',
    });
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('anonymizeClient');
    const result = wb.run('formSave', {
      record: open.record!,
      isNew: false,
    });
    expect(result).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('the next Mailchimp sync deletes the anonymized member permanently by its stored hash', () => {
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
    expect(toC1.map((r) => [r.method, r.url.replace(/^.*\/members\//, '')])).toEqual([
      ['POST', `${hash}/actions/delete-permanent`],
    ]);
    expect(fake.members.has(hash)).toBe(false);
    expect(fake.deleted).toEqual([hash]);
    // No trace of the old member is kept once it is deleted.
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

describe('the privacy log (Journal Loi 25)', () => {
  it('is a hidden, warning-protected sheet with date, who, action and client code only', () => {
    const wb = seeded();
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('exportClientData');
    const sheet = wb.sheet('Journal Loi 25');
    expect(sheet.isSheetHidden()).toBe(true);
    expect(wb.header('Journal Loi 25')).toEqual(['Date', 'Par', 'Action', 'Code client']);
    const protection = sheet.getProtections(
      (wb.emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .ProtectionType.SHEET,
    )[0]!;
    expect(protection.isWarningOnly()).toBe(true);
    const [entry] = privacyLog(wb);
    expect(entry).toMatchObject({ by: 'owner@example.com', action: 'export', code: 'C1' });
    expect(entry!.at).toBeInstanceOf(Date);
    expect((entry!.at as Date).toISOString()).toBe('2026-11-15T17:00:00.000Z');
  });

  it('takes 200 actions (the property log overflowed after about 70), codes kept as text', () => {
    const wb = seeded();
    wb.append('Clients', [
      { 'Code client': '0042', Nom: 'Zéro' },
      { 'Code client': '=1+1', Nom: 'Formule' },
    ]);
    for (let i = 0; i < 200; i++) {
      wb.emu.ui.answerNextPrompt(['C1', 'C2', '0042', '=1+1'][i % 4]!);
      wb.emu.ui.answerNextAlert('YES');
      wb.run('exportClientData');
    }
    const log = privacyLog(wb);
    expect(log).toHaveLength(200);
    expect(log.slice(0, 4).map((e) => e.code)).toEqual(['C1', 'C2', '0042', '=1+1']);
    expect(log.every((e) => e.action === 'export')).toBe(true);
    expect(legacyKeys(wb)).toEqual([]);
    expect(wb.emu.ui.ofKind('alert').filter((a) => a.prompt.includes('journal Loi 25 ('))).toEqual(
      [],
    );
    // The next export of C1 lists the earlier actions on C1 (date and action).
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('exportClientData');
    const dialog = lastDialog(wb)!;
    const data = JSON.parse(
      (JSON.parse(/var d=(\{.*?\});\n/s.exec(dialog.html)![1]!) as { content: string }).content,
    ) as { privacyLog: { action: string }[] };
    expect(data.privacyLog).toHaveLength(50);
    expect(data.privacyLog[0]).toEqual({ at: expect.any(String), action: 'export' });
  });

  it('moves the old property log into the sheet once, at Set up', () => {
    const wb = seeded();
    const old = [
      { at: '2026-10-01T14:00:00.000Z', by: 'ann@example.com', action: 'export', code: '0007' },
      { at: '2026-10-02T14:00:00.000Z', by: 'bob@example.com', action: 'anonymize', code: 'C9' },
    ];
    const props = wb.emu.globals()
      .PropertiesService as GoogleAppsScript.Properties.PropertiesService;
    props
      .getDocumentProperties()
      .setProperty('ficheClient.privacyLog.2026-10', JSON.stringify(old));
    wb.run('setupWorkbook');
    expect(privacyLog(wb)).toEqual(old.map((e) => ({ ...e, at: new Date(e.at) })));
    expect(legacyKeys(wb)).toEqual([]);
    wb.run('setupWorkbook');
    expect(privacyLog(wb)).toHaveLength(2);
  });

  it('is created on first use when missing, the old entries first', () => {
    const wb = seeded();
    wb.spreadsheet.deleteSheet(wb.sheet('Journal Loi 25'));
    const props = wb.emu.globals()
      .PropertiesService as GoogleAppsScript.Properties.PropertiesService;
    props
      .getDocumentProperties()
      .setProperty(
        'ficheClient.privacyLog.2026-10',
        JSON.stringify([
          { at: '2026-10-01T14:00:00.000Z', by: 'a@x.ca', action: 'export', code: 'C2' },
        ]),
      );
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('anonymizeClient');
    expect(privacyLog(wb).map((e) => [e.action, e.code])).toEqual([
      ['export', 'C2'],
      ['anonymize', 'C1'],
    ]);
    expect(wb.sheet('Journal Loi 25').isSheetHidden()).toBe(true);
  });

  it('a log write that fails after the anonymization is committed still reports success, with a warning', () => {
    const wb = seeded();
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextAlert('YES');
    // The log's append fails, as a Sheets service failure would, after the client was blanked.
    wb.emu.at('Sheet.appendRow', () => {
      throw new Error('Service Spreadsheets timed out while accessing document with id emulated.');
    });
    expect(() => wb.run('anonymizeClient')).not.toThrow();
    expect(wb.rows('Clients')[0]).toMatchObject({ Nom: 'Client anonymisé', Courriel: '' });
    const alert = wb.emu.ui.ofKind('alert').at(-1)!;
    expect(alert.prompt).toContain('Client C1 anonymisé (2 lignes');
    expect(alert.prompt).toContain('n’a pas pu être inscrite au journal Loi 25');
    expect(alert.prompt).toContain('Service Spreadsheets timed out');
    expect(alert.prompt).toMatch(/owner@example\.com, Anonymisation, C1/);
    expect(privacyLog(wb)).toEqual([]);
    // The next action logs again.
    wb.emu.ui.answerNextPrompt('C2');
    wb.emu.ui.answerNextAlert('YES');
    wb.run('exportClientData');
    expect(privacyLog(wb).map((e) => e.code)).toEqual(['C2']);
  });
});
