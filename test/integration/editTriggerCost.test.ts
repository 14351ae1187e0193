/**
 * Decision 006: the edit trigger runs on every edit of every sheet, and most edits cannot
 * change the watch list. An edit of a sheet the rules do not watch ends in 3 service calls (the
 * range's grid id, the document cache and its get: the range's bounds come free with the
 * event); an edit of a watched sheet's other columns in 5, its edited columns' header cells read
 * (decision 006: cached column positions would miss a column moved without a change event, the
 * columnMoveChange switch). Where the event lacks its bounds (the editEventBounds switch) the
 * range's own getters add a call each. The edits that matter still recompute. The cache of
 * sheets is dropped when sheets or columns move (change trigger), when a header is edited and
 * at Set up, and never decides a write.
 */
import { workbook, type TestWorkbook } from './harness';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append('Clients', [
    { 'Code client': 'A', Nom: 'Alpha', Téléphone: '418 555-0101' },
    { 'Code client': 'B', Nom: 'Bêta' },
  ]);
  wb.append('Termes', [{ 'Code client': 'A', 'Limite de crédit': 100 }]);
  wb.append('Factures', [
    { 'No de facture': '1', Date: '2026-11-01', 'Code client': 'A', Montant: 50 },
  ]);
  wb.append('Journal CRM', [{ 'Code client': 'A', Date: '2026-11-02', Objet: 'Appel' }]);
  wb.run('refreshWatchList');
  return wb;
}

/** Sets a cell as a person would and fires the edit triggers; returns the calls they made. */
function edit(wb: TestWorkbook, sheet: string, a1: string, value: unknown) {
  wb.sheet(sheet).getRange(a1).setValue(value);
  return wb.measure(() => wb.emu.fireEdit({ range: { sheet, a1 }, value }));
}

function letter(wb: TestWorkbook, sheet: string, header: string): string {
  const i = wb.header(sheet).indexOf(header);
  if (i < 0 || i > 25) throw new Error(`no column ${header} in ${sheet}`);
  return String.fromCharCode(65 + i);
}

function watched(wb: TestWorkbook): unknown[] {
  return wb.rows('Clients').map((r) => r['Sous surveillance']);
}

/** The calls of an edit that cannot matter, in the editEventBounds world in force. */
function irrelevantEditCalls(wb: TestWorkbook, watched: boolean): Record<string, number> {
  const calls: Record<string, number> = {
    'Range.getGridId': 1,
    'CacheService.getDocumentCache': 1,
    'Cache.getAll': 1,
  };
  if (watched) Object.assign(calls, { 'Range.offset': 1, 'Range.getValues': 1 });
  if (wb.emu.worlds.editEventBounds === 'absent')
    Object.assign(
      calls,
      watched
        ? { 'Range.getRow': 1 }
        : { 'Range.getRow': 1, 'Range.getColumn': 1, 'Range.getNumColumns': 1 },
    );
  return calls;
}

