/**
 * The Mailchimp sync and the CSV export through the built bundle on the emulator, against a
 * fake Mailchimp API plugged into UrlFetchApp (newsletterFake.ts). Run `npm run build` first.
 */
import type {} from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import { API_KEY, AUDIENCE, FakeMailchimp, md5 } from './newsletterFake';
import { workbook, type TestWorkbook } from './harness';

type Row = Record<string, unknown>;

function client(code: string, over: Row = {}): Row {
  return {
    'Code client': code,
    Nom: `Client ${code}`,
    Type: 'Particulier',
    Courriel: `${code.toLowerCase()}@example.com`,
    Langue: 'fr',
    Infolettre: true,
    'Type de consentement': 'Exprès',
    'Date du consentement': '2025-06-01',
    'Source du consentement': 'Formulaire signé',
    ...over,
  };
}

function configured(fake = new FakeMailchimp()): { wb: TestWorkbook; fake: FakeMailchimp } {
  const wb = workbook({ locale: 'fr_CA' });
  const saved = wb.run('newsletterSettingsSave', {
    apiKey: API_KEY,
    audienceId: AUDIENCE,
    followUpDigest: false,
  });
  expect(saved.ok).toBe(true);
  wb.emu.setUrlFetchHandler(fake.handler);
  return { wb, fake };
}

/** The HTML of the last modal dialog shown. */
function lastDialogHtml(wb: TestWorkbook): string {
  const dialogs = wb.emu.ui.events.filter((e) => e.kind === 'modalDialog');
  const last = dialogs.at(-1);
  return last && 'html' in last ? last.html : '';
}

/** The text of the last alert (the sync's summary). */
function lastAlert(wb: TestWorkbook): string {
  return wb.emu.ui.ofKind('alert').at(-1)?.prompt ?? '';
}

function syncColumn(wb: TestWorkbook): Record<string, string> {
  return Object.fromEntries(
    wb.rows('Clients').map((r) => [String(r['Code client']), String(r['Synchro Mailchimp'] ?? '')]),
  );
}

describe('Mailchimp settings', () => {
  it('keeps the key in document properties and shows only its first and last 4 hex digits', () => {
    const { wb } = configured();
    const view = wb.run('newsletterSettingsLoad');
    // Not the data-centre suffix ("…us21"), which every key of the account shares (decision 018).
    expect(view).toEqual({ keyHint: '0123…cdef', audienceId: AUDIENCE, followUpDigest: false });
    expect(JSON.stringify(view)).not.toContain(API_KEY.slice(0, 10));
    // Never in a cell.
    for (const sheet of wb.spreadsheet.getSheets())
      expect(JSON.stringify(sheet.getDataRange().getValues())).not.toContain(API_KEY.slice(0, 10));
    // A blank key keeps the stored one; the audience may change.
    const again = wb.run('newsletterSettingsSave', {
      apiKey: '',
      audienceId: 'zz9',
      followUpDigest: true,
    });
    expect(again).toMatchObject({ ok: false }); // too short an audience id
    const changed = wb.run('newsletterSettingsSave', {
      apiKey: '',
      audienceId: 'ffff0000',
      followUpDigest: true,
    });
    expect(changed).toEqual({
      ok: true,
      view: { keyHint: '0123…cdef', audienceId: 'ffff0000', followUpDigest: true },
    });
  });

  it('Remove key deletes the key and the audience; the sync is then off', () => {
    const { wb } = configured();
    wb.append('Clients', [client('C1')]);
    const removed = wb.run('newsletterSettingsSave', { removeKey: true, followUpDigest: true });
    expect(removed).toEqual({
      ok: true,
      view: { keyHint: '', audienceId: '', followUpDigest: true },
    });
    expect(JSON.stringify(wb.emu.properties.toJSON())).not.toContain(API_KEY.slice(0, 32));
    wb.run('syncMailchimp');
    expect(lastAlert(wb)).toMatch(/Mailchimp n’est pas configuré|not set up/);
    expect(wb.emu.urlFetches).toEqual([]);
  });

  it('the dialog offers Remove key and says that editors can read the key', () => {
    const { wb } = configured();
    wb.run('showNewsletterSettings');
    const html = lastDialogHtml(wb);
    expect(html).toContain('>Retirer la clé</button>');
    expect(html).toContain('removeKey:true');
    expect(html).toContain(
      'Tous les éditeurs de ce classeur peuvent lire cette clé (Extensions › Apps Script).',
    );
    expect(html).toContain('au rôle le plus restreint');
    expect(html).not.toContain(API_KEY.slice(0, 32));
  });

  it.each([42, 'abc', [], null, true, { apiKey: 42 }, { removeKey: 'yes' }])(
    'refuses %j with a message, storing nothing',
    (input) => {
      const { wb } = configured();
      const before = JSON.stringify(wb.emu.properties.toJSON());
      const r = wb.runUntyped('newsletterSettingsSave', input);
      expect(r).toEqual({ ok: false, message: 'Requête invalide : rien n’a été enregistré.' });
      expect(JSON.stringify(wb.emu.properties.toJSON())).toBe(before);
    },
  );

  it('refuses a key without a data center, in the workbook language', () => {
    const wb = workbook({ locale: 'en_US' });
    const r = wb.run('newsletterSettingsSave', {
      apiKey: 'not-a-key',
      audienceId: AUDIENCE,
    });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/Invalid API key/) });
    expect(wb.run('newsletterSettingsLoad')).toMatchObject({
      keyHint: '',
    });
  });
});

