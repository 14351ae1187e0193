/**
 * Decision 004: the form's document cache (src/server/platform/documentCache.ts,
 * src/server/clientForm/formCache.ts). A warm open reads the client's own rows and nothing else;
 * everything that would make the cache wrong either fails a check where it is used (rows sorted,
 * inserted or deleted by hand) or forgets it (the edit and change triggers, Set up, Settings, the
 * save, anonymize), and what no trigger sees ages out. Run `npm run build` first.
 */
import { emptyClientRecord } from '../../src/shared/schemas';
import type { ClientRecord } from '../../src/shared/formApi';
import { type TestWorkbook } from './harness';
import { open, seededClients, subjects } from './formCacheFixture';

function seeded(): TestWorkbook {
  const wb = seededClients(300, { phones: true });
  wb.append('Listes', [{ 'Codes crédit': 'A1', Vendeurs: 'Paul' }]);
  return wb;
}

/** Cells read by value calls during fn (the emulator counts them). */
function cellsRead(wb: TestWorkbook, fn: () => void): number {
  const before = wb.emu.calls.cells.read;
  fn();
  return wb.emu.calls.cells.read - before;
}

describe('the form’s document cache', () => {
  it('a warm open reads only the client’s rows, and shows what a cold open shows', () => {
    const wb = seeded();
    const cold = wb.measure(() => open(wb, 'C07'));
    let warm = wb.measure(() => open(wb, 'C07'));
    const warmCells = cellsRead(wb, () => (warm = wb.measure(() => open(wb, 'C07'))));
    expect(warm.result).toEqual(cold.result);
    expect(warm.result.record?.general.name).toBe('Client 7');
    expect(subjects(warm.result.record)).toEqual(['Appel 307', 'Appel 7']);
    expect(warm.result.clients).toHaveLength(300);
    expect(warm.total).toBeLessThan(cold.total);
    // Its rows whole (1 client row, 1 terms row, 2 CRM rows) and the headers checked: no column.
    expect(warmCells).toBeLessThan(200);
    expect(warm.calls['Sheet.getSheetValues'] ?? 0).toBeLessThanOrEqual(7);
    expect(warm.calls['Cache.getAll']).toBe(1);
    expect(warm.calls['Cache.putAll'] ?? 0).toBe(0);
  });

  it('rows sorted by hand (no trigger): the check fails, the sheets are read, the right client shows', () => {
    const wb = seeded();
    open(wb, 'C07');
    // Reverse Clients and the CRM log as a sort would, without any event.
    for (const name of ['Clients', 'Journal CRM']) {
      const sheet = wb.sheet(name);
      const range = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
      range.setValues(range.getValues().reverse());
    }
    const again = open(wb, 'C07');
    expect(again.record?.general.name).toBe('Client 7');
    expect(again.record?.general.phone).toBe('418 555-0106');
    expect(subjects(again.record)).toEqual(['Appel 307', 'Appel 7']);
  });

  it('a CRM row typed by hand for the client: the edit trigger forgets the row map', () => {
    const wb = seeded();
    open(wb, 'C07');
    wb.append('Journal CRM', [{ Date: '2026-11-20', Nature: 'Discussion', Objet: 'Visite' }]);
    const row = wb.sheet('Journal CRM').getLastRow();
    const column = wb.header('Journal CRM').indexOf('Code client') + 1;
    wb.sheet('Journal CRM').getRange(row, column).setValue('C07');
    wb.emu.fireEdit({ range: { sheet: 'Journal CRM', a1: `A${row}` }, value: 'C07' });
    expect(subjects(open(wb, 'C07').record)).toEqual(['Appel 307', 'Appel 7', 'Visite']);
  });

  it('a name or a Lists value typed by hand shows at the next open', () => {
    const wb = seeded();
    open(wb, 'C07');
    wb.setCell('Clients', 3, 'Nom', 'Deux renommé');
    wb.emu.fireEdit({ range: { sheet: 'Clients', a1: 'B3' }, value: 'Deux renommé' });
    const vendeurs = wb.header('Listes').indexOf('Vendeurs') + 1;
    wb.sheet('Listes').getRange(3, vendeurs).setValue('Julie');
    wb.emu.fireEdit({ range: { sheet: 'Listes', a1: `${String.fromCharCode(64 + vendeurs)}3` } });
    const again = open(wb, 'C07');
    expect(again.clients.find((c) => c.code === 'C02')?.name).toBe('Deux renommé');
    expect([...again.lists.salespeople].sort()).toEqual(['Julie', 'Paul']);
  });

  it('a row inserted by hand: the change trigger forgets, the shifted rows are found', () => {
    const wb = seeded();
    open(wb, 'C07');
    wb.sheet('Clients').insertRowBefore(2);
    wb.emu.fireChange('INSERT_ROW');
    const again = wb.measure(() => open(wb, 'C07'));
    expect(again.result.record?.general.name).toBe('Client 7');
    expect(again.calls['Cache.putAll']).toBe(1); // read whole, and cached again
  });

  it('a row inserted by a script no trigger sees: the check catches the shift', () => {
    const wb = seeded();
    open(wb, 'C07');
    wb.sheet('Clients').insertRowBefore(2);
    expect(open(wb, 'C07').record?.general.name).toBe('Client 7');
  });

  it('a CRM row added where no trigger sees it shows once the cache ages out (15 min)', () => {
    const wb = seeded();
    open(wb, 'C07');
    wb.append('Journal CRM', [
      { 'Code client': 'C07', Date: '2026-11-20', Nature: 'Discussion', Objet: 'Par API' },
    ]);
    expect(subjects(open(wb, 'C07').record)).toEqual(['Appel 307', 'Appel 7']);
    wb.emu.advanceTo(new Date(wb.emu.clock.millis() + 15 * 60_000 + 1000));
    expect(subjects(open(wb, 'C07').record)).toEqual(['Appel 307', 'Appel 7', 'Par API']);
  });

  it('a new client saved through the form is in the next open’s list and next code', () => {
    const wb = seeded();
    const first = open(wb, 'C07');
    const record = emptyClientRecord(first.nextCode);
    record.general.name = 'Nouveau';
    const saved = wb.run('formSave', { record, isNew: true });
    expect(saved.ok).toBe(true);
    const again = open(wb, first.nextCode);
    expect(again.record?.general.name).toBe('Nouveau');
    expect(again.clients.map((c) => c.code)).toContain(first.nextCode);
    expect(again.nextCode).not.toBe(first.nextCode);
  });

  it('a CRM row added by a save, then the client opened again: the row shows', () => {
    const wb = seeded();
    const first = open(wb, 'C07');
    const record = structuredClone(first.record!);
    const { origin: _origin, ...copy } = record.crm.discussions[0]!;
    record.crm.discussions.push({ ...copy, subject: 'Suivi' });
    const saved = wb.run('formSave', { record, isNew: false, original: first.record! });
    expect(saved.ok).toBe(true);
    expect(subjects(open(wb, 'C07').record)).toEqual(['Appel 307', 'Appel 7', 'Suivi']);
  });

  it('the language changed in Settings applies at the next open', () => {
    const wb = seeded();
    expect(open(wb, 'C07').lang).toBe('fr');
    const settings = wb.run('settingsLoad');
    wb.run('settingsSave', { ...settings, lang: 'en' });
    expect(open(wb, 'C07').lang).toBe('en');
  });

  it('Set up forgets everything; a cache emptied or mangled is read around', () => {
    const wb = seeded();
    open(wb, 'C07');
    const cache = { store: wb.emu.caches.document };
    const keys = [...cache.store.entries.keys()].filter((k) => k.startsWith('fc.doc1.'));
    expect(keys.length).toBeGreaterThan(5);
    // One part of the CRM log's row map written by another write: the entry reads as absent.
    const part = keys.find((k) => k.startsWith('fc.doc1.rows.crmLog.0'))!;
    cache.store.entries.get(part)!.value = 'other:1:{"c07":[2]}';
    expect(subjects(open(wb, 'C07').record)).toEqual(['Appel 307', 'Appel 7']);
    cache.store.entries.get(part)!.value = 'garbage';
    expect(subjects(open(wb, 'C07').record)).toEqual(['Appel 307', 'Appel 7']);
    wb.run('setupWorkbook');
    expect([...cache.store.entries.keys()].filter((k) => k.startsWith('fc.doc1.'))).toEqual([]);
  });
});

