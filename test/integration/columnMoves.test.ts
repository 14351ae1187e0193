/**
 * Decision 006: a column moved by hand reaches the triggers in a way Google does not document (the
 * columnMoveChange switch: onChange with OTHER or EDIT, with or without an onEdit of the moved
 * column). In every world, an edit made after the move in a column the rules read still
 * recomputes the client's watch status: the edit trigger's first look reads the edited columns'
 * header cells instead of trusting column positions cached before the move. CI runs this file
 * in every world of columnMoveChange and editEventBounds (npm run test:worlds).
 */
import { workbook, type TestWorkbook } from './harness';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append('Clients', [
    { 'Code client': 'A', Nom: 'Alpha' },
    { 'Code client': 'B', Nom: 'Bêta' },
  ]);
  wb.append('Termes', [{ 'Code client': 'A', 'Limite de crédit': 100 }]);
  wb.append('Factures', [
    { 'No de facture': '1', Date: '2026-11-01', 'Code client': 'A', Montant: 50 },
  ]);
  wb.run('refreshWatchList');
  return wb;
}

function column(wb: TestWorkbook, sheet: string, header: string): number {
  const i = wb.header(sheet).indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${sheet}`);
  return i + 1;
}

/** A person types into a cell of row 2, then the edit triggers run. */
function type(wb: TestWorkbook, sheet: string, col: number, value: unknown): void {
  const a1 = `${String.fromCharCode(64 + col)}2`;
  wb.emu.spreadsheet.paste(sheet, 2, col, [[value]]);
  wb.emu.fireEdit({ range: { sheet, a1 }, value });
}

function watched(wb: TestWorkbook): unknown[] {
  return wb.rows('Clients').map((r) => r['Sous surveillance']);
}

describe('a column moved by hand, whatever the triggers are told', () => {
  it('a rule column moved onto an unwatched position: typing in it still counts', () => {
    const wb = seeded();
    // The edit trigger has seen Invoices: its first look knows the sheet.
    type(wb, 'Factures', column(wb, 'Factures', 'Type de produit'), 'Semences');
    expect(watched(wb)).toEqual([false, false]);
    // Montant (E) dragged before Type de produit (D): it lands where an unwatched column was.
    const from = column(wb, 'Factures', 'Montant');
    const to = column(wb, 'Factures', 'Type de produit');
    wb.emu.moveColumnByHand('Factures', from, to);
    expect(column(wb, 'Factures', 'Montant')).toBe(to);
    expect(wb.emu.triggerFailures).toEqual([]);
    // An amount over the credit limit (100), typed in the moved column.
    type(wb, 'Factures', to, 500);
    expect(watched(wb)).toEqual([true, false]);
    expect(wb.emu.triggerFailures).toEqual([]);
  });

  it('an empty column moved shifts the rule columns with no edit event: typing still counts', () => {
    const wb = seeded();
    type(wb, 'Factures', column(wb, 'Factures', 'Type de produit'), 'Semences');
    const amountBefore = column(wb, 'Factures', 'Montant');
    // A blank column at the end dragged before A: every column moves one to the right, and
    // Montant lands where Coût (a column the rules do not read) was.
    const sheet = wb.sheet('Factures');
    sheet.insertColumnAfter(sheet.getMaxColumns());
    wb.emu.moveColumnByHand('Factures', sheet.getMaxColumns(), 1);
    const amount = column(wb, 'Factures', 'Montant');
    expect(amount).toBe(amountBefore + 1);
    type(wb, 'Factures', amount, 500);
    expect(watched(wb)).toEqual([true, false]);
    expect(wb.emu.triggerFailures).toEqual([]);
  });

  it('a column that is not a rule column, moved: its edits still end at the first look', () => {
    const wb = seeded();
    const product = column(wb, 'Factures', 'Type de produit');
    type(wb, 'Factures', product, 'Semences');
    wb.emu.moveColumnByHand('Factures', product, 1);
    const landed = column(wb, 'Factures', 'Type de produit');
    expect(landed).toBe(1);
    const before = JSON.stringify(wb.emu.spreadsheet.toJSON());
    wb.emu.spreadsheet.paste('Factures', 2, landed, [['Engrais']]);
    const after = JSON.stringify(wb.emu.spreadsheet.toJSON());
    const { calls } = wb.measure(() =>
      wb.emu.fireEdit({ range: { sheet: 'Factures', a1: 'A2' }, value: 'Engrais' }),
    );
    // Nothing recomputed: no write, and no read of the invoices beyond the header cells.
    expect(calls['Range.setValues'] ?? 0).toBe(0);
    expect(calls['Range.getValues']).toBe(1);
    expect(JSON.stringify(wb.emu.spreadsheet.toJSON())).toBe(after);
    expect(after).not.toBe(before);
  });
});
