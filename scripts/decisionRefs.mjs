// node scripts/decisionRefs.mjs [--check] [--dry-run] [files…]
//
// The code and docs once pointed to an issue tracker that is not in the repository ("issue 15,
// item 2"). The reasons now live in decision records (docs/decisions/NNN-title.md), and this
// script rewrites every tracker reference in the tree into a pointer to its record ("decision
// 004", a link in Markdown), or drops it where the sentence reads fine without it, by the table
// of rules below. It is idempotent: what it writes holds no tracker reference, so a second run
// changes nothing.
//
//   node scripts/decisionRefs.mjs            rewrite the tree; print what no rule covers (exit 1)
//   node scripts/decisionRefs.mjs --dry-run  say what would change, write nothing
//   node scripts/decisionRefs.mjs --check    write nothing; print every reference left (exit 1 if
//                                            any): `npm run decisions:check`, part of `npm run lint`
//
// Files: those git tracks or would track (untracked but not ignored), or the ones named.
//
// The rules: RULES first (exact phrases, in order, each for every file or only for the files its
// third element matches; a space in a phrase matches any white space, a line break included,
// with a comment's `*` or `//` after it), then the generic fallback, which turns
// "issue N[, item/point M]" into the record that NUMBERS gives for it. A reference to a number
// NUMBERS does not know is printed, never guessed. In a replacement, `{d:NNN}` is
// "decision NNN" (a relative Markdown link in .md files), `{D:NNN}` the same capitalized.
//
// Plain-text replacements (no token) are used where the same text is generated into another
// file (bench/index.ts → bench/results.md, emulator/switches.ts → emulator/FIDELITY.md), so the
// two stay equal.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DECISIONS_DIR = 'docs/decisions';
const SELF = 'scripts/decisionRefs.mjs';

// ------------------------------------------------------------------------------------- records

/** Number ("004") → file name ("004-form-cache.md"), from docs/decisions itself. */
function decisionFiles() {
  const dir = path.join(ROOT, DECISIONS_DIR);
  const files = new Map();
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const m = /^(\d{3})-.+\.md$/.exec(name);
    if (m) files.set(m[1], name);
  }
  return files;
}

/**
 * Which record a reference means, by tracker number, then by item or point where it matters
 * (`default` for the number alone or an item not listed). A number absent here has no rule.
 */
const NUMBERS = {
  4: { default: '006' }, // the watch rules and triggers
  5: { default: '015' }, // monthly commissions
  7: { default: '013' }, // scale: the bench and its targets (concurrency 003, hostile input 019)
  12: { default: '007', 3: '008', 4: '008', 5: '016', 6: '009', 7: '009', 8: '006' },
  13: { default: '002', 1: '016', 2: '015', 3: '001', 5: '016' },
  14: { default: '023' }, // the source layout
  15: { default: '013', 1: '005', 2: '004' },
  16: { default: '019' }, // outside eyes: preview hardening, rough edges
  20: { default: '011', 3: '010' },
  21: { default: '012' },
  22: { default: '017', 2: '018', 4: '016', 5: '018', 6: '018', 7: '014', 8: '019', 9: '010' },
  23: { default: '023' },
  // Themes being built as this script is written: money (payments, aging, settled months,
  // agreement dates, the client statement), the client record (Quebec formats, active and
  // inactive, bad cells said, the merge between saves, a fresh search), the preview's safety
  // (one queue, a lock per data file, CSV dialects). Items that belong to an older record:
  24: { default: '020' },
  25: { default: '021', 4: '021' },
  26: { default: '022', 4: '022' },
};

