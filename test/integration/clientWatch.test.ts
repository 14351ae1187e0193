/**
 * A save that changes a watch input (manual reason, credit limit, term) recomputes that one
 * client's watch cells (src/server/watch/perClient.ts) instead of the whole list: the same result
 * as the full refresh for that client, nothing written for the others.
 */
import type { ClientRecord, SaveResult } from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import { workbook, type TestWorkbook } from './harness';

function setUp(): TestWorkbook {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  wb.append('Lists', [
    { 'Account managers': 'Marie', 'Account manager emails': 'marie@example.com' },
  ]);
  wb.addRecords('en', 'clients', [
    { code: 'A', name: 'Alpha', accountManager: 'Marie' },
    { code: 'B', name: 'Beta', accountManager: 'Marie' },
  ]);
  wb.addRecords('en', 'terms', [
    { clientCode: 'A', termDays: 30, creditLimit: 0 },
    { clientCode: 'B', termDays: 30 },
  ]);
  wb.addRecords('en', 'invoices', [
    { number: '1', date: '2026-11-01', clientCode: 'A', amount: 300 },
    { number: '2', date: '2026-11-10', clientCode: 'B', amount: 50 },
    { number: '3', date: '2026-11-12', clientCode: 'A', amount: 200, paidDate: '' },
    { number: '4', date: '2026-10-01', clientCode: 'A', amount: 75, paidDate: '2026-10-20' },
  ]);
  wb.run('refreshWatchList');
  return wb;
}

function load(wb: TestWorkbook, code: string): ClientRecord {
  const loaded = wb.run('formLoad', code);
  if ('error' in loaded) throw new Error(loaded.error);
  return loaded.record;
}

function saveChange(wb: TestWorkbook, code: string, change: (r: ClientRecord) => void): SaveResult {
  const original = load(wb, code);
  const record = structuredClone(original);
  change(record);
  wb.emu.clock.advance(2000);
  return wb.run('formSave', { record, isNew: false, original });
}

const row = (wb: TestWorkbook, sheet: string, code: string) =>
  wb.rows(sheet).find((r) => r['Client code'] === code || r['Client code'] === code)!;

