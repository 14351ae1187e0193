/**
 * The workbook the form-cache tests share (formCache.test.ts, formCacheReview.test.ts): `n`
 * clients C01…, a Terms row each, two CRM rows each (rows of a client far apart), and a
 * Lists row. Run `npm run build` first.
 */
import type { ClientRecord } from '../../src/shared/formApi';
import { workbook, type TestWorkbook } from './harness';

const codeOf = (i: number) => `C${String(i + 1).padStart(2, '0')}`;

export function seededClients(n: number, options: { phones?: boolean } = {}): TestWorkbook {
  const wb = workbook({ locale: 'fr_CA' });
  wb.append(
    'Clients',
    Array.from({ length: n }, (_, i) => ({
      'Code client': codeOf(i),
      Nom: `Client ${i + 1}`,
      ...(options.phones ? { Téléphone: `418 555-01${String(i).padStart(2, '0')}` } : {}),
    })),
  );
  wb.append(
    'Termes',
    Array.from({ length: n }, (_, i) => ({
      'Code client': codeOf(i),
      'Limite de crédit': 1000 + i,
    })),
  );
  wb.append(
    'Journal CRM',
    Array.from({ length: 2 * n }, (_, i) => ({
      'Code client': codeOf(i % n),
      Date: '2026-11-02',
      Nature: 'Discussion',
      Objet: `Appel ${i + 1}`,
    })),
  );
  return wb;
}

export const open = (wb: TestWorkbook, code: string) => wb.run('formOpen', { code });

/** The subjects of a record's discussions, sorted. */
export const subjects = (record: ClientRecord | null) =>
  (record?.crm.discussions ?? []).map((d) => d.subject).sort();
