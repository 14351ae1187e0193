/**
 * `npm run test:worlds` (part of `npm test`, so of CI): for every switch of the emulator
 * (emulator/switches.ts) and each of its worlds other than the default, runs the test files
 * that depend on that switch with EMULATOR_WORLDS set to that world. The default world is run by
 * the whole suite already. A matrix of the relevant files, not the whole suite per world.
 *
 *   npm run test:worlds                       every switch, every world
 *   npm run test:worlds -- --only editEventBounds,intlTimeZones
 *   npm run test:worlds -- --jobs 2           two jest processes at a time
 *
 * Exits 1 when any test fails in any world. Expects a built bundle (npm run build).
 */
import { SWITCH_NAMES, SWITCHES, type SwitchName, type World } from '../emulator/switches';
import { option, runAll, runTests, type RunOutcome } from './worldRuns';

async function main(argv: string[]): Promise<number> {
  const only = option(argv, '--only')
    ?.split(',')
    .map((s) => s.trim());
  for (const name of only ?? [])
    if (!(SWITCH_NAMES as string[]).includes(name))
      throw new Error(`--only: unknown switch "${name}" (switches: ${SWITCH_NAMES.join(', ')})`);
  const jobs = Number(option(argv, '--jobs') ?? '1');
  const names = SWITCH_NAMES.filter((n) => !only || only.includes(n));
  const tasks: (() => Promise<RunOutcome>)[] = [];
  for (const name of names) {
    const d = SWITCHES[name];
    for (const world of (d.worlds as readonly World[]).slice(1))
      tasks.push(() =>
        runTests(`${name}=${world.id}`, d.tests, { [name as SwitchName]: world.id } as never),
      );
  }
  const started = Date.now();
  process.stdout.write(`World matrix: ${tasks.length} runs (${names.length} switches)\n`);
  const outcomes = await runAll(
    tasks.map((task) => async () => {
      const o = await task();
      const status = o.failed > 0 || o.error ? 'FAIL' : 'ok  ';
      process.stdout.write(
        `${status} ${o.label.padEnd(36)} ${String(o.passed).padStart(3)} passed, ${o.failed} failed  (${o.seconds} s; ${o.files.length} files)\n`,
      );
      return o;
    }),
    jobs,
  );
  const failed = outcomes.filter((o) => o.failed > 0 || o.error);
  for (const o of failed) {
    process.stdout.write(`\n${o.label}:\n`);
    if (o.error) process.stdout.write(`  ${o.error.replace(/\n/g, '\n  ')}\n`);
    for (const f of o.failures)
      process.stdout.write(
        `  ✕ ${f.file} › ${f.test}\n    ${f.message.replace(/\n/g, '\n    ')}\n`,
      );
  }
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failures = outcomes.reduce((n, o) => n + o.failed, 0);
  process.stdout.write(
    `\nworlds: ${passed} passed, ${failures} failed in ${tasks.length} runs (${Math.round((Date.now() - started) / 1000)} s)\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`test:worlds: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
