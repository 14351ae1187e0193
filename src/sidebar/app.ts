/**
 * The client form: one client at a time, edited in place in `state.record`; opened, switched,
 * created and saved with one google.script.run call each.
 */
import { isInactive, type Lang } from '../shared/contract';
import type {
  ClientRecord,
  ClientSummary,
  FieldError,
  FormOpenResult,
  SaveResult,
} from '../shared/formApi';
import { t } from '../shared/i18n';
import { newClientRecord, validateSaveRequest } from '../shared/schemas';
import { crmPanel } from './crm';
import { clear, fieldId, h } from './dom';
import type { TabKey } from './fields';
import { FieldRegistry, TAB_KEYS } from './fields';
import { createFinder } from './finder';
import { FORM_FIELDS, isBlank } from '../shared/formFields';
import { setTimeZone } from './format';
import { generalPanel } from './general';
import type { PanelData } from './panelTypes';
import { salespeoplePanel } from './salespeople';
import { callServer } from './server';
import { createTabs } from './tabs';
import { termsPanel } from './terms';
import { failureParts } from './failure';

const BUILDERS: Record<TabKey, typeof generalPanel> = {
  general: generalPanel,
  terms: termsPanel,
  salespeople: salespeoplePanel,
  crm: crmPanel,
};

/** JSON with NaN kept distinct from null: a half-typed number is a change. */
function serialize(record: ClientRecord): string {
  return JSON.stringify(record, (_k, v: unknown) =>
    typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v,
  );
}

function clone(record: ClientRecord): ClientRecord {
  return JSON.parse(JSON.stringify(record)) as ClientRecord;
}

/** The form's elements (built once; the panels are filled again for each client). */
interface Layout {
  finder: ReturnType<typeof createFinder>;
  newButton: HTMLButtonElement;
  title: HTMLElement;
  banner: HTMLElement;
  confirmBar: HTMLElement;
  tabs: ReturnType<typeof createTabs>;
  saveButton: HTMLButtonElement;
  unsavedNote: HTMLElement;
  status: HTMLElement;
}

/** What the user can do from the layout's controls. */
interface LayoutActions {
  openClient(code: string): void;
  newClient(): void;
  save(): void;
  /** The type-ahead found nothing: ask the server for the list again. */
  refreshClients(): void;
}

/** The list is asked again at most this often on misses, and this often while the form is open. */
const MISS_REFRESH_MS = 15_000;
const PERIODIC_REFRESH_MS = 5 * 60_000;

/** Builds the form's layout into `root` and wires its controls to `actions`. */
function buildLayout(root: HTMLElement, lang: Lang, actions: LayoutActions): Layout {
  const finder = createFinder(
    lang,
    (code) => actions.openClient(code),
    () => actions.refreshClients(),
  );
  const newButton = h('button', { type: 'button', class: 'create' }, t('newClient', lang));
  newButton.addEventListener('click', () => actions.newClient());
  const title = h('h1', { class: 'title' });
  const banner = h('div', { class: 'banner', role: 'status', hidden: true });
  const confirmBar = h('div', {
    class: 'confirm',
    role: 'alertdialog',
    'aria-labelledby': 'confirm-text',
    hidden: true,
  });
  confirmBar.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    confirmBar.hidden = true; // Escape = keep editing
    clear(confirmBar);
  });
  const tabs = createTabs(
    {
      general: t('tabGeneral', lang),
      terms: t('tabTerms', lang),
      salespeople: t('tabSalespeople', lang),
      crm: t('tabCrm', lang),
    },
    t('formTabs', lang),
  );
  const saveButton = h('button', { type: 'button', class: 'action' }, t('save', lang));
  saveButton.addEventListener('click', () => actions.save());
  const unsavedNote = h('span', { class: 'unsaved secondary', hidden: true }, t('unsaved', lang));
  const status = h('div', { class: 'status', 'aria-live': 'polite' });

  clear(root);
  root.append(
    h('div', { class: 'top' }, finder.element, h('div', { class: 'top-actions' }, newButton)),
    title,
    banner,
    confirmBar,
    tabs.tablist,
    ...TAB_KEYS.map((k) => tabs.panels[k]),
    h('div', { class: 'bar' }, saveButton, unsavedNote, status),
  );
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      actions.save();
    }
  });
  return { finder, newButton, title, banner, confirmBar, tabs, saveButton, unsavedNote, status };
}

