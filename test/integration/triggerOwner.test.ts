/**
 * Triggers and their owner (decision 009), through the built bundle: who owns the triggers
 * (recorded at Set up, shown in Settings), another person taking them over, the old owner's
 * triggers retiring themselves so no job runs twice, missing triggers said in Settings; clock
 * triggers in the spreadsheet's time zone and the monthly run's month there. Triggers run as their
 * owner in the emulator, as in Apps Script.
 */
import { workbook, type TestWorkbook } from './harness';

const OWNER = 'owner@example.com';
const BOB = 'bob@example.com';

function owners(wb: TestWorkbook): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of wb.emu.triggers.triggers) (out[t.owner] ??= []).push(t.handler);
  for (const list of Object.values(out)) list.sort();
  return out;
}

const ALL = ['onChangeTrigger', 'onEditTrigger', 'onHourlyTrigger'];

/** Bob runs Set up and answers the take-over question. */
function bobTakesOver(wb: TestWorkbook): void {
  wb.emu.ui.answerNextAlert('YES');
  wb.runAs(BOB, 'setupWorkbook');
}

describe('trigger owner', () => {
  it('Set up records the owner and the date; Settings shows them and explains', () => {
    const wb = workbook({ locale: 'en_US' });
    expect(owners(wb)).toEqual({ [OWNER]: ALL });
    const status = wb.run('triggerStatusLoad');
    expect(status).toEqual({
      title: 'Automatic triggers',
      owner: `The triggers run as ${OWNER} since 2026-11-15 12:00.`,
      problem: null,
      explain: expect.stringContaining('runs as the person who installed it') as unknown,
      // Set up at noon: the daily jobs start tomorrow at their hour, the month at the next day 1.
      jobs: [
        'Commissions of the previous month (day 1, 5:00): not done yet; next on 2026-12-01 around 05:00',
        'Watch list (daily, 6:00): not done yet; next on 2026-11-16 around 06:00',
        'Buying habits and follow-ups (daily, 7:00): not done yet; next on 2026-11-16 around 07:00',
      ],
      notices: [],
    });
    // Anyone sees the same owner.
    expect(wb.runAs(BOB, 'triggerStatusLoad')).toMatchObject({
      owner: status.owner,
      problem: null,
    });
    expect(wb.emu.ui.ofKind('alert')).toEqual([]);
  });

  it('another person is told who owns them, in the workbook language, and can take them over', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.emu.clock.set('2026-11-20T15:00:00Z');
    bobTakesOver(wb);
    const ask = wb.emu.ui.ofKind('alert').at(-1)!;
    expect(ask.title).toBe('Déclencheurs automatiques');
    expect(ask.buttons).toBe('YES_NO');
    expect(ask.prompt).toContain(`au nom de ${OWNER} depuis le 2026-11-15 12:00`);
    expect(owners(wb)).toEqual({ [OWNER]: ALL, [BOB]: ALL });
    expect(wb.run('triggerStatusLoad').owner).toBe(
      `Les déclencheurs tournent au nom de ${BOB} depuis le 2026-11-20 10:00.`,
    );
  });

  it('the old owner’s hourly trigger retires itself at its next run: the job runs once', () => {
    const wb = workbook({ locale: 'en_US' });
    bobTakesOver(wb);
    const { calls } = wb.measure(() => wb.emu.advanceTo('2026-11-16T06:30:00-05:00'));
    // Both hourly triggers fired at 13:00; the owner's retired; only Bob's refreshed at 06:00
    // (one document lock, one recorded run).
    expect(calls['LockService.getDocumentLock']).toBe(1);
    expect(owners(wb)).toEqual({ [BOB]: ALL });
    expect(wb.emu.triggerFailures).toEqual([]);
    const log = wb.emu.logs.entries.map((e) => e.message).join('\n');
    expect(log).toContain(
      "onHourlyTrigger ran as a former trigger owner; the triggers belong to someone else now: 3 of the former owner's trigger(s) removed",
    );
    // Who is not in the execution log (Law 25).
    expect(log).not.toContain(OWNER);
    expect(log).not.toContain(BOB);
  });

  it('the old owner’s edit trigger retires at the first edit that matters, without recomputing', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.addRecords('en', 'clients', [{ code: 'A', name: 'A' }]);
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'A', amount: 10 },
    ]);
    bobTakesOver(wb);
    const outcomes = wb.emu.fireEdit({
      range: { sheet: 'Invoices', a1: 'E2' },
      value: 20,
      oldValue: 10,
    });
    expect(outcomes.map((o) => o.handler)).toEqual(['onEditTrigger', 'onEditTrigger']);
    expect(owners(wb)).toEqual({ [BOB]: ALL });
    expect(wb.rows('Clients')[0]!['Under watch']).toBe(true);
    // One refresh only: the next edit fires Bob's trigger alone.
    expect(wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'E2' }, value: 30 })).toHaveLength(1);
  });

  it('No keeps the triggers; a script run without a UI never takes them over', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.emu.ui.answerNextAlert('NO');
    wb.runAs(BOB, 'setupWorkbook');
    expect(owners(wb)).toEqual({ [OWNER]: ALL });
    expect(wb.runAs(BOB, 'triggerStatusLoad').owner).toContain(OWNER);
  });

  it('Settings says when the owner’s triggers are missing', () => {
    const wb = workbook({ locale: 'en_US' });
    bobTakesOver(wb);
    wb.emu.advanceTo('2026-11-17T12:00:00-05:00');
    expect(wb.run('triggerStatusLoad').problem).toBeNull();
    // Bob's account is removed: his triggers are gone, nobody else can see that they are.
    const store = wb.emu.triggers.triggers;
    store.splice(0, store.length, ...store.filter((t) => t.owner !== BOB));
    wb.emu.advanceTo('2026-11-20T12:00:00-05:00');
    const stale = wb.run('triggerStatusLoad').problem!;
    expect(stale).toContain(
      `No scheduled work since 2026-11-17 07:00: the triggers of ${BOB} no longer run (account removed, access to the workbook withdrawn?). Run Fiche Client › Set up workbook to install yours`,
    );
    // What a departed owner's triggers do, and who alone can delete them.
    expect(stale).toContain(
      `If ${BOB} left the team but still has their account, their triggers fail at every run and Google e-mails them each failure; only they can delete them`,
    );
    // Bob himself sees which of his are missing.
    expect(wb.runAs(BOB, 'triggerStatusLoad').problem).toBe(
      'Some of your triggers are missing (scheduled work (hourly), edits, moved columns): run Fiche Client › Set up workbook to install them again.',
    );
    // The owner takes them back.
    wb.emu.ui.answerNextAlert('YES');
    wb.run('setupWorkbook');
    expect(owners(wb)).toEqual({ [OWNER]: ALL });
    expect(wb.run('triggerStatusLoad').problem).toBeNull();
  });
});

