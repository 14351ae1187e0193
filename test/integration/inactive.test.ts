/**
 * Active and inactive clients (decision 021) through the built bundle: the Status column
 * (blank = active), set from the form; an inactive client keeps its rows and leaves the
 * type-ahead, the follow-up digest, the newsletter (unsubscribed, not deleted) and the watch
 * e-mails; making inactive a client with an open balance asks first. Run `npm run build`.
 */
import type { ClientRecord, FormOpenResult, SaveResult } from '../../src/shared/formApi';
import { API_KEY, AUDIENCE, FakeMailchimp, md5 } from './newsletterFake';
import { workbook, type TestWorkbook } from './harness';

function load(wb: TestWorkbook, code: string): ClientRecord {
  const r = wb.run('formLoad', code);
  if (!('record' in r)) throw new Error(r.error);
  return r.record;
}

/** Saves `code` with its Status set as the form does (the record as loaded sent along). */
function setStatus(
  wb: TestWorkbook,
  code: string,
  status: 'active' | 'inactive',
  confirmInactive?: boolean,
): SaveResult {
  const original = load(wb, code);
  const record = structuredClone(original);
  record.general.status = status;
  return wb.run('formSave', {
    record,
    isNew: false,
    original,
    ...(confirmInactive !== undefined && { confirmInactive }),
  });
}

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append('Listes', [
    { 'Chargés de compte': 'Sophie Côté', 'Courriels des chargés de compte': 'sophie@x.ca' },
  ]);
  wb.append('Clients', [
    { 'Code client': 'C1', Nom: 'Ferme Bellevue', 'Chargé de compte': 'Sophie Côté' },
    { 'Code client': 'C2', Nom: 'Ferme Dupuis', 'Chargé de compte': 'Sophie Côté' },
  ]);
  return wb;
}

describe('the Status column', () => {
  it('is in a new workbook, and setupWorkbook adds it to a workbook made before it', () => {
    const wb = seeded();
    expect(wb.header('Clients')).toContain('Statut');
    const sheet = wb.sheet('Clients');
    sheet.deleteColumn(wb.header('Clients').indexOf('Statut') + 1);
    expect(wb.header('Clients')).not.toContain('Statut');
    // Before Set up runs again, every client reads as active.
    const open = wb.run('formOpen', {}) as FormOpenResult;
    expect(open.clients.filter((c) => c.inactive)).toEqual([]);
    wb.run('setupWorkbook');
    expect(wb.header('Clients')).toContain('Statut');
    expect(wb.rows('Clients').map((r) => r['Code client'])).toEqual(['C1', 'C2']);
  });

  it('is set from the form, written in the workbook language, and read back', () => {
    const wb = seeded();
    expect(load(wb, 'C2').general.status).toBeUndefined(); // blank: active
    const saved = setStatus(wb, 'C2', 'inactive');
    expect(saved.ok).toBe(true);
    expect(wb.rows('Clients')[1]!['Statut']).toBe('Inactif');
    expect(load(wb, 'C2').general.status).toBe('inactive');
    // Typed by hand in either language.
    wb.setCell('Clients', 2, 'Statut', 'inactive');
    expect(load(wb, 'C1').general.status).toBe('inactive');
  });
});

