/**
 * The client form's save: one google.script.run round trip that writes the client's own cells
 * only (changed cells of its Clients and Terms rows, its agreement and CRM log rows).
 *
 * Shared editing: the save carries the version it loaded (Updated at); when someone saved the
 * client since, it is refused, naming who and when. The document lock is held only around the
 * read-compare-write.
 */
import { isInactive, type Lang, type SheetKey } from '../../shared/contract';
import { formatMoney } from '../../domain/money';
import type { ClientRecord, ConflictField, SaveResult } from '../../shared/formApi';
import { FORM_FIELDS } from '../../shared/formFields';
import { emptyClientRecord, validateSaveRequest } from '../../shared/schemas';
import { codeKey } from '../../domain/cells';
import { formatWatchReasons } from '../../domain/watch';
import {
  clientCodes,
  findClientRow,
  formContext,
  readClientTables,
  recordOf,
  rowsOfClient,
  type ClientTables,
  type FormContext,
} from './formRead';
import {
  agreementCells,
  agreementFieldsOf,
  clientCells,
  discussionFieldsOf,
  emailFieldsOf,
  crmCells,
  nextClientCode,
  termsAreBlank,
  termsCells,
} from './clientRecord';
import { t } from '../platform/messages';
import { readRow, toCells } from '../workbook/records';
import { refreshClientsWatch } from '../watch/perClient';
import { addPending } from '../platform/pending';
import { changesWatchInput } from '../watch/columns';
import { mergeCells, mergeRows, type RowsPlan } from './savePlan';
import { columnsOf, FIRST_DATA_ROW, type Table } from '../workbook/sheets';
import { unmoved } from '../workbook/rowChecks';
import {
  appendRecords,
  deleteSheetRows,
  rowCellBlocks,
  setBlocksIfUnmoved,
  type CellBlock,
} from '../workbook/write';
import { withDocumentLock } from '../platform/lock';
import {
  DocumentCache,
  forgetEntries,
  sheetEntries,
  type CacheEntry,
  type ClientSheet,
} from '../platform/documentCache';
import { cachedFacts, FACT_ENTRIES, readClientFromCache } from './formCache';
import { MOVED, untilSettled } from '../platform/attempts';

/** How long a save waits for another save or a refresh to finish before giving up. */
const LOCK_WAIT_MS = 10_000;

export function saveClient(request: unknown): SaveResult {
  const ctx = formContext();
  const valid = validateSaveRequest(request, ctx.lang);
  if (!valid.ok) return { ok: false, kind: 'invalid', errors: valid.errors };
  const { record, isNew, autoCode = false, original, confirmInactive = false } = valid.value;

  const saved = withDocumentLock(
    ctx.lang,
    LOCK_WAIT_MS,
    () => {
      const reads: SaveReads = { cacheTried: false, watchInputsWritten: false };
      // Rows sorted by hand between the read and the writes: read and plan again.
      return untilSettled<Saved | null>(
        ctx.lang,
        () => saveLocked(ctx, record, isNew, autoCode, original, reads, confirmInactive) ?? MOVED,
        { onBusy: () => null },
      );
    },
    { flush: 'always', onBusy: () => null },
  );
  if (!saved) return { ok: false, kind: 'error', message: t('busy', ctx.lang) };
  // A changed input of the watch rules (a manual reason, a credit limit, a term; a new client's
  // code, which may name invoices imported before) changes the client's watch status now, not
  // at the next daily refresh (script writes fire no edit trigger); only this client's can
  // change. It takes its own lock.
  if (saved.result.ok && saved.watchInputsChanged) withWatchStatus(ctx, saved.result);
  return saved.result;
}

interface Saved {
  result: SaveResult;
  /** The save changed a cell the watch rules read (src/domain/watch.ts WATCH_INPUTS). */
  watchInputsChanged: boolean;
}

/** Recomputes the client's watch status and puts it into the saved record. */
function withWatchStatus(ctx: FormContext, result: Extract<SaveResult, { ok: true }>): void {
  let r;
  const code = result.record.general.code;
  try {
    r = refreshClientsWatch(ctx.spreadsheet, [code]).get(codeKey(code));
  } catch {
    // The save stands; the client's status is kept for the next trigger run
    // (platform/pending.ts), not left to the daily refresh.
    try {
      addPending({ watch: [code] });
    } catch {
      // the daily refresh still catches up
    }
    return;
  }
  if (!r) return;
  result.record.computed = {
    ...result.record.computed,
    watched: r.watched,
    watchReasons: formatWatchReasons(r.reasons, ctx.lang),
    balanceDue: r.hasInvoices ? r.balanceDue : null,
    hasInvoices: r.hasInvoices,
  };
}

