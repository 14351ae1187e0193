/**
 * The local preview: `npm start` builds the bundle, then this serves the product on
 * http://127.0.0.1:8080 — a page that looks like a small spreadsheet over the emulated
 * workbook, running the real dist/Code.js and dist/Sidebar.html offline.
 *
 *   --port N      port (or env PORT; default 8080)
 *   --data FILE   where the workbook persists (default .preview/workbook.json)
 *   --fresh       start from a new sample workbook (replaces the saved one)
 *   --empty       start from an empty workbook on which Set up workbook has run
 *   --lang en     English sample, en_US locale (default French, fr_CA); time zone America/Toronto
 *   --today DAY   build the new sample for that day and set the clock to it (tests, screenshots)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { dayInZone, isDay } from '../src/domain/time';
import type { Lang } from '../src/shared/contract';
import type { Separator } from './csv';
import { acquireLock, LockedError, type HeldLock } from './lock';
import { t, type PreviewText } from './messages';
import { buildEmpty, buildSample, DEFAULT_TIME_ZONE, noonOf } from './sample';
import {
  PreviewSession,
  SessionError,
  TRIGGER_BUTTONS,
  type Answer,
  type ActionResult,
} from './session';
import type { Params } from '../src/shared/text';
import {
  isPreviewFileOrFree,
  prepareDataFolder,
  readState,
  removeStaleTemps,
  StateError,
} from './state';

const HERE = path.resolve(__dirname);
const MAX_BODY = 20 * 1024 * 1024;

export interface PreviewOptions {
  port: number;
  dataFile: string;
  fresh: boolean;
  empty: boolean;
  lang: Lang;
  langGiven: boolean;
  /** A fixed "today" for a new workbook, the clock set to it; null = the real date. */
  today: string | null;
}

/** A start that cannot go on; the message is in the language the terminal is told things in. */
export class StartError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): PreviewOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      empty: { type: 'boolean', default: false },
      lang: { type: 'string' },
      today: { type: 'string' },
    },
    strict: true,
  });
  const lang = values.lang ?? 'fr';
  if (lang !== 'fr' && lang !== 'en') throw new StartError(t('cliBadLang', 'fr', { lang }));
  const portText = values.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartError(t('cliBadPort', lang, { port: portText }));
  if (values.today !== undefined && !isDay(values.today))
    throw new StartError(t('cliBadToday', lang, { today: values.today }));
  return {
    port,
    today: values.today ?? null,
    dataFile: path.resolve(values.data ?? path.join('.preview', 'workbook.json')),
    fresh: values.fresh === true,
    empty: values.empty === true,
    lang,
    langGiven: values.lang !== undefined,
  };
}

/**
 * The language to tell the terminal things in: the new workbook's (--lang, French by default)
 * for --fresh or --empty or when --lang is given, else the saved workbook's (its "lang" field
 * comes near the start of the file the preview writes), else French.
 */
export function startupLang(opts: PreviewOptions): Lang {
  if (opts.langGiven || opts.fresh || opts.empty) return opts.lang;
  try {
    const fd = openSync(opts.dataFile, 'r');
    try {
      const head = Buffer.alloc(200);
      const n = readSync(fd, head, 0, head.length, 0);
      const m = /"lang"\s*:\s*"(fr|en)"/.exec(head.subarray(0, n).toString('utf8'));
      if (m) return m[1] as Lang;
    } finally {
      closeSync(fd);
    }
  } catch {
    // no saved workbook (or none readable): the default
  }
  return opts.lang;
}

const LANG_NAME = { fr: 'langFr', en: 'langEn' } as const;

/**
 * Loads the saved workbook, or builds the sample (or an empty one) when asked or when none.
 * `notices` receives what the user should know (a language that differs from --lang). A saved
 * file that cannot be used stops the start with its name and what is wrong, untouched.
 */
