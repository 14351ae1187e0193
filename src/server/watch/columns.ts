/**
 * Which columns the watch reads, requires and watches, all derived from the rules' own
 * declaration (src/domain/watch.ts WATCH_INPUTS and WATCH_OUTPUTS): the daily refresh, the
 * per-client update, the form save and the edit trigger cannot disagree on them, and a column
 * a rule starts reading reaches every one of them (and renames the edit trigger's cache key).
 */
import SparkMD5 from 'spark-md5';
import {
  WATCH_ADDED_OUTPUTS,
  WATCH_INPUTS,
  WATCH_OUTPUTS,
  type WatchOutputSheet,
  type WatchReason,
  type WatchSheet,
} from '../../domain/watch';
import { codeKey } from '../../domain/cells';
import type { CellProblem } from '../../domain/types';
import { SHEETS, type ColumnDef, type ColumnKey, type SheetKey } from '../../shared/contract';

type Columns = { [S in WatchSheet]: readonly ColumnKey<S>[] };

/** The sheets the rules read, as WATCH_INPUTS lists them. */
const WATCH_SHEETS = Object.keys(WATCH_INPUTS) as WatchSheet[];

/** A list per sheet the rules read. */
function perSheet(list: <S extends WatchSheet>(sheet: S) => readonly ColumnKey<S>[]): Columns {
  return Object.fromEntries(WATCH_SHEETS.map((sheet) => [sheet, list(sheet)])) as Columns;
}

const inputsOf = <S extends WatchSheet>(sheet: S): readonly ColumnKey<S>[] => WATCH_INPUTS[sheet];

const outputsOf = <S extends WatchSheet>(sheet: S): readonly ColumnKey<S>[] =>
  sheet in WATCH_OUTPUTS ? WATCH_OUTPUTS[sheet as WatchOutputSheet & S] : [];

const union = <K extends string>(...lists: (readonly K[])[]): K[] => [...new Set(lists.flat())];

const requiredOf = <S extends SheetKey>(sheet: S): ColumnKey<S>[] =>
  (SHEETS[sheet].columns as readonly ColumnDef<ColumnKey<S>>[])
    .filter((c) => c.required)
    .map((c) => c.key);

/**
 * What the refresh also reads to tell account managers of newly watched clients: not an input
 * of the rules, so editing it changes no status.
 */
const NOTIFY_COLUMNS: Partial<Columns> = { clients: ['name', 'accountManager', 'status'] };

/**
 * Columns the rules do not read but whose unreadable cells Watch reasons say (decision 021: a
 * discount of "beaucoup" is said, not skipped), so a fix clears the reason at once.
 */
const CHECKED_COLUMNS: Partial<Columns> = { terms: ['discountPct', 'discountDays'] };

/** The columns whose unreadable cells are Watch reasons: the inputs and the checked ones. */
export const SAID_COLUMNS: Columns = perSheet((sheet) =>
  union(inputsOf(sheet), CHECKED_COLUMNS[sheet] ?? []),
);

/**
 * The Watch reasons of unreadable cells, by client (codeKey): each names its sheet, column and
 * client code and says what is expected. Problems of rows without a client code give none (the
 * run's problems still name them).
 */
export function badCellReasons(
  problems: readonly CellProblem[],
): Map<string, Extract<WatchReason, { kind: 'badCell' }>[]> {
  const out = new Map<string, Extract<WatchReason, { kind: 'badCell' }>[]>();
  for (const p of problems) {
    if (p.key?.kind !== 'client') continue;
    const key = codeKey(p.key.value);
    const reason = {
      kind: 'badCell' as const,
      sheet: p.sheet,
      column: p.column,
      code: p.key.value,
      message: p.message,
    };
    out.set(key, [...(out.get(key) ?? []), reason]);
  }
  return out;
}

/**
 * The columns whose edit can change a watch status: the rules' inputs, the checked columns
 * and the computed columns (a computed cell typed over is computed again). The edit trigger
 * watches these.
 */
export const WATCHED_COLUMNS: Columns = perSheet((sheet) =>
  union(inputsOf(sheet), CHECKED_COLUMNS[sheet] ?? [], outputsOf(sheet)),
);

/**
 * The columns the refresh reads, the key first (readColumns checks it again after the other
 * blocks): the watched columns, and whom to notify.
 */
export const WATCH_READ_COLUMNS: Columns = perSheet((sheet) =>
  union(WATCHED_COLUMNS[sheet], NOTIFY_COLUMNS[sheet] ?? []),
);

/**
 * The columns without which no status can be computed or written: the inputs the contract
 * requires (a client's code, what makes an invoice, what makes a payment) and the computed
 * columns of the first release. An optional input missing (no Credit limit column) reads as
 * blank; a computed column added later (Last payment, the aging columns) is written where Set
 * up has added it, so a workbook set up before keeps refreshing as it did.
 */
export const WATCH_REQUIRED: Columns = perSheet((sheet) =>
  union(
    inputsOf(sheet).filter((k) => requiredOf(sheet).includes(k)),
    outputsOf(sheet).filter((k) => !WATCH_ADDED_OUTPUTS.includes(k)),
  ),
);

/** Whether a save's changed cells (by contract key) touch an input of the rules. */
export function changesWatchInput<S extends WatchSheet>(
  sheet: S,
  changed: Partial<Record<ColumnKey<S>, unknown>>,
): boolean {
  return (WATCH_INPUTS[sheet] as readonly string[]).some((k) => k in changed);
}

/**
 * A name for cached column positions that changes by itself with what they depend on: the
 * column keys of each group (sheet → keys), the headers of those columns in both languages and
 * the sheet names. `format` is the version of the cached entry's own shape (bump it when that
 * shape changes).
 */
export function columnsCacheKey(
  prefix: string,
  format: number,
  ...groups: Partial<{ [S in SheetKey]: readonly string[] }>[]
): string {
  const material = groups.map((group) =>
    Object.entries(group).map(([sheet, keys]) => {
      const def = SHEETS[sheet as SheetKey];
      const columns = (def.columns as readonly ColumnDef[]).filter((c) => keys!.includes(c.key));
      return [sheet, def.fr, def.en, columns.map((c) => [c.key, c.fr, c.en])];
    }),
  );
  return `${prefix}.v${format}.${SparkMD5.hash(JSON.stringify(material)).slice(0, 8)}`;
}