/** The client being edited, and what it was when shown (to tell unsaved changes). */
interface Editing {
  record: ClientRecord;
  isNew: boolean;
  /** serialize(record) when shown. */
  snapshot: string;
  /** The client as loaded: the save sends it so the server writes only what the user changed. */
  original: ClientRecord | null;
  registry: FieldRegistry;
}

/** The client form: one client at a time, its layout, and the server calls it makes. */
class ClientForm {
  private readonly lang: Lang;
  private readonly clients: ClientSummary[];
  private nextCode: string;
  private editing: Editing;
  private readonly ui: Layout;

  constructor(
    private readonly root: HTMLElement,
    private readonly boot: FormOpenResult,
  ) {
    this.lang = boot.lang;
    setTimeZone(boot.timeZone);
    document.documentElement.lang = this.lang;
    this.clients = [...boot.clients];
    this.nextCode = boot.nextCode;
    this.editing = {
      record: newClientRecord(this.nextCode, this.lang),
      isNew: true,
      snapshot: '',
      original: null,
      registry: new FieldRegistry(),
    };
    this.ui = buildLayout(root, this.lang, {
      openClient: (code) => this.guard(() => void this.openClient(code)),
      newClient: () => this.guard(() => this.newClient()),
      save: () => void this.save(),
      refreshClients: () => void this.refreshClients(),
    });
    this.ui.finder.setClients(this.clients);
  }

  private listAskedAt = 0;
  private listAsking = false;

  /**
   * The type-ahead's list again from the server (decision 021: a client a colleague created since
   * the form opened is found): on a miss at most every MISS_REFRESH_MS, and every
   * PERIODIC_REFRESH_MS while the page is shown. One call, failures ignored (the list stays).
   */
  private async refreshClients(minAge = MISS_REFRESH_MS): Promise<void> {
    if (this.listAsking || Date.now() - this.listAskedAt < minAge) return;
    this.listAsking = true;
    this.listAskedAt = Date.now();
    try {
      const { clients } = await callServer('formClients');
      this.clients.splice(0, this.clients.length, ...clients);
      this.ui.finder.setClients(this.clients);
    } catch {
      // Unreachable for now: the list the form has stays; the next miss asks again.
    } finally {
      this.listAsking = false;
    }
  }

  start(): void {
    window.setInterval(() => {
      if (document.visibilityState === 'visible') void this.refreshClients(PERIODIC_REFRESH_MS);
    }, PERIODIC_REFRESH_MS);
    if (this.boot.record) this.render(this.boot.record, false, this.boot.problems ?? []);
    else this.newClient();
  }

  // ---------------------------------------------------------------- rendering

  /** `problems`: cells of the sheet that cannot be read, said next to their fields. */
  private render(next: ClientRecord, isNew: boolean, problems: readonly FieldError[] = []): void {
    const record = clone(next);
    const registry = new FieldRegistry();
    this.editing = { record, isNew, snapshot: '', original: isNew ? null : clone(next), registry };
    const { lang, boot } = this;
    const { tabs, title } = this.ui;
    const data: PanelData = { record, lists: boot.lists, defaults: boot.defaults, isNew };
    for (const key of TAB_KEYS) {
      const ctx = {
        lang,
        today: boot.today,
        tab: key,
        registry,
        changed: () => this.showDirty(),
      };
      clear(tabs.panels[key]);
      tabs.panels[key].append(BUILDERS[key](ctx, data));
    }
    tabs.markErrors(new Set());
    title.textContent = isNew
      ? `${t('newClientTitle', lang)}`
      : `${record.general.code} — ${record.general.name}`;
    this.showWatchBanner(record);
    this.editing.snapshot = serialize(record);
    this.showDirty();
    if (problems.length > 0) tabs.markErrors(registry.showErrors(problems).tabs);
  }

  private showWatchBanner(record: ClientRecord): void {
    const { banner } = this.ui;
    const c = record.computed;
    clear(banner);
    banner.hidden = !c.watched;
    if (c.watched) {
      banner.append(h('strong', {}, t('watchBanner', this.lang)));
      if (c.watchReasons) banner.append(h('div', {}, c.watchReasons));
    }
  }

