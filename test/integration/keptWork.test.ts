/**
 * Decision 017, through the built bundle: work a trigger could not do is kept (which
 * clients, since when) and done by the next run of any trigger, never lost and never done
 * twice; "newly watched" notices that could not be sent wait until they are, once each.
 */
import { createEmulator } from '../../emulator';
import { TestWorkbook } from './harness';

const NOON = '2026-11-15T12:00:00-05:00';

function englishWorkbook(opts: { mailQuota?: number } = {}): TestWorkbook {
  const emu = createEmulator({
    locale: 'en_US',
    timeZone: 'America/Toronto',
    now: NOON,
    mailQuota: opts.mailQuota,
  });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  return wb;
}

function watched(wb: TestWorkbook): Record<string, unknown> {
  return Object.fromEntries(wb.rows('Clients').map((r) => [r['Client code'], r['Under watch']]));
}

function pending(wb: TestWorkbook): {
  watch: { all: unknown; clients: { c: string; s: string }[] };
  notices: { c: string; s: string }[];
  edit: { state: string; message: string } | null;
} | null {
  const raw = wb.emu.properties.document.toJSON()['ficheClient.pending'];
  return raw ? JSON.parse(raw) : null;
}

/** Two clients with an overdue invoice each: both come under watch at their first recompute. */
function twoOverdue(wb: TestWorkbook): void {
  wb.addRecords('en', 'clients', [
    { code: 'A', name: 'Alpha' },
    { code: 'B', name: 'Beta' },
  ]);
  wb.addRecords('en', 'invoices', [
    { number: '1', date: '2026-01-01', clientCode: 'A', amount: 1 },
    { number: '2', date: '2026-01-01', clientCode: 'B', amount: 1 },
  ]);
  wb.run('refreshWatchList');
  expect(watched(wb)).toEqual({ A: true, B: true });
}

/** Another execution holds the document lock (a full refresh at full size holds it ≈ 90 s). */
function holdLock(wb: TestWorkbook): () => void {
  expect(wb.emu.locks.acquire('document', 'a-long-refresh')).toBe(true);
  return () => wb.emu.locks.release('document', 'a-long-refresh');
}

describe('pending work survives a busy workbook', () => {
  test('an edit trigger that finds the lock busy does not throw; the next edit trigger run makes the status right', () => {
    const wb = englishWorkbook();
    twoOverdue(wb);
    const release = holdLock(wb);
    wb.setCell('Invoices', 2, 'Paid on', '2026-11-01');
    const busy = wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'H2' }, oldValue: '' });
    expect(busy.map((o) => o.error)).toEqual(busy.map(() => undefined));
    expect(watched(wb)).toEqual({ A: true, B: true }); // not recomputed yet
    const kept = pending(wb)!;
    expect(kept.watch.clients.map((e) => e.c)).toEqual(['A']);
    expect(kept.watch.clients[0]!.s).toMatch(/^2026-11-15T/);
    expect(kept.edit?.state).toBe('kept');
    expect(kept.edit?.message).toContain('busy');
    release();

    // The next edit, even one the rules do not read (a phone number), does the kept work.
    wb.emu.clock.advance(60_000);
    wb.setCell('Clients', 2, 'Phone', '514-555-0000');
    const next = wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'F2' } });
    expect(next.map((o) => o.error)).toEqual(next.map(() => undefined));
    expect(watched(wb)).toEqual({ A: false, B: true });
    const after = pending(wb)!;
    expect(after.watch.clients).toEqual([]);
    expect(after.watch.all).toBeNull();
    expect(after.edit?.state).toBe('done');

    // Done once: a later edit of an unwatched column costs no recompute (no lock taken).
    const later = wb.measure(() => wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'F2' } }));
    expect(later.calls['Lock.tryLock'] ?? 0).toBe(0);
  });

  test('the hourly run does the kept work when no edit comes', () => {
    const wb = englishWorkbook();
    twoOverdue(wb);
    const release = holdLock(wb);
    wb.setCell('Invoices', 3, 'Paid on', '2026-11-01');
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'H3' }, oldValue: '' });
    expect(watched(wb)).toEqual({ A: true, B: true });
    release();
    wb.emu.advanceTo('2026-11-15T13:05:00-05:00');
    expect(wb.emu.triggerFailures).toEqual([]);
    expect(watched(wb)).toEqual({ A: true, B: false });
    expect(pending(wb)?.watch.clients ?? []).toEqual([]);
  });

  test('a big paste while busy keeps the whole list, done by the next hourly run', () => {
    const wb = englishWorkbook();
    twoOverdue(wb);
    const release = holdLock(wb);
    // Eleven rows pasted: the whole list is owed.
    wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'A2:H12' } });
    expect(pending(wb)!.watch.all).not.toBeNull();
    wb.setCell('Invoices', 2, 'Paid on', '2026-11-01');
    wb.setCell('Invoices', 3, 'Paid on', '2026-11-01');
    release();
    wb.emu.advanceTo('2026-11-15T13:05:00-05:00');
    expect(watched(wb)).toEqual({ A: false, B: false });
    expect(pending(wb)?.watch.all ?? null).toBeNull();
  });

  test('a run stopped by a missing column keeps the work and says why; it is done once the column is back', () => {
    const wb = englishWorkbook();
    twoOverdue(wb);
    wb.setCell('Invoices', 2, 'Paid on', '2026-11-01');
    const header = wb.header('Invoices');
    const col = header.indexOf('Amount') + 1;
    wb.sheet('Invoices').getRange(1, col).setValue('Montant?');
    const failed = wb.emu.fireEdit({ range: { sheet: 'Invoices', a1: 'H2' }, oldValue: '' });
    expect(failed.some((o) => o.error !== undefined)).toBe(true);
    const kept = pending(wb)!;
    expect(kept.watch.clients.map((e) => e.c)).toEqual(['A']);
    expect(kept.edit?.state).toBe('failed');
    expect(kept.edit?.message).toContain('Amount');
    wb.sheet('Invoices').getRange(1, col).setValue('Amount');
    wb.emu.advanceTo('2026-11-15T13:05:00-05:00');
    expect(watched(wb)).toEqual({ A: false, B: true });
    expect(pending(wb)?.watch.clients ?? []).toEqual([]);
  });
});

