/**
 * computeCommissions reads only what its rules use, writes nothing on a rerun that changes
 * nothing, and never deletes another month's rows when people sort Commission details by hand
 * while it runs (src/server/commissions/commissionRun.ts).
 */
import { workbook, type TestWorkbook } from './harness';

const code = (i: number) => `C${String(i).padStart(3, '0')}`;

/**
 * `n` clients with one agreement each (Alice, Sales 10 %), an invoice in September and one in
 * October each; Commissions has columns of the team's own; September and October computed.
 */
function twoMonths(n: number): TestWorkbook {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  const commissions = wb.sheet('Commissions');
  const width = wb.header('Commissions').length;
  // The team inserts its own columns after the last one (Set up leaves no blank column).
  if (width + 3 > commissions.getMaxColumns())
    commissions.insertColumnsAfter(width, width + 3 - commissions.getMaxColumns());
  commissions.getRange(1, width + 1, 1, 3).setValues([['Team notes', 'Team region', 'Team flag']]);
  const codes = Array.from({ length: n }, (_, i) => code(i + 1));
  wb.append(
    'Clients',
    codes.map((c) => ({ 'Client code': c, Name: `Client ${c}`, City: 'Québec' })),
  );
  wb.append(
    'Commissions',
    codes.map((c) => ({
      'Client code': c,
      Salesperson: 'Alice',
      'Commission type': 'Sales',
      'Rate (%)': 10,
      'Team notes': 'note',
      'Team region': 'East',
      'Team flag': 'x',
    })),
  );
  wb.append(
    'Invoices',
    codes.flatMap((c, i) => [
      { 'Invoice no.': `S${i}`, Date: '2026-09-10', 'Client code': c, Amount: 100 + i },
      {
        'Invoice no.': `O${i}`,
        Date: '2026-10-10',
        'Client code': c,
        Amount: 200 + i,
        'Due date': '2026-11-09',
      },
    ]),
  );
  wb.run('computeCommissions', '2026-09');
  wb.run('computeCommissions', '2026-10');
  return wb;
}

type Row = Record<string, unknown>;
const key = (r: Row) => JSON.stringify(Object.values(r));
/** The rows of a month, in a stable order. */
const ofMonth = (rows: Row[], month: string) =>
  rows
    .filter((r) => r.Month === month)
    .map(key)
    .sort();

/** Sorts the data rows of Commission details by client code (months end up interleaved). */
function sortDetailsByClient(wb: TestWorkbook): void {
  const sheet = wb.sheet('Commission details');
  const n = sheet.getLastRow() - 1;
  const width = sheet.getLastColumn();
  const range = sheet.getRange(2, 1, n, width);
  const rows = range.getValues();
  rows.sort(
    (a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[0]).localeCompare(String(b[0])),
  );
  range.setValues(rows);
}

/**
 * Runs fn with a hook on every counted service call made after the document lock is taken;
 * the hook's own calls (it reads and writes the sheet as a person would) do not re-enter it.
 */
function afterLock<T>(wb: TestWorkbook, hook: (kind: string) => void, fn: () => T): T {
  const calls = wb.emu.calls;
  const original = calls.count.bind(calls);
  let locked = false;
  let acting = false;
  calls.count = (kind: string) => {
    original(kind);
    if (acting) return;
    if (kind === 'Lock.tryLock') locked = true;
    if (!locked) return;
    acting = true;
    try {
      hook(kind);
    } finally {
      acting = false;
    }
  };
  try {
    return fn();
  } finally {
    calls.count = original;
  }
}

