/**
 * The watch list through the built bundle: the menu toast, the edit and daily triggers,
 * notification e-mails (once per new flag, quota, failures, settings), and rows moving during a
 * refresh.
 */
import { createEmulator } from '../../emulator';
import { TestWorkbook, workbook } from './harness';

function watched(wb: TestWorkbook): Record<string, unknown> {
  return Object.fromEntries(wb.rows('Clients').map((r) => [r['Client code'], r['Under watch']]));
}

function englishWorkbook(opts: { mailQuota?: number; now?: string } = {}): TestWorkbook {
  const emu = createEmulator({
    locale: 'en_US',
    timeZone: 'America/Toronto',
    now: opts.now ?? '2026-11-15T12:00:00-05:00',
    mailQuota: opts.mailQuota,
  });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  return wb;
}

/** Account managers and their e-mails in the Lists sheet. */
function managers(wb: TestWorkbook, pairs: [string, string][]) {
  wb.append(
    'Lists',
    pairs.map(([name, email]) => ({ 'Account managers': name, 'Account manager emails': email })),
  );
}

describe('menu and triggers', () => {
  test('the menu refresh shows "N clients under watch, M newly"', () => {
    const wb = englishWorkbook();
    wb.addRecords('en', 'clients', [
      { code: 'A', name: 'A' },
      { code: 'B', name: 'B' },
      { code: 'C', name: 'C' },
    ]);
    wb.addRecords('en', 'terms', [{ clientCode: 'A', watchReason: 'dispute' }]);
    wb.run('refreshWatchList');
    expect(wb.emu.toasts.at(-1)!.message).toBe('1 client under watch, 1 newly.');
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'B', amount: 1 },
    ]);
    wb.run('refreshWatchList');
    expect(wb.emu.toasts.at(-1)!.message).toBe('2 clients under watch, 1 newly.');
    wb.run('refreshWatchList');
    expect(wb.emu.toasts.at(-1)!.message).toBe('2 clients under watch, 0 newly.');
  });

  test('the edit trigger refreshes on a single-cell edit and on a multi-cell paste', () => {
    const wb = englishWorkbook();
    wb.addRecords('en', 'clients', [
      { code: 'A', name: 'A' },
      { code: 'B', name: 'B' },
    ]);
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'A', amount: 1 },
    ]);
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'A2' } });
    // Only the client of the edited row is recomputed: B, untouched, waits for its first refresh.
    expect(watched(wb)).toEqual({ A: true, B: '' });

    wb.setCell('Invoices', 2, 'Paid on', '2026-11-01');
    const single = wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'H2' }, oldValue: '' });
    expect(single.map((o) => o.error)).toEqual(single.map(() => undefined));
    expect(watched(wb)).toEqual({ A: false, B: '' });

    // A paste of two rows: no e.value, the event's range covers both.
    wb.addRecords('en', 'invoices', [
      { number: '2', date: '2026-01-01', clientCode: 'B', amount: 1 },
      { number: '3', date: '2026-11-01', clientCode: 'A', amount: 1 },
    ]);
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'A3:H4' } });
    expect(watched(wb)).toEqual({ A: false, B: true });

    // Edits elsewhere (the report) do not refresh.
    wb.setCell('Invoices', 3, 'Paid on', '2026-11-02');
    wb.emu.fireEdit({ range: { sheet: 'Commission report', a1: 'A1' } });
    expect(watched(wb)).toEqual({ A: false, B: true });
  });

  test('the edit trigger leaves the watch list alone when the edited columns are not ones the rules read', () => {
    const wb = englishWorkbook();
    wb.addRecords('en', 'clients', [{ code: 'A', name: 'A', phone: '514-555-0000' }]);
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'A', amount: 1 },
    ]);
    // A phone number edited by hand: no refresh (the flag stays as it was, unset).
    wb.setCell('Clients', 2, 'Phone', '514-555-1111');
    const phone = wb.measure(() => wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'F2' } }));
    expect(watched(wb)).toEqual({ A: '' });
    // The edited columns' header cells only (decision 006: never positions cached before a move).
    expect(phone.calls['Range.getValues']).toBe(1);
    expect(phone.calls['Sheet.getSheetValues'] ?? 0).toBe(0);
    // An invoice's product type neither.
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'D2' } });
    expect(watched(wb)).toEqual({ A: '' });
    // Its amount does.
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'E2' } });
    expect(watched(wb)).toEqual({ A: true });
  });

  test('the daily trigger refreshes as days pass', () => {
    const wb = englishWorkbook({ now: '2026-11-15T12:00:00-05:00' });
    wb.addRecords('en', 'clients', [{ code: 'A', name: 'A' }]);
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-11-01', clientCode: 'A', amount: 1, dueDate: '2026-11-16' },
    ]);
    wb.run('refreshWatchList');
    expect(watched(wb)).toEqual({ A: false });
    const outcomes = wb.emu.advanceTo('2026-11-16T12:00:00-05:00');
    // The hourly trigger, every hour from 13:00 to noon the next day; the watch job ran at 06:00.
    expect(new Set(outcomes.map((o) => o.handler))).toEqual(new Set(['onHourlyTrigger']));
    expect(outcomes).toHaveLength(24);
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    expect(watched(wb)).toEqual({ A: false }); // due today: not yet overdue
    wb.emu.advanceTo('2026-11-17T12:00:00-05:00');
    expect(watched(wb)).toEqual({ A: true });
  });
});

