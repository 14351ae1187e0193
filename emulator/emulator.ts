import path from 'node:path';
import { existsSync } from 'node:fs';
import { CallCounter, processCpuMicros } from './calls';
import { Clock } from './clock';
import { scriptError } from './errors';
import * as events from './events';
import type { EditSpec, TriggerOutcome } from './events';
import { ForwardingCounter, type AuthModeName, type ExecutionKind } from './execution';
import { buildGlobals, type ServiceGlobals } from './globals';
import { Bundle, type BundleInstance } from './loader';
import { UiLog } from './ui';
import { PropertyStore, PropertyStores, type PropertyStoresJSON } from './properties';
import { CacheStore, CacheStores } from './cache';
import { LockTable } from './lock';
import { TriggerStore } from './triggers';
import { Mailbox, type SentMail } from './mail';
import { UrlFetchLog, type FetchRequest, type UrlFetchHandler } from './urlfetch';
import type { AccountKind } from './quotas';
import { LogBook } from './logger';
import { EmulatedSpreadsheet, type SpreadsheetJSON } from './spreadsheet';
import type { ScriptRunNull } from './bridge';
import { checkManifest, readManifest, ScopeLedger, type Manifest } from './scopes';
import { resolveWorlds, type Worlds } from './switches';
import { StateSnapshot } from './snapshot';

export interface EmulatorOptions {
  /** Spreadsheet and user locale, e.g. 'fr_CA' or 'en_US' (default 'en_US'). */
  locale?: string;
  /** Script and spreadsheet time zone (default: appsscript.json's, America/Toronto). */
  timeZone?: string;
  /** Start of the emulated clock (default: the real now). */
  now?: Date | string;
  /** The user who runs things by default (default 'owner@example.com'). */
  user?: string;
  /** Where HtmlService and loadBundle look for the built files (default: <repo>/dist). */
  distDir?: string;
  spreadsheet?: EmulatedSpreadsheet;
  /**
   * Restores what exportState() saved (workbook, properties, triggers, clock), or a snapshot()
   * (the same, faster when restored many times).
   */
  state?: EmulatorState | StateSnapshot;
  /** Print Logger and console output to stderr (default false: only recorded). */
  printLogs?: boolean;
  /**
   * The account's quotas (emulator/quotas.ts): 'consumer' (default, gmail.com: 100 mail
   * recipients and 20,000 URL fetches a day) or 'workspace' (1,500 and 100,000).
   */
  account?: AccountKind;
  /** Daily mail recipients per user, overriding the account's figure. */
  mailQuota?: number;
  /**
   * The manifest (appsscript.json) whose `oauthScopes` calls are held to (see scopes.ts), for
   * every bundle loaded: overrides the appsscript.json loadBundle reads next to the bundle; null:
   * no manifest. Default: loadBundle reads it, loadBundleCode has none.
   */
  manifest?: Manifest | null;
  /**
   * The worlds of the switches where the reference is silent (switches.ts); unset switches take
   * EMULATOR_WORLDS, then the default. A `spreadsheet` given keeps its own unless this is set.
   */
  worlds?: Partial<Worlds>;
  /**
   * Whether a user's edit also fires the installable change triggers, with changeType 'EDIT'.
   * The change event's reference lists EDIT among its change types
   * (https://developers.google.com/apps-script/guides/triggers/events, "Change"), while
   * ScriptApp.EventType.ON_CHANGE calls a new value in a cell "an edit instead of a change"
   * (https://developers.google.com/apps-script/reference/script/event-type): the sources
   * disagree, so both worlds are modelled. The bench turns it on (the stricter world: both
   * triggers run, each an execution counted against the daily trigger runtime) and
   * test/integration/triggerTime.test.ts runs the product in it; default false, the world
   * the other tests were written in, which see one outcome per edit trigger.
   */
  changeOnEdit?: boolean;
  /**
   * Whether ScriptApp.getUserTriggers(spreadsheet) also lists the user's time-driven triggers
   * created in that spreadsheet (the reference is silent: triggers.ts). Default false.
   */
  clockTriggersInUserTriggers?: boolean;
  /**
   * Measure the CPU the emulator spends inside service calls (`calls.measure(…).serviceCpuMs`):
   * the bench subtracts it from an operation's CPU to price the product's own JavaScript. Off by
   * default: its two process.cpuUsage reads per call were 3 % of the test suite's time.
   */
  measureServiceCpu?: boolean;
}

