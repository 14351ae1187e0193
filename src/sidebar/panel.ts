/**
 * A tab's fields, drawn from the contract (src/shared/formFields.ts): each column with a `form`
 * spec gets the widget of its kind (text, number, date, tick, dropdown list, choice, tags),
 * labelled with its header, bound to its place in the record; a computed one is shown
 * read-only. Fields are drawn in sheet order, a field with `after` right after that one, and
 * the fields of a `group` together in the box GROUPS draws. What a tab's module adds by hand:
 * decorations (a placeholder, a read-only code) and the widgets the contract marks 'custom'
 * (the compiler asks for each).
 */
import {
  CHOICES,
  choiceLabel,
  choiceShown,
  type ColumnsOf,
  type FormGroup,
  type FormTab,
} from '../shared/contract';
import type { FormSheet } from '../shared/formApi';
import { blankOf, FORM_FIELDS, isBlank, type FormField } from '../shared/formFields';
import { fieldLabel, t } from '../shared/i18n';
import { formatField, PROVINCES } from '../shared/formats';
import { consentGroup } from './consent';
import { fieldId, h } from './dom';
import {
  checkField,
  dateField,
  formatNumber,
  listField,
  numberField,
  outputField,
  selectField,
  textField,
  type FieldCtx,
} from './fields';
import { formatInstant, formatMoney } from './format';
import type { PanelData } from './panelTypes';

type TabColumn<T extends FormTab> =
  ColumnsOf<FormSheet> extends infer C ? (C extends { form: { tab: T } } ? C : never) : never;

/** The keys of a tab's fields. */
export type FieldKey<T extends FormTab> = TabColumn<T>['key'];
/** The keys of a tab's fields drawn by hand (contract: widget 'custom'). */
export type CustomKey<T extends FormTab> = Extract<
  TabColumn<T>,
  { form: { widget: 'custom' } }
>['key'];

/** What a tab adds to a field's widget. */
export interface Decor {
  placeholder?: string;
  readOnly?: boolean;
  /** The label of a choice's blank option ('' by default). */
  blankLabel?: string;
  /** A choice whose blank means this value (Status: blank = active): no blank option. */
  blankAs?: string;
  /** A computed field: the text shown when it is blank, or not shown at all. */
  blankText?: string;
  hideBlank?: boolean;
}

export interface TabSpec<T extends FormTab> {
  decor?: { [K in FieldKey<T>]?: Decor };
  /** Every 'custom' field of the tab: a missing one does not compile. */
  custom: { [K in CustomKey<T>]: (ctx: FieldCtx, data: PanelData) => HTMLElement };
}

/**
 * The boxes of grouped fields; `members` draws the group's fields with the context given (the
 * consent box watches its fields' changes).
 */
const GROUPS: Record<
  FormGroup,
  (ctx: FieldCtx, data: PanelData, members: (ctx: FieldCtx) => HTMLElement[]) => HTMLElement | null
> = {
  pair: (ctx, _data, members) => h('div', { class: 'pair' }, ...members(ctx)),
  billing: (ctx, _data, members) =>
    h('fieldset', { class: 'group' }, h('legend', {}, t('billing', ctx.lang)), ...members(ctx)),
  consent: (ctx, data, members) => consentGroup(ctx, data.record.crm, members),
  habits: (ctx, _data, members) => h('div', { class: 'habits-pair' }, ...members(ctx)),
  // Updated at / by: nothing to show before the first save.
  stamps: (ctx, data, members) =>
    data.isNew ? null : h('div', { class: 'computed-group' }, ...members(ctx)),
};

/** Where a field's value is, and how it is named. */
interface Place {
  target: Record<string, unknown>;
  path: string;
  /** Accessible name when the label alone is ambiguous (repeated rows: "Vendeur 2"). */
  aria?: string;
}

/**
 * The widgets of `fields` in the tab's order, grouped. `place` says where each field's value
 * is in the record.
 */