  private showDirty(): void {
    this.ui.unsavedNote.hidden = !this.isDirty();
  }

  private isDirty(): boolean {
    return serialize(this.editing.record) !== this.editing.snapshot;
  }

  private setBusy(busy: boolean): void {
    this.ui.saveButton.disabled = busy;
    this.ui.newButton.disabled = busy;
    this.ui.finder.setDisabled(busy);
    this.root.setAttribute('aria-busy', String(busy));
  }

  private say(kind: 'info' | 'ok' | 'error', ...parts: (string | Node)[]): void {
    const { status } = this.ui;
    clear(status);
    status.className = `status ${kind}`;
    status.append(...parts);
  }

  /** Runs `action` now, or after the user agrees to drop unsaved changes. */
  private guard(action: () => void): void {
    if (!this.isDirty()) {
      action();
      return;
    }
    const { lang } = this;
    const { confirmBar } = this.ui;
    const discard = h('button', { type: 'button', class: 'action' }, t('discard', lang));
    const keep = h('button', { type: 'button' }, t('keepEditing', lang));
    const done = () => {
      confirmBar.hidden = true;
      clear(confirmBar);
    };
    discard.addEventListener('click', () => {
      done();
      action();
    });
    keep.addEventListener('click', done);
    clear(confirmBar);
    confirmBar.append(
      h('p', { id: 'confirm-text' }, t('unsavedConfirm', lang)),
      h('div', { class: 'confirm-actions' }, discard, keep),
    );
    confirmBar.hidden = false;
    discard.focus();
  }

  // ---------------------------------------------------------------- actions

  private newClient(): void {
    this.render(newClientRecord(this.nextCode, this.lang), true);
    this.ui.tabs.select('general');
    this.say('info', '');
    document.getElementById(fieldId('general.name'))?.focus();
  }

  private async openClient(code: string): Promise<void> {
    this.setBusy(true);
    this.say('info', t('loading', this.lang));
    try {
      const result = await callServer('formLoad', code);
      if ('error' in result) this.say('error', result.error);
      else {
        this.render(result.record, false, result.problems ?? []);
        this.say('info', '');
      }
    } catch (err) {
      this.say('error', ...failureParts(err, this.lang));
    } finally {
      this.setBusy(false);
    }
  }

  private showErrors(errors: readonly FieldError[]): void {
    const { registry } = this.editing;
    const { tabs } = this.ui;
    const { first, unplaced, tabs: flagged } = registry.showErrors(errors);
    tabs.markErrors(flagged);
    if (first) {
      tabs.select(first.tab);
      first.input.focus();
    }
    this.say('error', [t('fixErrors', this.lang), ...unplaced.map((e) => e.message)].join(' '));
  }

  /** Adds or renames the saved client in the finder's list. */
  private remember(saved: ClientRecord): void {
    const { clients } = this;
    const i = clients.findIndex((c) => c.code === saved.general.code);
    const summary = {
      code: saved.general.code,
      name: saved.general.name,
      ...(isInactive(saved.general.status) && { inactive: true }),
    };
    if (i >= 0) clients[i] = summary;
    else clients.push(summary);
    this.ui.finder.setClients(clients);
  }

  /**
   * Validates in the page (same zod schemas as the server), sends, then shows the answer.
   * `confirmInactive`: the person agreed to make inactive a client with an open balance.
   */
  private async save(confirmInactive = false): Promise<void> {
    if (this.ui.saveButton.disabled) return;
    const { record, isNew, original, registry } = this.editing;
    const autoCode = isNew && record.general.code === this.nextCode;
    const request = {
      record,
      isNew,
      autoCode,
      ...(original && { original }),
      ...(confirmInactive && { confirmInactive }),
    };
    const checked = validateSaveRequest(request, this.lang);
    if (!checked.ok) {
      this.showErrors(checked.errors);
      return;
    }
    registry.clearErrors();
    this.ui.tabs.markErrors(new Set());
    this.setBusy(true);
    this.say('info', t('saving', this.lang));
    let result: SaveResult;
    try {
      result = await callServer('formSave', checked.value);
    } catch (err) {
      this.say('error', ...failureParts(err, this.lang));
      this.setBusy(false);
      return;
    }
    this.setBusy(false);
    this.showSaveResult(result);
  }

