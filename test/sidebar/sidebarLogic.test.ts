/** The sidebar's pure helpers: number input parsing and the client type-ahead. */
import { keepChanges } from '../../src/sidebar/app';
import { emptyClientRecord } from '../../src/shared/schemas';
import type { ClientRecord } from '../../src/shared/formApi';
import * as z from 'zod/mini';
import '../../src/shared/schemas';
import { formatNumber, parseNumber } from '../../src/sidebar/fields';
import { findClients, indexClients } from '../../src/sidebar/finder';

describe('parseNumber / formatNumber', () => {
  test('French: comma decimal, spaces (also no-break) group thousands', () => {
    expect(parseNumber('2 500,50', 'fr')).toBe(2500.5);
    expect(parseNumber('1\u202f250,5', 'fr')).toBe(1250.5);
    expect(parseNumber('7.5', 'fr')).toBe(7.5);
    expect(formatNumber(7.5, 'fr')).toBe('7,5');
  });

  test('English: dot decimal, commas group thousands', () => {
    expect(parseNumber('1,234.5', 'en')).toBe(1234.5);
    expect(formatNumber(1234.5, 'en')).toBe('1234.5');
  });

  test('blank is null; anything else that is not a plain decimal is NaN', () => {
    expect(parseNumber('  ', 'fr')).toBeNull();
    for (const bad of ['abc', '0x1F', '1e3', '1,2,3', '--1', '=1+1'])
      expect(parseNumber(bad, 'fr')).toBeNaN();
    expect(parseNumber('-3', 'en')).toBe(-3);
    expect(formatNumber(null, 'fr')).toBe('');
    expect(formatNumber(NaN, 'en')).toBe('');
  });
});

describe('findClients', () => {
  const clients = [
    { code: 'C-0010', name: 'Érablière du Nord' },
    { code: 'C-0001', name: 'Quincaillerie Tremblay' },
    { code: 'TREM', name: 'Autre' },
    ...Array.from({ length: 10_000 }, (_, i) => ({ code: `X${i}`, name: `Client ${i}` })),
  ];
  const index = indexClients(clients);

  test('matches code or name, ignoring case and accents; best matches first', () => {
    expect(findClients(index, 'erab').map((c) => c.code)).toEqual(['C-0010']);
    expect(findClients(index, 'trem').map((c) => c.code)).toEqual(['TREM', 'C-0001']);
    expect(findClients(index, 'c-00').map((c) => c.code)).toEqual(['C-0010', 'C-0001']);
    expect(findClients(index, '  ')).toEqual([]);
  });

  test('inactive clients are left out unless asked (decision 021)', () => {
    const some = indexClients([
      { code: 'A1', name: 'Ferme active' },
      { code: 'A2', name: 'Ferme partie', inactive: true },
    ]);
    expect(findClients(some, 'ferme').map((c) => c.code)).toEqual(['A1']);
    expect(findClients(some, 'A2')).toEqual([]);
    expect(findClients(some, 'ferme', true).map((c) => c.code)).toEqual(['A1', 'A2']);
  });

  test('an exact code comes first, and at most 20 results are drawn', () => {
    const found = findClients(index, 'x1');
    expect(found[0]?.code).toBe('X1');
    expect(found).toHaveLength(20);
  });
});

test('zod runs jitless (no eval in Apps Script or the sidebar sandbox)', () => {
  expect(z.config().jitless).toBe(true);
});

describe('keepChanges (Recharger after a conflict, decision 021)', () => {
  const base = (): ClientRecord => {
    const r = emptyClientRecord('C1');
    r.general.name = 'Ferme';
    r.salespeople = [
      { salesperson: 'Julie', commissionType: 'sales', ratePct: 5, productType: '', origin: 0 },
    ];
    return r;
  };

  test('puts the person’s changed fields and rows on top of the stored client', () => {
    const original = base();
    const mine = base();
    mine.general.city = 'Sherbrooke';
    mine.salespeople.push({
      salesperson: 'Marc',
      commissionType: 'margin',
      ratePct: 3,
      productType: '',
    });
    const fresh = base();
    fresh.general.contact = 'Sophie';
    fresh.general.city = 'Montréal';
    const { record, kept } = keepChanges(fresh, mine, original, 'fr');
    expect(record.general).toMatchObject({ contact: 'Sophie', city: 'Sherbrooke', name: 'Ferme' });
    expect(record.salespeople.map((a) => a.salesperson)).toEqual(['Julie', 'Marc']);
    expect(kept).toEqual({ paths: ['general.city', 'salespeople'], labels: ['Ville'] });
  });

  test('a blank optional field the form filled in is no change: theirs stays', () => {
    const original = base();
    delete original.general.status; // the server leaves a blank optional field out
    const mine = base();
    mine.general.status = ''; // the form filled it in
    const fresh = base();
    fresh.general.status = 'inactive';
    const { record, kept } = keepChanges(fresh, mine, original, 'fr');
    expect(record.general.status).toBe('inactive');
    expect(kept.paths).toEqual([]);
  });

  test('a list someone else changed keeps theirs, plus the person’s new rows only', () => {
    const original = base();
    const mine = base();
    mine.salespeople[0]!.ratePct = 6;
    mine.salespeople.push({
      salesperson: 'Marc',
      commissionType: 'margin',
      ratePct: 3,
      productType: '',
    });
    const fresh = base();
    fresh.salespeople[0]!.ratePct = 9;
    const { record } = keepChanges(fresh, mine, original, 'en');
    expect(record.salespeople.map((a) => [a.salesperson, a.ratePct])).toEqual([
      ['Julie', 9],
      ['Marc', 3],
    ]);
  });
});
