/**
 * A fake server for the sidebar: `google.script.run` backed by an in-memory store inside the
 * page, behaving per src/shared/formApi.ts (formOpen, formLoad, formSave with version
 * conflicts). Injected with page.addInitScript(installFakeBackend, seed): the function is
 * serialized, so it must be self-contained (no imports, no outer variables).
 *
 * The store is kept in window.name, so page.reload() finds the clients saved before: it stays
 * with the tab across a reload and is written at once (sessionStorage is written to the browser
 * asynchronously, and a reload right after a save could come back without it).
 * Tests reach it through `window.__fake` (calls made, store, another user's save).
 */
import type { ClientRecord, FormLists, ProductTypeBuyerRow } from '../../src/shared/formApi';

export interface FakeSeed {
  lang: 'fr' | 'en';
  lists: FormLists;
  termDays: number;
  user: string;
  clients: ClientRecord[];
  /** formOpen({}) opens this client (the "selected row"); undefined = a new client. */
  selectedCode?: string;
  /** Extra clients listed by formOpen for the type-ahead (code X00001…, not loadable). */
  extraClients?: number;
  /** Milliseconds before each answer, like a real round trip. */
  latency?: number;
  /** habitsSearch answers, by product type (lowercase): "who might want…". */
  buyers?: Record<string, ProductTypeBuyerRow[]>;
}

export interface FakeHandle {
  calls: { name: string; arg: unknown }[];
  store: () => Record<string, ClientRecord>;
  /** Another user saves `code` (bumps its version): the next save from the form conflicts. */
  otherUserSaves(code: string, by: string, change?: (r: ClientRecord) => void): void;
  /** The next call of `name` throws (the failure handler runs). */
  failNext(name: string, message: string): void;
}

