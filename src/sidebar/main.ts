/**
 * The sidebar's entry point: asks the server for everything the form needs (one round trip),
 * then hands over to the form. Until the language is known, texts are shown in both languages.
 */
import { startForm } from './app';
import { h } from './dom';
import { callServer } from './server';

function boot(): void {
  const root = document.getElementById('app');
  if (!root) return;
  root.append(h('p', { class: 'secondary loading' }, 'Chargement… / Loading…'));
  callServer('formOpen', {})
    .then((result) => startForm(root, result))
    .catch((err: unknown) => {
      root.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, `Erreur / Error: ${(err as Error).message}`),
      );
    });
}

boot();