  private showSaveResult(result: SaveResult): void {
    if (result.ok) {
      this.render(result.record, false);
      this.remember(result.record);
      if (result.nextCode) this.nextCode = result.nextCode;
      this.say('ok', result.message);
    } else if (result.kind === 'invalid') {
      this.showErrors(result.errors);
    } else if (result.kind === 'conflict') {
      this.showConflict(result);
    } else if (result.kind === 'confirm') {
      this.confirmInactive(result.message);
    } else {
      this.say('error', result.message);
    }
  }

  /** The server's question (the balance due, in the workbook's language): save again if agreed. */
  private confirmInactive(message: string): void {
    const { lang } = this;
    const { confirmBar } = this.ui;
    const agree = h('button', { type: 'button', class: 'action' }, t('makeInactive', lang));
    const keep = h('button', { type: 'button' }, t('keepEditing', lang));
    const done = () => {
      confirmBar.hidden = true;
      clear(confirmBar);
    };
    agree.addEventListener('click', () => {
      done();
      void this.save(true);
    });
    keep.addEventListener('click', () => {
      done();
      this.say('info', '');
    });
    clear(confirmBar);
    confirmBar.append(
      h('p', { id: 'confirm-text' }, message),
      h('div', { class: 'confirm-actions' }, agree, keep),
    );
    confirmBar.hidden = false;
    this.say('info', '');
    agree.focus();
  }

  private showConflict(result: Extract<SaveResult, { kind: 'conflict' }>): void {
    const { lang } = this;
    const reload = h('button', { type: 'button' }, t('reload', lang));
    reload.addEventListener('click', () => void this.reloadKeeping());
    // The server's message says who and when in the spreadsheet's zone (not the browser's),
    // or that the sheet was edited by hand, and names the fields; each with both values.
    const fields = (result.fields ?? []).map((f) =>
      h(
        'li',
        {},
        h('strong', {}, f.label),
        ` — ${t('theirs', lang)} : ${f.theirs || t('none', lang)} · ${t('yours', lang)} : ${f.yours || t('none', lang)}`,
      ),
    );
    this.say(
      'error',
      h('p', {}, result.message),
      ...(fields.length > 0 ? [h('ul', { class: 'conflict-fields' }, ...fields)] : []),
      h('p', {}, t('conflictReload', lang)),
      reload,
    );
    reload.focus();
  }

  /**
   * Recharger after a conflict: the client as now stored, with this person's unsaved changes
   * put back on top (marked, and still unsaved): fields they changed, and their rows when
   * nobody changed that list meanwhile (else their new rows are added to the stored ones).
   */
  /**
   * The client as stored (`fresh`) shown with the person's changes on top (`record`), marked and
   * unsaved; for each changed field a button takes the stored value instead. Keeping theirs is
   * saving; editing is typing.
   */
  private showKept(
    stored: Editing,
    record: ClientRecord,
    paths: readonly string[],
    problems: readonly FieldError[],
  ): void {
    const { lang } = this;
    const fresh = stored.record;
    this.render(record, false, problems);
    // Unsaved: what is shown differs from the client as stored.
    this.editing.original = stored.original;
    this.editing.snapshot = stored.snapshot;
    this.showDirty();
    for (const path of paths) this.editing.registry.markKept(path);
    const fields = paths.filter((p) => keptLabel(p, lang) !== '');
    if (fields.length === 0) {
      this.say('info', paths.length > 0 ? t('reloadedRows', lang) : t('reloaded', lang));
      return;
    }
    const buttons = fields.map((path) => {
      const button = h(
        'button',
        { type: 'button', class: 'take-theirs' },
        t('takeTheirs', lang, { field: keptLabel(path, lang) }),
      );
      button.addEventListener('click', () => {
        const [section, key] = path.split('.') as ['general' | 'terms' | 'crm', string];
        const next = clone(this.editing.record);
        (next[section] as Record<string, unknown>)[key] = (
          clone(fresh)[section] as Record<string, unknown>
        )[key];
        this.showKept(
          stored,
          next,
          paths.filter((p) => p !== path),
          problems,
        );
      });
      return button;
    });
    this.say(
      'info',
      h(
        'p',
        {},
        t('reloadedKept', lang, { fields: fields.map((p) => keptLabel(p, lang)).join(', ') }),
      ),
      h('div', { class: 'confirm-actions' }, ...buttons),
    );
  }

