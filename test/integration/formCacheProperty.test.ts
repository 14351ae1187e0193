/**
 * Decision 004, as a property: whatever a team does between two opens of the form — sort a
 * sheet (no trigger), insert or delete a row (the change trigger fires, as Sheets does), type a
 * CRM row or rename a client (the edit trigger fires), save a client or create one through the
 * form — the next open from the document cache shows exactly what an open that reads the sheets
 * shows. (Edits that no trigger sees and that no check can catch, a row added by another script,
 * are the documented 15-minute case: formCache.test.ts.) Run `npm run build` first.
 */
import fc from 'fast-check';
import { createEmulator, type StateSnapshot } from '../../emulator';
import { emptyClientRecord } from '../../src/shared/schemas';
import type { FormOpenResult } from '../../src/shared/formApi';
import { byHand } from './handEdits';
import { TestWorkbook, workbook } from './harness';

const CODES = Array.from({ length: 12 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`);
const EDITED = ['Clients', 'Termes', 'Journal CRM'] as const;

function fixture(): StateSnapshot {
  const wb = workbook({ locale: 'fr_CA' });
  byHand(wb.emu, (ss) => {
    // 60 rows a sheet: restored quickly, room for the rows the property adds.
    for (const sheet of ss.getSheets())
      if (sheet.getMaxRows() > 60) sheet.deleteRows(61, sheet.getMaxRows() - 60);
  });
  wb.append(
    'Clients',
    CODES.map((code, i) => ({
      'Code client': code,
      Nom: `Client ${code}`,
      Téléphone: `555-01${i}`,
    })),
  );
  wb.append(
    'Termes',
    CODES.map((code, i) => ({ 'Code client': code, 'Limite de crédit': 1000 + i })),
  );
  wb.append(
    'Journal CRM',
    Array.from({ length: 24 }, (_, i) => ({
      'Code client': CODES[(i * 5) % CODES.length],
      Date: '2026-11-02',
      Nature: 'Discussion',
      Objet: `Appel ${i + 1}`,
    })),
  );
  return wb.emu.snapshot();
}

function restored(state: StateSnapshot): TestWorkbook {
  const emu = createEmulator({ state, locale: 'fr_CA' });
  emu.loadBundle();
  return new TestWorkbook(emu);
}

type Op =
  | { kind: 'sort'; sheet: number; seed: number }
  | { kind: 'insert' | 'delete'; sheet: number; at: number }
  | { kind: 'crmRow'; client: number }
  | { kind: 'rename'; client: number }
  | { kind: 'save'; client: number }
  | { kind: 'create' }
  | { kind: 'open'; client: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('sort' as const), sheet: fc.nat(2), seed: fc.nat(1000) }),
  fc.record({
    kind: fc.constantFrom('insert' as const, 'delete' as const),
    sheet: fc.nat(2),
    at: fc.nat(40),
  }),
  fc.record({ kind: fc.constant('crmRow' as const), client: fc.nat(CODES.length - 1) }),
  fc.record({ kind: fc.constant('rename' as const), client: fc.nat(CODES.length - 1) }),
  fc.record({ kind: fc.constant('save' as const), client: fc.nat(CODES.length - 1) }),
  fc.record({ kind: fc.constant('create' as const) }),
  fc.record({ kind: fc.constant('open' as const), client: fc.nat(CODES.length - 1) }),
);

/** The column letter of a header in a sheet. */
function columnOf(wb: TestWorkbook, sheet: string, header: string): number {
  return wb.header(sheet).indexOf(header) + 1;
}

function apply(wb: TestWorkbook, o: Op, step: number): void {
  const code = 'client' in o ? CODES[o.client]! : '';
  switch (o.kind) {
    case 'sort': {
      // A sort from the Data menu: no event the triggers see (the strictest case).
      const sheet = wb.sheet(EDITED[o.sheet]!);
      const n = sheet.getLastRow() - 1;
      if (n < 2) return;
      const range = sheet.getRange(2, 1, n, sheet.getLastColumn());
      const rows = range.getValues();
      const keyed = rows.map((row, i) => ({ row, k: ((i + 1) * (o.seed + 7)) % 101 }));
      range.setValues(keyed.sort((a, b) => a.k - b.k).map((x) => x.row));
      return;
    }
    case 'insert':
    case 'delete': {
      const sheet = wb.sheet(EDITED[o.sheet]!);
      const n = sheet.getLastRow() - 1;
      if (n < 1) return;
      const at = 2 + (o.at % n);
      if (o.kind === 'insert') sheet.insertRowBefore(at);
      else sheet.deleteRow(at);
      wb.emu.fireChange(o.kind === 'insert' ? 'INSERT_ROW' : 'REMOVE_ROW');
      return;
    }
    case 'crmRow': {
      // Typed on the first blank row: the code last, the edit trigger fires for it.
      const sheet = wb.sheet('Journal CRM');
      const row = sheet.getLastRow() + 1;
      sheet.getRange(row, columnOf(wb, 'Journal CRM', 'Date')).setValue('2026-11-20');
      sheet.getRange(row, columnOf(wb, 'Journal CRM', 'Nature')).setValue('Discussion');
      sheet.getRange(row, columnOf(wb, 'Journal CRM', 'Objet')).setValue(`Tapé ${step}`);
      const column = columnOf(wb, 'Journal CRM', 'Code client');
      sheet.getRange(row, column).setValue(code);
      const a1 = sheet.getRange(row, column).getA1Notation();
      wb.emu.fireEdit({ range: { sheet: 'Journal CRM', a1 }, value: code });
      return;
    }
    case 'rename': {
      const rows = wb.rows('Clients');
      const i = rows.findIndex((r) => r['Code client'] === code);
      if (i < 0) return;
      const column = columnOf(wb, 'Clients', 'Nom');
      const range = wb.sheet('Clients').getRange(i + 2, column);
      const old = String(range.getValue());
      range.setValue(`Renommé ${step}`);
      wb.emu.fireEdit({
        range: { sheet: 'Clients', a1: range.getA1Notation() },
        value: `Renommé ${step}`,
        oldValue: old,
      });
      return;
    }
    case 'save': {
      const loaded = wb.run('formOpen', { code }).record;
      if (!loaded) return;
      const record = structuredClone(loaded);
      record.general.phone = `514 555-${1000 + step}`;
      record.crm.discussions.push({
        date: '2026-11-21',
        people: '',
        cc: '',
        subject: `Sauvé ${step}`,
        details: '',
      });
      wb.run('formSave', { record, isNew: false, original: loaded });
      return;
    }
    case 'create': {
      const opened = wb.run('formOpen', {});
      const record = emptyClientRecord(opened.nextCode);
      record.general.name = `Nouveau ${step}`;
      wb.run('formSave', { record, isNew: true, autoCode: true });
      return;
    }
    case 'open':
      wb.run('formOpen', { code });
      return;
  }
}

/** What an open shows, lists in a stable order. */
function shown(result: FormOpenResult) {
  return {
    ...result,
    clients: [...result.clients].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

describe('property: the form’s document cache shows what the sheets hold', () => {
  it('after random sorts, row inserts and deletes, typed rows, renames, saves and new clients', () => {
    const state = fixture();
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 5 }),
        fc.nat(CODES.length - 1),
        (ops, last) => {
          const wb = restored(state);
          wb.run('formOpen', { code: CODES[0]! }); // the cache warm
          ops.forEach((o, step) => apply(wb, o, step));
          const code = CODES[last]!;
          const warm = shown(wb.run('formOpen', { code }));
          wb.emu.caches.document.entries.clear(); // as if evicted: read from the sheets
          const cold = shown(wb.run('formOpen', { code }));
          expect(warm).toEqual(cold);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
