/**
 * The watch rules' inputs are declared once (src/domain/watch.ts WATCH_INPUTS): what the
 * refresh reads, what the edit trigger watches, its cache key and the save's decision to
 * recompute all follow from that declaration (src/server/watch/columns.ts).
 */
import type * as WatchModule from '../../src/domain/watch';
import type * as ColumnsModule from '../../src/server/watch/columns';
import type * as EditTriggerModule from '../../src/server/watch/editTrigger';
import type { WatchTerms } from '../../src/domain/watch';

/** The derived modules, loaded afresh with `inputs` changing the declaration. */
function derivedWith(
  inputs?: (actual: typeof WatchModule.WATCH_INPUTS) => typeof WatchModule.WATCH_INPUTS,
): { columns: typeof ColumnsModule; editTrigger: typeof EditTriggerModule } {
  let loaded!: { columns: typeof ColumnsModule; editTrigger: typeof EditTriggerModule };
  jest.isolateModules(() => {
    if (inputs)
      jest.doMock('../../src/domain/watch', () => {
        const actual = jest.requireActual<typeof WatchModule>('../../src/domain/watch');
        return { ...actual, WATCH_INPUTS: inputs(actual.WATCH_INPUTS) };
      });
    loaded = {
      columns: jest.requireActual<typeof ColumnsModule>('../../src/server/watch/columns'),
      editTrigger: jest.requireActual<typeof EditTriggerModule>(
        '../../src/server/watch/editTrigger',
      ),
    };
  });
  jest.dontMock('../../src/domain/watch');
  return loaded;
}

describe('the columns of the watch, from the rules’ declaration', () => {
  const { columns, editTrigger } = derivedWith();

  it('watches, reads and requires what the rules read and compute, keys first', () => {
    expect(columns.WATCHED_COLUMNS).toEqual({
      clients: ['code', 'watched', 'watchReasons'],
      terms: [
        'clientCode',
        'creditLimit',
        'termDays',
        'watchReason',
        // Not read by the rules, but an unreadable one is a Watch reason (decision 021).
        'discountPct',
        'discountDays',
        'balanceDue',
        'lastInvoiceDate',
        'lastUnpaidInvoiceDate',
        'lastPaymentDate',
        'agingCurrent',
        'aging30',
        'aging60',
        'aging90',
        'agingOver90',
      ],
      invoices: ['number', 'date', 'clientCode', 'amount', 'dueDate', 'paidDate'],
      // An edit of Payments recomputes its client (decision 020).
      payments: ['invoiceNumber', 'clientCode', 'date', 'amount'],
    });
    // The refresh also reads whom to tell of a newly watched client.
    expect(columns.WATCH_READ_COLUMNS.clients).toEqual([
      'code',
      'watched',
      'watchReasons',
      'name',
      'accountManager',
      // Inactive clients are not mailed about (decision 021).
      'status',
    ]);
    // Required: the inputs the contract requires, and the computed columns of the first
    // release (Last payment and the aging columns are written where Set up has added them).
    expect(columns.WATCH_REQUIRED).toEqual({
      clients: ['code', 'watched', 'watchReasons'],
      terms: ['clientCode', 'balanceDue', 'lastInvoiceDate', 'lastUnpaidInvoiceDate'],
      invoices: ['number', 'date', 'clientCode', 'amount'],
      payments: ['invoiceNumber', 'clientCode', 'date', 'amount'],
    });
  });

  it('recomputes after a save that changes an input, not another field', () => {
    expect(columns.changesWatchInput('terms', { creditLimit: 100 })).toBe(true);
    expect(columns.changesWatchInput('terms', { discountPct: 2, invoiceRemarks: 'x' })).toBe(false);
    // A new client's code: invoices imported before may already name it.
    expect(columns.changesWatchInput('clients', { code: 'C9', name: 'New' })).toBe(true);
    expect(columns.changesWatchInput('clients', { name: 'Renamed' })).toBe(false);
  });

  it('names the cached positions after what they depend on', () => {
    expect(editTrigger.watchColumnsCacheKey()).toMatch(
      /^ficheClient\.watchColumns\.v4\.[0-9a-f]{8}$/,
    );
    const key = (terms: string[]) => columns.columnsCacheKey('k', 1, { terms });
    expect(key(['clientCode', 'creditLimit'])).toBe(key(['clientCode', 'creditLimit']));
    expect(key(['clientCode', 'creditLimit'])).not.toBe(key(['clientCode', 'termDays']));
    expect(columns.columnsCacheKey('k', 2, { terms: ['clientCode'] })).not.toBe(
      key(['clientCode']),
    );
  });

  it('gives the rules the declared columns only (a compile-time check)', () => {
    const terms: WatchTerms = {
      clientCode: 'C1',
      creditLimit: null,
      termDays: 30,
      watchReason: '',
    };
    // @ts-expect-error Discount (%) is not an input of the rules: reading it does not compile.
    expect(terms.discountPct).toBeUndefined();
  });
});

describe('a column the rules start reading', () => {
  const added = derivedWith(
    (actual) =>
      ({
        ...actual,
        terms: [...actual.terms, 'revenueAccount'],
      }) as unknown as typeof actual,
  );
  const before = derivedWith();

  it('is read by the refresh, watched by the edit trigger and recomputed after a save', () => {
    expect(added.columns.WATCH_READ_COLUMNS.terms).toContain('revenueAccount');
    expect(added.columns.WATCHED_COLUMNS.terms).toContain('revenueAccount');
    expect(added.columns.changesWatchInput('terms', { revenueAccount: '4010' })).toBe(true);
  });

  it('renames the edit trigger’s cache of column positions by itself', () => {
    expect(added.editTrigger.watchColumnsCacheKey()).not.toBe(
      before.editTrigger.watchColumnsCacheKey(),
    );
  });
});
