import type { ClientRecord, SaveResult } from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import { workbook, type TestWorkbook } from './harness';

function fullRecord(code: string): ClientRecord {
  const r = emptyClientRecord(code);
  // Spread over the blank record: a field added to the contract needs no edit here.
  r.general = {
    ...r.general,
    code,
    name: 'Boulangerie Alida',
    kind: 'company',
    contact: 'Alida Roy',
    email: 'alida@example.com',
    phone: '514 555-0101',
    address: '1200 rue Sainte-Catherine',
    city: 'Montréal',
    province: 'QC',
    postalCode: 'H3B 1K9',
    country: 'Canada',
    language: 'fr',
    status: 'active',
  };
  r.terms = {
    ...r.terms,
    creditCode: 'NET30',
    creditLimit: 5000,
    termDays: 45,
    discountPct: 2,
    discountDays: 10,
    revenueAccount: '',
    taxCode: '',
    lastInvoiceDate: '2026-09-30',
    lastUnpaidInvoiceDate: null,
    watchReason: '',
    emailInvoices: true,
    poRequired: true,
    taxExempt: false,
    cashOnDelivery: false,
    invoiceRemarks: 'Livrer par la porte arrière',
  };
  r.salespeople = [
    { salesperson: 'Marc Gagnon', commissionType: 'sales', ratePct: 5, productType: '' },
    {
      salesperson: 'Sophie Tremblay',
      commissionType: 'margin',
      ratePct: 10,
      productType: 'Services',
    },
  ];
  r.crm = {
    accountManager: 'Julie Côté',
    referredBy: 'Site web',
    newsletter: true,
    consentType: 'express',
    consentDate: '2026-09-01',
    consentSource: 'Formulaire signé au comptoir',
    nextFollowUp: '2027-01-15',
    tags: ['Bon client', 'Volume 3'],
    needs: 'Livraison avant 7 h',
    followUp: 'Rappeler en janvier',
    habits: 'Pains spéciaux pour les fêtes',
    discussions: [
      {
        date: '2026-10-02',
        people: 'Livraison, Ventes',
        cc: 'Direction',
        subject: 'Retard',
        details: 'Camion en panne',
      },
    ],
    emails: [
      {
        date: '2026-10-03',
        from: 'julie@example.com',
        to: 'alida@example.com',
        subject: 'Excuses pour le retard',
      },
    ],
  };
  return r;
}

/** What the form edits, without the version and the computed fields. */
/** What the form edits: no version, no computed fields, no entry numbers (set on load). */
function editable(r: ClientRecord) {
  const { version: _v, computed: _c, ...rest } = r;
  const plain = <T extends { origin?: number }>(list: T[]) => list.map(({ origin: _o, ...e }) => e);
  return {
    ...rest,
    salespeople: plain(rest.salespeople),
    crm: { ...rest.crm, discussions: plain(rest.crm.discussions), emails: plain(rest.crm.emails) },
  };
}

/**
 * Saves as the sidebar does. An update sends the record as loaded (`original`); unless given, it
 * is loaded just before, which is a form opened, edited and saved with no one else in between.
 */
function save(
  wb: TestWorkbook,
  record: ClientRecord,
  isNew: boolean,
  user?: string,
  original?: ClientRecord,
): SaveResult {
  const loaded =
    isNew || original
      ? original
      : (wb.run('formLoad', record.general.code) as { record: ClientRecord }).record;
  const request = loaded ? { record, isNew, original: loaded } : { record, isNew };
  return user ? wb.runAs(user, 'formSave', request) : wb.run('formSave', request);
}

function ok(result: SaveResult): Extract<SaveResult, { ok: true }> {
  if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
  return result;
}

