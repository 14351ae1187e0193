/**
 * Repeatable rows (salesperson agreements, discussions, e-mails): each row is a fieldset with a
 * numbered legend and a Remove button; the section ends with an Add button. Rows are re-rendered
 * after an add or a remove so paths and numbers stay in step with the array.
 */
import { t } from '../shared/i18n';
import { clear, h } from './dom';
import type { FieldCtx } from './fields';

export interface RowsSpec<T> {
  /** Record path of the array: 'salespeople', 'crm.discussions'. */
  prefix: string;
  items: T[];
  title?: string;
  legend(n: number): string;
  addLabel: string;
  empty?: string;
  create(): T;
  /** The row's fields; `index` is 0-based (paths), `n` 1-based (labels). */
  fields(item: T, index: number, n: number): HTMLElement[];
}

export function repeatable<T>(ctx: FieldCtx, spec: RowsSpec<T>): HTMLElement {
  const list = h('div', { class: 'rows' });
  const add = h('button', { type: 'button', class: 'add' }, '+ ' + spec.addLabel);

  function render(): void {
    ctx.registry.forget(spec.prefix + '.');
    clear(list);
    if (spec.items.length === 0 && spec.empty)
      list.append(h('p', { class: 'secondary empty' }, spec.empty));
    spec.items.forEach((item, index) => {
      const n = index + 1;
      const legend = spec.legend(n);
      const remove = h(
        'button',
        { type: 'button', class: 'remove', 'aria-label': `${t('remove', ctx.lang)} — ${legend}` },
        t('remove', ctx.lang),
      );
      remove.addEventListener('click', () => {
        spec.items.splice(index, 1);
        render();
        ctx.changed();
        add.focus();
      });
      list.append(
        h(
          'fieldset',
          { class: 'row' },
          h('legend', {}, legend),
          ...spec.fields(item, index, n),
          h('div', { class: 'row-actions' }, remove),
        ),
      );
    });
  }

  add.addEventListener('click', () => {
    spec.items.push(spec.create());
    render();
    ctx.changed();
    const rows = list.querySelectorAll('fieldset');
    rows[rows.length - 1]?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  });

  render();
  return h(
    'section',
    { class: 'repeat' },
    spec.title ? h('h2', {}, spec.title) : null,
    list,
    h('div', { class: 'actions' }, add),
  );
}