/** Exact phrases (most specific first), for the references the generic rule would word badly. */
const RULES = [
  // ---- the README speaks to users and developers: a plain sentence, no pointer
  ['What is guaranteed (issue 13, `test/', 'What is guaranteed (`test/', /^README\.md$/],
  [
    'before it leaves the workbook** (issue 22).',
    'before it leaves the workbook**.',
    /^README\.md$/,
  ],
  [
    'What the product guarantees (issue 22; `test/',
    'What the product guarantees (`test/',
    /^README\.md$/,
  ],
  [
    '2026-12-06, cost model of issue 15 (first',
    "2026-12-06, the bench's cost model (first",
    /^README\.md$/,
  ],
  ["Issue 15's targets met:", 'Speed targets met:', /^README\.md$/],
  // ---- headings and names other text refers to (kept in step)
  ['## Issue 15: targets', '## Speed targets'],
  ['"Issue 15: targets"', '"Speed targets"'],
  ['"Issue 15 targets"', '"Speed targets"'],
  ['| before issue 15    |', '| before             |'],
  ['### Issue 22: the change trigger counted', '### Trigger time: the change trigger counted'],
  [
    '## Copies, several workbooks, authorization modes (issue 20)',
    '## Copies, several workbooks, authorization modes',
  ],
  // ---- generated text: plain replacements, the same in the source and in what it generates
  ['the emulator’s reading until issue 21', 'the emulator’s only reading before the switches'],
  [
    '24 runs a day (issue 20: the runs with nothing due',
    '24 runs a day (the runs with nothing due',
  ],
  ['above the issue 7 target', 'above the target'],
  ['TextFinder or the code column (issue 15, item 5)', 'TextFinder or the code column'],
  [
    "TextFinder to find one client's rows (issue 15, item 5; not adopted yet)",
    "TextFinder to find one client's rows (not adopted yet)",
  ],
  // ---- test names: the pointer dropped (the file's header says where the decision is)
  ['list separator (issue 22)', 'list separator'],
  ['(CSV list separator, issue 22)', '(CSV list separator)'],
  ['the cost model (issue 15, items 4 and 5)', 'the cost model'],
  ['anonymize complete (issue 22)', 'anonymize complete'],
  ['with hostile arguments (issue 22)', 'with hostile arguments'],
  ['the sync is then off (issue 22)', 'the sync is then off'],
  ['storing nothing (issue 22)', 'storing nothing'],
  ['(issue 21: the intlTimeZones switch)', '(the intlTimeZones switch)'],
  ['(1/100 vs 1/10 of issue 7)', '(1/100 vs 1/10 of the full size)'],
  ["'issue 7 call targets'", "'the first call targets (≤ 10 calls)'"],
  [
    "'issue 15: the document cache and the call counts it holds'",
    "'the document cache and the call counts it holds'",
  ],
  // ---- sentences
  ['(issue 15: one execution', '({d:005}: one execution'],
  ['(issue 16: a 100 MB request was accepted)', '(a 100 MB request used to be accepted; {d:019})'],
  ['one short line of plain text (issue 22)', 'one short line of plain text ({d:018})'],
  ['warning of the Settings dialog (issue 22)', 'warning of the Settings dialog ({d:018})'],
  ['at most one of each type (issue 20)', 'at most one of each type ({d:010})'],
  [
    'trigger owner (issue 12, point 6) and the privacy log sheet (point 5)',
    'trigger owner ({d:009}) and the privacy log sheet ({d:016})',
  ],
  [
    '---- issue 13: nothing the team typed is lost',
    '---- nothing the team typed is lost ({d:002,016})',
  ],
  [
    '---- issue 20: the hourly dispatcher, copies, the first run',
    '---- the hourly dispatcher, copies, the first run ({d:010,011})',
  ],
  ['What each scheduled job last did (issue 20)', 'What each scheduled job last did ({d:010})'],
  ['(issue 22: the daily run read', '({d:010}: the daily run read'],
  ['(issue 22: not the 29 of Clients)', '({d:010}: not the 29 of Clients)'],
  ['hourly dispatcher (issue 20)', 'hourly dispatcher ({d:010})'],
  ['When the scheduled jobs run (issue 20)', 'When the scheduled jobs run ({d:010})'],
  [
    'One hourly trigger, jobs that catch up** (issue 20)',
    'One hourly trigger, jobs that catch up** ({d:010})',
  ],
  ['"French (issue 16).', '"French.'],
  ['"2," in French (issue 16)', '"2," in French'],
  ['cell ceiling (issue 12)', 'cell ceiling ({d:008})'],
  ['`bench/headroom.ts`, issue 12)', '`bench/headroom.ts`, {d:008})'],
  [
    'Issue 12, points 6 and 7, through the built bundle',
    'Triggers and their owner ({d:009}), through the built bundle',
  ],
  ['Issue 12, point 4: years of headroom', 'Years of headroom ({d:008})'],
  ['The target of issue 12:', 'The target ({d:008}):'],
  [
    '(issue 21, with the speed measurement of issue 15)',
    '({d:012}, with the speed measurement of {d:013})',
  ],
  ['Issue 20 makes stored state copy-safe:', 'Stored state is copy-safe ({d:011}):'],
  ["(issue 12's user report;", '(as users report it;'],
  ['Issue 20 in the emulator:', 'The emulator’s side of {d:011}:'],
  ['the full size of issue 7', 'the full size'],
  [
    "Issue 7's target for this operation at full size (none",
    'The target for this operation at full size ({d:013}; none',
  ],
  [
    "Issue 15's table where it sets a figure (form, saves' calls, daily refresh), else issue 7's.",
    "Targets ({d:013}): the revised ones (form, saves' calls, daily refresh), else the first.",
  ],
  [
    'Issue 15: the menu reads what the form needs and ships it in the page, one execution.',
    'The menu reads what the form needs and ships it in the page, one execution ({d:005}).',
  ],
  ['corrected (issue 13)', 'corrected ({d:015})'],
  ["Issue 20: the hourly dispatcher's start-up,", "The hourly dispatcher's start-up ({d:010}),"],
  [
    "Issue 15, item 5: finding one client's rows by TextFinder",
    "Finding one client's rows by TextFinder ({d:013})",
  ],
  ['trigger (issue 20: src/server/schedule/)', 'trigger (src/server/schedule/, {d:010})'],
  ['24 a day (issue 20)', '24 a day ({d:010})'],
  ["Issue 7's full size", 'The full size ({d:013})'],
  [
    'measures each operation of issues 7 and 15.',
    'measures each operation that has a call and time target ({d:013}).',
  ],
  ['cost model of issue 15', 'cost model of {d:013}'],
  [
    '"Before" is the bench of issue 20\'s merge (the dispatcher, the change trigger not counted);',
    '"Before" is the bench once the hourly dispatcher was in (the change trigger not counted);',
  ],
  [
    'issue 22 builds the team-visible record on it',
    'the team-visible record builds on it ({d:017})',
  ],
  ['is not documented (issue 21: the apostrophe', 'is not documented ({d:001}: the apostrophe'],
  [': issue 21, cached column positions', ': cached column positions'],
  ['(issue 21: cached column positions', '({d:006}: cached column positions'],
  [
    '(issue 21: never positions cached before a move)',
    '({d:006}: never positions cached before a move)',
  ],
  ['document cache (issue 15)', 'document cache ({d:004})'],
  ['cache for the form** (issue 15)', 'cache for the form** ({d:004})'],
  ['Figures and the issue 7 targets:', 'Figures and the targets ({d:013}):'],
  [
    "Issue 20 added what a team's first minutes need:",
    "For a team's first minutes ({d:011}), the emulator has",
  ],
  ['before it leaves the workbook** (issue 22)', 'before it leaves the workbook** ({d:018,019})'],
  ['What the product guarantees (issue 22;', 'What the product guarantees ({d:016,018};'],
  ["Issue 15's targets met:", 'Speed targets met ({d:013}):'],
  ['Issue 22, point 2: the product counted', 'Before {d:018}, the product counted'],
  ['Issue 21: text typed in the form stays', '{D:001}: text typed in the form stays'],
  ['Issue 21: a column moved by hand', '{D:006}: a column moved by hand'],
  ['Issue 4 through the built bundle', 'The watch list through the built bundle'],
  ['Issue 4 budget:', "The watch list's budget:"],
  [
    'Issue 20, "One clock trigger that catches up",',
    'One clock trigger that catches up ({d:010}),',
  ],
  ['Issue 20, "Copy-safe state",', 'Copy-safe state ({d:011}),'],
  ['four hex digits (issue 22)', 'four hex digits ({d:018})'],
  ['every key of the account shares (issue 22)', 'every key of the account shares ({d:018})'],
  ['Issue 5 statements through the built bundle', 'Commission statements through the built bundle'],
  [
    'Issue 5 through the built bundle: recomputing',
    'Commission months through the built bundle ({d:015}): recomputing',
  ],
  [
    'Issue 5 through the built bundle: each commission',
    'The commission run through the built bundle ({d:015}): each commission',
  ],
  ['Issue 5 budget:', "The commission run's budget:"],
  ['Issue 13: a rerun', 'Hand edits ({d:002}): a rerun'],
  [
    'Issue 13: the column is written by row number',
    'The column is written by row number ({d:002})',
  ],
  ['Issue 20, add-on readiness,', 'Add-on readiness ({d:011}),'],
  [
    'Issue 13, "nothing the team typed is lost":',
    'Nothing the team typed is lost ({d:001,002,016}):',
  ],
  [
    'calls more than two whole sheets for half the cells (issue 22)',
    'calls more than two whole sheets for half the cells ({d:010})',
  ],
  ['a computed figure (issue 13)', 'a computed figure ({d:016})'],
  ['it leaves the sheet at once (issue 22)', 'it leaves the sheet at once ({d:016})'],
  ['Issue 7, concurrency:', 'Concurrency ({d:003}):'],
  ['Issue 7, hostile input', 'Hostile input ({d:019})'],
  ['every entry point (issue 22)', 'every entry point ({d:019})'],
  ['Issue 13, property tests of every writer:', 'Property tests of every writer ({d:002}):'],
  ['Issue 20, the first five minutes,', 'The first five minutes ({d:011}),'],
  ['(issues 15 and 21) of src/server/index.ts.', 'of src/server/index.ts ({d:012,013}).'],
  ['Issues 7 and 15, scale:', 'Scale ({d:013}):'],
  ['running the suite for issue 20', 'running the suite'],
  [
    'What it read before issue 22: both sheets whole',
    'What it used to read ({d:010}): both sheets whole',
  ],
  [
    'are refused since issue 22 (Excel cuts CSV files there)',
    'are refused ({d:014}: Excel cuts CSV files there)',
  ],
  // ---- no number, the tracker still meant
  ['(item 2; docs/ARCHITECTURE.md,', '({d:004}; docs/ARCHITECTURE.md,'],
  [
    '"Before" is the issue\'s own table (the plain model); the corrected model of this issue makes',
    '"Before" is the figures the targets were set against (the plain model); the corrected model ({d:013}) makes',
  ],
  ["the issue's call targets", 'the first call targets'],
  ['starter the issue names, and the DDE one of its example.', 'starter ({d:014}), and a DDE one.'],
  ["(the next issues' own:", "(as the next features' would be:"],
];

