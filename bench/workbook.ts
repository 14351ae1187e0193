/**
 * The benchmark's synthetic workbook: Set up workbook through the bundle, then rows written
 * straight into the emulated document with EmulatedSpreadsheet.seed (uncounted, one block per
 * sheet), because typing 180,000 rows through counted service calls would measure the seeding,
 * not the product. Deterministic (mulberry32 from the preview's sample generator).
 */
import { createEmulator, type Emulator } from '../emulator';
import {
  SHEETS,
  choiceLabel,
  normalizeHeader,
  sheetName,
  type SheetKey,
} from '../src/shared/contract';
import { prng } from '../preview/sample';

export const LANG = 'fr' as const;
/** "Today" of the bench: mid-November, so October is the month the commission run computes. */
export const TODAY = '2026-11-15';
export const COMMISSION_MONTH = '2026-10';

export interface Size {
  label: string;
  clients: number;
  terms: number;
  agreements: number;
  crmEntries: number;
  invoices: number;
  /** Payments received (decision 020's bench: as many as invoices at full size). */
  payments: number;
}

/** The full size (decision 013) and its 1/10 and 1/100. */
export function sizes(): Size[] {
  const full = {
    clients: 10_000,
    terms: 10_000,
    agreements: 20_000,
    crmEntries: 50_000,
    invoices: 100_000,
    payments: 100_000,
  };
  return [100, 10, 1].map((divisor) => ({
    label: divisor === 1 ? 'full' : `1/${divisor}`,
    clients: full.clients / divisor,
    terms: full.terms / divisor,
    agreements: full.agreements / divisor,
    crmEntries: full.crmEntries / divisor,
    invoices: full.invoices / divisor,
    payments: full.payments / divisor,
  }));
}

export function clientCode(i: number): string {
  return `C${String(i + 1).padStart(5, '0')}`;
}

const SALESPEOPLE = ['Alice Roy', 'Bruno Gagnon', 'Chloé Côté', 'David Morin'];
const MANAGERS = ['Marie Tremblay', 'Paul Lévesque'];

/** Places records keyed by contract column under the sheet's header row, in one seed. */
function seedRecords(emu: Emulator, key: SheetKey, records: Record<string, unknown>[]): void {
  const name = sheetName(key, LANG);
  const header = (emu.spreadsheet.values(name)[0] ?? []).map(normalizeHeader);
  const position = new Map<string, number>();
  for (const column of SHEETS[key].columns) {
    const i = header.findIndex(
      (h) => h === normalizeHeader(column.fr) || h === normalizeHeader(column.en),
    );
    if (i >= 0) position.set(column.key, i);
  }
  const rows = records.map((record) => {
    const row: unknown[] = header.map(() => '');
    for (const [k, v] of Object.entries(record)) {
      const i = position.get(k);
      if (i === undefined) throw new Error(`bench: no column ${k} in ${name}`);
      row[i] = v;
    }
    return row;
  });
  const start = emu.spreadsheet.values(name).length + 1;
  if (rows.length > 0) emu.spreadsheet.seed(name, rows, `A${start}`);
}

