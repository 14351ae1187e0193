/**
 * The preview's CSV import and export as a team uses them with Excel: the dialects Excel writes
 * (';' and Windows-1252 in French, UTF-8 with a BOM, UTF-16 with tabs), read back unchanged;
 * files the workbook forbids (a client code twice, a code the form refuses) refused before
 * anything is replaced, naming the lines; the question saying what goes and what stays; every
 * message in the workbook's language. Needs the built bundle (npm run build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CsvError, decodeCsv, detectSeparator, formatCsv, parseCsvLines } from '../../preview/csv';
import { buildSample } from '../../preview/sample';
import { PreviewSession } from '../../preview/session';
import { exportSheetCsv, ImportError, planImport } from '../../preview/sheetCsv';
import { columnTexts } from '../../preview/workbookIO';
import { utf16le, utf8, windows1252 } from './previewFixtures';

const TODAY = '2026-11-16';
let dir = '';
let n = 0;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-preview-import-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function session(lang: 'fr' | 'en' = 'fr', clients = 8): PreviewSession {
  return new PreviewSession(
    buildSample({ lang, today: TODAY, clients }),
    path.join(dir, `w${++n}.json`),
    new Date(`${TODAY}T12:00:00-05:00`).getTime(),
  );
}

const YES = [{ kind: 'alert' as const, button: 'YES' as const }];

/** The import's refusal, as the page shows it. */
async function refusal(
  s: PreviewSession,
  sheet: string,
  file: string | Uint8Array,
): Promise<string> {
  try {
    await s.importCsv(sheet, file);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('the import was not refused');
}

describe('CSV dialects', () => {
  test('the separator is the one of , ; tab that the header row uses', () => {
    expect(detectSeparator('Code client,Nom\r\nC-1,"a;b"\r\n')).toBe(',');
    expect(detectSeparator('\uFEFFCode client;Nom;Ville\r\nC-1;"a,b";x\r\n')).toBe(';');
    expect(detectSeparator('Code client\tNom\r\n')).toBe('\t');
    // A separator inside a quoted header does not count.
    expect(detectSeparator('"a;b;c",d\r\n')).toBe(',');
    expect(detectSeparator('Seul\r\n')).toBe(',');
  });

  test('the encoding: a BOM says it; else UTF-8 when the bytes are UTF-8, else Windows-1252', () => {
    expect(decodeCsv(utf8('\uFEFFTéléphone'))).toEqual({
      text: 'Téléphone',
      encoding: 'utf-8-bom',
    });
    expect(decodeCsv(utf8('Téléphone'))).toEqual({ text: 'Téléphone', encoding: 'utf-8' });
    expect(decodeCsv(windows1252('Téléphone; Main-d’œuvre'))).toEqual({
      text: 'Téléphone; Main-d’œuvre',
      encoding: 'windows-1252',
    });
    expect(decodeCsv(utf16le('Téléphone\tNom'))).toEqual({
      text: 'Téléphone\tNom',
      encoding: 'utf-16le',
    });
  });

  test('records know the line they start on, past quoted line breaks', () => {
    const parsed = parseCsvLines('a;b\r\n"x\r\ny";1\r\nz;2\r\n', ';');
    expect(parsed.rows).toEqual([
      ['a', 'b'],
      ['x\r\ny', '1'],
      ['z', '2'],
    ]);
    expect(parsed.lines).toEqual([1, 2, 4]);
    expect(() => parseCsvLines('a\r\nb\r\n"c\r\n')).toThrow(CsvError);
  });

  test('export: UTF-8 with a BOM, comma by default, semicolon on request; dates and decimals as before', () => {
    const emu = buildSample({ lang: 'fr', today: TODAY, clients: 3 });
    const comma = exportSheetCsv(emu, 'Factures');
    const semi = exportSheetCsv(emu, 'Factures', ';');
    expect(comma.startsWith('\uFEFFNo de facture,Date,Code client,')).toBe(true);
    expect(semi.startsWith('\uFEFFNo de facture;Date;Code client;')).toBe(true);
    const row = (csv: string, sep: ',' | ';') => parseCsvLines(csv, sep).rows[1]!;
    // The same fields, dot decimals and ISO dates in both.
    expect(row(semi, ';')).toEqual(row(comma, ','));
    expect(row(semi, ';')[1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row(semi, ';').some((f) => /^-?\d+\.\d+$/.test(f))).toBe(true);
    // A field holding the separator is quoted.
    expect(formatCsv([['a;b', 'c,d']], ';')).toBe('"a;b";"c,d"\r\n');
  });

  /** Each dialect: its separator, how its bytes are made from text, what the question says. */
  const dialects: [string, ',' | ';' | '\t', (text: string) => Uint8Array, RegExp][] = [
    [
      'UTF-8 with BOM, comma',
      ',',
      (t) => utf8(`\uFEFF${t}`),
      /UTF-8 \(avec BOM\), séparateur : virgule\./,
    ],
    [
      'UTF-8 with BOM, semicolon',
      ';',
      (t) => utf8(`\uFEFF${t}`),
      /UTF-8 \(avec BOM\), séparateur : point-virgule\./,
    ],
    ['UTF-8 without BOM', ',', utf8, /lu en UTF-8, séparateur : virgule\./],
    [
      'Windows-1252, semicolon (Excel in French)',
      ';',
      windows1252,
      /lu en Windows-1252 \(ANSI\), séparateur : point-virgule\./,
    ],
    [
      'UTF-16 with tabs (Excel’s Unicode text)',
      '\t',
      utf16le,
      /lu en UTF-16, séparateur : tabulation\./,
    ],
  ];

  test.each(dialects)(
    '%s: the question says how it was read; the sheet comes back unchanged',
    async (_, sep, encode, said) => {
      const s = session('fr', 6);
      for (const sheet of ['Clients', 'Factures', 'Journal CRM']) {
        const before = s.emulator.spreadsheet.displayValues(sheet);
        const rows = parseCsvLines(exportSheetCsv(s.emulator, sheet), ',').rows;
        if (sep !== '\t')
          expect(exportSheetCsv(s.emulator, sheet, sep)).toBe(`\uFEFF${formatCsv(rows, sep)}`);
        const bytes = encode(formatCsv(rows, sep));
        const asked = await s.importCsv(sheet, bytes);
        expect(asked.question?.prompt).toMatch(said);
        await s.importCsv(sheet, bytes, YES);
        expect(s.emulator.spreadsheet.displayValues(sheet)).toEqual(before);
      }
    },
  );

  test('a semicolon file with decimal commas (Excel in French) gives numbers', async () => {
    const s = session('fr', 3);
    const [header] = parseCsvLines(exportSheetCsv(s.emulator, 'Factures'), ',').rows;
    const csv = formatCsv(
      [
        header!,
        header!.map((h) =>
          h === 'No de facture'
            ? 'F-9001'
            : h === 'Date'
              ? '2026-11-02'
              : h === 'Code client'
                ? 'C-0001'
                : h === 'Montant'
                  ? '1234,56'
                  : '',
        ),
      ],
      ';',
    );
    await s.importCsv('Factures', windows1252(csv), YES);
    const [head = [], ...rows] = s.emulator.spreadsheet.values('Factures');
    expect(rows).toHaveLength(1);
    expect(rows[0]![head.indexOf('Montant')]).toBe(1234.56);
  });
});

describe('import refuses what the workbook forbids, before anything is replaced', () => {
  test('a client code twice (any case) on Clients, naming the lines past a quoted line break', async () => {
    const s = session();
    const before = s.emulator.spreadsheet.displayValues('Clients');
    const csv = 'Code client;Nom\r\nC-0001;"Dup\r\nA"\r\nC-0002;Autre\r\nc-0001;Dup B\r\n';
    const message = await refusal(s, 'Clients', utf8(csv));
    expect(message).toBe(
      'Import refusé : rien n’a été remplacé. « Code client » C-0001 figure aux lignes 2 et 5 : il doit être unique.',
    );
    expect(s.emulator.spreadsheet.displayValues('Clients')).toEqual(before);
  });

  test('a client twice on Terms, an invoice number twice or blank on Invoices', async () => {
    const s = session();
    expect(
      await refusal(s, 'Termes', 'Code client,Limite de crédit\r\nC-0001,10\r\nC-0001,20\r\n'),
    ).toMatch(/« Code client » C-0001 figure aux lignes 2 et 3/);
    const invoices =
      'No de facture,Date,Code client,Montant\r\nF-1,2026-01-01,C-0001,10\r\nf-1,2026-01-02,C-0002,20\r\n,2026-01-03,C-0002,5\r\n';
    const message = await refusal(s, 'Factures', invoices);
    expect(message).toContain('« No de facture » F-1 figure aux lignes 2 et 3');
    expect(message).toContain('Ligne 4 : « No de facture » est vide.');
  });

  test('codes the form refuses: a formula’s start, too long, control characters, blank', async () => {
    const s = session();
    const long = 'C'.repeat(33);
    const csv = formatCsv([
      ['Code client', 'Nom'],
      ['=2+3', 'Formule'],
      [long, 'Long'],
      ['C-\u0007', 'Cloche'],
      ['', 'Sans code'],
      ['C-0009', 'Correct'],
    ]);
    const message = await refusal(s, 'Clients', csv);
    expect(message).toContain(
      'Ligne 2 : « Code client » « =2+3 » refusé (Un code client ne peut pas commencer par = + - ou @',
    );
    expect(message).toContain(
      `Ligne 3 : « Code client » « ${long} » refusé (Au plus 32 caractères.)`,
    );
    expect(message).toContain(
      'Ligne 4 : « Code client » « C-\u0007 » refusé (Caractères de contrôle interdits.)',
    );
    expect(message).toContain('Ligne 5 : « Code client » est vide.');
    expect(message).not.toContain('Ligne 6');
    // A formula-like code that the exporter marked with its quote is the same code: refused too.
    expect(await refusal(s, 'Termes', "Code client\r\n'+1\r\n")).toContain('« +1 » refusé');
    // In the CRM log a blank code is a row that names no client, which the sheet allows.
    expect(
      (await s.importCsv('Journal CRM', 'Code client,Date,Nature\r\n,2026-11-01,Suivi\r\n'))
        .question,
    ).toBeDefined();
  });

  test('more problems than can be listed are counted', () => {
    const emu = buildSample({ lang: 'en', today: TODAY, clients: 3 });
    const csv = formatCsv([
      ['Client code', 'Name'],
      ...Array.from({ length: 12 }, () => ['=x', 'n']),
    ]);
    try {
      planImport(emu, 'Clients', csv);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      const { problems } = (e as ImportError).params as { problems: string };
      expect(problems).toContain('Line 9: "Client code" "=x" refused');
      expect(problems).not.toContain('Line 10:');
      // 12 refused codes, and the one code repeated on every line.
      expect(problems).toMatch(/And 5 more problems\.$/);
    }
  });
});

describe('the question says what is replaced and what is kept', () => {
  test('clients missing from the file are named, and the rows that refer to them stay', async () => {
    const s = session('fr', 8);
    const csv = 'Code client,Nom\r\nC-0001,Un\r\nC-0002,Deux\r\n';
    const prompt = (await s.importCsv('Clients', csv)).question?.prompt ?? '';
    expect(prompt).toContain('Remplacer les 8 lignes de « Clients » par les 2 lignes du fichier ?');
    expect(prompt).toContain(
      '6 lignes de la feuille dont le « Code client » n’est pas dans le fichier seront supprimées : C-0003, C-0004, C-0005, C-0006, C-0007, …',
    );
    const invoicesOfGone = s.emulator.spreadsheet
      .displayValues('Factures')
      .slice(1)
      .filter((r) => !['C-0001', 'C-0002'].includes(r[2] ?? '')).length;
    expect(prompt).toContain(`Factures : ${invoicesOfGone}`);
    expect(prompt).toMatch(
      /Les lignes qui nomment ces clients restent dans les autres feuilles \(Termes : \d+, Commissions : \d+, Journal CRM : \d+, Factures : \d+\)\./,
    );
    expect(prompt).toContain(
      'Colonnes absentes du fichier, gardées pour chaque « Code client » : Type,',
    );
    expect(prompt).toContain('Les autres feuilles ne changent pas.');
  });
});

describe('every import message in the workbook’s language', () => {
  test.each([
    [
      'fr',
      'Code client,"Nom\r\n',
      'Import refusé : Ligne 1 : un champ entre guillemets n’est pas fermé.',
    ],
    ['en', 'Client code,"Name\r\n', 'Import refused: Line 1: a quoted field is not closed.'],
    [
      'fr',
      'Code client,"Nom"x\r\n',
      'Import refusé : Ligne 1 : du texte suit un guillemet fermant.',
    ],
    ['fr', '\r\n\r\n', 'Import refusé : Le fichier n’a pas de ligne d’en-tête.'],
    ['en', ',,\r\n', 'Import refused: The file has no header row.'],
    [
      'fr',
      'Code client|Nom\r\nC-1|x\r\n',
      'Import refusé : Colonnes inconnues : « Code client|Nom » (séparateur lu : virgule).',
    ],
    [
      'fr',
      'Nom,Ville\r\nx,y\r\n',
      'Import refusé : Colonnes obligatoires absentes : « Code client ».',
    ],
    [
      'fr',
      'Code client,Code client\r\nx,y\r\n',
      'Import refusé : Colonnes en double dans le fichier : « Code client ».',
    ],
  ] as const)('%s: %j', async (lang, csv, said) => {
    const s = session(lang, 2);
    expect(await refusal(s, 'Clients', csv)).toBe(said);
  });
});

describe('the English sample', () => {
  test('has English tags in Lists and on its clients', () => {
    const emu = buildSample({ lang: 'en', today: TODAY, clients: 12 });
    const tags = columnTexts(emu, 'lists', 'en', 'tags');
    expect(tags).toEqual(['Good client', 'New client', 'Volume 3']);
    const used = columnTexts(emu, 'clients', 'en', 'tags').flatMap((v) => v.split(', '));
    expect(used.length).toBeGreaterThan(0);
    for (const tag of used) expect(tags).toContain(tag);
  });
});
