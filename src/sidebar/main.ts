/**
 * The sidebar's entry point: the form starts from the data the menu shipped inside the page
 * (src/shared/bootData.ts: no round trip), or else asks the server for it (formOpen, one round
 * trip). Until the language is known, texts are shown in both languages.
 */
import { BOOT_ELEMENT_ID } from '../shared/bootData';
import type { FormOpenResult } from '../shared/formApi';
import { startForm } from './app';
import { h } from './dom';
import { callServer } from './server';
import { failureParts } from './failure';

function boot(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const shipped = shippedData();
  if (shipped) {
    startForm(root, shipped);
    return;
  }
  root.append(h('p', { class: 'secondary loading' }, 'Chargement… / Loading…'));
  callServer('formOpen', {})
    .then((result) => startForm(root, result))
    .catch((err: unknown) => {
      root.replaceChildren(h('div', { class: 'error', role: 'alert' }, ...failureParts(err, null)));
    });
}

/** The form's data shipped in the page by the menu, if any (parsed, never run). */
function shippedData(): FormOpenResult | null {
  const text = document.getElementById(BOOT_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as FormOpenResult;
  } catch {
    return null; // fall back to asking the server
  }
}

boot();
