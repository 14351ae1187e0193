/**
 * Type-ahead over every client (code or name), as an ARIA combobox with a listbox popup
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): Down/Up move, Enter opens the
 * highlighted client, Escape closes. Matching ignores case and accents; 10,000 clients are
 * normalized once, and at most MAX_SHOWN matches are drawn.
 */
import type { Lang } from '../shared/contract';
import type { ClientSummary } from '../shared/formApi';
import { t } from '../shared/i18n';
import { clear, h } from './dom';

const MAX_SHOWN = 20;

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

interface Entry {
  client: ClientSummary;
  code: string;
  name: string;
}

/**
 * Clients matching `query`, best first: exact code, code prefix, name prefix, anywhere.
 * Inactive clients only with `withInactive` (the "show inactive" tick).
 */
export function findClients(
  entries: readonly Entry[],
  query: string,
  withInactive = false,
): ClientSummary[] {
  const q = fold(query);
  if (!q) return [];
  const ranked: { rank: number; client: ClientSummary }[] = [];
  for (const e of entries) {
    if (e.client.inactive && !withInactive) continue;
    const rank =
      e.code === q
        ? 0
        : e.code.startsWith(q)
          ? 1
          : e.name.startsWith(q)
            ? 2
            : e.name.includes(q) || e.code.includes(q)
              ? 3
              : -1;
    if (rank >= 0) ranked.push({ rank, client: e.client });
  }
  ranked.sort((a, b) => a.rank - b.rank); // stable: sheet order within a rank
  return ranked.slice(0, MAX_SHOWN).map((r) => r.client);
}

export function indexClients(clients: readonly ClientSummary[]): Entry[] {
  return clients.map((client) => ({ client, code: fold(client.code), name: fold(client.name) }));
}

export interface Finder {
  element: HTMLElement;
  setClients(clients: readonly ClientSummary[]): void;
  setDisabled(disabled: boolean): void;
}

/**
 * `onMiss`: a query of two characters or more matched no client of the list: the form asks the
 * server for its list again (a client a colleague created since), then calls setClients, which
 * draws the matches again.
 */
export function createFinder(
  lang: Lang,
  onPick: (code: string) => void,
  onMiss: () => void = () => {},
): Finder {
  let entries: Entry[] = [];
  let shown: ClientSummary[] = [];
  let highlighted = -1;

  const input = h('input', {
    type: 'text',
    id: 'finder',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'finder-list',
    autocomplete: 'off',
    placeholder: t('findPlaceholder', lang),
  });
  const list = h('ul', { role: 'listbox', id: 'finder-list', class: 'finder-list', hidden: true });
  const status = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  const withInactive = h('input', { type: 'checkbox', id: 'finder-inactive' });
  withInactive.addEventListener('change', () => {
    if (input.value.trim()) update();
  });

  function close(): void {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    highlighted = -1;
  }

  function highlight(i: number): void {
    highlighted = i;
    list.querySelectorAll('[role=option]').forEach((li, j) => {
      li.setAttribute('aria-selected', String(j === i));
      if (j === i) {
        input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      }
    });
  }

  function pick(client: ClientSummary): void {
    close();
    input.value = '';
    onPick(client.code);
  }

  function update(): void {
    shown = findClients(entries, input.value, withInactive.checked);
    clear(list);
    if (!input.value.trim()) {
      close();
      status.textContent = '';
      return;
    }
    if (shown.length === 0) {
      list.append(h('li', { class: 'none' }, t('noMatch', lang)));
      if (input.value.trim().length >= 2) onMiss();
    }
    shown.forEach((client, i) => {
      const li = h(
        'li',
        { role: 'option', id: `finder-opt-${i}`, 'aria-selected': 'false' },
        h('span', { class: 'code' }, client.code),
        ' ',
        h('span', { class: 'name' }, client.name),
        ...(client.inactive
          ? [' ', h('span', { class: 'secondary' }, `(${t('inactiveMark', lang)})`)]
          : []),
      );
      // mousedown, not click: keep the focus in the input until the pick is done.
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        pick(client);
      });
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = shown.length === 0 ? t('noMatch', lang) : String(shown.length);
    highlight(shown.length > 0 ? 0 : -1);
  }

  input.addEventListener('input', update);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) update();
      if (shown.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      highlight((highlighted + step + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      const client = shown[highlighted];
      if (!list.hidden && client) {
        e.preventDefault();
        pick(client);
      }
    } else if (e.key === 'Escape') {
      close();
    }
  });

  const element = h(
    'div',
    { class: 'finder' },
    // The tick sits beside the label, above the input: the list opens under the input.
    h(
      'div',
      { class: 'finder-head' },
      h('label', { for: 'finder' }, t('findClient', lang)),
      h(
        'span',
        { class: 'finder-inactive' },
        withInactive,
        h('label', { for: 'finder-inactive' }, t('showInactive', lang)),
      ),
    ),
    input,
    list,
    status,
  );
  return {
    element,
    setClients: (clients) => {
      entries = indexClients(clients);
      // A list arriving while the person types: the matches follow it.
      if (document.activeElement === input && input.value.trim()) update();
    },
    setDisabled: (disabled) => {
      input.disabled = disabled;
      if (disabled) close();
    },
  };
}