/** What a copy made with File › Make a copy keeps (Emulator.copySpreadsheet). */
export interface CopyOptions {
  /**
   * 'copy' (default): the document's properties travel with the copy. Google does not say
   * whether they do; this is the stricter assumption for a product (a copy may believe what the
   * original's properties say). 'drop': the copy starts with none.
   */
  documentProperties?: 'copy' | 'drop';
  /** The person who makes the copy and runs things in it by default (default: the same). */
  user?: string;
}

/**
 * One workbook of the project: the bound spreadsheet, or another one in which the same project
 * runs (an add-on is one project for every workbook it is used in). Each has its own document
 * properties, document cache and document lock.
 */
export interface Workbook {
  spreadsheet: EmulatedSpreadsheet;
  documentProperties: PropertyStore;
  documentCache: CacheStore;
}

/** How a bundle given as code is loaded. */
export interface BundleCodeOptions {
  /** The file name stack traces show (default 'Code.js'). */
  filename?: string;
  /** Its manifest (default: the emulator's `manifest` option, else none). */
  manifest?: Manifest | null;
}

/**
 * What outlives an execution in Apps Script, as JSON: the workbook, the property stores and the
 * installed triggers, with the clock. Caches, locks, mails and logs are not kept (a cache may be
 * evicted at any time; the rest is history, not state).
 */
export interface EmulatorState {
  version: 1;
  now: string;
  spreadsheet: SpreadsheetJSON;
  properties: PropertyStoresJSON;
  triggers: ReturnType<TriggerStore['toJSON']>;
}

interface InterleaveHook {
  kind: string | RegExp;
  action: () => void;
  remaining: number;
  only: string | undefined;
  running?: boolean;
}

/** The text of a run stopped for running too long. */
export const EXECUTION_TIME_EXCEEDED = 'Exceeded maximum execution time';
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;
export const EXECUTION_LIMIT_MS = 6 * 60_000;

let executionSeq = 0;
let copySeq = 0;
// emulator → the repository root (CommonJS under jest and tsx; the cwd otherwise).
const REPO_ROOT = typeof __dirname === 'string' ? path.resolve(__dirname, '..') : process.cwd();

/**
 * One run of script code. It has its own service objects (its user, its locks) and, once it runs
 * bundle code, its own fresh global scope. Ending it releases its locks, as the end of a real
 * execution does. Several can be open at once to test contention.
 */
export class Execution {
  readonly id = `exec-${++executionSeq}`;
  readonly counter: ForwardingCounter;
  readonly globals: ServiceGlobals;
  readonly startedAt: number;
  /** The workbook the execution runs in (the active spreadsheet, its document properties…). */
  readonly spreadsheetId: string;
  /** What the services allow (permissions.ts): LIMITED for a simple trigger, else FULL. */
  readonly authMode: AuthModeName;
  /** Depth of bundle calls in progress (time limits apply only while script code runs). */
  running = 0;
  private instance: BundleInstance | null = null;
  private ended = false;

  constructor(
    private readonly emulator: Emulator,
    readonly user: string,
    readonly kind: ExecutionKind,
    readonly effectiveUser: string = user,
    opts: { spreadsheetId?: string; authMode?: AuthModeName } = {},
  ) {
    this.spreadsheetId = opts.spreadsheetId ?? emulator.spreadsheet.id;
    this.authMode = opts.authMode ?? (kind === 'simpleTrigger' ? 'LIMITED' : 'FULL');
    this.counter = new ForwardingCounter(
      emulator.calls,
      (kind) => emulator.serviceCalled(this, kind),
      (kind) => emulator.scopes.check(kind),
    );
    this.startedAt = emulator.clock.millis();
    this.globals = emulator.buildGlobals(this);
  }

  /** Calls a top-level function of the loaded bundle inside this execution. */
  run(name: string, ...args: unknown[]): unknown {
    if (this.ended) throw new Error(`Emulator: ${this.id} has ended`);
    const fn = this.functions()[name];
    // The text Apps Script shows when a menu or trigger names a missing function.
    if (!fn) throw scriptError(`Script function not found: ${name}`);
    if (this.running === 0) this.emulator.entryPointRuns.push({ name, kind: this.kind });
    this.running++;
    try {
      const result = fn(...args);
      this.emulator.checkTimeLimit(this);
      return result;
    } finally {
      this.running--;
    }
  }

