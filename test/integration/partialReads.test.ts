/**
 * The form reads one client's rows, not whole sheets (src/server/workbook/read.ts readColumns,
 * withWholeRows), and the watch refresh only the columns its rules need. These check that what
 * they read is the same as a whole-sheet read would give, even when rows or columns move
 * between two of their calls.
 */
import type {} from '../../src/shared/formApi';
import { workbook, type TestWorkbook } from './harness';

/**
 * Runs `act` (what a person does by hand) once, just before the `read`-th Sheet.getSheetValues
 * made once the `sheet`-th sheet has been looked up. The harness's own calls count too.
 */
function interleave(wb: TestWorkbook, at: { sheet: number; read: number }, act: () => void) {
  const calls = wb.emu.calls;
  const original = calls.count.bind(calls);
  const seen = { sheets: 0, reads: 0, stop: () => void (calls.count = original) };
  calls.count = (kind: string) => {
    original(kind);
    if (kind === 'Spreadsheet.getSheetByName') seen.sheets++;
    if (seen.sheets >= at.sheet && kind === 'Sheet.getSheetValues' && ++seen.reads === at.read)
      act();
  };
  return seen;
}

/** Two clients with a 30-day term and one invoice each: 10 $ for the first, 20 $ for the second. */
function twoClientsInvoiced(first: [string, string], second: [string, string]): TestWorkbook {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  const both = [first, second];
  wb.addRecords(
    'en',
    'clients',
    both.map(([code]) => ({ code, name: code })),
  );
  wb.addRecords(
    'en',
    'terms',
    both.map(([code]) => ({ clientCode: code, termDays: 30 })),
  );
  wb.addRecords(
    'en',
    'invoices',
    both.map(([code, date], i) => ({
      number: String(i + 1),
      date,
      clientCode: code,
      amount: 10 * (i + 1),
    })),
  );
  return wb;
}

const code = (i: number) => `C${String(i).padStart(5, '0')}`;

/** 3,000 clients; client C01500 has rows far apart in Commissions and the CRM log. */
function scattered(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
  const n = 3000;
  wb.append(
    'Clients',
    Array.from({ length: n }, (_, i) => ({ 'Code client': code(i + 1), Nom: `Client ${i + 1}` })),
  );
  wb.append(
    'Termes',
    Array.from({ length: n }, (_, i) => ({
      'Code client': code(i + 1),
      'Terme (jours)': 30 + (i % 3),
    })),
  );
  // Anyone but C01500, spread over the sheet.
  const other = (i: number, step: number) =>
    ((i * step) % n) + 1 === 1500 ? 1 : ((i * step) % n) + 1;
  const crm = Array.from({ length: n }, (_, i) => ({
    'Code client': code(other(i, 7)),
    Date: '2026-01-02',
    Nature: 'Discussion',
    De: 'Ventes',
    Objet: `Sujet ${i}`,
  }));
  // Client C01500's three discussions: near the top, in the middle and at the very end.
  for (const [at, subject] of [
    [10, 'Premier appel'],
    [1400, 'Relance'],
    [2999, 'Commande'],
  ] as const)
    crm[at] = { ...crm[at]!, 'Code client': code(1500), Objet: subject };
  wb.append('Journal CRM', crm);
  wb.append(
    'Commissions',
    Array.from({ length: n }, (_, i) => ({
      'Code client': code(
        i === 5 || i === 2500 ? 1500 : ((i * 11) % n) + 1 === 1500 ? 1 : ((i * 11) % n) + 1,
      ),
      Vendeur: i === 2500 ? 'Sophie' : 'Marc',
      'Type de commission': 'Ventes',
      'Taux (%)': i === 2500 ? 3 : 5,
    })),
  );
  return wb;
}

