/**
 * The test loop never runs a stale bundle: jest's globalSetup builds dist/ again when it is
 * missing or older than anything the build reads (test/support/globalSetup.cjs). Checked on a
 * scratch project whose "build" only writes the three outputs and counts its runs.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../support/globalSetup.cjs') as {
  ensureBuilt: (dir: string) => 'fresh' | 'missing' | 'stale';
};

const FAKE_BUILD = `import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
mkdirSync('dist', { recursive: true });
for (const f of ['Code.js', 'Sidebar.html', 'appsscript.json']) writeFileSync('dist/' + f, 'x');
appendFileSync('builds.log', 'built\\n');
`;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fc-setup-'));
  mkdirSync(path.join(dir, 'src/server'), { recursive: true });
  mkdirSync(path.join(dir, 'scripts'));
  writeFileSync(path.join(dir, 'src/server/index.ts'), 'export {};\n');
  writeFileSync(path.join(dir, 'scripts/build.mjs'), FAKE_BUILD);
  writeFileSync(path.join(dir, 'package.json'), '{}');
  writeFileSync(path.join(dir, 'appsscript.json'), '{}');
  // Every input an hour old: the outputs written below are newer.
  const hourAgo = new Date(Date.now() - 3600_000);
  for (const p of [
    'src/server/index.ts',
    'src/server',
    'src',
    'scripts/build.mjs',
    'package.json',
    'appsscript.json',
  ])
    utimesSync(path.join(dir, p), hourAgo, hourAgo);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const builds = (): number =>
  readFileSync(path.join(dir, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;

test('builds when dist/ is missing, not again while it is fresh', () => {
  expect(ensureBuilt(dir)).toBe('missing');
  expect(ensureBuilt(dir)).toBe('fresh');
  expect(builds()).toBe(1);
});

test('builds again when a source file changed after the last build', () => {
  ensureBuilt(dir);
  const later = new Date(Date.now() + 60_000);
  utimesSync(path.join(dir, 'src/server/index.ts'), later, later);
  expect(ensureBuilt(dir)).toBe('stale');
  expect(builds()).toBe(2);
});

test('builds again when one output is missing', () => {
  ensureBuilt(dir);
  rmSync(path.join(dir, 'dist/Sidebar.html'));
  expect(ensureBuilt(dir)).toBe('missing');
  expect(builds()).toBe(2);
});
