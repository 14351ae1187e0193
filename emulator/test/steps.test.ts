/**
 * Calls and cells by step (CallCounter.step, the emulator's side of the bundle's span()): each
 * call counts once, under the innermost open step, and measure() returns what each step did.
 */
import { CallCounter, NO_STEP } from '../calls';

test('calls and cells land in the innermost open step, once each', () => {
  const c = new CallCounter(() => 0);
  const m = c.measure(() => {
    c.call('SpreadsheetApp.getActive', () => null);
    c.step('save', () => {
      c.call('LockService.getDocumentLock', () => null);
      c.step('read clients', () => {
        c.call('Range.getValues', () => c.countCells('read', 30));
      });
      c.call('Range.setValues', () => c.countCells('written', 4));
    });
  });
  expect(m.steps).toEqual([
    {
      step: NO_STEP,
      calls: { 'SpreadsheetApp.getActive': 1 },
      total: 1,
      cells: { read: 0, written: 0 },
      cacheValues: { read: 0, written: 0 },
    },
    {
      step: 'save',
      calls: { 'LockService.getDocumentLock': 1, 'Range.setValues': 1 },
      total: 2,
      cells: { read: 0, written: 4 },
      cacheValues: { read: 0, written: 0 },
    },
    {
      step: 'save › read clients',
      calls: { 'Range.getValues': 1 },
      total: 1,
      cells: { read: 30, written: 0 },
      cacheValues: { read: 0, written: 0 },
    },
  ]);
  expect(m.steps.reduce((n, s) => n + s.total, 0)).toBe(m.total);
});

test('measure() gives the steps of its own run only, and a step closes when its work throws', () => {
  const c = new CallCounter(() => 0);
  c.step('before', () => c.call('Range.getValues', () => null));
  const m = c.measure(() => {
    expect(() =>
      c.step('failing', () => {
        c.call('Range.getValues', () => null);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    c.call('Range.getValues', () => null);
    c.step('before', () => c.call('Range.getValues', () => null));
  });
  expect(m.steps.map((s) => [s.step, s.total])).toEqual([
    ['before', 1],
    ['failing', 1],
    [NO_STEP, 1],
  ]);
});