  has(name: string): boolean {
    return name in this.functions();
  }

  /** The bundle's functions if this execution has already loaded it (templates see them). */
  loadedFunctions(): BundleInstance['functions'] {
    return this.instance?.functions ?? {};
  }

  functions(): BundleInstance['functions'] {
    if (!this.instance) this.instance = this.emulator.requireBundle().instantiate(this.globals);
    return this.instance.functions;
  }

  /** Reads the workbook without counting calls (to build event objects). */
  uncounted<T>(fn: () => T): T {
    return this.counter.uncounted(fn);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.emulator.locks.releaseAll(this.id);
  }
}

export class Emulator {
  readonly calls: CallCounter;
  readonly clock: Clock;
  readonly spreadsheet: EmulatedSpreadsheet;
  readonly ui = new UiLog();
  readonly properties = new PropertyStores();
  readonly caches = new CacheStores();
  readonly locks = new LockTable();
  readonly triggers = new TriggerStore();
  readonly mailbox: Mailbox;
  /** See EmulatorOptions.changeOnEdit. */
  changeOnEdit: boolean;
  readonly urlFetch: UrlFetchLog;
  readonly logs: LogBook;
  readonly user: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly distDir: string;
  /** The switches' worlds in force (switches.ts), shared with the spreadsheet. */
  readonly worlds: Worlds;
  /**
   * The fidelity table and the manifest's scopes, applied to every counted call; also records
   * the kinds called, so a test can ask which declared scopes the run needed (scopes.ts).
   */
  readonly scopes = new ScopeLedger();
  private manifestInUse: Manifest | null = null;
  private readonly manifestOption: Manifest | null | undefined;
  private bundle: Bundle | null = null;
  private names: string[] | null = null;
  private readonly options: EmulatorOptions;
  /** Workbooks other than the first (addWorkbook), by spreadsheet id. */
  private readonly otherWorkbooks = new Map<string, Workbook>();
  /**
   * Users whose address the services do not give: Session.getActiveUser() and
   * getEffectiveUser() return a User whose getEmail() is '' ("the email address is not
   * available in some contexts", https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()).
   */
  readonly hiddenEmails = new Set<string>();
  readonly clockTriggersInUserTriggers: boolean;

  constructor(opts: EmulatorOptions = {}) {
    this.options = opts;
    this.calls = new CallCounter(opts.measureServiceCpu ? processCpuMicros : null);
    this.clockTriggersInUserTriggers = opts.clockTriggersInUserTriggers ?? false;
    this.clock = new Clock(opts.now ?? Date.now());
    this.user = opts.user ?? 'owner@example.com';
    this.timeZone = opts.timeZone ?? 'America/Toronto';
    this.locale = opts.locale ?? 'en_US';
    this.distDir = opts.distDir ?? path.join(REPO_ROOT, 'dist');
    this.worlds =
      opts.worlds || !opts.spreadsheet ? resolveWorlds(opts.worlds) : opts.spreadsheet.worlds;
    this.caches.valueLimit = Number(this.worlds.cacheValueLimit);
    this.mailbox = new Mailbox(opts.mailQuota, opts.account, this.worlds.mailQuotaCounts);
    this.changeOnEdit = opts.changeOnEdit ?? false;
    this.urlFetch = new UrlFetchLog(opts.account);
    this.logs = new LogBook(opts.printLogs ?? false);
    this.manifestOption =
      opts.manifest === undefined || opts.manifest === null
        ? opts.manifest
        : checkManifest(opts.manifest);
    const snapshot = opts.state instanceof StateSnapshot ? opts.state : null;
    const json = opts.state instanceof StateSnapshot ? undefined : opts.state;
    const state = snapshot ? snapshot.rest : json;
    this.spreadsheet = snapshot
      ? snapshot.spreadsheet(this.worlds)
      : json
        ? EmulatedSpreadsheet.fromJSON(json.spreadsheet, this.worlds)
        : (opts.spreadsheet ??
          new EmulatedSpreadsheet({
            locale: this.locale,
            timeZone: this.timeZone,
            worlds: this.worlds,
          }));
    this.spreadsheet.worlds = this.worlds;
    if (state) {
      if (state.version !== 1)
        throw new Error(`Emulator: unknown state version ${String(state.version)}`);
      this.clock.set(state.now);
      this.properties.load(state.properties);
      this.triggers.load(state.triggers);
    }
  }