// ------------------------------------------------------------------------------------ matching

/** White space between two words of a phrase: spaces, or a line break and a comment's marker. */
const GAP = String.raw`(?:[ \t]*\r?\n[ \t]*(?:\*(?!\/)|\/\/|#)?[ \t]*|[ \t]+)`;

/** A tracker reference: "issue 15", "Issues 7", "issue\n * 20". */
const REFERENCE = new RegExp(String.raw`\b[Ii]ssues?${GAP}#?\d+`, 'g');

/** The generic form: "(issue 22, point 7)", "issue 22, part B" (the part dropped), "Issue 15's", "issues 15 and 21", "issue 12, points 6 and 7". */
const NUM_LIST = String.raw`\d+(?:(?:,${GAP}|${GAP}and${GAP})\d+)*`;
const GENERIC = new RegExp(
  String.raw`(\()?\b([Ii])ssues?${GAP}#?(${NUM_LIST})('s)?(?:,${GAP}(?:item|point)s?${GAP}(${NUM_LIST})|,${GAP}parts?${GAP}[A-Z]\b)?(\))?`,
  'g',
);

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An exact phrase of RULES as a pattern: each space matches any GAP. */
function phrasePattern(phrase) {
  return new RegExp(phrase.split(' ').map(escapeRegExp).join(GAP), 'g');
}

