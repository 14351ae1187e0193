/**
 * Labelled form controls bound to the record being edited. Each control's visible
 * `<label for>` is the workbook header of its column; its error line sits right under it.
 * The record is the state: inputs write into it on every change, so switching tabs (which
 * only hides panels) loses nothing.
 */
import type { FormTab, Lang } from '../shared/contract';
import type { FieldError } from '../shared/formApi';
import { t } from '../shared/i18n';
import { fieldId, h } from './dom';

export type TabKey = FormTab;
export const TAB_KEYS: readonly TabKey[] = ['general', 'terms', 'salespeople', 'crm'];

interface FieldSlot {
  input: HTMLElement;
  error: HTMLElement;
  tab: TabKey;
}

/** Where each field's control and error line are, by record path ('terms.creditLimit'). */
export class FieldRegistry {
  private readonly slots = new Map<string, FieldSlot>();

  add(path: string, slot: FieldSlot): void {
    this.slots.set(path, slot);
  }

  /** Forgets the fields under a prefix (rows being re-rendered). */
  forget(prefix: string): void {
    for (const path of [...this.slots.keys()]) if (path.startsWith(prefix)) this.slots.delete(path);
  }

  /** Marks a field (or the first of a list's) holding a change kept over a reload. */
  markKept(prefix: string): void {
    for (const [path, slot] of this.slots)
      if (path === prefix || path.startsWith(`${prefix}.`)) slot.input.classList.add('kept-change');
  }

  clearErrors(prefix = ''): void {
    for (const [path, slot] of this.slots) {
      if (!path.startsWith(prefix)) continue;
      slot.error.textContent = '';
      slot.error.hidden = true;
      slot.input.removeAttribute('aria-invalid');
    }
  }

  /**
   * Shows each error under its field. Returns the first field shown (to switch to its tab and
   * focus it) and the errors that name no field (shown in the status line).
   */
  showErrors(errors: readonly FieldError[]): {
    first?: FieldSlot;
    unplaced: FieldError[];
    /** The tabs holding a field with an error now. */
    tabs: Set<TabKey>;
  } {
    this.clearErrors();
    let first: FieldSlot | undefined;
    const unplaced: FieldError[] = [];
    for (const error of errors) {
      const slot = this.slotFor(error.path);
      if (!slot) {
        unplaced.push(error);
        continue;
      }
      // Two errors may land on one group: keep the first.
      if (!slot.error.hidden) continue;
      slot.error.textContent = error.message;
      slot.error.hidden = false;
      slot.input.setAttribute('aria-invalid', 'true');
      first ??= slot;
    }
    return { first, unplaced, tabs: this.tabsWithErrors() };
  }

  /** The field of a path, or of its nearest parent ('crm.tags.3' → the tags group). */
  private slotFor(path: string): FieldSlot | undefined {
    for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const slot = this.slots.get(p);
      if (slot) return slot;
    }
    return undefined;
  }

  tabsWithErrors(): Set<TabKey> {
    const tabs = new Set<TabKey>();
    for (const slot of this.slots.values())
      if (slot.input.getAttribute('aria-invalid') === 'true') tabs.add(slot.tab);
    return tabs;
  }
}

export interface FieldCtx {
  lang: Lang;
  /** Today in the spreadsheet's time zone (FormOpenResult.today). */
  today: string;
  tab: TabKey;
  registry: FieldRegistry;
  /** Called after every edit (dirty tracking). */
  changed(): void;
}

