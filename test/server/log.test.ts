/** The execution log gets positions and counts, never personal data (Law 25). */
import { logMailReport, logProblems, logWarning, redact } from '../../src/server/platform/log';

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  jest.spyOn(console, 'warn').mockImplementation((m: unknown) => void logged.push(String(m)));
});
afterEach(() => jest.restoreAllMocks());

test('e-mail addresses are masked in any warning', () => {
  expect(redact('sent to ann.roy+x@example.co.uk, and <b@c.ca>')).toBe(
    'sent to [e-mail], and <[e-mail]>',
  );
  logWarning('failed for bob@example.com');
  expect(logged).toEqual(['failed for [e-mail]']);
});

test('cell problems are logged by position only, not by what the cells hold', () => {
  logProblems('Watch list', [
    { sheet: 'Factures', row: 4, column: 'Montant', message: 'Montant invalide : « jean@x.ca »' },
    { sheet: 'Termes', row: 2, column: 'Limite de crédit', message: 'Nombre invalide : 12a' },
  ]);
  expect(logged).toEqual([
    'Watch list: 2 cell problem(s) at Factures row 4 (Montant); Termes row 2 (Limite de crédit)',
  ]);
  logProblems('none', []);
  expect(logged).toHaveLength(1);
});

test('a mailing is logged as counts: no address, no name', () => {
  logMailReport('Statements 2026-10 not all sent', {
    sent: 2,
    overQuota: 1,
    failed: [{ to: 'ann@example.com', error: 'Invalid email: ann@example.com' }],
    noAddress: ['Nadia'],
  });
  expect(logged).toEqual([
    'Statements 2026-10 not all sent: 2 sent, 1 over the daily quota, 1 failed, 1 without an address',
  ]);
});
