/**
 * The client form's save: one google.script.run round trip that writes the client's own cells
 * only (changed cells of its Clients and Terms rows, its agreement and CRM log rows).
 *
 * Shared editing: the save carries the version it loaded (Updated at); when someone saved the
 * client since, it is refused, naming who and when. The document lock is held only around the
 * read-compare-write.
 */
import type { ColumnKey, Lang, SheetKey } from '../shared/contract';
import type { ClientRecord, SaveResult } from '../shared/formApi';
import { emptyClientRecord, validateSaveRequest } from '../shared/schemas';
import { codeKey } from '../domain/cells';
import { formatWatchReasons } from '../domain/watch';
import {
  clientCodes,
  findClientRow,
  formContext,
  readClientTables,
  recordOf,
  rowsOfClient,
  type FormContext,
} from './clientForm';
import {
  agreementCells,
  clientCells,
  crmCells,
  nextClientCode,
  sameValues,
  termsAreBlank,
  termsCells,
} from './clientRecord';
import { t } from './messages';
import { readRow, toCells, type RowValues } from './records';
import { refreshWatch } from './watchList';
import {
  appendRecords,
  deleteSheetRows,
  FIRST_DATA_ROW,
  writeRowCells,
  type Table,
} from './workbook';

/** How long a save waits for another save or a refresh to finish before giving up. */
const LOCK_WAIT_MS = 10_000;

export function saveClient(request: unknown): SaveResult {
  const ctx = formContext();
  const valid = validateSaveRequest(request, ctx.lang);
  if (!valid.ok) return { ok: false, kind: 'invalid', errors: valid.errors };
  const { record, isNew, autoCode = false } = valid.value;

  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS))
    return { ok: false, kind: 'error', message: t(ctx.lang, 'busy') };
  let saved: Saved;
  try {
    saved = saveLocked(ctx, record, isNew, autoCode);
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
  // A new manual reason or credit limit changes the client's watch status now, not at the next
  // daily refresh (script writes fire no edit trigger). The refresh takes its own lock.
  if (saved.result.ok && saved.watchInputsChanged) withWatchStatus(ctx, saved.result);
  return saved.result;
}

interface Saved {
  result: SaveResult;
  /** The save changed a Terms cell the watch rules read. */
  watchInputsChanged: boolean;
}

/** Refreshes the watch list and puts the client's new status into the saved record. */
function withWatchStatus(ctx: FormContext, result: Extract<SaveResult, { ok: true }>): void {
  let report;
  try {
    report = refreshWatch(ctx.spreadsheet);
  } catch {
    return; // the save stands; the daily refresh will catch up
  }
  const r = report.results.get(codeKey(result.record.general.code));
  if (!r) return;
  result.record.computed = {
    ...result.record.computed,
    watched: r.watched,
    watchReasons: formatWatchReasons(r.reasons, ctx.lang),
    balanceDue: r.hasInvoices ? r.balanceDue : null,
    hasInvoices: r.hasInvoices,
  };
}

/** Terms cells the watch rules read (src/domain/watch.ts). */
const WATCH_INPUTS = ['watchReason', 'creditLimit', 'termDays'] as const;