  /** The first workbook (the bound spreadsheet), or the one added with that id. */
  workbook(spreadsheetId?: string): Workbook {
    if (spreadsheetId === undefined || spreadsheetId === this.spreadsheet.id)
      return {
        spreadsheet: this.spreadsheet,
        documentProperties: this.properties.document,
        documentCache: this.caches.document,
      };
    const other = this.otherWorkbooks.get(spreadsheetId);
    if (!other) throw new Error(`Emulator: no workbook ${spreadsheetId}`);
    return other;
  }

  /**
   * Another workbook in which this same project runs, as an add-on runs in every workbook of
   * the people who installed it: its own spreadsheet, document properties, document cache and
   * document lock; the project's triggers, script and user properties shared. Run code in it
   * with execution(user, kind, user, { spreadsheetId }) or runIn / fireOpen's options.
   */
  addWorkbook(opts: { locale?: string; timeZone?: string } = {}): EmulatedSpreadsheet {
    const spreadsheet = new EmulatedSpreadsheet({
      locale: opts.locale ?? this.locale,
      timeZone: opts.timeZone ?? this.timeZone,
    });
    this.otherWorkbooks.set(spreadsheet.id, {
      spreadsheet,
      documentProperties: new PropertyStore(),
      documentCache: new CacheStore(),
    });
    return spreadsheet;
  }

  /**
   * File › Make a copy of the bound spreadsheet: a new spreadsheet (new id, the same sheets and
   * values) bound to a copy of the script, that is a new project: "triggers … are not persistent
   * in copies of the bound Sheet, though the script itself is"
   * (https://developers.google.com/apps-script/guides/triggers/installable, restrictions), so
   * the copy has none; its document properties are copied unless `documentProperties: 'drop'`
   * (Google does not say: see CopyOptions); script properties go with the script; user
   * properties, caches, locks, mail and logs start empty (a new project, a new document). The
   * bundle loaded here is loaded in the copy too. The copy's clock starts at this one's now.
   */
  copySpreadsheet(opts: CopyOptions = {}): Emulator {
    const json = structuredClone(this.spreadsheet.toJSON());
    const spreadsheet = EmulatedSpreadsheet.fromJSON(json);
    spreadsheet.id = `${this.spreadsheet.id}-copy${++copySeq}`;
    const copy = new Emulator({
      ...this.options,
      state: undefined,
      spreadsheet,
      now: this.clock.now(),
      user: opts.user ?? this.user,
    });
    const properties = this.properties.toJSON();
    copy.properties.load({
      script: properties.script,
      document: opts.documentProperties === 'drop' ? {} : properties.document,
      users: {},
    });
    if (this.bundle) copy.loadBundleSource(this.bundle, this.manifestInUse);
    return copy;
  }

  /** This state, held to be restored many times (createEmulator({ state: snapshot })). */
  snapshot(): StateSnapshot {
    return StateSnapshot.ofLive(this.spreadsheet, {
      version: 1,
      now: this.clock.now().toISOString(),
      properties: this.properties.toJSON(),
      triggers: this.triggers.toJSON(),
    });
  }

  /** The state to save between preview sessions (see EmulatorState). */
  exportState(): EmulatorState {
    return {
      version: 1,
      now: this.clock.now().toISOString(),
      spreadsheet: this.spreadsheet.toJSON(),
      properties: this.properties.toJSON(),
      triggers: this.triggers.toJSON(),
    };
  }

  get mails(): SentMail[] {
    return this.mailbox.sent;
  }

  /** Spreadsheet.toast() calls, recorded by the spreadsheet emulator on the document. */
  get toasts(): EmulatedSpreadsheet['toasts'] {
    return this.spreadsheet.toasts;
  }

  get urlFetches(): FetchRequest[] {
    return this.urlFetch.requests;
  }

  setUrlFetchHandler(handler: UrlFetchHandler | null): void {
    this.urlFetch.handler = handler;
  }

  /**
   * Opens an execution; call end() when done (run/runAs do it for you). `opts.spreadsheetId`:
   * the workbook it runs in (default the first); `opts.authMode`: its authorization mode
   * (default LIMITED for a simple trigger, else FULL).
   */
  execution(
    user: string = this.user,
    kind: ExecutionKind = 'editor',
    effectiveUser = user,
    opts: { spreadsheetId?: string; authMode?: AuthModeName } = {},
  ): Execution {
    return new Execution(this, user, kind, effectiveUser, opts);
  }

