/**
 * Decision 012: whether Apps Script's V8 knows every IANA time zone through Intl is not documented
 * (the intlTimeZones switch). In the world where Intl lacks the spreadsheet's zone, dates fall
 * back to Utilities.formatDate (src/server/platform/zoneFallback.ts) and every day is the same;
 * the calls that takes grow with the weeks the dates span, never with the number of dates. CI
 * runs this file in both worlds (npm run test:worlds).
 */
import { workbook, type TestWorkbook } from './harness';

const NOW = '2026-11-15T12:00:00-05:00';

/** Invoices of client A, each at 23:30 Toronto time (already the next day in UTC). */
function seeded(invoices: number): TestWorkbook {
  const wb = workbook({ locale: 'en_US', now: NOW, timeZone: 'America/Toronto' });
  wb.addRecords('en', 'clients', [{ code: 'A', name: 'Alpha' }]);
  wb.addRecords('en', 'terms', [{ clientCode: 'A', termDays: 30 }]);
  // Over one year, the last one on 2026-10-31 at 23:30 EDT (2026-11-01 03:30 UTC).
  const last = Date.parse('2026-11-01T03:30:00Z');
  wb.addRecords(
    'en',
    'invoices',
    Array.from({ length: invoices }, (_, i) => ({
      number: String(i + 1),
      date: new Date(last - Math.floor((i * 365) / invoices) * 86_400_000),
      clientCode: 'A',
      amount: 10,
      paidDate: new Date(last - Math.floor((i * 365) / invoices) * 86_400_000),
    })),
  );
  return wb;
}

function lastInvoiceDay(wb: TestWorkbook): string {
  const value = wb.records('en', 'terms')[0]!.lastInvoiceDate;
  if (!(value instanceof Date)) throw new Error(`not a date: ${String(value)}`);
  return value.toLocaleDateString('en-CA', { timeZone: 'America/Toronto' });
}

describe('dates in the spreadsheet’s zone, whether or not Intl knows it', () => {
  it('the last invoice of October at 23:30 is on October 31', () => {
    const wb = seeded(40);
    const { calls } = wb.measure(() => wb.run('refreshWatchList'));
    expect(wb.emu.triggerFailures).toEqual([]);
    expect(lastInvoiceDay(wb)).toBe('2026-10-31');
    const formatDates = calls['Utilities.formatDate'] ?? 0;
    if (wb.emu.worlds.intlTimeZones === 'all') expect(formatDates).toBe(0);
    else expect(formatDates).toBeGreaterThan(0);
  });

  it('the fallback’s calls do not grow with the number of dates', () => {
    const count = (n: number) => {
      const wb = seeded(n);
      return wb.measure(() => wb.run('refreshWatchList')).calls['Utilities.formatDate'] ?? 0;
    };
    // Enough dates to fall in every week of the year, then three times as many.
    const few = count(400);
    const many = count(1200);
    expect(many).toBe(few);
    // A year of dates and the weeks around today: about 60 weekly samples, and two changes of
    // offset bisected to the quarter hour (about 10 calls each).
    expect(many).toBeLessThanOrEqual(100);
  });

  it('the commission month of an invoice at 23:30 on the last day is that month', () => {
    const wb = seeded(1);
    wb.addRecords('en', 'lists', [{ salespeople: 'Marc' }]);
    wb.addRecords('en', 'commissions', [
      { clientCode: 'A', salesperson: 'Marc', commissionType: 'sales', ratePct: 10 },
    ]);
    wb.run('computeCommissions', '2026-10');
    const rows = wb.records('en', 'reportDetails');
    expect(rows.map((r) => [r.month, r.invoiceNumber])).toEqual([['2026-10', '1']]);
  });
});
