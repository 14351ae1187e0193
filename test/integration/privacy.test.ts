/**
 * Law 25: "Export this client's data" and "Anonymize client" through the built bundle on the
 * emulator: confirmed with Yes / No, logged in the hidden "Journal Loi 25" sheet, invoices and
 * commissions untouched. Run `npm run build` first.
 */
import { SHEETS, type ColumnDef } from '../../src/shared/contract';
import { workbook, type TestWorkbook } from './harness';
import { API_KEY, AUDIENCE, FakeMailchimp, md5 } from './newsletterFake';

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

/** The text of the anonymization's confirmation: the last prompt (the code is typed in it). */
function confirmationOf(wb: TestWorkbook): string {
  return wb.emu.ui.ofKind('prompt').at(-1)?.prompt ?? '';
}

/** The Mailchimp deletions queued in the script's properties (newsletter/pendingDeletions.ts). */
function pendingDeletions(wb: TestWorkbook): string[] {
  const raw = wb.emu.properties.toJSON().script['ficheClient.mailchimpDeletions'];
  return raw ? (JSON.parse(raw) as string[]) : [];
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

interface OfferedFile {
  button: string;
  label: string;
  filename: string;
  mime: string;
  content: string;
}

/** The files the export dialog offers: the readable page and the JSON. */
function exportFiles(html: string): { page: OfferedFile; json: OfferedFile; intro: string } {
  const d = JSON.parse(/var d=(\{.*?\});\n/s.exec(html)![1]!) as {
    intro: string;
    files: OfferedFile[];
  };
  const page = d.files.find((f) => f.mime === 'text/html')!;
  const json = d.files.find((f) => f.mime === 'application/json')!;
  return { page, json, intro: d.intro };
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
    const data = JSON.parse(exportFiles(dialog.html).json.content) as {
      client: string;
      sheets: Record<string, Record<string, unknown>[]>;
    };
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

describe('the export as a page the person can read (decision 022)', () => {
  function exportOf(wb: TestWorkbook, code: string) {
    wb.emu.ui.answerNextPrompt(code);
    wb.emu.ui.answerNextAlert('YES');
    wb.run('exportClientData');
    return exportFiles(lastDialog(wb)!.html);
  }
  function setCell(wb: TestWorkbook, sheet: string, code: string, header: string, value: unknown) {
    const row = wb.rows(sheet).findIndex((r) => Object.values(r)[0] === code) + 2;
    const column = wb.header(sheet).indexOf(header) + 1;
    wb.sheet(sheet).getRange(row, column).setValue(value);
  }
  /** The page's labelled fields of the record: label → value, as the person reads them. */
  function fields(page: string): Map<string, string> {
    const unescape = (x: string) =>
      x
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    return new Map(
      [...page.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/gs)].map((m) => [
        unescape(m[1]!),
        unescape(m[2]!),
      ]),
    );
  }

  it('offers an HTML page and the JSON beside it, each downloadable and copyable', () => {
    const wb = seeded();
    const { page, json, intro } = exportOf(wb, 'C1');
    expect(page.filename).toBe('client-C1-2026-11-15.html');
    expect(json.filename).toBe('client-C1-2026-11-15.json');
    expect(page.button).toBe('Télécharger la page lisible (HTML)');
    expect(json.button).toBe('Télécharger les données (JSON)');
    expect(intro).toContain(
      'la page lisible (en français, celle du classeur : sa fiche n’a pas de langue)',
    );
    // The page names the JSON that goes with it; it has no script and loads nothing.
    expect(page.content).toContain('client-C1-2026-11-15.json');
    expect(page.content).not.toMatch(/<script|<link|src=/i);
    // The copy fallback of decision 012 stays, for each file.
    const html = lastDialog(wb)!.html;
    expect(html).toContain('offerHint');
    expect(html).toContain('a.value=f.content');
  });

  it('in French for a French client: every field of the record under its French label', () => {
    const wb = seeded();
    const { page } = exportOf(wb, 'C1');
    expect(page.content).toContain('<html lang="fr">');
    expect(page.content).toContain('Renseignements personnels détenus sur vous');
    const f = fields(page.content);
    for (const column of SHEETS.clients.columns) expect(f.has(column.fr)).toBe(true);
    expect(f.get('Nom')).toBe('Anne Lavoie');
    expect(f.get('Courriel')).toBe('anne@example.com');
    expect(f.get('Infolettre')).toBe('Oui');
    expect(f.get('Type de consentement')).toBe('Exprès');
    expect(f.get('Pays')).toBe('—');
    // The other sheets, as tables under their French names.
    expect(page.content).toMatch(/<h2>Factures<\/h2>/);
    expect(page.content).toContain('Anne veut un rabais');
    // The next export lists this one, at the workbook's local time (17:00 UTC is 12:00 here).
    const again = exportOf(wb, 'C1').page.content;
    expect(again).toContain(
      '<h2>Vos demandes précédentes</h2><ul>\n<li>2026-11-15 12:00 — Exportation des données</li>',
    );
  });

  it('in English for a client whose Language is en, in a French workbook; team columns labelled; text stays text', () => {
    const wb = seeded();
    setCell(wb, 'Clients', 'C1', 'Langue', 'en');
    setCell(wb, 'Clients', 'C1', 'Nom', 'Anne <b>Lavoie</b> & fils');
    const clients = wb.sheet('Clients');
    clients.insertColumnAfter(clients.getLastColumn());
    clients.getRange(1, clients.getLastColumn() + 1).setValue('Cellulaire perso');
    setCell(wb, 'Clients', 'C1', 'Cellulaire perso', '418 555-0199');
    const { page, intro } = exportOf(wb, 'C1');
    // The dialog speaks the workbook's language, and says whose language the page is in.
    expect(intro).toContain('la page lisible (en anglais, la langue de sa fiche)');
    expect(page.content).toContain('<html lang="en">');
    expect(page.content).toContain('Personal information we hold about you');
    const f = fields(page.content);
    const personal = (SHEETS.clients.columns as readonly ColumnDef[]).filter((c) => c.personal);
    expect(personal.length).toBeGreaterThan(15);
    for (const column of personal) expect([column.en, f.has(column.en)]).toEqual([column.en, true]);
    expect(f.get('Name')).toBe('Anne <b>Lavoie</b> & fils');
    expect(page.content).toContain('Anne &lt;b&gt;Lavoie&lt;/b&gt; &amp; fils');
    expect(page.content).not.toContain('<b>Lavoie');
    expect(f.get('Type')).toBe('Individual'); // "Particulier" in the cell
    expect(f.get('Consent type')).toBe('Express');
    expect(f.get('Newsletter')).toBe('Yes');
    expect(f.get('Cellulaire perso')).toBe('418 555-0199');
    expect(page.content).toMatch(/<h2>Invoices<\/h2>/);
    expect(page.content).toMatch(/<th scope="col">Invoice no\.<\/th>/);
    expect(page.content).not.toMatch(/Votre fiche|Factures|Courriel/);
  });
});

describe('anonymize client', () => {
  it('blanks personal fields and CRM details, keeps invoices, terms and commissions, logs it', () => {
    const wb = seeded();
    const invoicesBefore = wb.rows('Factures');
    const commissionsBefore = wb.rows('Commissions');
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
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
      // Every cell that is not a key, an amount or a computed figure (decision 016).
      Province: '',
      Type: '',
      Besoins: '',
      'Notes de suivi': '',
      'Source du consentement': '',
      'Type de consentement': '',
      'Prochain suivi': '',
      'Référé par': '',
      'Motifs de surveillance': '',
      // Its MD5 of the address re-identifies the person: it leaves the sheet at once
      // (decision 016).
      'Synchro Mailchimp': '',
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
    // Mailchimp is not set up: the team is told, in an alert that stays, to delete by hand.
    expect(wb.emu.ui.ofKind('alert').at(-1)?.prompt).toContain('Client C1 anonymisé (2 lignes');
  });

  it('anonymizes every row of a code typed twice', () => {
    const wb = seeded();
    wb.append('Clients', [
      { 'Code client': 'c1 ', Nom: 'Anne Lavoie (copie)', Courriel: 'anne@example.com' },
    ]);
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
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
    const original = structuredClone(open.record!);
    open.record!.general.phone = '418 555-0199'; // typed in the form meanwhile
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
    wb.run('anonymizeClient');
    const result = wb.run('formSave', {
      record: open.record!,
      isNew: false,
      original,
    });
    // Anonymize blanked the phone the form changed: a conflict, nothing written back.
    expect(result).toMatchObject({ ok: false, kind: 'conflict' });
    const client = wb.rows('Clients').find((r) => r['Code client'] === 'C1')!;
    expect([client.Nom, client['Téléphone']]).toEqual(['Client anonymisé', '']);
  });

  it('deletes the Mailchimp member at once, by its stored hash and its address’s', () => {
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
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
    wb.run('anonymizeClient');
    const confirmation = confirmationOf(wb);
    expect(confirmation).toContain(
      'Le membre Mailchimp (anne@example.com) sera supprimé définitivement, maintenant',
    );
    expect(fake.deleted).toEqual([hash]);
    expect(wb.emu.urlFetches.map((r) => [r.method, r.url.replace(/^.*\/members\//, '')])).toEqual([
      ['POST', `${hash}/actions/delete-permanent`],
      ['POST', `${md5('anne@example.com')}/actions/delete-permanent`],
    ]);
    expect(wb.emu.toasts.at(-1)?.message).toContain('Membre Mailchimp supprimé définitivement.');
    expect(pendingDeletions(wb)).toEqual([]);
    // Nothing is left for the next sync to do for C1.
    const before = wb.emu.urlFetches.length;
    wb.run('syncMailchimp');
    expect(wb.emu.urlFetches.slice(before).filter((r) => r.url.includes(hash))).toEqual([]);
  });

  it('asks to type the client code: no one-click Yes; a wrong or missing code changes nothing and says so', () => {
    const wb = seeded();
    const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C2'); // another client's code
    wb.run('anonymizeClient');
    const confirmation = wb.emu.ui.ofKind('prompt').at(-1)!;
    expect(confirmation.buttons).toBe('OK_CANCEL');
    expect(confirmation.prompt).toMatch(
      /Pour confirmer, tapez le code du client \(C1\) puis OK\.$/,
    );
    expect(wb.emu.ui.ofKind('alert').filter((a) => a.buttons === 'YES_NO')).toEqual([]);
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toBe(
      '« C2 » n’est pas le code du client (C1) : rien n’a été changé.',
    );
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('   ');
    wb.run('anonymizeClient');
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toBe(
      'Aucun code tapé : rien n’a été changé. Pour anonymiser, tapez le code du client (C1).',
    );
    expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);
    expect(privacyLog(wb)).toEqual([]);
    // Typed as codes match everywhere (case and spaces ignored): done.
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt(' c1 ');
    wb.run('anonymizeClient');
    expect(wb.rows('Clients')[0]).toMatchObject({ Nom: 'Client anonymisé' });
    expect(privacyLog(wb)).toEqual([expect.objectContaining({ action: 'anonymize', code: 'C1' })]);
  });

  it('refused confirmation changes nothing', () => {
    const wb = seeded();
    const before = wb.emu.spreadsheet.values('Clients');
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('', 'CANCEL');
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
    const data = JSON.parse(exportFiles(dialog.html).json.content) as {
      privacyLog: { action: string }[];
    };
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
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
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
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
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

describe('anonymize complete', () => {
  /** C1 with a line in Commission details and a team column there holding personal text. */
  function withDetails(): TestWorkbook {
    const wb = seeded();
    wb.run('computeCommissions', '2026-09');
    const details = wb.sheet('Détail des commissions');
    const width = details.getLastColumn();
    details.insertColumnAfter(width);
    details.getRange(1, width + 1).setValue('Note');
    const rows = wb.rows('Détail des commissions');
    rows.forEach((r, i) => {
      if (r['Code client'] === 'C1')
        details.getRange(i + 2, width + 1).setValue('Anne Lavoie a appelé, 418 555-0101');
    });
    return wb;
  }

  it('blanks the team’s columns of Commission details, keeps its keys and amounts, lists every sheet', () => {
    const wb = withDetails();
    const before = wb.rows('Détail des commissions');
    expect(before.filter((r) => r['Code client'] === 'C1')).toHaveLength(1);
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
    wb.run('anonymizeClient');
    const confirmation = confirmationOf(wb);
    for (const sheet of ['Clients', 'Termes', 'Commissions', 'Journal CRM', 'Factures'])
      expect(confirmation).toContain(`« ${sheet} » (`);
    expect(confirmation).toContain(
      "« Détail des commissions » (1 ligne) — effacé : Note. Gardé : Mois, Vendeur, Code client, No de facture, Type de commission, Base, Taux (%), Commission, Mois d'origine.",
    );
    const after = wb.rows('Détail des commissions');
    expect(after).toEqual(before.map((r) => (r['Code client'] === 'C1' ? { ...r, Note: '' } : r)));
    expect(JSON.stringify(wb.emu.spreadsheet.values('Détail des commissions'))).not.toContain(
      'Anne',
    );
    expect(wb.emu.ui.ofKind('alert').at(-1)?.prompt).toContain(
      'Feuilles effacées : Clients, Termes, Journal CRM, Commissions, Factures, Détail des commissions.',
    );
  });

  it('without Mailchimp: the hash leaves the sheet at once, and the team is told to delete the member by hand', () => {
    const wb = seeded();
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
    wb.run('anonymizeClient');
    const confirmation = confirmationOf(wb);
    const done = wb.emu.ui.ofKind('alert').at(-1)?.prompt;
    const byHand =
      'Mailchimp n’est pas configuré ici : si anne@example.com figure dans une audience Mailchimp (par exemple importée d’un CSV), supprimez ce contact définitivement dans Mailchimp, à la main.';
    expect(confirmation).toContain(byHand);
    expect(done).toContain('Client C1 anonymisé');
    expect(done).toContain(byHand);
    // No trace of the hash in any sheet; it waits in the script's properties for a sync.
    for (const sheet of wb.spreadsheet.getSheets())
      expect(JSON.stringify(sheet.getDataRange().getValues())).not.toContain('a'.repeat(32));
    expect(pendingDeletions(wb)).toEqual(['a'.repeat(32)]);
    expect(JSON.stringify(wb.emu.properties.toJSON().document)).not.toContain('a'.repeat(32));

    // Mailchimp set up later: the next sync deletes the member and empties the queue.
    const fake = new FakeMailchimp();
    fake.members.set('a'.repeat(32), {
      email_address: 'anne@example.com',
      status: 'subscribed',
      merge_fields: {},
      tags: new Map(),
    });
    wb.run('newsletterSettingsSave', { apiKey: API_KEY, audienceId: AUDIENCE });
    wb.emu.setUrlFetchHandler(fake.handler);
    wb.run('syncMailchimp');
    expect(fake.deleted).toEqual(['a'.repeat(32)]);
    expect(pendingDeletions(wb)).toEqual([]);
    expect(wb.emu.ui.ofKind('alert').at(-1)!.prompt).toContain(
      '1 membre supprimé définitivement (clients anonymisés).',
    );
  });

  it('a deletion Mailchimp does not confirm stays queued until a sync gets it through', () => {
    const wb = seeded();
    const fake = new FakeMailchimp();
    wb.run('newsletterSettingsSave', { apiKey: API_KEY, audienceId: AUDIENCE });
    let down = true;
    wb.emu.setUrlFetchHandler((req) =>
      down ? { status: 503, body: 'Service Unavailable' } : fake.handler(req),
    );
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
    wb.run('anonymizeClient');
    // Nothing for the team to do: the next sync tries again (a toast).
    expect(wb.emu.toasts.at(-1)?.message).toContain(
      'Mailchimp n’a pas confirmé la suppression du membre : elle sera refaite à la prochaine synchronisation.',
    );
    expect(wb.rows('Clients')[0]!['Synchro Mailchimp']).toBe('');
    expect(pendingDeletions(wb).sort()).toEqual(['a'.repeat(32), md5('anne@example.com')].sort());
    down = false;
    wb.run('syncMailchimp');
    // Unknown to Mailchimp (404) counts as done: nothing is left queued.
    expect(pendingDeletions(wb)).toEqual([]);
  });

  it('keeps the member of an address another client still uses', () => {
    const wb = seeded();
    wb.append('Clients', [
      { 'Code client': 'C3', Nom: 'Lavoie inc.', Courriel: 'ANNE@example.com' },
    ]);
    const fake = new FakeMailchimp();
    wb.run('newsletterSettingsSave', { apiKey: API_KEY, audienceId: AUDIENCE });
    wb.emu.setUrlFetchHandler(fake.handler);
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
    wb.run('anonymizeClient');
    expect(confirmationOf(wb)).toContain(
      'Le membre Mailchimp de anne@example.com est gardé : d’autres clients (C3) ont la même adresse.',
    );
    // Only the stored state's member (synced for C1) goes, not the address's shared one.
    expect(wb.emu.urlFetches.map((r) => r.url.replace(/^.*\/members\//, ''))).toEqual([
      `${'a'.repeat(32)}/actions/delete-permanent`,
    ]);
  });

  it('the queue is bounded: past 200 deletions the team deletes the member by hand, nothing dropped', () => {
    const wb = seeded();
    const full = Array.from({ length: 200 }, (_, i) => md5(`p${i}@example.com`));
    const props = wb.emu.globals()
      .PropertiesService as GoogleAppsScript.Properties.PropertiesService;
    props.getScriptProperties().setProperty('ficheClient.mailchimpDeletions', JSON.stringify(full));
    wb.emu.ui.answerNextPrompt('C1');
    wb.emu.ui.answerNextPrompt('C1'); // the code typed to confirm
    wb.run('anonymizeClient');
    const done = wb.emu.ui.ofKind('alert').at(-1)!.prompt;
    expect(done).toContain('Client C1 anonymisé');
    expect(done).toContain(
      'Trop de suppressions Mailchimp sont en attente (200) : supprimez définitivement anne@example.com dans Mailchimp, à la main',
    );
    expect(pendingDeletions(wb)).toEqual(full);
    expect(wb.rows('Clients')[0]!['Synchro Mailchimp']).toBe('');
  });
});
