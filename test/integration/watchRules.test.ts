/**
 * The watch list through the built bundle: each watch rule, the time zone at day boundaries, the
 * computed columns, and what people really type. "Today" is 2026-11-15 in Toronto unless said.
 */
import { workbook, SHEETS, type TestWorkbook } from './harness';

type Lang = 'fr' | 'en';
type SheetKey = keyof typeof SHEETS;

/** One sheet's column by contract key, keyed by the first column's text (the client code). */
function column(wb: TestWorkbook, lang: Lang, sheet: SheetKey, key: string) {
  const cols = SHEETS[sheet].columns as readonly { key: string; fr: string; en: string }[];
  const header = cols.find((c) => c.key === key)![lang];
  const codeHeader = cols[0]![lang];
  return Object.fromEntries(
    wb.rows(SHEETS[sheet][lang]).map((r) => [String(r[codeHeader]), r[header]]),
  );
}

const watched = (wb: TestWorkbook, lang: Lang) => column(wb, lang, 'clients', 'watched');
const reasons = (wb: TestWorkbook, lang: Lang) => column(wb, lang, 'clients', 'watchReasons');

function settings(wb: TestWorkbook, lang: Lang, change: Record<string, unknown>) {
  const current = wb.run('settingsLoad');
  const result = wb.run('settingsSave', { ...current, lang, ...change });
  expect(result).toEqual({ ok: true });
}

const dayOf = (v: unknown, tz = 'America/Toronto') =>
  v instanceof Date ? v.toLocaleDateString('en-CA', { timeZone: tz }) : v;

