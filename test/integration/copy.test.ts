/**
 * Copy-safe state (decision 011), through the built bundle: a copy of a set-up workbook (File ›
 * Make a copy: a new spreadsheet id, the script copied, no triggers, and the document properties
 * copied or not: Google does not say, both are emulated), opened and set up by another person,
 * shows nothing of the original's owner, Mailchimp key, job history or cache, installs that
 * person's triggers without asking about the original's owner, and keeps the settings (saying
 * so). The original is untouched.
 */
import type { Emulator } from '../../emulator';
import { TestWorkbook, workbook } from './harness';
import { API_KEY, AUDIENCE } from './newsletterFake';

const OWNER = 'owner@example.com';
const BOB = 'bob@example.com';

/** The original: set up by its owner, with data, settings, a Mailchimp key and a warm cache. */
function original(): TestWorkbook {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  wb.addRecords('en', 'clients', [
    { code: 'C1', name: 'Alpha' },
    { code: 'C2', name: 'Beta' },
  ]);
  const settings = wb.run('settingsLoad');
  expect(wb.run('settingsSave', { ...settings, graceDays: 12 })).toEqual({ ok: true });
  expect(
    wb.run('newsletterSettingsSave', {
      apiKey: API_KEY,
      audienceId: AUDIENCE,
      followUpDigest: true,
    }),
  ).toMatchObject({ ok: true });
  // A day of scheduled work: the jobs have a history.
  wb.emu.advanceTo('2026-11-16T08:00:00-05:00');
  // The form's document cache holds the clients' names.
  expect(wb.run('formOpen', {}).clients.map((c) => c.name)).toEqual(['Alpha', 'Beta']);
  return wb;
}

function copyOf(wb: TestWorkbook, documentProperties: 'copy' | 'drop' = 'copy'): TestWorkbook {
  return new TestWorkbook(wb.emu.copySpreadsheet({ user: BOB, documentProperties }));
}

const owners = (emu: Emulator) => [...new Set(emu.triggers.triggers.map((t) => t.owner))];

