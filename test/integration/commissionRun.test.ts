/**
 * The commission run through the built bundle (decision 015): each commission type, the product
 * filter, credit notes, several salespeople, rounding to the cent, the Toronto month boundary,
 * invalid agreements. Hand edits (decision 002): a rerun while rows are sorted, inserted or deleted
 * by hand at every service call.
 */
import { createEmulator, type StateSnapshot } from '../../emulator';
import fc from 'fast-check';
import {
  byHand,
  callLog,
  handEdit,
  minus,
  underHandEdits,
  type HandEdit,
  type ScheduledEdits,
} from './handEdits';
import { SHEETS, TestWorkbook, workbook } from './harness';
import { everyOrSample } from '../support/tier';

type Lang = 'fr' | 'en';

const LABELS = {
  en: { sales: 'Sales', payments: 'Payments', margin: 'Margin' },
  fr: { sales: 'Ventes', payments: 'Encaissements', margin: 'Marge' },
};

/** Two clients, two salespeople, every type, a filter, a credit note, the month's edges. */
function october(wb: TestWorkbook, lang: Lang) {
  const L = LABELS[lang];
  wb.addRecords(lang, 'clients', [
    { code: 'A', name: 'Alpha' },
    { code: 'B', name: 'Bêta' },
  ]);
  wb.addRecords(lang, 'commissions', [
    { clientCode: 'A', salesperson: 'Alice', commissionType: L.sales, ratePct: 10 },
    { clientCode: 'a ', salesperson: 'Bob', commissionType: L.payments, ratePct: 5 },
    {
      clientCode: 'B',
      salesperson: 'Alice',
      commissionType: L.margin,
      ratePct: 20,
      productType: 'Logiciel',
    },
  ]);
  wb.addRecords(lang, 'invoices', [
    {
      number: '1',
      date: '2026-10-05',
      clientCode: 'A',
      amount: 1000,
      productType: 'Matériel',
      paidDate: '2026-11-02',
    },
    { number: '2', date: '2026-09-20', clientCode: 'A', amount: 200, paidDate: '2026-10-10' },
    // 22:30 on 31 October in Toronto is already 1 November in UTC: still October here
    { number: '3', date: new Date('2026-10-31T22:30:00-04:00'), clientCode: 'A', amount: 0.05 },
    { number: '4', date: '2026-10-12', clientCode: 'A', amount: -100 },
    {
      number: '5',
      date: '2026-10-15',
      clientCode: 'B',
      amount: 500,
      cost: 300,
      productType: 'logiciel ',
    },
    {
      number: '6',
      date: '2026-10-15',
      clientCode: 'B',
      amount: 999,
      cost: 1,
      productType: 'Matériel',
    },
    { number: '7', date: '2026-11-01', clientCode: 'A', amount: 1000, paidDate: '2026-11-01' },
    { number: '8', date: '2026-09-30', clientCode: 'A', amount: 1000 },
  ]);
}