function saveLocked(
  ctx: FormContext,
  requested: ClientRecord,
  isNew: boolean,
  autoCode: boolean,
): Saved {
  const refused = (result: SaveResult): Saved => ({ result, watchInputsChanged: false });
  const tables = readClientTables(ctx);
  const codes = clientCodes(tables.clients).map((c) => c.code);
  const taken = new Set(codes.map(codeKey));
  let record = requested;
  // Two people creating clients at once both get the proposed code: the second gets the next one.
  if (isNew && autoCode && taken.has(codeKey(record.general.code))) {
    const code = nextClientCode(codes, (c) => taken.has(codeKey(c)));
    record = { ...record, general: { ...record.general, code } };
  }
  const key = codeKey(record.general.code);
  const rowIndex = findClientRow(tables.clients, key);
  if (isNew && rowIndex >= 0) {
    const message = t(ctx.lang, 'duplicateCode', { code: record.general.code });
    return refused({ ok: false, kind: 'invalid', errors: [{ path: 'general.code', message }] });
  }
  if (!isNew && rowIndex < 0) {
    const message = t(ctx.lang, 'clientNotFound', { code: record.general.code });
    return refused({ ok: false, kind: 'error', message });
  }
  let current: ClientRecord | null = null;
  if (!isNew) {
    current = recordOf(tables, rowIndex, ctx);
    if (current.version !== record.version) {
      const at = current.version;
      const by = current.computed.updatedBy || '?';
      const when = at
        ? Utilities.formatDate(new Date(at), ctx.read.timeZone, 'yyyy-MM-dd HH:mm')
        : '?';
      const message = t(ctx.lang, 'conflict', { by, at: when });
      return refused({ ok: false, kind: 'conflict', by, at, message });
    }
  }

  // Whole seconds: what Sheets stores and gives back exactly, so the version compares equal.
  // A second save within the same second still gets a new version (one second on), or a stale
  // form holding the first version could overwrite the second save unnoticed.
  const previous = current?.version ? new Date(current.version).getTime() : 0;
  const now = new Date(Math.max(Math.floor(Date.now() / 1000) * 1000, previous + 1000));
  const user = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  const hasInvoices = current?.computed.hasInvoices ?? false;
  const { lang } = ctx;

  // Clients: the form's cells, only those that changed, plus Updated at / by.
  const clientWanted = clientCells(record);
  if (isNew) {
    appendRecords(tables.clients, [
      { ...toCells('clients', clientWanted, lang), updatedAt: now, updatedBy: user },
    ]);
  } else {
    const sheetRow = rowIndex + FIRST_DATA_ROW;
    const stored = readRow(tables.clients, tables.clients.rows[rowIndex]!, sheetRow, ctx.read, []);
    const changed = changedCells(stored, clientWanted);
    writeRowCells(tables.clients, sheetRow, {
      ...toCells('clients', changed, lang),
      updatedAt: now,
      updatedBy: user,
    });
  }

  // Terms: at most one row per client; created only when it holds something.
  const termsWanted = termsCells(record, hasInvoices);
  const termsRows = rowsOfClient(tables.terms, key, ctx);
  const termsRow = termsRows[0];
  const watchInputsChanged = WATCH_INPUTS.some(
    (k) => !sameValues(termsRow ?? {}, { [k]: termsWanted[k] }),
  );
  if (termsRow) {
    const changed = changedCells(termsRow, termsWanted);
    if (Object.keys(changed).length > 0)
      writeRowCells(tables.terms, termsRow.row, toCells('terms', changed, lang));
  } else if (!termsAreBlank(termsWanted)) {
    appendRecords(tables.terms, [toCells('terms', termsWanted, lang)]);
  }

  // Repeatable rows: rows kept in place where they still match, rewritten where changed,
  // appended when added, deleted when removed in the form. Deletions come last, bottom first,
  // so the row numbers used before stay right.
  const deletions = new Map<Table<SheetKey>, number[]>();
  syncRows(
    tables.commissions,
    rowsOfClient(tables.commissions, key, ctx),
    agreementCells(record),
    lang,
    deletions,
  );
  const crmRows = rowsOfClient(tables.crmLog, key, ctx);
  const crm = crmCells(record);
  syncRows(
    tables.crmLog,
    crmRows.filter((r) => r.kind === 'discussion'),
    crm.discussion,
    lang,
    deletions,
  );
  syncRows(
    tables.crmLog,
    crmRows.filter((r) => r.kind === 'email'),
    crm.email,
    lang,
    deletions,
  );
  for (const [table, rows] of deletions) deleteSheetRows(table.sheet, rows);

  // Computed fields are the sheet's, never the payload's.
  const computed = current?.computed ?? emptyClientRecord().computed;
  const version = now.toISOString();
  const saved: ClientRecord = {
    ...record,
    version,
    computed: { ...computed, updatedAt: version, updatedBy: user },
  };
  const result: SaveResult = {
    ok: true,
    record: saved,
    message:
      record.general.code === requested.general.code
        ? t(ctx.lang, 'saved', { code: record.general.code })
        : t(ctx.lang, 'savedAs', { code: record.general.code, asked: requested.general.code }),
  };
  if (isNew) {
    taken.add(key);
    result.nextCode = nextClientCode([...codes, record.general.code], (c) => taken.has(codeKey(c)));
  }
  return { result, watchInputsChanged };
}

function changedCells<K extends string>(
  stored: Record<string, unknown>,
  wanted: Partial<Record<K, unknown>>,
): Partial<Record<K, unknown>> {
  const changed: Partial<Record<K, unknown>> = {};
  for (const k of Object.keys(wanted) as K[]) {
    if (!sameValues(stored, { [k]: wanted[k] })) changed[k] = wanted[k];
  }
  return changed;
}

function syncRows<S extends 'commissions' | 'crmLog'>(
  table: Table<S>,
  stored: (RowValues<S> & { row: number })[],
  wanted: Partial<Record<ColumnKey<S>, unknown>>[],
  lang: Lang,
  deletions: Map<Table<SheetKey>, number[]>,
): void {
  // Rows that already hold an entry stay as they are, with the cells the form does not show;
  // then the other entries take the other rows in order (changed cells written), the rest are
  // appended, and rows left over are deleted. So removing an entry in the middle deletes its
  // own row rather than shifting the others' values up into it.
  const free = new Set(stored.map((_, i) => i));
  const pending: Partial<Record<ColumnKey<S>, unknown>>[] = [];
  for (const entry of wanted) {
    const same = [...free].find((i) => sameValues(stored[i]!, entry));
    if (same === undefined) pending.push(entry);
    else free.delete(same);
  }
  const rest = [...free];
  const n = Math.min(rest.length, pending.length);
  for (let k = 0; k < n; k++) {
    const row = stored[rest[k]!]!;
    const changed = changedCells(row, pending[k]!);
    if (Object.keys(changed).length > 0)
      writeRowCells(table, row.row, toCells(table.key, changed, lang));
  }
  appendRecords(
    table,
    pending.slice(n).map((w) => toCells(table.key, w, lang)),
  );
  const removed = rest.slice(n).map((i) => stored[i]!.row);
  if (removed.length > 0) {
    const list = deletions.get(table as unknown as Table<SheetKey>) ?? [];
    list.push(...removed);
    deletions.set(table as unknown as Table<SheetKey>, list);
  }
}
