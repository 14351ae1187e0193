/**
 * `npm run template` (scripts/template.mjs) fails clearly without `clasp login`, before building,
 * testing or pushing anything: run with a HOME that holds no clasp credentials (no network is
 * needed for clasp to say so).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

it('fails without clasp login, saying what to do, and makes nothing', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'fiche-client-home-'));
  const templateFile = path.join(ROOT, '.clasp.template.json');
  const hadTemplate = existsSync(templateFile);
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
    delete env.clasp_config_auth;
    delete env.clasp_config_project;
    const started = Date.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/template.mjs')], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm run template: clasp is not logged in');
    expect(r.stderr).toContain('npx clasp login');
    expect(r.stderr).toContain('https://script.google.com/home/usersettings');
    expect(r.stderr).toContain('Nothing was built, tested or pushed.');
    // It stopped at once: no test run (npm test takes minutes), no template recorded.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stdout).not.toContain('> fiche-client@');
    expect(existsSync(templateFile)).toBe(hadTemplate);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