export function openSession(
  opts: PreviewOptions,
  notices: string[] = [],
  lang: Lang = startupLang(opts),
): PreviewSession {
  if ((opts.fresh || opts.empty) && !isPreviewFileOrFree(opts.dataFile))
    throw new StartError(t('cliNotPreview', lang, { file: opts.dataFile }));
  let saved;
  try {
    saved = opts.fresh || opts.empty ? null : readState(opts.dataFile);
  } catch (e) {
    if (e instanceof StateError) throw new StartError(e.say(lang));
    throw e;
  }
  if (saved) {
    if (opts.langGiven && saved.lang !== opts.lang)
      notices.push(
        t('cliLangDiffers', lang, {
          saved: t(LANG_NAME[saved.lang], lang),
          wanted: t(LANG_NAME[opts.lang], lang),
        }),
      );
    try {
      return PreviewSession.fromState(saved, opts.dataFile);
    } catch (e) {
      // The schema holds, yet the emulator cannot rebuild it: still the file's fault, named.
      throw new StartError(
        t('cliUnreadable', lang, {
          file: opts.dataFile,
          problem: e instanceof Error ? e.message : String(e),
        }),
      );
    }
  }
  const today = opts.today ?? dayInZone(new Date(), DEFAULT_TIME_ZONE);
  const emu = opts.empty
    ? buildEmpty({ lang: opts.lang, today })
    : buildSample({ lang: opts.lang, today });
  emu.spreadsheet.name = opts.empty
    ? 'Fiche Client'
    : opts.lang === 'fr'
      ? 'Fiche Client — exemple'
      : 'Fiche Client — sample';
  return new PreviewSession(
    emu,
    opts.dataFile,
    opts.today ? new Date(noonOf(opts.today)).getTime() : null,
  );
}

// ---------------------------------------------------------------- HTTP

/** A refused request: the message key (preview/messages.ts), said in the workbook's language. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly key: PreviewText,
    readonly params: Params = {},
  ) {
    super(key);
  }
}

/**
 * Every answer: no caching, no type sniffing, and no framing by another site (the page frames its
 * own sidebar, so 'self'): X-Frame-Options for older browsers, CSP frame-ancestors for the rest
 * (https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors).
 */
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy': "frame-ancestors 'self'",
};

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // A JSON content type cannot be sent cross-site without a preflight, which this server never
  // grants: another web site open in the browser cannot drive the preview.
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
    throw new HttpError(415, 'expectedJson');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'tooLarge', { mb: MAX_BODY / 1024 / 1024 });
    chunks.push(chunk as Buffer);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'badJson');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new HttpError(400, 'notObject');
  return parsed as Record<string, unknown>;
}

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string') throw new HttpError(400, 'fieldText', { name });
  return v;
};
const int = (v: unknown, name: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new HttpError(400, 'fieldInt', { name });
  return v;
};
/** A day for the clock: absent or blank is "real time"; anything else must be a real calendar day. */
const optDay = (v: unknown): string | null => {
  if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
  if (typeof v !== 'string' || !isDay(v.trim()))
    throw new HttpError(400, 'badDate', { date: JSON.stringify(v) });
  return v.trim();
};
/** A name the request gives, which must be one of `table`'s own keys (never Object's). */
function oneOf<T extends object>(table: T, v: unknown, name: string): keyof T & string {
  const value = str(v, name);
  if (!Object.hasOwn(table, value))
    throw new HttpError(400, 'fieldChoice', { name, value: JSON.stringify(value) });
  return value as keyof T & string;
}

const BUTTONS = { OK: 1, CANCEL: 1, YES: 1, NO: 1, CLOSE: 1 } as const;
const ANSWER_KINDS = { alert: 1, prompt: 1 } as const;
const SEPARATORS: Readonly<Record<string, Separator>> = { comma: ',', semicolon: ';' };

function answersOf(v: unknown): Answer[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new HttpError(400, 'fieldList', { name: 'answers' });
  return v.map((a: unknown): Answer => {
    if (!a || typeof a !== 'object') throw new HttpError(400, 'notObject');
    const o = a as Record<string, unknown>;
    const kind = o.kind === undefined ? 'alert' : oneOf(ANSWER_KINDS, o.kind, 'kind');
    const button = oneOf(BUTTONS, o.button, 'button');
    return kind === 'prompt'
      ? { kind: 'prompt', button, text: o.text === undefined ? '' : str(o.text, 'text') }
      : { kind: 'alert', button };
  });
}

