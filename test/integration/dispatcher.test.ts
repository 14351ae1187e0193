/**
 * One clock trigger that catches up (decision 010), through the built bundle: after Set up, at most
 * one trigger of each type; the hourly dispatcher runs each job once a day (the monthly one once
 * a month), catches up a missed day at the next hourly run, never runs a job twice on a day,
 * and computes a month whose day-1 run was missed, with the emulated clock jumping over days
 * and over a month's first day. Installs of the three old clock triggers move to it at Set up.
 */
import { createEmulator, type Emulator } from '../../emulator';
import { localStamp } from '../../src/domain/schedule';
import { TestWorkbook, workbook } from './harness';

const TZ = 'America/Toronto';
const OWNER = 'owner@example.com';

interface Run {
  job: string;
  at: string;
  ok: boolean;
  done: string | null;
}

function jobsRecord(
  emu: Emulator,
): Record<string, { done: string | null; outcome: { at: string; ok: boolean } | null }> {
  return JSON.parse(emu.properties.document.toJSON()['ficheClient.jobs'] ?? '{}');
}

/**
 * Moves the clock hour by hour to `until`, firing the hourly trigger as it comes, and returns
 * the job attempts seen (from the jobs' record), at the spreadsheet's local time.
 */
function hourByHour(emu: Emulator, until: string): Run[] {
  const runs: Run[] = [];
  const end = Date.parse(until);
  let before = jobsRecord(emu);
  for (let t = emu.clock.millis() + 3_600_000; t <= end + 1; t += 3_600_000) {
    emu.advanceTo(new Date(Math.min(t, end)));
    runs.push(...attemptsSince(emu, before));
    before = jobsRecord(emu);
  }
  return runs;
}

function attemptsSince(emu: Emulator, before: ReturnType<typeof jobsRecord>): Run[] {
  const after = jobsRecord(emu);
  return Object.entries(after)
    .filter(([job, r]) => r.outcome && r.outcome.at !== before[job]?.outcome?.at)
    .map(([job, r]) => ({
      job,
      at: localStamp(Date.parse(r.outcome!.at), TZ),
      ok: r.outcome!.ok,
      done: r.done,
    }));
}

function setUpWorkbook(
  now = '2026-11-15T12:00:00-05:00',
  clockInUserTriggers = false,
): TestWorkbook {
  const emu = createEmulator({
    locale: 'en_US',
    timeZone: TZ,
    now,
    clockTriggersInUserTriggers: clockInUserTriggers,
  });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords('en', 'commissions', [
    { clientCode: 'A', salesperson: 'Alice', commissionType: 'sales', ratePct: 10 },
  ]);
  wb.addRecords('en', 'invoices', [
    { number: '1', date: '2026-10-10', clientCode: 'A', amount: 100 },
    { number: '2', date: '2026-11-10', clientCode: 'A', amount: 200 },
    { number: '3', date: '2026-12-10', clientCode: 'A', amount: 400 },
    { number: '4', date: '2027-01-10', clientCode: 'A', amount: 800 },
  ]);
  return wb;
}

const types = (emu: Emulator) => emu.triggers.triggers.map((t) => t.eventType).sort();

describe('after Set up: at most one trigger of each type', () => {
  it.each([false, true])(
    'one clock, one edit, one change trigger, Set up run again or not (clock triggers listed by getUserTriggers: %s)',
    (clockInUserTriggers) => {
      const wb = setUpWorkbook(undefined, clockInUserTriggers);
      expect(types(wb.emu)).toEqual(['CLOCK', 'ON_CHANGE', 'ON_EDIT']);
      const clock = wb.emu.triggers.triggers.find((t) => t.eventType === 'CLOCK')!;
      expect([clock.handler, clock.schedule]).toEqual([
        'onHourlyTrigger',
        { kind: 'hours', every: 1 },
      ]);
      wb.run('setupWorkbook');
      wb.run('setupWorkbook');
      expect(types(wb.emu)).toEqual(['CLOCK', 'ON_CHANGE', 'ON_EDIT']);
      expect(wb.emu.triggers.triggers.find((t) => t.eventType === 'CLOCK')!.uid).toBe(clock.uid);
    },
  );

  it('a second hourly trigger (two Set ups at once) removes itself at its first run', () => {
    const wb = setUpWorkbook();
    const ScriptApp = wb.emu.globals().ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp;
    ScriptApp.newTrigger('onHourlyTrigger').timeBased().everyHours(1).create();
    expect(types(wb.emu)).toEqual(['CLOCK', 'CLOCK', 'ON_CHANGE', 'ON_EDIT']);
    wb.emu.advanceTo('2026-11-15T13:30:00-05:00');
    expect(wb.emu.triggerFailures).toEqual([]);
    expect(types(wb.emu)).toEqual(['CLOCK', 'ON_CHANGE', 'ON_EDIT']);
  });
});

