/**
 * Years of headroom (decision 008) under Google Sheets' 10,000,000-cell ceiling
 * (https://support.google.com/drive/answer/37603: every grid cell counts, blank ones included),
 * at the bench's full size (bench/workbook.ts).
 *
 * Measured on the emulator: the cells the full-size workbook uses after Set up (Σ maxRows ×
 * maxColumns), the commission detail lines a monthly run writes, and a real fold of two
 * paid-out months (cells freed, service calls). Projected with the product's own arithmetic
 * (src/domain/headroom.ts): the months before the ceiling with 8,333 invoices a month (100,000
 * a year, the bench's rate) and a commission run every month, without folding and with the
 * retention rule at its default (24 months kept). Writes bench/headroom.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { Emulator } from '../emulator';
import {
  CELL_LIMIT,
  DEFAULT_RETENTION_MONTHS,
  cellsUsed,
  headroom,
  type Growth,
  type SheetSize,
} from '../src/domain/headroom';
import { SHEETS, sheetName } from '../src/shared/contract';
import { COMMISSION_MONTH, LANG, buildWorkbook, sizes } from './workbook';

/** Sheets' default width: what every sheet kept before Set up trimmed them. */
const DEFAULT_COLUMNS = 26;
/** The target (decision 008): room for at least this many more months at full size. */
const TARGET_MONTHS = 60;

export interface HeadroomResult {
  sheets: SheetSize[];
  cellsAfterSetup: number;
  /** The same workbook with every sheet at Sheets' default 26 columns (before this change). */
  cellsUntrimmed: number;
  invoicesPerMonth: number;
  detailLinesPerMonth: number;
  crmRowsPerMonth: number;
  perMonth: number;
  monthsWithoutFold: number | null;
  monthsWithFold: number | null;
  monthsWithFoldAndCrm: number | null;
  monthsBefore: number | null;
  fold: { months: string[]; lines: number; freedCells: number; calls: number; cellsRead: number };
  settingsLines: string[];
}

function sizesOf(emu: Emulator): SheetSize[] {
  const app = emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return app
    .getActiveSpreadsheet()
    .getSheets()
    .map((s) => ({ name: s.getName(), rows: s.getMaxRows(), columns: s.getMaxColumns() }));
}

function width(sheets: SheetSize[], name: string): number {
  return sheets.find((s) => s.name === name)?.columns ?? 0;
}

/** Ticks Paid out on every report row of the given months (a person would, uncounted here). */
function tickPaidOut(emu: Emulator, months: string[]): void {
  const name = sheetName('report', LANG);
  const values = emu.spreadsheet.values(name);
  const paid = values[0]!.indexOf(SHEETS.report.columns[5][LANG]);
  values.slice(1).forEach((row, i) => {
    if (months.includes(String(row[0])))
      emu.spreadsheet.seed(name, [[true]], `${String.fromCharCode(65 + paid)}${i + 2}`);
  });
}

export function runHeadroom(): HeadroomResult {
  const full = sizes().find((s) => s.label === 'full')!;
  const emu = buildWorkbook(full);
  emu.run('setupWorkbook'); // a repair of the filled workbook: trims nothing more
  const sheets = sizesOf(emu);
  const cellsAfterSetup = cellsUsed(sheets);
  const cellsUntrimmed = cellsUsed(
    sheets.map((s) => ({ ...s, columns: Math.max(s.columns, DEFAULT_COLUMNS) })),
  );

  // One monthly run: the lines a month writes (the growth record keeps them for Settings).
  const detailsName = sheetName('reportDetails', LANG);
  emu.run('computeCommissions', COMMISSION_MONTH);
  const detailLinesPerMonth = emu.spreadsheet.values(detailsName).length - 1;
  // The bench's invoices: 100,000 dated over the last 365 days; its CRM log: 50,000 rows over 300.
  const invoicesPerMonth = full.invoices / 12;
  const crmRowsPerMonth = (full.crmEntries / 300) * (365 / 12);

  const growth: Growth = {
    invoicesPerMonth,
    invoiceColumns: width(sheets, sheetName('invoices', LANG)),
    detailLinesPerMonth,
    detailColumns: width(sheets, detailsName),
    reportRowsPerMonth: 4, // four salespeople
    reportColumns: width(sheets, sheetName('report', LANG)),
  };
  const start = { used: cellsAfterSetup, growth, detailMonthsHeld: 0 };
  const figure = headroom({ ...start, retentionMonths: DEFAULT_RETENTION_MONTHS });
  const withCrm = headroom({
    ...start,
    growth: {
      ...growth,
      otherRowsPerMonth: crmRowsPerMonth,
      otherColumns: width(sheets, sheetName('crmLog', LANG)),
    },
    retentionMonths: DEFAULT_RETENTION_MONTHS,
  });
  const before = headroom({
    used: cellsUntrimmed,
    growth: { ...growth, invoiceColumns: DEFAULT_COLUMNS, detailColumns: DEFAULT_COLUMNS },
    detailMonthsHeld: 0,
    retentionMonths: DEFAULT_RETENTION_MONTHS,
  });

  // A real fold at full size: two more months computed and paid out, one month kept.
  emu.run('computeCommissions', '2026-09');
  emu.run('computeCommissions', '2026-08');
  tickPaidOut(emu, ['2026-08', '2026-09']);
  // The months kept, as Settings' Save sends them (with the other settings).
  const keep = (retentionMonths: number) =>
    emu.run('settingsSave', { ...(emu.run('settingsLoad') as object), retentionMonths });
  keep(1);
  emu.run('showCommissionDetailsFold');
  const dialog = emu.ui.events.filter((e) => e.kind === 'modalDialog').at(-1);
  const json = /var d=(\{.*?\});var \$=/s.exec(dialog && 'html' in dialog ? dialog.html : '')?.[1];
  if (!json) throw new Error('bench: no fold dialog');
  const request = (JSON.parse(json) as { request: { months: string[]; fingerprint: string } })
    .request;
  const beforeFold = cellsUsed(sizesOf(emu));
  const m = emu.calls.measure(
    () => emu.run('foldCommissionDetails', request) as { ok: boolean; removed: number },
  );
  if (!m.result.ok) throw new Error(`bench: fold refused ${JSON.stringify(m.result)}`);
  const freedCells = beforeFold - cellsUsed(sizesOf(emu));
  keep(DEFAULT_RETENTION_MONTHS);
  const settings = emu.run('headroomLoad') as { lines: string[] };

  return {
    sheets,
    cellsAfterSetup,
    cellsUntrimmed,
    invoicesPerMonth,
    detailLinesPerMonth,
    crmRowsPerMonth,
    perMonth: figure.perMonth.total,
    monthsWithoutFold: figure.monthsLeft,
    monthsWithFold: figure.monthsLeftWithRetention,
    monthsWithFoldAndCrm: withCrm.monthsLeftWithRetention,
    monthsBefore: before.monthsLeft,
    fold: {
      months: request.months,
      lines: m.result.removed,
      freedCells,
      calls: m.total,
      cellsRead: m.cells.read,
    },
    settingsLines: settings.lines,
  };
}

