/** Tab "Termes / Terms": credit, discount, accounts, invoice dates, watch and billing. */
import { fieldLabel, t } from '../shared/i18n';
import { h } from './dom';
import type { FieldCtx } from './fields';
import { checkField, dateField, listField, numberField, outputField, textField } from './fields';
import { formatMoney } from './format';
import type { PanelData } from './panelTypes';

type NumberKey = 'creditLimit' | 'termDays' | 'discountPct' | 'discountDays';
type CheckKey = 'emailInvoices' | 'poRequired' | 'taxExempt' | 'cashOnDelivery';

export function termsPanel(ctx: FieldCtx, data: PanelData): HTMLElement {
  const tr = data.record.terms;
  const c = data.record.computed;
  const { lang } = ctx;
  const label = (key: string) => fieldLabel('terms', key, lang);
  const num = (key: NumberKey, placeholder?: string) =>
    numberField(ctx, {
      path: `terms.${key}`,
      label: label(key),
      placeholder,
      get: () => tr[key],
      set: (v) => (tr[key] = v),
    });
  const systemDefault = (key: 'revenueAccount' | 'taxCode') =>
    textField(ctx, {
      path: `terms.${key}`,
      label: label(key),
      placeholder: t('systemDefault', lang),
      get: () => tr[key],
      set: (v) => (tr[key] = v),
    });
  // Computed from the Invoices sheet when the client has invoices, typed by hand otherwise.
  const invoiceDate = (key: 'lastInvoiceDate' | 'lastUnpaidInvoiceDate') =>
    dateField(ctx, {
      path: `terms.${key}`,
      label: label(key),
      readOnly: c.hasInvoices,
      hint: c.hasInvoices ? t('computedFromInvoices', lang) : undefined,
      get: () => tr[key],
      set: (v) => (tr[key] = v),
    });
  const check = (key: CheckKey) =>
    checkField(ctx, {
      path: `terms.${key}`,
      label: label(key),
      get: () => tr[key],
      set: (v) => (tr[key] = v),
    });

  return h(
    'div',
    {},
    listField(ctx, {
      path: 'terms.creditCode',
      label: label('creditCode'),
      values: data.lists.creditCodes,
      get: () => tr.creditCode,
      set: (v) => (tr.creditCode = v),
    }),
    num('creditLimit'),
    num('termDays', t('defaultTerm', lang, { n: data.defaults.termDays })),
    h('div', { class: 'pair' }, num('discountPct'), num('discountDays')),
    systemDefault('revenueAccount'),
    systemDefault('taxCode'),
    invoiceDate('lastInvoiceDate'),
    invoiceDate('lastUnpaidInvoiceDate'),
    outputField(ctx, {
      path: 'computed.balanceDue',
      label: label('balanceDue'),
      value: formatMoney(c.balanceDue, lang),
    }),
    outputField(ctx, {
      path: 'computed.watched',
      label: fieldLabel('clients', 'watched', lang),
      value: c.watched ? t('yes', lang) : t('no', lang),
    }),
    c.watchReasons
      ? outputField(ctx, {
          path: 'computed.watchReasons',
          label: fieldLabel('clients', 'watchReasons', lang),
          value: c.watchReasons,
          multiline: true,
        })
      : null,
    textField(ctx, {
      path: 'terms.watchReason',
      label: label('watchReason'),
      multiline: true,
      get: () => tr.watchReason,
      set: (v) => (tr.watchReason = v),
    }),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, t('billing', lang)),
      check('emailInvoices'),
      check('poRequired'),
      check('taxExempt'),
      check('cashOnDelivery'),
    ),
    textField(ctx, {
      path: 'terms.invoiceRemarks',
      label: label('invoiceRemarks'),
      multiline: true,
      get: () => tr.invoiceRemarks,
      set: (v) => (tr.invoiceRemarks = v),
    }),
  );
}
