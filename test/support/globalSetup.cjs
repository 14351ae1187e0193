/**
 * Jest globalSetup: integration, browser and preview tests run the built bundle (dist/), so a
 * `npx jest test/integration/x.test.ts` after a change in src/ would silently test yesterday's
 * code. When anything the build reads is newer than dist/, build again first (esbuild: about a
 * second) and say so.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const INPUTS = ['src', 'scripts/build.mjs', 'package.json', 'appsscript.json'];
const OUTPUTS = ['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json'];

function newest(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(p)
    .reduce((latest, name) => Math.max(latest, newest(path.join(p, name))), stat.mtimeMs);
}

function oldestOutput(root) {
  let oldest = Infinity;
  for (const file of OUTPUTS) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(root, file)).mtimeMs);
    } catch {
      return -Infinity; // missing: never built
    }
  }
  return oldest;
}

/** Builds `dir` again when its dist/ is missing or older than what the build reads. */
function ensureBuilt(dir) {
  const source = Math.max(...INPUTS.map((p) => newest(path.join(dir, p))));
  const built = oldestOutput(dir);
  if (built >= source) return 'fresh';
  execFileSync(process.execPath, [path.join(dir, 'scripts/build.mjs')], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return built === -Infinity ? 'missing' : 'stale';
}

module.exports = function globalSetup() {
  const started = Date.now();
  const was = ensureBuilt(root);
  if (was !== 'fresh')
    process.stdout.write(
      `\ndist/ was ${was === 'missing' ? 'missing' : 'older than src/'}: built again (${Date.now() - started} ms)\n`,
    );
};
module.exports.ensureBuilt = ensureBuilt;
