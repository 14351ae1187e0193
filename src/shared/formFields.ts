/**
 * The client form's fields, from the contract (src/shared/contract.ts): every column with a
 * `form` spec, the section of ClientRecord it lives in, its blank value and its value as read
 * from a sheet row. The record's type (formApi.ts FieldsOf), its zod schema (schemas.ts), the
 * server's mapping to and from the sheets (src/server/clientForm/clientRecord.ts) and the
 * sidebar's panels (src/sidebar/panel.ts) are all built from this list, so a column added to
 * the contract with a `form` spec reaches each of them with no other change.
 */
import { CHOICES, SHEETS, type Choice, type ColumnDef, type ColumnsOf } from './contract';
import type { FormSection, FormSheet, SectionOf } from './formApi';

// Compile-time checks of the contract's form specs. An editable field is a cell of its own
// sheet's row, so it sits on that sheet's tab (only computed fields, shown read-only, may sit
// elsewhere); and the computed fields of Clients and Terms share one section, so their keys
// must differ.
type HomeTab = { clients: 'general' | 'crm'; terms: 'terms'; commissions: 'salespeople' };
type Misplaced = {
  [S in FormSheet]: Exclude<SectionOf<ColumnsOf<S>>, HomeTab[S] | 'computed'>;
}[FormSheet];
type ComputedKeys<S extends FormSheet> = Extract<
  ColumnsOf<S>,
  { computed: true; form: object }
>['key'];
const formSpecsHold: [
  [Misplaced] extends [never] ? true : false,
  [ComputedKeys<'clients'> & ComputedKeys<'terms'>] extends [never] ? true : false,
] = [true, true];
void formSpecsHold;

export interface FormField {
  readonly sheet: FormSheet;
  readonly column: ColumnDef & { readonly form: NonNullable<ColumnDef['form']> };
  readonly section: FormSection;
}

const FORM_SHEETS: readonly FormSheet[] = ['clients', 'terms', 'commissions'];

/** Every field, sheet by sheet in the contract's column order. */
export const FORM_FIELDS: readonly FormField[] = FORM_SHEETS.flatMap((sheet) =>
  (SHEETS[sheet].columns as readonly ColumnDef[]).flatMap((column) =>
    column.form
      ? [
          {
            sheet,
            column: column as FormField['column'],
            section: column.computed ? 'computed' : column.form.tab,
          },
        ]
      : [],
  ),
);

/** The fields of one section of ClientRecord. */
export function fieldsIn(section: FormSection): FormField[] {
  return FORM_FIELDS.filter((f) => f.section === section);
}

function choicesOf(column: ColumnDef): readonly Choice[] {
  return column.choices ? CHOICES[column.choices] : [];
}

/**
 * A field's value when the sheet holds nothing: '' for text, null for numbers and days, false,
 * [] for a multi-value cell. In the form (`defaults`), a required choice takes its first choice
 * and a required number 0 (an agreement row with a blank type reads as Sales, a blank rate as
 * 0); the domain's records keep them blank, so the rules can say the cell is missing.
 */
export function blankOf(column: ColumnDef, defaults = true): unknown {
  if (column.multi) return [];
  switch (column.kind) {
    case 'checkbox':
      return false;
    case 'number':
    case 'money':
    case 'percent':
      return column.required && defaults ? 0 : null;
    case 'date':
      return column.instant ? '' : null;
    case 'choice':
      return column.required && defaults ? (choicesOf(column)[0]?.value ?? '') : '';
    default:
      return '';
  }
}

/** Whether a value is a field's blank (an optional field is then left out of the record). */
export function isBlank(value: unknown): boolean {
  return (
    value === '' ||
    value === null ||
    value === undefined ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * A field's value from a cell as the sheet layer read it (src/server/workbook/records.ts): what
 * the column's kind allows, anything else its blank.
 */
export function fieldValue(column: ColumnDef, value: unknown): unknown {
  if (column.multi)
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  switch (column.kind) {
    case 'checkbox':
      return value === true;
    case 'number':
    case 'money':
    case 'percent':
      return typeof value === 'number' ? value : blankOf(column);
    case 'date':
      if (column.instant) return typeof value === 'string' ? value : '';
      return typeof value === 'string' && value !== '' ? value : null;
    case 'choice':
      return choicesOf(column).some((c) => c.value === value) ? value : blankOf(column);
    default:
      return typeof value === 'string' ? value : '';
  }
}

/**
 * A section's fields from the rows of their sheets (one row per sheet; a missing row reads as
 * blank). Optional fields are left out when blank (formApi.ts: a blank one and a missing one
 * mean the same to the form).
 */
export function sectionFrom(
  section: FormSection,
  rows: Partial<Record<FormSheet, Readonly<Record<string, unknown>>>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { sheet, column } of fieldsIn(section)) {
    const value = fieldValue(column, rows[sheet]?.[column.key]);
    if (column.form.optional && isBlank(value)) continue;
    out[column.key] = value;
  }
  return out;
}

/** A section as a new client starts it: every field blank (optional ones included). */
export function blankSection(section: FormSection): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { column } of fieldsIn(section)) out[column.key] = blankOf(column);
  return out;
}
