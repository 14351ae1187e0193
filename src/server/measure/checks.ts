/**
 * Help › Check this spreadsheet (decision 012): the probes of what Google does not document, run in
 * the team's own workbook without changing anything it does not put back:
 * - text written by setValues into plain-text (@), @STRING@ and automatic cells, read back as
 *   values, formulas and formats: in the speed probes' temporary sheet (probes.ts), deleted
 *   whatever happens;
 * - Intl with the spreadsheet's time zone, against Utilities.formatDate (no write);
 * - the field names of the last edit event, as the edit trigger recorded them (no write);
 * - the largest value the document cache accepts: fresh random keys, removed in a `finally`;
 * - the locale and the zones.
 * The mail quota (a message to the person, only if they say so) and the download (the person
 * says whether the file arrived) are probed from the dialog (checkDialog.ts). Each probe that
 * fails is recorded with its error; the others still run. No client data is read into the
 * report: the probes write and read their own strings.
 */
import {
  CACHE_PROBE_SIZES,
  CHECK_REPORT_KIND,
  CHECK_REPORT_VERSION,
  observedWorlds,
  TEXT_FORMATS,
  TEXT_PROBES,
  type CacheProbe,
  type CheckProbes,
  type CheckReport,
  type EditEventProbe,
  type IntlProbe,
  type MailProbe,
  type TextWrite,
} from '../../shared/checkReport';
import type { Lang } from '../../shared/contract';
import { zoneClock } from '../../domain/time';
import { t } from '../platform/messages';
import { EDIT_EVENT_FIELDS_KEY } from '../watch/editTrigger';
import { measureSpeed, TEMP_KEY_PREFIX } from './probes';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function message(e: unknown): string {
  return typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e);
}

function typeOf(v: unknown): TextWrite['type'] {
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') return 'date';
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
}

/**
 * One column per format (plain text, @STRING@, none), one row per probe string: formats set,
 * one setValues of the block, then its values, formulas and formats read back.
 */
export function textProbes(temp: Sheet): TextWrite[] {
  const rows = TEXT_PROBES.length;
  TEXT_FORMATS.forEach((format, c) => {
    if (format) temp.getRange(1, c + 1, rows, 1).setNumberFormat(format);
  });
  const block = temp.getRange(1, 1, rows, TEXT_FORMATS.length);
  block.setValues(TEXT_PROBES.map((w) => TEXT_FORMATS.map(() => w)));
  const values = block.getValues();
  const formulas = block.getFormulas();
  const formats = block.getNumberFormats();
  return TEXT_PROBES.flatMap((written, r) =>
    TEXT_FORMATS.map((format, c) => {
      const v = values[r]?.[c];
      return {
        format,
        written,
        type: typeOf(v),
        value: v instanceof Date ? v.toISOString() : String(v ?? ''),
        formula: String(formulas[r]?.[c] ?? ''),
        formatRead: String(formats[r]?.[c] ?? ''),
      };
    }),
  );
}

const DAY_MS = 86_400_000;

/** Intl and the product's days for the spreadsheet's zone, against Utilities.formatDate. */
export function intlProbe(timeZone: string, now: number): IntlProbe {
  // A year around now, every 30 days, at 23:30 UTC: late evening in the Americas, next
  // morning in Asia, so a zone read wrong shows as another day.
  const instants = Array.from(
    { length: 13 },
    (_, i) => Math.floor(now / DAY_MS) * DAY_MS + (i - 6) * 30 * DAY_MS + 84_600_000,
  );
  const probe: IntlProbe = {
    timeZone,
    intl: 'works',
    samples: instants.length,
    intlAgrees: 0,
    productAgrees: 0,
  };
  let format: Intl.DateTimeFormat | null = null;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch (e) {
    probe.intl = 'throws';
    probe.error = message(e).slice(0, 200);
  }
  const clock = zoneClock(timeZone);
  for (const ms of instants) {
    const d = new Date(ms);
    const java = Utilities.formatDate(d, timeZone, 'yyyy-MM-dd HH:mm');
    if (format) {
      const p = Object.fromEntries(format.formatToParts(d).map((x) => [x.type, x.value]));
      if (`${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}` === java)
        probe.intlAgrees++;
    }
    if (clock.dayOf(ms) === java.slice(0, 10)) probe.productAgrees++;
  }
  return probe;
}

