/**
 * Tab "Vendeurs / Salespeople": the client's commission agreements (Commissions sheet), one
 * row of fields per agreement, drawn from the contract.
 */
import type { AgreementFields } from '../shared/formApi';
import { blankOf, fieldsIn } from '../shared/formFields';
import { t } from '../shared/i18n';
import type { FieldCtx } from './fields';
import type { PanelData } from './panelTypes';
import { drawFields } from './panel';
import { repeatable } from './rows';

const FIELDS = fieldsIn('salespeople');

/** A new agreement: every field blank; a required number NaN, so that the schema asks for it. */
function blankAgreement(): AgreementFields {
  const row: Record<string, unknown> = {};
  for (const { column } of FIELDS)
    row[column.key] =
      column.required && typeof blankOf(column) === 'number' ? NaN : blankOf(column);
  return row as AgreementFields;
}

export function salespeoplePanel(ctx: FieldCtx, data: PanelData): HTMLElement {
  const { lang } = ctx;
  return repeatable<AgreementFields>(ctx, {
    prefix: 'salespeople',
    items: data.record.salespeople,
    legend: (n) => t('agreementN', lang, { n }),
    addLabel: t('addAgreement', lang),
    empty: t('noAgreement', lang),
    create: blankAgreement,
    fields: (row, i, n) =>
      drawFields<'salespeople'>(
        ctx,
        data,
        FIELDS,
        (f) => ({
          target: row as unknown as Record<string, unknown>,
          path: `salespeople.${i}.${f.column.key}`,
          aria: String(n),
        }),
        {
          // Blank = the agreement covers every product type.
          decor: { productType: { placeholder: t('allProductTypes', lang) } },
          custom: {},
        },
      ),
  });
}
