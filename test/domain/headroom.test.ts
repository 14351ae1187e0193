import fc from 'fast-check';
import {
  CELL_LIMIT,
  addMonths,
  cellsPerMonth,
  cellsUsed,
  headroom,
  invoicesPerMonth,
  isRetentionMonths,
  monthsFrom,
  retentionCutoff,
  type Growth,
} from '../../src/domain/headroom';

/** The bench's full size: 8,333 invoices a month (8 columns), 15,500 detail lines (8 columns). */
const FULL: Growth = {
  invoicesPerMonth: 8_333,
  invoiceColumns: 8,
  detailLinesPerMonth: 15_500,
  detailColumns: 8,
  reportRowsPerMonth: 4,
  reportColumns: 6,
};

describe('cellsUsed', () => {
  it('counts every grid cell, blank ones included: Σ maxRows × maxColumns', () => {
    expect(
      cellsUsed([
        { name: 'Clients', rows: 1000, columns: 26 },
        { name: 'Factures', rows: 100_001, columns: 8 },
      ]),
    ).toBe(26_000 + 800_008);
    expect(cellsUsed([])).toBe(0);
  });
});

describe('cellsPerMonth', () => {
  it('multiplies each growing sheet’s rows a month by its width', () => {
    const m = cellsPerMonth({ ...FULL, otherRowsPerMonth: 5_000, otherColumns: 8 });
    expect(m).toEqual({
      invoices: 66_664,
      details: 124_000,
      report: 24,
      other: 40_000,
      total: 66_664 + 124_000 + 24 + 40_000,
    });
  });
});

describe('headroom', () => {
  it('months left at this rate, whole months, and the 80 % warning', () => {
    const h = headroom({
      used: 2_000_000,
      growth: FULL,
      detailMonthsHeld: 1,
      retentionMonths: 24,
    });
    expect(h.perMonth.total).toBe(190_688);
    expect(h.monthsLeft).toBe(Math.floor(8_000_000 / 190_688)); // 41
    expect(h.share).toBeCloseTo(0.2);
    expect(h.warn).toBe(false);
    expect(
      headroom({ ...h, growth: FULL, detailMonthsHeld: 0, retentionMonths: 24, used: 7_999_999 })
        .warn,
    ).toBe(false);
    expect(
      headroom({ growth: FULL, detailMonthsHeld: 0, retentionMonths: 24, used: 8_000_000 }).warn,
    ).toBe(true);
  });

  it('with old details folded, the details stop growing after the kept months', () => {
    const used = 1_800_000;
    const h = headroom({ used, growth: FULL, detailMonthsHeld: 1, retentionMonths: 24 });
    // By hand: 23 months at 190,688 (details held 2…24), then each month adds 190,688 and
    // folds 124,000 back: the peak grows by 66,688 a month.
    let u = used;
    let month = 0;
    let held = 1;
    for (;;) {
      if (u + 190_688 > CELL_LIMIT) break;
      u += 190_688;
      held++;
      month++;
      if (held > 24) {
        u -= 124_000;
        held = 24;
      }
    }
    expect(h.monthsLeftWithRetention).toBe(month);
    expect(h.monthsLeftWithRetention!).toBeGreaterThan(h.monthsLeft!);
    expect(h.monthsLeftWithRetention!).toBeGreaterThanOrEqual(60);
  });

  it('folding frees at once the months already held beyond the kept ones', () => {
    const held36 = headroom({
      used: 6_000_000,
      growth: FULL,
      detailMonthsHeld: 36,
      retentionMonths: 24,
    });
    const held1 = headroom({
      used: 6_000_000,
      growth: FULL,
      detailMonthsHeld: 1,
      retentionMonths: 24,
    });
    expect(held36.monthsLeftWithRetention!).toBeGreaterThan(held1.monthsLeftWithRetention!);
    expect(held36.monthsLeft).toBe(held1.monthsLeft);
  });

  it('nothing growing: no limit in sight (null); already at the ceiling: 0', () => {
    const still: Growth = {
      ...FULL,
      invoicesPerMonth: 0,
      detailLinesPerMonth: 0,
      reportRowsPerMonth: 0,
    };
    const h = headroom({ used: 100, growth: still, detailMonthsHeld: 0, retentionMonths: 24 });
    expect(h.monthsLeft).toBeNull();
    expect(h.monthsLeftWithRetention).toBeNull();
    const full = headroom({
      used: CELL_LIMIT,
      growth: FULL,
      detailMonthsHeld: 0,
      retentionMonths: 24,
    });
    expect(full.monthsLeft).toBe(0);
    expect(full.monthsLeftWithRetention).toBe(0);
    expect(full.warn).toBe(true);
  });

  it('folding never gives fewer months than not folding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CELL_LIMIT }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        (used, invoices, lines, held, keep) => {
          const growth = { ...FULL, invoicesPerMonth: invoices, detailLinesPerMonth: lines };
          const h = headroom({ used, growth, detailMonthsHeld: held, retentionMonths: keep });
          const plain = h.monthsLeft ?? Infinity;
          const folded = h.monthsLeftWithRetention ?? Infinity;
          return folded >= plain;
        },
      ),
    );
  });
});

describe('months', () => {
  it('adds months across years, both ways', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', -24)).toBe('2024-11');
    expect(monthsFrom('2024-11', '2026-11')).toBe(24);
  });

  it('the retention cutoff: months strictly before it may be folded', () => {
    expect(retentionCutoff('2026-11', 24)).toBe('2024-11');
    expect(retentionCutoff('2026-01', 1)).toBe('2025-12');
  });

  it('accepts 1 to 240 whole months', () => {
    expect(isRetentionMonths(24)).toBe(true);
    expect(isRetentionMonths(0)).toBe(false);
    expect(isRetentionMonths(2.5)).toBe(false);
    expect(isRetentionMonths('24')).toBe(false);
    expect(isRetentionMonths(241)).toBe(false);
  });

  it('invoices a month: the last 12 months ÷ 12, or ÷ the months of a shorter history', () => {
    const year = Array.from({ length: 24 }, (_, i) => addMonths('2025-01', i)).flatMap((m) =>
      Array<string>(10).fill(m),
    );
    expect(invoicesPerMonth(year, '2026-10')).toBe(10);
    expect(invoicesPerMonth(['2026-09', '2026-10', '2026-10', '2026-12'], '2026-10')).toBe(1.5);
    expect(invoicesPerMonth([], '2026-10')).toBe(0);
  });
});
