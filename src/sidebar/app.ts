/**
 * The client form: one client at a time, edited in place in `state.record`; opened, switched,
 * created and saved with one google.script.run call each.
 */
import type { Lang } from '../shared/contract';
import type {
  ClientRecord,
  ClientSummary,
  FieldError,
  FormOpenResult,
  SaveResult,
} from '../shared/formApi';
import { t } from '../shared/i18n';
import { emptyClientRecord, validateSaveRequest } from '../shared/schemas';
import { crmPanel } from './crm';
import { clear, fieldId, h } from './dom';
import type { TabKey } from './fields';
import { FieldRegistry, TAB_KEYS } from './fields';
import { createFinder } from './finder';
import { formatInstant } from './format';
import { generalPanel } from './general';
import type { PanelData } from './panelTypes';
import { salespeoplePanel } from './salespeople';
import { callServer } from './server';
import { createTabs } from './tabs';
import { termsPanel } from './terms';

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

export function startForm(root: HTMLElement, boot: FormOpenResult): void {
  const lang: Lang = boot.lang;
  document.documentElement.lang = lang;
  const clients: ClientSummary[] = [...boot.clients];
  let nextCode = boot.nextCode;
  let record = emptyClientRecord(nextCode);
  let isNew = true;
  let snapshot = '';
  /** The client as loaded: the save sends it so the server writes only what the user changed. */
  let original: ClientRecord | null = null;
  let registry = new FieldRegistry();

  // ---------------------------------------------------------------- layout
  const finder = createFinder(lang, (code) => guard(() => void openClient(code)));
  const newButton = h('button', { type: 'button', class: 'create' }, t('newClient', lang));
  newButton.addEventListener('click', () => guard(newClient));
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
  saveButton.addEventListener('click', () => void save());
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
  finder.setClients(clients);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  });

  // ---------------------------------------------------------------- rendering
  function render(next: ClientRecord, nextIsNew: boolean): void {
    record = clone(next);
    original = nextIsNew ? null : clone(next);
    isNew = nextIsNew;
    registry = new FieldRegistry();
    const data: PanelData = { record, lists: boot.lists, defaults: boot.defaults, isNew };
    for (const key of TAB_KEYS) {
      const ctx = { lang, tab: key, registry, changed: showDirty };
      clear(tabs.panels[key]);
      tabs.panels[key].append(BUILDERS[key](ctx, data));
    }
    tabs.markErrors(new Set());
    title.textContent = isNew
      ? `${t('newClientTitle', lang)}`
      : `${record.general.code} — ${record.general.name}`;
    const c = record.computed;
    clear(banner);
    banner.hidden = !c.watched;
    if (c.watched) {
      banner.append(h('strong', {}, t('watchBanner', lang)));
      if (c.watchReasons) banner.append(h('div', {}, c.watchReasons));
    }
    snapshot = serialize(record);
    showDirty();
  }

  function showDirty(): void {
    unsavedNote.hidden = !isDirty();
  }

  function isDirty(): boolean {
    return serialize(record) !== snapshot;
  }

  function setBusy(busy: boolean): void {
    saveButton.disabled = busy;
    newButton.disabled = busy;
    finder.setDisabled(busy);
    root.setAttribute('aria-busy', String(busy));
  }

  function say(kind: 'info' | 'ok' | 'error', ...parts: (string | Node)[]): void {
    clear(status);
    status.className = `status ${kind}`;
    status.append(...parts);
  }

  /** Runs `action` now, or after the user agrees to drop unsaved changes. */
  function guard(action: () => void): void {
    if (!isDirty()) {
      action();
      return;
    }
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

  function newClient(): void {
    render(emptyClientRecord(nextCode), true);
    tabs.select('general');
    say('info', '');
    document.getElementById(fieldId('general.name'))?.focus();
  }

  async function openClient(code: string): Promise<void> {
    setBusy(true);
    say('info', t('loading', lang));
    try {
      const result = await callServer('formLoad', code);
      if ('error' in result) say('error', result.error);
      else {
        render(result.record, false);
        say('info', '');
      }
    } catch (err) {
      say('error', t('serverError', lang, { msg: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  function showErrors(errors: readonly FieldError[]): void {
    const { first, unplaced } = registry.showErrors(errors);
    tabs.markErrors(registry.tabsWithErrors());
    if (first) {
      tabs.select(first.tab);
      first.input.focus();
    }
    say('error', [t('fixErrors', lang), ...unplaced.map((e) => e.message)].join(' '));
  }

  function remember(saved: ClientRecord): void {
    const i = clients.findIndex((c) => c.code === saved.general.code);
    const summary = { code: saved.general.code, name: saved.general.name };
    if (i >= 0) clients[i] = summary;
    else clients.push(summary);
    finder.setClients(clients);
  }

  async function save(): Promise<void> {
    if (saveButton.disabled) return;
    const autoCode = isNew && record.general.code === nextCode;
    const request = original ? { record, isNew, autoCode, original } : { record, isNew, autoCode };
    const checked = validateSaveRequest(request, lang);
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    registry.clearErrors();
    tabs.markErrors(new Set());
    setBusy(true);
    say('info', t('saving', lang));
    let result: SaveResult;
    try {
      result = await callServer('formSave', checked.value);
    } catch (err) {
      say('error', t('serverError', lang, { msg: (err as Error).message }));
      setBusy(false);
      return;
    }
    setBusy(false);
    if (result.ok) {
      render(result.record, false);
      remember(result.record);
      if (result.nextCode) nextCode = result.nextCode;
      say('ok', result.message);
    } else if (result.kind === 'invalid') {
      showErrors(result.errors);
    } else if (result.kind === 'conflict') {
      const code = record.general.code;
      const reload = h('button', { type: 'button' }, t('reload', lang));
      reload.addEventListener('click', () => void openClient(code));
      // Another form's save names who and when; a hand edit in the sheet has neither, and the
      // server's message names the fields instead.
      const what = result.by
        ? t('conflict', lang, { by: result.by, at: formatInstant(result.at, lang) })
        : result.message;
      say('error', h('p', {}, what), h('p', {}, t('conflictReload', lang)), reload);
      reload.focus();
    } else {
      say('error', result.message);
    }
  }

  // ---------------------------------------------------------------- start
  if (boot.record) render(boot.record, false);
  else newClient();
}