describe('the hourly dispatcher', () => {
  it('runs each daily job once a day at its hour, and the monthly one on day 1, never twice', () => {
    const wb = setUpWorkbook('2026-11-28T12:00:00-05:00');
    const runs = hourByHour(wb.emu, '2026-12-03T12:00:00-05:00');
    expect(wb.emu.triggerFailures).toEqual([]);
    expect(runs.map((r) => `${r.at.slice(0, 13)} ${r.job} ${r.done}`)).toEqual([
      '2026-11-29 06 watch 2026-11-29',
      '2026-11-29 07 knowing 2026-11-29',
      '2026-11-30 06 watch 2026-11-30',
      '2026-11-30 07 knowing 2026-11-30',
      '2026-12-01 05 commissions 2026-11',
      '2026-12-01 06 watch 2026-12-01',
      '2026-12-01 07 knowing 2026-12-01',
      '2026-12-02 06 watch 2026-12-02',
      '2026-12-02 07 knowing 2026-12-02',
      '2026-12-03 06 watch 2026-12-03',
      '2026-12-03 07 knowing 2026-12-03',
    ]);
    expect(wb.rows('Commission report').map((r) => [r.Month, r.Commission])).toEqual([
      ['2026-11', 20],
    ]);
  });

  it('a missed day is caught up at the next hourly run, and not run again that day', () => {
    const wb = setUpWorkbook();
    hourByHour(wb.emu, '2026-11-16T12:00:00-05:00'); // the 16th done
    // Google skips every run from the 16th at noon to the 18th at 02:30 (quota spent, outage).
    wb.emu.clock.set('2026-11-18T02:30:00-05:00');
    const before = jobsRecord(wb.emu);
    const caughtUp = wb.emu.fireTimeTriggers();
    expect(caughtUp.map((o) => o.handler)).toEqual(['onHourlyTrigger']);
    expect(attemptsSince(wb.emu, before).map((r) => [r.job, r.at, r.done])).toEqual([
      ['watch', '2026-11-18 02:30', '2026-11-18'],
    ]);
    // The next hourly runs: knowing catches up too, then nothing more that day.
    const rest = hourByHour(wb.emu, '2026-11-19T08:30:00-05:00');
    expect(rest.map((r) => `${r.at.slice(0, 13)} ${r.job}`)).toEqual([
      '2026-11-18 03 knowing',
      '2026-11-19 06 watch',
      '2026-11-19 07 knowing',
    ]);
    expect(wb.emu.triggerFailures).toEqual([]);
  });

  it('the clock jumping over a month’s first day: the month is computed at the next hourly run', () => {
    const wb = setUpWorkbook('2026-11-30T12:00:00-05:00');
    // No run at all from Nov 30 noon to Dec 2, 10:15.
    wb.emu.clock.set('2026-12-02T10:15:00-05:00');
    const before = jobsRecord(wb.emu);
    wb.emu.fireTimeTriggers();
    // The oldest attempt first: the month (never tried) before the daily ones.
    expect(attemptsSince(wb.emu, before).map((r) => [r.job, r.done])).toEqual([
      ['commissions', '2026-11'],
    ]);
    expect(wb.rows('Commission report').map((r) => r.Month)).toEqual(['2026-11']);
    const rest = hourByHour(wb.emu, '2026-12-02T14:30:00-05:00');
    expect(rest.map((r) => `${r.at.slice(0, 13)} ${r.job} ${r.done}`)).toEqual([
      '2026-12-02 11 watch 2026-12-02',
      '2026-12-02 12 knowing 2026-12-02',
    ]);
  });

  it('the clock jumping over two months’ first days (and a year’s end): each month once, oldest first', () => {
    const wb = setUpWorkbook('2026-11-30T12:00:00-05:00');
    wb.emu.clock.set('2027-02-03T09:10:00-05:00');
    const before = jobsRecord(wb.emu);
    wb.emu.fireTimeTriggers();
    const runs: Run[] = attemptsSince(wb.emu, before);
    runs.push(...hourByHour(wb.emu, '2027-02-04T12:00:00-05:00'));
    expect(
      runs.filter((r) => r.job === 'commissions').map((r) => [r.at.slice(0, 13), r.done]),
    ).toEqual([
      ['2027-02-03 09', '2026-11'],
      ['2027-02-03 12', '2026-12'],
      ['2027-02-03 13', '2027-01'],
    ]);
    expect(wb.rows('Commission report').map((r) => [r.Month, r.Commission])).toEqual([
      ['2026-11', 20],
      ['2026-12', 40],
      ['2027-01', 80],
    ]);
    // The daily jobs took their turns in between, once on the 3rd and once on the 4th.
    const daily = runs
      .filter((r) => r.job !== 'commissions')
      .map((r) => `${r.at.slice(0, 10)} ${r.job}`);
    expect(daily).toEqual([
      '2027-02-03 watch',
      '2027-02-03 knowing',
      '2027-02-04 watch',
      '2027-02-04 knowing',
    ]);
    expect(wb.emu.triggerFailures).toEqual([]);
  });

  it('a job that fails is said in Settings, retried at the next runs, and does not hold up the others', () => {
    const wb = setUpWorkbook('2026-11-30T12:00:00-05:00');
    wb.sheet('Commission report').setName('Report (old)');
    const runs = hourByHour(wb.emu, '2026-12-01T08:30:00-05:00');
    expect(runs.map((r) => `${r.at.slice(11, 13)} ${r.job} ${r.ok ? 'ok' : 'failed'}`)).toEqual([
      '05 commissions failed',
      '06 watch ok',
      '07 knowing ok',
      '08 commissions failed',
    ]);
    // The failure reached the owner as a failed execution, and Settings says what it was.
    expect(wb.emu.triggerFailures.map((f) => f.handler)).toEqual([
      'onHourlyTrigger',
      'onHourlyTrigger',
    ]);
    const jobs = wb.run('triggerStatusLoad').jobs;
    expect(jobs[0]).toContain(
      'last attempt at 2026-12-01 08:00 failed: The sheet "Commission report" is missing.',
    );
    expect(jobs[0]).toContain('next at the next hourly run');
    // Repaired: the next run computes November.
    wb.sheet('Report (old)').setName('Commission report');
    const after = hourByHour(wb.emu, '2026-12-01T09:30:00-05:00');
    expect(after.map((r) => [r.job, r.ok, r.done])).toEqual([['commissions', true, '2026-11']]);
    expect(wb.run('triggerStatusLoad').jobs[0]).toMatch(
      /^Commissions of the previous month \(day 1, 5:00\): 2026-11 computed at 2026-12-01 09:00; next on 2027-01-01 around 05:00$/,
    );
  });

  it('Settings shows which job ran when and when each is next due, in the workbook language', () => {
    const wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
    hourByHour(wb.emu, '2026-11-16T06:30:00-05:00');
    expect(wb.run('triggerStatusLoad').jobs).toEqual([
      'Commissions du mois précédent (le 1er, 5 h) : pas encore fait ; prochain le 2026-12-01 vers 05 h',
      'Liste de surveillance (chaque jour, 6 h) : fait pour le 2026-11-16 (à 2026-11-16 06:00) ; prochain le 2026-11-17 vers 06 h',
      'Habitudes d’achat et suivis (chaque jour, 7 h) : pas encore fait ; prochain le 2026-11-16 vers 07 h',
    ]);
  });
});