describe.each([
  ['en', 'en_US'],
  ['fr', 'fr_CA'],
] as const)('computeCommissions (%s workbook)', (lang, locale) => {
  let wb: TestWorkbook;
  beforeEach(() => {
    wb = workbook({ locale, now: '2026-11-15T12:00:00-05:00' });
    october(wb, lang);
  });

  test('lines for each type, product filter, credit note, rounding, month edges', () => {
    wb.run('computeCommissions', '2026-10');
    const L = LABELS[lang];
    const line = (
      sp: string,
      client: string,
      inv: string,
      type: string,
      base: number,
      rate: number,
      c: number,
    ) => ({
      month: '2026-10',
      salesperson: sp,
      clientCode: client,
      invoiceNumber: inv,
      commissionType: type,
      base,
      ratePct: rate,
      commission: c,
      originMonth: '',
    });
    expect(wb.records(lang, 'reportDetails')).toEqual([
      line('Alice', 'A', '1', L.sales, 1000, 10, 100),
      line('Alice', 'A', '3', L.sales, 0.05, 10, 0.01), // 0.005 rounds half away from zero
      line('Alice', 'A', '4', L.sales, -100, 10, -10),
      line('Alice', 'B', '5', L.margin, 200, 20, 40),
      line('Bob', 'A', '2', L.payments, 200, 5, 10),
    ]);
    expect(wb.records(lang, 'report')).toEqual([
      {
        month: '2026-10',
        salesperson: 'Alice',
        invoiceCount: 4,
        base: 1100.05,
        commission: 130.01,
        paidOut: false,
        adjustments: 0,
        amountPaidOut: '',
      },
      {
        month: '2026-10',
        salesperson: 'Bob',
        invoiceCount: 1,
        base: 200,
        commission: 10,
        paidOut: false,
        adjustments: 0,
        amountPaidOut: '',
      },
    ]);
  });

  test('November: sales and payments of the invoice dated and paid on the 1st', () => {
    wb.run('computeCommissions', '2026-11');
    expect(
      wb.records(lang, 'reportDetails').map((r) => [r.salesperson, r.invoiceNumber, r.commission]),
    ).toEqual([
      ['Alice', '7', 100],
      ['Bob', '1', 50],
      ['Bob', '7', 50],
    ]);
  });

  test('invalid agreements are reported with sheet and row and skipped', () => {
    wb.addRecords(lang, 'commissions', [
      { clientCode: 'A', salesperson: 'Carl', commissionType: 'Bonus', ratePct: 10 },
      { clientCode: 'A', salesperson: 'Dana', commissionType: LABELS[lang].sales, ratePct: 150 },
      { clientCode: 'A', salesperson: '', commissionType: LABELS[lang].sales, ratePct: 1 },
      { clientCode: 'ZZZ', salesperson: 'Eve', commissionType: LABELS[lang].sales, ratePct: 1 },
    ]);
    wb.emu.ui.answerNextPrompt('2026-10');
    wb.run('showCommissionReport');
    const names = wb.records(lang, 'report').map((r) => r.salesperson);
    expect(names).toEqual(['Alice', 'Bob']);
    const alert = wb.emu.ui.ofKind('alert').at(-1)!.prompt;
    const sheet = SHEETS.commissions[lang];
    const row = lang === 'fr' ? 'ligne' : 'row';
    for (const n of [5, 6, 7, 8]) expect(alert).toContain(`${sheet}, ${row} ${n},`);
    expect(alert).toContain('ZZZ');
    // the execution log keeps where they are, for runs without a user (triggers), not what the
    // cells hold (Law 25)
    wb.run('computeCommissions', '2026-10');
    const warned = wb.emu.logs.entries.filter((e) => e.level === 'warn').map((e) => e.message);
    for (const n of [5, 6, 7, 8])
      expect(warned.some((m) => m.includes(`${sheet} row ${n} (`))).toBe(true);
    expect(warned.some((m) => m.includes('ZZZ'))).toBe(false);
  });
});

// ---------------------------------------------------------------- rows moved by hand during a rerun

/**
 * Hand edits (decision 002): a rerun that changes the month, with a hand sort, a row inserted or a
 * row deleted (Commission details or Commission report, alternately) before EVERY service call of
 * the run but the writes themselves (the instant between a check and its write is the window left,
 * README "Shared editing"). Whatever happens, no other month's row and no cell the team typed
 * changes (rows compared whole, the team's Note column and Paid out included), the month holds
 * exactly the lines a run without edits gives (less the rows the person deleted), each with its
 * note; or the run says busy, every row of the month then being an old or a new line.
 */
