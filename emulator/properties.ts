import type { CallCounter } from './calls';
import { counted } from './counting';
import { scriptError } from './errors';

/**
 * PropertiesService: https://developers.google.com/apps-script/reference/properties
 * Values are stored as strings (numbers, booleans become their String()). Limits from
 * https://developers.google.com/apps-script/guides/services/quotas: "Properties value size
 * 9 KB / val", "Properties total storage 500 KB / property store". Google's measured sizes count
 * key and value together (https://tanaikech.github.io/2023/05/22/report-specification-of-properties-service-for-google-apps-script/);
 * scripts that overrun either limit (a single oversized value, or the store) report the same
 * exception text, PROPERTY_QUOTA_ERROR below.
 */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
export const PROPERTY_QUOTA_ERROR =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** One property store's contents; shared by every execution that opens it. */
export class PropertyStore {
  readonly data = new Map<string, string>();

  size(): number {
    let n = 0;
    for (const [k, v] of this.data) n += bytes(k) + bytes(v);
    return n;
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
}

export class Properties {
  constructor(private readonly store: PropertyStore) {}

  getProperty(key: string): string | null {
    return this.store.data.get(String(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store.data);
  }

  getKeys(): string[] {
    return [...this.store.data.keys()];
  }

  setProperty(key: string, value: unknown): this {
    this.write({ [String(key)]: value }, false);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    this.write(properties, deleteAllOthers);
    return this;
  }

  deleteProperty(key: string): this {
    this.store.data.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.store.data.clear();
    return this;
  }

  /** All or nothing: a write that would break a limit leaves the store as it was. */
  private write(properties: Record<string, unknown>, deleteAllOthers: boolean): void {
    if (properties == null || typeof properties !== 'object')
      throw scriptError('Invalid argument: properties');
    const next = new Map(deleteAllOthers ? [] : this.store.data);
    for (const [k, v] of Object.entries(properties)) {
      const value = String(v);
      if (bytes(k) + bytes(value) > PROPERTY_VALUE_LIMIT) throw scriptError(PROPERTY_QUOTA_ERROR);
      next.set(k, value);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_LIMIT) throw scriptError(PROPERTY_QUOTA_ERROR);
    this.store.data.clear();
    for (const [k, v] of next) this.store.data.set(k, v);
  }
}

/** Every property store of the project: script-wide, the bound document's, one per user. */
export class PropertyStores {
  readonly script = new PropertyStore();
  readonly document = new PropertyStore();
  readonly users = new Map<string, PropertyStore>();

  user(email: string): PropertyStore {
    let store = this.users.get(email);
    if (!store) this.users.set(email, (store = new PropertyStore()));
    return store;
  }

  toJSON(): PropertyStoresJSON {
    return {
      script: this.script.toJSON(),
      document: this.document.toJSON(),
      users: Object.fromEntries([...this.users].map(([u, s]) => [u, s.toJSON()])),
    };
  }

  load(state: PropertyStoresJSON): void {
    const fill = (store: PropertyStore, data: Record<string, string>): void => {
      store.data.clear();
      for (const [k, v] of Object.entries(data)) store.data.set(k, String(v));
    };
    fill(this.script, state.script);
    fill(this.document, state.document);
    this.users.clear();
    for (const [user, data] of Object.entries(state.users)) fill(this.user(user), data);
  }
}

export interface PropertyStoresJSON {
  script: Record<string, string>;
  document: Record<string, string>;
  users: Record<string, Record<string, string>>;
}

export class PropertiesServiceImpl {
  constructor(
    private readonly stores: PropertyStores,
    private readonly user: string,
    private readonly calls: CallCounter,
    /** The document's store: the execution's workbook (default the bound one). */
    private readonly document: PropertyStore = stores.document,
  ) {}

  getScriptProperties(): Properties {
    return this.open(this.stores.script);
  }
  getDocumentProperties(): Properties {
    return this.open(this.document);
  }
  getUserProperties(): Properties {
    return this.open(this.stores.user(this.user));
  }

  private open(store: PropertyStore): Properties {
    return counted(this.calls, 'Properties', new Properties(store));
  }
}

export function createPropertiesService(
  stores: PropertyStores,
  user: string,
  calls: CallCounter,
  document: PropertyStore = stores.document,
): PropertiesServiceImpl {
  return counted(
    calls,
    'PropertiesService',
    new PropertiesServiceImpl(stores, user, calls, document),
  );
}
