/**
 * Properties of the installable edit trigger (onEditTrigger, src/server/index.ts): whatever
 * hand edits are made to Invoices, Terms or Clients, each followed by the edit event Sheets
 * sends (src/server/watch/editTrigger.ts decides: nothing, the clients of the edited rows, or the
 * whole list), the clients the edits concern end as the full refresh (refreshWatchList) would
 * leave them, the trigger touches no other client's row, and no trigger ends in error.
 * "Concerned": every client whose code is in an edited row before or after the edit (a code
 * changed from A to B concerns A and B); a header edit concerns every client. Clients not
 * concerned are not checked against the full refresh (the daily refresh may catch them up), but
 * the trigger must leave their rows as they were.
 */
import fc from 'fast-check';
import {
  SHEETS,
  normalizeHeader,
  type ColumnDef,
  type Lang,
  type SheetKey,
} from '../../src/shared/contract';
import { workbook, type Locale, type TestWorkbook } from './harness';

const NOW = '2026-11-15T12:00:00-05:00';
const day = (offset: number): Date => new Date(Date.parse(NOW) + offset * 86_400_000);
const codeKey = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number'
    ? String(v).normalize('NFC').trim().toLowerCase()
    : '';

type EditSheet = 'clients' | 'terms' | 'invoices';
const EDIT_SHEETS: EditSheet[] = ['clients', 'terms', 'invoices'];
const columnsOf = (key: SheetKey) => SHEETS[key].columns as readonly ColumnDef[];
const codeColumnKey = (key: EditSheet) => (key === 'clients' ? 'code' : 'clientCode');
/** The watch cells the refreshes write, by sheet. */
const WATCH_CELLS: Record<'clients' | 'terms', string[]> = {
  clients: ['watched', 'watchReasons'],
  terms: ['balanceDue', 'lastInvoiceDate', 'lastUnpaidInvoiceDate'],
};
/**
 * Columns the refreshes read: a header edit renames only the others (a required header renamed
 * makes the trigger throw WorkbookError "The column … is missing … Run Set up workbook", by
 * design; retyping any header in another case or with spaces is generated).
 */
const REQUIRED_BY_REFRESH: Record<EditSheet, string[]> = {
  clients: ['code', 'watched', 'watchReasons', 'name', 'accountManager'],
  terms: [
    'clientCode',
    'balanceDue',
    'lastInvoiceDate',
    'lastUnpaidInvoiceDate',
    'creditLimit',
    'termDays',
    'watchReason',
  ],
  invoices: ['number', 'date', 'clientCode', 'amount', 'dueDate', 'paidDate'],
};

// ---------------------------------------------------------------- the workbook

interface Setup {
  locale: Locale;
  clients: {
    creditLimit: number | '';
    termDays: number | '';
    watchReason: string;
    lastTyped: boolean;
  }[];
  invoices: {
    client: number; // index into clients, or -1: a code no client has
    date: number;
    amount: number;
    due: number | null;
    paid: number | null;
  }[];
}

const setupArb: fc.Arbitrary<Setup> = fc.record({
  locale: fc.constantFrom<Locale>('en_US', 'fr_CA'),
  clients: fc.array(
    fc.record({
      creditLimit: fc.oneof(fc.constant<''>(''), fc.constantFrom(0, 100, 500, 2000)),
      termDays: fc.oneof(fc.constant<''>(''), fc.constantFrom(0, 15, 30, 60, 400)),
      watchReason: fc.constantFrom('', '', '', 'dispute', 'NSF cheque'),
      lastTyped: fc.boolean(),
    }),
    { minLength: 4, maxLength: 6 },
  ),
  invoices: fc.array(
    fc.record({
      client: fc.integer({ min: -1, max: 5 }),
      date: fc.integer({ min: -200, max: 0 }),
      amount: fc.oneof(
        fc.integer({ min: -50, max: 1500 }),
        fc.constantFrom(0.1, 0.2, 99.99, 250.5),
      ),
      due: fc.option(fc.integer({ min: -120, max: 40 }), { nil: null }),
      paid: fc.option(fc.integer({ min: -150, max: 0 }), { nil: null }),
    }),
    { minLength: 8, maxLength: 15 },
  ),
});

const codeOf = (i: number) => `C${i + 1}`;

