/**
 * Found while running the suite (test/integration/hostile.test.ts failed on main
 * about two runs in three): with the form's document cache warm, a code that names an object's
 * own property ("__proto__") read the row map's prototype instead of "no rows" and threw.
 */
import { workbook } from './harness';

it('formLoad of "__proto__" with the cache warm: not found, as any unknown code', () => {
  const wb = workbook({ locale: 'en_US' });
  wb.addRecords('en', 'clients', [{ code: 'C1', name: 'Alpha' }]);
  wb.run('formOpen', {}); // fills the cache
  expect(wb.run('formLoad', '__proto__')).toEqual({
    error: 'Client "__proto__" was not found (deleted or renamed?).',
  });
  expect(wb.run('formLoad', 'constructor')).toEqual({
    error: 'Client "constructor" was not found (deleted or renamed?).',
  });
});

it('a client whose code is "__proto__" loads from the cache like any other', () => {
  const wb = workbook({ locale: 'en_US' });
  wb.addRecords('en', 'clients', [
    { code: '__proto__', name: 'Odd' },
    { code: 'C2', name: 'Beta' },
  ]);
  wb.run('formOpen', {});
  const loaded = wb.run('formLoad', '__proto__');
  expect('record' in loaded && loaded.record.general.name).toBe('Odd');
});
