import {
  agreementCells,
  clientCells,
  crmCells,
  nextClientCode,
  sameValues,
  termsAreBlank,
  termsCells,
  toClientRecord,
} from '../../src/server/clientForm/clientRecord';
import type { RowValues } from '../../src/server/workbook/records';
import { SHEETS, type ColumnDef, type SheetKey } from '../../src/shared/contract';
import { emptyClientRecord } from '../../src/shared/schemas';

/** A row as the sheet layer reads it: every column blank but `values` (its own blank by kind). */
function row<S extends SheetKey>(sheet: S, values: Partial<RowValues<S>>): RowValues<S> {
  const blank = (c: ColumnDef) =>
    c.multi
      ? []
      : c.kind === 'checkbox'
        ? false
        : ['text', 'plainText', 'list', 'choice'].includes(c.kind) || c.instant
          ? ''
          : null;
  const columns = SHEETS[sheet].columns as readonly ColumnDef[];
  return {
    ...Object.fromEntries(columns.map((c) => [c.key, blank(c)])),
    ...values,
  } as RowValues<S>;
}

function clientRow(over: Partial<RowValues<'clients'>> = {}): RowValues<'clients'> {
  return row('clients', {
    code: '0042',
    name: 'Boulangerie Alida',
    kind: 'company',
    contact: 'Alida',
    email: 'alida@example.com',
    phone: '514-555-0101',
    address: '1 rue Principale',
    city: 'Montréal',
    province: 'QC',
    postalCode: 'H2X 1Y4',
    country: 'Canada',
    language: 'fr',
    accountManager: 'Julie',
    referredBy: 'Site web',
    newsletter: true,
    tags: ['Bon client', 'Volume 3'],
    needs: 'Livraison rapide',
    followUp: 'Rappeler en janvier',
    habits: 'Pain, saison des fêtes',
    watched: true,
    watchReasons: 'Manuel : litige',
    updatedAt: '2026-11-01T14:00:00.000Z',
    updatedBy: 'julie@example.com',
    consentType: 'express',
    consentDate: '2026-09-01',
    consentSource: 'Formulaire au comptoir',
    nextFollowUp: '2027-01-15',
    computedHabits: '',
    mailchimpSync: '',
    ...over,
  });
}

describe('toClientRecord', () => {
  it('maps every column of the four tabs and the computed fields', () => {
    const record = toClientRecord(
      clientRow(),
      row('terms', {
        clientCode: '0042',
        creditCode: 'NET30',
        creditLimit: 5000,
        termDays: 45,
        discountPct: 2,
        discountDays: 10,
        revenueAccount: '',
        taxCode: 'TPS-TVQ',
        lastInvoiceDate: '2026-10-30',
        lastUnpaidInvoiceDate: '2026-10-30',
        balanceDue: 1234.5,
        watchReason: 'litige',
        emailInvoices: true,
        poRequired: false,
        taxExempt: false,
        cashOnDelivery: true,
        invoiceRemarks: 'Livrer à l’arrière',
      }),
      [
        {
          clientCode: '0042',
          salesperson: 'Marc',
          commissionType: 'margin',
          ratePct: 5,
          productType: '',
          startDate: null,
          endDate: null,
        },
      ],
      [
        {
          clientCode: '0042',
          date: '2026-10-01',
          kind: 'discussion',
          from: 'Livraison, Ventes',
          to: '',
          cc: 'Direction',
          subject: 'Retard',
          details: 'Camion en panne',
        },
        {
          clientCode: '0042',
          date: '2026-10-02',
          kind: 'email',
          from: 'julie@x.com',
          to: 'alida@example.com',
          cc: '',
          subject: 'Excuses',
          details: '',
        },
        {
          clientCode: '0042',
          date: '2026-10-03',
          kind: 'followUp',
          from: '',
          to: '',
          cc: '',
          subject: 'Rappel',
          details: '',
        },
      ],
    );
    expect(record.version).toBe('2026-11-01T14:00:00.000Z');
    expect(record.general).toMatchObject({
      code: '0042',
      kind: 'company',
      language: 'fr',
      postalCode: 'H2X 1Y4',
    });
    expect(record.terms).toMatchObject({
      creditLimit: 5000,
      termDays: 45,
      revenueAccount: '',
      cashOnDelivery: true,
    });
    expect(record.salespeople).toEqual([
      { salesperson: 'Marc', commissionType: 'margin', ratePct: 5, productType: '', origin: 0 },
    ]);
    expect(record.crm.tags).toEqual(['Bon client', 'Volume 3']);
    expect(record.crm.discussions).toEqual([
      {
        date: '2026-10-01',
        people: 'Livraison, Ventes',
        cc: 'Direction',
        subject: 'Retard',
        details: 'Camion en panne',
        origin: 0,
      },
    ]);
    // Each kind is numbered on its own: the e-mail is the first e-mail.
    expect(record.crm.emails).toEqual([
      {
        date: '2026-10-02',
        from: 'julie@x.com',
        to: 'alida@example.com',
        subject: 'Excuses',
        origin: 0,
      },
    ]);
    expect(record.computed).toEqual({
      balanceDue: 1234.5,
      watched: true,
      watchReasons: 'Manuel : litige',
      hasInvoices: true,
      updatedAt: '2026-11-01T14:00:00.000Z',
      updatedBy: 'julie@example.com',
    });
  });

  it('gives a client without Terms row blank terms and no invoices', () => {
    const record = toClientRecord(clientRow({ kind: '', language: '' }), undefined, [], []);
    expect(record.terms.creditLimit).toBeNull();
    expect(record.terms.emailInvoices).toBe(false);
    expect(record.computed.hasInvoices).toBe(false);
    expect(record.general.kind).toBe('');
  });
});