function build(s: Setup): { wb: TestWorkbook; lang: Lang; codes: string[] } {
  const wb = workbook({ locale: s.locale, now: NOW });
  const lang: Lang = s.locale === 'fr_CA' ? 'fr' : 'en';
  const codes = s.clients.map((_, i) => codeOf(i));
  wb.addRecords(
    lang,
    'clients',
    codes.map((code) => ({ code, name: `Client ${code}` })),
  );
  wb.addRecords(
    lang,
    'terms',
    s.clients.map((c, i) => ({
      clientCode: codes[i],
      creditLimit: c.creditLimit,
      termDays: c.termDays,
      watchReason: c.watchReason,
      ...(c.lastTyped ? { lastInvoiceDate: day(-300) } : {}),
    })),
  );
  wb.addRecords(
    lang,
    'invoices',
    s.invoices.map((inv, i) => ({
      number: `F${100 + i}`,
      date: day(inv.date),
      clientCode: inv.client < 0 ? 'ZZ1' : codes[inv.client % codes.length],
      amount: inv.amount,
      dueDate: inv.due === null ? '' : day(inv.date + inv.due),
      paidDate: inv.paid === null ? '' : day(Math.max(inv.date, inv.paid)),
    })),
  );
  wb.run('refreshWatchList');
  return { wb, lang, codes };
}

// ---------------------------------------------------------------- edits

type Edit =
  | { kind: 'typed'; sheet: EditSheet; row: number; col: number; value: Gen }
  | { kind: 'pastedCell'; sheet: EditSheet; row: number; col: number; value: Gen }
  | {
      kind: 'block';
      sheet: EditSheet;
      row: number;
      col: number;
      height: number;
      width: number;
      values: Gen[];
    }
  | { kind: 'header'; sheet: EditSheet; col: number; how: 'same' | 'case' | 'rename' };

/** A value drawn independently of the column; mapped to a value fit for it at apply time. */
interface Gen {
  pick: number; // chooses among the column's candidates
  junk: number; // < 0: a fitting value; otherwise index into JUNK
}

const JUNK: unknown[] = [
  'abc',
  '=1+1',
  "'=1+1",
  'x'.repeat(5000),
  '  ',
  -1e12,
  true,
  new Date('1899-12-30T00:00:00Z'),
  '2026-13-45',
  '12,34,56',
  '#REF!',
  '\u0000\u202e',
];

const genArb = (junk: boolean): fc.Arbitrary<Gen> =>
  fc.record({
    pick: fc.nat({ max: 1000 }),
    junk: junk
      ? fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: JUNK.length - 1 }))
      : fc.constant(-1),
  });

const editArb = (junk: boolean): fc.Arbitrary<Edit> => {
  const sheet = fc.constantFrom<EditSheet>(...EDIT_SHEETS);
  const row = fc.integer({ min: 2, max: 18 });
  const col = fc.nat({ max: 40 }); // modulo the sheet's width at apply time
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('typed' as const),
        sheet,
        row,
        col,
        value: genArb(junk),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('pastedCell' as const),
        sheet,
        row,
        col,
        value: genArb(junk),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('block' as const),
        sheet,
        row,
        col,
        height: fc.integer({ min: 1, max: 12 }),
        width: fc.integer({ min: 1, max: 3 }),
        values: fc.array(genArb(junk), { minLength: 36, maxLength: 36 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('header' as const),
        sheet,
        col,
        how: fc.constantFrom<'same' | 'case' | 'rename'>('same', 'case', 'rename'),
      }),
    },
  );
};

/** A value for a column of `kind` (contract key `key`): something a person would put there. */
function fitting(key: string, column: ColumnDef, pick: number, codes: string[]): unknown {
  const of = <T>(xs: T[]): T => xs[pick % xs.length]!;
  if (key === 'code' || key === 'clientCode') {
    const c = codes[pick % codes.length]!;
    return of([c, c, c, c.toLowerCase(), ` ${c} `, 'ZZ1', 'NEW9', '']);
  }
  if (key === 'number') return of([`N${pick}`, '']);
  if (key === 'watched') return of([true, false, '', 'x']);
  switch (column.kind) {
    case 'date':
      return of([day(-(pick % 240)), day(-(pick % 30)), '']);
    case 'money':
      return of([pick, pick / 7, -(pick % 90), 0, '', 100, 1000]);
    case 'number':
      return of([pick % 120, 0, 30, '']);
    case 'percent':
      return of([0.02, 0, '']);
    case 'checkbox':
      return of([true, false]);
    default:
      return of(['dispute', '', 'note', 'Marie', 'fr']);
  }
}

function valueFor(key: string, column: ColumnDef, g: Gen, codes: string[]): unknown {
  return g.junk >= 0 ? JUNK[g.junk] : fitting(key, column, g.pick, codes);
}

// ---------------------------------------------------------------- snapshots

