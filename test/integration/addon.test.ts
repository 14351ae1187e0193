/**
 * Add-on readiness (decision 011), through the built bundle: one project used in two workbooks by
 * the same person (an Editor add-on is one project for every workbook it is used in). "My triggers
 * on this workbook" are ScriptApp.getUserTriggers(spreadsheet): Set up in one workbook never
 * counts, removes or retires the other's triggers, each workbook has at most one trigger of each
 * type, and each one's scheduled work runs in it. Whether getUserTriggers lists time-driven
 * triggers the reference does not say: both worlds are run.
 */
import { createEmulator, type Emulator } from '../../emulator';
import { TestWorkbook } from './harness';

const OWNER = 'owner@example.com';

function twoWorkbooks(clockInUserTriggers: boolean) {
  const emu = createEmulator({
    locale: 'en_US',
    timeZone: 'America/Toronto',
    now: '2026-11-15T12:00:00-05:00',
    clockTriggersInUserTriggers: clockInUserTriggers,
  });
  emu.loadBundle();
  const a = new TestWorkbook(emu);
  const other = emu.addWorkbook();
  const inB = (name: string, ...args: unknown[]) =>
    emu.runIn(emu.execution(OWNER, 'editor', OWNER, { spreadsheetId: other.id }), name, args);
  return { emu, a, other, inB };
}

const byWorkbook = (emu: Emulator, id: string) =>
  emu.triggers.triggers
    .filter((t) => (t.source === 'SPREADSHEETS' ? t.sourceId : t.documentId) === id)
    .map((t) => t.eventType)
    .sort();

describe.each([false, true])(
  'one project, two workbooks of one person (clock triggers listed by getUserTriggers: %s)',
  (clockInUserTriggers) => {
    it('Set up in each: one trigger of each type per workbook; Set up again touches only its own', () => {
      const { emu, a, other, inB } = twoWorkbooks(clockInUserTriggers);
      a.run('setupWorkbook');
      inB('setupWorkbook');
      const types = ['CLOCK', 'ON_CHANGE', 'ON_EDIT'];
      expect(byWorkbook(emu, emu.spreadsheet.id)).toEqual(types);
      expect(byWorkbook(emu, other.id)).toEqual(types);
      const before = emu.triggers.triggers.map((t) => t.uid).sort();
      a.run('setupWorkbook');
      inB('setupWorkbook');
      expect(emu.triggers.triggers.map((t) => t.uid).sort()).toEqual(before);
      // Neither sees the other's as its own, nor as missing.
      expect(a.run('triggerStatusLoad').problem).toBeNull();
      expect((inB('triggerStatusLoad') as { problem: unknown }).problem).toBeNull();
    });

    it('each workbook’s hourly trigger runs that workbook’s jobs', () => {
      const { emu, a, other, inB } = twoWorkbooks(clockInUserTriggers);
      a.run('setupWorkbook');
      inB('setupWorkbook');
      a.addRecords('en', 'clients', [{ code: 'A1', name: 'In A' }]);
      a.addRecords('en', 'terms', [{ clientCode: 'A1', watchReason: 'dispute' }]);
      emu.advanceTo('2026-11-16T08:00:00-05:00');
      expect(emu.triggerFailures).toEqual([]);
      expect(a.rows('Clients').map((r) => r['Under watch'])).toEqual([true]);
      const jobsOf = (id: string) =>
        JSON.parse(
          emu.workbook(id).documentProperties.toJSON()['ficheClient.jobs'] ?? '{}',
        ) as Record<string, { done: string }>;
      expect(jobsOf(emu.spreadsheet.id).watch!.done).toBe('2026-11-16');
      expect(jobsOf(other.id).watch!.done).toBe('2026-11-16');
      expect(other.values('Clients')).toHaveLength(1); // B's clients: the header only
    });
  },
);