describe('an inactive client', () => {
  it('is marked in the type-ahead list (the form leaves it out unless asked), rows kept', () => {
    const wb = seeded();
    wb.append('Factures', [
      {
        'No de facture': 'F1',
        Date: '2026-01-01',
        'Code client': 'C2',
        Montant: 100,
        'Payée le': '2026-01-05',
      },
    ]);
    expect(setStatus(wb, 'C2', 'inactive').ok).toBe(true);
    const open = wb.run('formOpen', {}) as FormOpenResult;
    expect(open.clients).toEqual([
      { code: 'C1', name: 'Ferme Bellevue' },
      { code: 'C2', name: 'Ferme Dupuis', inactive: true },
    ]);
    // The cached list (a second open) says the same.
    expect((wb.run('formOpen', {}) as FormOpenResult).clients).toEqual(open.clients);
    expect(wb.rows('Factures')).toHaveLength(1);
    // Typed back to active by hand: the cache forgets (the edit trigger), the list follows.
    wb.setCell('Clients', 3, 'Statut', 'Actif');
    wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'A3' } });
    const again = wb.run('formOpen', {}) as FormOpenResult;
    expect(again.clients.filter((c) => c.inactive)).toEqual([]);
  });

  it('with an open balance is made inactive only once confirmed, the balance said', () => {
    const wb = seeded();
    wb.append('Factures', [
      { 'No de facture': 'F1', Date: '2026-11-01', 'Code client': 'C1', Montant: 1234.5 },
    ]);
    // The balance is the one the refresh writes in Terms (Balance due).
    wb.append('Termes', [{ 'Code client': 'C1', 'Code crédit': 'NET30' }]);
    wb.run('refreshWatchList');
    const asked = setStatus(wb, 'C1', 'inactive');
    expect(asked).toMatchObject({ ok: false, kind: 'confirm', balance: 1234.5 });
    expect(asked.ok === false && 'message' in asked && asked.message).toMatch(
      /solde dû de 1[\s\u00a0\u202f]234,50[\s\u00a0]\$/,
    );
    expect(wb.rows('Clients')[0]!['Statut']).toBe('');
    const confirmed = setStatus(wb, 'C1', 'inactive', true);
    expect(confirmed.ok).toBe(true);
    expect(wb.rows('Clients')[0]!['Statut']).toBe('Inactif');
    // A client without a balance is not asked.
    expect(setStatus(wb, 'C2', 'inactive').ok).toBe(true);
  });

  it('is left out of the follow-up digest', () => {
    const wb = seeded();
    wb.setCell('Clients', 2, 'Prochain suivi', '2026-11-10');
    wb.setCell('Clients', 3, 'Prochain suivi', '2026-11-11');
    wb.setCell('Clients', 3, 'Statut', 'Inactif');
    expect(
      wb.run('newsletterSettingsSave', { apiKey: '', audienceId: '', followUpDigest: true }).ok,
    ).toBe(true);
    wb.run('onKnowingDailyTrigger');
    const body = wb.emu.mails.map((m) => String(m.body)).join('\n');
    expect(body).toContain('C1 Ferme Bellevue');
    expect(body).not.toContain('C2');
  });

  it('gets no watch e-mail, but is still flagged', () => {
    const wb = seeded();
    wb.setCell('Clients', 3, 'Statut', 'Inactif');
    wb.append('Termes', [
      { 'Code client': 'C1', 'Pourquoi sous surveillance': 'litige' },
      { 'Code client': 'C2', 'Pourquoi sous surveillance': 'litige' },
    ]);
    wb.run('refreshWatchList');
    expect(wb.rows('Clients').map((r) => r['Sous surveillance'])).toEqual([true, true]);
    expect(wb.emu.mails).toHaveLength(1);
    expect(String(wb.emu.mails[0]!.body)).toContain('C1 Ferme Bellevue');
    expect(String(wb.emu.mails[0]!.body)).not.toContain('C2');
  });

  it('is unsubscribed from the newsletter, not deleted, and comes back when active again', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const fake = new FakeMailchimp();
    expect(
      wb.run('newsletterSettingsSave', {
        apiKey: API_KEY,
        audienceId: AUDIENCE,
        followUpDigest: false,
      }).ok,
    ).toBe(true);
    wb.emu.setUrlFetchHandler(fake.handler);
    wb.append('Clients', [
      {
        'Code client': 'C1',
        Nom: 'Anne Roy',
        Type: 'Particulier',
        Courriel: 'anne@example.com',
        Infolettre: true,
        'Type de consentement': 'Exprès',
        'Date du consentement': '2025-06-01',
      },
    ]);
    wb.run('syncMailchimp');
    const hash = md5('anne@example.com');
    expect(fake.members.get(hash)!.status).toBe('subscribed');
    wb.setCell('Clients', 2, 'Statut', 'Inactif');
    wb.run('syncMailchimp');
    expect(fake.members.get(hash)!.status).toBe('unsubscribed');
    expect(
      wb.emu.urlFetches.some((r) => r.method === 'POST' && r.url.includes('delete-permanent')),
    ).toBe(false);
    // The opt-in stays ticked in the sheet: active again, subscribed again.
    expect(wb.rows('Clients')[0]!['Infolettre']).toBe(true);
    wb.setCell('Clients', 2, 'Statut', 'Actif');
    wb.run('syncMailchimp');
    expect(fake.members.get(hash)!.status).toBe('subscribed');
  });
});

describe('the fresh type-ahead list (formClients)', () => {
  function sized(n: number): TestWorkbook {
    const wb = workbook({ locale: 'fr_CA' });
    wb.append(
      'Clients',
      Array.from({ length: n }, (_, i) => ({
        'Code client': `C${String(i + 1).padStart(5, '0')}`,
        Nom: `Client ${i + 1}`,
        Statut: i === 3 ? 'Inactif' : '',
      })),
    );
    return wb;
  }

  it('names a client created since the form opened, inactive ones marked', () => {
    const wb = sized(5);
    wb.run('formOpen', {});
    wb.append('Clients', [{ 'Code client': 'N1', Nom: 'Nouveau' }]);
    // A row added where no trigger saw it: the cache still holds the list, until its entries
    // are forgotten (a form save of a new client, a watched hand edit, Set up).
    wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'A7' } });
    const { clients } = wb.run('formClients');
    expect(clients.at(-1)).toEqual({ code: 'N1', name: 'Nouveau' });
    expect(clients.filter((c) => c.inactive).map((c) => c.code)).toEqual(['C00004']);
  });

  it('makes the same service calls with 10 and 2,000 clients, cached or not', () => {
    const calls = [10, 2000].map((n) => {
      const wb = sized(n);
      const cold = wb.measure(() => wb.run('formClients')).calls;
      wb.run('formOpen', {}); // fills the document cache
      const warm = wb.measure(() => wb.run('formClients')).calls;
      return { cold, warm };
    });
    expect(calls[1]).toEqual(calls[0]);
  });
});
