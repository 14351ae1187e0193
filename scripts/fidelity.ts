/**
 * `npm run fidelity -- --report FILE`: what a check report (Fiche Client › Help › Check this
 * spreadsheet, src/shared/checkReport.ts) says of the emulator's assumptions, and whether the
 * product passes its tests in the world the real spreadsheet is in.
 *
 * 1. Reads and checks the report; derives the world it observed for each switch
 *    (emulator/switches.ts): confirmed (the emulator's default), contradicted (another world),
 *    or not measured.
 * 2. Runs the test files that depend on the switches, once, with EMULATOR_WORLDS set to every
 *    observed world (the default where nothing was observed).
 * 3. Writes a summary (Markdown) to stdout and to `--out FILE` (default
 *    artifacts/fidelity-summary.md): the verdicts, the report's own remarks (failed probes,
 *    days that disagree with Utilities.formatDate) and the tests that fail in the observed world.
 *
 *   npm run fidelity -- --report emulator/sample-check-report.json
 *   npm run fidelity -- --report FILE --no-tests      verdicts only
 *
 * Exits 1 when a test fails in the observed world, 2 when the report cannot be read.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_WORLDS,
  formatWorlds,
  isWorld,
  SWITCH_NAMES,
  SWITCHES,
  switchTestFiles,
  type SwitchName,
  type World,
  type Worlds,
} from '../emulator/switches';
import {
  CHECKED_SWITCHES,
  CheckReportError,
  parseCheckReport,
  type CheckReport,
} from '../src/shared/checkReport';
import { option, ROOT, runTests, type RunOutcome } from './worldRuns';

type Verdict = 'confirmed' | 'contradicted' | 'not measured';

export interface SwitchVerdict {
  name: SwitchName;
  emulator: string;
  observed: string | null;
  verdict: Verdict;
}

/** The report's observations against the emulator's defaults. */
export function verdicts(report: CheckReport): SwitchVerdict[] {
  return SWITCH_NAMES.map((name) => {
    const observed = (CHECKED_SWITCHES as readonly string[]).includes(name)
      ? report.worlds[name as (typeof CHECKED_SWITCHES)[number]]
      : null;
    if (observed !== null && !isWorld(name, observed))
      throw new CheckReportError(`${name}: "${observed}" is not one of its worlds`);
    const emulator = DEFAULT_WORLDS[name];
    return {
      name,
      emulator,
      observed,
      verdict:
        observed === null ? 'not measured' : observed === emulator ? 'confirmed' : 'contradicted',
    };
  });
}

