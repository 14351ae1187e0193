import {
  emptyClientRecord,
  isIsoDay,
  LIMITS,
  validateClientCode,
  validateOpenRequest,
  validateSaveRequest,
} from '../../src/shared/schemas';
import type { ClientRecord, FormSaveRequest } from '../../src/shared/formApi';

/** A client with every tab filled. */
function fullRecord(): ClientRecord {
  const r = emptyClientRecord('C-0042');
  r.general = {
    ...r.general,
    name: 'Quincaillerie Tremblay',
    kind: 'company',
    email: 'info@tremblay.qc.ca',
    language: 'fr',
    city: 'Québec',
  };
  r.terms = {
    ...r.terms,
    creditCode: 'NET30',
    creditLimit: 5000,
    termDays: 30,
    discountPct: 2,
    discountDays: 10,
    lastInvoiceDate: '2024-02-29',
    emailInvoices: true,
  };
  r.salespeople = [
    { salesperson: 'Julie', commissionType: 'sales', ratePct: 5, productType: '' },
    { salesperson: 'Marc', commissionType: 'margin', ratePct: 12.5, productType: 'Services' },
  ];
  r.crm = {
    ...r.crm,
    tags: ['Bon client', 'Volume 3'],
    newsletter: true,
    consentType: 'express',
    consentDate: '2024-05-01',
    consentSource: 'Formulaire signé au comptoir',
    nextFollowUp: '2025-03-01',
    discussions: [
      { date: '2025-01-15', people: 'Julie, Marc', cc: '', subject: 'Prix', details: 'OK' },
    ],
    emails: [{ date: '2025-01-16', from: 'a@b.ca', to: 'c@d.ca', subject: 'Soumission' }],
  };
  return r;
}

function save(record: unknown, isNew = true): unknown {
  return { record, isNew };
}

function errorsOf(input: unknown, lang: 'fr' | 'en' = 'en'): Record<string, string> {
  const v = validateSaveRequest(input, lang);
  if (v.ok) throw new Error('expected errors');
  return Object.fromEntries(v.errors.map((e) => [e.path, e.message]));
}