/**
 * One attempt of a save, under the document lock: read the client's rows, check the version,
 * plan every write, check that no row moved, write, and answer with the client as now stored.
 * Null when rows moved between the read and the writes (the caller tries again).
 */
function saveLocked(
  ctx: FormContext,
  requested: ClientRecord,
  isNew: boolean,
  autoCode: boolean,
  original: ClientRecord | undefined,
  reads: SaveReads,
  confirmInactive: boolean,
): Saved | null {
  const refused = (result: SaveResult): Saved => ({ result, watchInputsChanged: false });
  // The first attempt may locate the rows by the document cache; a retry reads the sheets.
  const cached = !reads.cacheTried && !isNew ? cachedTarget(ctx, requested) : null;
  reads.cacheTried = true;
  const target = cached ?? readTarget(ctx, requested, isNew, autoCode);
  const refusal = checkTarget(ctx, target) ?? (confirmInactive ? null : openBalance(ctx, target));
  if (refusal) return refused(refusal);
  const stamp = newStamp(target.current);
  // Updating needs the record as loaded: without it, what the user changed cannot be told
  // from what others changed in the sheet (a sidebar opened before an update sends none).
  if (!isNew && !original)
    return refused({ ok: false, kind: 'error', message: t('formOutdated', ctx.lang) });
  const plan = planSave(ctx, target, isNew ? null : original!);
  if ('result' in plan) return refused(plan.result);
  // Set before writing: an attempt that wrote Terms and then found Clients moved leaves them
  // written, and the next attempt finds them already so (nothing changed in its plan).
  if (
    changesWatchInput('terms', plan.terms.changed) ||
    changesWatchInput('clients', plan.client.changed)
  )
    reads.watchInputsWritten = true;
  if (!writeSave(ctx, target, plan, stamp)) return null;
  const watchInputsChanged = reads.watchInputsWritten;
  return { result: savedResult(ctx, target, plan, stamp), watchInputsChanged };
}

/** The client's rows as read under the lock, and which of them the save is about. */
interface SaveTarget {
  /** The record as sent, and as saved (another code when an automatic code was taken). */
  requested: ClientRecord;
  record: ClientRecord;
  isNew: boolean;
  tables: ClientTables;
  key: string;
  /** 0-based index of the client's row in tables.clients.rows; -1 when absent. */
  rowIndex: number;
  /** The client as the sheet holds it now (null for a new client or one not found). */
  current: ClientRecord | null;
  codes: string[];
  taken: Set<string>;
}

/** Reads the client's rows (whole rows of this client only); the code is settled on the way. */
function readTarget(
  ctx: FormContext,
  requested: ClientRecord,
  isNew: boolean,
  autoCode: boolean,
): SaveTarget {
  let record = requested;
  const { tables } = readClientTables(ctx, (keys) => {
    const codes = clientCodes(keys.clients).map((c) => c.code);
    const taken = new Set(codes.map(codeKey));
    record = requested;
    // Two people creating clients at once both get the proposed code: the second gets the next.
    if (isNew && autoCode && taken.has(codeKey(record.general.code))) {
      const code = nextClientCode(codes, (c) => taken.has(codeKey(c)));
      record = { ...record, general: { ...record.general, code } };
    }
    return codeKey(record.general.code);
  });
  const codes = clientCodes(tables.clients).map((c) => c.code);
  const key = codeKey(record.general.code);
  const rowIndex = findClientRow(tables.clients, key);
  const current = !isNew && rowIndex >= 0 ? recordOf(tables, rowIndex, ctx) : null;
  return {
    requested,
    record,
    isNew,
    tables,
    key,
    rowIndex,
    current,
    codes,
    taken: new Set(codes.map(codeKey)),
  };
}

/** Across the attempts of one save. */
interface SaveReads {
  cacheTried: boolean;
  /** An attempt wrote (or was about to write) a cell the watch rules read. */
  watchInputsWritten: boolean;
}

/**
 * An existing client's rows located by the form's document cache (clientForm/formCache.ts)
 * instead of reading the four code columns whole (about 10 s at full size): every row it names
 * is read and must hold the client's code, the headers must read as cached, and the writes check
 * the rows again right before writing, as after any read. Only what the cache says is there is
 * used: when it knows no Clients or no Terms row for the client (one may have been added where
 * no trigger saw it, and the save would then add a second), null, and the sheets are read.
 */