describe('a save locates the client’s rows by the cache, and checks them', () => {
  /** Opens C07 (warming the cache), changes the phone and the credit limit, saves. */
  function saveC07(wb: TestWorkbook, change?: (r: ClientRecord) => void) {
    const loaded = open(wb, 'C07').record!;
    const record = structuredClone(loaded);
    record.general.phone = '514 555-7777';
    change?.(record);
    return wb.measure(() => wb.run('formSave', { record, isNew: false, original: loaded }));
  }

  it('a warm save reads no code column, and writes what a cold save writes', () => {
    const warm = seeded();
    open(warm, 'C07');
    const cells = cellsRead(warm, () => expect(saveC07(warm).result.ok).toBe(true));
    const cold = seeded();
    const coldSave = wb0Save(cold);
    expect(cells).toBeLessThan(coldSave.cells / 2);
    expect(warm.rows('Clients').map(({ 'Mis à jour le': _a, ...r }) => r)).toEqual(
      cold.rows('Clients').map(({ 'Mis à jour le': _a, ...r }) => r),
    );
    expect(warm.rows('Journal CRM')).toEqual(cold.rows('Journal CRM'));
  });

  it('rows sorted by hand between the open and the save: the phone lands on the client’s row', () => {
    const wb = seeded();
    const loaded = open(wb, 'C07').record!;
    const sheet = wb.sheet('Clients');
    const range = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
    range.setValues(range.getValues().reverse());
    const record = structuredClone(loaded);
    record.general.phone = '514 555-7777';
    expect(wb.run('formSave', { record, isNew: false, original: loaded }).ok).toBe(true);
    const phones = wb.rows('Clients').filter((r) => r.Téléphone === '514 555-7777');
    expect(phones.map((r) => r['Code client'])).toEqual(['C07']);
  });

  it('a Terms row the cache does not know: the sheets are read, no second row is made', () => {
    const wb = seeded();
    wb.append('Clients', [{ 'Code client': 'N1', Nom: 'Sans termes' }]);
    wb.emu.fireChange('INSERT_ROW'); // forgets: the next open reads N1 in
    const loaded = wb.run('formOpen', { code: 'N1' }).record!;
    // A Terms row for N1 added where no trigger sees it (another script).
    wb.append('Termes', [{ 'Code client': 'N1', 'Remarques sur les factures': 'Livrer le matin' }]);
    const record = structuredClone(loaded);
    record.terms.creditLimit = 900;
    const saved = wb.run('formSave', { record, isNew: false, original: loaded });
    expect(saved).toMatchObject({ ok: true });
    const rows = wb.rows('Termes').filter((r) => r['Code client'] === 'N1');
    expect(rows.map((r) => [r['Limite de crédit'], r['Remarques sur les factures']])).toEqual([
      [900, 'Livrer le matin'],
    ]);
  });

  it('a CRM row the cache does not know is left as it is', () => {
    const wb = seeded();
    open(wb, 'C07');
    wb.append('Journal CRM', [
      { 'Code client': 'C07', Date: '2026-11-20', Nature: 'Discussion', Objet: 'Par API' },
    ]);
    expect(saveC07(wb, (r) => r.crm.discussions.pop()).result.ok).toBe(true);
    expect(
      wb
        .rows('Journal CRM')
        .filter((r) => r['Code client'] === 'C07')
        .map((r) => r.Objet)
        .sort(),
    ).toEqual(['Appel 7', 'Par API']);
  });

  function wb0Save(wb: TestWorkbook): { cells: number } {
    const loaded = wb.run('formOpen', { code: 'C07' }).record!;
    wb.emu.caches.document.entries.clear(); // as if evicted: the save reads the sheets
    const record = structuredClone(loaded);
    record.general.phone = '514 555-7777';
    let ok = false;
    const cells = cellsRead(wb, () => {
      ok = wb.run('formSave', { record, isNew: false, original: loaded }).ok;
    });
    expect(ok).toBe(true);
    return { cells };
  }
});

describe('what the cache costs', () => {
  it('a warm open moves the cache’s parts in one getAll, counted value by value', () => {
    const wb = seeded();
    const cold = wb.emu.calls.measure(() => open(wb, 'C07'));
    const warm = wb.emu.calls.measure(() => open(wb, 'C07'));
    // the cold open stored every entry once (settings, time zone, lists, names, 4 headers, 4 maps)
    expect(cold.cacheValues.written).toBe(12);
    // the warm open reads them and the generation (documentCache.ts)
    expect(warm.cacheValues).toEqual({ read: 13, written: 0 });
  });
});