const n = (x: number) => Math.round(x).toLocaleString('en');
const months = (x: number | null) => (x === null ? '> 1,200' : n(x));

export function headroomMarkdown(r: HeadroomResult): string {
  const ok = (r.monthsWithFold ?? Infinity) >= TARGET_MONTHS;
  return [
    '# Headroom under the 10,000,000-cell ceiling (full size)',
    '',
    `Generated by \`npm run bench\` (bench/headroom.ts) on ${new Date().toISOString()}.`,
    '',
    '| sheet | rows (maxRows) | columns (maxColumns) | cells |',
    '| ----- | -------------: | -------------------: | ----: |',
    ...r.sheets.map(
      (s) => `| ${s.name} | ${n(s.rows)} | ${s.columns} | ${n(s.rows * s.columns)} |`,
    ),
    `| **total after Set up** | | | **${n(r.cellsAfterSetup)}** (${((100 * r.cellsAfterSetup) / CELL_LIMIT).toFixed(1)} %) |`,
    `| at Sheets' default 26 columns (before) | | | ${n(r.cellsUntrimmed)} |`,
    '',
    '| growth a month | rows | cells |',
    '| -------------- | ---: | ----: |',
    `| invoices (100,000 a year) | ${n(r.invoicesPerMonth)} | |`,
    `| commission detail lines (measured: the run of ${COMMISSION_MONTH}) | ${n(r.detailLinesPerMonth)} | |`,
    `| **total (with the report's 4 rows)** | | **${n(r.perMonth)}** |`,
    '',
    '| months before the ceiling, from the full-size workbook after Set up | months |',
    '| ------------------------------------------------------------------- | -----: |',
    `| before this change (26 columns, no folding) | ${months(r.monthsBefore)} |`,
    `| columns trimmed, nothing folded | ${months(r.monthsWithoutFold)} |`,
    `| **columns trimmed, details folded after ${DEFAULT_RETENTION_MONTHS} months (default)** | **${months(r.monthsWithFold)}** ${ok ? '✓' : '✗'} (≥ ${TARGET_MONTHS}) |`,
    `| same, if the CRM log also grows by ${n(r.crmRowsPerMonth)} rows a month (the bench's rate) | ${months(r.monthsWithFoldAndCrm)} |`,
    '',
    `A real fold at full size (${r.fold.months.join(', ')} paid out, 1 month kept): ${n(r.fold.lines)} lines removed, ${n(r.fold.freedCells)} cells freed, ${r.fold.calls} service calls, ${n(r.fold.cellsRead)} cells read.`,
    '',
    'Settings shows, for this workbook after the runs:',
    '',
    ...r.settingsLines.map((l) => `> ${l}  `),
    '',
  ].join('\n');
}

/** Runs, prints and writes bench/headroom.md (called by bench/index.ts). */
export async function headroomBench(): Promise<HeadroomResult> {
  process.stderr.write('bench: headroom at full size…\n');
  const result = runHeadroom();
  const md = headroomMarkdown(result);
  const where = path.join(path.dirname(new URL(import.meta.url).pathname), 'headroom.md');
  const options = (await resolveConfig(where)) ?? {};
  writeFileSync(where, await format(md, { ...options, parser: 'markdown' }));
  process.stdout.write(`\n${md}\n`);
  return result;
}