function cachedTarget(ctx: FormContext, requested: ClientRecord): SaveTarget | null {
  const cache = DocumentCache.read(FACT_ENTRIES, false); // a save puts nothing
  const facts = cachedFacts(cache);
  if (!facts) return null;
  const key = codeKey(requested.general.code);
  const tables = readClientFromCache(ctx, facts.sheets, key);
  if (!tables) return null;
  const rowIndex = findClientRow(tables.clients, key);
  if (rowIndex < 0 || rowsOfClient(tables.terms, key, ctx).length === 0) return null;
  const codes = facts.names.map((c) => c.code);
  return {
    requested,
    record: requested,
    isNew: false,
    tables,
    key,
    rowIndex,
    current: recordOf(tables, rowIndex, ctx),
    codes,
    taken: new Set(codes.map(codeKey)),
  };
}

/** A new client's code already taken, or an updated one gone: refused. */
function checkTarget(ctx: FormContext, target: SaveTarget): SaveResult | null {
  const { record, isNew, rowIndex } = target;
  if (isNew && rowIndex >= 0) {
    const message = t('duplicateCode', ctx.lang, { code: record.general.code });
    return { ok: false, kind: 'invalid', errors: [{ path: 'general.code', message }] };
  }
  if (!isNew && rowIndex < 0) {
    const message = t('clientNotFound', ctx.lang, { code: record.general.code });
    return { ok: false, kind: 'error', message };
  }
  // A colleague's form save since this form loaded the client (the version moved) is merged
  // like a hand edit (decision 021): planSave refuses only the fields both changed.
  return null;
}

/**
 * A client with an open balance is made inactive only once the person confirmed, having been
 * told the balance (decision 021): its invoices still count, it just leaves the lists and mails.
 * The balance is the sheet's, read under the lock.
 */
function openBalance(ctx: FormContext, target: SaveTarget): SaveResult | null {
  const { record, current } = target;
  if (!current || !isInactive(record.general.status) || isInactive(current.general.status))
    return null;
  const balance = current.computed.balanceDue;
  if (balance === null || balance <= 0) return null;
  const message = t('inactiveBalance', ctx.lang, { balance: formatMoney(balance, ctx.lang) });
  return { ok: false, kind: 'confirm', balance, message };
}

/** The new version (Updated at) and who saves (Updated by). */
interface Stamp {
  now: Date;
  user: string;
}

function newStamp(current: ClientRecord | null): Stamp {
  // Whole seconds: what Sheets stores and gives back exactly, so the version compares equal.
  // A second save within the same second still gets a new version (one second on), or a stale
  // form holding the first version could overwrite the second save unnoticed.
  const previous = current?.version ? new Date(current.version).getTime() : 0;
  const now = new Date(Math.max(Math.floor(Date.now() / 1000) * 1000, previous + 1000));
  const user = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  return { now, user };
}

/** Every write of a save, planned before any is made. */
interface SavePlan {
  base: ClientRecord | null;
  client: CellsPlan;
  terms: CellsPlan;
  termsRow: (Record<string, unknown> & { row: number }) | undefined;
  termsWanted: Record<string, unknown>;
  /** Whether the Terms row is written (or made). */
  termsWritten: boolean;
  rows: { table: Table<SheetKey>; plan: RowsPlan }[];
  /** The sheet held something the form did not load: the saved client is read again. */
  sheetDiffers: boolean;
}

type CellsPlan = ReturnType<typeof mergeCells>;

/**
 * Plans every write first: a conflict found on the way (a field or row someone also changed in
 * the sheet since the form loaded it) must leave the sheets untouched.
 */