describe('a rerun while rows are sorted, inserted or deleted by hand', () => {
  const DETAILS = 'Détail des commissions';
  const REPORT = 'Rapport des commissions';
  const SHEETS_EDITED = [DETAILS, REPORT];
  /** Calls that write: an edit landing right before one is in the window left by design. */
  const WRITES = new Set(['Range.setValues', 'Range.setValue', 'Sheet.deleteRows']);

  /**
   * September and October computed; the team's Note column in both sheets, notes on some rows,
   * Paid out ticked for September's Alice and October's Carl (whose total does not change);
   * the details sorted by client, so that October's rows lie in three blocks between
   * September's.
   */
  function base(): TestWorkbook {
    const wb = workbook({ locale: 'fr_CA', now: '2026-11-15T12:00:00-05:00' });
    wb.addRecords('fr', 'clients', [
      { code: 'A', name: 'Alpha' },
      { code: 'B', name: 'Bêta' },
      { code: 'C', name: 'Gamma' },
    ]);
    wb.addRecords('fr', 'commissions', [
      { clientCode: 'A', salesperson: 'Alice', commissionType: 'Ventes', ratePct: 10 },
      { clientCode: 'B', salesperson: 'Bob', commissionType: 'Ventes', ratePct: 5 },
      { clientCode: 'C', salesperson: 'Carl', commissionType: 'Ventes', ratePct: 10 },
    ]);
    wb.addRecords('fr', 'invoices', [
      { number: 'S1', date: '2026-09-05', clientCode: 'A', amount: 100 },
      { number: 'S2', date: '2026-09-06', clientCode: 'B', amount: 200 },
      { number: 'S3', date: '2026-09-07', clientCode: 'C', amount: 300 },
      { number: 'F1', date: '2026-10-05', clientCode: 'A', amount: 1000 },
      { number: 'F2', date: '2026-10-06', clientCode: 'A', amount: 500 },
      { number: 'F9', date: '2026-10-08', clientCode: 'A', amount: 10 },
      { number: 'F3', date: '2026-10-07', clientCode: 'B', amount: 800 },
      { number: 'F5', date: '2026-10-09', clientCode: 'C', amount: 300 },
      { number: 'F7', date: '2026-10-10', clientCode: 'C', amount: 400 },
    ]);
    wb.run('computeCommissions', '2026-09');
    wb.run('computeCommissions', '2026-10');
    byHand(wb.emu, (ss) => {
      for (const name of SHEETS_EDITED) {
        const sheet = ss.getSheetByName(name)!;
        sheet.insertColumnAfter(sheet.getLastColumn());
        sheet.getRange(1, sheet.getLastColumn() + 1).setValue('Note');
      }
      const details = ss.getSheetByName(DETAILS)!;
      const range = details.getRange(2, 1, details.getLastRow() - 1, details.getLastColumn());
      range.setValues(
        range
          .getValues()
          .sort((a, b) => String(a[2]).localeCompare(String(b[2])) || (a[0] < b[0] ? -1 : 1)),
      );
    });
    const note = (sheet: string, match: (r: Record<string, unknown>) => boolean, text: unknown) =>
      wb.setCell(sheet, wb.rows(sheet).findIndex(match) + 2, 'Note', text);
    const invoice = (n: string) => (r: Record<string, unknown>) => r['No de facture'] === n;
    const seller = (month: string, name: string) => (r: Record<string, unknown>) =>
      r.Mois === month && r.Vendeur === name;
    note(DETAILS, invoice('S1'), 'payée');
    note(DETAILS, invoice('F1'), 'vérifié');
    note(DETAILS, invoice('F2'), 'retour prévu');
    note(DETAILS, invoice('F3'), 'ok');
    note(DETAILS, invoice('F5'), 'à voir');
    note(REPORT, seller('2026-09', 'Alice'), 'sept ok');
    note(REPORT, seller('2026-10', 'Alice'), 'ask Paul');
    // Not '0042' with the text mark (dataSafety.test.ts has it): the sort by hand here rewrites
    // values, where Sheets' own sort moves cells.
    note(REPORT, seller('2026-10', 'Bob'), 'à payer');
    wb.setCell(REPORT, wb.rows(REPORT).findIndex(seller('2026-09', 'Alice')) + 2, 'Payée', true);
    wb.setCell(REPORT, wb.rows(REPORT).findIndex(seller('2026-10', 'Carl')) + 2, 'Payée', true);
    // A run records the settled rows' Amount paid out (decision 020): the reruns below start from a
    // workbook where that is done, so that only October's unsettled rows change.
    wb.run('computeCommissions', '2026-10');
    return wb;
  }

  /** The invoices' changes that make the rerun rewrite, append and delete rows of October. */
  const CHANGES = {
    // F1 changes (rewritten in place), F2 goes (its row deleted, its note reported), F4 and F6
    // come (appended); the report's Alice and Bob rows are rewritten in place.
    'lines added': (wb: TestWorkbook) => {
      const invoices = wb.rows('Factures');
      wb.setCell(
        'Factures',
        invoices.findIndex((r) => r['No de facture'] === 'F1') + 2,
        'Montant',
        1200,
      );
      deleteInvoice(wb, 'F2');
      wb.addRecords('fr', 'invoices', [
        { number: 'F4', date: '2026-10-20', clientCode: 'B', amount: 100 },
        { number: 'F6', date: '2026-10-21', clientCode: 'A', amount: 50 },
      ]);
      return ['retour prévu'];
    },
    // F3 goes with Bob's only line (both rows deleted, their notes reported); F9 goes and F8
    // takes its row (no note there); Alice's report row is rewritten in place.
    'lines removed': (wb: TestWorkbook) => {
      deleteInvoice(wb, 'F3');
      deleteInvoice(wb, 'F9');
      wb.addRecords('fr', 'invoices', [
        { number: 'F8', date: '2026-10-22', clientCode: 'A', amount: 70 },
      ]);
      return ['ok', 'à payer'];
    },
    // September is settled for Alice (ticked); S1 of September corrected: its 5 $ difference is
    // posted in October as an adjustment line (appended) and in Alice's report row (rewritten).
    'settled month corrected': (wb: TestWorkbook) => {
      const invoices = wb.rows('Factures');
      wb.setCell(
        'Factures',
        invoices.findIndex((r) => r['No de facture'] === 'S1') + 2,
        'Montant',
        150,
      );
      return [];
    },
  };
  /**
   * A settled month's own line or report row deleted by hand makes the month one the run no
   * longer compares (settledMonths.test.ts): for that change, the edits here sort and insert.
   */
  const settledCase = (name: string) => name === 'settled month corrected';

  function deleteInvoice(wb: TestWorkbook, number: string): void {
    const at = wb.rows('Factures').findIndex((r) => r['No de facture'] === number);
    byHand(wb.emu, (ss) => ss.getSheetByName('Factures')!.deleteRow(at + 2));
  }

  function restore(state: StateSnapshot): TestWorkbook {
    const emu = createEmulator({ state, locale: 'fr_CA' });
    emu.loadBundle();
    return new TestWorkbook(emu);
  }

  /** A sheet's rows of a month (all but October: `other`), whole, as sorted JSON. */
  function rowsOf(wb: TestWorkbook, sheet: string, october: boolean): string[] {
    return wb
      .rows(sheet)
      .filter((r) => Object.values(r).some((v) => v !== '' && v !== null))
      .filter((r) => (r.Mois === '2026-10') === october)
      .map((r) => JSON.stringify(r))
      .sort();
  }

  /** A row's key: month and salesperson, and in the details invoice and commission type. */
  function keyOf(json: string): string {
    const r = JSON.parse(json) as Record<string, unknown>;
    return JSON.stringify([r.Mois, r.Vendeur, r['No de facture'], r['Type de commission']]);
  }

  /**
   * The row without what the team typed in it: its note, and its Paid out tick with the Amount
   * paid out recorded for it (report).
   */
  function noNote(json: string): string {
    const row = JSON.parse(json) as Record<string, unknown>;
    // The amount recorded when the row was settled goes with its tick (decision 020).
    return JSON.stringify({
      ...row,
      Note: '',
      ...('Payée' in row ? { Payée: false, 'Montant versé': '' } : {}),
    });
  }

  /**
   * Pairs each row of `final` with a row of `pool` (a multiset): the same row, or, when the
   * person deleted a row of that key (`deletedKeys`: its note and tick went with it), the same
   * row without them. Returns the rows of `final` left unpaired and the rows of `pool` unused.
   */
  function pair(
    final: readonly string[],
    pool: readonly string[],
    deletedKeys: ReadonlySet<string>,
  ): { extra: string[]; unused: string[] } {
    const left = [...pool];
    const take = (i: number) => (i >= 0 ? (left.splice(i, 1), true) : false);
    const extra = final.filter(
      (row) =>
        !take(left.indexOf(row)) &&
        !take(left.findIndex((p) => deletedKeys.has(keyOf(p)) && noNote(p) === row)),
    );
    return { extra, unused: left };
  }

  /**
   * The lines of `unused` (expected, not in the month) that no hand deletion explains: each must
   * be a row the person deleted (`gone`, a multiset), or, when the person had deleted a row of its
   * key before the run read it, the line the run wrote again without the note, deleted in turn.
   */
  function unexplained(
    unused: readonly string[],
    gone: readonly string[],
    deletedKeys: ReadonlySet<string>,
  ): string[] {
    const left = [...gone];
    const take = (i: number) => (i >= 0 ? (left.splice(i, 1), true) : false);
    return unused.filter(
      (row) =>
        !take(left.indexOf(row)) &&
        !(deletedKeys.has(keyOf(row)) && take(left.indexOf(noNote(row)))),
    );
  }

  for (const [name, change] of Object.entries(CHANGES)) {
    describe(name, () => {
      let fixture: StateSnapshot;
      let log: string[];
      const expected: Record<string, string[]> = {};
      const before: Record<string, { other: string[]; october: string[] }> = {};

      beforeAll(() => {
        const wb = base();
        const dropped = change(wb);
        fixture = wb.emu.snapshot();
        for (const sheet of SHEETS_EDITED)
          before[sheet] = { other: rowsOf(wb, sheet, false), october: rowsOf(wb, sheet, true) };
        // The run without edits: what the month must hold; the notes of lines gone are told.
        const clean = restore(fixture);
        log = callLog(clean.emu, () => clean.run('computeCommissions', '2026-10'));
        for (const sheet of SHEETS_EDITED) {
          expected[sheet] = rowsOf(clean, sheet, true);
          expect(rowsOf(clean, sheet, false)).toEqual(before[sheet]!.other);
        }
        const menu = restore(fixture);
        menu.emu.ui.answerNextPrompt('2026-10');
        menu.run('showCommissionReport');
        const alert = menu.emu.ui.ofKind('alert').at(-1)?.prompt ?? '';
        for (const text of dropped) expect(alert).toContain(text);
      });

      it('the run without edits keeps every note with its key and Paid out with its salesperson', () => {
        const notes = (sheet: string) =>
          expected[sheet]!.map((j) => JSON.parse(j) as Record<string, unknown>)
            .filter((r) => r.Note !== '')
            .map((r) => [r['No de facture'] ?? r.Vendeur, r.Note, r.Payée ?? ''])
            .sort();
        if (settledCase(name)) {
          expect(notes(DETAILS)).toEqual([
            ['F1', 'vérifié', ''],
            ['F2', 'retour prévu', ''],
            ['F3', 'ok', ''],
            ['F5', 'à voir', ''],
          ]);
          expect(notes(REPORT)).toEqual([
            ['Alice', 'ask Paul', false],
            ['Bob', 'à payer', false],
          ]);
          const adjustment = expected[DETAILS]!.map((j) => JSON.parse(j) as Record<string, unknown>)
            .filter((r) => r['Type de commission'] === 'Ajustement')
            .map((r) => [r.Vendeur, r['No de facture'], r.Commission, r["Mois d'origine"]]);
          expect(adjustment).toEqual([['Alice', 'S1', 5, '2026-09']]);
        } else if (name === 'lines added') {
          expect(notes(DETAILS)).toEqual([
            ['F1', 'vérifié', ''],
            ['F3', 'ok', ''],
            ['F5', 'à voir', ''],
          ]);
          expect(notes(REPORT)).toEqual([
            ['Alice', 'ask Paul', false],
            ['Bob', 'à payer', false],
          ]);
        } else {
          expect(notes(DETAILS)).toEqual([
            ['F1', 'vérifié', ''],
            ['F2', 'retour prévu', ''],
            ['F5', 'à voir', ''],
          ]);
          expect(notes(REPORT)).toEqual([['Alice', 'ask Paul', false]]);
        }
        const carl = expected[REPORT]!.map((j) => JSON.parse(j) as Record<string, unknown>).find(
          (r) => r.Vendeur === 'Carl',
        );
        expect(carl?.Payée).toBe(true);
        expect(expected[DETAILS]).not.toEqual(before[DETAILS]!.october);
      });

      it('every write comes right after its check: the window left is 0 calls wide', () => {
        const writes = log.flatMap((kind, i) => (WRITES.has(kind) ? [[kind, log[i - 1]]] : []));
        // Lines added: F1's row rewritten, F4 and F6 appended, F2's row deleted, then the
        // report's two rows; lines removed: F9's row rewritten (F8), F3's deleted, then the
        // report's Alice rewritten and Bob deleted. (48 and 43 calls in all; the append-then-
        // delete run made 49 for each.)
        // A settled month corrected: the adjustment line appended, Alice's report row rewritten.
        expect(writes.map(([w]) => w)).toEqual(
          settledCase(name)
            ? ['Range.setValues', 'Range.setValues']
            : name === 'lines added'
              ? ['Range.setValues', 'Range.setValues', 'Sheet.deleteRows', 'Range.setValues']
              : ['Range.setValues', 'Sheet.deleteRows', 'Range.setValues', 'Sheet.deleteRows'],
        );
        for (const [write, before] of writes)
          expect([write, before]).toEqual([
            write,
            write === 'Range.setValues' && before === 'Sheet.getLastRow'
              ? 'Sheet.getLastRow' // the append: nothing typed below the last row
              : 'Sheet.getSheetValues', // the cells of the rows written or deleted
          ]);
      });

      /**
       * The rerun on a fresh copy with `edits` landing before their calls: what went wrong
       * (empty when nothing did), whether it said busy, and whether an edit fell in the window
       * left by design (right before a write).
       */
      function rerunUnder(edits: ScheduledEdits, where: string) {
        const wb = restore(fixture);
        const { error, deleted, inWindow } = underHandEdits(
          wb,
          edits,
          () => wb.run('computeCommissions', '2026-10'),
          '',
          SHEETS_EDITED,
        );
        const failures: string[] = [];
        if (error && !String(error).includes('occupé')) failures.push(`${where}: ${String(error)}`);
        for (const sheet of SHEETS_EDITED) {
          const gone = deleted[sheet] ?? [];
          const other = minus({ s: before[sheet]!.other }, { s: gone }).s!;
          if (JSON.stringify(rowsOf(wb, sheet, false)) !== JSON.stringify(other))
            failures.push(`${where}: another month's row of ${sheet} changed`);
          const october = rowsOf(wb, sheet, true);
          const deletedKeys = new Set(gone.map(keyOf));
          // Busy: every row an old or a new line; else exactly the new lines, less rows the
          // person deleted (a line deleted before the run read it comes back, without the
          // note or the Paid out tick the person deleted with it).
          const pool = error ? [...expected[sheet]!, ...before[sheet]!.october] : expected[sheet]!;
          const { extra, unused } = pair(october, pool, deletedKeys);
          if (extra.length > 0)
            failures.push(`${where}: ${sheet} holds ${extra.join(', ')} besides the lines`);
          if (!error) {
            const lost = unexplained(unused, gone, deletedKeys);
            if (lost.length > 0) failures.push(`${where}: ${sheet} lost ${lost.join(', ')}`);
          }
        }
        return { failures, busy: error !== undefined, inWindow };
      }

      it('a hand sort, insert or delete at every service call: nothing wrong is written', () => {
        const points = log
          .map((kind, i) => ({ kind, at: i + 1 }))
          .filter(({ kind }) => !WRITES.has(kind));
        expect(points.length).toBeGreaterThan(30);
        const edits: HandEdit[] = [
          { kind: 'sort', sheet: 0, order: Array.from({ length: 20 }, (_, i) => (i * 7) % 20) },
          { kind: 'insert', sheet: 0, at: 1 },
          ...(settledCase(name) ? [] : [{ kind: 'delete' as const, sheet: 0, at: 3 }]),
        ];
        const failures: string[] = [];
        let busy = 0;
        const tried = everyOrSample(points);
        for (const { kind, at } of tried)
          for (const edit of edits) {
            // Details and report in turn, by call.
            const sheet = at % 2;
            const where = `${edit.kind} in ${SHEETS_EDITED[sheet]} before call ${at} (${kind})`;
            const outcome = rerunUnder([{ at, edit: { ...edit, sheet } }], where);
            failures.push(...outcome.failures);
            if (outcome.busy) busy++;
          }
        expect(failures).toEqual([]);
        // Most runs complete: a move is seen and the month planned again.
        expect(busy).toBeLessThan(tried.length);
      });

      if (name === 'lines removed')
        it('rows moving on every read after a row with a note was deleted: busy, the note told', () => {
          const wb = restore(fixture);
          const calls = wb.emu.calls;
          const count = calls.count.bind(calls);
          let deleted = false;
          let reversals = 0;
          calls.count = (kind: string) => {
            if (kind === 'Sheet.deleteRows') deleted = true;
            else if (deleted && kind === 'Sheet.getSheetValues') {
              reversals++;
              byHand(wb.emu, (ss) => {
                for (const name of SHEETS_EDITED) {
                  const sheet = ss.getSheetByName(name)!;
                  const range = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
                  range.setValues(range.getValues().reverse());
                }
              });
            }
            count(kind);
          };
          let error: unknown;
          try {
            wb.run('computeCommissions', '2026-10');
          } catch (e) {
            error = e;
          } finally {
            calls.count = count;
          }
          expect(reversals).toBeGreaterThanOrEqual(2);
          // F3's row went with its note: the busy message says where (a trigger's failure goes
          // to the execution log: no cell contents, Law 25); its detail, which the menu shows,
          // gives the note's text.
          expect(String(error)).toContain('occupé');
          expect(String(error)).not.toContain('« ok »');
          expect((error as { detail?: string }).detail).toContain('« ok »');
          // Nothing wrong written: September as it was, October's rows old or new lines.
          for (const sheet of SHEETS_EDITED) {
            expect(rowsOf(wb, sheet, false)).toEqual(before[sheet]!.other);
            const pool = [...expected[sheet]!, ...before[sheet]!.october];
            expect(pair(rowsOf(wb, sheet, true), pool, new Set()).extra).toEqual([]);
          }
        });

      it('property: up to three random hand edits at random calls', () => {
        fc.assert(
          fc.property(
            fc.array(fc.record({ at: fc.integer({ min: 1, max: log.length }), edit: handEdit }), {
              minLength: 1,
              maxLength: 3,
            }),
            (edits) => {
              fc.pre(!settledCase(name) || edits.every((e) => e.edit.kind !== 'delete'));
              const outcome = rerunUnder(edits, JSON.stringify(edits));
              // A move in the instant between a check and its write is the window left.
              fc.pre(!outcome.inWindow);
              expect(outcome.failures).toEqual([]);
            },
          ),
          {
            numRuns: 30,
            // Once failed in CI-like runs: a noted row deleted before the run read it, then the
            // line the run wrote again (without the note) deleted after the write.
            examples: [
              [
                [
                  { at: 42, edit: { kind: 'delete', sheet: 0, at: 17 } },
                  { at: 1, edit: { kind: 'delete', sheet: 0, at: 1 } },
                ],
              ],
            ],
          },
        );
      }, 60_000);
    });
  }
});
