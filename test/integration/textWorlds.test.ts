/**
 * Decision 001: text typed in the form stays the same text in the workbook, whichever way Google
 * treats a script's write into a plain-text ('@') cell, which it does not document: a leading =
 * or + kept or read as a formula (plainTextFormulas), a leading apostrophe kept as a character
 * or taken as the mark (plainTextApostrophe), the format read back as @ or @STRING@
 * (textFormatName). CI runs this file in every world of those switches (npm run test:worlds);
 * the emulator's own tests (emulator/test/switches.test.ts) show each world differs.
 */
import type { ClientRecord, SaveResult } from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import { workbook, type TestWorkbook } from './harness';

/** Text that a plain-text cell might not keep as written, and text it keeps in every world. */
const TEXTS = {
  // International numbers keep their leading + (a North American one is saved as
  // 514 555-0101 since decision 021); a postal code outside Canada is kept as typed.
  phone: '+31 20 555 0101',
  postalCode: "'t Hooft",
  revenueAccount: '=4010+1',
  taxCode: "'0042",
  name: '=SOMME(A1:A2)',
  city: '0042',
} as const;

function record(code: string): ClientRecord {
  const r = emptyClientRecord(code);
  r.general.name = TEXTS.name;
  r.general.phone = TEXTS.phone;
  r.general.postalCode = TEXTS.postalCode;
  r.general.country = 'Pays-Bas';
  r.general.city = TEXTS.city;
  r.terms.revenueAccount = TEXTS.revenueAccount;
  r.terms.taxCode = TEXTS.taxCode;
  return r;
}

function save(wb: TestWorkbook, r: ClientRecord, original?: ClientRecord): SaveResult {
  return wb.run(
    'formSave',
    original ? { record: r, isNew: false, original } : { record: r, isNew: true },
  );
}

/** Raw cell of a sheet's data row by header: value, formula and format as stored. */
function cell(wb: TestWorkbook, sheet: string, row: number, header: string) {
  const col = wb.header(sheet).indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  return wb.emu.spreadsheet.cell(sheet, `${String.fromCharCode(65 + col)}${row}`);
}

/**
 * The plain-text format, as stored: '@' or '@STRING@'. Where Sheets reads a plain-text format
 * back as the other spelling (textFormatName), the format put back after a marked write is that
 * spelling: the same format.
 */
const PLAIN_TEXT = expect.stringMatching(/^@(STRING@)?$/);

const PLAIN_TEXT_CELLS: [sheet: string, header: string, text: string][] = [
  ['Clients', 'Téléphone', TEXTS.phone],
  ['Clients', 'Code postal', TEXTS.postalCode],
  ['Termes', 'Compte de revenus', TEXTS.revenueAccount],
  ['Termes', 'Code de taxes', TEXTS.taxCode],
];

describe('text in plain-text cells, in the worlds in force', () => {
  it('a new client: every text stored as typed, no formula, the plain-text format kept', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const result = save(wb, record('C0001'));
    expect(result.ok).toBe(true);
    for (const [sheet, header, text] of PLAIN_TEXT_CELLS) {
      const c = cell(wb, sheet, 2, header);
      expect([header, c.value, c.formula, c.numberFormat]).toEqual([header, text, '', PLAIN_TEXT]);
    }
    // Automatic cells: the documented apostrophe mark, dropped by Sheets.
    expect(cell(wb, 'Clients', 2, 'Nom')).toMatchObject({ value: TEXTS.name, formula: '' });
    expect(cell(wb, 'Clients', 2, 'Ville')).toMatchObject({ value: TEXTS.city, formula: '' });
    // The form reads back what was typed.
    const loaded = wb.run('formLoad', 'C0001');
    expect('record' in loaded && loaded.record.general).toMatchObject({
      name: TEXTS.name,
      phone: TEXTS.phone,
      postalCode: TEXTS.postalCode,
      city: TEXTS.city,
    });
    expect('record' in loaded && loaded.record.terms).toMatchObject({
      revenueAccount: TEXTS.revenueAccount,
      taxCode: TEXTS.taxCode,
    });
  });

  it('a plain-text format set as @STRING@ by the team is kept, and its text too', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const first = save(wb, record('C0001'));
    expect(first.ok).toBe(true);
    const col = wb.header('Clients').indexOf('Téléphone') + 1;
    wb.sheet('Clients').getRange(2, col, 10, 1).setNumberFormat('@STRING@');
    const loaded = wb.run('formLoad', 'C0001');
    if (!('record' in loaded)) throw new Error('not loaded');
    const edited = structuredClone(loaded.record);
    edited.general.phone = '+31 20 555 0199';
    const second = save(wb, edited, loaded.record);
    expect(second.ok).toBe(true);
    expect(cell(wb, 'Clients', 2, 'Téléphone')).toMatchObject({
      value: '+31 20 555 0199',
      formula: '',
      numberFormat: PLAIN_TEXT,
    });
  });

  it('costs three calls a run of such cells, and none when no text needs it', () => {
    const wb = workbook({ locale: 'fr_CA' });
    expect(save(wb, record('C0001')).ok).toBe(true);
    const loaded = wb.run('formLoad', 'C0001');
    if (!('record' in loaded)) throw new Error('not loaded');
    const plain = structuredClone(loaded.record);
    plain.general.phone = '514 555-0199';
    const a = wb.measure(() => save(wb, plain, loaded.record));
    expect(a.calls['Range.setNumberFormat'] ?? 0).toBe(0);
    const again = wb.run('formLoad', 'C0001');
    if (!('record' in again)) throw new Error('not loaded');
    const plus = structuredClone(again.record);
    plus.general.phone = '+31 20 555 0198';
    const b = wb.measure(() => save(wb, plus, again.record));
    expect(b.calls['Range.offset']).toBe(1);
    expect(b.calls['Range.setNumberFormat']).toBe(1);
    expect(b.calls['Range.setNumberFormats']).toBe(1);
    expect(cell(wb, 'Clients', 2, 'Téléphone')).toMatchObject({
      value: '+31 20 555 0198',
      formula: '',
      numberFormat: PLAIN_TEXT,
    });
  });
});