function planSave(
  ctx: FormContext,
  target: SaveTarget,
  base: ClientRecord | null,
): SavePlan | { result: SaveResult } {
  const { tables, record, rowIndex, key, isNew, current } = target;
  const hasInvoices = current?.computed.hasInvoices ?? false;
  const clientRow = isNew
    ? {}
    : readRow(
        tables.clients,
        tables.clients.rows[rowIndex]!,
        rowIndex + FIRST_DATA_ROW,
        ctx.read,
        [],
      );
  const client = mergeCells(clientRow, base && clientCells(base), clientCells(record));
  const termsRow = rowsOfClient(tables.terms, key, ctx)[0];
  const termsWanted = termsCells(record, hasInvoices);
  const terms = mergeCells(termsRow ?? {}, base && termsCells(base, hasInvoices), termsWanted);
  const rows = planRows(ctx, tables, key, record, base);
  const conflicts = [...client.conflicts, ...terms.conflicts];
  const rowConflicts = rows.reduce((n, p) => n + p.plan.conflicts, 0);
  if (conflicts.length > 0 || rowConflicts > 0) {
    const names = conflicts.map((k) => fieldName(k, ctx.lang));
    if (rowConflicts > 0) names.push(t('conflictRows', ctx.lang, { n: rowConflicts }));
    const fields = conflictFields(ctx, target, clientRow, termsRow, conflicts);
    // Saved from a form since this one loaded the client: who and when (in the spreadsheet's
    // zone); else the sheet was edited by hand.
    if (current && base && current.version !== base.version) {
      const at = current.version;
      const by = current.computed.updatedBy || '?';
      const when = at
        ? Utilities.formatDate(new Date(at), ctx.read.timeZone, 'yyyy-MM-dd HH:mm')
        : '?';
      const message = t('conflict', ctx.lang, { by, at: when, fields: names.join(', ') });
      return { result: { ok: false, kind: 'conflict', by, at, message, fields } };
    }
    const message = t('handConflict', ctx.lang, { fields: names.join(', ') });
    return { result: { ok: false, kind: 'conflict', by: '', at: '', message, fields } };
  }
  // Terms: at most one row per client, written when it changed; a missing row (never made, or
  // deleted by hand) is made only for what the user set.
  const termsWritten =
    termsRow || base ? Object.keys(terms.changed).length > 0 : !termsAreBlank(termsWanted);
  const sheetDiffers =
    client.sheetDiffers || terms.sheetDiffers || rows.some((p) => p.plan.sheetDiffers);
  return { base, client, terms, termsRow, termsWanted, termsWritten, rows, sheetDiffers };
}

/**
 * The planned writes; false when rows moved since the read (the save reads and plans again).
 * Writes go by the row and column numbers read: a person may have sorted a sheet or inserted a
 * column since. Each sheet is checked right before its writes (its header and the key cells of
 * the rows written, two calls; the ranges obtained before: write.ts setBlocksIfUnmoved), so
 * what stays open is its setValues calls and, for the rows the form removed, the deletion.
 * Checking every sheet first and writing after left the later sheets' checks open: a row
 * inserted in Clients while Terms was checked put the saved name on the client above
 * (writerProperties.test.ts). Clients, which carries the new version, is written last: a save
 * planned again after writing Terms or the repeatable rows finds its version unchanged and
 * those cells already so (mergeCells, mergeRows). The appends come after every check: they
 * go after the last row, checked again right before (appendRecords).
 */
function writeSave(ctx: FormContext, target: SaveTarget, plan: SavePlan, stamp: Stamp): boolean {
  try {
    return writeSheets(ctx, target, plan, stamp);
  } finally {
    forgetEntries(cacheEntriesChanged(target, plan));
  }
}

