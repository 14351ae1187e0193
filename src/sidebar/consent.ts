/**
 * CRM tab: the newsletter consent record (CASL) next to the Infolettre box, and its warning
 * when an implied consent is older than two years (src/domain/consent.ts). The box of the
 * contract's 'consent' group (src/sidebar/panel.ts): its fields are drawn from the contract.
 */
import { t } from '../shared/i18n';
import type { CrmFields } from '../shared/formApi';
import { impliedConsentLastDay, isImpliedConsentExpired } from '../domain/consent';
import { h } from './dom';
import type { FieldCtx } from './fields';

export function consentGroup(
  ctx: FieldCtx,
  crm: CrmFields,
  members: (ctx: FieldCtx) => HTMLElement[],
): HTMLElement {
  const { lang } = ctx;
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
    ...members(watch),
    warning,
  );
  refresh();
  return group;
}