describe("reading one client's rows", () => {
  test('the record has every row of the client, far apart as they are, and reads a fraction of the cells', () => {
    const wb = scattered();
    const m = wb.emu.calls.measure(() => wb.run('formOpen', { code: 'c01500' }));
    const record = m.result.record!;
    expect(record.general).toMatchObject({ code: code(1500), name: 'Client 1500' });
    expect(record.terms.termDays).toBe(30 + (1499 % 3));
    expect(record.crm.discussions.map((d) => d.subject)).toEqual([
      'Premier appel',
      'Relance',
      'Commande',
    ]);
    expect(record.salespeople.map((s) => [s.salesperson, s.ratePct])).toEqual([
      ['Marc', 5],
      ['Sophie', 3],
    ]);
    expect(m.result.clients).toHaveLength(3000);
    // every cell of the four sheets would be: 3,000 rows × (29 + 17 + 5 + 8) columns
    const whole =
      3000 * (wb.header('Clients').length + wb.header('Termes').length) +
      3000 * (wb.header('Commissions').length + wb.header('Journal CRM').length);
    expect(m.cells.read).toBeLessThan(whole / 4);
  });

  test('rows sorted between reading the codes and reading the rows: read again, the right client', () => {
    const wb = scattered();
    // Lists, then Clients, Terms, Commissions, CRM log; after the CRM log's header and codes,
    // the next read is the client's Clients row: just before it, someone sorts Clients Z→A.
    const seen = interleave(wb, { sheet: 5, read: 3 }, () => {
      const sheet = wb.sheet('Clients');
      const n = sheet.getLastRow() - 1;
      const rows = sheet.getRange(2, 1, n, 2).getValues();
      sheet.getRange(2, 1, n, 2).setValues(rows.reverse());
    });
    const open = wb.run('formOpen', { code: code(1500) });
    seen.stop();
    expect(seen.reads).toBeGreaterThan(3);
    expect(seen.sheets).toBeGreaterThan(5); // the key columns were read again
    expect(open.record?.general).toMatchObject({ code: code(1500), name: 'Client 1500' });
  });
});

describe('reading only some columns', () => {
  test('a column inserted in Invoices while the refresh reads it: read again, nothing misread', () => {
    const wb = twoClientsInvoiced(['LATE', '2026-01-01'], ['FINE', '2026-11-10']);
    // Invoices is the third sheet; after its header, before its first column block.
    const seen = interleave(wb, { sheet: 3, read: 2 }, () =>
      wb.sheet('Invoices').insertColumnBefore(1),
    );
    wb.run('refreshWatchList');
    seen.stop();
    expect(seen.reads).toBeGreaterThan(2);
    const watched = Object.fromEntries(
      wb.rows('Clients').map((r) => [r['Client code'], r['Under watch']]),
    );
    expect(watched).toEqual({ LATE: true, FINE: false });
    const balances = wb.rows('Terms').map((r) => [r['Client code'], r['Balance due']]);
    expect(balances).toEqual([
      ['LATE', 10],
      ['FINE', 20],
    ]);
  });
});

describe('rows moving between two column blocks of one sheet', () => {
  function twoClients(): TestWorkbook {
    const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
    wb.append('Lists', [
      { 'Account managers': 'Marie', 'Account manager emails': 'marie@example.com' },
    ]);
    wb.addRecords('en', 'clients', [
      { code: 'A', name: 'Alpha', accountManager: 'Marie' },
      { code: 'B', name: 'Beta', accountManager: 'Marie' },
    ]);
    return wb;
  }
  const flags = (wb: TestWorkbook) =>
    Object.fromEntries(wb.rows('Clients').map((r) => [r['Client code'], r['Under watch']]));
  /** Swaps data rows 2 and 3 of a sheet, as a sort would. */
  const swap = (wb: TestWorkbook, name: string) => () => {
    const sheet = wb.sheet(name);
    const width = sheet.getLastColumn();
    const rows = sheet.getRange(2, 1, 2, width).getValues();
    sheet.getRange(2, 1, 2, width).setValues([rows[1]!, rows[0]!]);
  };

  test("Invoices sorted before its last block: no invoice gets another one's paid date", () => {
    const wb = twoClients();
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-01-01', clientCode: 'A', amount: 10, paidDate: '2026-01-05' },
      { number: '2', date: '2026-11-10', clientCode: 'B', amount: 20 },
    ]);
    // Invoices is the third sheet: header, [number..code], [amount], then [due, paid].
    const seen = interleave(wb, { sheet: 3, read: 4 }, swap(wb, 'Invoices'));
    wb.run('refreshWatchList');
    seen.stop();
    expect(flags(wb)).toEqual({ A: false, B: false });
    expect(wb.emu.mails).toEqual([]);
  });

  test('Terms sorted between its blocks, nothing to write in Terms: the manual reason stays with its client', () => {
    const wb = twoClients();
    wb.addRecords('en', 'terms', [
      { clientCode: 'A', watchReason: 'dispute' },
      { clientCode: 'B', termDays: 30 },
    ]);
    // Terms is the second sheet: header, [code], [limit, term], then [last dates .. reason].
    const seen = interleave(wb, { sheet: 2, read: 4 }, swap(wb, 'Terms'));
    wb.run('refreshWatchList');
    seen.stop();
    expect(flags(wb)).toEqual({ A: true, B: false });
    expect(wb.emu.mails.map((m) => m.body)).toEqual([
      expect.stringContaining('A Alpha: Manual: dispute'),
    ]);
  });
});