describe('a rerun that changes nothing', () => {
  test('writes nothing at all, and keeps Paid out', () => {
    const wb = twoMonths(30);
    const i = wb.rows('Commission report').findIndex((r) => r.Month === '2026-10');
    wb.setCell('Commission report', i + 2, 'Paid out', true);
    // The first run after the tick records the row's Amount paid out (decision 020): one cell.
    const first = wb.emu.calls.measure(() => wb.run('computeCommissions', '2026-10'));
    expect(first.cells.written).toBe(1);
    expect(wb.rows('Commission report')[i]!['Amount paid out']).toBe(
      wb.rows('Commission report')[i]!.Commission,
    );
    const details = wb.rows('Commission details');
    const report = wb.rows('Commission report');
    const m = wb.emu.calls.measure(() => wb.run('computeCommissions', '2026-10'));
    expect(m.calls['Range.setValues']).toBeUndefined();
    expect(m.calls['Sheet.deleteRows']).toBeUndefined();
    expect(m.calls['Sheet.insertRowsAfter']).toBeUndefined();
    expect(m.cells.written).toBe(0);
    expect(wb.rows('Commission details')).toEqual(details);
    expect(wb.rows('Commission report')).toEqual(report);
    expect(report[i]!['Paid out']).toBe(true);
  });

  test('a detail line changed by hand is written again, the report (the same) is not', () => {
    const wb = twoMonths(30);
    const details = wb.rows('Commission details');
    const report = wb.rows('Commission report');
    const j = details.findIndex((r) => r.Month === '2026-10');
    wb.setCell('Commission details', j + 2, 'Commission type', 'Margin');
    const m = wb.emu.calls.measure(() => wb.run('computeCommissions', '2026-10'));
    expect(m.calls['Range.setValues']).toBe(1); // the details, appended
    expect(ofMonth(wb.rows('Commission details'), '2026-10')).toEqual(ofMonth(details, '2026-10'));
    expect(ofMonth(wb.rows('Commission details'), '2026-09')).toEqual(ofMonth(details, '2026-09'));
    expect(wb.rows('Commission report')).toEqual(report);
  });
});

describe('Commission details sorted by hand while the month is recomputed', () => {
  /** October changes (a new invoice), so the rerun must replace October's rows. */
  function changed(): { wb: TestWorkbook; september: string[]; report: Row[] } {
    const wb = twoMonths(40);
    const september = ofMonth(wb.rows('Commission details'), '2026-09');
    const report = wb.rows('Commission report').filter((r) => r.Month === '2026-09');
    wb.append('Invoices', [
      { 'Invoice no.': 'NEW', Date: '2026-10-25', 'Client code': code(5), Amount: 1000 },
    ]);
    return { wb, september, report };
  }

  function expectOctoberOnce(wb: TestWorkbook, september: string[], report: Row[]): void {
    const rows = wb.rows('Commission details');
    expect(ofMonth(rows, '2026-09')).toEqual(september);
    const october = rows.filter((r) => r.Month === '2026-10');
    expect(october).toHaveLength(41);
    expect(new Set(october.map((r) => r['Invoice no.'])).size).toBe(41);
    expect(october.find((r) => r['Invoice no.'] === 'NEW')).toMatchObject({
      'Client code': code(5),
      Commission: 100,
    });
    expect(rows).toHaveLength(81);
    const totals = wb.rows('Commission report');
    expect(totals.filter((r) => r.Month === '2026-09')).toEqual(report);
    expect(totals.filter((r) => r.Month === '2026-10').map((r) => r.Commission)).toEqual([
      // 40 invoices of 200 + i (i = 0..39) at 10 %, plus 1,000 at 10 %
      (200 * 40 + (39 * 40) / 2) / 10 + 100,
    ]);
  }

  // Inside the lock the run reads the report, then the details' header, Month column and the
  // month's rows, then checks the Month columns again. The sort comes right after the n-th
  // getSheetValues, at the next call whatever it is (n = 4: between the last read and the check).
  for (const n of [1, 2, 3, 4]) {
    test(`sorted after read ${n}: October once, September untouched`, () => {
      const { wb, september, report } = changed();
      let values = 0;
      let armed = false;
      let sorted = false;
      afterLock(
        wb,
        (kind) => {
          if (armed && !sorted) {
            sortDetailsByClient(wb);
            sorted = true;
          }
          if (kind === 'Sheet.getSheetValues' && ++values === n) armed = true;
        },
        () => wb.run('computeCommissions', '2026-10'),
      );
      expect(sorted).toBe(true);
      expectOctoberOnce(wb, september, report);
    });
  }

  test('rows moving on every read: the busy message, nothing written', () => {
    const { wb } = changed();
    const before = wb.rows('Commission details').map(key).sort();
    const report = wb.rows('Commission report');
    let reversals = 0;
    const m = wb.emu.calls.measure(() =>
      afterLock(
        wb,
        (kind) => {
          if (kind !== 'Sheet.getSheetValues') return;
          const sheet = wb.sheet('Commission details');
          const range = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
          range.setValues(range.getValues().reverse());
          reversals++;
        },
        () => expect(() => wb.run('computeCommissions', '2026-10')).toThrow(/busy/),
      ),
    );
    expect(reversals).toBeGreaterThan(3);
    expect(m.calls['Sheet.deleteRows']).toBeUndefined();
    expect(m.calls['Range.setValues']).toBe(reversals); // the hook's own, none by the run
    expect(wb.rows('Commission details').map(key).sort()).toEqual(before);
    expect(wb.rows('Commission report')).toEqual(report);
  });
});