export function drawFields<T extends FormTab>(
  ctx: FieldCtx,
  data: PanelData,
  fields: readonly FormField[],
  place: (field: FormField) => Place,
  spec: TabSpec<T>,
): HTMLElement[] {
  const order = inOrder(fields);
  const draw = (c: FieldCtx, field: FormField) => drawField(c, data, field, place(field), spec);
  const out: HTMLElement[] = [];
  const drawn = new Set<FormGroup>();
  for (const field of order) {
    const group = field.column.form.group;
    if (!group) {
      const widget = draw(ctx, field);
      if (widget) out.push(widget);
      continue;
    }
    if (drawn.has(group)) continue;
    drawn.add(group);
    const members = order.filter((f) => f.column.form.group === group);
    const box = GROUPS[group](ctx, data, (c) =>
      members.flatMap((f) => {
        const widget = draw(c, f);
        return widget ? [widget] : [];
      }),
    );
    if (box) out.push(box);
  }
  return out;
}

/** A tab's own fields (not the repeated rows), from the record's sections. */
export function tabFields<T extends Exclude<FormTab, 'salespeople'>>(
  ctx: FieldCtx,
  data: PanelData,
  tab: T,
  spec: TabSpec<T>,
): HTMLElement[] {
  const fields = FORM_FIELDS.filter((f) => f.column.form.tab === tab);
  const record = data.record as unknown as Record<string, Record<string, unknown>>;
  return drawFields(
    ctx,
    data,
    fields,
    (f) => ({ target: record[f.section]!, path: `${f.section}.${f.column.key}` }),
    spec,
  );
}

/** Sheet order, each field with `after` moved right after that field (chains allowed). */
function inOrder(fields: readonly FormField[]): FormField[] {
  const out = fields.filter((f) => !f.column.form.after);
  let pending = fields.filter((f) => f.column.form.after);
  while (pending.length > 0) {
    const left = pending.filter((f) => {
      const at = out.findIndex((o) => o.column.key === f.column.form.after);
      if (at < 0) return true;
      out.splice(at + 1, 0, f);
      return false;
    });
    // An anchor that is not on this tab: at the end rather than lost.
    if (left.length === pending.length) return [...out, ...left];
    pending = left;
  }
  return out;
}