test('the key column last in the sheet: blocks still read from one row order (its block first)', () => {
  const wb = twoClientsInvoiced(['A', '2026-11-01'], ['B', '2026-11-02']);
  // The team moves "Invoice no." to the end of Invoices.
  const invoices = wb.sheet('Invoices');
  const width = invoices.getLastColumn();
  const values = invoices.getRange(1, 1, 3, width).getValues();
  invoices.getRange(1, 1, 3, width).setValues(values.map((row) => [...row.slice(1), row[0]]));
  // Invoices is the third sheet: after its header and its first block, a sort swaps the rows.
  const seen = interleave(wb, { sheet: 3, read: 3 }, () => {
    const rows = invoices.getRange(2, 1, 2, width).getValues();
    invoices.getRange(2, 1, 2, width).setValues([rows[1]!, rows[0]!]);
  });
  wb.run('refreshWatchList');
  seen.stop();
  expect(wb.rows('Terms').map((r) => [r['Client code'], r['Balance due']])).toEqual([
    ['A', 10],
    ['B', 20],
  ]);
});

test('a column inserted after the save read the client, before it writes: the cells land in their columns', () => {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha', email: 'a@example.com' }]);
  const loaded = wb.run('formLoad', 'A');
  if ('error' in loaded) throw new Error(loaded.error);
  const original = structuredClone(loaded.record);
  loaded.record.general.email = 'new@example.com';
  wb.emu.clock.advance(2000);
  // Just before the save asks who the user is (after its last read), a column is inserted
  // right of Client code.
  wb.emu.at('Session.getActiveUser', () => wb.sheet('Clients').insertColumnAfter(1));
  const saved = wb.run('formSave', { record: loaded.record, isNew: false, original });
  expect(saved.ok).toBe(true);
  const row = wb.rows('Clients')[0]!;
  expect(row['Email']).toBe('new@example.com');
  expect(row['Contact']).toBe('');
  expect(row['Updated at']).toBeInstanceOf(Date);
  expect(saved.ok && saved.record.version).not.toBe('');
});

test('a save’s calls by step: the reading/writing layer, the lock and the cache name theirs, and the steps add up', () => {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha', email: 'a@example.com' }]);
  const loaded = wb.run('formLoad', 'A');
  if ('error' in loaded) throw new Error(loaded.error);
  const original = structuredClone(loaded.record);
  loaded.record.general.phone = '514 555-0101';
  wb.emu.clock.advance(2000);
  const m = wb.emu.calls.measure(() =>
    wb.run('formSave', { record: loaded.record, isNew: false, original }),
  );
  expect(m.result.ok).toBe(true);
  const steps = m.steps.map((s) => s.step);
  expect(steps).toEqual(expect.arrayContaining(['lock', 'flush and unlock']));
  expect(steps.some((s) => /^read clients( columns| rows)?$/.test(s))).toBe(true);
  expect(steps.some((s) => / › write cells$|^write cells$/.test(s))).toBe(true);
  expect(m.steps.reduce((n, s) => n + s.total, 0)).toBe(m.total);
  const written = m.steps.filter((s) => s.step.endsWith('write cells'));
  expect(written.reduce((n, s) => n + s.cells.written, 0)).toBe(m.cells.written);
});
