/**
 * Review of the form's document cache (issue 15, item 2): sequences that made the form show
 * something stale, each kept as a test. Run `npm run build` first.
 */
import { emptyClientRecord } from '../../src/shared/schemas';
import type { ClientRecord } from '../../src/shared/formApi';
import { workbook, type TestWorkbook } from './harness';

function seeded(): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append(
    'Clients',
    Array.from({ length: 30 }, (_, i) => ({
      'Code client': `C${String(i + 1).padStart(2, '0')}`,
      Nom: `Client ${i + 1}`,
    })),
  );
  wb.append(
    'Termes',
    Array.from({ length: 30 }, (_, i) => ({
      'Code client': `C${String(i + 1).padStart(2, '0')}`,
      'Limite de crédit': 1000 + i,
    })),
  );
  wb.append(
    'Journal CRM',
    Array.from({ length: 60 }, (_, i) => ({
      'Code client': `C${String((i % 30) + 1).padStart(2, '0')}`,
      Date: '2026-11-02',
      Nature: 'Discussion',
      Objet: `Appel ${i + 1}`,
    })),
  );
  return wb;
}

const open = (wb: TestWorkbook, code: string) => wb.run('formOpen', { code });
const subjects = (record: ClientRecord | null) =>
  (record?.crm.discussions ?? []).map((d) => d.subject).sort();

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
