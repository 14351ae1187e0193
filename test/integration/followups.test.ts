/**
 * The daily follow-up digest through the built bundle: off by default, one e-mail per account
 * manager listing their due follow-ups, quota aware, addresses from Lists. Run `npm run build`.
 */
import { workbook, type TestWorkbook } from './harness';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append('Listes', [
    { 'Chargés de compte': 'Sophie Côté', 'Courriels des chargés de compte': 'sophie@x.ca' },
    { 'Chargés de compte': 'Luc Martin', 'Courriels des chargés de compte': 'luc@x.ca' },
    { 'Chargés de compte': 'Sans Courriel' },
  ]);
  wb.append('Clients', [
    {
      'Code client': 'C1',
      Nom: 'Ferme Bellevue',
      'Chargé de compte': 'Sophie Côté',
      'Prochain suivi': '2026-11-15',
      'Notes de suivi': 'Soumission\nsemences',
    },
    {
      'Code client': 'C2',
      Nom: 'Jardins Dupuis',
      'Chargé de compte': 'sophie côté',
      'Prochain suivi': '2026-11-01',
    },
    {
      'Code client': 'C3',
      Nom: 'Plus tard',
      'Chargé de compte': 'Luc Martin',
      'Prochain suivi': '2026-11-16',
    },
    {
      'Code client': 'C4',
      Nom: 'Orphelin',
      'Chargé de compte': 'Sans Courriel',
      'Prochain suivi': '2026-11-02',
    },
    { 'Code client': 'C5', Nom: 'Aucun suivi', 'Chargé de compte': 'Luc Martin' },
  ]);
  return wb;
}

function enableDigest(wb: TestWorkbook, on: boolean): void {
  const r = wb.run('newsletterSettingsSave', {
    apiKey: '',
    audienceId: '',
    followUpDigest: on,
  });
  expect(r.ok).toBe(true);
}

describe('follow-up digest', () => {
  it('is off by default', () => {
    const wb = seeded();
    wb.run('onKnowingDailyTrigger');
    expect(wb.emu.mails).toEqual([]);
  });

  it('sends each account manager their due follow-ups, oldest first', () => {
    const wb = seeded();
    enableDigest(wb, true);
    wb.run('onKnowingDailyTrigger');
    const mails = wb.emu.mails;
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      [['sophie@x.ca'], 'Fiche Client : 2 suivi(s) à faire'],
    ]);
    const body = String(mails[0]!.body);
    expect(body.indexOf('2026-11-01 — C2 Jardins Dupuis')).toBeGreaterThan(0);
    expect(body.indexOf('2026-11-15 — C1 Ferme Bellevue — Soumission semences')).toBeGreaterThan(
      body.indexOf('C2'),
    );
    expect(body).not.toContain('C3');
  });

  it('stops at the daily quota without failing the run', () => {
    const wb = seeded();
    enableDigest(wb, true);
    wb.setCell('Clients', 4, 'Prochain suivi', '2026-11-10');
    const quota = wb.emu.globals().MailApp as GoogleAppsScript.Mail.MailApp;
    // Use up the quota with other mail first.
    for (let left = quota.getRemainingDailyQuota(); left > 0; left--)
      quota.sendEmail('x@x.ca', 's', 'b');
    const before = wb.emu.mails.length;
    expect(() => wb.run('onKnowingDailyTrigger')).not.toThrow();
    expect(wb.emu.mails.length).toBe(before);
  });
});
