import { mergeCells, mergeRows } from '../../src/server/clientForm/savePlan';

describe('mergeCells (three-way: loaded, in the form, in the sheet now)', () => {
  const base = { city: 'Québec', phone: '418', limit: 1000 };

  it('writes only what the user changed, keeping what others changed by hand', () => {
    const stored = { city: 'Laval', phone: '418', limit: 5000 }; // edited by hand meanwhile
    const wanted = { ...base, phone: '514' };
    expect(mergeCells(stored, base, wanted)).toEqual({
      changed: { phone: '514' },
      conflicts: [],
      sheetDiffers: true,
    });
  });

  it('refuses a field changed both in the form and in the sheet, unless to the same value', () => {
    expect(mergeCells({ ...base, city: 'Laval' }, base, { ...base, city: 'Lévis' })).toEqual({
      changed: {},
      conflicts: ['city'],
      sheetDiffers: false,
    });
    expect(
      mergeCells({ ...base, city: 'Lévis' }, base, { ...base, city: 'Lévis' }).conflicts,
    ).toEqual([]);
  });

  it('without a base (a new client) writes whatever differs from the sheet', () => {
    expect(mergeCells({}, null, { city: 'Laval', phone: '' })).toEqual({
      changed: { city: 'Laval' },
      conflicts: [],
      sheetDiffers: false,
    });
  });
});

describe('mergeRows (entries carry their index among the loaded ones)', () => {
  const a = { salesperson: 'Ana', ratePct: 5 };
  const b = { salesperson: 'Bob', ratePct: 3 };
  const row = (n: number, cells: Record<string, unknown>) => ({ ...cells, row: n });
  const loaded = (cells: Record<string, unknown>, origin: number) => ({ cells, origin });

  it('keeps rows added by hand, deletes a removed one, appends a new one', () => {
    const stored = [row(2, a), row(3, { salesperson: 'Hand', ratePct: 1 }), row(4, b)];
    const c = { salesperson: 'Cy', ratePct: 2 };
    expect(mergeRows(stored, [a, b], [loaded(b, 1)])).toEqual({
      writes: [],
      appends: [],
      deletes: [2],
      conflicts: 0,
      sheetDiffers: true, // the row added by hand
    });
    expect(mergeRows(stored, [a, b], [loaded(a, 0), loaded(b, 1), { cells: c }]).appends).toEqual([
      c,
    ]);
  });

  it('rewrites the changed cells of an edited entry on its own row, wherever it now is', () => {
    const stored = [row(7, b), row(9, a)]; // sorted by hand since the load
    expect(mergeRows(stored, [a, b], [loaded({ ...a, ratePct: 6 }, 0), loaded(b, 1)])).toEqual({
      writes: [{ row: 9, cells: { ratePct: 6 } }],
      appends: [],
      deletes: [],
      conflicts: 0,
      sheetDiffers: false,
    });
  });

  it('pairs by origin, not by position: removing one entry and editing the next', () => {
    const stored = [row(2, a), row(3, b)];
    const plan = mergeRows(stored, [a, b], [loaded({ ...b, ratePct: 4 }, 1)]);
    expect(plan.writes).toEqual([{ row: 3, cells: { ratePct: 4 } }]);
    expect(plan.deletes).toEqual([2]);
  });

  it('an edited entry whose row already holds the edit (a save planned again after writing it): nothing to do, no conflict', () => {
    const stored = [row(2, { ...a, ratePct: 6 }), row(3, b)];
    expect(mergeRows(stored, [a, b], [loaded({ ...a, ratePct: 6 }, 0), loaded(b, 1)])).toEqual({
      writes: [],
      appends: [],
      deletes: [],
      conflicts: 0,
      sheetDiffers: false,
    });
  });

  it('counts a conflict when the entry the user edited was changed by hand too', () => {
    const stored = [row(2, { ...a, ratePct: 9 }), row(3, b)];
    const plan = mergeRows(stored, [a, b], [loaded({ ...a, ratePct: 6 }, 0), loaded(b, 1)]);
    expect(plan.conflicts).toBe(1);
    expect(plan.writes).toEqual([]);
  });

  it('does not delete a row someone changed by hand after the load', () => {
    const stored = [row(2, { ...a, ratePct: 9 }), row(3, b)];
    const plan = mergeRows(stored, [a, b], [loaded(b, 1)]);
    expect(plan.deletes).toEqual([]);
    expect(plan.sheetDiffers).toBe(true);
  });

  it('handles identical entries one by one, and a repeated origin as a new entry', () => {
    const stored = [row(2, a), row(3, a)];
    expect(mergeRows(stored, [a, a], [loaded(a, 0)]).deletes).toEqual([3]);
    expect(mergeRows(stored, [a, a], [loaded(a, 0), loaded(a, 1), loaded(a, 1)]).appends).toEqual([
      a,
    ]);
  });
});
