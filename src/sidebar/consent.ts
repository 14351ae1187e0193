/**
 * CRM tab: the newsletter consent record (CASL) next to the Infolettre box, and its warning
 * when an implied consent is older than two years (src/domain/consent.ts).
 */
import { CHOICES, choiceLabel } from '../shared/contract';
import { fieldLabel, t } from '../shared/i18n';
import type { CrmFields } from '../shared/formApi';
import { impliedConsentLastDay, isImpliedConsentExpired } from '../domain/consent';
import { h } from './dom';
import type { FieldCtx } from './fields';
import { checkField, dateField, selectField, textField } from './fields';

export function consentGroup(ctx: FieldCtx, crm: CrmFields): HTMLElement {
  const { lang } = ctx;
  // The server leaves blank optional fields out; the form always sends them, so that a ticked
  // newsletter is validated against its consent record (before the dirty-check snapshot).
  crm.consentType ??= '';
  crm.consentDate ??= null;
  crm.consentSource ??= '';
  const label = (key: string) => fieldLabel('clients', key, lang);
  const warning = h('div', { class: 'warning', role: 'status', id: 'consent-warning' });
  const refresh = () => {
    const consent = { consentType: crm.consentType ?? '', consentDate: crm.consentDate ?? null };
    const expired = isImpliedConsentExpired(consent, ctx.today);
    warning.hidden = !expired;
    warning.textContent = expired
      ? t('consentExpired', lang, { day: impliedConsentLastDay(consent.consentDate!) })
      : '';
  };
  const changed = ctx.changed;
  const watch: FieldCtx = {
    ...ctx,
    changed: () => {
      refresh();
      changed();
    },
  };
  const group = h(
    'fieldset',
    { class: 'group consent' },
    h('legend', {}, t('consentGroup', lang)),
    checkField(watch, {
      path: 'crm.newsletter',
      label: label('newsletter'),
      get: () => crm.newsletter,
      set: (v) => (crm.newsletter = v),
    }),
    selectField(watch, {
      path: 'crm.consentType',
      label: label('consentType'),
      options: [
        { value: '', label: t('none', lang) },
        ...CHOICES.consentType.map((o) => ({
          value: o.value,
          label: choiceLabel('consentType', o.value, lang),
        })),
      ],
      get: () => crm.consentType ?? '',
      set: (v) => (crm.consentType = v === 'express' || v === 'implied' ? v : ''),
    }),
    dateField(watch, {
      path: 'crm.consentDate',
      label: label('consentDate'),
      get: () => crm.consentDate ?? null,
      set: (v) => (crm.consentDate = v),
    }),
    textField(watch, {
      path: 'crm.consentSource',
      label: label('consentSource'),
      placeholder: t('consentSourcePlaceholder', lang),
      get: () => crm.consentSource ?? '',
      set: (v) => (crm.consentSource = v),
    }),
    warning,
  );
  refresh();
  return group;
}
