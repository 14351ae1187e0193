/**
 * The preview server as a hostile page or a careless user would try it (no browser needed):
 * its HTTP answers, what a GET may do, what --fresh may overwrite, and that it stops with the
 * process that started it. Run `npm run build` first (`npm test` does).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCsv, parseCsv } from '../../preview/csv';
import { lockFileOf } from '../../preview/lock';
import { openSession, startPreview, type RunningPreview } from '../../preview/server';
import type { Question } from '../../preview/session';
import { readState } from '../../preview/state';
import { freePort, newClientSave, savedClientCodes } from './previewFixtures';

const ROOT = path.resolve(__dirname, '../..');
let dir = '';
let running: RunningPreview;
let port = 0;

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
    expect(((await res.json()) as { error: string }).error).toMatch(/AAAA-MM-JJ/);
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
  expect(() => openSession(options(other))).toThrow(/n’est pas un classeur d’aperçu/);
  expect(readFileSync(other, 'utf8')).toBe('{"mine": true}');
  const text = path.join(dir, 'notes.txt');
  writeFileSync(text, 'plain text');
  expect(() => openSession({ ...options(text), fresh: false, empty: true })).toThrow(
    /n’est pas un classeur d’aperçu/,
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

// ---------------------------------------------------------------- one action at a time

type ActionReply = { question?: Question; error?: string };

/** A menu action as the page runs it: each question answered, the action sent again. */
async function menuAnswering(menuPath: string, text: string): Promise<ActionReply> {
  const answers: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    const reply = (await (
      await post('/api/menu', { path: menuPath, answers })
    ).json()) as ActionReply;
    if (!reply.question) return reply;
    answers.push(
      reply.question.kind === 'prompt'
        ? { kind: 'prompt', button: 'OK', text }
        : { kind: 'alert', button: 'YES' },
    );
  }
  throw new Error('too many questions');
}

test('saves sent with a prompting action, an import and a trigger: every success reported is in the saved file', async () => {
  const data = path.join(dir, 'workbook.json');
  const anonymize = 'Fiche Client > Anonymiser un client (Loi 25)…';
  const crm = await (
    await fetch(url(`/api/csv?sheet=${encodeURIComponent('Journal CRM')}`))
  ).text();
  const crmRows = parseCsv(crm);
  const imported = formatCsv([
    ...crmRows,
    ['C-0003', '2026-11-16', 'Suivi', '', '', '', 'Importé en même temps'],
  ]);
  for (let round = 0; round < 2; round++) {
    const codes = [0, 1, 2, 3, 4, 5].map((i) => `Z-${round}${i}`);
    // Saves and question-asking menu clicks all at once, interleaved, as a busy page sends them
    // (on the old server a save ran later, on the workbook a question then replaced: lost).
    const saves = codes.map(async (code) =>
      (
        await post('/rpc', { fn: 'formSave', args: [newClientSave(code, `Client ${code}`)] })
      ).json(),
    );
    const questions = codes.map(() =>
      post('/api/menu', { path: anonymize }).then((r) => r.json() as Promise<ActionReply>),
    );
    const [replies, asks, importReply, trigger, anonymized] = await Promise.all([
      Promise.all(saves) as Promise<{ ok: boolean; value?: { ok: boolean } }[]>,
      Promise.all(questions),
      post('/api/import', {
        sheet: 'Journal CRM',
        data: Buffer.from(imported, 'utf8').toString('base64'),
        answers: [{ kind: 'alert', button: 'YES' }],
      }),
      post('/api/trigger', { kind: 'daily' }),
      menuAnswering(anonymize, `C-00${round + 4}`),
    ]);
    for (const asked of asks) expect(asked.question).toBeDefined();
    expect(importReply.status).toBe(200);
    expect(trigger.status).toBe(200);
    expect(anonymized.error).toBeUndefined();
    const succeeded = codes.filter((_, i) => replies[i]!.ok && replies[i]!.value?.ok);
    // Every save answered; each one that says it succeeded is in the file.
    expect(succeeded).toEqual(codes);
    const state = readState(data)!;
    expect(savedClientCodes(state)).toEqual(expect.arrayContaining(succeeded));
    const crmSheet = state.spreadsheet.sheets.find((s) => s.name === 'Journal CRM')!;
    expect(Object.values(crmSheet.cells).map((c) => c.v)).toContain('Importé en même temps');
  }
}, 120_000);

