/**
 * A deliberately small formula evaluator so that a cell written "=1+1" reads back 2 as in
 * Sheets. It knows arithmetic, text joining (&), comparisons, references to cells and ranges
 * (same sheet or 'Sheet'!A1) and a few functions. Anything else evaluates to '' (documented
 * limit of the emulator); getFormulas always returns the stored text.
 */
import { columnToLetters, lettersToColumn, quoteSheetName } from './a1';
import type { Scalar } from './model';

export type FormulaValue = Scalar;

export interface FormulaScope {
  /** Value of a cell (1-based) on a sheet (undefined = the formula's own sheet). */
  cell(sheetName: string | undefined, row: number, col: number): Scalar;
  /** The last row and column with data, to bound open ranges like A:A. */
  bounds(sheetName: string | undefined): { rows: number; cols: number };
}

class Unsupported extends Error {}
class FormulaError extends Error {}

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; sheet: string | undefined; text: string }
  | { t: 'name'; v: string }
  | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const refRe =
    /^(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d*)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})(?![A-Za-z0-9_(])/;
  while (i < src.length) {
    const rest = src.slice(i);
    const ch = src.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    // A reference lost to a deleted row or column.
    if (/^(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?#REF!/.test(rest))
      throw new FormulaError('#REF!');
    const num = /^\d+(\.\d*)?([eE][+-]?\d+)?|^\.\d+/.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (ch === '"') {
      let s = '';
      i++;
      while (i < src.length) {
        if (src.charAt(i) === '"') {
          if (src.charAt(i + 1) === '"') {
            s += '"';
            i += 2;
            continue;
          }
          break;
        }
        s += src.charAt(i++);
      }
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    const ref = refRe.exec(rest);
    if (ref) {
      let sheet = ref[1];
      if (sheet?.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
      out.push({ t: 'ref', sheet, text: (ref[2] ?? '').replace(/\$/g, '') });
      i += ref[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (name) {
      out.push({ t: 'name', v: name[0].toUpperCase() });
      i += name[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[-+*/^&=<>(),:;%])/.exec(rest);
    if (!op) throw new Unsupported(rest);
    out.push({ t: 'op', v: op[0] === ';' ? ',' : op[0] });
    i += op[0].length;
  }
  return out;
}

type Val = Scalar | Scalar[];

/** Error values propagate through any formula that reads them, as in Sheets. */
const ERROR_VALUES = new Set(['#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#N/A', '#NUM!', '#ERROR!']);

function checked(v: Scalar): Scalar {
  if (typeof v === 'string' && ERROR_VALUES.has(v)) throw new FormulaError(v);
  return v;
}

function toNum(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  const n = Number(v);
  if (Number.isNaN(n)) throw new FormulaError('#VALUE!');
  return n;
}

function toStr(v: Scalar): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function single(v: Val): Scalar {
  return Array.isArray(v) ? (v[0] ?? '') : v;
}

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = toStr(a).toLowerCase();
  const sb = toStr(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly scope: FormulaScope,
  ) {}

  parse(): Val {
    const v = this.comparison();
    if (this.i < this.toks.length) throw new Unsupported('trailing');
    return v;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.v === v;
  }

  private comparison(): Val {
    let left = this.concat();
    for (;;) {
      const t = this.peek();
      if (t?.t !== 'op' || !['=', '<>', '<', '>', '<=', '>='].includes(t.v)) return left;
      this.i++;
      const c = compare(single(left), single(this.concat()));
      left =
        t.v === '='
          ? c === 0
          : t.v === '<>'
            ? c !== 0
            : t.v === '<'
              ? c < 0
              : t.v === '>'
                ? c > 0
                : t.v === '<='
                  ? c <= 0
                  : c >= 0;
    }
  }

  private concat(): Val {
    let left = this.additive();
    while (this.isOp('&')) {
      this.i++;
      left = toStr(single(left)) + toStr(single(this.additive()));
    }
    return left;
  }

  private additive(): Val {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      const r = toNum(single(this.term()));
      left = op === '+' ? toNum(single(left)) + r : toNum(single(left)) - r;
    }
    return left;
  }

  private term(): Val {
    let left = this.power();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      const r = toNum(single(this.power()));
      if (op === '/' && r === 0) throw new FormulaError('#DIV/0!');
      left = op === '*' ? toNum(single(left)) * r : toNum(single(left)) / r;
    }
    return left;
  }

  private power(): Val {
    let left = this.unary();
    while (this.isOp('^')) {
      this.i++;
      left = toNum(single(left)) ** toNum(single(this.unary()));
    }
    return left;
  }

  private unary(): Val {
    if (this.isOp('-')) {
      this.i++;
      return -toNum(single(this.unary()));
    }
    if (this.isOp('+')) {
      this.i++;
      return this.unary();
    }
    let v = this.primary();
    if (this.isOp('%')) {
      this.i++;
      v = toNum(single(v)) / 100;
    }
    return v;
  }

  private primary(): Val {
    const t = this.toks[this.i++];
    if (!t) throw new Unsupported('end');
    if (t.t === 'num' || t.t === 'str') return t.v;
    if (t.t === 'ref') return this.ref(t.sheet, t.text);
    if (t.t === 'op' && t.v === '(') {
      const v = this.comparison();
      if (!this.isOp(')')) throw new Unsupported(')');
      this.i++;
      return v;
    }
    if (t.t === 'name') {
      if (!this.isOp('(')) {
        if (t.v === 'TRUE') return true;
        if (t.v === 'FALSE') return false;
        throw new FormulaError('#NAME?');
      }
      this.i++;
      const args: Val[] = [];
      if (!this.isOp(')')) {
        for (;;) {
          args.push(this.comparison());
          if (this.isOp(',')) {
            this.i++;
            continue;
          }
          break;
        }
      }
      if (!this.isOp(')')) throw new Unsupported(')');
      this.i++;
      return callFunction(t.v, args);
    }
    throw new Unsupported(JSON.stringify(t));
  }

  private ref(sheet: string | undefined, text: string): Val {
    const [a = '', b] = text.split(':');
    const pa = /^([A-Za-z]+)(\d*)$/.exec(a);
    if (!pa) throw new Unsupported(text);
    const c1 = lettersToColumn(pa[1] ?? '');
    const r1 = pa[2] ? Number(pa[2]) : 1;
    if (b === undefined) return checked(this.scope.cell(sheet, r1, c1));
    const pb = /^([A-Za-z]+)(\d*)$/.exec(b);
    if (!pb) throw new Unsupported(text);
    const bounds = this.scope.bounds(sheet);
    const c2 = lettersToColumn(pb[1] ?? '');
    const r2 = pb[2] ? Number(pb[2]) : Math.max(r1, bounds.rows);
    const out: Scalar[] = [];
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++)
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++)
        out.push(checked(this.scope.cell(sheet, r, c)));
    return out;
  }
}

function flat(args: Val[]): Scalar[] {
  return args.flatMap((a) => (Array.isArray(a) ? a : [a]));
}

function numbers(args: Val[]): number[] {
  // Like Sheets, text and blanks inside ranges are skipped; direct arguments are converted.
  return args.flatMap((a) =>
    Array.isArray(a) ? a.filter((x): x is number => typeof x === 'number') : [toNum(a)],
  );
}

function callFunction(name: string, args: Val[]): Val {
  switch (name) {
    case 'SUM':
      return numbers(args).reduce((s, n) => s + n, 0);
    case 'MIN':
      return numbers(args).length ? Math.min(...numbers(args)) : 0;
    case 'MAX':
      return numbers(args).length ? Math.max(...numbers(args)) : 0;
    case 'AVERAGE': {
      const ns = numbers(args);
      if (!ns.length) throw new FormulaError('#DIV/0!');
      return ns.reduce((s, n) => s + n, 0) / ns.length;
    }
    case 'COUNT':
      return numbers(args).length;
    case 'COUNTA':
      return flat(args).filter((x) => x !== '').length;
    case 'IF': {
      const cond = single(args[0] ?? false);
      const truthy = typeof cond === 'string' ? cond !== '' : toNum(cond) !== 0;
      return truthy ? single(args[1] ?? true) : single(args[2] ?? false);
    }
    case 'AND':
      return flat(args).every((x) => toNum(x) !== 0);
    case 'OR':
      return flat(args).some((x) => toNum(x) !== 0);
    case 'NOT':
      return toNum(single(args[0] ?? false)) === 0;
    case 'LEN':
      return toStr(single(args[0] ?? '')).length;
    case 'ABS':
      return Math.abs(toNum(single(args[0] ?? 0)));
    case 'ROUND': {
      const p = 10 ** toNum(single(args[1] ?? 0));
      const x = toNum(single(args[0] ?? 0));
      return (Math.sign(x) * Math.round(Math.abs(x) * p + Number.EPSILON)) / p;
    }
    case 'CONCATENATE':
      return flat(args).map(toStr).join('');
    case 'TRUE':
      return true;
    case 'FALSE':
      return false;
    default:
      throw new Unsupported(name);
  }
}

/**
 * Evaluates a formula ('=…'). Errors Sheets would show (#DIV/0!, #VALUE!, #NAME?) come back
 * as those strings, as getValues returns them; unsupported syntax gives ''.
 */
export function evaluateFormula(formula: string, scope: FormulaScope): Scalar {
  try {
    const v = new Parser(tokenize(formula.replace(/^=/, '')), scope).parse();
    return single(v);
  } catch (e) {
    if (e instanceof FormulaError) return e.message;
    if (e instanceof Unsupported) return '';
    throw e;
  }
}

/**
 * The formula as it reads in a cell dRows below and dCols right of the one it was written
 * for: relative references move, $-anchored parts stay (what filling a block with one formula
 * does in Sheets). Text inside string literals is left alone.
 */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
            (_m, colAbs: string, letters: string, rowAbs: string, digits: string) => {
              const col = colAbs ? lettersToColumn(letters) : lettersToColumn(letters) + dCols;
              const row = rowAbs ? Number(digits) : Number(digits) + dRows;
              if (col < 1 || row < 1) return '#REF!';
              return `${colAbs}${columnToLetters(col)}${rowAbs}${row}`;
            },
          ),
    )
    .join('');
}