function writeSheets(ctx: FormContext, target: SaveTarget, plan: SavePlan, stamp: Stamp): boolean {
  const { tables, isNew, rowIndex, record } = target;
  const { lang } = ctx;
  const appends: (() => void)[] = [];
  /** The sheet's blocks written if its rows did not move (only checked: none to write). */
  const written = <S extends SheetKey>(
    table: Table<S>,
    key: Parameters<typeof unmoved<S>>[1],
    rows: number[],
    blocks: CellBlock[],
  ) =>
    blocks.length > 0
      ? setBlocksIfUnmoved(blocks, () => unmoved(table, key, rows))
      : unmoved(table, key, rows);
  // Terms: the changed cells of its row, or a new row.
  if (plan.termsWritten && plan.termsRow) {
    const row = plan.termsRow.row;
    const cells = toCells('terms', plan.terms.changed, lang);
    if (!written(tables.terms, 'clientCode', [row], rowCellBlocks(tables.terms, row, cells)))
      return false;
  } else if (plan.termsWritten) {
    if (!written(tables.terms, 'clientCode', [], [])) return false;
    const cells = plan.base
      ? { ...plan.terms.changed, clientCode: record.general.code }
      : plan.termsWanted;
    appends.push(() => appendRecords(tables.terms, [toCells('terms', cells, lang)]));
  }
  // Repeatable rows, sheet by sheet: the changed rows, then the removed ones, bottom first
  // (the row numbers used before stay right).
  for (const table of [tables.commissions, tables.crmLog] as Table<SheetKey>[]) {
    const own = plan.rows.filter((p) => p.table === table);
    const writes = own.flatMap((p) => p.plan.writes);
    const deletes = own.flatMap((p) => p.plan.deletes);
    if (writes.length + deletes.length + own.flatMap((p) => p.plan.appends).length === 0) continue;
    const blocks = writes.flatMap((w) =>
      rowCellBlocks(table, w.row, toCells(table.key, w.cells, lang)),
    );
    // Obtained before the check, so that the deletion follows the check and the writes directly.
    const maxRows = deletes.length > 0 ? table.sheet.getMaxRows() : 0;
    if (!written(table, 'clientCode', [...writes.map((w) => w.row), ...deletes], blocks))
      return false;
    deleteSheetRows(table.sheet, deletes, maxRows);
    for (const p of own)
      appends.push(() =>
        appendRecords(
          table,
          p.plan.appends.map((a) => toCells(table.key, a, lang)),
        ),
      );
  }
  // Clients, last: the changed cells, plus Updated at / by.
  const updated = { updatedAt: stamp.now, updatedBy: stamp.user };
  const clientCells = { ...toCells('clients', plan.client.changed, lang), ...updated };
  const clientRow = rowIndex + FIRST_DATA_ROW;
  if (isNew) {
    if (!written(tables.clients, 'code', [], [])) return false;
    appendRecords(tables.clients, [clientCells]);
  } else if (
    !written(
      tables.clients,
      'code',
      [clientRow],
      rowCellBlocks(tables.clients, clientRow, clientCells),
    )
  )
    return false;
  for (const append of appends) append();
  return true;
}

/**
 * What the save makes wrong in the form's document cache (platform/documentCache.ts): the row
 * maps of the sheets it adds rows to or removes rows from, and the type-ahead list when a
 * client or a name is new. Forgotten in one call once the save wrote (or stopped part-way),
 * none when only cells change.
 */
function cacheEntriesChanged(target: SaveTarget, plan: SavePlan): CacheEntry[] {
  const out: CacheEntry[] = [];
  if (target.isNew) out.push('rows.clients', 'clientNames');
  else if ('name' in plan.client.changed || 'status' in plan.client.changed)
    out.push('clientNames');
  if (plan.termsWritten && !plan.termsRow) out.push('rows.terms');
  for (const { table, plan: rows } of plan.rows)
    if ((rows.appends.length > 0 || rows.deletes.length > 0) && sheetEntries(table.key).length > 0)
      out.push(`rows.${table.key as ClientSheet}`);
  return out;
}

/**
 * What the form shows next (and sends back as `original`): the client as the sheet now holds
 * it. When the sheet held nothing the form did not load, that is the request with the new
 * version and the sheet's computed fields; else the client is read again.
 */
function savedResult(
  ctx: FormContext,
  target: SaveTarget,
  plan: SavePlan,
  stamp: Stamp,
): SaveResult {
  const { record, requested, current, key, codes, taken } = target;
  const asSent = renumbered({
    ...record,
    version: stamp.now.toISOString(),
    computed: {
      ...(current?.computed ?? emptyClientRecord().computed),
      updatedAt: stamp.now.toISOString(),
      updatedBy: stamp.user,
    },
  });
  const saved = plan.sheetDiffers ? (rereadOrNull(ctx, key) ?? asSent) : asSent;
  const result: SaveResult = {
    ok: true,
    record: saved,
    message:
      record.general.code === requested.general.code
        ? t('saved', ctx.lang, { code: record.general.code })
        : t('savedAs', ctx.lang, { code: record.general.code, asked: requested.general.code }),
  };
  if (target.isNew) {
    taken.add(key);
    result.nextCode = nextClientCode([...codes, record.general.code], (c) => taken.has(codeKey(c)));
  }
  return result;
}

/**
 * The plans of the repeatable rows: agreements, then the CRM log's discussions and e-mails.
 * Stored rows are compared as the form shows them (same defaults, the record's code), so a row
 * typed "c0001" or with a blank type still matches the entry the form loaded from it.
 */
