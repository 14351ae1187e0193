/**
 * Scale (decision 013): the bench's synthetic workbook (bench/workbook.ts) at 1/100 and 1/10 of the
 * full size. Service calls must not grow with the data and the cells read at most linearly;
 * the first call targets (form ≤ 10, refresh and commissions < 20) are checked too, and are
 * marked failing while the product misses them (see bench/README.md for the measured figures).
 */
import { invokeServerFunction, type Emulator } from '../../emulator';
import type { Measured } from '../../emulator/calls';
import type { FormLoadResult } from '../../src/shared/formApi';
import { COMMISSION_MONTH, buildWorkbook, clientCode, sizes } from '../../bench/workbook';

type Operation =
  | 'formOpen'
  | 'formOpenWarm'
  | 'menuToForm'
  | 'formSave'
  | 'creditLimitSave'
  | 'refreshWatchList'
  | 'onEditTrigger'
  | 'computeCommissions';

function costs(emu: Emulator, clients: number): Record<Operation, Measured<unknown>> {
  const code = clientCode(Math.floor(clients / 2));
  const measure = (fn: () => unknown) => emu.calls.measure(fn);
  const formOpen = measure(() => invokeServerFunction(emu, 'formOpen', [{ code }]));
  // The first open filled the document cache (decision 004): the next ones read the client's rows.
  const formOpenWarm = measure(() => invokeServerFunction(emu, 'formOpen', [{ code }]));
  const codes = emu.spreadsheet.values('Clients').map((r) => String(r[0] ?? ''));
  emu.spreadsheet.setActiveRange('Clients', `B${codes.indexOf(code) + 1}`);
  const menuToForm = measure(() => emu.run('showClientForm'));
  const loaded = invokeServerFunction(emu, 'formLoad', [code]);
  const load = (loaded.ok ? loaded.value : { error: 'formLoad failed' }) as FormLoadResult;
  if ('error' in load) throw new Error(load.error);
  const original = structuredClone(load.record);
  load.record.general.phone = '514 555-9999';
  const formSave = measure(() =>
    invokeServerFunction(emu, 'formSave', [{ record: load.record, isNew: false, original }]),
  );
  const again = invokeServerFunction(emu, 'formLoad', [code]);
  const reload = (again.ok ? again.value : { error: 'formLoad failed' }) as FormLoadResult;
  if ('error' in reload) throw new Error(reload.error);
  const before = structuredClone(reload.record);
  reload.record.terms.creditLimit = 4321;
  emu.clock.advance(2000);
  const creditLimitSave = measure(() =>
    invokeServerFunction(emu, 'formSave', [
      { record: reload.record, isNew: false, original: before },
    ]),
  );
  const refreshWatchList = measure(() => emu.run('refreshWatchList'));
  emu.spreadsheet.seed('Factures', [['2026-11-14']], 'H5');
  const onEditTrigger = measure(() => emu.fireEdit({ range: { sheet: 'Factures', a1: 'H5' } }));
  const computeCommissions = measure(() => emu.run('computeCommissions', COMMISSION_MONTH));
  return {
    formOpen,
    formOpenWarm,
    menuToForm,
    formSave,
    creditLimitSave,
    refreshWatchList,
    onEditTrigger,
    computeCommissions,
  };
}

/** Growing a sheet to fit the report is one insertRowsAfter at most: the only call allowed to vary. */
function steady(calls: Record<string, number>): Record<string, number> {
  const { 'Sheet.insertRowsAfter': _grown, ...rest } = calls;
  return rest;
}

let small: Record<Operation, Measured<unknown>>;
let large: Record<Operation, Measured<unknown>>;

beforeAll(() => {
  const [hundredth, tenth] = sizes();
  small = costs(buildWorkbook(hundredth!), hundredth!.clients);
  large = costs(buildWorkbook(tenth!), tenth!.clients);
}, 60_000);