function day(offset: number): string {
  const d = new Date(Date.UTC(2026, 10, 15) - offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A new emulator, bundle loaded, workbook set up and filled to `size`. */
export function buildWorkbook(size: Size): Emulator {
  const emu = createEmulator({
    locale: 'fr_CA',
    timeZone: 'America/Toronto',
    now: `${TODAY}T12:00:00-05:00`,
    // A typed value fires the change trigger too (changeType EDIT): the stricter of the two
    // readings of the reference (emulator/emulator.ts, changeOnEdit), so every edit measured
    // here is two trigger executions, as the daily trigger runtime must count it.
    changeOnEdit: true,
    // The CPU inside service calls, taken out of the product's own CPU (costModel.ts).
    measureServiceCpu: true,
  });
  emu.loadBundle();
  emu.run('setupWorkbook');
  const random = prng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const { clients } = size;

  seedRecords(
    emu,
    'lists',
    SALESPEOPLE.map((s, i) => ({
      salespeople: s,
      salespersonEmails: `${s.split(' ')[0]!.toLowerCase()}@example.com`,
      accountManagers: MANAGERS[i] ?? '',
      accountManagerEmails: MANAGERS[i] ? `manager${i}@example.com` : '',
    })),
  );
  seedRecords(
    emu,
    'clients',
    Array.from({ length: clients }, (_, i) => ({
      code: clientCode(i),
      name: `Client ${i + 1} inc.`,
      kind: choiceLabel('clientKind', i % 7 ? 'company' : 'individual', LANG),
      email: `info@client${i + 1}.ca`,
      phone: `514 555-${String(i % 10_000).padStart(4, '0')}`,
      city: pick(['Montréal', 'Québec', 'Laval', 'Gatineau']),
      province: 'QC',
      postalCode: 'H2X 1Y4',
      country: 'Canada',
      accountManager: MANAGERS[i % 2],
      newsletter: i % 3 === 0,
      needs: 'Livraison le matin',
    })),
  );
  seedRecords(
    emu,
    'terms',
    Array.from({ length: size.terms }, (_, i) => ({
      clientCode: clientCode(i % clients),
      creditCode: 'NET30',
      creditLimit: pick([0, 2000, 5000, 25_000]),
      termDays: pick([15, 30, 45]),
      watchReason: i % 17 === 7 ? 'Chèque sans provision' : '',
      emailInvoices: i % 2 === 0,
    })),
  );
  const types = ['sales', 'payments', 'margin'] as const;
  seedRecords(
    emu,
    'commissions',
    Array.from({ length: size.agreements }, (_, i) => ({
      clientCode: clientCode(i % clients),
      salesperson: SALESPEOPLE[i % SALESPEOPLE.length],
      commissionType: choiceLabel('commissionType', types[i % 3]!, LANG),
      ratePct: pick([2, 3, 5]),
    })),
  );
  seedRecords(
    emu,
    'crmLog',
    Array.from({ length: size.crmEntries }, (_, i) => ({
      clientCode: clientCode(i % clients),
      date: day(1 + (i % 300)),
      kind: choiceLabel('crmKind', pick(['discussion', 'email', 'followUp']), LANG),
      from: 'marie@example.com',
      to: `info@client${(i % clients) + 1}.ca`,
      subject: 'Suivi de commande',
      details: 'Appel au sujet de la livraison',
    })),
  );
  const invoices = Array.from({ length: size.invoices }, (_, i) => {
    const age = Math.floor(random() * 365);
    return {
      number: `F-${100_001 + i}`,
      date: day(age),
      clientCode: clientCode(i % clients),
      productType: pick(['Produits', 'Services', 'Pièces']),
      amount: Math.round(random() * 500_000) / 100,
      cost: Math.round(random() * 300_000) / 100,
      paidDate: age > 40 && random() < 0.9 ? day(age - 20) : '',
      age,
    };
  });
  seedRecords(
    emu,
    'invoices',
    invoices.map(({ age: _age, ...invoice }) => invoice),
  );
  seedRecords(emu, 'payments', paymentsOf(invoices, size.payments));
  return emu;
}

/**
 * Payments received, up to `count`: a paid invoice is paid by one payment on its Paid on date,
 * one in ten by two halves (the first ten days after its date); an unpaid one has a part paid
 * (30 %) ten days after its date. Invoices are taken in turn until `count` payments are made.
 */
function paymentsOf(
  invoices: readonly {
    number: string;
    clientCode: string;
    amount: number;
    paidDate: string;
    age: number;
  }[],
  count: number,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const pay = (inv: (typeof invoices)[number], amount: number, date: string) =>
    out.push({
      date,
      invoiceNumber: inv.number,
      clientCode: inv.clientCode,
      amount: Math.round(amount * 100) / 100,
      reference: `Chq ${out.length + 1}`,
    });
  for (let round = 0; out.length < count && round < 4; round++)
    invoices.forEach((inv, i) => {
      if (out.length >= count || (i + round) % 4 !== 0) return;
      if (inv.paidDate) {
        if (i % 10 === 0) pay(inv, inv.amount / 2, day(inv.age - 10));
        if (out.length < count) pay(inv, i % 10 === 0 ? inv.amount / 2 : inv.amount, inv.paidDate);
      } else pay(inv, inv.amount * 0.3, day(Math.max(0, inv.age - 10)));
    });
  return out;
}
