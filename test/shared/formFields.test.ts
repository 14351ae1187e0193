/**
 * The form's fields as the contract declares them (src/shared/formFields.ts): sections, order
 * hints, blanks and values by kind, and the personal-data flag anonymization relies on.
 */
import { personalColumns, SHEETS, type ColumnDef } from '../../src/shared/contract';
import {
  blankOf,
  fieldsIn,
  fieldValue,
  FORM_FIELDS,
  sectionFrom,
} from '../../src/shared/formFields';

const column = (sheet: keyof typeof SHEETS, key: string) =>
  (SHEETS[sheet].columns as readonly ColumnDef[]).find((c) => c.key === key)!;

describe('the form fields', () => {
  it('puts each field in its section: its tab, or computed', () => {
    expect(fieldsIn('terms').map((f) => f.column.key)).toEqual([
      'creditCode',
      'creditLimit',
      'termDays',
      'discountPct',
      'discountDays',
      'revenueAccount',
      'taxCode',
      'lastInvoiceDate',
      'lastUnpaidInvoiceDate',
      'watchReason',
      'emailInvoices',
      'poRequired',
      'taxExempt',
      'cashOnDelivery',
      'invoiceRemarks',
    ]);
    expect(fieldsIn('computed').map((f) => `${f.sheet}.${f.column.key}`)).toEqual([
      'clients.watched',
      'clients.watchReasons',
      'clients.updatedAt',
      'clients.updatedBy',
      'clients.computedHabits',
      'terms.balanceDue',
      'terms.lastPaymentDate',
      'terms.agingCurrent',
      'terms.aging30',
      'terms.aging60',
      'terms.aging90',
      'terms.agingOver90',
    ]);
    // The key of the other sheets and the script's own state are not fields.
    expect(FORM_FIELDS.some((f) => f.column.key === 'clientCode')).toBe(false);
    expect(FORM_FIELDS.some((f) => f.column.key === 'mailchimpSync')).toBe(false);
  });

  it('places each field said to come after another on a tab that has that one', () => {
    for (const f of FORM_FIELDS.filter((x) => x.column.form.after)) {
      const anchor = FORM_FIELDS.find((x) => x.column.key === f.column.form.after);
      expect([f.column.key, anchor?.column.form.tab]).toEqual([f.column.key, f.column.form.tab]);
    }
  });

  it('reads a cell by its kind, anything else as blank', () => {
    expect(fieldValue(column('terms', 'creditLimit'), 12.5)).toBe(12.5);
    expect(fieldValue(column('terms', 'creditLimit'), 'beaucoup')).toBeNull();
    expect(fieldValue(column('clients', 'kind'), 'individual')).toBe('individual');
    expect(fieldValue(column('clients', 'kind'), 'other')).toBe('');
    // A required choice or number reads as its first choice or 0 (an agreement's blank type is Sales).
    expect(fieldValue(column('commissions', 'commissionType'), '')).toBe('sales');
    expect(fieldValue(column('commissions', 'ratePct'), '')).toBe(0);
    expect(fieldValue(column('clients', 'tags'), ['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(fieldValue(column('clients', 'updatedAt'), '')).toBe('');
    expect(fieldValue(column('terms', 'lastInvoiceDate'), '')).toBeNull();
    expect(blankOf(column('clients', 'newsletter'))).toBe(false);
  });

  it('leaves a blank optional field out of a section, keeps a blank ordinary one', () => {
    const crm = sectionFrom('crm', { clients: { consentSource: '', needs: '' } });
    expect(crm).not.toHaveProperty('consentSource');
    expect(crm).toHaveProperty('needs', '');
    expect(sectionFrom('crm', { clients: { consentSource: 'web' } })).toHaveProperty(
      'consentSource',
      'web',
    );
  });
});

describe('personal information (Law 25)', () => {
  it('is what anonymization blanks: every Clients column but the key, the stamps and the script’s state', () => {
    expect(personalColumns('clients')).toEqual(
      SHEETS.clients.columns
        .map((c) => c.key)
        // The Status (decision 021) says nothing of the person: an anonymized client stays as it
        // was.
        .filter(
          (k) =>
            !['code', 'watched', 'updatedAt', 'updatedBy', 'mailchimpSync', 'status'].includes(k),
        ),
    );
    expect(personalColumns('terms')).toEqual(['watchReason', 'invoiceRemarks']);
    expect(personalColumns('crmLog')).toEqual(['from', 'to', 'cc', 'subject', 'details']);
    // Accounting keeps its rows whole.
    expect(personalColumns('commissions')).toEqual([]);
    expect(personalColumns('invoices')).toEqual([]);
  });
});