describe('client form: open and save through the bundle', () => {
  it('opens an empty workbook on a new client with the lists and the next code', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const open = wb.run('formOpen', {});
    expect(open.lang).toBe('fr');
    expect(open.record).toBeNull();
    expect(open.nextCode).toBe('C0001');
    expect(open.lists.tags).toEqual(['Bon client', 'Nouveau client', 'Volume 3']);
    expect(open.defaults.termDays).toBe(30);
  });

  it('creates a client with all four tabs, then reloads the same record', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const saved = ok(save(wb, fullRecord('C0001'), true));
    expect(saved.message).toMatch(/C0001/);
    expect(saved.record.version).not.toBe('');
    const [client] = wb.rows('Clients');
    expect(client).toMatchObject({
      'Code client': 'C0001',
      Nom: 'Boulangerie Alida',
      Type: 'Entreprise',
      Infolettre: true,
    });
    expect(client!['Étiquettes']).toBe('Bon client, Volume 3');
    expect(client!['Modifié par']).toBe('owner@example.com');
    expect(wb.rows('Termes')[0]).toMatchObject({
      'Code client': 'C0001',
      'Limite de crédit': 5000,
      'Terme (jours)': 45,
    });
    expect(
      wb.rows('Commissions').map((r) => [r['Vendeur'], r['Type de commission'], r['Taux (%)']]),
    ).toEqual([
      ['Marc Gagnon', 'Ventes', 5],
      ['Sophie Tremblay', 'Marge', 10],
    ]);
    expect(wb.rows('Journal CRM').map((r) => r['Nature'])).toEqual(['Discussion', 'Courriel']);

    const loaded = wb.run('formLoad', 'c0001 ');
    if (!('record' in loaded)) throw new Error(loaded.error);
    expect(editable(loaded.record)).toEqual(editable(fullRecord('C0001')));
    expect(loaded.record.version).toBe(saved.record.version);
  });

  it('saves a client with a code and a name only', () => {
    const wb = workbook({ locale: 'en_US' });
    const r = emptyClientRecord('A-1');
    r.general.name = 'Minimal Inc.';
    ok(save(wb, r, true));
    expect(wb.rows('Clients')).toHaveLength(1);
    expect(wb.rows('Terms')).toHaveLength(0); // nothing to keep: no empty Terms row
  });

  it('edits only the client’s changed cells: other clients, the team’s columns and formulas stay', () => {
    const wb = workbook({ locale: 'fr_CA' });
    ok(save(wb, fullRecord('C0001'), true));
    ok(
      save(
        wb,
        {
          ...fullRecord('C0002'),
          general: { ...fullRecord('C0002').general, name: 'Garage Tremblay' },
        },
        true,
      ),
    );
    // The team added a column with a formula, and typed a note in C0002's Terms row.
    const clients = wb.sheet('Clients');
    clients.getRange(1, 24).setValue('Notre note');
    clients.getRange(2, 24).setFormula('=LEN(B2)');
    clients.getRange(3, 24).setValue('VIP');
    const before2 = wb.rows('Clients')[1];
    const record = (wb.run('formLoad', 'C0001') as { record: ClientRecord }).record;
    record.general.city = 'Laval';
    record.salespeople = [record.salespeople[1]!];
    record.crm.discussions.push({
      date: '2026-11-01',
      people: 'Comptabilité',
      cc: '',
      subject: 'Solde',
      details: 'OK',
    });
    const result = ok(save(wb, record, false));
    expect(result.record.general.city).toBe('Laval');
    const rows = wb.rows('Clients');
    expect(rows[0]!['Ville']).toBe('Laval');
    expect(wb.emu.spreadsheet.cell('Clients', 'X2').formula).toBe('=LEN(B2)');
    expect(rows[1]).toEqual(before2);
    expect(wb.rows('Commissions').map((r) => [r['Code client'], r['Vendeur']])).toEqual([
      ['C0001', 'Sophie Tremblay'],
      ['C0002', 'Marc Gagnon'],
      ['C0002', 'Sophie Tremblay'],
    ]);
    expect(wb.rows('Journal CRM').filter((r) => r['Code client'] === 'C0001')).toHaveLength(3);
  });

  it('removing an entry in the middle deletes its own row; what the sheet adds stays with its row', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const r = fullRecord('C0001');
    r.crm.emails = [
      { date: '2026-10-03', from: 'a@x.com', to: 'b@x.com', subject: 'Premier' },
      { date: '2026-10-04', from: 'a@x.com', to: 'b@x.com', subject: 'Second' },
    ];
    const saved = ok(save(wb, r, true));
    // Someone pastes the second e-mail's text into its Détails cell.
    const row = wb.rows('Journal CRM').findIndex((x) => x['Objet'] === 'Second') + 2;
    wb.setCell('Journal CRM', row, 'Détails', 'Texte du courriel');
    const edited = saved.record;
    edited.crm.emails = [edited.crm.emails[1]!];
    ok(save(wb, edited, false));
    const emails = wb.rows('Journal CRM').filter((x) => x['Nature'] === 'Courriel');
    expect(emails.map((x) => [x['Objet'], x['Détails']])).toEqual([
      ['Second', 'Texte du courriel'],
    ]);
  });

  describe('hand edits in the sheet while the form is open', () => {
    function opened(): { wb: TestWorkbook; loaded: ClientRecord } {
      const wb = workbook({ locale: 'fr_CA' });
      ok(save(wb, fullRecord('C0001'), true));
      const loaded = (wb.run('formLoad', 'C0001') as { record: ClientRecord }).record;
      return { wb, loaded };
    }
    const saveEdited = (
      wb: TestWorkbook,
      loaded: ClientRecord,
      edit: (r: ClientRecord) => void,
    ) => {
      const record = structuredClone(loaded);
      edit(record);
      return wb.run('formSave', { record, isNew: false, original: loaded });
    };

    it('are kept: the save writes only what the user changed', () => {
      const { wb, loaded } = opened();
      wb.setCell('Clients', 2, 'Ville', 'Laval');
      wb.setCell('Termes', 2, 'Limite de crédit', 9000);
      wb.addRecords('fr', 'crmLog', [
        { clientCode: 'C0001', date: '2026-11-10', kind: 'Suivi', subject: 'Appel' },
      ]);
      wb.addRecords('fr', 'crmLog', [
        { clientCode: 'C0001', date: '2026-11-11', kind: 'Courriel', subject: 'Ajouté à la main' },
      ]);
      wb.addRecords('fr', 'commissions', [
        { clientCode: 'C0001', salesperson: 'Ajout', commissionType: 'Ventes', ratePct: 1 },
      ]);
      ok(saveEdited(wb, loaded, (r) => (r.general.phone = '438-555-0000')));
      const client = wb.rows('Clients')[0]!;
      // Saved in the Quebec format (decision 021).
      expect([client['Ville'], client['Téléphone']]).toEqual(['Laval', '438 555-0000']);
      expect(wb.rows('Termes')[0]!['Limite de crédit']).toBe(9000);
      expect(wb.rows('Journal CRM').map((r) => r['Objet'])).toEqual([
        'Retard',
        'Excuses pour le retard',
        'Appel',
        'Ajouté à la main',
      ]);
      expect(wb.rows('Commissions').map((r) => r['Vendeur'])).toContain('Ajout');
    });

    it('to a field the user changed too refuse the save, naming the field; nothing is written', () => {
      const { wb, loaded } = opened();
      wb.setCell('Clients', 2, 'Ville', 'Laval');
      const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
      const result = saveEdited(wb, loaded, (r) => {
        r.general.city = 'Lévis';
        r.general.phone = '438-555-0000';
      });
      expect(result).toMatchObject({ ok: false, kind: 'conflict', by: '' });
      if (result.ok || result.kind !== 'conflict') throw new Error('expected a conflict');
      expect(result.message).toBe(
        'Depuis l’ouverture de cette fiche, la feuille a été modifiée à la main : Ville. Rien n’a été enregistré : rechargez pour voir ces changements.',
      );
      expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);
    });

    it('an edited entry keeps its own row, with what the form does not show', () => {
      const wb = workbook({ locale: 'fr_CA' });
      const r = fullRecord('C0001');
      r.crm.emails = [
        { date: '2026-10-03', from: 'a@x.com', to: 'b@x.com', subject: 'E1' },
        { date: '2026-10-04', from: 'a@x.com', to: 'b@x.com', subject: 'E2' },
      ];
      ok(save(wb, r, true));
      const rowOf = (subject: string) =>
        wb.rows('Journal CRM').findIndex((x) => x['Objet'] === subject) + 2;
      wb.setCell('Journal CRM', rowOf('E1'), 'Détails', 'd1');
      wb.setCell('Journal CRM', rowOf('E2'), 'Détails', 'd2');
      const loaded = (wb.run('formLoad', 'C0001') as { record: ClientRecord }).record;
      ok(
        saveEdited(wb, loaded, (x) => {
          x.crm.emails = [{ ...x.crm.emails[1]!, subject: 'E2 corrigé' }];
        }),
      );
      const emails = wb.rows('Journal CRM').filter((x) => x['Nature'] === 'Courriel');
      expect(emails.map((x) => [x['Objet'], x['Détails']])).toEqual([['E2 corrigé', 'd2']]);
    });

    it('a Terms row deleted by hand does not come back on an unrelated save', () => {
      const { wb, loaded } = opened();
      wb.sheet('Termes').deleteRow(2);
      ok(saveEdited(wb, loaded, (x) => (x.general.phone = '438-555-0000')));
      expect(wb.rows('Termes')).toHaveLength(0);
    });

    it('the saved record shows what others typed meanwhile, so the next save does not refuse it', () => {
      const { wb, loaded } = opened();
      wb.setCell('Clients', 2, 'Ville', 'Laval');
      const saved = ok(saveEdited(wb, loaded, (x) => (x.general.phone = '438-555-0000')));
      expect(saved.record.general.city).toBe('Laval');
      ok(saveEdited(wb, saved.record, (x) => (x.general.city = 'Lévis')));
      expect(wb.rows('Clients')[0]!['Ville']).toBe('Lévis');
    });

    it('an update without the record as loaded is refused, asking to reload', () => {
      const { wb, loaded } = opened();
      const result = wb.run('formSave', { record: loaded, isNew: false });
      expect(result).toMatchObject({ ok: false, kind: 'error' });
      if (result.ok || result.kind !== 'error') throw new Error('expected an error');
      expect(result.message).toMatch(/rechargez-la/);
    });

    it('to a row the user changed refuse the save; a row changed by hand is not deleted', () => {
      const { wb, loaded } = opened();
      wb.setCell('Commissions', 2, 'Taux (%)', 6);
      const changed = saveEdited(wb, loaded, (r) => (r.salespeople[0]!.ratePct = 7));
      expect(changed).toMatchObject({ ok: false, kind: 'conflict' });
      if (changed.ok || changed.kind !== 'conflict') throw new Error('expected a conflict');
      expect(changed.message).toContain('1 ligne modifiée ou supprimée');
      ok(saveEdited(wb, loaded, (r) => r.salespeople.splice(0, 1)));
      expect(wb.rows('Commissions').map((r) => [r['Vendeur'], r['Taux (%)']])).toEqual([
        ['Marc Gagnon', 6],
        ['Sophie Tremblay', 10],
      ]);
    });
  });

  it('refuses a stale save of a field a colleague also saved, naming who, when and the field; nothing is overwritten', () => {
    const wb = workbook({ locale: 'fr_CA' });
    ok(save(wb, fullRecord('C0001'), true));
    const mine = (wb.run('formLoad', 'C0001') as { record: ClientRecord }).record;
    const loaded = structuredClone(mine);
    const theirs = structuredClone(mine);
    wb.emu.clock.advance(60_000);
    theirs.general.phone = '438-555-9999';
    ok(save(wb, theirs, false, 'sophie@example.com'));
    mine.general.phone = '450-555-0000';
    mine.general.city = 'Laval';
    const result = save(wb, mine, false, undefined, loaded);
    expect(result).toMatchObject({ ok: false, kind: 'conflict', by: 'sophie@example.com' });
    if (result.ok || result.kind !== 'conflict') throw new Error('expected a conflict');
    // In the spreadsheet's zone (Toronto: the clock's 12:01 -05:00), naming the field.
    expect(result.message).toMatch(/sophie@example\.com le 2026-11-15 12:01.*: Téléphone\./);
    expect(result.fields).toEqual([
      { path: 'general.phone', label: 'Téléphone', theirs: '438 555-9999', yours: '450 555-0000' },
    ]);
    expect(wb.rows('Clients')[0]!['Téléphone']).toBe('438 555-9999');
    expect(wb.rows('Clients')[0]!['Ville']).toBe('Montréal');
  });

  it('merges a colleague’s form save of other fields (decision 021): both are kept', () => {
    const wb = workbook({ locale: 'fr_CA' });
    ok(save(wb, fullRecord('C0001'), true));
    const mine = (wb.run('formLoad', 'C0001') as { record: ClientRecord }).record;
    const loaded = structuredClone(mine);
    const theirs = structuredClone(mine);
    wb.emu.clock.advance(60_000);
    theirs.general.contact = 'Sophie';
    theirs.salespeople[0]!.ratePct = 9;
    ok(save(wb, theirs, false, 'sophie@example.com'));
    mine.general.phone = '450 555-0000';
    mine.terms.creditLimit = 7000;
    const saved = ok(save(wb, mine, false, undefined, loaded));
    expect(saved.record.general).toMatchObject({ contact: 'Sophie', phone: '450 555-0000' });
    expect(saved.record.terms.creditLimit).toBe(7000);
    expect(saved.record.salespeople[0]!.ratePct).toBe(9);
    expect(wb.rows('Clients')[0]).toMatchObject({ Contact: 'Sophie', Téléphone: '450 555-0000' });
  });

  it('puts a client under watch as soon as a manual reason is saved, and lifts it when cleared', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const r = fullRecord('C0001');
    r.terms.watchReason = 'Chèque sans provision';
    const saved = ok(save(wb, r, true));
    expect(saved.record.computed).toMatchObject({
      watched: true,
      watchReasons: 'Manuel : Chèque sans provision',
    });
    expect(wb.rows('Clients')[0]).toMatchObject({
      'Sous surveillance': true,
      'Motifs de surveillance': 'Manuel : Chèque sans provision',
    });
    const again = saved.record;
    again.terms.watchReason = '';
    const cleared = ok(save(wb, again, false));
    expect(cleared.record.computed.watched).toBe(false);
    expect(wb.rows('Clients')[0]!['Sous surveillance']).toBe(false);
  });

  it('refuses a duplicate code, whatever its case or spaces', () => {
    const wb = workbook({ locale: 'en_US' });
    ok(save(wb, fullRecord('C0001'), true));
    const result = save(wb, fullRecord(' c0001'), true);
    expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    if (result.ok || result.kind !== 'invalid') throw new Error('expected invalid');
    expect(result.errors[0]).toEqual({
      path: 'general.code',
      message: 'The code "c0001" is already used by another client.',
    });
    expect(wb.rows('Clients')).toHaveLength(1);
  });

  it('gives two clients created at the same moment distinct codes', () => {
    const wb = workbook({ locale: 'fr_CA' });
    ok(save(wb, fullRecord('C0001'), true));
    const a = wb.runAs('julie@example.com', 'formOpen', {});
    const b = wb.runAs('marc@example.com', 'formOpen', {});
    expect(a.nextCode).toBe('C0002');
    expect(b.nextCode).toBe('C0002');
    const first = ok(
      wb.runAs('julie@example.com', 'formSave', {
        record: fullRecord(a.nextCode),
        isNew: true,
        autoCode: true,
      }),
    );
    const second = ok(
      wb.runAs('marc@example.com', 'formSave', {
        record: fullRecord(b.nextCode),
        isNew: true,
        autoCode: true,
      }),
    );
    expect(first.record.general.code).toBe('C0002');
    expect(second.record.general.code).toBe('C0003');
    expect(second.message).toBe(
      'Client enregistré sous le code « C0003 » (« C0002 » venait d’être pris).',
    );
    expect(second.nextCode).toBe('C0004');
    expect(wb.rows('Clients').map((r) => r['Code client'])).toEqual(['C0001', 'C0002', 'C0003']);
    expect(wb.rows('Commissions').filter((r) => r['Code client'] === 'C0003')).toHaveLength(2);
  });

  it('refuses bad payloads with field errors in the workbook language and writes nothing', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
    for (const payload of [
      null,
      42,
      'x',
      {},
      { record: 42, isNew: true },
      { record: { general: {} }, isNew: true },
    ]) {
      const result = wb.runUntyped('formSave', payload);
      expect(result).toMatchObject({ ok: false, kind: 'invalid' });
    }
    const bad = fullRecord('C0009');
    bad.terms.discountPct = 150;
    bad.salespeople[0]!.ratePct = -1;
    bad.general.name = '';
    bad.crm.discussions[0]!.date = '2026-02-30';
    const result = save(wb, bad, true);
    if (result.ok || result.kind !== 'invalid') throw new Error('expected invalid');
    const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    expect(byPath['general.name']).toBe('Ce champ est requis.');
    expect(byPath['terms.discountPct']).toBe('Doit être au plus 100.');
    expect(byPath['salespeople.0.ratePct']).toBe('Doit être au moins 0.');
    expect(byPath['crm.discussions.0.date']).toMatch(/Date invalide/);
    expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);
  });

  it('keeps user text as text: formulas are never created, HTML is stored as typed', () => {
    const wb = workbook({ locale: 'en_US' });
    const r = fullRecord('C0001');
    r.general.name = '=IMPORTRANGE("https://evil.example","A1")';
    r.general.contact = '+1 (514) 555-0101';
    r.crm.needs = '-SUM(A1)';
    r.crm.followUp = '<img src=x onerror="alert(1)">';
    // The phone has a format now (decision 021): the address carries the formula-looking text.
    r.general.address = '=HYPERLINK("x")';
    ok(save(wb, r, true));
    const ss = wb.emu.spreadsheet;
    for (const a1 of ['B2', 'D2', 'G2', 'Q2', 'R2'])
      expect(ss.cell('Clients', a1).formula).toBe('');
    const loaded = (wb.run('formLoad', 'C0001') as { record: ClientRecord }).record;
    expect(loaded.general.name).toBe(r.general.name);
    expect(loaded.general.contact).toBe(r.general.contact);
    expect(loaded.general.address).toBe(r.general.address);
    expect(loaded.crm.needs).toBe(r.crm.needs);
    expect(loaded.crm.followUp).toBe(r.crm.followUp);
  });

  it('works with reordered columns and the team’s own columns', () => {
    const wb = workbook({ locale: 'fr_CA', setup: false });
    const sheet = wb.spreadsheet.getSheets()[0]!;
    sheet.setName('Clients');
    sheet.getRange(1, 1, 1, 4).setValues([['Notes internes', 'Nom', 'Ville', 'Code client']]);
    sheet.getRange(2, 1, 1, 4).setValues([['à ne pas toucher', 'Ancien client', 'Québec', 'X-9']]);
    wb.run('setupWorkbook');
    ok(save(wb, fullRecord('C0001'), true));
    const rows = wb.rows('Clients');
    expect(rows[0]).toMatchObject({
      'Notes internes': 'à ne pas toucher',
      Nom: 'Ancien client',
      'Code client': 'X-9',
    });
    expect(rows[1]).toMatchObject({
      'Notes internes': '',
      Nom: 'Boulangerie Alida',
      Ville: 'Montréal',
      'Code client': 'C0001',
    });
    const open = wb.run('formOpen', { code: 'X-9' });
    expect(open.record?.general).toMatchObject({ name: 'Ancien client', city: 'Québec' });
  });

  it('opens on the client of the selected row, in Clients or in Invoices', () => {
    const wb = workbook({ locale: 'fr_CA' });
    ok(save(wb, fullRecord('C0001'), true));
    ok(save(wb, fullRecord('C0002'), true));
    wb.emu.spreadsheet.setActiveRange('Clients', 'C3');
    expect(wb.run('formOpen', {}).record?.general.code).toBe('C0002');
    wb.append('Factures', [
      { 'No de facture': 'F-1', Date: '2026-10-01', 'Code client': 'C0001', Montant: 100 },
    ]);
    wb.emu.spreadsheet.setActiveRange('Factures', 'A2');
    expect(wb.run('formOpen', {}).record?.general.code).toBe('C0001');
    wb.emu.spreadsheet.setActiveRange('Clients', 'A1');
    expect(wb.run('formOpen', {}).record).toBeNull();
    expect(wb.run('formOpen', {}).nextCode).toBe('C0003');
  });
});

