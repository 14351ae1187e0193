/**
 * Hostile input (decision 019) typed into the workbook itself: random values in random cells of
 * Clients, Terms, Commissions, CRM log and Invoices. The watch refresh (menu and edit trigger)
 * and the commission run never crash, and every unreadable cell they report names its sheet and
 * row ("Factures, ligne 3, …").
 */
import fc from 'fast-check';
import { createEmulator, type Emulator, type StateSnapshot } from '../../emulator';
import { workbook } from './harness';

const SHEETS = ['Clients', 'Termes', 'Commissions', 'Journal CRM', 'Factures'] as const;
const PROBLEM_LINE = /^(Clients|Termes|Commissions|Journal CRM|Factures), ligne (\d+), [^:]+ : \S/;

let fixture: StateSnapshot;
/** The same workbook on the last day of the month, for the time-driven triggers. */
let monthEnd: StateSnapshot;

beforeAll(() => {
  fixture = filled('2026-11-15T12:00:00-05:00');
  monthEnd = filled('2026-11-30T12:00:00-05:00');
});

function filled(now: string): StateSnapshot {
  const wb = workbook({ locale: 'fr_CA', now });
  wb.append('Listes', [
    { Vendeurs: 'Alice', 'Courriels des vendeurs': 'alice@example.com' },
    { 'Chargés de compte': 'Marie', 'Courriels des chargés de compte': 'marie@example.com' },
  ]);
  const codes = ['C1', 'C2', 'C3', 'C4', 'C5'];
  wb.append(
    'Clients',
    codes.map((c) => ({ 'Code client': c, Nom: `Client ${c}`, 'Chargé de compte': 'Marie' })),
  );
  wb.append(
    'Termes',
    codes.map((c) => ({ 'Code client': c, 'Limite de crédit': 500, 'Terme (jours)': 30 })),
  );
  wb.append(
    'Commissions',
    codes.map((c, i) => ({
      'Code client': c,
      Vendeur: 'Alice',
      'Type de commission': ['Ventes', 'Encaissements', 'Marge'][i % 3],
      'Taux (%)': 5,
    })),
  );
  wb.append(
    'Journal CRM',
    codes.map((c) => ({ 'Code client': c, Date: '2026-10-01', Nature: 'Discussion', Objet: 'x' })),
  );
  wb.append(
    'Factures',
    codes.flatMap((c, i) => [
      { 'No de facture': `F-${i}a`, Date: '2026-10-03', 'Code client': c, Montant: 300, Coût: 100 },
      {
        'No de facture': `F-${i}b`,
        Date: '2026-09-20',
        'Code client': c,
        Montant: 400,
        Coût: 200,
        'Payée le': i % 2 ? '2026-10-10' : '',
      },
    ]),
  );
  return wb.emu.snapshot();
}

function restore(state = fixture): Emulator {
  const emu = createEmulator({ state, locale: 'fr_CA' });
  emu.loadBundle();
  return emu;
}

/** The problem lines of the last alert, if the last refresh showed one. */
function alertLines(emu: Emulator, from: number): string[] {
  const alerts = emu.ui.events.slice(from).filter((e) => e.kind === 'alert');
  return alerts.flatMap((a) => (a.kind === 'alert' ? a.prompt.split('\n').slice(2) : []));
}

