/**
 * What the sidebar shows when a google.script.run call fails: the error's text, and when it is
 * the multi-account refusal (src/shared/pageFailure.ts) what to do, with Google's page. Before
 * the form's language is known (the first call), in French and in English.
 */
import type { Lang } from '../shared/contract';
import { t } from '../shared/i18n';
import {
  isMultiAccountError,
  MULTI_ACCOUNT_HELP,
  MULTI_ACCOUNT_HELP_URL,
  MULTI_ACCOUNT_LINK,
} from '../shared/pageFailure';
import { h } from './dom';

function help(lang: Lang): HTMLElement {
  return h(
    'p',
    { class: 'multi-account', lang },
    `${MULTI_ACCOUNT_HELP[lang]} `,
    h(
      'a',
      { href: MULTI_ACCOUNT_HELP_URL, target: '_blank', rel: 'noopener' },
      MULTI_ACCOUNT_LINK[lang],
    ),
  );
}

/** The nodes to show for a failed call: the message, then the guidance when it applies. */
export function failureParts(err: unknown, lang: Lang | null): (string | Node)[] {
  const msg = err instanceof Error ? err.message : String(err);
  const text = lang ? t('serverError', lang, { msg }) : `Erreur / Error: ${msg}`;
  if (!isMultiAccountError(msg)) return [text];
  return [h('p', {}, text), ...(lang ? [help(lang)] : [help('fr'), help('en')])];
}
