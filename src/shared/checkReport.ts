/**
 * The check report (decision 012): what Fiche Client › Help › Check this spreadsheet observes in
 * the team's own workbook, as the JSON its dialog offers. It holds the speed measurement (the
 * bench's `--costs` reads it, speedReport.ts) and the probes of the behaviours Google does not
 * document, from which `observedWorlds` says which world of each emulator switch
 * (emulator/switches.ts) this workbook is in; `npm run fidelity -- --report FILE` runs the tests
 * under those worlds. Pure: the server makes it, the server checks what the dialog sends back,
 * the fidelity script parses the file. No client data: the probes write and read their own
 * strings, in a sheet of their own.
 */
import { parseSpeedReport, SpeedReportError, type SpeedReport } from './speedReport';

export const CHECK_REPORT_KIND = 'fiche-client-check';
export const CHECK_REPORT_VERSION = 1;

/** What the text probes write (row by row) in a plain-text (@), @STRING@ and automatic column. */
export const TEXT_PROBES = ['=1+1', '+1 514 555 0101', "'0042", '0042', "'=1+1"] as const;
export const TEXT_FORMATS = ['@', '@STRING@', ''] as const;
/** Sizes of the cache probe's values, in bytes (ASCII). */
export const CACHE_PROBE_SIZES = [100_000, 102_400, 102_401] as const;

export interface TextWrite {
  /** The format the column was given ('' for none: automatic). */
  format: (typeof TEXT_FORMATS)[number];
  written: (typeof TEXT_PROBES)[number];
  /** typeof what getValues returned ('date' for a Date). */
  type: 'string' | 'number' | 'boolean' | 'date';
  /** What getValues returned, as text. */
  value: string;
  /** What getFormulas returned ('' for none). */
  formula: string;
  /** What getNumberFormats returned. */
  formatRead: string;
}

export interface IntlProbe {
  timeZone: string;
  /** Whether new Intl.DateTimeFormat(…, { timeZone }) accepted the spreadsheet's zone. */
  intl: 'works' | 'throws';
  /** Intl's error, when it throws. */
  error?: string;
  /** Instants compared (a year around now). */
  samples: number;
  /** Instants where Intl's date and hour agree with Utilities.formatDate's (0 when it throws). */
  intlAgrees: number;
  /** Instants where the product's day (domain/time.ts, with its fallback) agrees. */
  productAgrees: number;
}

export interface EditEventProbe {
  /** Field names of the last edit event the edit trigger saw (never values). */
  event: string[];
  /** Which of rowStart, rowEnd, columnStart, columnEnd its e.range carried. */
  range: string[];
  /** When it was recorded (ISO). */
  at: string;
}

export interface CacheProbe {
  /** Sizes (bytes) the document cache accepted and refused. */
  accepted: number[];
  refused: number[];
}

export interface MailProbe {
  /** MailApp.getRemainingDailyQuota before and after one message to two addresses. */
  before: number;
  after: number;
  recipients: number;
  messages: number;
}

export interface DownloadProbe {
  /** False outside Google's frame (the preview, a test): there is nothing to learn there. */
  measurable: boolean;
  /** The person's answer: did the JSON file arrive? */
  arrived?: boolean;
}

export interface CheckProbes {
  textWrites: TextWrite[] | null;
  intl: IntlProbe | null;
  /** null: no edit seen in the last 6 hours (the record's life in the cache). */
  editEvent: EditEventProbe | null;
  cache: CacheProbe | null;
  /** null: not asked (it sends a message, only if the person says so). */
  mail: MailProbe | null;
  /** null: not asked yet. */
  download: DownloadProbe | null;
}

/** The switches a report can settle, as emulator/switches.ts names them. */
export const CHECKED_SWITCHES = [
  'plainTextFormulas',
  'plainTextApostrophe',
  'textFormatName',
  'editEventBounds',
  'intlTimeZones',
  'dialogDownloads',
  'columnMoveChange',
  'mailQuotaCounts',
  'cacheValueLimit',
] as const;
export type CheckedSwitch = (typeof CHECKED_SWITCHES)[number];
/** The world observed for each switch, or null: not measured, or unclear. */
export type ObservedWorlds = Record<CheckedSwitch, string | null>;

export interface CheckReport {
  kind: typeof CHECK_REPORT_KIND;
  version: typeof CHECK_REPORT_VERSION;
  measuredAt: string;
  environment: { spreadsheetLocale: string; spreadsheetTimeZone: string; scriptTimeZone: string };
  speed: SpeedReport;
  probes: CheckProbes;
  /** Probes that failed, with the error (a probe's name → its message). */
  failures: Record<string, string>;
  /** observedWorlds(probes), written for the reader; the fidelity script derives it again. */
  worlds: ObservedWorlds;
  /** A word from whoever made the file (a sample says it is one). */
  note?: string;
}

