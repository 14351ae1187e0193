/**
 * The watch work of a trigger run, with the work earlier runs kept for later (decision 017,
 * platform/pending.ts): the edit trigger does the edit's clients and the clients kept before in
 * one recompute (the whole list when they are too many, or when it is owed); the hourly run does
 * what is kept. When the document lock stays busy (a full refresh holds it about 90 s at full
 * size) the work is kept and the run ends without failing: the next run of any trigger does it.
 * A run stopped by an error (a required column missing) keeps it too, records why, and fails
 * (the execution log and the owner's notice say so as before).
 */
import type { Lang } from '../../shared/contract';
import { codeKey } from '../../domain/cells';
import { BusyError } from '../platform/errors';
import { t } from '../platform/messages';
import {
  addPending,
  NOTHING,
  pendingWatch,
  settlePending,
  type Pending,
} from '../platform/pending';
import type { WatchEdit } from './editTrigger';
import { MAX_CLIENTS, refreshClientsWatch } from './perClient';
import { refreshWatch } from './refresh';
import { notifyKeeping } from './notices';
import { loadSettings } from '../platform/settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface KeptWorkReport {
  /** What the run did about the watch list: nothing, some clients, every client. */
  did: 'none' | 'clients' | 'all';
  /** Work left for a later run (busy or failed). */
  kept: boolean;
  /** The outcome recorded, in the workbook language ('' when none was). */
  message: string;
}

/**
 * Does `edit` and the watch work and notices kept in `pending`. Throws what is not "busy" after
 * keeping the work; returns what it did otherwise.
 */
export function runWatchWork(
  spreadsheet: Spreadsheet,
  edit: WatchEdit,
  pending: Pending,
  lang: Lang,
  /**
   * Retry the kept notices too (the hourly run). An edit trigger does not: while the quota is
   * spent each edit would read Clients and Lists again for nothing.
   */
  notices = true,
): KeptWorkReport {
  const owed = pendingWatch(pending);
  const editCodes = edit.kind === 'clients' ? edit.codes : [];
  const owedCodes = owed === 'all' || owed === NOTHING ? [] : owed;
  const codes = [...new Map([...editCodes, ...owedCodes].map((c) => [codeKey(c), c])).values()];
  const wholeList = edit.kind === 'all' || owed === 'all' || codes.length > MAX_CLIENTS;
  const hadKept = owed !== NOTHING;
  const did: KeptWorkReport['did'] = wholeList ? 'all' : codes.length > 0 ? 'clients' : 'none';
  try {
    if (did === 'all') refreshWatch(spreadsheet, { pending });
    else if (did === 'clients') refreshClientsWatch(spreadsheet, codes, notices ? pending : null);
    else if (notices && pending.notices.length > 0) {
      const settings = loadSettings(spreadsheet);
      notifyKeeping(spreadsheet, [], settings, pending, spreadsheet.getSpreadsheetTimeZone());
    }
  } catch (e) {
    const busy = e instanceof BusyError;
    const reason = e instanceof Error ? e.message : String(e);
    const message = busy
      ? did === 'all'
        ? t('keptBusyAll', lang)
        : t('keptBusy', lang, { n: codes.length })
      : t('keptFailed', lang, { reason });
    const keep = edit.kind === 'all' || owed === 'all' ? 'all' : codes;
    addPending({
      ...(did === 'none' ? {} : { watch: keep }),
      edit: { state: busy ? 'kept' : 'failed', message },
    });
    if (!busy) throw e;
    return { did, kept: true, message };
  }
  // The clients kept before are right now: settled, and the outcome says the kept work is done.
  if (hadKept) {
    const message = t('keptDone', lang);
    // A full refresh settled it itself (refresh.ts).
    if (did !== 'all')
      settlePending(pending, {
        ...(did === 'clients' ? { watch: owedCodes } : {}),
        edit: { state: 'done', message },
      });
    return { did, kept: false, message };
  }
  return { did, kept: false, message: '' };
}
