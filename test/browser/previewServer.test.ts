/**
 * The preview server as a hostile page or a careless user would try it (no browser needed):
 * its HTTP answers, what a GET may do, what --fresh may overwrite, and that it stops with the
 * process that started it. Run `npm run build` first (`npm test` does).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openSession, startPreview, type RunningPreview } from '../../preview/server';

const ROOT = path.resolve(__dirname, '../..');
let dir = '';
let running: RunningPreview;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const p = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(p));
    });
  });
}

const options = (dataFile: string, fresh = true) => ({
  port,
  dataFile,
  fresh,
  empty: false,
  lang: 'fr' as const,
  langGiven: false,
  today: '2026-11-16',
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-preview-server-'));
  port = await freePort();
  running = await startPreview(options(path.join(dir, 'workbook.json')));
}, 60_000);

afterAll(async () => {
  await running?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const url = (p: string): string => `http://127.0.0.1:${port}${p}`;
const post = (p: string, body: unknown): Promise<Response> =>
  fetch(url(p), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** How many times onOpen has run: each run asks SpreadsheetApp for the Ui to add the menu. */
const opens = (): number => running.session.emulator.calls.snapshot()['SpreadsheetApp.getUi'] ?? 0;

test('a date that is no calendar day is refused with 400 and the clock keeps working', async () => {
  for (const date of ['9999-99-99', '2026-13-01', '2026-02-30', 42, 'demain']) {
    const res = await post('/api/clock', { date });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/YYYY-MM-DD/);
  }
  expect((await post('/api/clock', { date: '2026-12-01' })).status).toBe(200);
  expect((await fetch(url('/api/view'))).status).toBe(200);
  expect(running.session.emulator.clock.now().toISOString()).toBe('2026-12-01T17:00:00.000Z');
  const trigger = await post('/api/trigger', { kind: 'daily', date: '2026-99-01' });
  expect(trigger.status).toBe(400);
});

test('google.script.run reaches only the script’s functions, never Object’s or the runner’s', async () => {
  for (const fn of [
    'constructor',
    'toString',
    'withSuccessHandler',
    '__proto__',
    'hasOwnProperty',
  ]) {
    const res = await post('/rpc', { fn, args: [] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: false,
      name: 'TypeError',
      message: `google.script.run.${fn} is not a function`,
    });
  }
  const ok = (await (await post('/rpc', { fn: 'settingsLoad', args: [] })).json()) as {
    ok: boolean;
  };
  expect(ok.ok).toBe(true);
});

test('no other site may frame the page or its sidebar frames', async () => {
  for (const p of ['/', '/api/view']) {
    const res = await fetch(url(p));
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
  }
});

test('a GET never runs the script; opening the page is a POST that runs onOpen', async () => {
  const before = opens();
  await fetch(url('/api/view'));
  await fetch(url('/api/view?since=0'));
  expect(opens()).toBe(before);
  expect((await post('/api/open', {})).status).toBe(200);
  expect(opens()).toBe(before + 1);
});

test('--fresh never overwrites a file that is not a preview workbook', () => {
  const other = path.join(dir, 'notes.json');
  writeFileSync(other, '{"mine": true}');
  expect(() => openSession(options(other))).toThrow(/not a preview workbook/);
  expect(readFileSync(other, 'utf8')).toBe('{"mine": true}');
  const text = path.join(dir, 'notes.txt');
  writeFileSync(text, 'plain text');
  expect(() => openSession({ ...options(text), fresh: false, empty: true })).toThrow(
    /not a preview workbook/,
  );
  expect(readFileSync(text, 'utf8')).toBe('plain text');
});

test('the server stops when the process that started it is killed outright', async () => {
  const serverPort = await freePort();
  const data = path.join(dir, 'orphan.json');
  // A shell stands for npm: it starts the server and prints its pid, then is killed with SIGKILL,
  // which forwards nothing to its child.
  const parent = spawn(
    'sh',
    [
      '-c',
      `${process.execPath} --import tsx preview/server.ts --port ${serverPort} --data ${data} --fresh & echo pid:$!; wait`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const pid = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 60_000);
    parent.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /pid:(\d+)/.exec(out);
      if (m && out.includes('http://127.0.0.1:')) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  expect(alive()).toBe(true);
  parent.kill('SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(alive()).toBe(false);
}, 90_000);