  /** The services of a fresh editor execution, to call them from a test directly. */
  globals(user: string = this.user): ServiceGlobals {
    return this.execution(user).globals;
  }

  /**
   * Loads the built bundle (default <distDir>/Code.js) and returns its top-level functions, each
   * of which runs in a new execution as the default user. Its manifest is the appsscript.json
   * next to it (scripts/build.mjs copies it to dist/), unless the `manifest` option says
   * otherwise: with `oauthScopes`, calls are held to them.
   */
  loadBundle(
    file: string = path.join(this.distDir, 'Code.js'),
  ): Record<string, (...args: unknown[]) => unknown> {
    if (!existsSync(file)) throw new Error(`Emulator: no bundle at ${file} (run npm run build)`);
    const manifest =
      this.manifestOption !== undefined
        ? this.manifestOption
        : readManifest(path.join(path.dirname(file), 'appsscript.json'));
    return this.loadBundleSource(Bundle.fromFile(file), manifest);
  }

  /**
   * Loads bundle code given as a string (tests use tiny fake bundles); the second argument is
   * its file name or { filename, manifest }.
   */
  loadBundleCode(
    code: string,
    opts: string | BundleCodeOptions = {},
  ): Record<string, (...args: unknown[]) => unknown> {
    const o = typeof opts === 'string' ? { filename: opts } : opts;
    const manifest =
      o.manifest !== undefined
        ? o.manifest && checkManifest(o.manifest)
        : (this.manifestOption ?? null);
    return this.loadBundleSource(new Bundle(code, o.filename ?? 'Code.js'), manifest);
  }

  /** The manifest of the loaded bundle (null: none, nothing is enforced). */
  get manifest(): Manifest | null {
    return this.manifestInUse;
  }

  protected loadBundleSource(
    bundle: Bundle,
    manifest: Manifest | null,
  ): Record<string, (...args: unknown[]) => unknown> {
    this.bundle = bundle;
    this.names = null;
    this.manifestInUse = manifest;
    this.scopes.useManifest(manifest);
    return Object.fromEntries(
      this.functionNames().map((n) => [n, (...args: unknown[]) => this.run(n, ...args)]),
    );
  }

  requireBundle(): Bundle {
    if (!this.bundle) throw new Error('Emulator: no bundle loaded (call loadBundle first)');
    return this.bundle;
  }

  /** The names of the loaded bundle's top-level functions (found once per bundle). */
  functionNames(): string[] {
    if (!this.names) {
      const probe = this.execution();
      try {
        this.names = this.requireBundle().functionNames(probe.globals as Record<string, unknown>);
      } finally {
        probe.end();
      }
    }
    return [...this.names];
  }

  run(name: string, ...args: unknown[]): unknown {
    return this.runAs(this.user, name, ...args);
  }

  runAs(user: string, name: string, ...args: unknown[]): unknown {
    return this.runIn(this.execution(user), name, args);
  }

  /** Runs name(...args) in a new execution of the given kind, then ends it. */
  runIn(exec: Execution, name: string, args: unknown[]): unknown {
    try {
      return exec.run(name, ...args);
    } finally {
      exec.end();
    }
  }

  /** Invokes a menu item by its caption path ("Fiche Client > Client form") as the user. */
  clickMenu(pathOrCaption: string, user: string = this.user): unknown {
    const items = this.ui.menuItems();
    const item =
      items.find((i) => i.path === pathOrCaption) ??
      items.find((i) => i.path.endsWith(` > ${pathOrCaption}`));
    if (!item) throw new Error(`Emulator: no menu item "${pathOrCaption}"`);
    return this.runAs(user, item.functionName);
  }

  /** Runs every time-driven trigger that is due at the emulated now, each once. */
  fireTimeTriggers(): TriggerOutcome[] {
    return events.fireTimeTriggers(this);
  }

  /** Moves the clock to `when`, firing time-driven triggers as their times come. */
  advanceTo(when: Date | string): TriggerOutcome[] {
    return events.advanceTo(this, when);
  }