/** A file sent by the page: its bytes in base64 (`data`), or text already read (`text`). */
function fileOf(body: Record<string, unknown>): Uint8Array | string {
  if (body.data === undefined) return str(body.text, 'text');
  const data = str(body.data, 'data').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0)
    throw new HttpError(400, 'fieldBytes', { name: 'data' });
  return new Uint8Array(Buffer.from(data, 'base64'));
}

export interface RunningPreview {
  url: string;
  session: PreviewSession;
  /** What the user should be told at start (a stale lock taken over, files tidied…). */
  notices: string[];
  close(): Promise<void>;
}

async function pageScript(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(HERE, 'page.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

/**
 * Starts the preview: checks the data file's folder, listens, takes the file's lock (one
 * preview per file), tidies what a killed preview left, then opens the workbook. Each failure
 * stops the start with a StartError (or the listen error) before the workbook file is touched.
 */
export async function startPreview(opts: PreviewOptions): Promise<RunningPreview> {
  const lang = startupLang(opts);
  const folder = prepareDataFolder(opts.dataFile);
  if (!folder.ok) throw new StartError(folder.say(lang));
  const html = readFileSync(path.join(HERE, 'page.html'), 'utf8');
  const script = await pageScript();
  const hostOk = new Set([`127.0.0.1:${opts.port}`, `localhost:${opts.port}`]);
  const url = `http://127.0.0.1:${opts.port}`;
  // Listen first: a taken port must not cost a --fresh user their saved workbook.
  let session: PreviewSession | null = null;
  const server = createServer((req, res) => {
    const fail = (e: unknown): void => {
      const sayIn = session?.lang ?? lang;
      const [status, message] =
        e instanceof HttpError
          ? [e.status, t(e.key, sayIn, e.params)]
          : e instanceof SessionError
            ? [e.status, e.message]
            : [500, e instanceof Error ? e.message : String(e)];
      if (!res.headersSent) sendJson(res, { error: message }, status);
      else res.end();
    };
    if (!session) return fail(new HttpError(503, 'starting'));
    handle(session, req, res).catch(fail);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: the preview is for this machine, never the network.
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const closeServer = (): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
  const notices: string[] = [];
  let lock: HeldLock;
  try {
    lock = acquireLock(opts.dataFile, url);
  } catch (e) {
    await closeServer();
    if (e instanceof LockedError) throw new StartError(e.say(lang));
    throw e;
  }
  const release = (): void => lock.release();
  process.on('exit', release);
  try {
    if (lock.tookOver)
      notices.push(
        t('cliStaleLock', lang, {
          file: opts.dataFile,
          pid: lock.tookOver.pid,
          since: lock.tookOver.startedAt,
        }),
      );
    const backupFile = opts.dataFile.replace(/(\.json)?$/, '.before-import.json');
    const removed = removeStaleTemps([opts.dataFile, backupFile]);
    if (removed > 0) notices.push(t('cliTmpRemoved', lang, { n: removed }));
    session = openSession(opts, notices, lang);
  } catch (e) {
    release();
    process.off('exit', release);
    await closeServer();
    throw e;
  }
  const running = session;
  return {
    url,
    session: running,
    notices,
    close: async () => {
      await closeServer();
      release();
      process.off('exit', release);
    },
  };

  async function handle(
    session: PreviewSession,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const reply = (res: ServerResponse, since: number, result: ActionResult = {}): void =>
      sendJson(res, {
        ...result,
        view: session.view(),
        activity: session.activitySince(since),
        seq: session.lastSeq(),
      });
    // Only this machine's browser, by its own name (no DNS-rebinding host names).
    if (!hostOk.has(req.headers.host ?? '')) throw new HttpError(403, 'forbiddenHost');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /') return send(res, 200, 'text/html; charset=utf-8', html);
    if (route === 'GET /page.js') return send(res, 200, 'text/javascript; charset=utf-8', script);
    if (req.method === 'GET' && url.pathname.startsWith('/frame/')) {
      const frame = session.frame(url.pathname.slice('/frame/'.length));
      if (!frame) throw new HttpError(404, 'noFrame');
      return send(res, 200, 'text/html; charset=utf-8', frame);
    }
    if (route === 'GET /api/view') {
      // A page that has seen nothing yet starts from now: no replay of old toasts. A GET never
      // acts: opening the spreadsheet (onOpen) is POST /api/open.
      const since = url.searchParams.get('since');
      return reply(res, since === null ? session.lastSeq() : Number(since) || 0);
    }
    if (route === 'GET /api/csv') {
      const sheet = str(url.searchParams.get('sheet'), 'sheet');
      const sepName = url.searchParams.get('sep') ?? 'comma';
      const sep = SEPARATORS[oneOf(SEPARATORS, sepName, 'sep')]!;
      // The whole file first: a failure (no such sheet, busy) is an error status, not a
      // truncated download that says 200.
      const csv = session.exportCsv(sheet, sep);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(sheet)}.csv`,
        ...SECURITY_HEADERS,
      });
      res.end(csv);
      return;
    }
    if (req.method !== 'POST') throw new HttpError(404, 'notFound');
    const body = await readJson(req);
    if (url.pathname === '/rpc') {
      if (body.args !== undefined && !Array.isArray(body.args))
        throw new HttpError(400, 'fieldList', { name: 'args' });
      const args = (body.args as unknown[] | undefined) ?? [];
      return sendJson(res, await session.rpc(str(body.fn, 'fn'), args));
    }
    const since = typeof body.since === 'number' ? body.since : 0;
    // Every field is checked before the session is asked anything: a refused request changes
    // nothing (not even the clock).
    switch (url.pathname) {
      case '/api/open':
        // Opening (or reloading) the page is opening the spreadsheet: onOpen runs again.
        await session.reopen();
        return reply(res, session.lastSeq());
      case '/api/select': {
        const sheet = str(body.sheet, 'sheet');
        const row = body.row == null ? null : int(body.row, 'row');
        const col = body.col == null ? null : int(body.col, 'col');
        await session.select(sheet, row, col);
        return reply(res, since);
      }
      case '/api/menu': {
        const menuPath = str(body.path, 'path');
        const answers = answersOf(body.answers);
        return reply(res, since, await session.clickMenu(menuPath, answers));
      }
      case '/api/edit': {
        const value = typeof body.value === 'boolean' ? body.value : str(body.value, 'value');
        const sheet = str(body.sheet, 'sheet');
        const row = int(body.row, 'row');
        const col = int(body.col, 'col');
        return reply(res, since, await session.editCell(sheet, row, col, value));
      }
      case '/api/clock': {
        const day = optDay(body.date);
        await session.setClock(day);
        return reply(res, since);
      }
      case '/api/trigger': {
        const kind = oneOf(TRIGGER_BUTTONS, body.kind, 'kind');
        const day = optDay(body.date);
        return reply(res, since, await session.fireTrigger(kind, day));
      }
      case '/api/import': {
        const sheet = str(body.sheet, 'sheet');
        const file = fileOf(body);
        const answers = answersOf(body.answers);
        return reply(res, since, await session.importCsv(sheet, file, answers));
      }
      case '/api/restore':
        return reply(res, since, await session.restoreBackup());
      default:
        throw new HttpError(404, 'notFound');
    }
  }
}

/**
 * Stops when the process that started it goes away. `npm start` builds, then its shell execs this
 * server, so npm's own child is this process and npm's signals reach it; but a parent killed outright
 * (SIGKILL) forwards nothing: then the parent id changes (the orphan is adopted) and the preview
 * stops rather than keep serving, unseen, on its port.
 */
function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => process.exit(0));
}

async function main(): Promise<void> {
  let opts: PreviewOptions;
  try {
    opts = parseOptions(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  exitWithParent();
  const lang = startupLang(opts);
  try {
    const running = await startPreview(opts);
    for (const notice of running.notices) console.warn(notice);
    console.log(
      t('cliStarted', lang, {
        url: running.url,
        file: path.relative(process.cwd(), opts.dataFile),
      }),
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      console.error(t('cliPortInUse', lang, { port: opts.port, next: opts.port + 1 }));
    else console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

if (require.main === module) void main();
