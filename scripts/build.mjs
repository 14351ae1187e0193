// Builds what `clasp push` sends to Apps Script, into dist/:
//  - Code.js: src/server/index.ts bundled as an IIFE for the V8 runtime, followed by one
//    top-level `function name() {}` per export of index.ts (Apps Script only sees top-level
//    function declarations: menus, triggers and google.script.run can call nothing else).
//    The list of entry points is the single registry: what index.ts exports.
//  - Sidebar.html: src/sidebar bundled and inlined (script and style) into one self-contained file.
//  - appsscript.json: the manifest.
import * as esbuild from 'esbuild';
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const GLOBAL = '__FicheClient';

/**
 * What the bundle says about itself (Fiche Client › Help › About, the Welcome sheet): the
 * version from package.json, the project's page (package.json "homepage", else its repository
 * URL) and the template's /copy link when `npm run template` made one (.clasp.template.json's
 * parentId: the spreadsheet the template script is bound to). Defined as one constant the
 * server reads through src/server/platform/build.ts.
 */
export async function buildInfo() {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  let templateUrl = '';
  try {
    const template = JSON.parse(await readFile(path.join(root, '.clasp.template.json'), 'utf8'));
    if (typeof template.parentId === 'string' && /^[\w-]{20,}$/.test(template.parentId))
      templateUrl = `https://docs.google.com/spreadsheets/d/${template.parentId}/copy`;
  } catch {
    // no template made yet
  }
  return {
    version: String(pkg.version ?? ''),
    homepage: String(pkg.homepage ?? repository ?? '')
      .replace(/^git\+/, '')
      .replace(/\.git$/, ''),
    templateUrl,
  };
}

/** The names a module exports, from esbuild's metafile of an ESM build (an IIFE build lists none). */
async function exportedNames(entry) {
  const esm = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // Only the entry's own exports matter here: dependencies stay unresolved.
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return [...Object.values(esm.metafile.outputs)[0].exports].sort();
}

export async function buildServer() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/server/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
    define: {
      __FICHE_CLIENT_BUILD__: JSON.stringify(await buildInfo()),
      // FC_SPANS=log: a debug build whose spans (src/server/platform/span.ts) log their time.
      __FICHE_CLIENT_SPAN_LOG__: JSON.stringify(process.env.FC_SPANS === 'log'),
    },
  });
  const out = result.outputFiles[0];
  const entryPoints = await exportedNames(path.join(root, 'src/server/index.ts'));
  if (entryPoints.length === 0) throw new Error('src/server/index.ts exports no entry point');
  const stubs = entryPoints
    .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(this, arguments); }`)
    .join('\n');
  const code = `// Fiche Client — built by scripts/build.mjs; do not edit.\n${out.text}\n${stubs}\n`;
  // Apps Script runs plain scripts: a module statement would fail at load time.
  const moduleSyntax = /^\s*(export|import)\s|\brequire\s*\(/m;
  if (moduleSyntax.test(code))
    throw new Error('dist/Code.js must contain no export, import or require');
  await writeFile(path.join(dist, 'Code.js'), code);
  await writeFile(
    path.join(dist, 'entry-points.json'),
    JSON.stringify(entryPoints, null, 2) + '\n',
  );
  return { bytes: Buffer.byteLength(code), entryPoints };
}

export async function buildSidebar() {
  const js = await esbuild.build({
    entryPoints: [path.join(root, 'src/sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const css = await esbuild.build({
    entryPoints: [path.join(root, 'src/sidebar/style.css')],
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  const template = await readFile(path.join(root, 'src/sidebar/index.html'), 'utf8');
  // '</script' inside the bundle would close the inline script early.
  const script = js.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const style = css.outputFiles[0].text.replace(/<\/(style)/gi, '<\\/$1');
  if (!template.includes('/*STYLE*/') || !template.includes('/*SCRIPT*/'))
    throw new Error('src/sidebar/index.html needs the /*STYLE*/ and /*SCRIPT*/ placeholders');
  const html = template.replace('/*STYLE*/', () => style).replace('/*SCRIPT*/', () => script);
  await writeFile(path.join(dist, 'Sidebar.html'), html);
  return { bytes: Buffer.byteLength(html) };
}

async function main() {
  await mkdir(dist, { recursive: true });
  const [server, sidebar] = await Promise.all([buildServer(), buildSidebar()]);
  await copyFile(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  console.log(
    `dist/Code.js ${(server.bytes / 1024).toFixed(1)} KiB, entry points: ${server.entryPoints.join(', ')}\n` +
      `dist/Sidebar.html ${(sidebar.bytes / 1024).toFixed(1)} KiB`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}
