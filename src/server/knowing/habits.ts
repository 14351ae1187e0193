/**
 * The buying-habits run and the "who might want product type X?" search. The run reads
 * Invoices once, computes every client's habits (src/domain/habits.ts) and writes them into the
 * computed Clients column "Computed buying habits" in one block, so the form reads a cell
 * instead of 100,000 invoices. Run from the menu and by the daily trigger (onKnowingDailyTrigger).
 */
import { codeKey, type ReadContext } from '../../domain/cells';
import { buyersOfProductType, describeHabits, habitsByClient } from '../../domain/habits';
import type { CellProblem } from '../../domain/types';
import type { Lang } from '../../shared/contract';
import type { HabitsSearchResult } from '../../shared/formApi';
import { t } from '../platform/messages';
import { readInvoices, toCell } from '../workbook/records';
import { loadSettings } from '../platform/settings';
import { columnsOf, FIRST_DATA_ROW } from '../workbook/sheets';
import { WorkbookError } from '../platform/errors';
import { readColumns, readTable } from '../workbook/read';
import { setCellValuesIfUnmoved } from '../workbook/write';
import { sameHeader, stillHolds } from '../workbook/rowChecks';
import { withDocumentLock } from '../platform/lock';
import { MOVED, untilSettled } from '../platform/attempts';
import { isAnonymizedName } from '../privacy/privacy';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LOCK_WAIT_MS = 30_000;
/** Rows the search sends back at most: the sidebar shows a list, not a report. */
export const MAX_BUYERS = 50;

function context(spreadsheet: Spreadsheet): { lang: Lang; ctx: ReadContext } {
  const lang = loadSettings(spreadsheet).lang;
  return { lang, ctx: { lang, timeZone: spreadsheet.getSpreadsheetTimeZone() } };
}

export interface HabitsReport {
  lang: Lang;
  clients: number;
  withHabits: number;
  problems: CellProblem[];
}

/**
 * The Invoices columns the habits need: the contract's required ones (an invoice missing one is
 * skipped, as everywhere) and the product type. Adjacent in the contract (A:E), so one block;
 * cost, due date and paid date are not read (decision 010: the daily run read all of Invoices and
 * all 29 Clients columns to write one column).
 */
const INVOICE_COLUMNS = ['number', 'date', 'clientCode', 'productType', 'amount'] as const;
const INVOICE_REQUIRED = ['number', 'date', 'clientCode', 'amount'] as const;
/** The Clients columns the run reads: the key first (readColumns checks it again), the name
 * (an anonymized client keeps no habits) and the column it writes. */
const CLIENT_COLUMNS = ['code', 'name', 'computedHabits'] as const;

export function refreshHabits(spreadsheet: Spreadsheet): HabitsReport {
  const { lang, ctx } = context(spreadsheet);
  // Invoices are read before the lock: the longest part, and it writes nothing.
  const invoices = readInvoices(
    readColumns(spreadsheet, 'invoices', lang, INVOICE_COLUMNS, INVOICE_REQUIRED),
    ctx,
  );
  const habits = habitsByClient(invoices.records, codeKey);
  const column = columnsOf('clients').find((c) => c.key === 'computedHabits')!;
  return withDocumentLock(lang, LOCK_WAIT_MS, () => {
    // The column is written by row number: if someone sorted, inserted or deleted rows (or
    // inserted a column) since Clients was read, read and plan again (3 times, then busy).
    return untilSettled(lang, () => {
      const clients = readColumns(spreadsheet, 'clients', lang, CLIENT_COLUMNS, ['code', 'name']);
      const hi = clients.index.computedHabits;
      if (hi < 0)
        throw new WorkbookError(
          t('missingColumn', lang, { column: column[lang], sheet: clients.name }),
        );
      const ci = clients.index.code;
      const ni = clients.index.name;
      let withHabits = 0;
      const values = clients.rows.map((row) => {
        // An anonymized client's habits stay blank: they are its purchases described.
        if (isAnonymizedName(row[ni])) return '';
        const h = habits.get(codeKey(String(row[ci] ?? '')));
        if (h) withHabits++;
        // Product types are user text: escaped like any text written to a cell.
        return h ? toCell(column, describeHabits(h, lang), lang) : '';
      });
      const report = {
        lang,
        clients: clients.rows.length,
        withHabits,
        problems: invoices.problems,
      };
      const changed = values.some((v, i) => v !== (clients.rows[i]![hi] ?? ''));
      if (!changed) return report;
      const range = clients.sheet.getRange(FIRST_DATA_ROW, hi + 1, values.length, 1);
      const written = setCellValuesIfUnmoved(
        range,
        values.map((v) => [v]),
        () =>
          sameHeader(clients.sheet, clients.header) && stillHolds(clients.sheet, clients.rows, ci),
      );
      return written ? report : MOVED;
    });
  });
}

/** The sidebar's search: clients who bought `productType`, most purchases first. */
export function searchBuyers(productType: unknown): HabitsSearchResult {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const { lang, ctx } = context(spreadsheet);
  if (typeof productType !== 'string' || productType.trim() === '' || productType.length > 200)
    return { ok: false, message: t('badProductType', lang) };
  try {
    const invoices = readInvoices(readTable(spreadsheet, 'invoices', lang), ctx);
    const buyers = buyersOfProductType(invoices.records, productType, codeKey);
    const clients = readTable(spreadsheet, 'clients', lang);
    const ci = clients.index.code;
    const ni = clients.index.name;
    const mi = clients.index.accountManager;
    const byKey = new Map(clients.rows.map((r) => [codeKey(String(r[ci] ?? '')), r]));
    const rows = buyers.slice(0, MAX_BUYERS).map((b) => {
      const row = byKey.get(b.key);
      return {
        code: row ? String(row[ci]).trim() : b.key,
        name: row ? String(row[ni] ?? '') : '',
        count: b.count,
        total: b.total,
        lastDay: b.lastDay,
        accountManager: row && mi >= 0 ? String(row[mi] ?? '') : '',
      };
    });
    return {
      ok: true,
      productType: productType.trim(),
      buyers: rows,
      more: Math.max(0, buyers.length - MAX_BUYERS),
    };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
