/**
 * Tab "Termes / Terms": credit, discount, accounts, invoice dates, watch and billing (Terms
 * sheet, and the watch status of Clients), drawn from the contract.
 */
import { t } from '../shared/i18n';
import { h } from './dom';
import type { FieldCtx } from './fields';
import type { PanelData } from './panelTypes';
import { tabFields } from './panel';

export function termsPanel(ctx: FieldCtx, data: PanelData): HTMLElement {
  const { lang } = ctx;
  const systemDefault = { placeholder: t('systemDefault', lang) };
  return h(
    'div',
    {},
    ...tabFields(ctx, data, 'terms', {
      decor: {
        termDays: { placeholder: t('defaultTerm', lang, { n: data.defaults.termDays }) },
        revenueAccount: systemDefault,
        taxCode: systemDefault,
        watchReasons: { hideBlank: true },
      },
      custom: {},
    }),
  );
}