describe.each([
  ['en', 'en_US'],
  ['fr', 'fr_CA'],
] as const)('watch rules (%s workbook)', (lang, locale) => {
  let wb: TestWorkbook;
  beforeEach(() => {
    wb = workbook({ locale, now: '2026-11-15T12:00:00-05:00' });
  });

  test('manual reason, overdue, credit limit; blank or 0 limit is none; equal is not over', () => {
    wb.addRecords(lang, 'clients', [
      { code: 'MAN', name: 'Manual' },
      { code: 'LATE', name: 'Late' },
      { code: 'OVER', name: 'Over' },
      { code: 'EQUAL', name: 'Equal' },
      { code: 'ZERO', name: 'Zero limit' },
      { code: 'NOLIM', name: 'No limit' },
      { code: 'CLEAN', name: 'Clean' },
    ]);
    wb.addRecords(lang, 'terms', [
      { clientCode: 'MAN', watchReason: 'litige' },
      { clientCode: 'OVER', creditLimit: 1000, termDays: 90 },
      { clientCode: 'EQUAL', creditLimit: 1000, termDays: 90 },
      { clientCode: 'ZERO', creditLimit: 0, termDays: 90 },
      { clientCode: 'NOLIM', termDays: 90 },
    ]);
    wb.addRecords(lang, 'invoices', [
      { number: 'L-1', date: '2026-10-01', clientCode: 'LATE', amount: 50 },
      { number: 'O-1', date: '2026-11-01', clientCode: 'OVER', amount: 600 },
      { number: 'O-2', date: '2026-11-02', clientCode: 'OVER', amount: 400.01 },
      { number: 'E-1', date: '2026-11-01', clientCode: 'EQUAL', amount: 1000 },
      { number: 'Z-1', date: '2026-11-01', clientCode: 'ZERO', amount: 99999 },
      { number: 'N-1', date: '2026-11-01', clientCode: 'NOLIM', amount: 99999 },
      { number: 'C-1', date: '2026-11-10', clientCode: 'CLEAN', amount: 10 },
    ]);
    wb.run('refreshWatchList');
    expect(watched(wb, lang)).toEqual({
      MAN: true,
      LATE: true,
      OVER: true,
      EQUAL: false,
      ZERO: false,
      NOLIM: false,
      CLEAN: false,
    });
    const r = reasons(wb, lang);
    const nbsp = '\u00a0';
    if (lang === 'fr') {
      expect(r.MAN).toBe('Manuel : litige');
      expect(r.LATE).toBe('Facture L-1 en retard de 15 jours (échéance 2026-10-31)');
      expect(r.OVER).toBe(
        `Solde 1${nbsp}000,01${nbsp}$ au-dessus de la limite de crédit 1${nbsp}000,00${nbsp}$`,
      );
    } else {
      expect(r.MAN).toBe('Manual: litige');
      expect(r.LATE).toBe('Invoice L-1 overdue by 15 days (due 2026-10-31)');
      expect(r.OVER).toBe('Balance $1,000.01 over credit limit $1,000.00');
    }
    expect(r.CLEAN).toBe('');
    expect(column(wb, lang, 'terms', 'balanceDue')).toMatchObject({ OVER: 1000.01, EQUAL: 1000 });
  });

  test('due date: exactly at the limit is not overdue; grace days; Terms term; explicit due date', () => {
    wb.addRecords(lang, 'clients', [
      { code: 'AT', name: 'At limit' },
      { code: 'PAST', name: 'One day past' },
      { code: 'TERM60', name: 'Own term' },
      { code: 'DUE', name: 'Explicit due date' },
    ]);
    wb.addRecords(lang, 'terms', [{ clientCode: 'TERM60', termDays: 60 }]);
    wb.addRecords(lang, 'invoices', [
      // default term 30: 2026-10-16 + 30 = 2026-11-15, today: due today, not overdue
      { number: 'A', date: '2026-10-16', clientCode: 'AT', amount: 10 },
      { number: 'P', date: '2026-10-15', clientCode: 'PAST', amount: 10 },
      // overdue with the default term, not with the client's 60 days
      { number: 'T', date: '2026-10-01', clientCode: 'TERM60', amount: 10 },
      // the explicit due date wins over date + term
      { number: 'D', date: '2026-11-10', clientCode: 'DUE', amount: 10, dueDate: '2026-11-12' },
    ]);
    wb.run('refreshWatchList');
    expect(watched(wb, lang)).toEqual({ AT: false, PAST: true, TERM60: false, DUE: true });

    settings(wb, lang, { graceDays: 3 });
    wb.run('refreshWatchList');
    expect(watched(wb, lang)).toEqual({ AT: false, PAST: false, TERM60: false, DUE: false });

    settings(wb, lang, { graceDays: 0, defaultTermDays: 10 });
    wb.run('refreshWatchList');
    expect(watched(wb, lang)).toEqual({ AT: true, PAST: true, TERM60: false, DUE: true });
  });

  test('paying the invoice clears the flag, the reasons and the balance', () => {
    wb.addRecords(lang, 'clients', [{ code: 'C1', name: 'Un' }]);
    wb.addRecords(lang, 'terms', [{ clientCode: 'C1' }]);
    wb.addRecords(lang, 'invoices', [
      { number: 'F1', date: '2026-09-01', clientCode: 'C1', amount: 75 },
    ]);
    wb.run('refreshWatchList');
    expect(watched(wb, lang)).toEqual({ C1: true });
    expect(column(wb, lang, 'terms', 'balanceDue')).toEqual({ C1: 75 });
    wb.setCell(SHEETS.invoices[lang], 2, SHEETS.invoices.columns[7][lang], '2026-11-14');
    wb.run('refreshWatchList');
    expect(watched(wb, lang)).toEqual({ C1: false });
    expect(reasons(wb, lang)).toEqual({ C1: '' });
    expect(column(wb, lang, 'terms', 'balanceDue')).toEqual({ C1: 0 });
  });
});