/** Where a column is, its header matched as the server matches it (case, spaces). */
function headerIndex(header: unknown[], sheet: SheetKey, key: string, lang: Lang): number {
  const text = normalizeHeader(columnsOf(sheet).find((c) => c.key === key)![lang]);
  return header.findIndex((h) => normalizeHeader(String(h)) === text);
}

type Snapshot = Record<'clients' | 'terms', { code: string; cells: unknown[] }[]>;

const norm = (v: unknown): unknown => (v instanceof Date ? `D:${v.getTime()}` : v);

function snapshot(wb: TestWorkbook, lang: Lang): Snapshot {
  const take = (key: 'clients' | 'terms') => {
    const name = SHEETS[key][lang];
    const [header = [], ...rows] = wb.emu.spreadsheet.values(name);
    const byKey = (k: string) => headerIndex(header, key, k, lang);
    const codeAt = byKey(codeColumnKey(key));
    const cellsAt = WATCH_CELLS[key].map(byKey);
    return rows.map((r) => ({
      code: codeKey(codeAt < 0 ? '' : r[codeAt]),
      cells: cellsAt.map((i) => (i < 0 ? '(no column)' : norm(r[i]))),
    }));
  };
  return { clients: take('clients'), terms: take('terms') };
}

/** The codes (codeKey) in the code column of rows [from, to] of a sheet, blank ones left out. */
function codesIn(wb: TestWorkbook, lang: Lang, key: EditSheet, from: number, to: number): string[] {
  const name = SHEETS[key][lang];
  const [header = [], ...rows] = wb.emu.spreadsheet.values(name);
  const at = headerIndex(header, key, codeColumnKey(key), lang);
  if (at < 0) return [];
  const out: string[] = [];
  for (let r = from; r <= to; r++) {
    const k = codeKey(rows[r - 2]?.[at]);
    if (k !== '') out.push(k);
  }
  return out;
}

interface Applied {
  /** Codes of the edited rows before and after; null: every client (a header edit). */
  concerned: Set<string> | null;
  /** Rows typed into by hand (sheet name → rows): the trigger is not the one who changed them. */
  touched: { sheet: EditSheet; from: number; to: number };
}

/** Makes the edit by hand, then fires the edit event Sheets would send for it. */
function apply(wb: TestWorkbook, lang: Lang, codes: string[], edit: Edit, fire = true): Applied {
  const name = SHEETS[edit.sheet][lang];
  const sheet = wb.sheet(name);
  const header = wb.header(name);
  const columns = columnsOf(edit.sheet);
  const keyAt = (c: number) =>
    columns.find((d) => normalizeHeader(d[lang]) === normalizeHeader(header[c - 1] ?? ''));
  const col = (edit.col % header.length) + 1;
  const a1 = (r: number, c: number) => sheet.getRange(r, c).getA1Notation();
  let outcomes;
  if (edit.kind === 'header') {
    const column = keyAt(col);
    const text = header[col - 1]!;
    let value = text;
    if (edit.how === 'case') value = ` ${text.toUpperCase()} `;
    if (edit.how === 'rename' && column && !REQUIRED_BY_REFRESH[edit.sheet].includes(column.key))
      value = 'Notes';
    const old = sheet.getRange(1, col).getValue();
    sheet.getRange(1, col).setValue(value);
    outcomes = fire
      ? wb.emu.fireEdit({ range: { sheet: name, a1: a1(1, col) }, oldValue: old })
      : [];
    check(outcomes);
    return { concerned: null, touched: { sheet: edit.sheet, from: 1, to: 1 } };
  }
  const height = edit.kind === 'block' ? edit.height : 1;
  const width = edit.kind === 'block' ? Math.min(edit.width, header.length - col + 1) : 1;
  const before = codesIn(wb, lang, edit.sheet, edit.row, edit.row + height - 1);
  const range = sheet.getRange(edit.row, col, height, width);
  if (edit.kind === 'block') {
    range.setValues(
      Array.from({ length: height }, (_, r) =>
        Array.from({ length: width }, (_, c) => {
          const column = keyAt(col + c);
          return column ? valueFor(column.key, column, edit.values[r * 3 + c]!, codes) : 'x';
        }),
      ),
    );
    outcomes = fire
      ? wb.emu.fireEdit({ range: { sheet: name, a1: range.getA1Notation() }, how: 'pasted' })
      : [];
  } else {
    const column = keyAt(col);
    const old = range.getValue();
    range.setValue(column ? valueFor(column.key, column, edit.value, codes) : 'x');
    outcomes = !fire
      ? []
      : edit.kind === 'typed'
        ? wb.emu.fireEdit({ range: { sheet: name, a1: a1(edit.row, col) }, oldValue: old })
        : wb.emu.fireEdit({ range: { sheet: name, a1: a1(edit.row, col) }, how: 'pasted' });
  }
  check(outcomes);
  const after = codesIn(wb, lang, edit.sheet, edit.row, edit.row + height - 1);
  return {
    concerned: new Set([...before, ...after]),
    touched: { sheet: edit.sheet, from: edit.row, to: edit.row + height - 1 },
  };
}

