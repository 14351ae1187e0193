import { createEmulator } from '..';
import { LOCK_TIMEOUT } from '../lock';
import { runInParallel } from '../parallel';

const BUNDLE = String.raw`
function increment() {
  var lock = LockService.getScriptLock();
  lock.waitLock(30000);
  var props = PropertiesService.getScriptProperties();
  var n = Number(props.getProperty('n') || 0);
  for (var i = 0; i < 30; i++) props.getProperty('widen the race window');
  props.setProperty('n', String(n + 1));
  lock.releaseLock();
  return n + 1;
}
function waitFor(key) {
  var props = PropertiesService.getScriptProperties();
  for (var i = 0; i < 100000 && props.getProperty(key) !== 'yes'; i++) {}
}
function deadlockA() {
  LockService.getDocumentLock().waitLock(1000);
  PropertiesService.getScriptProperties().setProperty('A', 'yes');
  waitFor('B');
  LockService.getScriptLock().waitLock(5000);
  return 'A got both';
}
function deadlockB() {
  LockService.getScriptLock().waitLock(1000);
  PropertiesService.getScriptProperties().setProperty('B', 'yes');
  waitFor('A');
  LockService.getDocumentLock().waitLock(2000);
  return 'B got both';
}
function values(x) {
  var ui = SpreadsheetApp.getUi();
  return { echo: x, when: new Date(), ok: ui.Button.OK, me: Session.getActiveUser().getEmail(),
    isDate: new Date() instanceof Date };
}
function fails() { throw new Error('Client code 0042 already exists'); }
function makeRecord() { return { code: '0042', terms: { days: 30 }, tags: ['a'] }; }
function describeRecord(r) { return r.code + '/' + r.terms.days + '/' + r.tags.join(); }
`;

function emulator() {
  const emu = createEmulator({ now: '2026-03-10T15:00:00Z', user: 'ann@example.com' });
  emu.loadBundleCode(BUNDLE);
  return emu;
}

describe('runInParallel (worker threads)', () => {
  it('serializes concurrent increments behind the script lock: no lost update', async () => {
    const emu = emulator();
    const users = ['a', 'b', 'c', 'd'].map((u) => `${u}@example.com`);
    const outcomes = await runInParallel(
      emu,
      users.map((user) => ({ name: 'increment', user })),
    );
    expect(outcomes.map((o) => o.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(outcomes.map((o) => o.result).sort()).toEqual([1, 2, 3, 4]);
    expect(emu.properties.script.data.get('n')).toBe('4');
    expect(emu.calls.snapshot()['Lock.waitLock']).toBe(4);
  });

  it('passes back a plain object the bundle made (another realm) as data, not as a service', async () => {
    const emu = emulator();
    const record = emu.run('makeRecord');
    const [outcome] = await runInParallel(emu, [{ name: 'describeRecord', args: [record] }]);
    expect(outcome?.error).toBeUndefined();
    expect(outcome?.result).toBe('0042/30/a');
  });

  it('resolves a deadlock by timing out the earliest deadline on the emulated clock', async () => {
    const emu = emulator();
    const start = emu.clock.millis();
    const [a, b] = await runInParallel(emu, [
      { name: 'deadlockA', user: 'ann@example.com' },
      { name: 'deadlockB', user: 'bob@example.com' },
    ]);
    expect(b?.error).toEqual({ name: 'Exception', message: LOCK_TIMEOUT });
    expect(a?.result).toBe('A got both');
    expect(emu.clock.millis() - start).toBeGreaterThanOrEqual(2000);
  });

  it('copies values across threads: objects, Dates on the emulated clock, enums; errors', async () => {
    const emu = emulator();
    const [v, f] = await runInParallel(emu, [
      { name: 'values', args: [{ code: '0042', n: [1, 2] }], user: 'bob@example.com' },
      { name: 'fails' },
    ]);
    expect(v?.result).toEqual({
      echo: { code: '0042', n: [1, 2] },
      when: new Date('2026-03-10T15:00:00Z'),
      ok: 'OK',
      me: 'bob@example.com',
      isDate: true,
    });
    expect(f?.error).toEqual({ name: 'Error', message: 'Client code 0042 already exists' });
  });
});
