/**
 * CRM tab: the buying habits computed from Invoices (read-only, written by the daily habits
 * run) and "who might want this product type?", a search over the invoices on the server.
 */
import type { FormLists, HabitsSearchResult } from '../shared/formApi';
import { fieldLabel, t } from '../shared/i18n';
import { clear, h } from './dom';
import type { FieldCtx } from './fields';
import { outputField } from './fields';
import { formatMoney } from './format';
import { callServer } from './server';
import { failureParts } from './failure';

export function computedHabitsField(
  ctx: FieldCtx,
  computedHabits: string | undefined,
): HTMLElement {
  return outputField(ctx, {
    path: 'computed.computedHabits',
    label: fieldLabel('clients', 'computedHabits', ctx.lang),
    value: computedHabits || t('habitsNotComputed', ctx.lang),
    hint: t('computedHabitsHint', ctx.lang),
    multiline: true,
  });
}

/** The search: a product type (suggested from Lists), a button, and the buyers found. */
export function buyersSearch(ctx: FieldCtx, lists: FormLists): HTMLElement {
  const { lang } = ctx;
  const inputId = 'buyers-product-type';
  const listId = `${inputId}-list`;
  const input = h('input', { type: 'text', id: inputId, list: listId, autocomplete: 'off' });
  const button = h(
    'button',
    { type: 'button', class: 'secondary-button' },
    t('searchBuyers', lang),
  );
  const results = h('div', { class: 'buyers', role: 'status', 'aria-live': 'polite' });
  const run = async () => {
    const productType = input.value.trim();
    if (!productType) return;
    button.disabled = true;
    clear(results);
    results.append(t('searching', lang));
    let result: HabitsSearchResult;
    try {
      result = await callServer('habitsSearch', productType);
    } catch (err) {
      button.disabled = false;
      clear(results);
      results.append(h('div', { class: 'error' }, ...failureParts(err, lang)));
      return;
    }
    button.disabled = false;
    clear(results);
    if (!result.ok) {
      results.append(h('div', { class: 'error' }, result.message));
      return;
    }
    if (result.buyers.length === 0) {
      results.append(t('noBuyers', lang));
      return;
    }
    results.append(
      h(
        'ol',
        { class: 'buyer-list' },
        ...result.buyers.map((b) =>
          h(
            'li',
            {},
            h('span', { class: 'code' }, b.code),
            ` ${b.name}`,
            b.accountManager ? ` (${b.accountManager})` : '',
            h(
              'div',
              { class: 'secondary' },
              t('buyerLine', lang, {
                count: b.count,
                total: formatMoney(b.total, lang),
                last: b.lastDay,
              }),
            ),
          ),
        ),
      ),
    );
    if (result.more > 0) results.append(h('div', {}, t('moreBuyers', lang, { n: result.more })));
  };
  button.addEventListener('click', () => void run());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void run();
    }
  });
  return h(
    'fieldset',
    { class: 'group buyers-search' },
    h('legend', {}, t('whoMightWant', lang)),
    h(
      'div',
      { class: 'field' },
      h('label', { for: inputId }, fieldLabel('commissions', 'productType', lang)),
      input,
      h('datalist', { id: listId }, ...lists.productTypes.map((v) => h('option', { value: v }))),
    ),
    button,
    results,
  );
}