describe('Mailchimp sync', () => {
  it('upserts opted-in clients with the documented request shapes, then their tags', () => {
    const { wb, fake } = configured();
    wb.append('Clients', [
      client('C1', {
        Nom: 'Anne Lavoie',
        Courriel: 'Anne.Lavoie@Example.com',
        Étiquettes: 'Bon client',
      }),
      client('C2', {
        Nom: 'Ferme Bellevue',
        Type: 'Entreprise',
        Contact: 'Luc Martin',
        Langue: 'en',
      }),
      client('C3', { Infolettre: false }),
    ]);
    wb.run('syncMailchimp');

    const hash = md5('anne.lavoie@example.com');
    const [put, ...rest] = wb.emu.urlFetches;
    expect(put).toEqual({
      url: `https://us21.api.mailchimp.com/3.0/lists/${AUDIENCE}/members/${hash}`,
      method: 'PUT',
      headers: { Authorization: `Basic ${Buffer.from(`anystring:${API_KEY}`).toString('base64')}` },
      contentType: 'application/json',
      payload: JSON.stringify({
        email_address: 'Anne.Lavoie@Example.com',
        status_if_new: 'subscribed',
        merge_fields: { FNAME: 'Anne', LNAME: 'Lavoie' },
        language: 'fr',
      }),
    });
    expect(JSON.parse(rest[0]!.payload!)).toMatchObject({
      merge_fields: { FNAME: 'Luc', LNAME: 'Martin' },
      language: 'en',
    });
    const tags = wb.emu.urlFetches.filter((r) => r.url.endsWith('/tags'));
    expect(tags.map((r) => [r.method, r.url.split('/members/')[1]])).toEqual([
      ['POST', `${hash}/tags`],
      ['POST', `${md5('c2@example.com')}/tags`],
    ]);
    expect(JSON.parse(tags[0]!.payload!)).toEqual({
      tags: [
        { name: 'Bon client', status: 'active' },
        { name: 'Nouveau client', status: 'inactive' },
        { name: 'Volume 3', status: 'inactive' },
      ],
    });
    expect(fake.members.get(hash)).toMatchObject({ status: 'subscribed' });
    expect(fake.members.get(hash)!.tags.get('Bon client')).toBe(true);
    expect(fake.members.size).toBe(2);
    expect(lastAlert(wb)).toMatch(
      /^Mailchimp : 2 abonnés ou mis à jour, 0 désabonnés, 0 inchangés\./,
    );

    const states = syncColumn(wb);
    expect(states.C1).toMatch(new RegExp(`^subscribed 2026-11-15 ${hash} [0-9a-f]{8}$`));
    expect(states.C3).toBe('');
  });

  it('sends nothing for unchanged clients, unsubscribes a removed opt-in, follows an address change', () => {
    const { wb, fake } = configured();
    wb.append('Clients', [client('C1'), client('C2'), client('C3')]);
    wb.run('syncMailchimp');
    const first = wb.emu.urlFetches.length;
    expect(first).toBe(6);

    wb.run('syncMailchimp');
    expect(wb.emu.urlFetches.length).toBe(first);
    expect(lastAlert(wb)).toMatch(/0 abonnés ou mis à jour, 0 désabonnés, 3 inchangés/);

    wb.setCell('Clients', 2, 'Infolettre', false);
    wb.setCell('Clients', 3, 'Courriel', 'nouvelle@example.com');
    wb.run('syncMailchimp');
    const sent = wb.emu.urlFetches.slice(first);
    expect(sent.map((r) => [r.method, r.url.split('/members/')[1]])).toEqual([
      ['PATCH', md5('c1@example.com')],
      ['PUT', md5('nouvelle@example.com')],
      ['PATCH', md5('c2@example.com')],
      ['POST', `${md5('nouvelle@example.com')}/tags`],
    ]);
    expect(JSON.parse(sent[0]!.payload!)).toEqual({ status: 'unsubscribed' });
    expect(fake.members.get(md5('c1@example.com'))!.status).toBe('unsubscribed');
    expect(fake.members.get(md5('c2@example.com'))!.status).toBe('unsubscribed');
    expect(fake.members.get(md5('nouvelle@example.com'))!.status).toBe('subscribed');
    expect(syncColumn(wb).C1).toMatch(/^unsubscribed 2026-11-15 [0-9a-f]{32} -$/);
    expect(lastAlert(wb)).toMatch(/1 abonnés ou mis à jour, 1 désabonnés, 1 inchangés/);
  });

  it('resubscribes a client it unsubscribed once the box is ticked again, never one who left by themselves', () => {
    const { wb, fake } = configured();
    wb.append('Clients', [client('C1'), client('C2')]);
    wb.run('syncMailchimp');
    wb.setCell('Clients', 2, 'Infolettre', false);
    wb.run('syncMailchimp');
    expect(fake.members.get(md5('c1@example.com'))!.status).toBe('unsubscribed');
    // C2 unsubscribes through Mailchimp's own link; the team edits C2's name.
    fake.members.get(md5('c2@example.com'))!.status = 'unsubscribed';
    wb.setCell('Clients', 3, 'Nom', 'Client deux');
    wb.setCell('Clients', 2, 'Infolettre', true);
    const before = wb.emu.urlFetches.length;
    wb.run('syncMailchimp');
    const puts = wb.emu.urlFetches.slice(before).filter((r) => r.method === 'PUT');
    const bodies = Object.fromEntries(
      puts.map((r) => [
        r.url.split('/members/')[1],
        JSON.parse(r.payload!) as Record<string, unknown>,
      ]),
    );
    expect(bodies[md5('c1@example.com')]).toMatchObject({ status: 'subscribed' });
    expect(bodies[md5('c2@example.com')]).not.toHaveProperty('status');
    // The fake applies status only when given, as Mailchimp does.
    expect(fake.members.get(md5('c1@example.com'))!.status).toBe('subscribed');
    expect(fake.members.get(md5('c2@example.com'))!.status).toBe('unsubscribed');
    expect(lastAlert(wb)).toContain('Infolettre cochée, mais pas abonnés dans Mailchimp :');
    expect(lastAlert(wb)).toContain('• C2 Client deux : désabonné dans Mailchimp (son choix)');
  });

  it('reports clients ticked without a valid consent or address, and Mailchimp errors, per client', () => {
    const { wb, fake } = configured();
    wb.append('Clients', [
      client('C1'),
      client('C2', { 'Type de consentement': 'Tacite', 'Date du consentement': '2024-11-14' }),
      client('C3', { 'Type de consentement': '', 'Date du consentement': '' }),
      client('C4', { Courriel: 'luc@' }),
      client('C5', { Courriel: 'fake@example.com' }),
      client('C6', { 'Type de consentement': 'Tacite', 'Date du consentement': '2024-11-15' }),
    ]);
    wb.run('syncMailchimp');
    const text = lastAlert(wb);
    expect(text).toContain('Infolettre cochée mais non abonnés :');
    expect(text).toContain('• C2 Client C2 : consentement tacite échu le 2026-11-14');
    expect(text).toContain('• C3 Client C3 : type ou date de consentement manquant (LCAP)');
    expect(text).toContain('• C4 Client C4 : courriel invalide « luc@ »');
    expect(text).toContain('Échecs (réessayés à la prochaine synchro) :');
    expect(text).toContain(
      '• C5 Client C5 <fake@example.com> : adresse ou données refusées par Mailchimp (adresse fausse ou invalide ?)',
    );
    // Implied consent given exactly two years ago still holds today.
    expect(fake.members.has(md5('c6@example.com'))).toBe(true);
    expect(fake.members.has(md5('c2@example.com'))).toBe(false);
    const states = syncColumn(wb);
    expect(states.C5).toBe(''); // failed: tried again next time
    expect(states.C1).toMatch(/^subscribed/);
    // The failed client is the only one sent again.
    const before = wb.emu.urlFetches.length;
    wb.run('syncMailchimp');
    expect(wb.emu.urlFetches.slice(before).map((r) => r.url.split('/members/')[1])).toEqual([
      md5('fake@example.com'),
    ]);
  });

  it('an implied consent that expires unsubscribes a client synced before', () => {
    const { wb, fake } = configured();
    wb.append('Clients', [
      client('C1', { 'Type de consentement': 'Tacite', 'Date du consentement': '2024-11-20' }),
    ]);
    wb.run('syncMailchimp');
    expect(fake.members.get(md5('c1@example.com'))!.status).toBe('subscribed');
    wb.emu.clock.advance(10 * 86_400_000);
    wb.run('syncMailchimp');
    expect(fake.members.get(md5('c1@example.com'))!.status).toBe('unsubscribed');
    expect(lastAlert(wb)).toContain('consentement tacite échu le 2026-11-20');
  });

  it('retries 429 with backoff, a bounded number of times', () => {
    const fake = new FakeMailchimp();
    const { wb } = configured(fake);
    wb.append('Clients', [client('C1'), client('C2')]);
    fake.throttle.set(md5('c1@example.com'), 2);
    fake.throttle.set(md5('c2@example.com'), 100);
    const start = wb.emu.clock.now().getTime();
    const { calls } = wb.measure(() => wb.run('syncMailchimp'));
    // C1: 2 × 429 then OK; C2: first try + 3 retries, then reported.
    const puts = wb.emu.urlFetches.filter((r) => r.method === 'PUT');
    expect(puts.filter((r) => r.url.endsWith(md5('c1@example.com')))).toHaveLength(3);
    expect(puts.filter((r) => r.url.endsWith(md5('c2@example.com')))).toHaveLength(4);
    expect(calls['Utilities.sleep']).toBe(3);
    expect(wb.emu.clock.now().getTime() - start).toBeGreaterThanOrEqual(1000 + 2000 + 4000);
    expect(lastAlert(wb)).toContain(
      '• C2 Client C2 <c2@example.com> : Mailchimp reçoit trop de demandes (HTTP 429) : relancez la synchronisation plus tard',
    );
    expect(syncColumn(wb).C1).toMatch(/^subscribed/);
  });

  it('sends members in batches of 10 through fetchAll: calls do not grow per client', () => {
    const { wb } = configured();
    wb.append(
      'Clients',
      Array.from({ length: 25 }, (_, i) => client(`C${String(i + 1).padStart(2, '0')}`)),
    );
    const { calls } = wb.measure(() => wb.run('syncMailchimp'));
    expect(calls['UrlFetchApp.fetchAll']).toBe(3 + 3);
    expect(calls['UrlFetchApp.fetch'] ?? 0).toBe(0);
    expect(wb.emu.urlFetches).toHaveLength(50);
  });

  it('a sync with nothing changed makes the same service calls for 20 and 200 clients, and no request', () => {
    const measure = (n: number) => {
      const { wb } = configured();
      wb.append(
        'Clients',
        Array.from({ length: n }, (_, i) => client(`C${String(i + 1).padStart(3, '0')}`)),
      );
      wb.run('syncMailchimp');
      const sent = wb.emu.urlFetches.length;
      const m = wb.measure(() => wb.run('syncMailchimp'));
      expect(wb.emu.urlFetches.length).toBe(sent);
      return m.calls;
    };
    expect(measure(200)).toEqual(measure(20));
  });

  it('a network failure is reported and leaves the workbook as it was', () => {
    const { wb } = configured();
    wb.append('Clients', [client('C1')]);
    wb.emu.setUrlFetchHandler(() => {
      throw new Error('DNS error: us21.api.mailchimp.com');
    });
    const before = wb.emu.spreadsheet.values('Clients');
    wb.run('syncMailchimp');
    expect(lastAlert(wb)).toContain('• C1 Client C1 <c1@example.com> :');
    expect(wb.emu.spreadsheet.values('Clients')).toEqual(before);
  });

  it('a batch that fails lists each client with their own member and a short reason in the workbook’s language (decision 022)', () => {
    const { wb } = configured();
    const codes = Array.from({ length: 12 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`);
    wb.append(
      'Clients',
      codes.map((code) => client(code)),
    );
    // As Apps Script says it: fetchAll throws, naming one URL of the batch (the first member's).
    wb.emu.setUrlFetchHandler((req) => {
      throw new Error(`Exception: Address unavailable: ${req.url}`);
    });
    wb.run('syncMailchimp');
    const text = lastAlert(wb);
    for (const code of codes)
      expect(text).toContain(
        `• ${code} Client ${code} <${code.toLowerCase()}@example.com> : Mailchimp injoignable (réseau ou service indisponible) : relancez la synchronisation plus tard`,
      );
    expect(text).not.toMatch(/https?:|Exception|Address unavailable/);
    // Every address appears once: no client shows another's member.
    for (const code of codes)
      expect(text.split(`${code.toLowerCase()}@example.com`)).toHaveLength(2);
  });

  it('Mailchimp’s refusals read as what to do, in English in an English workbook', () => {
    const wb = workbook({ locale: 'en_US' });
    const fake = new FakeMailchimp();
    wb.emu.setUrlFetchHandler(fake.handler);
    wb.run('newsletterSettingsSave', { apiKey: API_KEY, audienceId: AUDIENCE });
    wb.append('Clients', [
      {
        'Client code': 'E1',
        Name: 'Eve',
        Email: 'fake@example.com',
        Newsletter: true,
        'Consent type': 'Express',
        'Consent date': '2026-01-01',
        'Consent source': 'form',
      },
    ]);
    wb.run('syncMailchimp');
    expect(lastAlert(wb)).toContain(
      '• E1 Eve <fake@example.com>: address or data refused by Mailchimp (a fake or invalid address?)',
    );
  });

  it('without a key, says where to set it and sends nothing', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.append('Clients', [{ 'Client code': 'C1', Name: 'A', Newsletter: true }]);
    wb.run('syncMailchimp');
    expect(lastAlert(wb)).toMatch(/Mailchimp is not set up/);
    expect(wb.emu.urlFetches).toEqual([]);
  });
});

describe('audience CSV export', () => {
  /** The data embedded in the last dialog (the download page). */
  function dialogData(wb: TestWorkbook): { content: string; filename: string; intro: string } {
    const html = lastDialogHtml(wb);
    const m = /var d=(\{.*?\});\n/s.exec(html);
    return JSON.parse(m![1]!) as { content: string; filename: string; intro: string };
  }

  it('lists the opted-in audience in Mailchimp’s import format, quoted per RFC 4180', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.append('Clients', [
      client('C1', { Nom: 'Lavoie, Anne', Étiquettes: 'Bon client, Volume 3' }),
      client('C2', {
        Nom: 'Les "Jardins" <img src=x onerror=alert(1)>',
        Type: 'Entreprise',
        Contact: 'Luc',
        Langue: 'en',
      }),
      client('C3', { Infolettre: false }),
      client('C4', { 'Type de consentement': 'Tacite', 'Date du consentement': '2020-01-01' }),
    ]);
    wb.run('showAudienceExport');
    const html = lastDialogHtml(wb);
    expect(html).not.toContain('<img');
    const d = dialogData(wb);
    expect(d.filename).toBe('mailchimp-2026-11-15.csv');
    expect(d.intro).toContain('2 clients abonnables');
    expect(d.content.split('\r\n')).toEqual([
      'Email Address,First Name,Last Name,Company,Language,Tags',
      'c1@example.com,Anne,Lavoie,,fr,"Bon client,Volume 3"',
      'c2@example.com,Luc,,"Les ""Jardins"" <img src=x onerror=alert(1)>",en,',
      '',
    ]);
    expect(wb.emu.urlFetches).toEqual([]);
  });
});

describe('consent record through the form', () => {
  it('saves consent and next follow-up into their Clients columns and reads them back', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const open = wb.run('formOpen', {});
    const record = emptyClientRecord(open.nextCode);
    record.general.name = 'Ferme Bellevue';
    record.general.email = 'anne@bellevue.qc.ca';
    record.crm = {
      ...record.crm,
      newsletter: true,
      consentType: 'implied',
      consentDate: '2025-04-02',
      consentSource: 'Facture F-1001',
      nextFollowUp: '2026-12-01',
    };
    const saved = wb.run('formSave', { record, isNew: true });
    expect(saved.ok).toBe(true);
    expect(wb.rows('Clients')[0]).toMatchObject({
      Infolettre: true,
      'Type de consentement': 'Tacite',
      'Source du consentement': 'Facture F-1001',
    });
    const loaded = wb.run('formLoad', record.general.code);
    expect('record' in loaded && loaded.record.crm).toMatchObject({
      consentType: 'implied',
      consentDate: '2025-04-02',
      consentSource: 'Facture F-1001',
      nextFollowUp: '2026-12-01',
    });
  });

  it('the server refuses a ticked newsletter without a consent record', () => {
    const wb = workbook({ locale: 'en_US' });
    const record = emptyClientRecord('C1');
    record.general.name = 'A';
    record.crm.newsletter = true;
    const saved = wb.run('formSave', { record, isNew: true });
    expect(saved).toEqual({
      ok: false,
      kind: 'invalid',
      errors: [
        { path: 'crm.consentType', message: 'Newsletter ticked: give the consent type (CASL).' },
        { path: 'crm.consentDate', message: 'Newsletter ticked: give the consent date (CASL).' },
      ],
    });
    expect(wb.rows('Clients')).toEqual([]);
  });
});
