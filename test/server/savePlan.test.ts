import { mergeCells, mergeRows } from '../../src/server/savePlan';

describe('mergeCells (three-way: loaded, in the form, in the sheet now)', () => {
  const base = { city: 'Québec', phone: '418', limit: 1000 };

  it('writes only what the user changed, keeping what others changed by hand', () => {
    const stored = { city: 'Laval', phone: '418', limit: 5000 }; // edited by hand meanwhile
    const wanted = { ...base, phone: '514' };
    expect(mergeCells(stored, base, wanted)).toEqual({ changed: { phone: '514' }, conflicts: [] });
  });

  it('refuses a field changed both in the form and in the sheet, unless to the same value', () => {
    expect(mergeCells({ ...base, city: 'Laval' }, base, { ...base, city: 'Lévis' })).toEqual({
      changed: {},
      conflicts: ['city'],
    });
    expect(mergeCells({ ...base, city: 'Lévis' }, base, { ...base, city: 'Lévis' })).toEqual({
      changed: {},
      conflicts: [],
    });
  });

  it('without a base (a new client) writes whatever differs from the sheet', () => {
    expect(mergeCells({}, null, { city: 'Laval', phone: '' })).toEqual({
      changed: { city: 'Laval' },
      conflicts: [],
    });
  });
});

describe('mergeRows', () => {
  const a = { salesperson: 'Ana', ratePct: 5 };
  const b = { salesperson: 'Bob', ratePct: 3 };
  const row = (n: number, cells: Record<string, unknown>) => ({ ...cells, row: n });

  it('keeps rows added by hand, deletes a removed one, appends a new one', () => {
    const stored = [row(2, a), row(3, { salesperson: 'Hand', ratePct: 1 }), row(4, b)];
    const c = { salesperson: 'Cy', ratePct: 2 };
    expect(mergeRows(stored, [a, b], [b])).toEqual({
      writes: [],
      appends: [],
      deletes: [2],
      conflicts: 0,
    });
    expect(mergeRows(stored, [a, b], [a, b, c]).appends).toEqual([c]);
  });

  it('rewrites the changed cells of a changed entry, wherever its row now is', () => {
    const stored = [row(7, b), row(9, a)]; // sorted by hand since the load
    expect(mergeRows(stored, [a, b], [{ ...a, ratePct: 6 }, b])).toEqual({
      writes: [{ row: 9, cells: { ratePct: 6 } }],
      appends: [],
      deletes: [],
      conflicts: 0,
    });
  });

  it('counts a conflict when the entry the user changed was changed by hand too', () => {
    const stored = [row(2, { ...a, ratePct: 9 }), row(3, b)];
    const plan = mergeRows(stored, [a, b], [{ ...a, ratePct: 6 }, b]);
    expect(plan.conflicts).toBe(1);
    expect(plan.writes).toEqual([]);
  });

  it('does not delete a row someone changed by hand after the load', () => {
    const stored = [row(2, { ...a, ratePct: 9 }), row(3, b)];
    expect(mergeRows(stored, [a, b], [b]).deletes).toEqual([]);
  });

  it('treats identical entries as a multiset', () => {
    const stored = [row(2, a), row(3, a)];
    expect(mergeRows(stored, [a, a], [a]).deletes).toEqual([2]);
  });
});