function tryRun(emu: Emulator, name: string, ...args: unknown[]): string | null {
  try {
    emu.run(name, ...args);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function columnLetter(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'pas une date',
    'beaucoup',
    '12,34,56',
    '#N/A',
    '=1/0',
    '=A1',
    '31/02/2026',
    '2026-13-45',
    '-5',
    '1e400',
    'VRAI',
    'Ventes et marge',
    '<b>gras</b>',
    '',
    '   ',
    '🙂',
    'x'.repeat(2000),
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
);

type Edit = [sheet: (typeof SHEETS)[number], row: number, col: number, value: unknown];

const edits = fc.array(
  fc.tuple(
    fc.constantFrom(...SHEETS),
    fc.integer({ min: 2, max: 11 }),
    fc.integer({ min: 1, max: 20 }),
    garbage,
  ),
  { minLength: 1, maxLength: 8 },
);

/** Types each value into an existing data cell (row and column wrapped into the used block). */
function typeInto(emu: Emulator, list: readonly Edit[]): void {
  for (const [sheet, row, col, value] of list) {
    const values = emu.spreadsheet.values(sheet);
    const width = values[0]!.length;
    const at = `${columnLetter(((col - 1) % width) + 1)}${Math.min(row, values.length)}`;
    emu.spreadsheet.seed(sheet, [[value]], at);
  }
}

describe('garbage typed into the sheets', () => {
  it('the daily, monthly and follow-up triggers never fail on it', () => {
    fc.assert(
      fc.property(edits, (list) => {
        const emu = restore(monthEnd);
        typeInto(emu, list);
        // 1 December: the monthly commission run (05:00) and the daily ones (06:00 and after)
        const outcomes = emu.advanceTo('2026-12-01T12:00:00-05:00');
        expect(outcomes.length).toBeGreaterThanOrEqual(2);
        expect(outcomes.filter((o) => o.error !== undefined)).toEqual([]);
      }),
      { numRuns: 10 },
    );
  }, 60_000);

  it('reported with sheet and row; the refresh, the edit trigger and the commission run never crash', () => {
    let reported = 0;
    fc.assert(
      fc.property(edits, (list) => {
        const emu = restore();
        typeInto(emu, list);
        const from = emu.ui.events.length;
        expect(tryRun(emu, 'refreshWatchList')).toBeNull();
        for (const line of alertLines(emu, from)) {
          reported++;
          if (!line.startsWith('…')) expect(line).toMatch(PROBLEM_LINE);
        }

        const [sheet, row, col] = list[0]!;
        const width = emu.spreadsheet.values(sheet)[0]!.length;
        const last = emu.spreadsheet.values(sheet).length;
        const outcomes = emu.fireEdit({
          range: { sheet, a1: `${columnLetter(((col - 1) % width) + 1)}${Math.min(row, last)}` },
        });
        expect(outcomes.filter((o) => o.error !== undefined)).toEqual([]);
        expect(emu.triggerFailures).toEqual([]);

        expect(tryRun(emu, 'computeCommissions', '2026-10')).toBeNull();
      }),
      {
        numRuns: 40,
        // One case that surely reaches the readers (an amount in words), so that the count below
        // holds in the fast tier too, where three random cases may all be readable.
        examples: [[[['Factures', 4, 5, 'beaucoup']]]],
      },
    );
    expect(reported).toBeGreaterThan(0); // the garbage did reach the readers
  }, 60_000);

  it('names the sheet, the row and the column of each unreadable cell', () => {
    const emu = restore();
    emu.spreadsheet.seed('Factures', [['pas une date']], 'B3'); // Date of F-0b
    emu.spreadsheet.seed('Factures', [['beaucoup']], 'E4'); // Montant of F-1a
    emu.spreadsheet.seed('Termes', [['illimité']], 'C2'); // Limite de crédit of C1
    emu.spreadsheet.seed('Commissions', [['cinq']], 'D3'); // Taux of C2
    const from = emu.ui.events.length;
    expect(tryRun(emu, 'refreshWatchList')).toBeNull();
    const lines = alertLines(emu, from);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Factures, ligne 3, Date : /),
        expect.stringMatching(/^Factures, ligne 4, Montant : /),
        expect.stringMatching(/^Termes, ligne 2, Limite de crédit : /),
      ]),
    );
    const logsBefore = emu.logs.entries.length;
    expect(tryRun(emu, 'computeCommissions', '2026-10')).toBeNull();
    const warned = emu.logs.entries
      .slice(logsBefore)
      .map((l) => l.message)
      .join('\n');
    // Positions only: the cells' contents stay out of the execution log (Law 25).
    expect(warned).toMatch(/Commissions row 3 \(/);
    expect(warned).toMatch(/Factures row 4 \(Montant\)/);
  });
});