// ------------------------------------------------------------------ what the probes say

function textRow(probes: CheckProbes, format: string, written: string): TextWrite | undefined {
  return probes.textWrites?.find((w) => w.format === format && w.written === written);
}

/** Which world of each switch the probes observed (null: not measured or unclear). */
export function observedWorlds(probes: CheckProbes): ObservedWorlds {
  const formulaRows = ['=1+1', '+1 514 555 0101'].map((w) => textRow(probes, '@', w));
  let plainTextFormulas: string | null = null;
  if (formulaRows.some((r) => r && r.formula !== '')) plainTextFormulas = 'formula';
  else if (formulaRows.every((r) => r && r.type === 'string' && r.value === r.written))
    plainTextFormulas = 'text';

  const apostrophe = textRow(probes, '@', "'0042");
  const plainTextApostrophe =
    apostrophe?.type !== 'string'
      ? null
      : apostrophe.value === "'0042"
        ? 'kept'
        : apostrophe.value === '0042'
          ? 'swallowed'
          : null;

  const at = textRow(probes, '@', '0042')?.formatRead;
  const atString = textRow(probes, '@STRING@', '0042')?.formatRead;
  const textFormatName =
    at === '@' && atString === '@STRING@'
      ? 'asWritten'
      : at === '@' && atString === '@'
        ? 'at'
        : at === '@STRING@' && atString === '@STRING@'
          ? 'atString'
          : null;

  const bounds = probes.editEvent?.range.length;
  const editEventBounds = bounds === 4 ? 'present' : bounds === 0 ? 'absent' : null;

  const intlTimeZones = !probes.intl ? null : probes.intl.intl === 'works' ? 'all' : 'utcOnly';

  const d = probes.download;
  const dialogDownloads =
    !d || !d.measurable || d.arrived === undefined ? null : d.arrived ? 'allowed' : 'blocked';

  const m = probes.mail;
  const drop = m ? m.before - m.after : null;
  const mailQuotaCounts =
    !m || m.recipients === m.messages
      ? null
      : drop === m.recipients
        ? 'recipients'
        : drop === m.messages
          ? 'messages'
          : null;

  const c = probes.cache;
  const cacheValueLimit = !c
    ? null
    : c.accepted.includes(102_400)
      ? '102400'
      : c.accepted.includes(100_000) && c.refused.includes(102_400)
        ? '100000'
        : null;

  return {
    plainTextFormulas,
    plainTextApostrophe,
    textFormatName,
    editEventBounds,
    intlTimeZones,
    dialogDownloads,
    // A person has to move a column for this one: not something a check can do.
    columnMoveChange: null,
    mailQuotaCounts,
    cacheValueLimit,
  };
}

// ------------------------------------------------------------------ validation

export class CheckReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckReportError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown, where: string, max = 500): string {
  if (typeof v !== 'string') throw new CheckReportError(`${where} must be text`);
  return v.slice(0, max);
}

function whole(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100_000_000)
    throw new CheckReportError(`${where} must be a whole number of 0 to 100,000,000`);
  return v;
}