/** Two clients under watch by hand, one per account manager (Marie, Paul). */
function managed(wb: TestWorkbook): void {
  wb.append('Lists', [
    { 'Account managers': 'Marie', 'Account manager emails': 'marie@example.com' },
    { 'Account managers': 'Paul', 'Account manager emails': 'paul@example.com' },
  ]);
  wb.addRecords('en', 'clients', [
    { code: 'M1', name: 'Marie one', accountManager: 'Marie' },
    { code: 'P1', name: 'Paul one', accountManager: 'Paul' },
  ]);
  wb.addRecords('en', 'terms', [
    { clientCode: 'M1', watchReason: 'dispute' },
    { clientCode: 'P1', watchReason: 'bounced cheque' },
  ]);
}

/** A quota of one recipient: the refresh mails Marie and keeps Paul's notice of P1. */
function keptNoticeOfP1(): TestWorkbook {
  const wb = englishWorkbook({ mailQuota: 1 });
  managed(wb);
  wb.run('refreshWatchList');
  expect(pending(wb)!.notices.map((e) => e.c)).toEqual(['P1']);
  return wb;
}

describe('notices wait until sent', () => {
  test('a notice past the quota is kept by code only, sent at the next run within the quota, once', () => {
    const wb = englishWorkbook({ mailQuota: 1 });
    managed(wb);
    wb.run('refreshWatchList');
    expect(wb.emu.mails.map((m) => m.to)).toEqual([['marie@example.com']]);
    const kept = pending(wb)!;
    expect(kept.notices.map((e) => e.c)).toEqual(['P1']);
    // References only: no name, no reason, no address of the client's in the record.
    const raw = wb.emu.properties.document.toJSON()['ficheClient.pending']!;
    expect(raw).not.toContain('Paul one');
    expect(raw).not.toContain('bounced');

    // Settings shows what waits.
    expect(wb.run('triggerStatusLoad').jobs).toContainEqual(
      expect.stringMatching(/^Pending: 1 "under watch" notice to send \(since 2026-11-15 12:00\)/),
    );

    // The next hourly run, the quota still spent: still kept, nothing sent twice.
    wb.emu.advanceTo('2026-11-15T13:05:00-05:00');
    expect(wb.emu.mails).toHaveLength(1);
    expect(pending(wb)!.notices.map((e) => e.c)).toEqual(['P1']);

    // A day later the quota is back: sent, once, with what Clients holds now.
    wb.emu.advanceTo('2026-11-16T13:05:00-05:00');
    expect(wb.emu.mails.map((m) => m.to)).toEqual([['marie@example.com'], ['paul@example.com']]);
    expect(wb.emu.mails[1]!.body).toContain('P1 Paul one');
    expect(pending(wb)?.notices ?? []).toEqual([]);
    wb.emu.advanceTo('2026-11-17T13:05:00-05:00');
    wb.run('refreshWatchList');
    expect(wb.emu.mails).toHaveLength(2);
  });

  test('a kept notice of a client no longer under watch is not sent', () => {
    const wb = keptNoticeOfP1();
    wb.setCell('Terms', 3, 'Why under watch', '');
    wb.run('refreshWatchList'); // P1 leaves the watch list
    wb.emu.advanceTo('2026-11-16T13:05:00-05:00');
    expect(wb.emu.mails).toHaveLength(1);
    expect(pending(wb)?.notices ?? []).toEqual([]);
  });

  test('a kept notice of a client made inactive since is not sent: still flagged, no e-mail', () => {
    const wb = keptNoticeOfP1();
    wb.setCell('Clients', 3, 'Status', 'Inactive');
    wb.emu.advanceTo('2026-11-16T13:05:00-05:00');
    expect(wb.emu.mails).toHaveLength(1);
    expect(pending(wb)?.notices ?? []).toEqual([]);
    expect(wb.rows('Clients')[1]!['Under watch']).toBe(true);
  });
});

