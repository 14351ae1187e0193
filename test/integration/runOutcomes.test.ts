/**
 * Decision 017, "Runs report to people", through the built bundle: every trigger run records
 * its outcome; a run that leaves work undone (a paid-out month left unchanged, notices kept, a
 * busy workbook) says so in Settings and, at the next onOpen, in a toast for each person
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
): TestWorkbook {
  const emu = createEmulator({ locale, timeZone: TZ, now });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  return wb;
}

/** November computed and paid out, then an invoice of November typed late: its total would change. */
function paidOutNovember(
  wb: TestWorkbook,
  sheets: { lang: 'en' | 'fr'; report: string; paid: string },
): void {
  const { lang } = sheets;
  wb.addRecords(lang, 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords(lang, 'commissions', [
    { clientCode: 'A', salesperson: 'Alice', commissionType: 'sales', ratePct: 10 },
  ]);
  wb.addRecords(lang, 'invoices', [
    { number: '1', date: '2026-11-10', clientCode: 'A', amount: 100 },
  ]);
  wb.run('computeCommissions', '2026-11');
  wb.setCell(sheets.report, 2, sheets.paid, true);
  wb.addRecords(lang, 'invoices', [
    { number: '2', date: '2026-11-29', clientCode: 'A', amount: 900 },
  ]);
}

function toasts(wb: TestWorkbook): string[] {
  return wb.emu.toasts.map((t) => t.message);
}

describe('a run that leaves work undone says so', () => {
  test('a paid-out month left unchanged: recorded as undone, listed in Settings, a toast at the next onOpen, once per person', () => {
    const wb = setUp('en_US', NOV_30);
    paidOutNovember(wb, { lang: 'en', report: 'Commission report', paid: 'Paid out' });
    wb.emu.advanceTo('2026-12-01T05:30:00-05:00');
    expect(wb.emu.triggerFailures).toEqual([]);
    const jobs = JSON.parse(wb.emu.properties.document.toJSON()['ficheClient.jobs']!);
    expect(jobs.commissions.done).toBe('2026-11');
    expect(jobs.commissions.outcome).toMatchObject({ ok: true, undone: true });
    expect(jobs.commissions.outcome.message).toContain('2026-11 is paid out: left as it is');

    const status = wb.run('triggerStatusLoad');
    expect(status.jobs.find((l) => l.startsWith('Commissions'))).toContain(
      'left work undone: 2026-11 is paid out',
    );
    expect(status.notices[0]).toContain('work not done');
    expect(status.notices[0]).toContain('2026-11 is paid out');

    const before = toasts(wb).length;
    wb.run('onOpen');
    expect(toasts(wb).slice(before)).toEqual([expect.stringContaining('2026-11 is paid out')]);
    wb.run('onOpen'); // the same person again: told once
    expect(toasts(wb)).toHaveLength(before + 1);
    wb.runAs('colleague@example.com', 'onOpen'); // another person: told too
    expect(toasts(wb)).toHaveLength(before + 2);
  });

  test('in French: the outcome, Settings and the toast speak French', () => {
    const wb = setUp('fr_CA', NOV_30);
    paidOutNovember(wb, { lang: 'fr', report: 'Rapport des commissions', paid: 'Payée' });
    wb.emu.advanceTo('2026-12-01T05:30:00-05:00');
    const status = wb.run('triggerStatusLoad');
    expect(status.notices[0]).toContain('travail non fait');
    expect(status.notices[0]).toContain('2026-11 est payé');
    const before = toasts(wb).length;
    wb.run('onOpen');
    expect(toasts(wb).slice(before)).toEqual([expect.stringContaining('2026-11 est payé')]);
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
