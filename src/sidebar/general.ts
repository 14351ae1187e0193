/** Tab "Général / General": identity and address (Clients sheet). */
import { CHOICES, choiceLabel } from '../shared/contract';
import { fieldLabel, t } from '../shared/i18n';
import { h } from './dom';
import type { FieldCtx } from './fields';
import { outputField, selectField, textField } from './fields';
import { formatInstant } from './format';
import type { PanelData } from './panelTypes';

export function generalPanel(ctx: FieldCtx, data: PanelData): HTMLElement {
  const g = data.record.general;
  const { lang } = ctx;
  const label = (key: string) => fieldLabel('clients', key, lang);
  const text = (
    key: 'contact' | 'phone' | 'address' | 'city' | 'province' | 'postalCode' | 'country',
    type: 'text' | 'tel' = 'text',
  ) =>
    textField(ctx, {
      path: `general.${key}`,
      label: label(key),
      type,
      get: () => g[key],
      set: (v) => (g[key] = v),
    });
  const c = data.record.computed;
  return h(
    'div',
    {},
    textField(ctx, {
      path: 'general.code',
      label: label('code'),
      // The code is the key of every sheet: it is chosen once, when the client is created.
      readOnly: !data.isNew,
      maxLength: 32,
      get: () => g.code,
      set: (v) => (g.code = v),
    }),
    textField(ctx, {
      path: 'general.name',
      label: label('name'),
      get: () => g.name,
      set: (v) => (g.name = v),
    }),
    selectField(ctx, {
      path: 'general.kind',
      label: label('kind'),
      options: [
        { value: '', label: '' },
        ...CHOICES.clientKind.map((o) => ({
          value: o.value,
          label: choiceLabel('clientKind', o.value, lang),
        })),
      ],
      get: () => g.kind,
      set: (v) => (g.kind = v as typeof g.kind),
    }),
    text('contact'),
    textField(ctx, {
      path: 'general.email',
      label: label('email'),
      type: 'email',
      get: () => g.email,
      set: (v) => (g.email = v),
    }),
    text('phone', 'tel'),
    text('address'),
    text('city'),
    text('province'),
    text('postalCode'),
    text('country'),
    selectField(ctx, {
      path: 'general.language',
      label: label('language'),
      options: [
        { value: '', label: '' },
        ...CHOICES.language.map((o) => ({ value: o.value, label: o[lang] })),
      ],
      get: () => g.language,
      set: (v) => (g.language = v as typeof g.language),
    }),
    data.isNew
      ? null
      : h(
          'div',
          { class: 'computed-group' },
          outputField(ctx, {
            path: 'computed.updatedAt',
            label: label('updatedAt'),
            value: formatInstant(c.updatedAt, lang),
          }),
          outputField(ctx, {
            path: 'computed.updatedBy',
            label: label('updatedBy'),
            value: c.updatedBy || t('none', lang),
          }),
        ),
  );
}
