/**
 * The document cache: what opening the form reads every time and what rarely changes (settings,
 * the time zone, Lists, the client sheets' headers, which rows are whose, the clients' codes and
 * names), kept in CacheService's document cache, shared by everyone who opens the workbook
 * (https://developers.google.com/apps-script/reference/cache/cache-service#getDocumentCache()).
 *
 * Why: at full size the form's reads of whole key columns cost about 10 s (bench/README.md);
 * with the row maps cached, only the client's own rows are read. Never trusted blindly:
 * - what it says is checked where it is used (a row it names must still hold the client's code,
 *   the header must still read the same), and any failed check falls back to reading the sheet;
 * - what would make it wrong forgets it: an edit of a key column, a header or Lists (the edit
 *   trigger), rows or columns inserted or removed (the change trigger), Set up, Settings, and
 *   every writer of this project that adds or removes rows or changes a code or a name;
 * - what neither sees (another script or the Sheets API adding rows) ages out after TTL_SECONDS;
 * - writes never rely on it: every writer reads and checks the sheet itself.
 *
 * Cache entries are at most 100 KB (emulator/cache.ts, with its sources), so an entry is split
 * into parts, read all at once with one getAll and written with one putAll. Each part carries the
 * same stamp: parts of two different writes, or an entry with a part evicted, read as absent.
 *
 * A forget must also beat a put of what was read before it: an open that reads the sheets
 * (about 10 s at full size) and then stores them would otherwise put back, for 15 minutes, the
 * row maps a save or the edit trigger forgot meanwhile (a client created meanwhile not found).
 * So the cache holds a generation, a random token read in the same getAll; every part carries
 * the generation read before the sheets were, and reads as absent under any other. Forgetting
 * removes the generation with the entries, and a reader that finds none stores a new one
 * before reading the sheets: a generation is never used twice, so nothing read before a forget
 * is ever taken after it.
 */
import type { SheetKey } from '../../shared/contract';
import { span } from './span';

/** The client sheets whose headers and row maps are kept. */
export type ClientSheet = 'clients' | 'terms' | 'commissions' | 'crmLog';
export const CLIENT_SHEETS: readonly ClientSheet[] = ['clients', 'terms', 'commissions', 'crmLog'];

export type CacheEntry =
  | 'settings'
  | 'timeZone'
  | 'lists'
  | 'clientNames'
  | `header.${ClientSheet}`
  | `rows.${ClientSheet}`;

/** Every entry: what Set up forgets. */
export const ALL_ENTRIES: readonly CacheEntry[] = [
  'settings',
  'timeZone',
  'lists',
  'clientNames',
  ...CLIENT_SHEETS.flatMap((s) => [`header.${s}` as const, `rows.${s}` as const]),
];

/** The entries about a sheet's rows and columns (what moving rows or columns makes wrong). */
export function sheetEntries(sheet: SheetKey): CacheEntry[] {
  if (sheet === 'lists') return ['lists'];
  if (!(CLIENT_SHEETS as readonly SheetKey[]).includes(sheet)) return [];
  const s = sheet as ClientSheet;
  return s === 'clients'
    ? ['header.clients', 'rows.clients', 'clientNames']
    : [`header.${s}`, `rows.${s}`];
}

const PREFIX = 'fc.doc1.';
/** The generation's key (see the header). */
const GENERATION_KEY = `${PREFIX}generation`;
/**
 * The longest a value may be kept, "the maximum is 21600 seconds (6 hours)" (Cache#put,
 * https://developers.google.com/apps-script/reference/cache/cache): the cache keeps the items
 * farthest from expiration at its cap, so the generation outlives the entries it stamps.
 */
const GENERATION_SECONDS = 21600;
/**
 * Fifteen minutes: the longest an edit no trigger sees (another script, the Sheets API, a sheet
 * before Set up installed the triggers) can leave the form showing an older list of rows.
 */
export const TTL_SECONDS = 900;
/**
 * A value's text, less room for the stamp ("generation:stamp:count:", 24 bytes): under 100,000
 * bytes, the reference's "100KB" read in decimal, as well as the 102,400 measured (the
 * emulator's cacheValueLimit switch).
 */
const PART_BYTES = 99_900;
/** Parts an entry may take: 800 KB (the CRM log's row map at 50,000 rows is about 400 KB). */
const MAX_PARTS = 8;

/** Values read from the cache in one getAll; empty when there is no document cache. */
export class DocumentCache {
  private readonly values = new Map<CacheEntry, unknown>();
  /** The stamp of the write each value came from. */
  private readonly stamps = new Map<CacheEntry, string>();
  /** The generation read (or stored) before the sheets were read; null: put nothing. */
  private generation: string | null = null;

  private constructor(private readonly cache: GoogleAppsScript.Cache.Cache | null) {}

  /**
   * One getAll of every part of `entries` and the generation. A cache that fails reads as
   * empty. With no generation (none yet, forgotten, expired), none of the values is taken and,
   * when `willPut`, a new generation is stored (one more call) for what is read next.
   */
  static read(entries: readonly CacheEntry[], willPut = true): DocumentCache {
    return span('form cache', () => DocumentCache.readNow(entries, willPut));
  }

