import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';

/**
 * CacheService: https://developers.google.com/apps-script/reference/cache/cache
 * Limits from the Cache reference: keys up to 250 characters, values up to 100 KB, expiration
 * 1 s to 21600 s (6 hours; longer is clamped), default 600 s; putAll up to 1000 entries.
 * Error texts as real scripts report them: "Argument too large: key" / "Argument too large: value"
 * (e.g. the guards in https://gist.github.com/vicke4/b50cbf187b3afb0f233e7f805d5a952a).
 * Expiry follows the emulated clock. The real cache may evict early; this one never does.
 */
export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_MAX_TTL_SECONDS = 21600;
export const CACHE_DEFAULT_TTL_SECONDS = 600;

interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStore {
  readonly entries = new Map<string, Entry>();
}

export class Cache {
  constructor(
    private readonly store: CacheStore,
    private readonly clock: Clock,
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
    return out;
  }

  put(key: string, value: unknown, expirationInSeconds: number = CACHE_DEFAULT_TTL_SECONDS): void {
    const k = checkKey(key);
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_LIMIT)
      throw scriptError('Argument too large: value');
    const ttl = Math.min(Math.max(Number(expirationInSeconds), 1), CACHE_MAX_TTL_SECONDS);
    this.store.entries.set(k, { value: v, expiresAt: this.clock.millis() + ttl * 1000 });
  }

  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }

  remove(key: string): void {
    this.store.entries.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    for (const key of keys) this.remove(key);
  }
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
  ) {}

  getScriptCache(): Cache {
    return this.open(this.stores.script);
  }
  getDocumentCache(): Cache {
    return this.open(this.stores.document);
  }
  getUserCache(): Cache {
    return this.open(this.stores.user(this.user));
  }

  private open(store: CacheStore): Cache {
    return counted(this.calls, 'Cache', new Cache(store, this.clock));
  }
}

export function createCacheService(
  stores: CacheStores,
  user: string,
  clock: Clock,
  calls: CallCounter,
): CacheServiceImpl {
  return counted(calls, 'CacheService', new CacheServiceImpl(stores, user, clock, calls));
}