describe("a save that changes a watch input refreshes that client's watch cells", () => {
  test('over the new credit limit: flagged, in the sheet and in the form, and Marie is told once', () => {
    const wb = setUp();
    expect(row(wb, 'Clients', 'A')['Under watch']).toBe(false);
    // Someone typed over B's computed cell: only a full refresh puts it back.
    wb.setCell('Clients', 3, 'Under watch', 'x');
    const mailsBefore = wb.emu.mails.length;
    const saved = saveChange(wb, 'A', (r) => (r.terms.creditLimit = 400));
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    expect(saved.record.computed).toMatchObject({
      watched: true,
      watchReasons: 'Balance $500.00 over credit limit $400.00',
      balanceDue: 500,
    });
    expect(row(wb, 'Clients', 'A')).toMatchObject({
      'Under watch': true,
      'Watch reasons': saved.record.computed.watchReasons,
    });
    expect(row(wb, 'Clients', 'B')['Under watch']).toBe('x'); // not this save's business
    const mails = wb.emu.mails.slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual([['marie@example.com']]);
    expect(mails[0]!.body).toContain('A Alpha');

    // The full refresh agrees with what the save wrote for A.
    const before = { clients: row(wb, 'Clients', 'A'), terms: row(wb, 'Terms', 'A') };
    wb.run('refreshWatchList');
    expect(row(wb, 'Clients', 'A')).toEqual(before.clients);
    expect(row(wb, 'Terms', 'A')).toEqual(before.terms);
    expect(row(wb, 'Clients', 'B')['Under watch']).toBe(false);

    // Back under the limit: lifted.
    const lifted = saveChange(wb, 'A', (r) => (r.terms.creditLimit = 1000));
    expect(lifted.ok && lifted.record.computed.watched).toBe(false);
    expect(row(wb, 'Clients', 'A')['Under watch']).toBe(false);
  });

  test('an unreadable amount among its invoices: its watch cells are left as they were', () => {
    const wb = setUp();
    wb.setCell('Invoices', 3, 'Amount', 'about fifty');
    const saved = saveChange(wb, 'B', (r) => (r.terms.watchReason = 'dispute'));
    expect(saved.ok).toBe(true);
    expect(row(wb, 'Clients', 'B')['Under watch']).toBe(false);
    // the daily refresh reports the cell and leaves B as it is too
    wb.run('refreshWatchList');
    expect(row(wb, 'Clients', 'B')['Under watch']).toBe(false);
  });

  test('an unreadable cell the rules do not read (a Cost): the save recomputes as the daily refresh does', () => {
    const wb = setUp();
    // Invoice 2 is B's; its Cost typed as words. The rules read no cost (domain/watch.ts).
    wb.setCell('Invoices', 3, 'Cost', 'about ten');
    const saved = saveChange(wb, 'B', (r) => (r.terms.watchReason = 'dispute'));
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    expect(saved.record.computed).toMatchObject({ watched: true, watchReasons: 'Manual: dispute' });
    const after = { clients: row(wb, 'Clients', 'B'), terms: row(wb, 'Terms', 'B') };
    expect(after.clients['Under watch']).toBe(true);
    // The daily refresh, which reads only the rules' columns, agrees.
    wb.run('refreshWatchList');
    expect(row(wb, 'Clients', 'B')).toEqual(after.clients);
    expect(row(wb, 'Terms', 'B')).toEqual(after.terms);
  });

  test('a new client whose code invoices already name (imported first): its status at once', () => {
    const wb = setUp();
    // Due 2026-10-01 (30 days): overdue on 2026-11-15. The client code is an input of the rules.
    wb.addRecords('en', 'invoices', [
      { number: '9', date: '2026-09-01', clientCode: 'C', amount: 120 },
    ]);
    const record = emptyClientRecord('C');
    record.general.name = 'Gamma';
    const saved = wb.run('formSave', { record, isNew: true });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    expect(saved.record.computed).toMatchObject({ watched: true, hasInvoices: true });
    expect(row(wb, 'Clients', 'C')).toMatchObject({
      'Under watch': true,
      'Watch reasons': 'Invoice 9 overdue by 45 days (due 2026-10-01)',
    });
  });

  test('reads a fraction of what the full refresh reads', () => {
    const wb = setUp();
    wb.addRecords(
      'en',
      'invoices',
      Array.from({ length: 3000 }, (_, i) => ({
        number: `N${i}`,
        date: '2026-09-01',
        clientCode: 'B',
        amount: 10,
        paidDate: '2026-09-05',
      })),
    );
    const original = load(wb, 'A');
    const record = structuredClone(original);
    record.terms.creditLimit = 400;
    wb.emu.clock.advance(2000);
    const save = wb.emu.calls.measure(() => wb.run('formSave', { record, isNew: false, original }));
    const refresh = wb.emu.calls.measure(() => wb.run('refreshWatchList'));
    expect(save.cells.read).toBeLessThan(refresh.cells.read / 2);
  });
});

