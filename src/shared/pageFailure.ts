/**
 * A known trap, said in the team's language: a person signed in to several Google accounts in
 * one browser gets every google.script.run call of a sidebar or dialog refused (the page opens,
 * then no save, search or setting works). Google documents it and the way out:
 * https://developers.google.com/apps-script/guides/projects#fix_issues_with_multiple_google_accounts
 * The errors the page receives then, as reported:
 * - "ScriptError: We're sorry, a server error occurred while reading from storage. Error code
 *   PERMISSION_DENIED." (enuchi/React-Google-Apps-Script#46, mootoday/google-docs-addon-svelte-template#3);
 * - "ScriptError: Authorization is required to perform that action." (alexwforsythe/code-blocks#53);
 * - "Exception: Action not allowed" (intelliavant/gas-markdown-converter#1).
 * Used by the sidebar (src/sidebar/failure.ts), every dialog (src/server/platform/pageFailure.ts)
 * and the messages table (`multiAccountHelp`, for the README and the Welcome sheet).
 */
import type { Lang } from './contract';

export const MULTI_ACCOUNT_HELP_URL =
  'https://developers.google.com/apps-script/guides/projects#fix_issues_with_multiple_google_accounts';

/** The refusals above, as a RegExp source (the dialogs' scripts build it in the page). */
export const MULTI_ACCOUNT_PATTERN =
  'PERMISSION_DENIED|Authorization is required|Autorisation requise|Action not allowed';

export const MULTI_ACCOUNT_HELP = {
  fr: 'Google a refusé l’appel : cela arrive quand plusieurs comptes Google sont connectés dans ce navigateur. Utilisez un seul compte Google dans cette fenêtre (déconnectez les autres, ou ouvrez une fenêtre de navigation privée avec ce seul compte), ou un profil Chrome distinct pour chaque compte, puis rouvrez le classeur.',
  en: 'Google refused the call: this happens when several Google accounts are signed in to this browser. Use one Google account in this window (sign the others out, or open a private window with this account alone), or a separate Chrome profile for each account, then open the workbook again.',
} as const satisfies Record<Lang, string>;

export const MULTI_ACCOUNT_LINK = {
  fr: 'Aide de Google : plusieurs comptes Google',
  en: 'Google’s help: multiple Google accounts',
} as const satisfies Record<Lang, string>;

/** Whether a google.script.run failure's message is the multi-account refusal. */
export function isMultiAccountError(message: unknown): boolean {
  return new RegExp(MULTI_ACCOUNT_PATTERN, 'i').test(String(message ?? ''));
}