test('reads the client codes, the contract columns of agreements and invoices (no due date), and only October of the details', () => {
  const n = 300;
  const wb = twoMonths(n);
  wb.append('Invoices', [
    { 'Invoice no.': 'NEW', Date: '2026-10-25', 'Client code': code(5), Amount: 1000 },
  ]);
  const width = (name: string) => wb.header(name).length;
  const m = wb.emu.calls.measure(() => wb.run('computeCommissions', '2026-10'));
  const whole =
    width('Payments') +
    (n + 1) * width('Clients') +
    (n + 1) * width('Commissions') +
    (2 * n + 2) * width('Invoices') +
    (2 * n + 1) * width('Commission details') +
    3 * width('Commission report');
  // Per sheet: the header row, then the columns read from row 1 (Invoices in one block of all 8:
  // its 7 columns in two blocks would need the first one read again to check no row moved in
  // between, as many cells); Commission details: its Month column, October's n rows whole and
  // its header again twice (after the rows, and before writing: no column moved meanwhile),
  // then, before the append of the new line, nothing more than the header (the rows rewritten
  // in place are read again over the cells written: here none, October's lines are unchanged
  // but for the new one); the report (3 rows) whole, its header and the rows rewritten checked
  // before writing. (The append-then-delete run read the whole Month column again: 2n more.)
  const headers = ['Clients', 'Commissions', 'Invoices', 'Commission details'].reduce(
    (sum, name) => sum + width(name),
    0,
  );
  const expected =
    headers +
    (n + 1) * 1 +
    (n + 1) * 7 + // the agreements' 5 columns and their From / To (decision 020)
    width('Payments') + // the Payments sheet, empty here: its header, then its 4 columns'
    4 +
    (2 * n + 2) * 8 +
    (2 * n + 1) * 1 +
    n * width('Commission details') +
    2 * width('Commission details') +
    5 * width('Commission report') + // whole (3 rows), its header and the row rewritten again
    2;
  expect(m.cells.read).toBeLessThanOrEqual(expected);
  expect(m.cells.read).toBeLessThan(whole / 2);
  expect(wb.rows('Commission details').filter((r) => r.Month === '2026-10')).toHaveLength(n + 1);
});

test('an unreadable due date (a column read through, not used) does not leave the invoice out', () => {
  const wb = twoMonths(2);
  wb.append('Invoices', [
    {
      'Invoice no.': 'X1',
      Date: '2026-10-20',
      'Client code': code(1),
      Amount: 1000,
      'Due date': 'soon',
    },
  ]);
  wb.run('computeCommissions', '2026-10');
  const lines = wb.rows('Commission details').filter((r) => r.Month === '2026-10');
  expect(lines.map((r) => r['Invoice no.']).sort()).toEqual(['O0', 'O1', 'X1']);
  expect(lines.find((r) => r['Invoice no.'] === 'X1')?.Commission).toBe(100);
});