const COMPILED = RULES.map(([phrase, replacement, files]) => ({
  pattern: phrasePattern(phrase),
  replacement,
  files,
}));

/** The record numbers a generic reference means, or null when one of them has no rule. */
function recordsFor(numbers, items) {
  const records = [];
  for (const n of numbers) {
    const table = NUMBERS[n];
    if (!table) return null;
    const byItem =
      items.length > 0 && numbers.length === 1
        ? items.map((m) => table[m] ?? table.default)
        : [table.default];
    for (const r of byItem) if (!records.includes(r)) records.push(r);
  }
  return records.sort();
}

function numbersIn(list) {
  return (list ?? '').match(/\d+/g)?.map(Number) ?? [];
}

// ----------------------------------------------------------------------------------- rewriting

/** How `{d:NNN}` / `{D:NNN}` read in this file. */
function tokenText(file, records, capital, id) {
  const word = capital ? 'Decision' : 'decision';
  const name = records.get(id);
  if (!name)
    throw new Error(`${SELF}: a rule names decision ${id}, which ${DECISIONS_DIR} does not hold`);
  if (!file.endsWith('.md')) return `${word} ${id}`;
  const target = path.posix.relative(path.posix.dirname(file), `${DECISIONS_DIR}/${name}`) || name;
  return `[${word} ${id}](${target})`;
}

