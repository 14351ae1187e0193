// npm run template: makes (or updates) the template spreadsheet a team copies (decision 011).
//  1. checks that clasp is logged in (before anything long: no network is needed to find out);
//  2. runs every test (npm test: build, type-check, lint, unit, integration, browser);
//  3. creates a new spreadsheet with the bound script (clasp create-script --type sheets), its
//     ids kept in .clasp.template.json, or, when that file exists, updates that spreadsheet;
//  4. builds again (the bundle then knows the template's /copy link: Help › About Fiche Client), and pushes;
//  5. prints the /copy link and the three lines to send a team.
// The Welcome / Bienvenue sheet is written by the script itself the first time the spreadsheet
// is opened (src/server/setup/welcome.ts): open it once before sharing it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLASP = path.join(root, 'node_modules/@google/clasp/build/src/index.js');
const TEMPLATE_FILE = path.join(root, '.clasp.template.json');

function fail(message) {
  process.stderr.write(`\nnpm run template: ${message}\n`);
  process.exit(1);
}

/** Runs clasp with the arguments; `capture`: returns its output instead of showing it. */
function clasp(args, { cwd = root, capture = false } = {}) {
  const r = spawnSync(process.execPath, [CLASP, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (r.error) fail(`clasp could not start: ${r.error.message}`);
  return r;
}

function loggedIn() {
  const r = clasp(['--json', 'show-authorized-user'], { capture: true });
  try {
    return JSON.parse(r.stdout).loggedIn === true;
  } catch {
    fail(`clasp show-authorized-user answered:\n${r.stdout}${r.stderr}`);
  }
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`${command} ${args.join(' ')} failed: the template is not made.`);
}

/** A new spreadsheet with its bound script, made in a scratch folder so no .clasp.json clashes. */
function createTemplate() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'fiche-client-template-'));
  try {
    const r = clasp(
      [
        'create-script',
        '--type',
        'sheets',
        '--title',
        'Fiche Client',
        '--rootDir',
        path.join(root, 'dist'),
      ],
      { cwd: scratch },
    );
    if (r.status !== 0) fail('clasp create-script failed (is the Apps Script API turned on?).');
    const made = JSON.parse(readFileSync(path.join(scratch, '.clasp.json'), 'utf8'));
    if (!made.scriptId || !made.parentId) fail('clasp create-script did not say what it made.');
    const parentId = Array.isArray(made.parentId) ? made.parentId[0] : made.parentId;
    const config = { scriptId: made.scriptId, parentId, rootDir: 'dist' };
    writeFileSync(TEMPLATE_FILE, JSON.stringify(config, null, 2) + '\n');
    return config;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function main() {
  if (!existsSync(CLASP)) fail('clasp is not installed here: run npm ci first.');
  if (!loggedIn())
    fail(
      'clasp is not logged in (no credentials in ~/.clasprc.json). First:\n' +
        '  1. turn on the Apps Script API for your account: https://script.google.com/home/usersettings\n' +
        '  2. npx clasp login\n' +
        'then run npm run template again. Nothing was built, tested or pushed.',
    );
  run('npm', ['test']);
  let config;
  if (existsSync(TEMPLATE_FILE)) {
    config = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8'));
    if (!config.scriptId || !config.parentId)
      fail(`${TEMPLATE_FILE} needs "scriptId" and "parentId" (delete it to make a new template).`);
    process.stdout.write(`Updating the template ${config.parentId} (${TEMPLATE_FILE}).\n`);
  } else config = createTemplate();
  // Built again: the bundle now carries the template's /copy link (scripts/build.mjs buildInfo).
  run(process.execPath, [path.join(root, 'scripts/build.mjs')]);
  const pushed = clasp(['-P', TEMPLATE_FILE, 'push', '--force']);
  if (pushed.status !== 0) fail('clasp push failed.');

  const sheet = `https://docs.google.com/spreadsheets/d/${config.parentId}`;
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  process.stdout.write(
    [
      '',
      `Template: ${sheet}/edit`,
      'Before you share it:',
      '  - open it once: Fiche Client writes the Bienvenue / Welcome sheet (reload if the menu is late);',
      '  - Share › General access: "Anyone with the link", Viewer.',
      '',
      'Send your team these three lines:',
      `  1. Open ${sheet}/copy and click "Make a copy".`,
      '  2. In your copy: Fiche Client › Set up workbook (the menu appears a few seconds after it opens).',
      '  3. Accept Google’s authorization screen (gmail.com: "Advanced", then "Go to Fiche Client"; the Welcome sheet says why).',
      '',
      pkg.homepage
        ? ''
        : 'Note: package.json has no "homepage": the Welcome sheet and Help › About Fiche Client cannot link to the guide. Add it and run npm run template again.\n',
    ].join('\n'),
  );
}

main();
