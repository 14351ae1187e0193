/**
 * Decision 014: every CSV the product writes neutralizes a formula starter after a `;` or
 * `,` list separator, not only at the start of a field (Excel on French-Canadian Windows splits
 * lines at `;`), and every file comes back through the preview's import as it was. The statement
 * attachment, the fold CSV, the Mailchimp audience CSV and the preview's sheet export, through
 * the built bundle (run `npm run build` first). The Law 25 export is JSON, not CSV.
 */
import { parseCsv } from '../../preview/csv';
import { exportSheetCsv, importSheetCsv } from '../../preview/sheetCsv';
import { createEmulator } from '../../emulator';
import { TestWorkbook } from './harness';

/** One payload per separator and starter (decision 014), and a DDE one. */
const CODES = ['K;=1+1', 'K,=2+2', 'K;+3', 'K;@SUM(A1)', 'K;-4'];
const SALESPERSON = "Sal;=cmd|' /C calc'!A0";
const NUMBERS = ['F;=HYPERLINK("x")', 'F,=1', 'F;+1', 'F;@A1', 'F;-1'];

/** No cell starts with a formula starter when the line is split at `sep`, as Excel does. */
function expectNoFormulaCell(csv: string, sep: ';' | ','): void {
  for (const line of csv.split(/\r\n/))
    for (const cell of line.split(sep))
      expect([line, cell]).toEqual([line, expect.not.stringMatching(/^[ \u00a0"]*[=+\-@\t\r]/)]);
}

function frenchWorkbook(): TestWorkbook {
  const emu = createEmulator({
    locale: 'fr_CA',
    timeZone: 'America/Toronto',
    now: '2026-11-15T12:00:00-05:00',
  });
  emu.loadBundle();
  const wb = new TestWorkbook(emu);
  wb.run('setupWorkbook');
  return wb;
}

/** Imports `csv` through the preview's importer into a new sheet with its header; its rows. */
function importedRows(wb: TestWorkbook, name: string, csv: string): string[][] {
  const [header = []] = parseCsv(csv);
  const sheet = wb.spreadsheet.insertSheet(name);
  // A plain-text grid, as a team would give such a sheet: numbers are not in question here.
  sheet.getRange(1, 1, 400, header.length).setNumberFormat('@');
  sheet.getRange(1, 1, 1, header.length).setValues([header]);
  importSheetCsv(wb.emu, name, csv);
  return wb.emu.spreadsheet
    .values(name)
    .slice(1)
    .map((r) => r.map(String));
}

/** Each payload as a client code with an agreement of the salesperson and invoices. */
function seeded(wb: TestWorkbook, invoicesPerCode: number, month = '2026-10'): void {
  wb.append('Listes', [{ Vendeurs: SALESPERSON, 'Courriels des vendeurs': 'sal@example.com' }]);
  wb.append(
    'Clients',
    CODES.map((code, i) => ({ 'Code client': code, Nom: `Client;=${i}` })),
  );
  wb.append(
    'Commissions',
    CODES.map((code) => ({
      'Code client': code,
      Vendeur: SALESPERSON,
      'Type de commission': 'Ventes',
      'Taux (%)': 10,
    })),
  );
  wb.append(
    'Factures',
    CODES.flatMap((code, c) =>
      Array.from({ length: invoicesPerCode }, (_, i) => ({
        'No de facture': i === 0 ? NUMBERS[c]! : `${NUMBERS[c]!}-${i}`,
        Date: `${month}-05`,
        'Code client': code,
        Montant: 100 + i,
        'Payée le': `${month}-20`,
      })),
    ),
  );
}

test('the statement attachment', () => {
  const wb = frenchWorkbook();
  const current = wb.run('settingsLoad');
  wb.run('settingsSave', { ...current, sendStatements: true });
  seeded(wb, 41); // 205 lines: past the 200 a message shows, so they travel as a CSV
  wb.run('computeCommissions', '2026-10');
  const [mail] = wb.emu.mails;
  expect(mail?.to).toEqual(['sal@example.com']);
  const csv = mail!.attachments[0]!.text;
  expectNoFormulaCell(csv, ';');
  expectNoFormulaCell(csv, ',');
  expect(csv).toContain(`"'K;'=1+1","'F;'=HYPERLINK(""x"")",Ventes,100,10,10\r\n`);
  const rows = importedRows(wb, 'Relevé', csv);
  expect(rows).toHaveLength(205);
  expect([...new Set(rows.map((r) => r[0]))].sort()).toEqual([...CODES].sort());
  expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(NUMBERS));
});

test('the fold CSV', () => {
  const wb = frenchWorkbook();
  seeded(wb, 1, '2024-08');
  wb.run('computeCommissions', '2024-08');
  const report = wb.sheet('Rapport des commissions');
  report.getRange(2, 6).setValue(true); // Paid out
  const detailsBefore = wb.emu.spreadsheet.values('Détail des commissions');
  wb.run('showCommissionDetailsFold');
  const dialog = wb.emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  const html = dialog && 'html' in dialog ? dialog.html : '';
  const csv = (JSON.parse(/var d=(\{.*?\});var \$=/s.exec(html)![1]!) as { content: string })
    .content;
  expectNoFormulaCell(csv, ';');
  expectNoFormulaCell(csv, ',');
  expect(csv).toContain(`2024-08,"'Sal;'=cmd|' /C calc'!A0","'K;'=1+1"`);
  // Back through the preview's import into Commission details itself: the same rows.
  importSheetCsv(wb.emu, 'Détail des commissions', csv);
  expect(wb.emu.spreadsheet.values('Détail des commissions')).toEqual(detailsBefore);
});

test('the Mailchimp audience CSV', () => {
  const wb = frenchWorkbook();
  wb.append('Listes', [{ Étiquettes: '-10 %' }, { Étiquettes: '=Promo' }]);
  wb.append(
    'Clients',
    CODES.map((code, i) => ({
      'Code client': `A${i}`,
      Nom: `Lavoie, Anne${code.slice(1)}`,
      Courriel: `a${i}@example.com`,
      Infolettre: true,
      'Type de consentement': 'Exprès',
      'Date du consentement': '2026-01-01',
      Étiquettes: 'Bon client, -10 %',
    })),
  );
  wb.run('showAudienceExport');
  const dialog = wb.emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  const html = dialog && 'html' in dialog ? dialog.html : '';
  const csv = (JSON.parse(/var d=(\{.*?\});\n/s.exec(html)![1]!) as { content: string }).content;
  expectNoFormulaCell(csv, ';');
  expectNoFormulaCell(csv, ',');
  const rows = importedRows(wb, 'Audience', csv);
  expect(rows.map((r) => r[1])).toEqual(CODES.map((c) => `Anne${c.slice(1)}`));
  expect(rows.map((r) => r[5])).toEqual(CODES.map(() => 'Bon client,-10 %'));
});

test('the preview’s sheet export', () => {
  const wb = frenchWorkbook();
  seeded(wb, 1);
  wb.append('Journal CRM', [
    { 'Code client': 'K;=1+1', Date: '2026-10-01', Nature: 'Discussion', Objet: "a;'=b, -c" },
  ]);
  for (const name of ['Clients', 'Factures', 'Journal CRM', 'Listes']) {
    const csv = exportSheetCsv(wb.emu, name);
    expectNoFormulaCell(csv, ';');
    expectNoFormulaCell(csv, ',');
  }
});

test('the preview’s sheet import restores what the export wrote, and refuses hand-typed codes with “;” whole', () => {
  // Codes with “;” are refused (decision 014: Excel cuts CSV files there): a sheet still
  // holding some comes back refused with every line named, and nothing is written.
  const wb = frenchWorkbook();
  seeded(wb, 1);
  const before = wb.emu.spreadsheet.values('Clients');
  expect(() => importSheetCsv(wb.emu, 'Clients', exportSheetCsv(wb.emu, 'Clients'))).toThrow(
    /Ligne 2 .*K;=1\+1.*point-virgule/,
  );
  expect(wb.emu.spreadsheet.values('Clients')).toEqual(before);

  // Codes the product accepts, and names starting as formulas would: they survive the trip.
  const accepted = frenchWorkbook();
  accepted.append(
    'Clients',
    ['=1+1', '+3', '@SUM(A1)', '-4', "'=5"].map((name, i) => ({
      'Code client': `K,=${i}`,
      Nom: name,
    })),
  );
  accepted.append('Journal CRM', [
    { 'Code client': 'K,=0', Date: '2026-10-01', Nature: 'Discussion', Objet: "a;'=b, -c" },
  ]);
  for (const name of ['Clients', 'Journal CRM']) {
    const was = accepted.emu.spreadsheet.values(name);
    const csv = exportSheetCsv(accepted.emu, name);
    expectNoFormulaCell(csv, ';');
    importSheetCsv(accepted.emu, name, csv);
    expect([name, accepted.emu.spreadsheet.values(name)]).toEqual([name, was]);
  }
});