function planRows(
  ctx: FormContext,
  tables: ClientTables,
  key: string,
  record: ClientRecord,
  base: ClientRecord | null,
): { table: Table<SheetKey>; plan: RowsPlan }[] {
  const code = record.general.code;
  const asShown = <T>(
    rows: (Record<string, unknown> & { row: number })[],
    fields: (r: Record<string, unknown>) => T,
    cells: (entries: T[]) => Record<string, unknown>[],
  ) => cells(rows.map(fields)).map((c, i) => ({ ...c, row: rows[i]!.row }));
  const withOrigins = (cells: Record<string, unknown>[], entries: { origin?: number }[]) =>
    cells.map((c, i) => ({ cells: c, origin: entries[i]?.origin }));
  const shell = (patch: Partial<ClientRecord>): ClientRecord => ({
    ...emptyClientRecord(code),
    ...patch,
  });
  const agreements = asShown(
    rowsOfClient(tables.commissions, key, ctx),
    agreementFieldsOf,
    (salespeople) => agreementCells(shell({ salespeople })),
  );
  const crmRows = rowsOfClient(tables.crmLog, key, ctx);
  const storedCrm = {
    discussion: asShown(
      crmRows.filter((r) => r.kind === 'discussion'),
      discussionFieldsOf,
      (discussions) =>
        crmCells(shell({ crm: { ...emptyClientRecord().crm, discussions } })).discussion,
    ),
    email: asShown(
      crmRows.filter((r) => r.kind === 'email'),
      emailFieldsOf,
      (emails) => crmCells(shell({ crm: { ...emptyClientRecord().crm, emails } })).email,
    ),
  };
  // The base's rows under the record's code: the code is the key, not a field to compare.
  const baseRecord = base && { ...base, general: { ...base.general, code } };
  const baseCrm = baseRecord ? crmCells(baseRecord) : { discussion: [], email: [] };
  const wantedCrm = crmCells(record);
  return [
    {
      table: tables.commissions as Table<SheetKey>,
      plan: mergeRows(
        agreements,
        baseRecord ? agreementCells(baseRecord) : [],
        withOrigins(agreementCells(record), record.salespeople),
      ),
    },
    ...(['discussion', 'email'] as const).map((kind) => ({
      table: tables.crmLog as Table<SheetKey>,
      plan: mergeRows(
        storedCrm[kind],
        baseCrm[kind],
        withOrigins(
          wantedCrm[kind],
          kind === 'discussion' ? record.crm.discussions : record.crm.emails,
        ),
      ),
    })),
  ];
}

/**
 * The client read again from the sheets (after a save that kept others' hand edits). The save
 * is written by then: if the sheets keep moving under this read, the form gets the record as
 * it sent it (with the new version; the next save's merge still keeps others' edits) rather
 * than an error that would make the user think nothing was saved.
 */
function rereadOrNull(ctx: FormContext, key: string): ClientRecord | null {
  try {
    const { tables } = readClientTables(ctx, () => key);
    const row = findClientRow(tables.clients, key);
    return row < 0 ? null : recordOf(tables, row, ctx);
  } catch {
    return null;
  }
}

/** Entries numbered as they now stand, as a freshly loaded record's are. */
function renumbered(record: ClientRecord): ClientRecord {
  const number = <T extends object>(list: T[]) => list.map((e, origin) => ({ ...e, origin }));
  return {
    ...record,
    salespeople: number(record.salespeople),
    crm: {
      ...record.crm,
      discussions: number(record.crm.discussions),
      emails: number(record.crm.emails),
    },
  };
}

/** A field's header in the workbook language, for messages. */
/** The fields both changed, with the sheet's value and the person's, as the form shows them. */
function conflictFields(
  ctx: FormContext,
  target: SaveTarget,
  clientRow: Record<string, unknown>,
  termsRow: Record<string, unknown> | undefined,
  keys: readonly string[],
): ConflictField[] {
  const shown = (v: unknown): string =>
    v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  const out: ConflictField[] = [];
  for (const key of keys) {
    const field = FORM_FIELDS.find(
      (f) => f.column.key === key && (f.sheet === 'clients' || f.sheet === 'terms'),
    );
    if (!field) continue;
    const stored = field.sheet === 'clients' ? clientRow : termsRow;
    const section = target.record[field.section as 'general' | 'terms' | 'crm'] as Record<
      string,
      unknown
    >;
    out.push({
      path: `${field.section}.${key}`,
      label: fieldName(key, ctx.lang),
      theirs: shown(stored?.[key]),
      yours: shown(section?.[key]),
    });
  }
  return out;
}

function fieldName(key: string, lang: Lang): string {
  for (const sheet of ['clients', 'terms'] as const) {
    const column = columnsOf(sheet).find((c) => c.key === key);
    if (column) return column[lang];
  }
  return key;
}
