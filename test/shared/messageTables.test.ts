/**
 * Every text in both languages. Walks the source (src/ and preview/) with the TypeScript parser
 * and checks every object literal keyed by language — the t() tables (src/shared/i18n.ts,
 * src/server/platform/messages.ts, preview/messages.ts, the page's and the dialogs' own tables)
 * and any other { fr, en } pair (sheet names, seeds, sample phrases):
 *  - both languages are there;
 *  - a text is not empty in one language while the other has one;
 *  - both say the same placeholders ({n}, {n|one|other}): a {name} missing from one language
 *    would print as is, or drop a fact the other language gives;
 *  - nested tables ({ fr: {…}, en: {…} }) have the same keys, lists are not empty in one only.
 * The compiler already checks the tables typed as TextTable; this also covers the untyped ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['src', 'preview'];
const LANGS = ['fr', 'en'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function keyOf(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    return name.text;
  return null;
}

function properties(node: ts.ObjectLiteralExpression): Map<string, ts.Expression | null> {
  const out = new Map<string, ts.Expression | null>();
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p)) {
      const key = keyOf(p.name);
      if (key !== null) out.set(key, p.initializer);
    } else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, null);
  }
  return out;
}

/** The expression under `as const`, `satisfies …` and parentheses. */
function bare(e: ts.Expression): ts.Expression {
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e))
    e = e.expression;
  return e;
}

function textOf(e: ts.Expression): string | null {
  const b = bare(e);
  if (ts.isStringLiteral(b) || ts.isNoSubstitutionTemplateLiteral(b)) return b.text;
  return null;
}

/** Placeholder names of a text: {name} and {name|one|other}. */
function placeholders(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]!)),
  ].sort();
}

interface Found {
  file: string;
  where: string;
  problem: string;
}

/** Compares the two languages' values of one entry; appends what differs. */
function compare(fr: ts.Expression, en: ts.Expression, where: string, out: string[]): void {
  const [a, b] = [bare(fr), bare(en)];
  const [ta, tb] = [textOf(a), textOf(b)];
  if (ta !== null && tb !== null) {
    if ((ta.trim() === '') !== (tb.trim() === ''))
      out.push(`${where}: empty in ${ta.trim() === '' ? 'fr' : 'en'}`);
    const [pa, pb] = [placeholders(ta), placeholders(tb)];
    if (pa.join() !== pb.join())
      out.push(`${where}: placeholders fr {${pa.join(', ')}} en {${pb.join(', ')}}`);
    return;
  }
  if (ts.isObjectLiteralExpression(a) && ts.isObjectLiteralExpression(b)) {
    const [ka, kb] = [properties(a), properties(b)];
    for (const k of ka.keys()) if (!kb.has(k)) out.push(`${where}.${k}: missing in en`);
    for (const k of kb.keys()) if (!ka.has(k)) out.push(`${where}.${k}: missing in fr`);
    for (const [k, va] of ka) {
      const vb = kb.get(k);
      if (va && vb) compare(va, vb, `${where}.${k}`, out);
    }
    return;
  }
  if (ts.isArrayLiteralExpression(a) && ts.isArrayLiteralExpression(b)) {
    // Lists may differ in length (sample names); blank items are data (a "none" choice).
    if ((a.elements.length === 0) !== (b.elements.length === 0))
      out.push(`${where}: empty list in ${a.elements.length === 0 ? 'fr' : 'en'}`);
  }
}

/** Every object literal with a language key in one file, and what is wrong with each. */
function scan(file: string): { entries: number; found: Found[] } {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const rel = path.relative(ROOT, file);
  const found: Found[] = [];
  let entries = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const props = properties(node);
      const present = LANGS.filter((l) => props.has(l));
      if (present.length > 0) {
        entries++;
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        const where = `${rel}:${line + 1}`;
        if (present.length === 1) found.push({ file: rel, where, problem: `only ${present[0]}` });
        else {
          const problems: string[] = [];
          const [fr, en] = [props.get('fr'), props.get('en')];
          if (fr && en) compare(fr, en, where, problems);
          for (const problem of problems) found.push({ file: rel, where, problem });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { entries, found };
}

const files = DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)));
const results = new Map(files.map((f) => [path.relative(ROOT, f), scan(f)]));

test('the message tables are found (the walk itself works)', () => {
  for (const table of [
    'src/shared/i18n.ts',
    'src/server/platform/messages.ts',
    'preview/messages.ts',
    'preview/page.ts',
    'preview/pageDialogs.ts',
  ])
    expect(results.get(table)?.entries ?? 0).toBeGreaterThan(5);
  expect([...results.values()].reduce((n, r) => n + r.entries, 0)).toBeGreaterThan(300);
});

test('every text is there in French and in English, with the same placeholders', () => {
  const problems = [...results.values()].flatMap((r) => r.found.map((f) => f.problem));
  expect(problems).toEqual([]);
});

test('the checks catch what they are for', () => {
  const check = (code: string): string[] => {
    const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
    const out: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const props = properties(node);
        if (props.has('fr') !== props.has('en')) out.push('one language');
        const [fr, en] = [props.get('fr'), props.get('en')];
        if (fr && en) compare(fr, en, 'x', out);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return out;
  };
  expect(check(`const T = { a: { fr: 'Bonjour {name}', en: 'Hello {name}' } };`)).toEqual([]);
  expect(check(`const T = { a: { fr: 'Bonjour' } };`)).toEqual(['one language']);
  expect(check(`const T = { a: { fr: '', en: 'Hello' } };`)).toEqual(['x: empty in fr']);
  expect(check(`const T = { a: { fr: '{n} client', en: '{n|client|clients}' } };`)).toEqual([]);
  expect(check(`const T = { a: { fr: '{n} lignes', en: 'rows' } };`)).toEqual([
    'x: placeholders fr {n} en {}',
  ]);
  expect(check(`const S = { fr: { a: 'x', b: 'y' }, en: { a: 'x' } };`)).toEqual([
    'x.b: missing in en',
  ]);
  expect(check(`const L = { fr: ['a'], en: [] as string[] };`)).toEqual(['x: empty list in en']);
});
