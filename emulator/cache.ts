import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';

/**
 * CacheService: https://developers.google.com/apps-script/reference/cache/cache
 * Limits from the Cache reference, with the texts real scripts report:
 * - keys up to 250 characters, "Argument too large: key", from get as well as put
 *   (https://github.com/Eloise1988/COINGECKO/issues/13; Justin Poehnelt measured it strict:
 *   https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits);
 * - values up to 100 KB, "Argument too large: value" (Poehnelt: 102,400 bytes, strict;
 *   https://github.com/joseballester/muFunds/issues/13, https://github.com/aryounce/aws-pricing/issues/24);
 * - expiration: default 600 s, "The minimum is 1 second and the maximum is 21600 seconds
 *   (6 hours)" (put/putAll). What a larger figure does is not documented and no report was
 *   found: the stricter choice here is to refuse it, with a text in the style of the key and
 *   value errors (ASSUMPTION). Below 1 s is taken as 1 s (Poehnelt: a negative expiration is
 *   accepted without error).
 * - "The cap for cached items is 1,000. If more than 1,000 items are written, the cache stores
 *   the 900 items farthest from expiration." (Cache reference, class overview.) Poehnelt
 *   measured eviction by creation time, about 100 items at a time; the emulator follows the
 *   documented rule (expiry first, the older write first among equal expiries).
 * Expiry follows the emulated clock. The real cache may also evict early for its own reasons;
 * this one evicts only at the cap.
 */
export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_MAX_TTL_SECONDS = 21600;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_ITEM_CAP = 1000;
export const CACHE_KEPT_AFTER_CAP = 900;
export const CACHE_TTL_TOO_LARGE = 'Argument too large: expirationInSeconds';

interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStore {
  /** In write order (a key written again moves to the end). */
  readonly entries = new Map<string, Entry>();

  set(key: string, value: string, expiresAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
  }

  /** Over 1,000 live items: keeps the 900 farthest from expiration (see the header). */
  capAt(now: number): void {
    if (this.entries.size <= CACHE_ITEM_CAP) return;
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    if (this.entries.size <= CACHE_ITEM_CAP) return;
    // Stable sort: among equal expiries the later write sorts later and is kept.
    const kept = [...this.entries]
      .sort((a, b) => a[1].expiresAt - b[1].expiresAt)
      .slice(-CACHE_KEPT_AFTER_CAP);
    const keep = new Set(kept.map(([k]) => k));
    for (const k of [...this.entries.keys()]) if (!keep.has(k)) this.entries.delete(k);
  }
}

export class Cache {
  constructor(
    private readonly store: CacheStore,
    private readonly clock: Clock,
    private readonly calls?: CallCounter,
  ) {}

  get(key: string): string | null {
    const k = checkKey(key);
    const e = this.store.entries.get(k);
    if (!e) return null;
    if (e.expiresAt <= this.clock.millis()) {
      this.store.entries.delete(k);
      return null;
    }
    return e.value;
  }

  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.get(key);
      if (v !== null) out[key] = v;
    }
    this.calls?.countCacheValues('read', Object.keys(out).length);
    return out;
  }

  put(key: string, value: unknown, expirationInSeconds: number = CACHE_DEFAULT_TTL_SECONDS): void {
    const ttl = checkTtl(expirationInSeconds);
    this.store.set(checkKey(key), checkValue(value), this.clock.millis() + ttl * 1000);
    this.store.capAt(this.clock.millis());
  }

  /** All entries are checked before any is stored; the cap applies once the batch is in. */
  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    const ttl = checkTtl(expirationInSeconds ?? CACHE_DEFAULT_TTL_SECONDS);
    const entries = Object.entries(values).map(([k, v]) => [checkKey(k), checkValue(v)] as const);
    const expiresAt = this.clock.millis() + ttl * 1000;
    for (const [k, v] of entries) this.store.set(k, v, expiresAt);
    this.store.capAt(this.clock.millis());
    this.calls?.countCacheValues('written', entries.length);
  }

  remove(key: string): void {
    this.store.entries.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    for (const key of keys) this.remove(key);
  }
}

function checkValue(value: unknown): string {
  const v = String(value);
  if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_LIMIT)
    throw scriptError('Argument too large: value');
  return v;
}

function checkTtl(expirationInSeconds: number): number {
  const s = Number(expirationInSeconds);
  if (s > CACHE_MAX_TTL_SECONDS) throw scriptError(CACHE_TTL_TOO_LARGE);
  return Number.isFinite(s) ? Math.max(s, 1) : CACHE_DEFAULT_TTL_SECONDS;
}

function checkKey(key: string): string {
  const k = String(key);
  if (k.length > CACHE_KEY_LIMIT) throw scriptError('Argument too large: key');
  return k;
}

export class CacheStores {
  readonly script = new CacheStore();
  readonly document = new CacheStore();
  readonly users = new Map<string, CacheStore>();

  user(email: string): CacheStore {
    let store = this.users.get(email);
    if (!store) this.users.set(email, (store = new CacheStore()));
    return store;
  }
}

export class CacheServiceImpl {
  constructor(
    private readonly stores: CacheStores,
    private readonly user: string,
    private readonly clock: Clock,
    private readonly calls: CallCounter,
    /** The document's cache: the execution's workbook (default the bound one). */
    private readonly document: CacheStore = stores.document,
  ) {}

  getScriptCache(): Cache {
    return this.open(this.stores.script);
  }
  getDocumentCache(): Cache {
    return this.open(this.document);
  }
  getUserCache(): Cache {
    return this.open(this.stores.user(this.user));
  }

  private open(store: CacheStore): Cache {
    return counted(this.calls, 'Cache', new Cache(store, this.clock, this.calls));
  }
}

export function createCacheService(
  stores: CacheStores,
  user: string,
  clock: Clock,
  calls: CallCounter,
  document: CacheStore = stores.document,
): CacheServiceImpl {
  return counted(calls, 'CacheService', new CacheServiceImpl(stores, user, clock, calls, document));
}