function drawField<T extends FormTab>(
  ctx: FieldCtx,
  data: PanelData,
  field: FormField,
  { target, path, aria }: Place,
  spec: TabSpec<T>,
): HTMLElement | null {
  const { column, sheet } = field;
  const key = column.key as FieldKey<T>;
  const custom = (spec.custom as Record<string, TabSpec<T>['custom'][CustomKey<T>]>)[key];
  if (column.form.widget === 'custom' && custom) return custom(ctx, data);
  const decor: Decor = spec.decor?.[key] ?? {};
  const label = fieldLabel(sheet, column.key, ctx.lang);
  const base = { path, label, ariaLabel: aria && `${label} ${aria}`, readOnly: decor.readOnly };
  const value = target[column.key];

  if (field.section === 'computed') {
    const shown = shownValue(field, value, ctx);
    if (shown === '' && decor.hideBlank) return null;
    return outputField(ctx, {
      path,
      label,
      value: shown || (decor.blankText ?? ''),
      multiline: column.form.widget === 'textarea',
    });
  }
  // The server leaves a blank optional field out; the form always sends it back.
  if (value === undefined) target[column.key] = blankOf(column);
  const set = (v: unknown) => (target[column.key] = v);

  if (column.multi) return tagGroup(ctx, data, path, label, target, column.key, column.list);
  switch (column.kind) {
    case 'checkbox':
      return checkField(ctx, { ...base, get: () => target[column.key] === true, set });
    case 'number':
    case 'money':
    case 'percent':
      return numberField(ctx, {
        ...base,
        placeholder: decor.placeholder,
        get: () => target[column.key] as number | null,
        // A blank required number stays NaN in the record: the schema says it is missing.
        set: (v) => set(v ?? (column.required ? NaN : null)),
      });
    case 'date': {
      // Computed from Invoices when the client has invoices, typed by hand otherwise.
      const computed = column.fromInvoices && data.record.computed.hasInvoices;
      return dateField(ctx, {
        ...base,
        readOnly: base.readOnly || computed,
        hint: computed ? t('computedFromInvoices', ctx.lang) : undefined,
        get: () => (target[column.key] as string | null) ?? null,
        set: (v) => set(v ?? (column.required ? '' : null)),
      });
    }
    case 'choice': {
      const choices = column.choices ? CHOICES[column.choices] : [];
      return selectField(ctx, {
        ...base,
        options: [
          ...(column.required || decor.blankAs !== undefined
            ? []
            : [{ value: '', label: decor.blankLabel ?? '' }]),
          ...choices.map((o) => ({
            value: o.value,
            // The languages show as "Français" / "English"; the cells keep "fr" / "en".
            label: choiceShown(column.choices!, o.value, ctx.lang),
          })),
        ],
        get: () => String(target[column.key] || decor.blankAs || ''),
        set,
      });
    }
    case 'list':
      return listField(ctx, {
        ...base,
        values: column.list ? data.lists[column.list] : [],
        placeholder: decor.placeholder,
        get: () => String(target[column.key] ?? ''),
        set,
      });
    default: {
      const multiline = column.form.widget === 'textarea';
      const type =
        column.form.widget === 'email' || column.form.widget === 'tel'
          ? column.form.widget
          : 'text';
      return textField(ctx, {
        ...base,
        multiline,
        type,
        placeholder: decor.placeholder,
        maxLength: multiline ? undefined : column.max,
        get: () => String(target[column.key] ?? ''),
        set,
        ...(column.format && {
          // The client's country as it is now in the form: a postal code is Canadian in Canada.
          format: (value: string) => {
            const r = formatField(column.format!, value, String(target.country ?? ''));
            return r.ok ? r : { ok: false as const, message: t(r.problem, ctx.lang) };
          },
        }),
        ...(column.format === 'province' && {
          suggestions: PROVINCES.map((p) => ({ value: p.code, label: p[ctx.lang] })),
        }),
      });
    }
  }
}

/** A computed value as shown: in the user's language; '' when blank. */
function shownValue(field: FormField, value: unknown, ctx: FieldCtx): string {
  const { column } = field;
  if (column.kind === 'checkbox') return value === true ? t('yes', ctx.lang) : t('no', ctx.lang);
  if (isBlank(value)) return '';
  if (column.kind === 'money') return formatMoney(value as number, ctx.lang);
  if (column.instant) return formatInstant(String(value), ctx.lang);
  if (typeof value === 'number') return formatNumber(value, ctx.lang);
  if (column.choices) return choiceLabel(column.choices, String(value), ctx.lang);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A multi-value list (tags): one tick per value of the list, plus any the client has that the list lost. */
function tagGroup(
  ctx: FieldCtx,
  data: PanelData,
  path: string,
  legend: string,
  target: Record<string, unknown>,
  key: string,
  list: FormField['column']['list'],
): HTMLElement {
  const values = list ? data.lists[list] : [];
  const held = (target[key] as string[] | undefined) ?? [];
  const all = [...values, ...held.filter((x) => !values.includes(x))];
  const boxes = all.map((value, i) => {
    const id = `${fieldId(path)}-${i}`;
    const box = h('input', { type: 'checkbox', id, value });
    box.checked = held.includes(value);
    box.addEventListener('change', () => {
      target[key] = all.filter((_, j) => boxes[j]?.checked);
      ctx.changed();
    });
    return box;
  });
  const errorId = `${fieldId(path)}-err`;
  const error = h('div', { class: 'error', id: errorId, hidden: true });
  const group = h(
    'fieldset',
    { class: 'group tags', 'aria-describedby': errorId },
    h('legend', {}, legend),
    ...boxes.map((box) =>
      h('div', { class: 'field check' }, box, h('label', { for: box.id }, box.value)),
    ),
    error,
  );
  ctx.registry.add(path, { input: group, error, tab: ctx.tab });
  return group;
}
