/**
 * The four tabs as an ARIA tablist: one tab in the Tab order (roving tabindex), arrow keys,
 * Home and End move between tabs and show the panel (WAI-ARIA APG "Tabs with automatic
 * activation": https://www.w3.org/WAI/ARIA/apg/patterns/tabs/). Panels are only hidden, never
 * rebuilt, so what was typed in a tab is still there when coming back.
 */
import { h } from './dom';
import type { TabKey } from './fields';
import { TAB_KEYS } from './fields';

export interface Tabs {
  tablist: HTMLElement;
  panels: Record<TabKey, HTMLElement>;
  select(key: TabKey, focus?: boolean): void;
  markErrors(keys: Set<TabKey>): void;
  current(): TabKey;
}

export function createTabs(labels: Record<TabKey, string>, name: string): Tabs {
  const tablist = h('div', { role: 'tablist', 'aria-label': name, class: 'tabs' });
  const buttons = {} as Record<TabKey, HTMLButtonElement>;
  const panels = {} as Record<TabKey, HTMLElement>;
  let active: TabKey = 'general';

  for (const key of TAB_KEYS) {
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${key}`,
        'aria-controls': `panel-${key}`,
        'aria-selected': 'false',
        tabindex: -1,
      },
      labels[key],
    );
    button.addEventListener('click', () => select(key));
    button.addEventListener('keydown', (e) => {
      const i = TAB_KEYS.indexOf(key);
      const n = TAB_KEYS.length;
      const target =
        e.key === 'ArrowRight'
          ? TAB_KEYS[(i + 1) % n]
          : e.key === 'ArrowLeft'
            ? TAB_KEYS[(i - 1 + n) % n]
            : e.key === 'Home'
              ? TAB_KEYS[0]
              : e.key === 'End'
                ? TAB_KEYS[n - 1]
                : undefined;
      if (!target) return;
      e.preventDefault();
      select(target, true);
    });
    buttons[key] = button;
    tablist.append(button);
    panels[key] = h('div', {
      role: 'tabpanel',
      id: `panel-${key}`,
      'aria-labelledby': `tab-${key}`,
      class: 'panel',
      hidden: true,
    });
  }

  function select(key: TabKey, focus = false): void {
    active = key;
    for (const k of TAB_KEYS) {
      const on = k === key;
      buttons[k].setAttribute('aria-selected', String(on));
      buttons[k].tabIndex = on ? 0 : -1;
      panels[k].hidden = !on;
    }
    if (focus) buttons[key].focus();
  }

  function markErrors(keys: Set<TabKey>): void {
    for (const k of TAB_KEYS) buttons[k].classList.toggle('has-error', keys.has(k));
  }

  select('general');
  return { tablist, panels, select, markErrors, current: () => active };
}
