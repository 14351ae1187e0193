/**
 * Review of the form's document cache (decision 004): sequences that made the form show
 * something stale, each kept as a test. Run `npm run build` first.
 */
import { emptyClientRecord } from '../../src/shared/schemas';
import { type TestWorkbook } from './harness';
import { open, seededClients, subjects } from './formCacheFixture';

const seeded = () => seededClients(30);

describe('a forget landing while a cold open reads the sheets', () => {
  it('a CRM row typed by hand (edit trigger) during a cold open shows at the next open', () => {
    const wb = seeded();
    // Right before the cold open stores what it read, a colleague types a row for C07 and
    // the edit trigger forgets the CRM log's row map.
    wb.emu.at('Cache.putAll', () => {
      wb.append('Journal CRM', [
        { 'Code client': 'C07', Date: '2026-11-20', Nature: 'Discussion', Objet: 'Visite' },
      ]);
      const row = wb.sheet('Journal CRM').getLastRow();
      wb.emu.fireEdit({ range: { sheet: 'Journal CRM', a1: `A${row}:D${row}` } });
    });
    open(wb, 'C05');
    expect(subjects(open(wb, 'C07').record)).toEqual(['Appel 37', 'Appel 7', 'Visite']);
  });

  it('a client created by a colleague’s save during a cold open can be opened at once', () => {
    const wb = seeded();
    wb.emu.at('Cache.putAll', () => {
      const record = emptyClientRecord('N1');
      record.general.name = 'Nouveau';
      expect(wb.runAs('bob@example.com', 'formSave', { record, isNew: true }).ok).toBe(true);
    });
    open(wb, 'C05');
    const again = open(wb, 'N1');
    expect(again.record?.general.name).toBe('Nouveau');
    expect(again.clients.map((c) => c.code)).toContain('N1');
  });
});

describe('a column the cached header does not know', () => {
  it('a column added at the end where no trigger sees it: a phone typed in the form is written', () => {
    const wb = seeded();
    const sheet = wb.sheet('Clients');
    // The team had no phone column when the cache was filled…
    const phone = wb.header('Clients').indexOf('Téléphone') + 1;
    sheet.deleteColumn(phone);
    wb.emu.fireChange('REMOVE_COLUMN');
    const loaded = open(wb, 'C07').record!;
    // …then a script adds it at the end (no trigger sees a script's change).
    const last = sheet.getLastColumn();
    sheet.insertColumnAfter(last);
    sheet.getRange(1, last + 1).setValue('Téléphone');
    const record = structuredClone(loaded);
    record.general.phone = '514 555-7777';
    expect(wb.run('formSave', { record, isNew: false, original: loaded }).ok).toBe(true);
    const row = wb.rows('Clients').find((r) => r['Code client'] === 'C07')!;
    expect(row['Téléphone']).toBe('514 555-7777');
  });
});

describe('entries near and past the cache’s limits', () => {
  /** A workbook whose type-ahead list is `names` long (the rest as seeded). */
  function named(names: string[]): TestWorkbook {
    const wb = seeded();
    names.forEach((name, i) => wb.setCell('Clients', i + 2, 'Nom', name));
    wb.emu.fireChange('OTHER'); // forgets what the seeding left
    return wb;
  }

  it('multi-byte names (accents, emoji) split under 100 KB a part: the next open is warm', () => {
    // 6 names of 48,001 bytes (one letter, then 12,000 emoji: surrogate pairs) and 2 of
    // 40,000 bytes of accents: about 370 KB, 4 parts, a boundary in the middle of the emoji.
    const names = [
      ...Array.from({ length: 6 }, (_, i) => `${'abcdef'[i]}${'😀'.repeat(12_000)}`),
      'é'.repeat(20_000),
      'à'.repeat(20_000),
    ];
    const wb = named(names);
    open(wb, 'C20');
    const warm = wb.measure(() => open(wb, 'C20'));
    expect(warm.calls['Cache.putAll'] ?? 0).toBe(0); // every entry was stored, none refused
    const same = warm.result.clients.slice(0, 8).map((c, i) => c.name === names[i]);
    expect(same).toEqual(names.map(() => true));
    expect(warm.result.record?.general.name).toBe('Client 20');
  });

  it('a type-ahead list over 8 parts: the form reads the sheets, and no useless row map is stored', () => {
    const names = Array.from({ length: 20 }, (_, i) => `${i}${'é'.repeat(45_000)}`);
    const wb = named(names);
    const first = wb.measure(() => open(wb, 'C25'));
    expect(first.result.record?.general.name).toBe('Client 25');
    const again = wb.emu.calls.measure(() => open(wb, 'C25'));
    expect(again.result.record).toEqual(first.result.record);
    expect(again.result.clients.map((c) => c.name === names[0])[0]).toBe(true);
    // Row maps and headers stored without the list they refer to are never used: each open
    // paid for writing them (about 1 MB) and read the sheets anyway.
    const stored = [...wb.emu.caches.document.entries.keys()];
    expect(stored.filter((k) => /^fc\.doc1\.(rows|header|clientNames)/.test(k))).toEqual([]);
    expect(again.cacheValues.written).toBe(0);
  });
});

describe('a save retried after it wrote Terms', () => {
  it('Clients sorted between the Terms write and the Clients check: the watch status is still recomputed', () => {
    const wb = seeded();
    const loaded = open(wb, 'C07').record!;
    const record = structuredClone(loaded);
    record.terms.watchReason = 'Litige';
    // The Terms row is written (the first setValues), then Clients, sorted by hand meanwhile,
    // fails its check: the save reads again and finds Terms already so.
    wb.emu.at('Range.setValues', () => {
      const sheet = wb.sheet('Clients');
      const range = sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn());
      range.setValues(range.getValues().reverse());
    });
    const saved = wb.run('formSave', { record, isNew: false, original: loaded });
    expect(saved.ok && saved.record.computed.watched).toBe(true);
    const row = wb.rows('Clients').find((r) => r['Code client'] === 'C07')!;
    expect([row['Sous surveillance'], row['Motifs de surveillance']]).toEqual([
      true,
      expect.stringContaining('Litige'),
    ]);
  });
});