function check(outcomes: { handler: string; error?: unknown }[]): void {
  for (const o of outcomes)
    if (o.error !== undefined)
      throw new Error(
        `${o.handler} ended in error: ${String((o.error as Error)?.stack ?? o.error)}`,
      );
}

/** Rows of clients not concerned whose watch cells differ between two snapshots. */
function changedUnconcerned(
  a: Snapshot,
  b: Snapshot,
  concerned: Set<string> | null,
  touched: Applied['touched'],
): string[] {
  if (concerned === null) return [];
  const out: string[] = [];
  for (const key of ['clients', 'terms'] as const)
    a[key].forEach((rowA, i) => {
      const rowB = b[key][i];
      if (!rowB || rowA.code === '' || rowB.code === '') return;
      if (concerned.has(rowA.code) || concerned.has(rowB.code)) return;
      if (touched.sheet === key && i + 2 >= touched.from && i + 2 <= touched.to) return;
      if (JSON.stringify(rowA.cells) !== JSON.stringify(rowB.cells))
        out.push(
          `${key} row ${i + 2} (${rowA.code}): ${JSON.stringify(rowA.cells)} → ${JSON.stringify(rowB.cells)}`,
        );
    });
  return out;
}

/** Rows of concerned clients whose watch cells the full refresh changed. */
function changedConcerned(a: Snapshot, b: Snapshot, concerned: Set<string> | null): string[] {
  const out: string[] = [];
  for (const key of ['clients', 'terms'] as const)
    a[key].forEach((rowA, i) => {
      // a row left blank by the full refresh is no longer in the values
      const rowB = b[key][i] ?? { code: '', cells: [] };
      if (rowA.code !== rowB.code) throw new Error('the full refresh moved rows');
      if (rowA.code === '' || (concerned !== null && !concerned.has(rowA.code))) return;
      if (JSON.stringify(rowA.cells) !== JSON.stringify(rowB.cells))
        out.push(
          `${key} row ${i + 2} (${rowA.code}): ${JSON.stringify(rowA.cells)} → ${JSON.stringify(rowB.cells)}`,
        );
    });
  return out;
}

function runSequence(
  s: Setup,
  edits: Edit[],
  fire = true,
): { concernedStale: string[]; others: string[] } {
  const { wb, lang, codes } = build(s);
  let concerned: Set<string> | null = new Set();
  const others: string[] = [];
  for (const edit of edits) {
    const before = snapshot(wb, lang);
    const applied = apply(wb, lang, codes, edit, fire);
    others.push(
      ...changedUnconcerned(before, snapshot(wb, lang), applied.concerned, applied.touched),
    );
    concerned =
      concerned === null || applied.concerned === null
        ? null
        : new Set([...concerned, ...applied.concerned]);
  }
  const beforeFull = snapshot(wb, lang);
  wb.run('refreshWatchList');
  return { concernedStale: changedConcerned(beforeFull, snapshot(wb, lang), concerned), others };
}

// ---------------------------------------------------------------- properties

describe('the edit trigger after hand edits (properties)', () => {
  test('the clients an edit concerns end as the full refresh leaves them; the others are not touched', () => {
    fc.assert(
      fc.property(
        setupArb,
        fc.array(editArb(false), { minLength: 1, maxLength: 4 }),
        (s, edits) => {
          const { concernedStale, others } = runSequence(s, edits);
          expect({ concernedStale, others }).toEqual({ concernedStale: [], others: [] });
        },
      ),
      { numRuns: 75 },
    );
  });

  test('never an error, whatever is typed or pasted (junk values included)', () => {
    fc.assert(
      fc.property(setupArb, fc.array(editArb(true), { minLength: 1, maxLength: 4 }), (s, edits) => {
        const { wb, lang, codes } = build(s);
        for (const edit of edits) apply(wb, lang, codes, edit);
        expect(() => wb.run('refreshWatchList')).not.toThrow();
      }),
      { numRuns: 35 },
    );
  });
});