export function installFakeBackend(seed: FakeSeed): void {
  const KEY = 'fakeBackendStore:';
  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const saved = window.name.startsWith(KEY) ? window.name.slice(KEY.length) : null;
  const store: { clients: Record<string, ClientRecord>; order: string[]; clock: number } = saved
    ? JSON.parse(saved)
    : {
        clients: Object.fromEntries(seed.clients.map((c) => [c.general.code, clone(c)])),
        order: seed.clients.map((c) => c.general.code),
        clock: Date.UTC(2025, 2, 10, 14, 0, 0),
      };
  const persist = () => (window.name = KEY + JSON.stringify(store));
  const calls: { name: string; arg: unknown }[] = [];
  const failures: Record<string, string> = {};
  const fr = seed.lang === 'fr';

  function tick(): string {
    store.clock += 60_000;
    return new Date(store.clock).toISOString();
  }

  function nextCode(): string {
    let max = 0;
    for (const code of store.order) {
      const m = /^C-(\d+)$/.exec(code);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return `C-${String(max + 1).padStart(4, '0')}`;
  }

  /** What the real server computes on save: watch flag and reasons, updated at/by. */
  function stamp(record: ClientRecord, by: string): ClientRecord {
    const r = clone(record);
    const at = tick();
    r.version = at;
    const reason = r.terms.watchReason.trim();
    r.computed = {
      ...r.computed,
      watched:
        reason !== '' ||
        (r.computed.balanceDue !== null &&
          r.terms.creditLimit !== null &&
          r.terms.creditLimit > 0 &&
          r.computed.balanceDue > r.terms.creditLimit),
      watchReasons: reason ? (fr ? `Motif manuel : ${reason}` : `Manual reason: ${reason}`) : '',
      updatedAt: at,
      updatedBy: by,
    };
    return r;
  }

  const api: Record<string, (arg: never) => unknown> = {
    habitsSearch(productType: string) {
      const key = String(productType).trim().toLowerCase();
      if (!key)
        return { ok: false, message: fr ? 'Indiquez un type de produit.' : 'Give a product type.' };
      const buyers = seed.buyers?.[key] ?? [];
      return { ok: true, productType: String(productType).trim(), buyers, more: 0 };
    },
    formOpen(req: { code?: string }) {
      const code = req.code ?? seed.selectedCode;
      return {
        lang: seed.lang,
        lists: seed.lists,
        defaults: { termDays: seed.termDays },
        clients: [
          ...store.order.map((c) => ({ code: c, name: store.clients[c]!.general.name })),
          ...Array.from({ length: seed.extraClients ?? 0 }, (_, i) => ({
            code: `X${String(i + 1).padStart(5, '0')}`,
            name: `Client numéro ${i + 1}`,
          })),
        ],
        nextCode: nextCode(),
        // The server's today in the spreadsheet's zone (here the fake clock's UTC day).
        today: new Date(store.clock).toISOString().slice(0, 10),
        record: code && store.clients[code] ? clone(store.clients[code]) : null,
        // Cells the sheet holds that cannot be read: none in the fake store.
        problems: [],
      };
    },
    formClients() {
      return {
        clients: store.order.map((c) => ({ code: c, name: store.clients[c]!.general.name })),
      };
    },
    formLoad(code: string) {
      const r = store.clients[code];
      return r
        ? { record: clone(r), problems: [] }
        : { error: fr ? `Client introuvable : ${code}` : `No such client: ${code}` };
    },
    formSave(req: { record: ClientRecord; isNew: boolean }) {
      const code = req.record.general.code;
      const current = store.clients[code];
      if (req.isNew && current)
        return {
          ok: false,
          kind: 'invalid',
          errors: [
            {
              path: 'general.code',
              message: fr ? `Le code ${code} existe déjà.` : `Code ${code} already exists.`,
            },
          ],
        };
      if (!req.isNew && !current)
        return {
          ok: false,
          kind: 'error',
          message: fr ? 'Client introuvable.' : 'No such client.',
        };
      if (current && current.version !== req.record.version)
        return {
          ok: false,
          kind: 'conflict',
          by: current.computed.updatedBy,
          at: current.computed.updatedAt,
          // As the server says it (the time in the spreadsheet's zone, here the fake's UTC).
          message: fr
            ? `Ce client a été modifié par ${current.computed.updatedBy} le ${current.computed.updatedAt.slice(0, 16).replace('T', ' ')} depuis que vous l’avez ouvert. Rien n’a été enregistré.`
            : `This client was changed by ${current.computed.updatedBy} at ${current.computed.updatedAt.slice(0, 16).replace('T', ' ')} since you opened it. Nothing was saved.`,
        };
      const record = stamp(req.record, seed.user);
      if (!current) store.order.push(code);
      store.clients[code] = record;
      persist();
      return {
        ok: true,
        record: clone(record),
        message: fr ? `Client ${code} enregistré.` : `Client ${code} saved.`,
        nextCode: nextCode(),
      };
    },
  };

  type Handler = ((value: unknown) => void) | null;
  function runner(success: Handler, failure: Handler): Record<string, unknown> {
    const r: Record<string, unknown> = {
      withSuccessHandler: (fn: Handler) => runner(fn, failure),
      withFailureHandler: (fn: Handler) => runner(success, fn),
    };
    for (const name of Object.keys(api)) {
      r[name] = (arg: unknown) => {
        // Arguments cross as copies (google.script.run serializes them).
        const copy = arg === undefined ? undefined : clone(arg);
        calls.push({ name, arg: copy });
        setTimeout(() => {
          const failure_ = failures[name];
          if (failure_ !== undefined) {
            delete failures[name];
            failure?.(new Error(failure_));
            return;
          }
          try {
            const value = clone(api[name]!(copy as never));
            success?.(value);
          } catch (e) {
            failure?.(e);
          }
        }, seed.latency ?? 20);
      };
    }
    return r;
  }

  const handle: FakeHandle = {
    calls,
    store: () => clone(store.clients),
    otherUserSaves(code, by, change) {
      const r = clone(store.clients[code]!);
      change?.(r);
      store.clients[code] = stamp(r, by);
      persist();
    },
    failNext(name, message) {
      failures[name] = message;
    },
  };
  (window as unknown as { google: unknown }).google = { script: { run: runner(null, null) } };
  (window as unknown as { __fake: FakeHandle }).__fake = handle;
}
