/** Tab "Vendeurs / Salespeople": the client's commission agreements (Commissions sheet). */
import { CHOICES, choiceLabel } from '../shared/contract';
import type { AgreementFields } from '../shared/formApi';
import { fieldLabel, t } from '../shared/i18n';
import type { FieldCtx } from './fields';
import { listField, numberField, selectField } from './fields';
import type { PanelData } from './panelTypes';
import { repeatable } from './rows';

export function salespeoplePanel(ctx: FieldCtx, data: PanelData): HTMLElement {
  const { lang } = ctx;
  const label = (key: string) => fieldLabel('commissions', key, lang);
  return repeatable<AgreementFields>(ctx, {
    prefix: 'salespeople',
    items: data.record.salespeople,
    legend: (n) => t('agreementN', lang, { n }),
    addLabel: t('addAgreement', lang),
    empty: t('noAgreement', lang),
    create: () => ({ salesperson: '', commissionType: 'sales', ratePct: NaN, productType: '' }),
    fields: (row, i, n) => [
      listField(ctx, {
        path: `salespeople.${i}.salesperson`,
        label: label('salesperson'),
        ariaLabel: `${label('salesperson')} ${n}`,
        values: data.lists.salespeople,
        get: () => row.salesperson,
        set: (v) => (row.salesperson = v),
      }),
      selectField(ctx, {
        path: `salespeople.${i}.commissionType`,
        label: label('commissionType'),
        ariaLabel: `${label('commissionType')} ${n}`,
        options: CHOICES.commissionType.map((o) => ({
          value: o.value,
          label: choiceLabel('commissionType', o.value, lang),
        })),
        get: () => row.commissionType,
        set: (v) => (row.commissionType = v as AgreementFields['commissionType']),
      }),
      numberField(ctx, {
        path: `salespeople.${i}.ratePct`,
        label: label('ratePct'),
        ariaLabel: `${label('ratePct')} ${n}`,
        get: () => (Number.isNaN(row.ratePct) ? null : row.ratePct),
        // A blank rate stays NaN in the record: the schema reports it as a missing number.
        set: (v) => (row.ratePct = v ?? NaN),
      }),
      listField(ctx, {
        path: `salespeople.${i}.productType`,
        label: label('productType'),
        ariaLabel: `${label('productType')} ${n}`,
        values: data.lists.productTypes,
        // Blank = the agreement covers every product type.
        placeholder: t('allProductTypes', lang),
        get: () => row.productType,
        set: (v) => (row.productType = v),
      }),
    ],
  });
}