describe('client form budget', () => {
  function sized(n: number): TestWorkbook {
    const wb = workbook({ locale: 'fr_CA' });
    const clients = Array.from({ length: n }, (_, i) => ({
      'Code client': `C${String(i + 1).padStart(5, '0')}`,
      Nom: `Client ${i + 1}`,
    }));
    wb.append('Clients', clients);
    wb.append(
      'Commissions',
      clients.map((c) => ({
        'Code client': c['Code client'],
        Vendeur: 'Marc',
        'Type de commission': 'Ventes',
        'Taux (%)': 5,
      })),
    );
    return wb;
  }

  // One client's rows are read in at most 16 blocks per sheet (src/server/workbook/sheets.ts rowBlocks),
  // split only where a gap holds more cells than a call costs: in a bigger sheet the same
  // client may take a few more blocks, never more than that bound.
  it('open and save make the same calls with 10 and 2,000 clients, but for a few more row blocks', () => {
    const counts = [10, 2000].map((n) => {
      const wb = sized(n);
      const open = wb.measure(() => wb.run('formOpen', { code: 'C00005' }));
      const record = open.result.record!;
      const loaded = structuredClone(record);
      record.general.city = 'Sherbrooke';
      record.salespeople.push({
        salesperson: 'Sophie',
        commissionType: 'payments',
        ratePct: 2,
        productType: '',
      });
      const saveCalls = wb.measure(() => ok(save(wb, record, false, undefined, loaded)));
      return { open: open.calls, save: saveCalls.calls };
    });
    const [small, large] = counts as [(typeof counts)[0], (typeof counts)[0]];
    for (const op of ['open', 'save'] as const) {
      const { 'Sheet.getSheetValues': blocksLarge = 0, ...restLarge } = large[op];
      const { 'Sheet.getSheetValues': blocksSmall = 0, ...restSmall } = small[op];
      expect(restLarge).toEqual(restSmall);
      expect(blocksLarge).toBeGreaterThanOrEqual(blocksSmall);
      // four client sheets, fifteen more blocks each at most
      expect(blocksLarge).toBeLessThanOrEqual(blocksSmall + 4 * 15);
    }
  });
});