  /**
   * The user opens the spreadsheet: simple onOpen(e), then installable on-open triggers.
   * `opts.authMode`: the simple trigger's (default LIMITED, a bound script's; NONE: an add-on
   * not yet used in this document; FULL: as onInstall calls it); `opts.spreadsheetId`: which
   * workbook (default the first).
   */
  fireOpen(
    user: string = this.user,
    opts: { authMode?: AuthModeName; spreadsheetId?: string } = {},
  ): TriggerOutcome[] {
    return events.fireOpen(this, user, opts);
  }

  /** A user edits cells: simple onEdit(e), then installable on-edit triggers (see events.ts). */
  fireEdit(spec: EditSpec): TriggerOutcome[] {
    return events.fireEdit(this, spec);
  }

  /** A structural change (insert row, …): installable on-change triggers only. */
  fireChange(
    changeType: string,
    user: string = this.user,
    spreadsheetId?: string,
  ): TriggerOutcome[] {
    return events.fireChange(this, changeType, user, spreadsheetId);
  }

  /**
   * A person drags column `from` of a sheet to before column `to` (1-based, as numbered before
   * the move), then the triggers get what the columnMoveChange world says (switches.ts).
   */
  moveColumnByHand(
    sheet: string,
    from: number,
    to: number,
    user: string = this.user,
  ): TriggerOutcome[] {
    return events.moveColumnByHand(this, sheet, from, to, user);
  }

  private readonly hooks: InterleaveHook[] = [];

  /**
   * Interleaving at service-call boundaries. The next time an execution (optionally: only
   * `opts.execution`) makes a call of `kind` ("Range.setValues", or a RegExp), `action`
   * runs right there, before that call does its work, as if another execution had been
   * scheduled at that moment; then the first execution continues. `occurrence` picks the n-th
   * matching call (default 1st). The hook fires once (it is removed before the action runs, so
   * the action's own calls do not re-trigger it). This is how tests put a second user's
   * save between a first user's read and write, or probe a lock while it is held.
   * (A thread-based scheduler could run both truly in parallel; see lock.ts.)
   */
  at(
    kind: string | RegExp,
    action: () => void,
    opts: { occurrence?: number; execution?: Execution } = {},
  ): void {
    this.hooks.push({ kind, action, remaining: opts.occurrence ?? 1, only: opts.execution?.id });
  }

  /**
   * Called by every execution's counter: runs the hooks that match, then stops a script that
   * has run past its time limit on the emulated clock (lock waits, Utilities.sleep, or a test
   * advancing the clock in a hook): 30 s for a simple trigger, 6 min otherwise
   * (https://developers.google.com/apps-script/guides/triggers#restrictions,
   * https://developers.google.com/apps-script/guides/services/quotas).
   */
  serviceCalled(exec: Execution, kind: string): void {
    this.runHooks(exec, kind);
    if (exec.running > 0) this.checkTimeLimit(exec);
  }

  /** Throws when the execution has run longer than it may (also checked when it returns). */
  checkTimeLimit(exec: Execution): void {
    const limit = exec.kind === 'simpleTrigger' ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS;
    if (this.clock.millis() - exec.startedAt > limit) throw scriptError(EXECUTION_TIME_EXCEEDED);
  }

  private runHooks(exec: Execution, kind: string): void {
    for (const hook of [...this.hooks]) {
      if (hook.running || (hook.only !== undefined && hook.only !== exec.id)) continue;
      const matches = typeof hook.kind === 'string' ? hook.kind === kind : hook.kind.test(kind);
      if (!matches || --hook.remaining > 0) continue;
      this.hooks.splice(this.hooks.indexOf(hook), 1);
      hook.running = true;
      hook.action();
    }
  }

  /** Trigger runs that threw, in order. */
  readonly triggerFailures: TriggerOutcome[] = [];

  /**
   * Every bundle function started as an entry point (a run, a menu item, a trigger, a
   * google.script.run call), in order, with the kind of execution that ran it.
   */
  readonly entryPointRuns: { name: string; kind: ExecutionKind }[] = [];

  /**
   * google.script.run results the page received as null because they held a Date or another
   * value the bridge cannot carry (bridge.ts): a server function returning one is a bug the
   * page cannot see.
   */
  readonly scriptRunNulls: ScriptRunNull[] = [];

  /** Builds the service objects of one execution. */
  buildGlobals(exec: Execution): ServiceGlobals {
    return buildGlobals(this, exec);
  }
}