describe('validateSaveRequest', () => {
  test('accepts a full record and returns it unchanged', () => {
    const input = save(fullRecord());
    const v = validateSaveRequest(input, 'fr');
    expect(v).toEqual({ ok: true, value: input });
  });

  test('accepts a client with only a code and a name', () => {
    const r = emptyClientRecord('1');
    r.general.name = 'A';
    expect(validateSaveRequest(save(r), 'en').ok).toBe(true);
  });

  test('trims the code and the name', () => {
    const r = fullRecord();
    r.general.code = '  0042 ';
    r.general.name = ' Acme  ';
    const v = validateSaveRequest(save(r), 'en');
    expect(v.ok && v.value.record.general).toMatchObject({ code: '0042', name: 'Acme' });
  });

  test('code and name are required, in French and English', () => {
    const r = fullRecord();
    r.general.code = '   ';
    r.general.name = '';
    expect(errorsOf(save(r), 'fr')).toEqual({
      'general.code': 'Ce champ est requis.',
      'general.name': 'Ce champ est requis.',
    });
    expect(errorsOf(save(r), 'en')['general.code']).toBe('This field is required.');
  });

  test('code: at most 32 characters, no control characters', () => {
    const r = fullRecord();
    r.general.code = 'x'.repeat(33);
    expect(errorsOf(save(r))).toEqual({ 'general.code': 'At most 32 characters.' });
    r.general.code = 'A\u0000B';
    expect(errorsOf(save(r), 'fr')).toEqual({
      'general.code': 'Caractères de contrôle interdits.',
    });
    r.general.code = 'A\tB';
    expect(Object.keys(errorsOf(save(r)))).toEqual(['general.code']);
  });

  test('email format only when present', () => {
    const r = fullRecord();
    r.general.email = 'not an email';
    expect(errorsOf(save(r))).toEqual({ 'general.email': 'Invalid email address.' });
    r.general.email = '';
    expect(validateSaveRequest(save(r), 'en').ok).toBe(true);
  });

  test('number ranges, with the path of the failing field', () => {
    const r = fullRecord();
    r.terms.creditLimit = -1;
    r.terms.termDays = 3651;
    r.terms.discountPct = 100.5;
    r.terms.discountDays = 2.5;
    r.salespeople[1]!.ratePct = -3;
    expect(errorsOf(save(r), 'fr')).toEqual({
      'terms.creditLimit': 'Doit être au moins 0.',
      'terms.termDays': 'Doit être au plus 3650.',
      'terms.discountPct': 'Doit être au plus 100.',
      'terms.discountDays': 'Entrez un nombre entier.',
      'salespeople.1.ratePct': 'Doit être au moins 0.',
    });
  });

  test('an agreement’s period: From and To, blank for open, To not before From', () => {
    const r = fullRecord();
    r.salespeople[0]!.startDate = '2026-10-01';
    r.salespeople[0]!.endDate = '2026-10-01';
    r.salespeople[1]!.endDate = '2026-12-31';
    expect(validateSaveRequest(save(r), 'en').ok).toBe(true);
    r.salespeople[0]!.endDate = '2026-09-30';
    r.salespeople[1]!.startDate = '2026-13-01';
    expect(errorsOf(save(r), 'fr')).toEqual({
      'salespeople.0.endDate': '« Au » doit suivre « Du ».',
      'salespeople.1.startDate': 'Date invalide (AAAA-MM-JJ).',
    });
  });

  test('numbers: blank (null) is fine where optional, not for a rate; NaN, Infinity and strings refused', () => {
    const r = fullRecord();
    r.terms.creditLimit = null;
    r.terms.termDays = null;
    expect(validateSaveRequest(save(r), 'en').ok).toBe(true);
    const bad = JSON.parse(JSON.stringify(r)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    bad.salespeople[0].ratePct = null;
    bad.terms.creditLimit = '5000';
    bad.terms.discountPct = NaN;
    bad.terms.termDays = Infinity;
    expect(errorsOf(save(bad))).toEqual({
      'salespeople.0.ratePct': 'This field is required.',
      'terms.creditLimit': 'Enter a number.',
      'terms.discountPct': 'Enter a number.',
      'terms.termDays': 'Enter a number.',
    });
  });

  test('dates must be strict YYYY-MM-DD and real', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-1-5',
      '2025-01-05T00:00:00Z',
      '0000-01-01',
      '',
    ])
      expect(isIsoDay(bad)).toBe(false);
    const r = fullRecord();
    r.terms.lastUnpaidInvoiceDate = '2025-02-30';
    r.crm.discussions[0]!.date = '15/01/2025';
    r.crm.emails[0]!.date = '';
    expect(errorsOf(save(r), 'en')).toEqual({
      'terms.lastUnpaidInvoiceDate': 'Invalid date (YYYY-MM-DD).',
      'crm.discussions.0.date': 'Invalid date (YYYY-MM-DD).',
      'crm.emails.0.date': 'Invalid date (YYYY-MM-DD).',
    });
  });

  test('choices are closed sets', () => {
    const bad = fullRecord() as unknown as {
      general: Record<string, unknown>;
      salespeople: Record<string, unknown>[];
    };
    bad.general.kind = 'Entreprise';
    bad.salespeople[0]!.commissionType = 'Ventes';
    expect(errorsOf(save(bad), 'fr')).toEqual({
      'general.kind': 'Choix invalide.',
      'salespeople.0.commissionType': 'Choix invalide.',
    });
  });

  test('tags: strings without commas', () => {
    const r = fullRecord();
    r.crm.tags = ['Bon client', 'a,b'];
    expect(errorsOf(save(r))).toEqual({ 'crm.tags.1': 'No comma in a tag.' });
    const bad = fullRecord() as unknown as { crm: { tags: unknown } };
    bad.crm.tags = 'Bon client';
    expect(Object.keys(errorsOf(save(bad)))).toEqual(['crm.tags']);
  });

  test('long strings and long arrays are refused', () => {
    const r = fullRecord();
    r.general.contact = 'x'.repeat(LIMITS.text + 1);
    r.terms.invoiceRemarks = 'x'.repeat(LIMITS.longText); // at the cap: fine
    r.crm.tags = Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`);
    expect(errorsOf(save(r), 'fr')).toEqual({
      'general.contact': 'Au plus 5000 caractères.',
      'crm.tags': 'Au plus 200 éléments.',
    });
  });

  test('a client code with a semicolon is refused in both languages (CSV list separator)', () => {
    const r = fullRecord();
    r.general.code = 'K;=1+1';
    expect(errorsOf(save(r), 'fr')).toEqual({
      'general.code':
        'Un code client ne peut pas contenir de point-virgule (;) : Excel couperait là les fichiers CSV.',
    });
    expect(errorsOf(save(r), 'en')).toEqual({
      'general.code':
        'A client code cannot contain a semicolon (;): Excel would split CSV files there.',
    });
    r.general.code = 'K,1';
    expect(validateSaveRequest(save(r), 'en').ok).toBe(true);
  });

  test('formula-looking and markup-looking text is accepted as plain text', () => {
    const r = fullRecord();
    r.general.name = '=HYPERLINK("http://evil","clic")';
    r.general.contact = '+1 418 555 0000';
    r.terms.invoiceRemarks = '<img src=x onerror=alert(1)>';
    r.crm.needs = '@SUM(A1)';
    const v = validateSaveRequest(save(r), 'en');
    expect(v.ok && v.value.record.general.name).toBe('=HYPERLINK("http://evil","clic")');
    expect(v.ok && v.value.record.terms.invoiceRemarks).toBe('<img src=x onerror=alert(1)>');
  });

  test('unknown keys are stripped; __proto__ and constructor keys are harmless', () => {
    const json = JSON.stringify(save(fullRecord())).replace(
      '"general":{',
      '"general":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"extra":1,',
    );
    const input: unknown = JSON.parse(json);
    const v = validateSaveRequest(input, 'en');
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const general = v.value.record.general as unknown as Record<string, unknown>;
    expect(Object.keys(general)).not.toContain('extra');
    expect(Object.prototype.hasOwnProperty.call(general, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(general)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(general.polluted).toBeUndefined();
  });

  test('computed fields never block a save', () => {
    const r = fullRecord() as unknown as Record<string, unknown>;
    r.computed = { balanceDue: 'lots', watched: 'yes' };
    const v = validateSaveRequest(save(r), 'en');
    expect(v.ok && v.value.record.computed).toEqual(emptyClientRecord().computed);
  });

  test('missing parts and non-objects are refused with a path', () => {
    expect(validateSaveRequest(null, 'en')).toEqual({
      ok: false,
      errors: [{ path: '', message: 'This field is required.' }],
    });
    const r = fullRecord() as Partial<ClientRecord>;
    delete r.terms;
    expect(errorsOf(save(r))).toEqual({ terms: 'This field is required.' });
    expect(errorsOf({ record: fullRecord() })).toEqual({ isNew: 'This field is required.' });
  });

  test('the validated value is the contract type', () => {
    const v = validateSaveRequest(save(fullRecord()), 'en');
    const value: FormSaveRequest | undefined = v.ok ? v.value : undefined;
    expect(value?.record.salespeople).toHaveLength(2);
  });
});

describe('newsletter consent (CASL)', () => {
  test('a ticked newsletter needs a consent type and date, named on their fields', () => {
    const r = fullRecord();
    r.crm.consentType = '';
    r.crm.consentDate = null;
    expect(errorsOf(save(r))).toEqual({
      'crm.consentType': 'Newsletter ticked: give the consent type (CASL).',
      'crm.consentDate': 'Newsletter ticked: give the consent date (CASL).',
    });
    r.crm.consentType = 'implied';
    expect(errorsOf(save(r))).toEqual({
      'crm.consentDate': 'Newsletter ticked: give the consent date (CASL).',
    });
  });

  test('an unticked newsletter needs no consent record; a consent type is a closed set', () => {
    const r = fullRecord();
    r.crm.newsletter = false;
    r.crm.consentType = '';
    r.crm.consentDate = null;
    expect(validateSaveRequest(save(r), 'fr').ok).toBe(true);
    (r.crm as unknown as Record<string, unknown>).consentType = 'maybe';
    expect(errorsOf(save(r))).toEqual({ 'crm.consentType': 'Invalid choice.' });
  });

  test('a payload without the consent fields (an older form) is accepted as is', () => {
    const r = fullRecord();
    delete r.crm.consentType;
    delete r.crm.consentDate;
    delete r.crm.consentSource;
    delete r.crm.nextFollowUp;
    const v = validateSaveRequest(save(r), 'fr');
    expect(v.ok).toBe(true);
    expect(v.ok && 'consentType' in v.value.record.crm).toBe(false);
  });

  test('dates of consent and of the next follow-up are strict days', () => {
    const r = fullRecord();
    r.crm.consentDate = '2024-02-30';
    r.crm.nextFollowUp = '03/01/2025';
    expect(errorsOf(save(r))).toEqual({
      'crm.consentDate': 'Invalid date (YYYY-MM-DD).',
      'crm.nextFollowUp': 'Invalid date (YYYY-MM-DD).',
    });
  });
});

describe('validateOpenRequest / validateClientCode', () => {
  test('open request: optional code and row', () => {
    expect(validateOpenRequest(undefined, 'en')).toEqual({ ok: true, value: {} });
    expect(validateOpenRequest({ code: ' 7 ', x: 1 }, 'en')).toEqual({
      ok: true,
      value: { code: '7' },
    });
    expect(validateOpenRequest({ row: 0 }, 'fr')).toEqual({
      ok: false,
      errors: [{ path: 'row', message: 'Doit être au moins 1.' }],
    });
  });

  test('client code', () => {
    expect(validateClientCode(' 0042 ', 'en')).toEqual({ ok: true, value: '0042' });
    expect(validateClientCode(42, 'en')).toEqual({
      ok: false,
      errors: [{ path: 'general.code', message: 'Invalid value.' }],
    });
    expect(validateClientCode('', 'fr')).toEqual({
      ok: false,
      errors: [{ path: 'general.code', message: 'Ce champ est requis.' }],
    });
  });
});