describe('the scheduled jobs run in the spreadsheet’s time zone', () => {
  function honolulu(): TestWorkbook {
    // Script zone (appsscript.json) America/Toronto; the team's spreadsheet in Honolulu.
    const wb = workbook({
      locale: 'en_US',
      timeZone: 'America/Toronto',
      now: '2026-06-20T12:00:00Z',
      setup: false,
    });
    wb.spreadsheet.setSpreadsheetTimeZone('Pacific/Honolulu');
    wb.run('setupWorkbook');
    wb.append('Clients', [{ 'Client code': 'A', Name: 'Alpha' }]);
    wb.append('Commissions', [
      { 'Client code': 'A', Salesperson: 'Alice', 'Commission type': 'Sales', 'Rate (%)': 10 },
    ]);
    wb.append('Invoices', [
      { 'Invoice no.': '1', Date: '2026-05-10', 'Client code': 'A', Amount: 100 },
      { 'Invoice no.': '2', Date: '2026-06-10', 'Client code': 'A', Amount: 1000 },
    ]);
    return wb;
  }

  it('one hourly trigger, whatever the zone', () => {
    const wb = honolulu();
    const clock = wb.emu.triggers.triggers.filter((t) => t.eventType === 'CLOCK');
    expect(clock.map((t) => [t.handler, t.schedule])).toEqual([
      ['onHourlyTrigger', { kind: 'hours', every: 1 }],
    ]);
  });

  it('the day-1 run computes the month that just ended in the spreadsheet’s zone', () => {
    const wb = honolulu();
    // 5:00 in Toronto on July 1 is still June 30 in Honolulu: nothing runs then.
    wb.emu.advanceTo('2026-07-01T09:30:00Z');
    expect(wb.rows('Commission report')).toEqual([]);
    // 05:00 in Honolulu (15:00Z): the hourly run computes June.
    wb.emu.advanceTo('2026-07-01T16:00:00Z');
    expect(wb.emu.triggerFailures).toEqual([]);
    expect(wb.rows('Commission report').map((r) => [r.Month, r.Salesperson, r.Commission])).toEqual(
      [['2026-06', 'Alice', 100]],
    );
  });

  it('a zone changed later needs no new trigger: the next runs follow it', () => {
    const wb = honolulu();
    wb.spreadsheet.setSpreadsheetTimeZone('Asia/Tokyo');
    // July 1, 05:00 in Tokyo is June 30, 20:00Z: June is computed then, not at Honolulu's time.
    wb.emu.advanceTo('2026-06-30T19:30:00Z');
    expect(wb.rows('Commission report')).toEqual([]);
    wb.emu.advanceTo('2026-06-30T20:30:00Z');
    expect(wb.rows('Commission report').map((r) => r.Month)).toEqual(['2026-06']);
    expect(wb.emu.triggers.triggers).toHaveLength(3);
  });
});