describe('statements wait until sent', () => {
  test('a statement past the quota is kept by month and name, sent by a later hourly run from the report as written, once', () => {
    const wb = englishWorkbook({ mailQuota: 1 });
    const current = wb.run('settingsLoad');
    expect(wb.run('settingsSave', { ...current, sendStatements: true })).toEqual({ ok: true });
    wb.append('Lists', [
      { Salespeople: 'Alice', 'Salesperson emails': 'alice@example.com' },
      { Salespeople: 'Bob', 'Salesperson emails': 'bob@example.com' },
    ]);
    wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
    wb.addRecords('en', 'commissions', [
      { clientCode: 'A', salesperson: 'Alice', commissionType: 'sales', ratePct: 10 },
      { clientCode: 'A', salesperson: 'Bob', commissionType: 'sales', ratePct: 5 },
    ]);
    wb.addRecords('en', 'invoices', [
      { number: 'F-1', date: '2026-10-05', clientCode: 'A', amount: 1000 },
    ]);
    wb.run('computeCommissions', '2026-10');
    expect(wb.emu.mails.map((m) => m.to)).toEqual([['alice@example.com']]);
    const raw = wb.emu.properties.document.toJSON()['ficheClient.pending']!;
    expect(
      JSON.parse(raw).statements.map((e: { m: string; p: string }) => `${e.m} ${e.p}`),
    ).toEqual(['2026-10 Bob']);
    expect(raw).not.toContain('1000');
    // The team corrects Bob's commission by hand in the report before the quota comes back:
    // the statement sent is the report as it stands.
    const report = wb.rows('Commission report');
    const bobRow = report.findIndex((r) => r.Salesperson === 'Bob') + 2;
    wb.setCell('Commission report', bobRow, 'Commission', 55);
    wb.emu.advanceTo('2026-11-15T13:05:00-05:00');
    expect(wb.emu.mails).toHaveLength(1);
    wb.emu.advanceTo('2026-11-16T13:05:00-05:00');
    expect(wb.emu.mails.map((m) => m.to)).toEqual([['alice@example.com'], ['bob@example.com']]);
    expect(wb.emu.mails[1]!.body).toContain('55.00');
    expect(wb.emu.mails[1]!.body).toContain('F-1');
    const after = JSON.parse(wb.emu.properties.document.toJSON()['ficheClient.pending'] ?? '{}');
    expect(after.statements ?? []).toEqual([]);
    wb.emu.advanceTo('2026-11-17T13:05:00-05:00');
    expect(wb.emu.mails).toHaveLength(2);
  });
});

describe('a copy does not inherit the work kept', () => {
  test('a copy of a workbook with notices kept neither sends them nor lists them; Set up in the copy drops them', () => {
    const wb = keptNoticeOfP1();
    const copy = new TestWorkbook(
      wb.emu.copySpreadsheet({ user: 'bob@example.com', documentProperties: 'copy' }),
    );
    const status = copy.runAs('bob@example.com', 'triggerStatusLoad');
    expect(status.jobs.some((l) => l.startsWith('Pending'))).toBe(false);
    copy.runAs('bob@example.com', 'setupWorkbook');
    expect(pending(copy)).toBeNull();
    copy.runAs('bob@example.com', 'refreshWatchList');
    expect(copy.emu.mails).toEqual([]); // the original told Paul's manager, not the copy
  });
});