describe('installs with the three old clock triggers', () => {
  /** An install by a version before the dispatcher: its triggers and its properties. */
  function oldInstall(now: string): TestWorkbook {
    const wb = workbook({ locale: 'en_US', now, setup: false });
    wb.run('setupWorkbook');
    const emu = wb.emu;
    emu.triggers.triggers.splice(0, emu.triggers.triggers.length);
    const props = emu.properties.document;
    for (const key of [...props.data.keys()])
      if (!['ficheClient.settings'].includes(key)) props.data.delete(key);
    const exec = emu.execution();
    try {
      const app = exec.globals.ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp;
      const ss = (
        exec.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
      ).getActiveSpreadsheet();
      const clock = (h: string) => app.newTrigger(h).timeBased().inTimezone(TZ);
      clock('onDailyTrigger').everyDays(1).atHour(6).create();
      clock('onKnowingDailyTrigger').everyDays(1).atHour(7).create();
      clock('onMonthlyTrigger').onMonthDay(1).atHour(5).create();
      app.newTrigger('onEditTrigger').forSpreadsheet(ss).onEdit().create();
      app.newTrigger('onChangeTrigger').forSpreadsheet(ss).onChange().create();
    } finally {
      exec.end();
    }
    props.data.set('ficheClient.triggerOwner', OWNER);
    props.data.set('ficheClient.triggerOwnerSince', '2026-01-05T15:00:00.000Z');
    props.data.set('ficheClient.triggerTimeZone', TZ);
    return wb;
  }

  it('keep working until Set up runs again, each running its job; Settings asks for Set up', () => {
    const wb = oldInstall('2026-11-15T12:00:00-05:00');
    const outcomes = wb.emu.advanceTo('2026-11-16T08:00:00-05:00');
    expect(outcomes.map((o) => [o.handler, o.error])).toEqual([
      ['onDailyTrigger', undefined],
      ['onKnowingDailyTrigger', undefined],
    ]);
    expect(jobsRecord(wb.emu).watch?.done).toBe('2026-11-16');
    expect(jobsRecord(wb.emu).knowing?.done).toBe('2026-11-16');
    // Still a set-up workbook: the usual menu, no Welcome sheet.
    wb.emu.fireOpen();
    expect(wb.emu.ui.menuItems()[0]!.functionName).toBe('showClientForm');
    expect(wb.spreadsheet.getSheetByName('Bienvenue / Welcome')).toBeNull();
    expect(wb.run('triggerStatusLoad').problem).toBe(
      'Some of your triggers are missing (scheduled work (hourly)): run Fiche Client › Set up workbook to install them again.',
    );
  });

  it('Set up moves them to the dispatcher: old triggers removed, no job run twice that day', () => {
    const wb = oldInstall('2026-11-15T12:00:00-05:00');
    wb.emu.advanceTo('2026-11-16T10:00:00-05:00'); // the old daily triggers ran at 06:00 and 07:00
    wb.run('setupWorkbook');
    expect(wb.emu.toasts.at(-1)!.message).toContain(
      'The 3 old clock triggers are replaced by one, every hour.',
    );
    expect(wb.emu.triggers.triggers.map((t) => t.handler).sort()).toEqual([
      'onChangeTrigger',
      'onEditTrigger',
      'onHourlyTrigger',
    ]);
    expect(wb.emu.properties.document.toJSON()['ficheClient.triggerTimeZone']).toBeUndefined();
    const runs = hourByHour(wb.emu, '2026-11-17T08:00:00-05:00');
    expect(runs.map((r) => `${r.at.slice(0, 13)} ${r.job}`)).toEqual([
      '2026-11-17 06 watch',
      '2026-11-17 07 knowing',
    ]);
  });
});

describe('the bench’s idle hourly run', () => {
  it('an hourly run with nothing due reads no sheet and writes nothing', () => {
    const wb = setUpWorkbook();
    const { calls, total } = wb.measure(() => wb.emu.advanceTo('2026-11-15T13:30:00-05:00'));
    expect(Object.keys(calls).filter((k) => /^(Sheet|Range)\./.test(k))).toEqual([]);
    expect(calls['Properties.setProperties'] ?? 0).toBe(0);
    // The properties once, the address, the spreadsheet and its zone: six calls.
    expect(total).toBe(6);
  });
});