describe('a copy opened and set up by another person (document properties copied)', () => {
  it('before Set up: the menu starts with Set up, Settings says it is a copy and what it left behind', () => {
    const wb = original();
    const copy = copyOf(wb);
    expect(copy.emu.triggers.triggers).toEqual([]);
    expect(copy.emu.fireOpen(BOB).map((o) => o.error)).toEqual([undefined]);
    expect(copy.emu.ui.menuItems()[0]).toEqual({
      path: 'Fiche Client > Set up workbook',
      functionName: 'setupWorkbook',
    });
    // A copy of a set-up workbook is no new workbook: no Welcome sheet is added.
    expect(copy.spreadsheet.getSheetByName('Bienvenue / Welcome')).toBeNull();
    const status = copy.run('triggerStatusLoad');
    expect(status.owner).toBe('');
    expect(status.owner).not.toContain(OWNER);
    expect(status.jobs).toEqual([]);
    expect(status.notices).toEqual([
      'This workbook is a copy of another one and is not set up yet: run Fiche Client › Set up workbook.',
      'The original’s settings are kept (language, grace days, term, e-mails, months kept): check them and save.',
      'The original’s Mailchimp key was left behind: enter it again in Fiche Client › Mailchimp and follow-ups…',
      'The original’s triggers are not copied: Set up workbook installs yours.',
    ]);
    expect(JSON.stringify(status)).not.toContain(OWNER);
    // The key is not the copy's: not shown, not used.
    expect(copy.run('newsletterSettingsLoad')).toMatchObject({ keyHint: '', audienceId: '' });
    copy.run('syncMailchimp');
    expect(copy.emu.urlFetches).toEqual([]);
    // Settings are kept.
    expect(copy.run('settingsLoad').graceDays).toBe(12);
  });

  it('Set up installs the new person’s triggers without asking about the original’s owner', () => {
    const wb = original();
    const copy = copyOf(wb);
    copy.run('setupWorkbook');
    expect(copy.emu.ui.ofKind('alert')).toEqual([]); // no take-over question
    expect(owners(copy.emu)).toEqual([BOB]);
    expect(copy.emu.triggers.triggers.map((t) => t.handler).sort()).toEqual([
      'onChangeTrigger',
      'onEditTrigger',
      'onHourlyTrigger',
    ]);
    const status = copy.run('triggerStatusLoad');
    expect(status.owner).toBe(`The triggers run as ${BOB} since 2026-11-16 08:00.`);
    expect(status.problem).toBeNull();
    // The original's job history is not the copy's: the jobs start from their next due time.
    expect(status.jobs.map((j) => j.split(': ')[1])).toEqual([
      'not done yet; next on 2026-12-01 around 05:00',
      'not done yet; next on 2026-11-17 around 06:00',
      'not done yet; next on 2026-11-17 around 07:00',
    ]);
    expect(status.notices).toEqual([
      'This workbook was copied from another one (set up here on 2026-11-16).',
      'The original’s settings are kept (language, grace days, term, e-mails, months kept): check them and save.',
      'The original’s Mailchimp key was left behind: enter it again in Fiche Client › Mailchimp and follow-ups…',
    ]);
    expect(JSON.stringify(status)).not.toContain(OWNER);
    expect(copy.run('newsletterSettingsLoad').keyHint).toBe('');
    // The original's key is gone from the copy's properties, not just hidden.
    expect(JSON.stringify(copy.emu.properties.document.toJSON())).not.toContain(API_KEY);
    // A new key and the settings saved: the notices go.
    copy.run('newsletterSettingsSave', {
      apiKey: 'fedcba9876543210fedcba9876543210-us5',
      audienceId: 'zz99',
      followUpDigest: false,
    });
    // The hint: the key's first and last four hex digits (decision 018), not its data centre.
    expect(copy.run('newsletterSettingsLoad').keyHint).toBe('fedc…3210');
    copy.run('settingsSave', copy.run('settingsLoad'));
    expect(copy.run('triggerStatusLoad').notices).toEqual([]);
    // The menu is the set-up one.
    copy.emu.fireOpen(BOB);
    expect(copy.emu.ui.menuItems()[0]!.functionName).toBe('showClientForm');
  });

  it('the scheduled work runs in the copy as the new person, and the original is untouched', () => {
    const wb = original();
    const copy = copyOf(wb);
    copy.run('setupWorkbook');
    copy.addRecords('en', 'terms', [{ clientCode: 'C1', watchReason: 'dispute' }]);
    copy.emu.advanceTo('2026-11-17T08:00:00-05:00');
    expect(copy.emu.triggerFailures).toEqual([]);
    expect(copy.rows('Clients').map((r) => r['Under watch'])).toEqual([true, false]);
    // The original: same owner, same key, its own triggers.
    expect(owners(wb.emu)).toEqual([OWNER]);
    expect(wb.run('triggerStatusLoad').owner).toContain(OWNER);
    expect(wb.run('newsletterSettingsLoad').keyHint).toBe(
      `${API_KEY.slice(0, 4)}…${API_KEY.slice(28, 32)}`,
    );
    expect(wb.run('triggerStatusLoad').notices).toEqual([]);
  });

  it('nothing of the original’s cache shows: a name changed in the copy by a script (no trigger) is seen', () => {
    const wb = original();
    const copy = copyOf(wb);
    copy.run('setupWorkbook');
    copy.sheet('Clients').getRange('B2').setValue('Alpha (copy)');
    expect(copy.run('formOpen', {}).clients.map((c) => c.name)).toEqual(['Alpha (copy)', 'Beta']);
    // The original's cache still says what the original holds.
    expect(wb.run('formOpen', {}).clients.map((c) => c.name)).toEqual(['Alpha', 'Beta']);
  });

  it('the owner copying their own workbook is asked nothing either, and the copy gets its own triggers', () => {
    const wb = original();
    const copy = new TestWorkbook(wb.emu.copySpreadsheet());
    expect(copy.run('triggerStatusLoad').notices[0]).toContain('is a copy of another one');
    copy.run('setupWorkbook');
    expect(copy.emu.ui.ofKind('alert')).toEqual([]);
    expect(owners(copy.emu)).toEqual([OWNER]);
    expect(copy.emu.triggers.triggers).toHaveLength(3);
    expect(wb.emu.triggers.triggers).toHaveLength(3);
  });
});

describe('a copy without the document properties (the other world)', () => {
  it('is a new workbook: Set up first, the new person’s triggers, nothing of the original', () => {
    const wb = original();
    const copy = copyOf(wb, 'drop');
    copy.emu.fireOpen(BOB);
    expect(copy.emu.ui.menuItems()[0]!.functionName).toBe('setupWorkbook');
    copy.run('setupWorkbook');
    expect(copy.emu.ui.ofKind('alert')).toEqual([]);
    expect(owners(copy.emu)).toEqual([BOB]);
    expect(copy.run('newsletterSettingsLoad').keyHint).toBe('');
    expect(JSON.stringify(copy.run('triggerStatusLoad'))).not.toContain(OWNER);
    // Nothing says "kept": there was nothing to keep (the defaults apply).
    expect(copy.run('settingsLoad').graceDays).not.toBe(12);
  });
});
