/**
 * google.script.run's value rules (https://developers.google.com/apps-script/guides/html/reference/run):
 * an illegal argument fails the request in the page; an illegal value anywhere in a result
 * makes the whole result null; undefined in arrays becomes null. See bridge.ts for the sources.
 */
import { createEmulator, createScriptRunBridge, invokeServerFunction, type Emulator } from '..';

const BUNDLE = String.raw`
function echo(a, b) { return { a: a, b: b }; }
function nested() { return { rows: [[1, 'x', new Date(0)]], ok: true }; }
function withFunction() { return { f: function () {} }; }
function withMap() { return [new Map()]; }
function nothing() {}
function holes() { return { list: [1, undefined, 3], gone: undefined }; }
function plain() { return { n: 1, s: 's', b: false, z: null, list: [{ k: 'v' }] }; }
`;

function emulator(): Emulator {
  const emu = createEmulator({ now: '2026-03-10T15:00:00Z' });
  emu.loadBundleCode(BUNDLE);
  return emu;
}

const result = (emu: Emulator, name: string, ...args: unknown[]) =>
  new Promise<{ ok: boolean; value: unknown }>((resolve) => {
    const run = createScriptRunBridge(emu)
      .withSuccessHandler((value) => resolve({ ok: true, value }))
      .withFailureHandler((error) => resolve({ ok: false, value: error }));
    (run[name] as (...a: unknown[]) => void)(...args);
  });

describe('google.script.run arguments', () => {
  const send =
    (...args: unknown[]) =>
    () =>
      (createScriptRunBridge(emulator()).echo as (...a: unknown[]) => void)(...args);

  it('a Date, a function or a class instance fails in the page, naming the property', () => {
    expect(send(new Date())).toThrow(TypeError);
    expect(send(new Date())).toThrow('Failed due to illegal value in property: 0');
    expect(send('x', { when: new Date() })).toThrow(
      'Failed due to illegal value in property: when',
    );
    expect(send({ list: [1, () => 2] })).toThrow('Failed due to illegal value in property: 1');
    expect(send({ m: new Map() })).toThrow('Failed due to illegal value in property: m');
    expect(send(Symbol('s'))).toThrow('Failed due to illegal value in property: 0');
    expect(send(10n)).toThrow('Failed due to illegal value in property: 0');
  });

  it('a circular object fails in the page', () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(send(o)).toThrow('Failed due to circular reference.');
  });

  it('the server never runs for a failed request', () => {
    const emu = emulator();
    const before = emu.calls.total;
    expect(() => invokeServerFunction(emu, 'echo', [new Date()])).not.toThrow();
    expect(invokeServerFunction(emu, 'echo', [new Date()])).toEqual({
      ok: false,
      error: { name: 'TypeError', message: 'Failed due to illegal value in property: 0' },
    });
    expect(emu.calls.total).toBe(before);
  });

  it('undefined in arrays becomes null, undefined fields are dropped; the server gets a copy', async () => {
    const emu = emulator();
    const arg = { list: [1, undefined], gone: undefined, inner: { k: 'v' } };
    const r = await result(emu, 'echo', arg, null);
    expect(r).toEqual({ ok: true, value: { a: { list: [1, null], inner: { k: 'v' } }, b: null } });
    expect((r.value as { a: unknown }).a).not.toBe(arg);
  });
});

describe('google.script.run results', () => {
  it('a Date anywhere makes the whole result null, recorded with where it was', async () => {
    const emu = emulator();
    expect(await result(emu, 'nested')).toEqual({ ok: true, value: null });
    expect(emu.scriptRunNulls).toEqual([{ name: 'nested', path: '.rows[0][2]', what: 'Date' }]);
  });

  it('functions and class instances too', async () => {
    const emu = emulator();
    expect((await result(emu, 'withFunction')).value).toBeNull();
    expect((await result(emu, 'withMap')).value).toBeNull();
    expect(emu.scriptRunNulls.map((n) => [n.path, n.what])).toEqual([
      ['.f', 'function'],
      ['[0]', 'Map'],
    ]);
  });

  it('undefined in arrays becomes null; no return value arrives as null', async () => {
    const emu = emulator();
    expect((await result(emu, 'holes')).value).toEqual({ list: [1, null, 3] });
    expect((await result(emu, 'nothing')).value).toBeNull();
    expect((await result(emu, 'plain')).value).toEqual({
      n: 1,
      s: 's',
      b: false,
      z: null,
      list: [{ k: 'v' }],
    });
    expect(emu.scriptRunNulls).toEqual([]);
  });
});