  private async reloadKeeping(): Promise<void> {
    const { record: mine, original } = this.editing;
    const code = mine.general.code;
    this.setBusy(true);
    this.say('info', t('loading', this.lang));
    try {
      const result = await callServer('formLoad', code);
      if ('error' in result) {
        this.say('error', result.error);
        return;
      }
      // Drawn once as stored: the form's own shape of it (blank optional fields filled in) is
      // what "unsaved" compares with.
      const problems = result.problems ?? [];
      this.render(result.record, false, problems);
      const stored = { ...this.editing, record: clone(this.editing.record) };
      const { record, kept } = keepChanges(
        stored.record,
        mine,
        original ?? result.record,
        this.lang,
      );
      this.showKept(stored, record, kept.paths, problems);
    } catch (err) {
      this.say('error', ...failureParts(err, this.lang));
    } finally {
      this.setBusy(false);
    }
  }
}

/** The label of a field kept over a reload ('general.city' → Ville); '' for a list of rows. */
function keptLabel(path: string, lang: Lang): string {
  const [section, key] = path.split('.');
  const field = FORM_FIELDS.find((f) => f.section === section && f.column.key === key);
  return field ? field.column[lang] : '';
}

/** The fields (by section) the form edits one by one; lists of rows are handled apart. */
const SCALAR_SECTIONS = ['general', 'terms', 'crm'] as const;
const ROW_LISTS = ['salespeople', 'discussions', 'emails'] as const;

/**
 * `fresh` with what changed from `original` to `mine` put back: each changed field, and each
 * list of rows the person changed (whole when the stored list is still as loaded, else their
 * added rows only).
 */
export function keepChanges(
  fresh: ClientRecord,
  mine: ClientRecord,
  original: ClientRecord,
  lang: Lang,
): { record: ClientRecord; kept: { paths: string[]; labels: string[] } } {
  const copy = <T>(x: T): T => (x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T));
  const record = clone(fresh);
  const paths: string[] = [];
  const labels: string[] = [];
  // A blank optional field the form filled in ('' for an absent one) is no change.
  const same = (a: unknown, b: unknown) =>
    (isBlank(a) && isBlank(b)) || JSON.stringify(a) === JSON.stringify(b);
  for (const section of SCALAR_SECTIONS) {
    const to = record[section] as Record<string, unknown>;
    const from = mine[section] as Record<string, unknown>;
    const was = original[section] as Record<string, unknown>;
    for (const key of Object.keys(from)) {
      if ((ROW_LISTS as readonly string[]).includes(key) || same(from[key], was[key])) continue;
      to[key] = copy(from[key]);
      paths.push(`${section}.${key}`);
      const field = FORM_FIELDS.find((f) => f.column.key === key && f.section === section);
      labels.push(field ? field.column[lang] : key);
    }
  }
  const lists = (r: ClientRecord) => ({
    salespeople: r.salespeople as { origin?: number }[],
    discussions: r.crm.discussions as { origin?: number }[],
    emails: r.crm.emails as { origin?: number }[],
  });
  const out = lists(record);
  for (const name of ROW_LISTS) {
    const m = lists(mine)[name];
    const o = lists(original)[name];
    if (same(m, o)) continue;
    const next = same(out[name], o)
      ? m
      : [...out[name], ...m.filter((e) => e.origin === undefined)];
    if (name === 'salespeople') record.salespeople = copy(next) as ClientRecord['salespeople'];
    else if (name === 'discussions')
      record.crm.discussions = copy(next) as ClientRecord['crm']['discussions'];
    else record.crm.emails = copy(next) as ClientRecord['crm']['emails'];
    paths.push(name === 'salespeople' ? 'salespeople' : `crm.${name}`);
  }
  return { record, kept: { paths, labels } };
}

export function startForm(root: HTMLElement, boot: FormOpenResult): void {
  new ClientForm(root, boot).start();
}