function expand(file, records, replacement) {
  return replacement.replace(/\{([dD]):(\d{3}(?:,\d{3})*)\}/g, (_, d, ids) =>
    pointers(file, records, ids.split(','), d === 'D'),
  );
}

/**
 * Where a line break the matched text held goes: in place of the replacement's space nearest to
 * where it was, but never inside "decision 004" or a Markdown link; with no such space the two
 * lines are joined (and `reflow` then wraps the comment again).
 */
function keepBreak(matched, replacement) {
  const at = matched.search(/[ \t]*\r?\n/);
  if (at === -1) return replacement;
  const br = /^[ \t]*(\r?\n[ \t]*(?:\*(?!\/)|\/\/|#)?)[ \t]*/.exec(matched.slice(at));
  let best = -1;
  let depth = 0;
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '[') depth += 1;
    if (c === ']') depth -= 1;
    if (c !== ' ' || depth > 0 || /\d/.test(replacement[i + 1] ?? '')) continue;
    if (best === -1 || Math.abs(i - at) < Math.abs(best - at)) best = i;
  }
  if (best === -1) return replacement;
  const brk = /(?:\*|\/\/|#)$/.test(br[1]) ? `${br[1]} ` : br[1];
  return replacement.slice(0, best) + brk + replacement.slice(best + 1);
}

/** A comment line: its indentation and marker, then its words. */
const COMMENT_LINE = /^([ \t]*(?:\*|\/\/)[ \t])(\S.*)$/;
const WIDTH = 100;

/**
 * Wraps again the comment lines a rewrite made longer than the project's width (Prettier's
 * printWidth, which does not wrap comments): the words past it move to the start of the next
 * line of the same comment paragraph, or to a new line. Only lines the rewrite changed.
 */
function reflow(before, after) {
  const old = new Set(before.split('\n'));
  const lines = after.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length <= WIDTH || old.has(line)) continue;
    const m = COMMENT_LINE.exec(line);
    if (!m) continue;
    const [, prefix, content] = m;
    const words = content.split(' ');
    let keep = words.length;
    while (keep > 1 && (prefix + words.slice(0, keep).join(' ')).length > WIDTH) keep -= 1;
    // "decision" stays with its number.
    while (keep > 1 && /^\(?[dD]ecisions?$/.test(words[keep - 1])) keep -= 1;
    if (keep === words.length) continue;
    const moved = words.slice(keep).join(' ');
    lines[i] = prefix + words.slice(0, keep).join(' ');
    const next = lines[i + 1] ?? '';
    const n = COMMENT_LINE.exec(next);
    const continues =
      n && n[1] === prefix && !/^(?:[-•@]|\d+[.)] |\*\/)/.test(n[2]) && !/^[ \t]*\/\*/.test(next);
    if (continues) lines[i + 1] = `${prefix}${moved} ${n[2]}`;
    else lines.splice(i + 1, 0, prefix + moved);
  }
  return lines.join('\n');
}

