/**
 * Decision 017, "Runs report to people", through the built bundle: every trigger run records
 * its outcome; a run that leaves work undone (statements or notices kept, a busy workbook) says so in Settings and, at the next onOpen, in a toast for each person
 * opening (once per person for each new state), in the workbook's language.
 */
import { createEmulator } from '../../emulator';
import { TestWorkbook } from './harness';

const TZ = 'America/Toronto';
/** Set up the evening before the monthly run (day 1, 05:00) computes November. */
const NOV_30 = '2026-11-30T18:00:00-05:00';

function setUp(
  locale: 'en_US' | 'fr_CA' = 'en_US',
  now = '2026-11-15T12:00:00-05:00',
  mailQuota?: number,
): TestWorkbook {
  const emu = createEmulator({ locale, timeZone: TZ, now, mailQuota });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  return wb;
}

/**
 * November's invoices for two salespeople whose statements are on, with a mail quota of one
 * recipient: the monthly run sends one statement and keeps the other, work it leaves undone.
 */
function statementsOverQuota(wb: TestWorkbook, lang: 'en' | 'fr'): void {
  const current = wb.run('settingsLoad');
  expect(wb.run('settingsSave', { ...current, sendStatements: true })).toEqual({ ok: true });
  wb.addRecords(lang, 'lists', [
    { salespeople: 'Alice', salespersonEmails: 'alice@example.com' },
    { salespeople: 'Bob', salespersonEmails: 'bob@example.com' },
  ]);
  wb.addRecords(lang, 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords(lang, 'commissions', [
    { clientCode: 'A', salesperson: 'Alice', commissionType: 'sales', ratePct: 10 },
    { clientCode: 'A', salesperson: 'Bob', commissionType: 'sales', ratePct: 5 },
  ]);
  wb.addRecords(lang, 'invoices', [
    { number: '1', date: '2026-11-10', clientCode: 'A', amount: 100 },
  ]);
}

function toasts(wb: TestWorkbook): string[] {
  return wb.emu.toasts.map((t) => t.message);
}

describe('a run that leaves work undone says so', () => {
  test('statements kept for lack of quota: recorded as undone, listed in Settings, a toast at the next onOpen, once per person', () => {
    const wb = setUp('en_US', NOV_30, 1);
    statementsOverQuota(wb, 'en');
    wb.emu.advanceTo('2026-12-01T05:30:00-05:00');
    expect(wb.emu.triggerFailures).toEqual([]);
    expect(wb.emu.mails).toHaveLength(1);
    const jobs = JSON.parse(wb.emu.properties.document.toJSON()['ficheClient.jobs']!);
    expect(jobs.commissions.done).toBe('2026-11');
    expect(jobs.commissions.outcome).toMatchObject({ ok: true, undone: true });
    expect(jobs.commissions.outcome.message).toContain('1 statement not sent');

    const status = wb.run('triggerStatusLoad');
    expect(status.jobs.find((l) => l.startsWith('Commissions'))).toContain('left work undone');
    expect(status.notices[0]).toContain('work not done');
    expect(status.notices[0]).toContain('1 statement not sent');

    const before = toasts(wb).length;
    wb.run('onOpen');
    expect(toasts(wb).slice(before)).toEqual([expect.stringContaining('1 statement not sent')]);
    wb.run('onOpen'); // the same person again: told once
    expect(toasts(wb)).toHaveLength(before + 1);
    wb.runAs('colleague@example.com', 'onOpen'); // another person: told too
    expect(toasts(wb)).toHaveLength(before + 2);
  });

  test('in French: the outcome, Settings and the toast speak French', () => {
    const wb = setUp('fr_CA', NOV_30, 1);
    statementsOverQuota(wb, 'fr');
    wb.emu.advanceTo('2026-12-01T05:30:00-05:00');
    const status = wb.run('triggerStatusLoad');
    expect(status.notices[0]).toContain('travail non fait');
    expect(status.notices[0]).toContain('1 relevé non envoyé');
    const before = toasts(wb).length;
    wb.run('onOpen');
    expect(toasts(wb).slice(before)).toEqual([expect.stringContaining('1 relevé non envoyé')]);
  });

  test('a busy edit trigger: Settings lists the kept clients and since when; the toast says work waits; once done, Settings says so', () => {
    const wb = setUp();
    wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'A', amount: 1 },
    ]);
    expect(wb.emu.locks.acquire('document', 'someone-else')).toBe(true);
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'E2' } });
    const status = wb.run('triggerStatusLoad');
    expect(status.jobs).toContainEqual(
      expect.stringMatching(
        /^Pending: the watch status of 1 client to recompute \(A\) since 2026-11-15/,
      ),
    );
    expect(status.jobs).toContainEqual(expect.stringContaining('Work kept for later at'));
    wb.run('onOpen');
    expect(toasts(wb).at(-1)).toContain('1 pending task');
    wb.emu.locks.release('document', 'someone-else');
    wb.emu.advanceTo('2026-11-15T13:05:00-05:00');
    const after = wb.run('triggerStatusLoad');
    expect(after.jobs.some((l) => l.startsWith('Pending:'))).toBe(false);
    expect(after.jobs).toContainEqual(expect.stringContaining('Pending work done at'));
    expect(after.notices.some((n) => n.includes('work not done'))).toBe(false);
  });
});