describe('the edit trigger recomputes the clients of the edited rows', () => {
  const flags = (wb: TestWorkbook) =>
    Object.fromEntries(wb.rows('Clients').map((r) => [r['Client code'], r['Under watch']]));
  function fresh(): TestWorkbook {
    const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
    wb.addRecords(
      'en',
      'clients',
      ['A', 'B', 'C'].map((code) => ({ code, name: code })),
    );
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'A', amount: 10 },
    ]);
    return wb;
  }

  test('a client code changed in one cell: the old client and the new one, nobody else', () => {
    const wb = fresh();
    wb.setCell('Invoices', 2, 'Client code', 'B');
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'C2' }, oldValue: 'A' });
    expect(flags(wb)).toEqual({ A: false, B: true, C: '' });
  });

  test('a client code pasted, filled down or cleared in one cell (old code unknown): the whole list', () => {
    for (const pasted of ['B', '']) {
      const wb = fresh();
      wb.setCell('Invoices', 2, 'Client code', pasted);
      wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'C2' }, how: 'pasted' });
      expect(flags(wb)).toEqual({ A: false, B: pasted === 'B', C: false });
    }
  });

  test('a client code typed into an empty cell: that client only', () => {
    const wb = fresh();
    wb.addRecords('en', 'invoices', [{ number: '2', date: '2026-01-01', amount: 5 }]);
    wb.setCell('Invoices', 3, 'Client code', 'C');
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'C3' } });
    expect(flags(wb)).toEqual({ A: '', B: '', C: true });
  });

  test('a new client code typed into an empty row of Clients: that client only', () => {
    const wb = fresh();
    wb.addRecords('en', 'invoices', [
      { number: '7', date: '2026-01-01', clientCode: 'D', amount: 5 },
    ]);
    wb.setCell('Clients', 5, 'Client code', 'D');
    wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'A5' } });
    expect(flags(wb)).toEqual({ A: '', B: '', C: '', D: true });
  });

  test('a client renamed in Clients: the whole list (its old row belongs to no one now)', () => {
    const wb = fresh();
    wb.run('refreshWatchList');
    wb.setCell('Clients', 4, 'Under watch', 'x'); // typed over: only the full refresh puts it back
    wb.setCell('Clients', 2, 'Client code', 'A2');
    wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'A2' }, oldValue: 'A' });
    expect(flags(wb)).toEqual({ A2: false, B: false, C: false });
  });

  test('a header of Terms typed over: the whole list (the manual reasons are no longer read)', () => {
    const wb = fresh();
    wb.addRecords('en', 'terms', [{ clientCode: 'B', watchReason: 'dispute' }]);
    wb.run('refreshWatchList');
    expect(flags(wb)).toEqual({ A: true, B: true, C: false });
    const column = wb.header('Terms').indexOf('Why under watch') + 1;
    wb.sheet('Terms').getRange(1, column).setValue('Notes');
    wb.emu.fireEdit({ range: { sheet: 'Terms', a1: `${String.fromCharCode(64 + column)}1` } });
    expect(flags(wb)).toEqual({ A: true, B: false, C: false });
  });

  test("a Terms row's code typed over with a code no client has: the old client recomputed, the row's balance blank", () => {
    const wb = fresh();
    wb.addRecords('en', 'terms', [{ clientCode: 'A', termDays: 400 }]);
    wb.run('refreshWatchList');
    expect(flags(wb)).toEqual({ A: false, B: false, C: false });
    expect(wb.rows('Terms')[0]!['Balance due']).toBe(10);
    wb.setCell('Terms', 2, 'Client code', 'ZZ');
    wb.emu.fireEdit({ range: { sheet: 'Terms', a1: 'A2' }, oldValue: 'A' });
    // A lost its 400-day term: its invoice of January is overdue again.
    expect(flags(wb)).toEqual({ A: true, B: false, C: false });
    expect(wb.rows('Terms')[0]!['Balance due']).toBe('');
    // as the full refresh leaves it
    wb.run('refreshWatchList');
    expect(wb.rows('Terms')[0]!['Balance due']).toBe('');
    expect(flags(wb)).toEqual({ A: true, B: false, C: false });
  });

  test('client codes changed in several cells at once (old codes unknown): the whole list', () => {
    const wb = fresh();
    wb.addRecords('en', 'invoices', [
      { number: '2', date: '2026-01-01', clientCode: 'A', amount: 10 },
    ]);
    wb.setCell('Invoices', 2, 'Client code', 'B');
    wb.setCell('Invoices', 3, 'Client code', 'B');
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'C2:C3' } });
    expect(flags(wb)).toEqual({ A: false, B: true, C: false });
  });

  test('a paste of more rows than a few clients: the whole list', () => {
    const wb = fresh();
    const many = Array.from({ length: 12 }, (_, i) => ({
      number: `P${i}`,
      date: '2026-11-01',
      clientCode: 'B',
      amount: 1,
    }));
    wb.addRecords('en', 'invoices', many);
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'A3:H14' } });
    expect(flags(wb)).toEqual({ A: true, B: false, C: false });
  });

  test('a header typed over: the whole list', () => {
    const wb = fresh();
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'H1' } });
    expect(flags(wb)).toEqual({ A: true, B: false, C: false });
  });

  test('a row whose client code is blank yet: nothing to recompute', () => {
    const wb = fresh();
    wb.addRecords('en', 'invoices', [{ number: '9', date: '2026-01-01', amount: 5 }]);
    const m = wb.measure(() => wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'D3' } }));
    expect(flags(wb)).toEqual({ A: '', B: '', C: '' });
    expect(m.calls['LockService.getDocumentLock']).toBeUndefined();
  });
});
