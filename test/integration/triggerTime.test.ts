/**
 * Decision 010: the daily trigger runtime. The knowing run (buying habits and the follow-up
 * digest) reads only the columns it uses, not all of Clients and Invoices; and in the world where
 * a typed value also fires the change trigger (changeType EDIT, Emulator.changeOnEdit), that run
 * costs an execution and no service call, and writes nothing. Run `npm run build` first.
 */
import { createEmulator } from '../../emulator';
import { SHEETS } from '../../src/shared/contract';
import { TestWorkbook, workbook } from './harness';

const CLIENTS = 150;
const INVOICES = 600;

function seeded(wb: TestWorkbook): void {
  wb.addRecords(
    'fr',
    'clients',
    Array.from({ length: CLIENTS }, (_, i) => ({
      code: `C${i}`,
      name: `Client ${i}`,
      accountManager: 'Marc',
      phone: '418 555-0101',
      address: '12, rang Saint-Joseph',
      followUp: 'Rappeler',
      nextFollowUp: '2026-11-01',
    })),
  );
  wb.addRecords(
    'fr',
    'invoices',
    Array.from({ length: INVOICES }, (_, i) => ({
      number: `F-${i}`,
      date: '2026-10-05',
      clientCode: `C${i % CLIENTS}`,
      productType: i % 2 ? 'Semences' : 'Outils',
      amount: 100,
      cost: 60,
      dueDate: '2026-11-05',
      paidDate: '2026-10-20',
    })),
  );
  wb.append('Listes', [
    { 'Chargés de compte': 'Marc', 'Courriels des chargés de compte': 'marc@x.ca' },
  ]);
}

describe('the daily knowing run reads only the columns it uses', () => {
  it('habits and digest: a few Clients columns and five of Invoices, not the whole sheets', () => {
    const wb = workbook({ locale: 'fr_CA' });
    seeded(wb);
    wb.run('newsletterSettingsSave', { followUpDigest: true });
    const read = wb.emu.calls.measure(() => wb.run('onKnowingDailyTrigger')).cells.read;
    expect(wb.rows('Clients')[0]!['Habitudes calculées']).toMatch(/Outils|Semences/);
    expect(wb.emu.mails).toHaveLength(1); // the digest went out
    // Habits: Invoices A:E (5 of 8 columns) and Clients code, name, habits (a block each and the
    // key's check); the digest: code, name, account manager, follow-up notes and date; Lists.
    expect(read).toBeLessThanOrEqual(INVOICES * 5 + CLIENTS * (3 + 1 + 5 + 1) + 500);
    // What it used to read (decision 010): both sheets whole, Clients twice.
    const clientColumns = SHEETS.clients.columns.length;
    expect(read).toBeLessThan((INVOICES * 8 + CLIENTS * clientColumns * 2) / 2);
  });
});

describe('a typed value also fires the change trigger (changeType EDIT)', () => {
  it('its run makes no service call and writes nothing; the edit trigger works as before', () => {
    const emu = createEmulator({
      locale: 'fr_CA',
      timeZone: 'America/Toronto',
      now: '2026-11-15T12:00:00-05:00',
      changeOnEdit: true,
    });
    emu.loadBundle();
    const wb = new TestWorkbook(emu);
    wb.run('setupWorkbook');
    seeded(wb);
    wb.run('refreshWatchList');
    const runs = emu.entryPointRuns.length;
    const m = emu.calls.measure(() =>
      emu.fireEdit({ range: { sheet: 'Clients', a1: 'F2' }, value: '418 555-0199' }),
    );
    expect(m.result.map((o) => [o.handler, o.error])).toEqual([
      ['onEditTrigger', undefined],
      ['onChangeTrigger', undefined],
    ]);
    expect(emu.entryPointRuns.length - runs).toBe(2);
    // The change trigger returns at once for an edit: the calls are the edit trigger's alone.
    const editOnly = createEmulator({ state: emu.exportState(), locale: 'fr_CA' });
    editOnly.loadBundle();
    const alone = editOnly.calls.measure(() =>
      editOnly.fireEdit({ range: { sheet: 'Clients', a1: 'F2' }, value: '418 555-0199' }),
    );
    expect(alone.result.map((o) => o.handler)).toEqual(['onEditTrigger']);
    expect(m.total).toBe(alone.total);
  });
});
