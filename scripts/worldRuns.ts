/**
 * Runs test files under chosen worlds of the emulator's switches (emulator/switches.ts): one jest
 * process per world setting, the worlds passed as EMULATOR_WORLDS. Used by `npm run test:worlds`
 * (every switch in every world, scripts/worlds.ts) and `npm run fidelity -- --report FILE`
 * (the worlds a check report observed, scripts/fidelity.ts). Expects a built bundle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatWorlds, WORLDS_ENV, type Worlds } from '../emulator/switches';

export const ROOT = path.resolve(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

export interface FailedTest {
  file: string;
  test: string;
  /** The failure message's first lines. */
  message: string;
}

export interface RunOutcome {
  label: string;
  worlds: Partial<Worlds>;
  files: string[];
  passed: number;
  failed: number;
  failures: FailedTest[];
  seconds: number;
  /** Set when jest itself failed (no results): its output's tail. */
  error?: string;
}

interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

function firstLines(text: string, n = 6): string {
  // Jest's messages carry colour codes; the summary is plain text.
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(0, n)
    .join('\n');
}

/** Runs `files` with EMULATOR_WORLDS set to `worlds`; resolves with what passed and failed. */
export function runTests(
  label: string,
  files: readonly string[],
  worlds: Partial<Worlds>,
  opts: { echo?: boolean } = {},
): Promise<RunOutcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-worlds-'));
  const out = path.join(dir, 'results.json');
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [JEST, '--json', `--outputFile=${out}`, '--runTestsByPath', ...files],
      {
        cwd: ROOT,
        env: { ...process.env, [WORLDS_ENV]: formatWorlds(worlds), FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-20_000);
      if (opts.echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', () => {
      const outcome: RunOutcome = {
        label,
        worlds,
        files: [...files],
        passed: 0,
        failed: 0,
        failures: [],
        seconds: Math.round((Date.now() - started) / 100) / 10,
      };
      try {
        const json = JSON.parse(readFileSync(out, 'utf8')) as JestJson;
        outcome.passed = json.numPassedTests;
        outcome.failed = json.numFailedTests;
        for (const file of json.testResults) {
          const rel = path.relative(ROOT, file.name);
          for (const a of file.assertionResults)
            if (a.status === 'failed')
              outcome.failures.push({
                file: rel,
                test: a.fullName,
                message: firstLines(a.failureMessages[0] ?? ''),
              });
          // A file that could not run at all (a syntax error, a failing beforeAll).
          if (file.assertionResults.length === 0 && file.message) {
            outcome.failed++;
            outcome.failures.push({
              file: rel,
              test: '(the file)',
              message: firstLines(file.message),
            });
          }
        }
      } catch {
        outcome.error =
          firstLines(log.split('\n').slice(-30).join('\n'), 30) || 'jest gave no results';
        outcome.failed = Math.max(outcome.failed, 1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      resolve(outcome);
    });
  });
}

/** Runs the jobs `jobs` at a time, in order of completion kept as given. */
export async function runAll<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

/** The value of `--name value` in argv, or undefined. */
export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}
