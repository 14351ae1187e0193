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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { dayInZone, isDay } from '../src/domain/time';
import type { Lang } from '../src/shared/contract';
import { buildEmpty, buildSample, DEFAULT_TIME_ZONE, noonOf } from './sample';
import { PreviewSession, TRIGGER_HANDLERS, type Answer, type ActionResult } from './session';
import { isPreviewFileOrFree, readState } from './state';

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
  const portText = values.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`Invalid port: ${portText}`);
  const lang = values.lang ?? 'fr';
  if (lang !== 'fr' && lang !== 'en') throw new Error(`--lang must be fr or en, not ${lang}`);
  if (values.today !== undefined && !isDay(values.today))
    throw new Error(`--today must be YYYY-MM-DD, not ${values.today}`);
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

/** Loads the saved workbook, or builds the sample (or an empty one) when asked or when none. */
export function openSession(opts: PreviewOptions): PreviewSession {
  if ((opts.fresh || opts.empty) && !isPreviewFileOrFree(opts.dataFile))
    throw new Error(
      `${opts.dataFile} exists and is not a preview workbook: choose another --data file.`,
    );
  const saved = opts.fresh || opts.empty ? null : readState(opts.dataFile);
  if (saved) {
    if (opts.langGiven && saved.lang !== opts.lang)
      console.warn(
        `The saved workbook is in ${saved.lang}; add --fresh for a new ${opts.lang} sample.`,
      );
    return PreviewSession.fromState(saved, opts.dataFile);
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

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
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
    throw new HttpError(415, 'Expected application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request too large');
    chunks.push(chunk as Buffer);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new HttpError(400, 'Expected a JSON object');
  return parsed as Record<string, unknown>;
}

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string') throw new HttpError(400, `${name} must be a string`);
  return v;
};
const int = (v: unknown, name: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new HttpError(400, `${name} must be a positive integer`);
  return v;
};
/** A day for the clock: absent or blank is "real time"; anything else must be a real calendar day. */
const optDay = (v: unknown): string | null => {
  if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
  if (typeof v !== 'string' || !isDay(v.trim()))
    throw new HttpError(400, `date must be a real day YYYY-MM-DD, not ${JSON.stringify(v)}`);
  return v.trim();
};

function answersOf(v: unknown): Answer[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new HttpError(400, 'answers must be an array');
  return v.map((a: unknown): Answer => {
    const o = (a ?? {}) as Record<string, unknown>;
    const button = str(o.button, 'button') as Answer['button'];
    return o.kind === 'prompt'
      ? { kind: 'prompt', button, text: typeof o.text === 'string' ? o.text : '' }
      : { kind: 'alert', button };
  });
}

export interface RunningPreview {
  url: string;
  session: PreviewSession;
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

export async function startPreview(opts: PreviewOptions): Promise<RunningPreview> {
  const html = readFileSync(path.join(HERE, 'page.html'), 'utf8');
  const script = await pageScript();
  const hostOk = new Set([`127.0.0.1:${opts.port}`, `localhost:${opts.port}`]);
  // Listen first: a taken port must not cost a --fresh user their saved workbook.
  let session: PreviewSession | null = null;
  const server = createServer((req, res) => {
    const fail = (e: unknown): void => {
      const status = e instanceof HttpError ? e.status : 500;
      if (!res.headersSent)
        sendJson(res, { error: e instanceof Error ? e.message : String(e) }, status);
      else res.end();
    };
    if (!session) return fail(new HttpError(503, 'Starting'));
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
  try {
    session = openSession(opts);
  } catch (e) {
    server.close();
    throw e;
  }
  const running = session;
  return {
    url: `http://127.0.0.1:${opts.port}`,
    session: running,
    close: () => new Promise((resolve) => server.close(() => resolve())),
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
    if (!hostOk.has(req.headers.host ?? '')) throw new HttpError(403, 'Forbidden host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /') return send(res, 200, 'text/html; charset=utf-8', html);
    if (route === 'GET /page.js') return send(res, 200, 'text/javascript; charset=utf-8', script);
    if (req.method === 'GET' && url.pathname.startsWith('/frame/')) {
      const frame = session.frame(url.pathname.slice('/frame/'.length));
      if (!frame) throw new HttpError(404, 'No such frame');
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
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(sheet)}.csv`,
        ...SECURITY_HEADERS,
      });
      res.end(session.exportCsv(sheet));
      return;
    }
    if (req.method !== 'POST') throw new HttpError(404, 'Not found');
    const body = await readJson(req);
    if (url.pathname === '/rpc') {
      const args = Array.isArray(body.args) ? (body.args as unknown[]) : [];
      return sendJson(res, await session.rpc(str(body.fn, 'fn'), args));
    }
    const since = typeof body.since === 'number' ? body.since : 0;
    switch (url.pathname) {
      case '/api/open':
        // Opening (or reloading) the page is opening the spreadsheet: onOpen runs again.
        session.reopen();
        return reply(res, session.lastSeq());
      case '/api/select':
        session.select(
          str(body.sheet, 'sheet'),
          body.row == null ? null : int(body.row, 'row'),
          body.col == null ? null : int(body.col, 'col'),
        );
        return reply(res, since);
      case '/api/menu':
        return reply(
          res,
          since,
          session.clickMenu(str(body.path, 'path'), answersOf(body.answers)),
        );
      case '/api/edit': {
        const value = typeof body.value === 'boolean' ? body.value : str(body.value, 'value');
        return reply(
          res,
          since,
          session.editCell(
            str(body.sheet, 'sheet'),
            int(body.row, 'row'),
            int(body.col, 'col'),
            value,
          ),
        );
      }
      case '/api/clock':
        session.setClock(optDay(body.date));
        return reply(res, since);
      case '/api/trigger': {
        const kind = str(body.kind, 'kind');
        if (!(kind in TRIGGER_HANDLERS)) throw new HttpError(400, `Unknown trigger ${kind}`);
        return reply(
          res,
          since,
          session.fireTrigger(kind as keyof typeof TRIGGER_HANDLERS, optDay(body.date)),
        );
      }
      case '/api/import':
        return reply(
          res,
          since,
          session.importCsv(
            str(body.sheet, 'sheet'),
            str(body.text, 'text'),
            answersOf(body.answers),
          ),
        );
      case '/api/restore':
        return reply(res, since, session.restoreBackup());
      default:
        throw new HttpError(404, 'Not found');
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
  try {
    const running = await startPreview(opts);
    console.log(
      `Fiche Client preview: ${running.url}  (workbook: ${path.relative(process.cwd(), opts.dataFile)}; Ctrl+C to stop)`,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      console.error(
        `Port ${opts.port} is already in use: try npm start -- --port ${opts.port + 1}`,
      );
    else console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

if (require.main === module) void main();