// ---------------------------------------------------------------- requests checked first

test('a trigger name from Object’s prototype is refused before the clock moves', async () => {
  const before = running.session.emulator.clock.now().toISOString();
  const pinned = running.session.view().clockPinned;
  for (const kind of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 42]) {
    const res = await post('/api/trigger', { kind, date: '2031-05-05' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Requête refusée : « kind » /);
  }
  expect(running.session.emulator.clock.now().toISOString()).toBe(before);
  expect(running.session.view().clockPinned).toBe(pinned);
});

test('answers, separators and menu paths from Object’s prototype are refused', async () => {
  const bad = [
    ['/api/menu', { path: 'Fiche Client > Paramètres…', answers: [{ button: 'constructor' }] }],
    [
      '/api/menu',
      { path: 'Fiche Client > Paramètres…', answers: [{ kind: '__proto__', button: 'OK' }] },
    ],
    ['/api/menu', { path: 'Fiche Client > Paramètres…', answers: 'OK' }],
    ['/api/menu', { path: 'toString' }],
    ['/api/import', { sheet: 'Clients', data: 'not base64!' }],
    ['/rpc', { fn: 'settingsLoad', args: 'x' }],
  ] as const;
  for (const [route, body] of bad) {
    const res = await post(route, body);
    expect([400, 404]).toContain(res.status);
    expect(((await res.json()) as { error: string }).error).toMatch(/^(Requête refusée|Aucun)/);
  }
  const sep = await fetch(url('/api/csv?sheet=Clients&sep=constructor'));
  expect(sep.status).toBe(400);
});

test('a CSV of a sheet that does not exist is an error status, never an empty 200', async () => {
  const res = await fetch(url('/api/csv?sheet=NoSuchSheet'));
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/json/);
  expect(await res.json()).toEqual({ error: 'Aucune feuille nommée « NoSuchSheet ».' });
  const ok = await fetch(url('/api/csv?sheet=Clients&sep=semicolon'));
  expect(ok.status).toBe(200);
  const body = Buffer.from(await ok.arrayBuffer());
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString('utf8', 3).split('\r\n')[0]).toMatch(/^Code client;Nom;/);
});

