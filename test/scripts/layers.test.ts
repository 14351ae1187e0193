/**
 * Layers that point one way (eslint.config.mjs): a wrong-way import fails `npm run lint`. Each
 * case lints a one-line module as if it stood at that path in src/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

const REFUSED: [string, string, string][] = [
  ['src/server/platform/wrong.ts', "import { x } from '../workbook/read';", 'server core'],
  ['src/server/platform/wrong.ts', "import { x } from '../watch/notifications';", 'server core'],
  [
    'src/server/workbook/wrong.ts',
    "import { x } from '../commissions/commissionRun';",
    'workbook layer',
  ],
  ['src/server/watch/wrong.ts', "import { x } from '../index';", 'entry registry'],
  ['src/domain/wrong.ts', "import { x } from '../server/platform/lock';", 'pure rules'],
  ['src/shared/wrong.ts', "import { x } from '../server/platform/lock';", 'below the server'],
];
const ALLOWED: [string, string][] = [
  ['src/server/workbook/right.ts', "import { x } from '../platform/lock';"],
  ['src/server/watch/right.ts', "import { x } from '../commissions/commissionRun';"],
  ['src/server/watch/right.ts', "import { x } from '../workbook/read';"],
  ['src/server/platform/right.ts', "import { x } from '../../domain/money';"],
  ['src/shared/right.ts', "import type { x } from '../server/index';"],
];

/**
 * The layer rule's messages for each [file, code], linted by ESLint's API in a child Node (the
 * flat config is an ES module, which jest's CommonJS runtime cannot load): one process for all.
 */
function layerErrors(cases: [string, string][]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.cwd() });
    const cases = JSON.parse(process.env.LAYER_CASES);
    const out = [];
    for (const [file, code] of cases) {
      const [r] = await eslint.lintText(code + '\\nexport const used = x;\\n', { filePath: file });
      out.push(r.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, LAYER_CASES: JSON.stringify(cases) },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as string[][];
}

const refused = layerErrors(REFUSED.map(([f, c]) => [f, c]));
const allowed = layerErrors(ALLOWED);

test.each(REFUSED.map((c, i) => [...c, i] as const))(
  '%s: %s is refused',
  (_file, _code, says, i) => {
    const errors = refused[i]!;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(says);
  },
);

test.each(ALLOWED.map((c, i) => [...c, i] as const))('%s: %s is allowed', (_file, _code, i) => {
  expect(allowed[i]).toEqual([]);
});