describe('service calls do not grow with the data (1/100 vs 1/10 of the full size)', () => {
  test.each(['refreshWatchList', 'computeCommissions'] as const)(
    '%s: the same calls by kind',
    (op) => {
      expect(steady(large[op].calls)).toEqual(steady(small[op].calls));
      // it did read the larger workbook: ten times the cells, not more
      expect(large[op].cells.read).toBeGreaterThan(5 * small[op].cells.read);
      expect(large[op].cells.read).toBeLessThanOrEqual(11 * small[op].cells.read);
    },
  );

  // The form reads the key columns whole, then one client's rows in at most 16 blocks per sheet
  // (src/server/workbook/sheets.ts rowBlocks): a bigger sheet may take a few more blocks, bounded.
  // So does the edit trigger after a payment date typed in one invoice: it recomputes that
  // invoice's client only (src/server/watch/perClient.ts).
  test.each(['formOpen', 'formSave', 'onEditTrigger'] as const)(
    '%s: the same calls by kind, but for a bounded number of row blocks',
    (op) => {
      const blocks = (calls: Record<string, number>) => calls['Sheet.getSheetValues'] ?? 0;
      const others = (calls: Record<string, number>) =>
        Object.fromEntries(
          Object.entries(calls).filter(
            ([k]) => k !== 'Sheet.getSheetValues' && !/setValues|getRange$/.test(k),
          ),
        );
      expect(others(large[op].calls)).toEqual(others(small[op].calls));
      // at most four sheets of one client, fifteen more blocks each
      expect(blocks(large[op].calls)).toBeLessThanOrEqual(blocks(small[op].calls) + 4 * 15);
      expect(large[op].cells.read).toBeLessThanOrEqual(11 * small[op].cells.read);
    },
  );

  test('formSave: its writes depend on the client, not on the size', () => {
    expect(large.formSave.cells.written).toBeLessThan(20);
  });
});

describe('the first call targets (≤ 10 calls)', () => {
  // Not met (bench/README.md): one round trip with the spreadsheets.currentonly scope reads
  // each client sheet in at least two calls (its sheet, then its values), and four sheets plus
  // the settings, the time zone and the lock are over ten before anything is written.
  test.failing('opening the form makes at most 10 service calls', () => {
    expect(large.formOpen.total).toBeLessThanOrEqual(10);
  });
  test.failing('saving a client makes at most 10 service calls', () => {
    expect(large.formSave.total).toBeLessThanOrEqual(10);
  });
  test.failing('the watch refresh makes fewer than 20 service calls', () => {
    expect(large.refreshWatchList.total).toBeLessThan(20);
  });
  test.failing('the commission run makes fewer than 20 service calls', () => {
    expect(large.computeCommissions.total).toBeLessThan(20);
  });
});

describe('the document cache and the call counts it holds', () => {
  test('a warm open reads the client’s rows only: its cells do not grow with the sheets', () => {
    expect(large.formOpenWarm.cells.read).toBeLessThan(large.formOpen.cells.read / 20);
    expect(large.formOpenWarm.total).toBeLessThan(large.formOpen.total);
    // the saves after it find the rows by the cache too (a phone; a credit limit)
    expect(large.formSave.cells.read).toBeLessThan(large.formOpen.cells.read / 20);
  });

  // Today's counts at 1/10 (bench/results.md has every size): a change that adds calls fails.
  test.each([
    ['formOpenWarm', 20],
    ['menuToForm', 30],
    ['formSave', 37],
    ['creditLimitSave', 95], // 80–90 by the client's invoice and payment row blocks
  ] as const)('%s makes at most %i service calls', (op, calls) => {
    expect(large[op].total).toBeLessThanOrEqual(calls);
  });

  // Not met (bench/README.md, "Speed targets"): the menu's own calls (active row, page, UI)
  // are 11 before any sheet is read, and each client sheet takes its sheet, its rows and the
  // header check.
  test.failing('menu → form ready makes at most 12 service calls', () => {
    expect(large.menuToForm.total).toBeLessThanOrEqual(12);
  });
  test.failing('a save makes at most 15 service calls', () => {
    expect(large.formSave.total).toBeLessThanOrEqual(15);
  });
  test.failing('a credit-limit save makes at most 25 service calls', () => {
    expect(large.creditLimitSave.total).toBeLessThanOrEqual(25);
  });
});