describe('notifications to account managers', () => {
  function setUp(wb: TestWorkbook) {
    managers(wb, [
      ['Marie', 'marie@example.com'],
      ['Paul', 'paul@example.com'],
    ]);
    wb.addRecords('en', 'clients', [
      { code: 'M1', name: 'Marie one', accountManager: 'Marie' },
      { code: 'M2', name: 'Marie two', accountManager: 'marie ' },
      { code: 'P1', name: 'Paul one', accountManager: 'Paul' },
      { code: 'X1', name: 'Nobody', accountManager: '' },
    ]);
    wb.addRecords('en', 'terms', [
      { clientCode: 'M1', watchReason: 'dispute' },
      { clientCode: 'M2', watchReason: 'bounced cheque' },
      { clientCode: 'P1', watchReason: '<b>bold</b>' },
      { clientCode: 'X1', watchReason: 'x' },
    ]);
  }

  test('one e-mail per account manager per new flag, not repeated the next day', () => {
    const wb = englishWorkbook();
    setUp(wb);
    wb.run('refreshWatchList');
    const mails = wb.emu.mails;
    expect(mails.map((m) => m.to)).toEqual([['marie@example.com'], ['paul@example.com']]);
    expect(mails[0]!.subject).toBe('Fiche Client: 2 clients now under watch');
    expect(mails[0]!.body).toContain('M1 Marie one: Manual: dispute');
    expect(mails[0]!.body).toContain('M2 Marie two: Manual: bounced cheque');
    expect(mails[1]!.body).toContain('P1 Paul one: Manual: <b>bold</b>');
    expect(mails[1]!.htmlBody).toBeNull(); // plain text: user text cannot become markup

    wb.emu.advanceTo('2026-11-16T12:00:00-05:00'); // the daily trigger runs
    wb.run('refreshWatchList');
    expect(wb.emu.mails).toHaveLength(2);

    // Unflagged, then flagged again: a new flag, a new e-mail.
    wb.setCell('Terms', 4, 'Why under watch', '');
    wb.run('refreshWatchList');
    wb.setCell('Terms', 4, 'Why under watch', 'again');
    wb.run('refreshWatchList');
    expect(wb.emu.mails.map((m) => m.to[0])).toEqual([
      'marie@example.com',
      'paul@example.com',
      'paul@example.com',
    ]);
  });

  test('the daily quota: mails beyond it are not attempted, the refresh still completes', () => {
    const wb = englishWorkbook({ mailQuota: 1 });
    setUp(wb);
    wb.run('refreshWatchList');
    expect(wb.emu.mails).toHaveLength(1);
    expect(watched(wb)).toEqual({ M1: true, M2: true, P1: true, X1: true });
    expect(wb.emu.toasts.at(-1)!.message).toBe('4 clients under watch, 4 newly.');
  });

  test('a failing address does not stop the others', () => {
    const wb = englishWorkbook();
    managers(wb, [
      ['Broken', 'not an address'],
      ['Zoe', 'zoe@example.com'],
    ]);
    wb.addRecords('en', 'clients', [
      { code: 'B1', name: 'B', accountManager: 'Broken' },
      { code: 'Z1', name: 'Z', accountManager: 'Zoe' },
    ]);
    wb.addRecords('en', 'terms', [
      { clientCode: 'B1', watchReason: 'x' },
      { clientCode: 'Z1', watchReason: 'y' },
    ]);
    wb.run('refreshWatchList');
    expect(wb.emu.mails.map((m) => m.to)).toEqual([['zoe@example.com']]);
    expect(watched(wb)).toEqual({ B1: true, Z1: true });
  });

  test('turned off in the settings', () => {
    const wb = englishWorkbook();
    setUp(wb);
    const current = wb.run('settingsLoad');
    expect(wb.run('settingsSave', { ...current, notifyWatch: false })).toEqual({ ok: true });
    wb.run('refreshWatchList');
    expect(watched(wb)).toEqual({ M1: true, M2: true, P1: true, X1: true });
    expect(wb.emu.mails).toEqual([]);
  });

  test('a French workbook writes in French', () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.append('Listes', [
      { 'Chargés de compte': 'Marie', 'Courriels des chargés de compte': 'marie@example.com' },
    ]);
    wb.append('Clients', [{ 'Code client': 'M1', Nom: 'Un', 'Chargé de compte': 'Marie' }]);
    wb.append('Termes', [{ 'Code client': 'M1', 'Pourquoi sous surveillance': 'litige' }]);
    wb.run('refreshWatchList');
    expect(wb.emu.mails.map((m) => m.subject)).toEqual([
      'Fiche Client : 1 client sous surveillance',
    ]);
    expect(wb.emu.mails[0]!.body).toContain('M1 Un: Manuel : litige');
  });
});

describe('rows moving during a refresh', () => {
  test('a sort between the read and the write is detected and the refresh starts over', () => {
    const wb = englishWorkbook();
    wb.addRecords('en', 'clients', [
      { code: 'LATE', name: 'Late' },
      { code: 'FINE', name: 'Fine' },
    ]);
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'LATE', amount: 1 },
    ]);
    // When the refresh turns to its third sheet (Invoices, after Clients and Terms), someone
    // sorts Clients: FINE moves to row 2.
    const calls = wb.emu.calls;
    const original = calls.count.bind(calls);
    let reads = 0;
    let sorting = false;
    calls.count = (kind: string) => {
      original(kind);
      if (sorting || kind !== 'Spreadsheet.getSheetByName' || ++reads !== 3) return;
      sorting = true;
      const sheet = wb.sheet('Clients');
      const rows = sheet.getRange(2, 1, 2, 2).getValues();
      sheet.getRange(2, 1, 2, 2).setValues([rows[1]!, rows[0]!]);
      sorting = false;
    };
    wb.run('refreshWatchList');
    calls.count = original;
    expect(reads).toBeGreaterThan(3);
    expect(wb.rows('Clients').map((r) => r['Client code'])).toEqual(['FINE', 'LATE']);
    expect(watched(wb)).toEqual({ LATE: true, FINE: false });
  });
});
