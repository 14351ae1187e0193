/**
 * Opening the form from the document cache (platform/documentCache.ts): the headers of the four
 * client sheets and which rows hold each client are cached, so a warm open reads the client's own
 * rows and nothing else. Every row the cache names is read and must hold the client's code, and
 * each sheet's header must read as cached; any miss or failed check returns null and the form
 * reads the key columns whole (formRead.ts), which fills the cache again.
 */
import { codeKey } from '../../domain/cells';
import type { ColumnKey } from '../../shared/contract';
import type { FormLists } from '../../shared/formApi';
import {
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

/** What opening the form caches; `clientNames` is the type-ahead list. */
export const FORM_ENTRIES: readonly CacheEntry[] = [
  'settings',
  'timeZone',
  'lists',
  'clientNames',
  ...CLIENT_SHEETS.flatMap((s) => [`header.${s}` as const, `rows.${s}` as const]),
];

/** The rows of each client in a table read by key columns. */
export function rowMapOf<S extends ClientSheet>(table: Table<S>): RowMap {
  const i = table.index[CODE_COLUMN[table.key] as ColumnKey<S>];
  const map: RowMap = {};
  table.rows.forEach((row, n) => {
    const v = row[i];
    if (typeof v !== 'string' && typeof v !== 'number') return;
    const key = codeKey(String(v));
    if (key) (map[key] ??= []).push(n + FIRST_DATA_ROW);
  });
  return map;
}

/** The cache entries describing the four tables read by key columns (headers and row maps). */
export function entriesOf(tables: ClientTables): Partial<Record<CacheEntry, unknown>> {
  const out: Partial<Record<CacheEntry, unknown>> = {};
  for (const s of CLIENT_SHEETS) {
    out[`header.${s}`] = tables[s].header;
    out[`rows.${s}`] = rowMapOf(tables[s] as Table<ClientSheet>);
  }
  return out;
}

/** The cached row maps and headers, when all four sheets have both. */
export function cachedMaps(
  cache: DocumentCache,
): Record<ClientSheet, { header: unknown[]; rows: RowMap }> | null {
  const out = {} as Record<ClientSheet, { header: unknown[]; rows: RowMap }>;
  for (const s of CLIENT_SHEETS) {
    const header = cache.get<unknown>(`header.${s}`);
    const rows = cache.get<unknown>(`rows.${s}`);
    if (!Array.isArray(header) || !rows || typeof rows !== 'object' || Array.isArray(rows))
      return null;
    out[s] = { header, rows: rows as RowMap };
  }
  return out;
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
  maps: Record<ClientSheet, { header: unknown[]; rows: RowMap }>,
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
      return (typeof v === 'string' || typeof v === 'number') && codeKey(String(v)) === key;
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
  const keys: (keyof FormLists)[] = [
    'creditCodes',
    'salespeople',
    'accountManagers',
    'referralSources',
    'tags',
    'productTypes',
  ];
  return keys.every(
    (k) => Array.isArray(lists[k]) && (lists[k] as unknown[]).every((v) => typeof v === 'string'),
  )
    ? (value as FormLists)
    : null;
}

/** The type-ahead list as cached, when the value has its shape. */
export function cachedClientNames(value: unknown): { code: string; name: string }[] | null {
  return Array.isArray(value) &&
    value.every(
      (c) =>
        c &&
        typeof c === 'object' &&
        typeof (c as { code?: unknown }).code === 'string' &&
        typeof (c as { name?: unknown }).name === 'string',
    )
    ? (value as { code: string; name: string }[])
    : null;
}
