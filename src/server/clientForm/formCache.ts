/**
 * Opening the form from the document cache (platform/documentCache.ts): the headers of the four
 * client sheets and which rows hold each client are cached, so a warm open reads the client's own
 * rows and nothing else. Every row the cache names is read and must hold the client's code, and
 * each sheet's header must read as cached; any miss or failed check returns null and the form
 * reads the key columns whole (formRead.ts), which fills the cache again.
 */
import { cellCodeKey, codeKey } from '../../domain/cells';
import { LIST_KEYS, type ColumnKey } from '../../shared/contract';
import type { FormLists } from '../../shared/formApi';
import {
  ALL_ENTRIES,
  CLIENT_SHEETS,
  type CacheEntry,
  type ClientSheet,
  type DocumentCache,
} from '../platform/documentCache';
import { withWholeRows } from '../workbook/read';
import {
  checkedIndex,
  FIRST_DATA_ROW,
  requiredColumns,
  sheetOf,
  type Table,
} from '../workbook/sheets';
import type { ClientTables, FormContext } from './formRead';

/** The column that says whose a row is, in each client sheet. */
export const CODE_COLUMN = {
  clients: 'code',
  terms: 'clientCode',
  commissions: 'clientCode',
  crmLog: 'clientCode',
} as const satisfies { [S in ClientSheet]: ColumnKey<S> };

/** Sheet rows by client (codeKey), as cached. */
export type RowMap = Record<string, number[]>;

/** What opening the form caches: every entry (`clientNames` is the type-ahead list). */
export const FORM_ENTRIES: readonly CacheEntry[] = ALL_ENTRIES;

/** A client of the type-ahead list. */
export interface ClientName {
  code: string;
  name: string;
  inactive?: boolean;
}

/** What the cache says of the four client sheets, decoded. */
export interface CachedFacts {
  /** The type-ahead list, in Clients order. */
  names: ClientName[];
  sheets: Record<ClientSheet, { header: unknown[]; rows: RowMap }>;
}

/**
 * The entries that refer to each other (row maps hold positions in the names list): what a save
 * takes from the cache, where the rows are, never a value to write.
 */
export const FACT_ENTRIES: readonly CacheEntry[] = [
  'clientNames',
  ...CLIENT_SHEETS.flatMap((s) => [`header.${s}` as const, `rows.${s}` as const]),
];

/**
 * The cache entries for the four tables read by key columns and the type-ahead list, compact
 * (the cache's parts are priced one by one: bench/costModel.ts): the list as two arrays, codes
 * and names; each sheet's rows as the position, in that list, of each data row's client (-1:
 * none, or a code not in Clients). At full size about 0.7 MB instead of 1.4 MB as objects.
 */
export function entriesOf(
  tables: ClientTables,
  names: readonly ClientName[],
): Partial<Record<CacheEntry, unknown>> {
  const position = new Map<string, number>();
  names.forEach((c, i) => {
    const key = codeKey(c.code);
    if (!position.has(key)) position.set(key, i);
  });
  const out: Partial<Record<CacheEntry, unknown>> = {
    // Codes, names, and the positions of the inactive clients (few: a short list).
    clientNames: [
      names.map((c) => c.code),
      names.map((c) => c.name),
      names.flatMap((c, i) => (c.inactive ? [i] : [])),
    ],
  };
  for (const s of CLIENT_SHEETS) {
    const table = tables[s] as Table<ClientSheet>;
    const i = table.index[CODE_COLUMN[s] as never];
    out[`header.${s}`] = table.header;
    out[`rows.${s}`] = table.rows.map((row) => position.get(cellCodeKey(row[i])) ?? -1);
  }
  return out;
}

/** The cached facts, when every entry is there, of the expected shape, from one write. */
export function cachedFacts(cache: DocumentCache): CachedFacts | null {
  if (!cache.fromOnePut(FACT_ENTRIES)) return null;
  const list = cache.get<unknown>('clientNames');
  if (!Array.isArray(list) || list.length !== 3) return null;
  const [codes, labels, off] = list as unknown[];
  if (!isStrings(codes) || !isStrings(labels) || codes.length !== labels.length) return null;
  if (!Array.isArray(off) || !off.every((p) => typeof p === 'number')) return null;
  const inactive = new Set(off as number[]);
  const names = codes.map((code, i) =>
    inactive.has(i) ? { code, name: labels[i]!, inactive: true } : { code, name: labels[i]! },
  );
  const keys = codes.map(codeKey);
  const sheets = {} as CachedFacts['sheets'];
  for (const s of CLIENT_SHEETS) {
    const header = cache.get<unknown>(`header.${s}`);
    const positions = cache.get<unknown>(`rows.${s}`);
    if (!Array.isArray(header) || !Array.isArray(positions)) return null;
    // No prototype: a code such as "__proto__" or "constructor" is a key like any other.
    const rows = Object.create(null) as RowMap;
    for (let n = 0; n < positions.length; n++) {
      const p = positions[n] as unknown;
      if (typeof p !== 'number' || p < 0) continue;
      const key = keys[p];
      if (key === undefined) return null;
      (rows[key] ??= []).push(n + FIRST_DATA_ROW);
    }
    sheets[s] = { header, rows };
  }
  return { names, sheets };
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The client (codeKey) whose rows include `sheetRow`, by the cached map; null if none. */
export function codeAtRow(rows: RowMap, sheetRow: number): string | null {
  for (const [key, list] of Object.entries(rows)) if (list.includes(sheetRow)) return key;
  return null;
}

/**
 * The four client sheets read for the client `key` from the cached maps: its rows whole (each
 * must hold its code), then the header (it must read as cached). Other rows are absent from the
 * tables (sparse arrays), which serve this one client only. Null on any miss or failed check.
 */
export function readClientFromCache(
  ctx: FormContext,
  maps: CachedFacts['sheets'],
  key: string,
): ClientTables | null {
  const read = <S extends ClientSheet>(s: S): Table<S> | null => {
    const { header, rows } = maps[s];
    const { sheet, name } = sheetOf(ctx.spreadsheet, s, ctx.lang);
    let index;
    try {
      index = checkedIndex(s, header, name, ctx.lang, requiredColumns(s));
    } catch {
      return null; // not a header the form can use: the full read says what is wrong
    }
    const table: Table<S> = { key: s, sheet, name, lang: ctx.lang, index, header, rows: [] };
    const sheetRows = rows[key] ?? [];
    if (sheetRows.length === 0) return table;
    const i = index[CODE_COLUMN[s] as ColumnKey<S>];
    const holds = (fresh: readonly unknown[]) => {
      const v = fresh[i];
      return cellCodeKey(v) === key;
    };
    // withWholeRows also checks the header once the rows are read.
    return withWholeRows(table, sheetRows, [], holds);
  };
  const clients = read('clients');
  const terms = clients && read('terms');
  const commissions = terms && read('commissions');
  const crmLog = commissions && read('crmLog');
  return crmLog ? { clients: clients!, terms: terms!, commissions: commissions!, crmLog } : null;
}

/** Lists as cached, when the value has their shape. */
export function cachedLists(value: unknown): FormLists | null {
  if (!value || typeof value !== 'object') return null;
  const lists = value as Record<string, unknown>;
  // A list added to the contract since the cache was filled: read again.
  return LIST_KEYS.every(
    (k) => Array.isArray(lists[k]) && (lists[k] as unknown[]).every((v) => typeof v === 'string'),
  )
    ? (value as FormLists)
    : null;
}
