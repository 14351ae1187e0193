/** Seed data of the fake backend: lists as setup writes them, and two existing clients. */
import { LIST_SEEDS } from '../../src/shared/contract';
import type { ClientRecord, FormLists } from '../../src/shared/formApi';
import { emptyClientRecord } from '../../src/shared/schemas';
import type { FakeSeed } from './fakeBackend';

export function lists(lang: 'fr' | 'en'): FormLists {
  const s = LIST_SEEDS[lang];
  return {
    creditCodes: s.creditCodes ?? [],
    salespeople: ['Julie Roy', 'Marc Gagnon'],
    accountManagers: ['Sophie Côté', 'Luc Martin'],
    referralSources: s.referralSources ?? [],
    tags: s.tags ?? [],
    productTypes: s.productTypes ?? [],
  };
}

/** A client under watch, with invoices (computed dates read-only). */
export function watchedClient(): ClientRecord {
  const r = emptyClientRecord('C-0001');
  r.version = '2025-03-01T15:00:00.000Z';
  r.general = { ...r.general, name: 'Quincaillerie Tremblay', kind: 'company', city: 'Québec' };
  r.terms = {
    ...r.terms,
    creditCode: 'NET30',
    creditLimit: 1000,
    termDays: 30,
    lastInvoiceDate: '2025-02-20',
    lastUnpaidInvoiceDate: '2025-01-05',
  };
  r.salespeople = [
    { salesperson: 'Julie Roy', commissionType: 'sales', ratePct: 5, productType: '' },
  ];
  // An implied consent (a purchase) from 2023: more than two years old, flagged in the form.
  r.crm.newsletter = true;
  r.crm.consentType = 'implied';
  r.crm.consentDate = '2023-01-05';
  r.crm.consentSource = 'Facture F-0901';
  r.computed = {
    ...r.computed,
    computedHabits:
      'Pièces (12), Produits (4) · environ toutes les 3 semaines · surtout en mars · 16 achats depuis 2024-01-10, dernier le 2025-02-20',
    balanceDue: 1250.5,
    watched: true,
    watchReasons: 'Facture F-1001 en retard; Solde dû (1 250,50) au-dessus de la limite (1 000,00)',
    hasInvoices: true,
    updatedAt: '2025-03-01T15:00:00.000Z',
    updatedBy: 'marie@exemple.ca',
  };
  return r;
}

/** A client whose name looks like markup: it must be shown as text. */
export function hostileClient(): ClientRecord {
  const r = emptyClientRecord('C-0002');
  r.version = '2025-03-02T15:00:00.000Z';
  r.general.name = '<img src=x onerror="window.__pwned=1">Boulangerie';
  r.crm.needs = '=HYPERLINK("http://evil.example","clic")';
  r.computed.updatedAt = r.version;
  r.computed.updatedBy = 'luc@exemple.ca';
  return r;
}

export function seed(lang: 'fr' | 'en', extra: Partial<FakeSeed> = {}): FakeSeed {
  return {
    lang,
    lists: lists(lang),
    termDays: 30,
    user: 'julie@exemple.ca',
    clients: [watchedClient(), hostileClient()],
    buyers: {
      [lang === 'fr' ? 'pièces' : 'parts']: [
        {
          code: 'C-0001',
          name: 'Quincaillerie Tremblay',
          count: 12,
          total: 4820.5,
          lastDay: '2025-02-20',
          accountManager: 'Sophie Côté',
        },
        {
          code: 'C-0002',
          name: '<img src=x onerror="window.__pwned=1">Boulangerie',
          count: 1,
          total: 80,
          lastDay: '2024-11-02',
          accountManager: '',
        },
      ],
    },
    ...extra,
  };
}