/** "decision 004" or, in Markdown, a link to the record; several: "decisions 012 and 013". */
function pointers(file, records, ids, capital) {
  const word = capital ? 'Decision' : 'decision';
  if (!file.endsWith('.md')) {
    if (ids.length === 1) return `${word} ${ids[0]}`;
    return `${word}s ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
  }
  const links = ids.map((id, i) => tokenText(file, records, capital && i === 0, id));
  return links.length === 1
    ? links[0]
    : `${links.slice(0, -1).join(', ')} and ${links[links.length - 1]}`;
}

/** Rewrites one file's text; returns the new text and how many references it rewrote. */
export function rewrite(file, text, records = decisionFiles()) {
  let count = 0;
  let out = text;
  for (const { pattern, replacement, files } of COMPILED) {
    if (files && !files.test(file)) continue;
    out = out.replace(pattern, (matched) => {
      count += 1;
      return keepBreak(matched, expand(file, records, replacement));
    });
  }
  out = out.replace(GENERIC, (matched, open, initial, list, possessive, itemList, close) => {
    const ids = recordsFor(numbersIn(list), numbersIn(itemList));
    if (!ids) return matched;
    count += 1;
    const said = pointers(file, records, ids, initial === 'I' && !open);
    return keepBreak(matched, `${open ?? ''}${said}${possessive ?? ''}${close ?? ''}`);
  });
  if (!file.endsWith('.md') && out !== text) out = reflow(text, out);
  return { text: out, count };
}

/** Every tracker reference left in a text, with its line. */
export function references(text) {
  const found = [];
  for (const m of text.matchAll(REFERENCE)) {
    const line = text.slice(0, m.index).split('\n').length;
    const start = text.lastIndexOf('\n', m.index) + 1;
    const end = text.indexOf('\n', m.index);
    found.push({ line, text: text.slice(start, end === -1 ? undefined : end).trim() });
  }
  return found;
}

/** The test names of a test file (describe/it/test titles), with how often each occurs. */
function testNames(text) {
  const names = new Map();
  const title =
    /\b(?:describe|it|test)(?:\.[a-zA-Z]+)*(?:\((?:[^()]|\([^()]*\))*\))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*?)\1/g;
  for (const m of text.matchAll(title)) names.set(m[2], (names.get(m[2]) ?? 0) + 1);
  return names;
}

/** Test names a rewrite made duplicate in one file (jest would report them as one). */
function duplicatedNames(before, after) {
  const was = testNames(before);
  return [...testNames(after)]
    .filter(([name, n]) => n > 1 && n > (was.get(name) ?? 0))
    .map(([name]) => name);
}

// -------------------------------------------------------------------------------------- files

const SCANNED = /\.(?:[cm]?[jt]sx?|md|json|html|css|ya?ml|txt)$/;
const SKIPPED = [
  /^node_modules\//,
  /^dist\//,
  /^coverage\//,
  /^artifacts\//,
  /^\.preview\//,
  /^\.ci\//,
  /(?:^|\/)package-lock\.json$/,
  new RegExp(`^${escapeRegExp(SELF)}$`),
  /^test\/scripts\/decisionRefs\.test\.[cm]?[jt]s$/,
];

function treeFiles() {
  let listed;
  try {
    listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean);
  } catch {
    listed = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!['.git', 'node_modules', 'dist'].includes(entry.name)) walk(rel);
        } else listed.push(rel);
      }
    };
    walk('');
  }
  return listed.filter(
    (f) =>
      SCANNED.test(f) && !SKIPPED.some((re) => re.test(f)) && fs.existsSync(path.join(ROOT, f)),
  );
}

// --------------------------------------------------------------------------------------- main

function main(argv) {
  const check = argv.includes('--check');
  const dryRun = argv.includes('--dry-run');
  const named = argv.filter((a) => !a.startsWith('--'));
  const files =
    named.length > 0
      ? named.map((f) => path.relative(ROOT, path.resolve(f)).split(path.sep).join('/'))
      : treeFiles();
  const records = decisionFiles();

  let rewritten = 0;
  let filesChanged = 0;
  const left = [];
  const problems = [];
  for (const file of files) {
    const full = path.join(ROOT, file);
    const before = fs.readFileSync(full, 'utf8');
    if (check) {
      for (const r of references(before)) left.push({ file, ...r });
      continue;
    }
    const { text: after, count } = rewrite(file, before, records);
    if (after !== before) {
      const duplicates = /\.test\.[cm]?[jt]sx?$/.test(file) ? duplicatedNames(before, after) : [];
      if (duplicates.length > 0) {
        problems.push(
          `${file}: the rewrite would make test names repeat (${duplicates.join(' · ')}): not written`,
        );
        for (const r of references(before)) left.push({ file, ...r });
        continue;
      }
      rewritten += count;
      filesChanged += 1;
      if (!dryRun) fs.writeFileSync(full, after);
      console.log(`${dryRun ? 'would rewrite' : 'rewrote'} ${count} in ${file}`);
    }
    for (const r of references(after)) left.push({ file, ...r });
  }

  if (check && left.length === 0)
    console.log(
      `No tracker references in ${files.length} files: decisions are in ${DECISIONS_DIR}.`,
    );
  if (!check)
    console.log(
      `${rewritten} reference(s) ${dryRun ? 'to rewrite' : 'rewritten'} in ${filesChanged} file(s).`,
    );
  for (const p of problems) console.error(p);
  if (left.length > 0) {
    console.error(
      check
        ? `Tracker references ("issue N") in the tree: point to a record of ${DECISIONS_DIR} instead (node ${SELF} rewrites the known ones).`
        : `References no rule covers (add a rule to ${SELF}, or a record to ${DECISIONS_DIR}):`,
    );
    for (const r of left) console.error(`  ${r.file}:${r.line}: ${r.text}`);
  }
  return left.length > 0 || problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
