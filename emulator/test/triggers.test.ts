import { CallCounter } from '../calls';
import { Clock } from '../clock';
import { LOCK_TIMEOUT, LockTable, createLockService } from '../lock';
import { TOO_MANY_TRIGGERS, TriggerStore, createScriptApp, nextRun } from '../triggers';

const TZ = 'America/Toronto';

function scriptApp(
  store: TriggerStore,
  clock: Clock,
  user = 'own@x.com',
  calls = new CallCounter(),
) {
  return createScriptApp(
    { store, calls, clock, user, timeZone: TZ, spreadsheetId: () => 'sheet-id' },
    'script-id',
  );
}

describe('ScriptApp triggers', () => {
  it('builds time-based and spreadsheet triggers that read back', () => {
    const store = new TriggerStore();
    const clock = new Clock('2026-03-10T15:00:00Z'); // 11:00 in Toronto (EDT)
    const app = scriptApp(store, clock);
    const daily = app.newTrigger('dailyWatch').timeBased().everyDays(1).atHour(6).create();
    const monthly = app.newTrigger('monthly').timeBased().onMonthDay(1).atHour(5).create();
    const edit = app.newTrigger('onEditInstalled').forSpreadsheet({}).onEdit().create();
    expect([daily.getHandlerFunction(), daily.getEventType(), daily.getTriggerSource()]).toEqual([
      'dailyWatch',
      app.EventType.CLOCK,
      app.TriggerSource.CLOCK,
    ]);
    expect([edit.getEventType(), edit.getTriggerSource(), edit.getTriggerSourceId()]).toEqual([
      'ON_EDIT',
      'SPREADSHEETS',
      'sheet-id',
    ]);
    expect(new Set([daily, monthly, edit].map((t) => t.getUniqueId())).size).toBe(3);
    // Next runs in the script's time zone: tomorrow 06:00 EDT, April 1st 05:00 EDT.
    const [d, m] = store.triggers;
    expect(new Date(d?.nextRun ?? 0).toISOString()).toBe('2026-03-11T10:00:00.000Z');
    expect(new Date(m?.nextRun ?? 0).toISOString()).toBe('2026-04-01T09:00:00.000Z');
  });

  it('lets a script find its triggers and remove duplicates by inspection', () => {
    const store = new TriggerStore();
    const app = scriptApp(store, new Clock('2026-03-10T15:00:00Z'));
    app.newTrigger('dailyWatch').timeBased().everyDays(1).atHour(6).create();
    app.newTrigger('dailyWatch').timeBased().everyDays(1).atHour(6).create();
    const seen = new Set<string>();
    for (const t of app.getProjectTriggers()) {
      if (seen.has(t.getHandlerFunction())) app.deleteTrigger(t);
      seen.add(t.getHandlerFunction());
    }
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['dailyWatch']);
    // Another user's project triggers are theirs only.
    expect(scriptApp(store, new Clock(), 'other@x.com').getProjectTriggers()).toEqual([]);
  });

  it('refuses a 21st trigger for one user with the real text', () => {
    const store = new TriggerStore();
    const app = scriptApp(store, new Clock('2026-03-10T15:00:00Z'));
    for (let i = 0; i < 20; i++) app.newTrigger(`h${i}`).timeBased().everyHours(1).create();
    expect(() => app.newTrigger('h20').timeBased().everyHours(1).create()).toThrow(
      TOO_MANY_TRIGGERS,
    );
  });

  it('validates builders', () => {
    const app = scriptApp(new TriggerStore(), new Clock());
    expect(() => app.newTrigger('x').timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    expect(() => app.newTrigger('x').timeBased().atHour(24)).toThrow('Invalid argument: hour');
    expect(() => app.newTrigger('x').timeBased().create()).toThrow(/Missing recurrence/);
    expect(() => app.newTrigger('x').forSpreadsheet('id').create()).toThrow(/Missing event type/);
  });

  it('counts builder calls by class', () => {
    const calls = new CallCounter();
    const app = scriptApp(new TriggerStore(), new Clock(), 'own@x.com', calls);
    app.newTrigger('d').timeBased().everyDays(1).atHour(6).create();
    expect(calls.snapshot()).toEqual({
      'ClockTriggerBuilder.atHour': 1,
      'ClockTriggerBuilder.create': 1,
      'ClockTriggerBuilder.everyDays': 1,
      'ScriptApp.newTrigger': 1,
      'TriggerBuilder.timeBased': 1,
    });
  });

  it('computes next runs across a DST change and takes due triggers once', () => {
    const schedule = { kind: 'days' as const, every: 1, hour: 6, minute: 0 };
    // 2026-03-08 is the spring-forward day in Toronto: 06:00 EST then 06:00 EDT.
    const first = nextRun(schedule, Date.parse('2026-03-07T12:00:00Z'), TZ) ?? 0;
    expect(new Date(first).toISOString()).toBe('2026-03-08T10:00:00.000Z');
    const second = nextRun(schedule, first, TZ, true) ?? 0;
    expect(new Date(second).toISOString()).toBe('2026-03-09T10:00:00.000Z');
    const before = nextRun(schedule, Date.parse('2026-03-06T12:00:00Z'), TZ) ?? 0;
    expect(new Date(before).toISOString()).toBe('2026-03-07T11:00:00.000Z');

    const store = new TriggerStore();
    const clock = new Clock('2026-03-10T15:00:00Z');
    scriptApp(store, clock).newTrigger('h').timeBased().everyHours(2).create();
    expect(store.takeDue(clock.millis())).toEqual([]);
    // Ten hours late: fires once, next run is the next slot after now.
    clock.advance(10 * 3600_000);
    expect(store.takeDue(clock.millis())).toHaveLength(1);
    expect(store.takeDue(clock.millis())).toHaveLength(0);
    expect(store.triggers[0]?.nextRun).toBe(Date.parse('2026-03-11T03:00:00Z'));
  });
});

describe('LockService', () => {
  it('excludes a second execution: tryLock waits and fails, waitLock throws the real text', () => {
    const table = new LockTable();
    const clock = new Clock('2026-03-10T15:00:00Z');
    const calls = new CallCounter();
    const a = createLockService(table, 'exec-a', 'ann@x.com', clock, calls);
    const b = createLockService(table, 'exec-b', 'bob@x.com', clock, calls);
    const lockA = a.getDocumentLock();
    expect(lockA.tryLock(0)).toBe(true);
    expect(lockA.hasLock()).toBe(true);
    const lockB = b.getDocumentLock();
    const t0 = clock.millis();
    expect(lockB.tryLock(5000)).toBe(false);
    expect(clock.millis() - t0).toBe(5000);
    expect(() => lockB.waitLock(30000)).toThrow(LOCK_TIMEOUT);
    expect(LOCK_TIMEOUT).toBe('Lock timeout: another process was holding the lock for too long.');
    expect(clock.millis() - t0).toBe(35000);
    // A non-owner's release does nothing; the script lock is a different lock.
    lockB.releaseLock();
    expect(lockA.hasLock()).toBe(true);
    expect(b.getScriptLock().tryLock(0)).toBe(true);
    // Per-user locks are per user.
    expect(a.getUserLock().tryLock(0)).toBe(true);
    expect(b.getUserLock().tryLock(0)).toBe(true);
    // The end of execution A frees its locks.
    table.releaseAll('exec-a');
    expect(lockB.tryLock(0)).toBe(true);
    expect(calls.snapshot()).toMatchObject({
      'LockService.getDocumentLock': 2,
      'Lock.tryLock': 6,
      'Lock.waitLock': 1,
    });
  });
});