describe('the day is taken in the spreadsheet time zone (America/Toronto)', () => {
  function lateAt(now: string, dueDate = '2026-11-14'): boolean {
    const wb = workbook({ locale: 'en_US', now });
    wb.addRecords('en', 'clients', [{ code: 'TZ', name: 'Zone' }]);
    wb.addRecords('en', 'invoices', [
      { number: 'Z', date: '2026-10-01', clientCode: 'TZ', amount: 10, dueDate },
    ]);
    wb.run('refreshWatchList');
    return watched(wb, 'en').TZ as boolean;
  }

  test('23:59 in Toronto is still the due day, though UTC is already the next day', () => {
    expect(lateAt('2026-11-15T04:59:00Z')).toBe(false);
  });

  test('00:01 in Toronto is the next day: overdue', () => {
    expect(lateAt('2026-11-15T05:01:00Z')).toBe(true);
  });

  test('around the night daylight saving time ends (1 November 2026, UTC-4 then UTC-5)', () => {
    expect(lateAt('2026-10-31T23:30:00-04:00', '2026-10-31')).toBe(false);
    expect(lateAt('2026-11-01T00:30:00-04:00', '2026-10-31')).toBe(true);
    expect(lateAt('2026-11-01T23:30:00-05:00', '2026-11-01')).toBe(false);
    expect(lateAt('2026-11-02T00:30:00-05:00', '2026-11-01')).toBe(true);
  });

  test('the clock moving past midnight flips the flag on the next refresh', () => {
    const wb = workbook({ locale: 'en_US', now: '2026-11-14T23:58:00-05:00' });
    wb.addRecords('en', 'clients', [{ code: 'TZ', name: 'Zone' }]);
    wb.addRecords('en', 'invoices', [
      { number: 'Z', date: '2026-10-01', clientCode: 'TZ', amount: 10, dueDate: '2026-11-14' },
    ]);
    wb.run('refreshWatchList');
    expect(watched(wb, 'en').TZ).toBe(false);
    wb.emu.advanceTo('2026-11-15T00:02:00-05:00');
    wb.run('refreshWatchList');
    expect(watched(wb, 'en').TZ).toBe(true);
    expect(reasons(wb, 'en').TZ).toBe('Invoice Z overdue by 1 day (due 2026-11-14)');
  });
});

describe('computed columns', () => {
  test('last invoice dates computed with invoices, hand-typed ones kept without (formulas too)', () => {
    const wb = workbook({ locale: 'en_US' });
    wb.addRecords('en', 'clients', [
      { code: 'INV', name: 'Has invoices' },
      { code: 'HAND', name: 'Typed by hand' },
    ]);
    wb.addRecords('en', 'terms', [
      { clientCode: 'INV', lastInvoiceDate: '2020-01-01', lastUnpaidInvoiceDate: '2020-01-01' },
      {
        clientCode: 'HAND',
        lastInvoiceDate: '2025-05-05',
        lastUnpaidInvoiceDate: '=DATE(2025,1,2)',
      },
    ]);
    wb.addRecords('en', 'invoices', [
      { number: '1', date: '2026-11-01', clientCode: 'INV', amount: 10, paidDate: '2026-11-02' },
      { number: '2', date: '2026-10-20', clientCode: 'INV', amount: 20 },
      { number: '3', date: '2026-11-10', clientCode: 'INV', amount: 30, paidDate: '2026-11-12' },
    ]);
    wb.run('refreshWatchList');
    const last = column(wb, 'en', 'terms', 'lastInvoiceDate');
    const unpaid = column(wb, 'en', 'terms', 'lastUnpaidInvoiceDate');
    expect(dayOf(last.INV)).toBe('2026-11-10');
    expect(dayOf(unpaid.INV)).toBe('2026-10-20');
    expect(dayOf(last.HAND)).toBe('2025-05-05');
    const terms = wb.sheet('Terms');
    const col = wb.header('Terms').indexOf('Last unpaid invoice date') + 1;
    expect(terms.getRange(3, col).getFormula()).toBe('=DATE(2025,1,2)');
    expect(column(wb, 'en', 'terms', 'balanceDue')).toEqual({ INV: 20, HAND: '' });

    // Every invoice paid: the last unpaid date becomes blank, the balance 0.
    wb.setCell('Invoices', 3, 'Paid on', '2026-11-14');
    wb.run('refreshWatchList');
    expect(column(wb, 'en', 'terms', 'lastUnpaidInvoiceDate').INV).toBe('');
    expect(column(wb, 'en', 'terms', 'balanceDue').INV).toBe(0);
  });

  test("only computed columns are written: typed cells and the team's own formulas stay", () => {
    const wb = workbook({ locale: 'fr_CA' });
    wb.addRecords('fr', 'clients', [
      { code: 'A', name: 'Alpha', needs: '=1+1 written as text?' },
      { code: 'B', name: 'Bêta' },
    ]);
    const clients = wb.sheet('Clients');
    const width = clients.getLastColumn();
    // The team adds a column of its own after the last one (growing the grid if it is full).
    if (width >= clients.getMaxColumns()) clients.insertColumnsAfter(width, 1);
    // An inserted column takes its left neighbour's format, plain text here: formulas need another.
    clients.getRange(1, width + 1, clients.getMaxRows(), 1).setNumberFormat('0');
    clients.getRange(1, width + 1).setValue('Notes équipe');
    clients.getRange(2, width + 1).setFormula('=LEN(B2)');
    clients.getRange(3, width + 1).setValue('à rappeler');
    wb.addRecords('fr', 'invoices', [
      { number: 'F', date: '2026-01-01', clientCode: 'A', amount: 5 },
    ]);
    const before = wb.emu.spreadsheet.values('Clients');
    wb.run('refreshWatchList');
    const after = wb.emu.spreadsheet.values('Clients');
    const header = after[0]!.map(String);
    const computed = ['Sous surveillance', 'Motifs de surveillance'].map((h) => header.indexOf(h));
    after.forEach((row, r) =>
      row.forEach((v, c) => {
        if (r > 0 && computed.includes(c)) return;
        expect([r, c, v]).toEqual([r, c, before[r]![c]]);
      }),
    );
    expect(clients.getRange(2, width + 1).getFormula()).toBe('=LEN(B2)');
    expect(after[1]![computed[0]!]).toBe(true);
    expect(after[2]![computed[0]!]).toBe(false);
  });
});

