/** Quebec and Canadian formats (decision 021): valid, normalized, refused with the message. */
import {
  formatPhone,
  formatPostalCode,
  formatProvince,
  isCanada,
  PROVINCES,
  provinceName,
} from '../../src/shared/formats';
import { emptyClientRecord, newClientRecord, validateSaveRequest } from '../../src/shared/schemas';
import { choiceFromText, choiceShown } from '../../src/shared/contract';
import type { ClientRecord } from '../../src/shared/formApi';

describe('postal code', () => {
  test.each([
    ['H2X 1Y4', 'H2X 1Y4'],
    ['h2x1y4', 'H2X 1Y4'],
    ['  h2x   1y4 ', 'H2X 1Y4'],
    ['G6V-1A1', 'G6V 1A1'],
    ['', ''],
  ])('%j in Canada → %j', (typed, stored) => {
    expect(formatPostalCode(typed, 'Canada')).toEqual({ ok: true, value: stored });
  });

  test.each(['12345', 'H2X 1Y', 'D2X 1Y4', 'H2O 1Y4', 'W1A 1A1', 'H2X 1Y4 5', 'HHX 1Y4'])(
    '%j in Canada is refused (Canadian letters only)',
    (typed) => {
      expect(formatPostalCode(typed, 'Canada')).toEqual({ ok: false, problem: 'badPostalCode' });
    },
  );

  test('another country: as typed (trimmed)', () => {
    expect(formatPostalCode(' 12345 ', 'États-Unis')).toEqual({ ok: true, value: '12345' });
    expect(formatPostalCode('75008', 'France')).toEqual({ ok: true, value: '75008' });
  });

  test('a blank country, CA and CAN count as Canada', () => {
    expect(isCanada('')).toBe(true);
    expect(isCanada(' ca ')).toBe(true);
    expect(isCanada('CAN')).toBe(true);
    expect(isCanada('France')).toBe(false);
    expect(formatPostalCode('12345', '').ok).toBe(false);
  });
});

describe('phone', () => {
  test.each([
    ['514 555-0101', '514 555-0101'],
    ['5145550101', '514 555-0101'],
    ['(514) 555-0101', '514 555-0101'],
    ['514.555.0101', '514 555-0101'],
    ['+1 514 555 0101', '514 555-0101'],
    ['1-514-555-0101', '514 555-0101'],
    ['514 555-0101 poste 123', '514 555-0101 poste 123'],
    ['514-555-0101 p. 12', '514 555-0101 poste 12'],
    ['514 555 0101 ext 123', '514 555-0101 ext. 123'],
    ['514 555 0101 x45', '514 555-0101 ext. 45'],
    ['514 555-0101, Ext. 9', '514 555-0101 ext. 9'],
    ['+33 1 23 45 67 89', '+33 1 23 45 67 89'],
    ['', ''],
  ])('%j → %j', (typed, stored) => {
    expect(formatPhone(typed)).toEqual({ ok: true, value: stored });
  });

  test.each([
    'abc',
    '555-0101',
    '514 555-010',
    '514 555-01011',
    '014 555-0101',
    '+1 514',
    '+33 12',
  ])('%j is refused', (typed) => {
    expect(formatPhone(typed)).toEqual({ ok: false, problem: 'badPhone' });
  });
});

describe('province', () => {
  test('13 provinces and territories, named in both languages', () => {
    expect(PROVINCES).toHaveLength(13);
    expect(provinceName('QC', 'fr')).toBe('Québec');
    expect(provinceName('PE', 'en')).toBe('Prince Edward Island');
  });

  test.each([
    ['QC', 'QC'],
    ['qc', 'QC'],
    ['Quebec', 'QC'],
    ['québec', 'QC'],
    ['Ile-du-Prince-Edouard', 'PE'],
    ['Colombie-Britannique', 'BC'],
    ['', ''],
  ])('%j in Canada → %j', (typed, stored) => {
    expect(formatProvince(typed, 'Canada')).toEqual({ ok: true, value: stored });
  });

  test('an unknown province in Canada is refused; elsewhere kept as typed', () => {
    expect(formatProvince('Quebek', 'Canada')).toEqual({ ok: false, problem: 'badProvince' });
    expect(formatProvince('NY', 'USA')).toEqual({ ok: true, value: 'NY' });
  });
});

describe('the language list', () => {
  test('shows Français / English, stores fr / en, reads either', () => {
    expect(choiceShown('language', 'fr', 'en')).toBe('Français');
    expect(choiceShown('language', 'en', 'fr')).toBe('English');
    expect(choiceFromText('language', 'Français')).toBe('fr');
    expect(choiceFromText('language', 'en')).toBe('en');
  });
});

describe('the save schema applies the formats', () => {
  function client(general: Partial<ClientRecord['general']>): ClientRecord {
    const r = emptyClientRecord('C0001');
    r.general = { ...r.general, name: 'Tremblay', ...general };
    return r;
  }

  test('a new client is saved normalized', () => {
    const v = validateSaveRequest(
      {
        record: client({ phone: '(514) 555-0101', postalCode: 'h2x1y4', province: 'Québec' }),
        isNew: true,
      },
      'fr',
    );
    expect(v.ok && v.value.record.general).toMatchObject({
      phone: '514 555-0101',
      postalCode: 'H2X 1Y4',
      province: 'QC',
    });
  });

  test('refused with the message next to the field, in the workbook language', () => {
    const record = client({ phone: 'abc', postalCode: '12345', province: 'Quebek' });
    const fr = validateSaveRequest({ record, isNew: true }, 'fr');
    expect(fr.ok).toBe(false);
    const errors = fr.ok ? {} : Object.fromEntries(fr.errors.map((e) => [e.path, e.message]));
    expect(errors['general.phone']).toMatch(/^Numéro à 10 chiffres attendu/);
    expect(errors['general.postalCode']).toMatch(/^Code postal canadien attendu/);
    expect(errors['general.province']).toMatch(/^Province ou territoire canadien attendu/);
    const en = validateSaveRequest({ record, isNew: true }, 'en');
    expect(en.ok ? [] : en.errors.map((e) => e.message)).toContain(
      'A Canadian postal code is expected, like H2X 1Y4 (or give another country).',
    );
  });

  test('a US client keeps its ZIP code and state as typed', () => {
    const v = validateSaveRequest(
      { record: client({ country: 'USA', postalCode: '10001', province: 'NY' }), isNew: true },
      'en',
    );
    expect(v.ok && v.value.record.general).toMatchObject({ postalCode: '10001', province: 'NY' });
  });

  test('a value still as the sheet holds it is neither rewritten nor refused', () => {
    const loaded = client({ phone: 'poste de Julie', postalCode: 'h2x1y4' });
    const edited = client({ phone: 'poste de Julie', postalCode: 'h2x1y4', contact: 'Julie' });
    const v = validateSaveRequest({ record: edited, isNew: false, original: loaded }, 'fr');
    expect(v.ok && v.value.record.general).toMatchObject({
      phone: 'poste de Julie',
      postalCode: 'h2x1y4',
      contact: 'Julie',
    });
  });

  test('a new client starts in Quebec, Canada, in the workbook language', () => {
    expect(newClientRecord('C0002', 'fr').general).toMatchObject({
      code: 'C0002',
      province: 'QC',
      country: 'Canada',
      language: 'fr',
    });
    expect(newClientRecord('C0002', 'en').general.language).toBe('en');
  });
});
