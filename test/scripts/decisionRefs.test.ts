/**
 * scripts/decisionRefs.mjs, run on a scratch tree (a copy of the script and of docs/decisions,
 * plus a few files written here): tracker references become pointers to decision records, in
 * code and in Markdown, the rewrite is idempotent, and what no rule covers is said and fails
 * `--check` (which `npm run lint` runs). This file is the one place outside the script where
 * such references are written on purpose: the script skips it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-client-decisions-'));
  mkdirSync(path.join(dir, 'scripts'));
  cpSync(path.join(ROOT, 'scripts/decisionRefs.mjs'), path.join(dir, 'scripts/decisionRefs.mjs'));
  cpSync(path.join(ROOT, 'docs/decisions'), path.join(dir, 'docs/decisions'), { recursive: true });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

function read(file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

function run(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['scripts/decisionRefs.mjs', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('code and Markdown point to the records; a second run changes nothing; --check passes', () => {
  put(
    'src/a.ts',
    [
      '/**',
      ' * The form opens from its cache (issue 15, item 2), and the hourly dispatcher (issue 20) runs',
      ' * the jobs; payments are matched (issue 24).',
      ' */',
      '',
    ].join('\n'),
  );
  put('bench/README.md', 'Full size with the cost model of issue 15.\n');

  const first = run();
  expect(first.status).toBe(0);
  expect(read('src/a.ts')).toBe(
    [
      '/**',
      ' * The form opens from its cache (decision 004), and the hourly dispatcher (decision 010) runs',
      ' * the jobs; payments are matched (decision 020).',
      ' */',
      '',
    ].join('\n'),
  );
  expect(read('bench/README.md')).toBe(
    'Full size with the cost model of [decision 013](../docs/decisions/013-speed-measurement.md).\n',
  );

  const again = run();
  expect(again.status).toBe(0);
  expect(again.out).toContain('0 reference(s) rewritten in 0 file(s)');
  expect(run('--check').status).toBe(0);
});

test('a reference split over two comment lines is rewritten and the comment wrapped again', () => {
  const long = 'x'.repeat(60);
  put(
    'src/b.ts',
    `  // ${long} and fills the document cache (issue 15, item\n  // 2); the next ones read the client's rows only.\n`,
  );
  expect(run().status).toBe(0);
  const lines = read('src/b.ts').split('\n');
  const words = lines.map((line) => line.replace(/^ {2}\/\/ /, '')).join(' ');
  expect(words).toContain(
    "fills the document cache (decision 004); the next ones read the client's",
  );
  expect(lines.every((line) => line.length <= 100)).toBe(true);
  expect(lines.filter(Boolean).every((line) => line.startsWith('  // '))).toBe(true);
});

test('a reference no rule covers is listed, and fails the run and --check', () => {
  put('src/c.ts', '// Found while working on issue 99.\n');
  const rewrite = run();
  expect(rewrite.status).toBe(1);
  expect(rewrite.out).toContain('src/c.ts:1: // Found while working on issue 99.');
  expect(read('src/c.ts')).toBe('// Found while working on issue 99.\n');

  const check = run('--check');
  expect(check.status).toBe(1);
  expect(check.out).toContain('src/c.ts:1');
});

test('test names that a rewrite would make equal are left as they are, and said', () => {
  const text = [
    "describe('anonymize complete (issue 22)', () => {});",
    "describe('anonymize complete', () => {});",
    '',
  ].join('\n');
  put('test/d.test.ts', text);
  const r = run();
  expect(r.status).toBe(1);
  expect(r.out).toContain('would make test names repeat');
  expect(read('test/d.test.ts')).toBe(text);
});