describe('what people really type (French workbook)', () => {
  let wb: TestWorkbook;
  beforeEach(() => {
    wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
  });

  test('codes with spaces and case differences, text dates, amounts as text', () => {
    wb.addRecords('fr', 'clients', [
      { code: 'ab-12', name: 'Codes' },
      { code: 'TXT', name: 'Texte' },
    ]);
    wb.addRecords('fr', 'terms', [
      { clientCode: 'AB-12 ', creditLimit: "'1 000,00 $" },
      { clientCode: 'txt' },
    ]);
    wb.addRecords('fr', 'invoices', [
      // "15/10/2026" is 15 October in a French workbook: due 14 November, one day late
      { number: 'T-1', date: "'15/10/2026", clientCode: ' TXT', amount: "'12,50" },
      { number: 'A-1', date: '2026-11-01', clientCode: 'Ab-12  ', amount: "'1 234,56 $" },
    ]);
    wb.run('refreshWatchList');
    expect(watched(wb, 'fr')).toEqual({ 'ab-12': true, TXT: true });
    expect(reasons(wb, 'fr').TXT).toBe('Facture T-1 en retard de 1 jour (échéance 2026-11-14)');
    expect(reasons(wb, 'fr')['ab-12']).toContain('1\u00a0234,56\u00a0$');
    expect(column(wb, 'fr', 'terms', 'balanceDue')).toEqual({ 'AB-12 ': 1234.56, txt: 12.5 });
    expect(wb.emu.ui.ofKind('alert')).toEqual([]);
  });

  test('unreadable cells are reported with sheet and row and never turned into a wrong flag', () => {
    wb.addRecords('fr', 'clients', [
      { code: 'TERM', name: 'Terme illisible' },
      { code: 'PAID', name: 'Payée illisible' },
      { code: 'AMT', name: 'Montant illisible' },
      { code: 'OK', name: 'Lisible' },
    ]);
    wb.addRecords('fr', 'terms', [
      { clientCode: 'TERM', termDays: "'soixante" },
      { clientCode: 'AMT', creditLimit: 100 },
    ]);
    wb.addRecords('fr', 'invoices', [
      // overdue with the default 30 days, maybe not with the client's real term
      { number: 'T', date: '2026-10-01', clientCode: 'TERM', amount: 10 },
      // overdue if unpaid, but its "paid on" cannot be read
      { number: 'P', date: '2026-09-01', clientCode: 'PAID', amount: 10, paidDate: "'hier" },
      // the balance cannot be known
      { number: 'M', date: '2026-11-10', clientCode: 'AMT', amount: "'beaucoup" },
      { number: 'K', date: '2026-11-10', clientCode: 'OK', amount: 10 },
      { number: 'G', date: '2026-11-10', clientCode: 'GHOST', amount: 10 },
    ]);
    wb.run('refreshWatchList');
    // An unreadable Terms cell is said in the client's Watch reasons (decision 021), which puts it
    // under watch; an unreadable invoice leaves its client's cells as they stand.
    expect(watched(wb, 'fr')).toEqual({ TERM: true, PAID: '', AMT: '', OK: false });
    expect(wb.rows('Clients')[0]!['Motifs de surveillance']).toBe(
      'Termes, Terme (jours) illisible (client TERM) : Nombre de jours entier attendu, reçu « soixante »; Facture T en retard de 15 jours (échéance 2026-10-31)',
    );
    const alert = wb.emu.ui.ofKind('alert').at(-1)!;
    expect(alert.prompt).toContain('Termes, ligne 2, Terme (jours)');
    expect(alert.prompt).toContain('Factures, ligne 3, Payée le');
    expect(alert.prompt).toContain('Factures, ligne 4, Montant');
    expect(alert.prompt).toContain('Factures, ligne 6, Code client : Code client « GHOST » absent');
    expect(wb.emu.toasts.at(-1)!.message).toBe('1 client sous surveillance, dont 1 nouveau.');
  });

  test('a client already watched keeps its flag while one of its cells is unreadable', () => {
    wb.addRecords('fr', 'clients', [{ code: 'W', name: 'Surveillé' }]);
    wb.addRecords('fr', 'terms', [{ clientCode: 'W' }]);
    wb.addRecords('fr', 'invoices', [
      { number: 'W1', date: '2026-09-01', clientCode: 'W', amount: 10 },
    ]);
    wb.run('refreshWatchList');
    expect(watched(wb, 'fr')).toEqual({ W: true });
    const reasonsBefore = reasons(wb, 'fr').W;
    wb.setCell('Factures', 2, 'Payée le', "'la semaine passée");
    wb.run('refreshWatchList');
    expect(watched(wb, 'fr')).toEqual({ W: true });
    expect(reasons(wb, 'fr').W).toBe(reasonsBefore);
    expect(column(wb, 'fr', 'terms', 'balanceDue')).toEqual({ W: 10 });
  });
});

test('what people really type (English workbook): m/d/y text dates, "$1,234.56" as text', () => {
  const wb = workbook({ locale: 'en_US', now: '2026-11-15T12:00:00-05:00' });
  wb.addRecords('en', 'clients', [{ code: 'Q-7', name: 'Text' }]);
  wb.addRecords('en', 'terms', [{ clientCode: 'q-7', creditLimit: "'$1,000" }]);
  wb.addRecords('en', 'invoices', [
    // "10/15/2026" is 15 October in an English workbook: due 14 November, one day late
    { number: 'T-1', date: "'10/15/2026", clientCode: 'Q-7 ', amount: "'$1,234.56" },
  ]);
  wb.run('refreshWatchList');
  expect(watched(wb, 'en')).toEqual({ 'Q-7': true });
  expect(reasons(wb, 'en')['Q-7']).toBe(
    'Invoice T-1 overdue by 1 day (due 2026-11-14); Balance $1,234.56 over credit limit $1,000.00',
  );
  expect(wb.emu.ui.ofKind('alert')).toEqual([]);
});