describe('cells from a record', () => {
  const record = emptyClientRecord('C0007');
  record.general.name = 'Test';
  record.salespeople = [
    { salesperson: 'Marc', commissionType: 'sales', ratePct: 3, productType: 'Services' },
  ];
  record.crm.discussions = [
    { date: '2026-01-02', people: 'A', cc: 'B', subject: 'S', details: 'D' },
  ];
  record.crm.emails = [{ date: '2026-01-03', from: 'f@x.com', to: 't@x.com', subject: 'E' }];

  it('never includes computed columns in Clients cells', () => {
    const cells = clientCells(record);
    expect(cells).toMatchObject({ code: 'C0007', name: 'Test' });
    for (const computed of ['watched', 'watchReasons', 'updatedAt', 'updatedBy'])
      expect(cells).not.toHaveProperty(computed);
  });

  it('writes the last invoice dates only when the client has no invoices', () => {
    expect(termsCells(record, false)).toHaveProperty('lastInvoiceDate');
    expect(termsCells(record, true)).not.toHaveProperty('lastInvoiceDate');
    expect(termsCells(record, true)).not.toHaveProperty('balanceDue');
  });

  it('knows a blank Terms row', () => {
    expect(termsAreBlank(termsCells(record, false))).toBe(true);
    expect(termsAreBlank({ ...termsCells(record, false), creditLimit: 100 })).toBe(false);
  });

  it('maps agreements and CRM rows with the client code and kind', () => {
    expect(agreementCells(record)).toEqual([
      {
        clientCode: 'C0007',
        salesperson: 'Marc',
        commissionType: 'sales',
        ratePct: 3,
        productType: 'Services',
      },
    ]);
    const crm = crmCells(record);
    expect(crm.discussion[0]).toMatchObject({
      kind: 'discussion',
      from: 'A',
      cc: 'B',
      clientCode: 'C0007',
    });
    expect(crm.email[0]).toEqual({
      clientCode: 'C0007',
      date: '2026-01-03',
      kind: 'email',
      from: 'f@x.com',
      to: 't@x.com',
      subject: 'E',
    });
    // Columns the form does not show are left to the sheet.
    expect(crm.discussion[0]).not.toHaveProperty('to');
  });
});

describe('sameValues', () => {
  it('treats blank, null and false alike, and compares lists', () => {
    expect(
      sameValues({ a: '', b: null, c: ['x', 'y'] }, { a: null, b: false, c: ['x', 'y'] }),
    ).toBe(true);
    expect(sameValues({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValues({ c: ['x'] }, { c: ['x', 'y'] })).toBe(false);
    expect(sameValues({ c: ['Volume 3', 'Bon client'] }, { c: ['Bon client', 'Volume 3'] })).toBe(
      true,
    );
  });
});

describe('nextClientCode', () => {
  it('continues the highest numbered code with its padding', () => {
    expect(nextClientCode(['C0041', 'C0009', 'ACME'])).toBe('C0042');
    expect(nextClientCode(['CLI-99'])).toBe('CLI-100');
  });
  it('starts at C0001 and skips taken codes', () => {
    expect(nextClientCode([])).toBe('C0001');
    expect(nextClientCode(['C0001'], (c) => c === 'C0002')).toBe('C0003');
  });
});
