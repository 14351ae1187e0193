import {
  addPending,
  loadPending,
  MAX_NOTICES,
  MAX_WATCH,
  RECORD_BYTES,
  settlePending,
} from '../../src/server/platform/pending';

/** Document properties in a Map, one spreadsheet, a free script lock, a document cache. */
function fakeServices(): { props: Map<string, string>; cache: Map<string, string> } {
  const props = new Map<string, string>();
  const cache = new Map<string, string>();
  const store = {
    getProperties: () => Object.fromEntries(props),
    getProperty: (k: string) => props.get(k) ?? null,
    setProperties: (values: Record<string, string>, deleteAllOthers?: boolean) => {
      if (deleteAllOthers) props.clear();
      for (const [k, v] of Object.entries(values)) props.set(k, v);
    },
    deleteProperty: (k: string) => void props.delete(k),
  };
  Object.assign(globalThis, {
    PropertiesService: { getDocumentProperties: () => store },
    SpreadsheetApp: { getActiveSpreadsheet: () => ({ getId: () => 'sheet-1' }) },
    LockService: { getScriptLock: () => ({ tryLock: () => true, releaseLock: () => undefined }) },
    CacheService: {
      getDocumentCache: () => ({
        put: (k: string, v: string) => void cache.set(k, v),
        remove: (k: string) => void cache.delete(k),
      }),
    },
  });
  return { props, cache };
}

afterEach(() => {
  for (const k of ['PropertiesService', 'SpreadsheetApp', 'LockService', 'CacheService'])
    delete (globalThis as Record<string, unknown>)[k];
});

describe('work kept for later', () => {
  it('a run settles only what it read: a client kept again while it worked stays for the next run', () => {
    const { cache } = fakeServices();
    addPending({ watch: ['A', 'B'] });
    expect(cache.get('ficheClient.pendingHint')).toBe('1');
    const read = loadPending();
    addPending({ watch: ['a'] }); // a new edit of A (any case) while the run works
    settlePending(read, { watch: ['A', 'B'] });
    expect(loadPending().watch.clients.map((e) => e.c)).toEqual(['A']);
    settlePending(loadPending(), { watch: ['A'] });
    expect(loadPending().watch.clients).toEqual([]);
    expect(cache.has('ficheClient.pendingHint')).toBe(false);
  });

  it('keeps since when a client first waited', () => {
    fakeServices();
    const t0 = Date.now();
    addPending({ watch: ['A'] });
    const since = loadPending().watch.clients[0]!.s;
    addPending({ watch: ['A'] });
    expect(loadPending().watch.clients[0]!.s).toBe(since);
    expect(Date.parse(since)).toBeGreaterThanOrEqual(t0 - 1000);
  });

  it('cannot overflow: past MAX_WATCH clients the whole list is owed; notices past MAX_NOTICES drop the oldest, counted', () => {
    const { props } = fakeServices();
    addPending({ watch: Array.from({ length: MAX_WATCH + 1 }, (_, i) => `C${i}`) });
    const p = loadPending();
    expect(p.watch.all).not.toBeNull();
    expect(p.watch.clients).toEqual([]);
    addPending({ notices: Array.from({ length: MAX_NOTICES + 20 }, (_, i) => `N${i}`) });
    expect(loadPending().notices).toHaveLength(MAX_NOTICES);
    expect(loadPending().dropped).toBe(20);
    // Long codes: still one property value.
    addPending({ notices: Array.from({ length: 100 }, (_, i) => `${'X'.repeat(150)}${i}`) });
    expect(Buffer.byteLength(props.get('ficheClient.pending')!)).toBeLessThanOrEqual(RECORD_BYTES);
    expect(loadPending().notices.length).toBeGreaterThan(0);
    expect(loadPending().dropped).toBeGreaterThan(20);
  });

  it('a damaged record owes the whole list (nothing about which clients can be trusted)', () => {
    const { props } = fakeServices();
    props.set('ficheClient.pending', '{not json');
    expect(loadPending().watch.all).not.toBeNull();
  });

  it('a full refresh settles every client it read, and the whole list', () => {
    fakeServices();
    addPending({ watch: 'all' });
    addPending({ watch: ['A'] });
    settlePending(loadPending(), { watch: 'all' });
    const p = loadPending();
    expect([p.watch.all, p.watch.clients]).toEqual([null, []]);
  });
});