/**
 * The formula after rows (or columns) of a sheet were inserted (delta > 0) or deleted
 * (delta < 0) at `at`: references into that sheet, relative or $-anchored, move with the cells;
 * a reference to a deleted cell becomes #REF!, as in Sheets. `targets(sheetName)` tells whether
 * a reference (undefined = the formula's own sheet) points into the changed sheet.
 */
export function moveReferences(
  formula: string,
  targets: (sheetName: string | undefined) => boolean,
  dim: 'rows' | 'cols',
  at: number,
  delta: number,
): string {
  const move = (n: number): number | undefined => {
    if (n < at) return n;
    if (delta > 0) return n + delta;
    return n < at - delta ? undefined : n + delta;
  };
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.$])((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])/g,
            (
              m,
              prefix: string | undefined,
              colAbs: string,
              letters: string,
              rowAbs: string,
              digits: string,
            ) => {
              let sheet = prefix?.slice(0, -1);
              if (sheet?.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
              if (!targets(sheet)) return m;
              const col = lettersToColumn(letters);
              const row = Number(digits);
              const moved = dim === 'rows' ? move(row) : move(col);
              if (moved === undefined) return `${prefix ?? ''}#REF!`;
              return dim === 'rows'
                ? `${prefix ?? ''}${colAbs}${letters}${rowAbs}${moved}`
                : `${prefix ?? ''}${colAbs}${columnToLetters(moved)}${rowAbs}${digits}`;
            },
          ),
    )
    .join('');
}

/**
 * The formula after a sheet was renamed (references follow the sheet, as in Sheets) or
 * deleted (newName null: its references become #REF!).
 */
export function renameSheetReferences(
  formula: string,
  oldName: string,
  newName: string | null,
): string {
  const old = oldName.toLowerCase();
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(?<![A-Za-z0-9_.$])('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!(\$?[A-Za-z]{1,3}\$?\d*(?::\$?[A-Za-z]{1,3}\$?\d*)?)?/g,
            (m, prefix: string, cells: string | undefined) => {
              const name = prefix.startsWith("'")
                ? prefix.slice(1, -1).replace(/''/g, "'")
                : prefix;
              if (name.toLowerCase() !== old) return m;
              return newName === null ? '#REF!' : `${quoteSheetName(newName)}!${cells ?? ''}`;
            },
          ),
    )
    .join('');
}
