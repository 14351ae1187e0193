import type { CallCounter } from './calls';
import { counted } from './counting';
import { formatString } from './format';

/** One line written by Logger or console, kept for tests (printed only when asked). */
export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: Date;
}

export class LogBook {
  readonly entries: LogEntry[] = [];
  constructor(private readonly print: boolean) {}

  add(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.print) process.stderr.write(`[${entry.source}.${entry.level}] ${entry.message}\n`);
  }

  messages(): string[] {
    return this.entries.map((e) => e.message);
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.stack ?? String(v);
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Logger: https://developers.google.com/apps-script/reference/base/logger */
export class LoggerImpl {
  private readonly mine: string[] = [];
  constructor(
    private readonly book: LogBook,
    private readonly now: () => Date,
  ) {}

  /** log(data) or log(format, ...values) with Utilities.formatString placeholders. */
  log(data: unknown, ...values: unknown[]): this {
    const message =
      values.length > 0 && typeof data === 'string' ? formatString(data, ...values) : show(data);
    this.mine.push(message);
    this.book.add({ source: 'Logger', level: 'log', message, at: this.now() });
    return this;
  }
  getLog(): string {
    return this.mine.map((m) => m + '\n').join('');
  }
  clear(): void {
    this.mine.length = 0;
  }
}

/** console in Apps Script goes to Cloud Logging; here it is recorded like Logger. */
export function createConsole(
  book: LogBook,
  now: () => Date,
  calls: CallCounter,
): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const write =
    (level: LogEntry['level']) =>
    (...args: unknown[]): void => {
      calls.count(`console.${level}`);
      book.add({ source: 'console', level, message: args.map(show).join(' '), at: now() });
    };
  return {
    log: write('log'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    debug: write('debug'),
  };
}

export function createLogger(book: LogBook, now: () => Date, calls: CallCounter): LoggerImpl {
  return counted(calls, 'Logger', new LoggerImpl(book, now));
}
