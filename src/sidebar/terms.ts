/**
 * Tab "Termes / Terms": credit, discount, accounts, invoice dates, watch and billing (Terms
 * sheet, and the watch status of Clients), drawn from the contract.
 */
import { t } from '../shared/i18n';
import { clear, h } from './dom';
import { failureParts } from './failure';
import { callServer } from './server';
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
    ...(data.isNew ? [] : [statementButton(ctx, data.record.general.code)]),
  );
}

/**
 * The client statement (État de compte) of the open client: a dialog the server shows
 * (statementShow), with its Print and e-mail buttons. The client as saved: a code being edited
 * is not asked for.
 */
function statementButton(ctx: FieldCtx, code: string): HTMLElement {
  const { lang } = ctx;
  const button = h(
    'button',
    { type: 'button', class: 'secondary-button' },
    t('clientStatement', lang),
  );
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  button.addEventListener('click', () => {
    button.disabled = true;
    clear(status);
    status.append(t('openingStatement', lang));
    callServer('statementShow', code).then(
      (result) => {
        button.disabled = false;
        clear(status);
        if (!result.ok) status.append(h('div', { class: 'error' }, result.message));
      },
      (err: unknown) => {
        button.disabled = false;
        clear(status);
        status.append(h('div', { class: 'error' }, ...failureParts(err, lang)));
      },
    );
  });
  return h(
    'div',
    { class: 'statement' },
    h('p', { class: 'hint' }, t('clientStatementHint', lang)),
    button,
    status,
  );
}
