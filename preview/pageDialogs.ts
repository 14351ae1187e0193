/**
 * The page's dialogs and toasts: the script's questions (ui.prompt, ui.alert with buttons), its
 * plain alerts, toasts, and HtmlService dialogs in a frame. Texts go in with textContent only:
 * what a script or a user wrote is data, never HTML.
 */
import { translator, type Text, type TextTable } from '../src/shared/text';
import type { Answer, Question } from './session';

type Lang = 'fr' | 'en';
type ButtonName = Answer['button'];

const BUTTON_TEXT = {
  OK: { fr: 'OK', en: 'OK' },
  CANCEL: { fr: 'Annuler', en: 'Cancel' },
  YES: { fr: 'Oui', en: 'Yes' },
  NO: { fr: 'Non', en: 'No' },
  CLOSE: { fr: 'Fermer', en: 'Close' },
} as const satisfies Record<ButtonName, Text>;
const buttonText = translator(BUTTON_TEXT);

const TEXT = {
  close: { fr: 'Fermer', en: 'Close' },
  emulated: {
    fr: 'Émulé : ce n’est pas une mesure d’Apps Script. L’aperçu exécute le script sur cette machine ; mesurez dans une vraie feuille Google.',
    en: 'Emulated: not a measure of Apps Script. The preview runs the script on this machine; measure in a real Google Sheet.',
  },
} as const satisfies TextTable;
const say = translator(TEXT);
const BUTTONS_OF: Record<Question['buttons'], ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['CANCEL', 'OK'],
  YES_NO: ['NO', 'YES'],
  YES_NO_CANCEL: ['CANCEL', 'NO', 'YES'],
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node as T;
}

/** Shows a question and resolves with the user's answer; Escape is the dialog's close box. */
export function ask(q: Question, lang: Lang): Promise<Answer> {
  const dialog = byId<HTMLDialogElement>('ask');
  dialog.replaceChildren();
  dialog.setAttribute('aria-label', q.title || q.prompt);
  const bar = el('div', undefined, 'bar');
  bar.append(el('span', q.title));
  const body = el('div', q.prompt, 'body');
  let input: HTMLInputElement | null = null;
  if (q.kind === 'prompt') {
    input = el('input');
    input.type = 'text';
    input.setAttribute('aria-label', q.prompt);
    body.append(input);
  }
  const buttons = el('div', undefined, 'buttons');
  dialog.append(bar, body, buttons);
  return new Promise((resolve) => {
    const finish = (button: ButtonName): void => {
      dialog.close();
      resolve(
        q.kind === 'prompt'
          ? { kind: 'prompt', button, text: input?.value ?? '' }
          : { kind: 'alert', button },
      );
    };
    const names = BUTTONS_OF[q.buttons];
    names.forEach((name, i) => {
      const b = el(
        'button',
        buttonText(name, lang),
        i === names.length - 1 ? 'primary' : undefined,
      );
      b.type = 'button';
      b.addEventListener('click', () => finish(name));
      buttons.append(b);
    });
    input?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(names.includes('OK') ? 'OK' : names[names.length - 1]!);
    });
    dialog.addEventListener(
      'cancel',
      (e) => {
        e.preventDefault();
        finish('CLOSE');
      },
      { once: true },
    );
    dialog.showModal();
    (input ?? (buttons.lastElementChild as HTMLElement | null))?.focus();
  });
}

/** A plain alert (OK only): the script already went on; the user reads and closes it. */
export function showAlert(title: string, prompt: string, lang: Lang): Promise<void> {
  return ask({ kind: 'alert', title, prompt, buttons: 'OK' }, lang).then(() => undefined);
}

export function toast(
  kind: 'toast' | 'error' | 'mail',
  title: string,
  message: string,
  seconds = 6,
): void {
  const box = el('div', undefined, `toast ${kind === 'toast' ? '' : kind}`.trim());
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  if (title) box.append(el('strong', title));
  box.append(el('span', message));
  byId('toasts').append(box);
  setTimeout(() => box.remove(), seconds * 1000);
}

/**
 * An HtmlService modal dialog: the served frame in a page dialog of the script's size. A page
 * that times things (Check this spreadsheet) gets a note above it: the timings are the emulator's.
 */
export function showHtmlDialog(
  frame: string,
  title: string,
  width: number | null,
  height: number | null,
  lang: Lang,
  emulatedTiming = false,
): void {
  const dialog = byId<HTMLDialogElement>('html-dialog');
  dialog.replaceChildren();
  dialog.dataset.frame = frame;
  const bar = el('div', undefined, 'bar');
  const close = el('button', '×');
  close.type = 'button';
  close.setAttribute('aria-label', say('close', lang));
  close.addEventListener('click', () => dialog.close());
  bar.append(el('span', title), close);
  const iframe = el('iframe');
  iframe.title = title;
  iframe.src = `/frame/${encodeURIComponent(frame)}`;
  iframe.width = String(width ?? 600);
  iframe.height = String(height ?? 400);
  dialog.append(bar);
  if (emulatedTiming) dialog.append(el('p', say('emulated', lang), 'emulated'));
  dialog.append(iframe);
  dialog.setAttribute('aria-label', title);
  if (!dialog.open) dialog.showModal();
}

export function closeHtmlDialog(frame: string): void {
  const dialog = byId<HTMLDialogElement>('html-dialog');
  if (dialog.dataset.frame === frame && dialog.open) dialog.close();
}