function names(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.length > 50)
    throw new CheckReportError(`${where} must be a list of names`);
  return v.map((x, i) => text(x, `${where}[${i}]`, 60));
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    throw new CheckReportError(
      `${where} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
    );
  return v as T;
}

function optional<T>(
  v: unknown,
  parse: (x: Record<string, unknown>) => T,
  where: string,
): T | null {
  if (v === null || v === undefined) return null;
  if (!isRecord(v)) throw new CheckReportError(`${where} must be an object or null`);
  return parse(v);
}

export function parseTextWrites(v: unknown): TextWrite[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v) || v.length > 30)
    throw new CheckReportError('probes.textWrites must be a list of at most 30 writes');
  return v.map((w, i) => {
    const where = `probes.textWrites[${i}]`;
    if (!isRecord(w)) throw new CheckReportError(`${where} must be an object`);
    return {
      format: oneOf(w['format'], TEXT_FORMATS, `${where}.format`),
      written: oneOf(w['written'], TEXT_PROBES, `${where}.written`),
      type: oneOf(w['type'], ['string', 'number', 'boolean', 'date'] as const, `${where}.type`),
      value: text(w['value'], `${where}.value`, 100),
      formula: text(w['formula'], `${where}.formula`, 100),
      formatRead: text(w['formatRead'], `${where}.formatRead`, 100),
    };
  });
}

export function parseProbes(v: unknown): CheckProbes {
  if (!isRecord(v)) throw new CheckReportError('probes must be an object');
  return {
    textWrites: parseTextWrites(v['textWrites']),
    intl: optional(
      v['intl'],
      (x) => {
        const probe: IntlProbe = {
          timeZone: text(x['timeZone'], 'probes.intl.timeZone', 100),
          intl: oneOf(x['intl'], ['works', 'throws'] as const, 'probes.intl.intl'),
          samples: whole(x['samples'], 'probes.intl.samples'),
          intlAgrees: whole(x['intlAgrees'], 'probes.intl.intlAgrees'),
          productAgrees: whole(x['productAgrees'], 'probes.intl.productAgrees'),
        };
        if (x['error'] !== undefined) probe.error = text(x['error'], 'probes.intl.error');
        return probe;
      },
      'probes.intl',
    ),
    editEvent: optional(
      v['editEvent'],
      (x) => ({
        event: names(x['event'], 'probes.editEvent.event'),
        range: names(x['range'], 'probes.editEvent.range'),
        at: text(x['at'], 'probes.editEvent.at', 40),
      }),
      'probes.editEvent',
    ),
    cache: optional(
      v['cache'],
      (x) => ({
        accepted: (Array.isArray(x['accepted']) ? x['accepted'] : [null]).map((n, i) =>
          whole(n, `probes.cache.accepted[${i}]`),
        ),
        refused: (Array.isArray(x['refused']) ? x['refused'] : [null]).map((n, i) =>
          whole(n, `probes.cache.refused[${i}]`),
        ),
      }),
      'probes.cache',
    ),
    mail: optional(v['mail'], parseMailProbe, 'probes.mail'),
    download: optional(v['download'], parseDownloadProbe, 'probes.download'),
  };
}

export function parseMailProbe(x: Record<string, unknown>): MailProbe {
  return {
    before: whole(x['before'], 'probes.mail.before'),
    after: whole(x['after'], 'probes.mail.after'),
    recipients: whole(x['recipients'], 'probes.mail.recipients'),
    messages: whole(x['messages'], 'probes.mail.messages'),
  };
}

export function parseDownloadProbe(x: Record<string, unknown>): DownloadProbe {
  if (typeof x['measurable'] !== 'boolean')
    throw new CheckReportError('probes.download.measurable must be true or false');
  const out: DownloadProbe = { measurable: x['measurable'] };
  if (x['arrived'] !== undefined) {
    if (typeof x['arrived'] !== 'boolean')
      throw new CheckReportError('probes.download.arrived must be true or false');
    out.arrived = x['arrived'];
  }
  return out;
}

/**
 * A check report from parsed JSON, checked field by field; throws CheckReportError (or the
 * speed part's SpeedReportError) naming the first field at fault. Unknown fields are dropped;
 * `worlds` is derived again from the probes.
 */
export function parseCheckReport(v: unknown): CheckReport {
  if (!isRecord(v)) throw new CheckReportError('the report must be a JSON object');
  if (v['kind'] !== CHECK_REPORT_KIND)
    throw new CheckReportError(
      `not a Fiche Client check report: "kind" must be "${CHECK_REPORT_KIND}", not ${JSON.stringify(v['kind'])}`,
    );
  if (v['version'] !== CHECK_REPORT_VERSION)
    throw new CheckReportError(
      `version ${JSON.stringify(v['version'])} is not supported (this version reads ${CHECK_REPORT_VERSION})`,
    );
  const at = v['measuredAt'];
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
    throw new CheckReportError('measuredAt must be an ISO date and time');
  const env = v['environment'];
  if (!isRecord(env)) throw new CheckReportError('environment must be an object');
  let speed: SpeedReport;
  try {
    speed = parseSpeedReport(v['speed']);
  } catch (e) {
    if (e instanceof SpeedReportError) throw new CheckReportError(`speed: ${e.message}`);
    throw e;
  }
  const probes = parseProbes(v['probes']);
  const failuresIn = v['failures'] ?? {};
  if (!isRecord(failuresIn)) throw new CheckReportError('failures must be an object');
  const failures: Record<string, string> = {};
  for (const [k, msg] of Object.entries(failuresIn).slice(0, 20))
    failures[k.slice(0, 40)] = text(msg, `failures.${k}`);
  const report: CheckReport = {
    kind: CHECK_REPORT_KIND,
    version: CHECK_REPORT_VERSION,
    measuredAt: at,
    environment: {
      spreadsheetLocale: text(env['spreadsheetLocale'], 'environment.spreadsheetLocale', 40),
      spreadsheetTimeZone: text(env['spreadsheetTimeZone'], 'environment.spreadsheetTimeZone', 100),
      scriptTimeZone: text(env['scriptTimeZone'], 'environment.scriptTimeZone', 100),
    },
    speed,
    probes,
    failures,
    worlds: observedWorlds(probes),
  };
  if (v['note'] !== undefined) report.note = text(v['note'], 'note');
  return report;
}