test('a malformed JSON body is a 400 in the workbook’s language', async () => {
  for (const body of ['{"fn": ', 'nul', '[1, 2]', '"text"']) {
    const res = await fetch(url('/api/menu'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Requête refusée : /);
  }
});

// ---------------------------------------------------------------- start-up

test('a second preview on the same file says which one holds it; another file is fine', async () => {
  const data = path.join(dir, 'workbook.json');
  const other = await freePort();
  await expect(startPreview({ ...options(data, false), port: other })).rejects.toThrow(
    `${data} est déjà ouvert par un autre aperçu (processus ${process.pid}, http://127.0.0.1:${port}, depuis `,
  );
  // Nothing of the first was touched; the refused one listens no more.
  expect(readState(data)?.format).toBe('fiche-client-preview/1');
  await expect(fetch(`http://127.0.0.1:${other}/api/view`)).rejects.toThrow();
}, 60_000);

test('a stale lock is taken over and leftover temporary files removed, each said', async () => {
  const data = path.join(dir, 'stale.json');
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const deadPid = Number(gone.stdout.toString());
  writeFileSync(lockFileOf(data), JSON.stringify({ pid: deadPid, url: 'x', startedAt: 'hier' }));
  writeFileSync(`${data}.12345.tmp`, '{"half');
  const second = await startPreview({ ...options(data), port: await freePort() });
  try {
    expect(second.notices).toEqual([
      `L’aperçu qui tenait ${data} (processus ${deadPid}, depuis hier) ne tourne plus : celui-ci prend sa place.`,
      '1 fichier temporaire laissé par un arrêt en cours d’enregistrement supprimé.',
    ]);
    expect(existsSync(`${data}.12345.tmp`)).toBe(false);
    expect(JSON.parse(readFileSync(lockFileOf(data), 'utf8'))).toMatchObject({ pid: process.pid });
  } finally {
    await second.close();
  }
  expect(existsSync(lockFileOf(data))).toBe(false);
}, 60_000);

test('a broken workbook file stops the start with its name and what is wrong, and is left as it is', async () => {
  const cases: [string, string, RegExp][] = [
    ['null.json', 'null', /null\.json existe et n’est pas un classeur d’aperçu/],
    [
      'cut.json',
      '{"format":"fiche-client-preview/1","lang":"fr","spr',
      /cut\.json ne peut pas être ouvert : ce n’est pas du JSON/,
    ],
    [
      'nosheets.json',
      '',
      /nosheets\.json ne peut pas être ouvert : « spreadsheet\.sheets » : au moins 1 élément attendu/,
    ],
  ];
  const good = readFileSync(path.join(dir, 'workbook.json'), 'utf8');
  const noSheets = JSON.parse(good) as { spreadsheet: { sheets: unknown[] } };
  noSheets.spreadsheet.sheets = [];
  for (const [name, text, said] of cases) {
    const file = path.join(dir, name);
    const content = text || JSON.stringify(noSheets);
    writeFileSync(file, content);
    const p = await freePort();
    await expect(startPreview({ ...options(file, false), port: p })).rejects.toThrow(said);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(existsSync(lockFileOf(file))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${p}/api/view`)).rejects.toThrow();
  }
}, 60_000);

/** Runs preview/server.ts as `npm start` does; resolves once it listens, or with its exit. */
function spawnPreview(args: string[]): Promise<{ out: string; code: number | null; kill(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'preview/server.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no start and no exit in 60 s: ${out}`));
    }, 60_000);
    const kill = () => child.kill();
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('http://127.0.0.1:')) {
        clearTimeout(timer);
        resolve({ out, code: null, kill });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code, kill });
    });
  });
}

test('--data under a folder that cannot exist fails at once with a clear message', async () => {
  const started = Date.now();
  const result = await spawnPreview([
    '--port',
    String(await freePort()),
    '--data',
    '/proc/x/w.json',
  ]);
  expect(result.code).toBe(1);
  expect(result.out).toContain('Impossible de créer le dossier /proc/x (ENOENT)');
  expect(Date.now() - started).toBeLessThan(30_000);
}, 90_000);

test('a long import does not block reads: they are answered meanwhile, marked busy', async () => {
  const serverPort = await freePort();
  const data = path.join(dir, 'big.json');
  const child = await spawnPreview([
    '--port',
    String(serverPort),
    '--data',
    data,
    '--fresh',
    '--today',
    '2026-11-16',
  ]);
  expect(child.code).toBeNull();
  try {
    const at = (p: string) => `http://127.0.0.1:${serverPort}${p}`;
    const [header, ...rows] = parseCsv(await (await fetch(at('/api/csv?sheet=Factures'))).text());
    const big = [
      header!,
      ...Array.from({ length: 8000 }, (_, i) => {
        const r = [...rows[i % rows.length]!];
        r[0] = `F-${500000 + i}`;
        return r;
      }),
    ];
    let done = false;
    const importing = fetch(at('/api/import'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sheet: 'Factures',
        data: Buffer.from(formatCsv(big)).toString('base64'),
        answers: [{ kind: 'alert', button: 'YES' }],
      }),
    }).then(async (r) => {
      done = true;
      return r;
    });
    const busyReads: number[] = [];
    while (!done) {
      const started = Date.now();
      const view = (await (await fetch(at('/api/view'))).json()) as { view: { busy?: boolean } };
      if (view.view.busy && !done) busyReads.push(Date.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await importing).status).toBe(200);
    expect(busyReads.length).toBeGreaterThan(0);
    const after = (await (await fetch(at('/api/view'))).json()) as { view: { busy?: boolean } };
    expect(after.view.busy).toBeUndefined();
  } finally {
    child.kill();
  }
}, 120_000);