/** The last edit event's field names, as the edit trigger recorded them (editTrigger.ts). */
export function editEventProbe(): EditEventProbe | null {
  const raw = CacheService.getDocumentCache()?.get(EDIT_EVENT_FIELDS_KEY);
  if (!raw) return null;
  const v = JSON.parse(raw) as Partial<EditEventProbe>;
  const names = (x: unknown): string[] =>
    Array.isArray(x) ? x.filter((n): n is string => typeof n === 'string').slice(0, 50) : [];
  return { event: names(v.event), range: names(v.range), at: String(v.at ?? '') };
}

/** Which value sizes the document cache accepts: fresh keys, removed even on error. */
export function cacheProbe(): CacheProbe | null {
  const cache = CacheService.getDocumentCache();
  if (!cache) return null;
  const key = `${TEMP_KEY_PREFIX}size.${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`;
  const out: CacheProbe = { accepted: [], refused: [] };
  try {
    for (const size of CACHE_PROBE_SIZES) {
      try {
        cache.put(key, 'x'.repeat(size), 60);
        out.accepted.push(size);
      } catch {
        out.refused.push(size);
      }
    }
  } finally {
    cache.remove(key);
  }
  return out;
}

/** Runs `probe`, recording its error under `name` instead of stopping the others. */
function guarded<T>(failures: Record<string, string>, name: string, probe: () => T): T | null {
  try {
    return probe();
  } catch (e) {
    failures[name] = message(e).slice(0, 500);
    return null;
  }
}

/**
 * Every server-side probe, with the speed measurement, in one execution. `enteredAt`: Date.now()
 * at the entry point's first line. The page adds the round trips, the mail and the download.
 */
export function checkSpreadsheet(
  spreadsheet: Spreadsheet,
  lang: Lang,
  enteredAt: number,
): CheckReport {
  const failures: Record<string, string> = {};
  let textWrites: TextWrite[] | null = null;
  const speed = measureSpeed(spreadsheet, lang, enteredAt, (temp) => {
    textWrites = guarded(failures, 'textWrites', () => textProbes(temp));
  });
  if (textWrites === null && !failures['textWrites'])
    failures['textWrites'] = t('checkNoTempSheet', lang);
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const probes: CheckProbes = {
    textWrites,
    intl: guarded(failures, 'intl', () => intlProbe(timeZone, Date.now())),
    editEvent: guarded(failures, 'editEvent', editEventProbe),
    cache: guarded(failures, 'cache', cacheProbe),
    mail: null,
    download: null,
  };
  return {
    kind: CHECK_REPORT_KIND,
    version: CHECK_REPORT_VERSION,
    measuredAt: new Date().toISOString(),
    environment: {
      spreadsheetLocale: spreadsheet.getSpreadsheetLocale(),
      spreadsheetTimeZone: timeZone,
      scriptTimeZone: Session.getScriptTimeZone(),
    },
    speed,
    probes,
    failures,
    worlds: observedWorlds(probes),
  };
}

/** An address of the same mailbox (Gmail and Google Workspace: the part after + is a tag). */
export function plusAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  const local = email.slice(0, at);
  return `${local}${local.includes('+') ? '-' : '+'}fiche-client-check${email.slice(at)}`;
}

export type MailCheckResult = { ok: true; mail: MailProbe } | { ok: false; message: string };

/**
 * The dialog's mail probe, after the person said yes: one message to them, addressed to them and
 * to a tagged address of the same mailbox (two recipients, one message), the quota read before
 * and after. Refused with a reason when their address is unknown or the quota is too low.
 */
export function checkMailQuota(lang: Lang): MailCheckResult {
  const me = Session.getActiveUser().getEmail();
  if (!me) return { ok: false, message: t('checkMailNoAddress', lang) };
  const before = MailApp.getRemainingDailyQuota();
  if (before < 2) return { ok: false, message: t('checkMailNoQuota', lang, { n: before }) };
  MailApp.sendEmail({
    to: me,
    cc: plusAddress(me),
    subject: t('checkMailSubject', lang),
    body: t('checkMailBody', lang),
  });
  const after = MailApp.getRemainingDailyQuota();
  return { ok: true, mail: { before, after, recipients: 2, messages: 1 } };
}
