/** Tab "Général / General": identity and address (Clients sheet), drawn from the contract. */
import { t } from '../shared/i18n';
import { h } from './dom';
import type { FieldCtx } from './fields';
import type { PanelData } from './panelTypes';
import { tabFields } from './panel';

export function generalPanel(ctx: FieldCtx, data: PanelData): HTMLElement {
  return h(
    'div',
    {},
    ...tabFields(ctx, data, 'general', {
      decor: {
        // The code is the key of every sheet: it is chosen once, when the client is created.
        code: { readOnly: !data.isNew },
        updatedBy: { blankText: t('none', ctx.lang) },
        // A blank Status is an active client (DESIGN.md).
        status: { blankAs: 'active' },
      },
      custom: {},
    }),
  );
}