interface FieldSpec {
  path: string;
  /** The visible label: the workbook header. */
  label: string;
  /** Accessible name when the label alone is ambiguous (repeated rows: "Vendeur 2"). */
  ariaLabel?: string;
  readOnly?: boolean;
  hint?: string;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function wrap(ctx: FieldCtx, spec: FieldSpec, control: Control, checkbox = false): HTMLElement {
  const id = fieldId(spec.path);
  control.id = id;
  const errorId = `${id}-err`;
  const hintId = `${id}-hint`;
  control.setAttribute('aria-describedby', spec.hint ? `${errorId} ${hintId}` : errorId);
  if (spec.ariaLabel) control.setAttribute('aria-label', spec.ariaLabel);
  if (spec.readOnly) {
    if (control instanceof HTMLSelectElement || checkbox) control.disabled = true;
    else control.readOnly = true;
  }
  const label = h('label', { for: id }, spec.label);
  const error = h('div', { class: 'error', id: errorId, hidden: true });
  const hint = spec.hint ? h('div', { class: 'secondary hint', id: hintId }, spec.hint) : null;
  ctx.registry.add(spec.path, { input: control, error, tab: ctx.tab });
  return checkbox
    ? h('div', { class: 'field check' }, control, label, error)
    : h('div', { class: 'field' }, label, control, hint, error);
}

export function textField(
  ctx: FieldCtx,
  spec: FieldSpec & {
    get(): string;
    set(value: string): void;
    multiline?: boolean;
    type?: 'text' | 'email' | 'tel';
    placeholder?: string;
    maxLength?: number;
    /**
     * A Quebec / Canadian format (src/shared/formats.ts): the value in its format, or why it
     * is refused. Applied as the person leaves the field; a value the sheet holds is shown as
     * it is, with the reason next to it.
     */
    format?: (value: string) => { ok: true; value: string } | { ok: false; message: string };
    /** Suggestions (a datalist): value and the name shown beside it. */
    suggestions?: readonly Option[];
  },
): HTMLElement {
  const control = spec.multiline
    ? h('textarea', { rows: 3 })
    : h('input', { type: spec.type ?? 'text', autocomplete: 'off' });
  control.value = spec.get();
  if (spec.placeholder) control.placeholder = spec.placeholder;
  if (spec.maxLength) control.maxLength = spec.maxLength;
  const listId = `${fieldId(spec.path)}-list`;
  if (spec.suggestions && control instanceof HTMLInputElement) control.setAttribute('list', listId);
  const warning = h('div', { class: 'warning', role: 'status' });
  const loaded = control.value;
  const check = (): void => {
    const result = spec.format?.(control.value);
    warning.textContent =
      result && !result.ok
        ? control.value === loaded
          ? t('formatWarning', ctx.lang, { msg: result.message })
          : result.message
        : '';
  };
  check();
  control.addEventListener('input', () => {
    spec.set(control.value);
    check();
    ctx.changed();
  });
  control.addEventListener('change', () => {
    const result = spec.format?.(control.value);
    if (!result?.ok || result.value === control.value || control.value === loaded) return;
    control.value = result.value;
    spec.set(result.value);
    check();
    ctx.changed();
  });
  const field = wrap(ctx, spec, control);
  if (spec.format) field.append(warning);
  if (spec.suggestions)
    field.append(
      h(
        'datalist',
        { id: listId },
        ...spec.suggestions.map((o) => h('option', { value: o.value, label: o.label })),
      ),
    );
  return field;
}

/** Reads a number as typed in the user's language: fr "1 234,5", en "1,234.5"; '' = null. */
export function parseNumber(text: string, lang: Lang): number | null {
  let s = text.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  s = lang === 'fr' ? s.replace(',', '.') : s.replace(/,/g, '');
  // Number('') is 0 and Number('0x1F') is 31: accept plain decimals only.
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
}

export function formatNumber(value: number | null, lang: Lang): string {
  if (value === null || Number.isNaN(value)) return '';
  const s = String(value);
  return lang === 'fr' ? s.replace('.', ',') : s;
}

export function numberField(
  ctx: FieldCtx,
  spec: FieldSpec & { get(): number | null; set(value: number | null): void; placeholder?: string },
): HTMLElement {
  // type=text + inputmode: type=number would silently turn "12,5" into '' in an English browser.
  const control = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  control.value = formatNumber(spec.get(), ctx.lang);
  if (spec.placeholder) control.placeholder = spec.placeholder;
  control.addEventListener('input', () => {
    spec.set(parseNumber(control.value, ctx.lang));
    ctx.changed();
  });
  return wrap(ctx, spec, control);
}

export function dateField(
  ctx: FieldCtx,
  spec: FieldSpec & { get(): string | null; set(value: string | null): void },
): HTMLElement {
  const control = h('input', { type: 'date' });
  control.value = spec.get() ?? '';
  control.addEventListener('input', () => {
    spec.set(control.value === '' ? null : control.value);
    ctx.changed();
  });
  return wrap(ctx, spec, control);
}

export interface Option {
  value: string;
  label: string;
}

export function selectField(
  ctx: FieldCtx,
  spec: FieldSpec & { options: readonly Option[]; get(): string; set(value: string): void },
): HTMLElement {
  const control = h('select');
  const current = spec.get();
  const options = [...spec.options];
  // A value typed by hand in the sheet but missing from the list stays visible and kept, with
  // a warning (as the sheet's data validation warns): a salesperson missing from Lists may be a
  // typo that would still earn commissions.
  const stray = !options.some((o) => o.value === current);
  if (stray) options.push({ value: current, label: current });
  for (const o of options) control.append(h('option', { value: o.value }, o.label));
  control.value = current;
  const warn = stray && current !== '' ? t('notInList', ctx.lang, { value: current }) : '';
  const field = wrap(ctx, { ...spec, hint: [spec.hint, warn].filter(Boolean).join(' ') }, control);
  const hint = field.querySelector<HTMLElement>('.hint');
  if (warn && hint) hint.classList.add('warning');
  control.addEventListener('change', () => {
    spec.set(control.value);
    if (warn && hint) hint.hidden = control.value !== current;
    ctx.changed();
  });
  return field;
}

export function checkField(
  ctx: FieldCtx,
  spec: FieldSpec & { get(): boolean; set(value: boolean): void },
): HTMLElement {
  const control = h('input', { type: 'checkbox' });
  control.checked = spec.get();
  control.addEventListener('change', () => {
    spec.set(control.checked);
    ctx.changed();
  });
  return wrap(ctx, spec, control, true);
}

/** A computed value: a read-only input, so it is labelled, focusable and copyable. */
export function outputField(
  ctx: FieldCtx,
  spec: { path: string; label: string; value: string; hint?: string; multiline?: boolean },
): HTMLElement {
  const control = spec.multiline
    ? h('textarea', { class: 'computed', rows: 2 })
    : h('input', { type: 'text', class: 'computed' });
  control.value = spec.value;
  return wrap(ctx, { ...spec, readOnly: true }, control);
}

/**
 * A field fed by a Lists column: free text with the list as suggestions (a datalist). The
 * workbook's own dropdowns accept other values with a warning, and a fresh workbook has no
 * salespeople yet: a closed select would make the first agreement impossible to enter.
 */
export function listField(
  ctx: FieldCtx,
  spec: FieldSpec & {
    values: readonly string[];
    get(): string;
    set(value: string): void;
    placeholder?: string;
  },
): HTMLElement {
  const listId = `${fieldId(spec.path)}-list`;
  const control = h('input', { type: 'text', list: listId, autocomplete: 'off' });
  control.value = spec.get();
  if (spec.placeholder) control.placeholder = spec.placeholder;
  // Warned, not refused (as the sheet's data validation does): a value missing from Lists may
  // be a typo, e.g. a salesperson who would then earn commissions under another name.
  const warning = h('div', { class: 'warning', role: 'status' });
  const known = new Set(spec.values.map((v) => v.trim().toLowerCase()));
  const check = (): void => {
    const v = control.value.trim();
    warning.textContent =
      v !== '' && !known.has(v.toLowerCase()) ? t('notInList', ctx.lang, { value: v }) : '';
  };
  check();
  control.addEventListener('input', () => {
    spec.set(control.value);
    check();
    ctx.changed();
  });
  const field = wrap(ctx, spec, control);
  field.append(
    warning,
    h('datalist', { id: listId }, ...spec.values.map((v) => h('option', { value: v }))),
  );
  return field;
}