describe('the edit trigger’s cost when the edit does not matter', () => {
  it.each([
    ['another sheet', 'Journal CRM', 'Objet', 'Rappel', false],
    ['a non-rule column of Clients', 'Clients', 'Téléphone', '418 555-0199', true],
    ['a non-rule column of Terms', 'Termes', 'Remarques sur les factures', 'Livrer le matin', true],
    ['a non-rule column of Invoices', 'Factures', 'Type de produit', 'Semences', true],
  ])(
    '%s (%s › %s): 3 service calls (5 on a watched sheet), nothing recomputed',
    (_label, sheet, column, value, watched) => {
      const wb = seeded();
      const a1 = `${letter(wb, sheet, column)}2`;
      edit(wb, sheet, a1, 'warm'); // the first edit of a sheet reads its header for the cache
      wb.sheet(sheet).getRange(a1).setValue(value);
      const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
      const { calls, total } = wb.measure(() => wb.emu.fireEdit({ range: { sheet, a1 }, value }));
      const expected = irrelevantEditCalls(wb, watched);
      expect(calls).toEqual(expected);
      expect(total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
      // The trigger wrote nothing.
      expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(before);
      expect(wb.emu.triggerFailures).toEqual([]);
    },
  );

  it('a first edit of a sheet reads its header once, then the cache answers', () => {
    const wb = seeded();
    const first = edit(wb, 'Journal CRM', 'D2', 'x');
    // The CRM log's name and header (for the columns the form's cache holds: codes), the cache
    // entry stored, and the event's field names recorded for the check (once).
    expect(first.calls['Cache.put']).toBe(2);
    expect(first.total).toBeLessThanOrEqual(wb.emu.worlds.editEventBounds === 'absent' ? 11 : 8);
    const next = edit(wb, 'Journal CRM', 'D2', 'y');
    expect(next.calls).toEqual(irrelevantEditCalls(wb, false));
  });

  it('edits that matter still recompute, whatever the cache holds', () => {
    const wb = seeded();
    edit(wb, 'Factures', 'D2', 'Semences'); // the cache now knows Factures
    expect(watched(wb)).toEqual([false, false]);
    // An amount over the credit limit (Montant, a rule column).
    edit(wb, 'Factures', 'E2', 500);
    expect(watched(wb)).toEqual([true, false]);
    // A manual reason on B (Termes), a sheet the cache has not seen yet.
    wb.append('Termes', [{ 'Code client': 'B' }]);
    edit(wb, 'Termes', `${letter(wb, 'Termes', 'Pourquoi sous surveillance')}3`, 'Litige');
    expect(watched(wb)).toEqual([true, true]);
  });

  it('a column moved by hand: the change trigger drops the cache, and the moved rule column counts', () => {
    const wb = seeded();
    edit(wb, 'Factures', 'D2', 'Semences'); // cached: Montant is E
    // A person inserts a column before A in Invoices: Montant moves to F.
    wb.sheet('Factures').insertColumnBefore(1);
    const change = wb.measure(() => wb.emu.fireChange('INSERT_COLUMN'));
    expect(change.calls['Cache.put']).toBe(1); // the forget mark
    edit(wb, 'Factures', 'F2', 500);
    expect(watched(wb)).toEqual([true, false]);
    // Plain edits and formats announced to the change trigger cost nothing.
    expect(wb.measure(() => wb.emu.fireChange('EDIT')).total).toBe(0);
    expect(wb.measure(() => wb.emu.fireChange('FORMAT')).total).toBe(0);
  });

  it('a column moved while a first edit reads the header: its stale positions never count', () => {
    const wb = seeded();
    // The edit trigger reads Invoices' header, then, before it stores the positions, a person
    // inserts a column before A (Montant moves from E to F) and the change trigger forgets.
    wb.sheet('Factures').getRange('D2').setValue('Semences');
    wb.emu.at('Cache.put', () => {
      wb.emu.clock.advance(1000);
      wb.sheet('Factures').insertColumnBefore(1);
      wb.emu.fireChange('INSERT_COLUMN');
    });
    wb.emu.fireEdit({ range: { sheet: 'Factures', a1: 'D2' } });
    // Montant typed in F: with the positions read before the insert (E), the edit would be
    // taken for an irrelevant one and the client's watch status left as it was.
    edit(wb, 'Factures', 'F2', 500);
    expect(watched(wb)).toEqual([true, false]);
  });

  it('a header typed over drops the cache: a renamed column becomes a rule column', () => {
    const wb = seeded();
    edit(wb, 'Factures', 'D2', 'x');
    // The team had renamed Montant; typing the header back makes it a rule column again.
    wb.sheet('Factures').getRange('E1').setValue('Montant HT');
    wb.emu.fireEdit({ range: { sheet: 'Factures', a1: 'E1' }, value: 'Montant HT' });
    edit(wb, 'Factures', 'E2', 400); // the header was edited: the cache reads the header again
    // Not a rule column now: the edit ends at the first look.
    expect(edit(wb, 'Factures', 'E2', 500).calls).toEqual(irrelevantEditCalls(wb, true));
    wb.sheet('Factures').getRange('E1').setValue('Montant');
    wb.emu.fireEdit({ range: { sheet: 'Factures', a1: 'E1' }, value: 'Montant' });
    edit(wb, 'Factures', 'E2', 600);
    expect(watched(wb)).toEqual([true, false]);
  });
});