  private static readNow(entries: readonly CacheEntry[], willPut: boolean): DocumentCache {
    let cache: GoogleAppsScript.Cache.Cache | null;
    try {
      cache = CacheService.getDocumentCache();
    } catch {
      cache = null;
    }
    const found = new DocumentCache(cache);
    if (!cache || entries.length === 0) return found;
    let got: Record<string, string>;
    try {
      got = cache.getAll([GENERATION_KEY, ...entries.flatMap(partKeys)]);
    } catch {
      return found; // a cache that fails is a cache that misses
    }
    const generation = got[GENERATION_KEY];
    if (!generation) {
      if (!willPut) return found;
      const fresh = newToken();
      try {
        cache.put(GENERATION_KEY, fresh, GENERATION_SECONDS);
        found.generation = fresh;
      } catch {
        // no generation: nothing is put
      }
      return found;
    }
    found.generation = generation;
    for (const entry of entries) {
      const joined = joinParts(entry, got, generation);
      if (!joined) continue;
      found.values.set(entry, joined.value);
      found.stamps.set(entry, joined.stamp);
    }
    return found;
  }

  /** The value, or null when absent (never cached, expired, evicted, forgotten). */
  get<T>(entry: CacheEntry): T | null {
    return this.values.has(entry) ? (this.values.get(entry) as T) : null;
  }

  /** Whether all these entries are present and were stored by the same put (values that refer to each other). */
  fromOnePut(entries: readonly CacheEntry[]): boolean {
    const stamps = new Set(entries.map((e) => this.stamps.get(e)));
    return stamps.size === 1 && !stamps.has(undefined);
  }

  /**
   * Stores values in one putAll (an entry too large is left out, and with it every entry of
   * `together`: values that refer to each other are used only all at once, so storing the rest
   * would cost a putAll of them at every open for nothing). A failure is ignored: the cache
   * only ever saves reads.
   */
  put(values: Partial<Record<CacheEntry, unknown>>, together: readonly CacheEntry[] = []): void {
    if (!this.cache || !this.generation) return;
    const stamp = `${this.generation}:${newToken()}`;
    const splits = new Map<CacheEntry, string[] | null>();
    for (const [entry, value] of Object.entries(values) as [CacheEntry, unknown][])
      splits.set(entry, splitParts(JSON.stringify(value), stamp));
    const groupFits = together.every((e) => splits.get(e) !== null);
    const parts: Record<string, string> = {};
    for (const [entry, split] of splits) {
      if (!split || (!groupFits && together.includes(entry))) continue;
      split.forEach((p, i) => (parts[partKey(entry, i)] = p));
      this.values.set(entry, values[entry]);
      this.stamps.set(entry, stamp);
    }
    if (Object.keys(parts).length === 0) return;
    const cache = this.cache;
    span('form cache', () => {
      try {
        cache.putAll(parts, TTL_SECONDS);
      } catch {
        // ignored: the next open reads the sheets
      }
    });
  }
}

/**
 * Forgets entries, and with them the generation (one removeAll): what anyone read before this
 * is never taken after it, whatever they put next. Never fails the caller.
 */
export function forgetEntries(entries: readonly CacheEntry[]): void {
  if (entries.length === 0) return;
  span('form cache', () => {
    try {
      CacheService.getDocumentCache()?.removeAll([
        GENERATION_KEY,
        ...[...new Set(entries)].flatMap(partKeys),
      ]);
    } catch {
      // ignored: the entries age out (TTL_SECONDS) and every use checks them
    }
  });
}

/** A random token of letters and digits (a stamp, a generation). */
function newToken(): string {
  return (Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2)).slice(0, 10);
}

function partKey(entry: CacheEntry, i: number): string {
  return `${PREFIX}${entry}.${i}`;
}

function partKeys(entry: CacheEntry): string[] {
  return Array.from({ length: MAX_PARTS }, (_, i) => partKey(entry, i));
}

/** "generation:stamp:count:" then the part's text. */
function splitParts(json: string, stamp: string): string[] | null {
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    // UTF-8 length: a surrogate pair is 4 bytes, 2 for each half.
    const size = c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
    // Never between the two halves of a pair.
    if (bytes + size > PART_BYTES && !isLowSurrogate(c)) {
      chunks.push(json.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  chunks.push(json.slice(start));
  if (chunks.length > MAX_PARTS) return null;
  return chunks.map((chunk) => `${stamp}:${chunks.length}:${chunk}`);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * The entry's value and stamp from its parts; null when a part is missing, of another write, or
 * of another generation.
 */
function joinParts(
  entry: CacheEntry,
  got: Record<string, string>,
  generation: string,
): { value: unknown; stamp: string } | null {
  const first = got[partKey(entry, 0)];
  const head = first && /^([a-z0-9]+:[a-z0-9]+):(\d+):/.exec(first);
  if (!first || !head) return null;
  const [, stamp, countText] = head;
  if (!stamp!.startsWith(`${generation}:`)) return null;
  const count = Number(countText);
  if (!(count >= 1 && count <= MAX_PARTS)) return null;
  let json = '';
  for (let i = 0; i < count; i++) {
    const part = got[partKey(entry, i)];
    const prefix = `${stamp}:${count}:`;
    if (!part?.startsWith(prefix)) return null;
    json += part.slice(prefix.length);
  }
  try {
    return { value: JSON.parse(json) as unknown, stamp: stamp! };
  } catch {
    return null;
  }
}