/** The worlds to run the tests in: every observed world, the default elsewhere. */
export function observedSetting(list: readonly SwitchVerdict[]): Partial<Worlds> {
  const out: Partial<Record<SwitchName, string>> = {};
  for (const v of list)
    if (v.observed !== null && v.verdict === 'contradicted') out[v.name] = v.observed;
  return out as Partial<Worlds>;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function worldWhat(name: SwitchName, id: string | null): string {
  if (id === null) return '—';
  const w = (SWITCHES[name].worlds as readonly World[]).find((x) => x.id === id);
  return w ? `\`${id}\`: ${w.what}` : `\`${id}\``;
}

/** Remarks on the report itself: failed probes, a product day that disagrees, a bigger cache. */
function remarks(report: CheckReport): string[] {
  const out: string[] = [];
  for (const [probe, msg] of Object.entries(report.failures))
    out.push(`The probe \`${probe}\` failed: ${msg}`);
  const intl = report.probes.intl;
  if (intl && intl.productAgrees < intl.samples)
    out.push(
      `The product's days disagree with Utilities.formatDate at ${intl.samples - intl.productAgrees} of ${intl.samples} instants in ${intl.timeZone}: a bug to report.`,
    );
  const cache = report.probes.cache;
  if (cache?.accepted.includes(102_401))
    out.push(
      'The cache accepted 102,401 bytes: its limit is higher than the emulator’s (harmless).',
    );
  const fmt = report.probes.textWrites?.find(
    (w) => w.format === '@STRING@' && w.written === '0042',
  );
  if (fmt && fmt.type !== 'string')
    out.push('`@STRING@` did not keep "0042" as text: it is not the plain-text format here.');
  return out;
}

export function summaryMarkdown(
  report: CheckReport,
  file: string,
  list: readonly SwitchVerdict[],
  run: RunOutcome | null,
): string {
  const count = (v: Verdict) => list.filter((x) => x.verdict === v).length;
  const lines = [
    `# Fidelity summary: ${path.basename(file)}`,
    '',
    `Report of ${report.measuredAt} (spreadsheet locale ${report.environment.spreadsheetLocale}, zone ${report.environment.spreadsheetTimeZone}, script zone ${report.environment.scriptTimeZone}).`,
    ...(report.note ? ['', `> ${report.note}`] : []),
    '',
    `${count('confirmed')} confirmed, ${count('contradicted')} contradicted, ${count('not measured')} not measured (emulator/FIDELITY.md lists each behaviour with its sources).`,
    '',
    '| Switch | Emulator | Observed | Verdict | Settled by |',
    '| --- | --- | --- | --- | --- |',
    ...list.map(
      (v) =>
        `| \`${v.name}\` | ${cell(worldWhat(v.name, v.emulator))} | ${cell(worldWhat(v.name, v.observed))} | ${v.verdict} | ${cell(SWITCHES[v.name].reportField)} |`,
    ),
    '',
  ];
  const notes = remarks(report);
  if (notes.length > 0) lines.push('## Remarks', '', ...notes.map((n) => `- ${n}`), '');
  if (run) {
    const worlds = formatWorlds(run.worlds) || '(the emulator’s defaults: nothing contradicted)';
    lines.push(
      '## Tests in the observed world',
      '',
      `EMULATOR_WORLDS=${worlds}`,
      '',
      `${run.files.length} files: ${run.passed} passed, ${run.failed} failed (${run.seconds} s).`,
      '',
    );
    if (run.error) lines.push('Jest did not run:', '', '```', run.error, '```', '');
    if (run.failures.length > 0)
      lines.push(
        'Failing tests (the product is wrong in the world this spreadsheet is in):',
        '',
        ...run.failures.flatMap((f) => [
          `- \`${f.file}\` › ${f.test}`,
          '',
          '  ```',
          ...f.message.split('\n').map((l) => `  ${l}`),
          '  ```',
        ]),
        '',
      );
    else if (!run.error) lines.push('No test fails in the observed world.', '');
  } else lines.push('Tests not run (--no-tests).', '');
  lines.push(
    `The speed part of the same file feeds the bench: \`npm run bench -- --costs ${file}\`.`,
    '',
  );
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const file = option(argv, '--report');
  if (!file) throw new Error('usage: npm run fidelity -- --report FILE [--out FILE] [--no-tests]');
  const out = option(argv, '--out') ?? path.join(ROOT, 'artifacts', 'fidelity-summary.md');
  let report: CheckReport;
  try {
    report = parseCheckReport(JSON.parse(readFileSync(path.resolve(file), 'utf8')) as unknown);
  } catch (e) {
    process.stderr.write(
      `fidelity: ${file} is not a check report: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  const list = verdicts(report);
  let run: RunOutcome | null = null;
  if (!argv.includes('--no-tests')) {
    const worlds = observedSetting(list);
    const files = switchTestFiles();
    process.stderr.write(
      `fidelity: running ${files.length} test files with EMULATOR_WORLDS=${formatWorlds(worlds)}…\n`,
    );
    run = await runTests('observed', files, worlds);
  }
  const markdown = summaryMarkdown(report, file, list, run);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, markdown);
  process.stdout.write(`${markdown}\n(written to ${path.relative(process.cwd(), out)})\n`);
  return run && (run.failed > 0 || run.error) ? 1 : 0;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`fidelity: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
