import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { CallCounter } from './calls';
import type { Clock } from './clock';
import { counted } from './counting';
import { scriptError } from './errors';
import { formatString } from './format';

/**
 * Utilities: https://developers.google.com/apps-script/reference/utilities/utilities
 * Byte arrays are Java byte[]: numbers from -128 to 127 (computeDigest, base64Decode, Blob.getBytes).
 */
export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** "The maximum allowed value is 300000 (or 5 minutes)" (Utilities.sleep reference). */
export const MAX_SLEEP_MS = 300_000;

export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** A string (in charset) or a byte[] (signed or not) as raw bytes. */
export function toBuffer(value: unknown, charset: string = Charset.UTF_8): Buffer {
  if (Array.isArray(value)) return Buffer.from(value.map((b) => Number(b) & 0xff));
  if (value instanceof Uint8Array) return Buffer.from(value);
  const text = String(value);
  // US_ASCII replaces what it cannot encode with '?', like Java's encoder.
  if (charset === Charset.US_ASCII)
    return Buffer.from(
      Array.from(text, (ch) => (ch.charCodeAt(0) < 128 ? ch : '?')).join(''),
      'latin1',
    );
  return Buffer.from(text, 'utf8');
}

export class Blob {
  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return toSignedBytes(this.bytes);
  }
  getDataAsString(charset?: string): string {
    return charset === Charset.US_ASCII
      ? this.bytes.toString('latin1')
      : this.bytes.toString('utf8');
  }
  setDataFromString(text: string): this {
    this.bytes = Buffer.from(String(text), 'utf8');
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string): this {
    this.contentType = String(contentType);
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = String(name);
    return this;
  }
  copyBlob(): Blob {
    return new Blob(Buffer.from(this.bytes), this.contentType, this.name);
  }
}

export class UtilitiesImpl {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;

  constructor(
    private readonly calls: CallCounter,
    private readonly clock: Clock,
    private readonly formatDateJava: (date: Date, timeZone: string, pattern: string) => string,
  ) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!(date instanceof Date) && Object.prototype.toString.call(date) !== '[object Date]')
      throw scriptError('Invalid argument: date');
    return this.formatDateJava(
      new Date((date as Date).getTime()),
      String(timeZone),
      String(format),
    );
  }

  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, ...args);
  }

  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const name = NODE_DIGEST[String(algorithm)];
    if (!name) throw scriptError(`Invalid argument: algorithm`);
    return toSignedBytes(createHash(name).update(toBuffer(value, charset)).digest());
  }

  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return toSignedBytes(
      createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
    );
  }

  base64Encode(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: unknown, charset?: string): string {
    // Web-safe keeps the '=' padding, unlike base64url.
    return this.base64Encode(data, charset).replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return toSignedBytes(decode64(String(encoded)));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return toSignedBytes(decode64(String(encoded).replace(/-/g, '+').replace(/_/g, '/')));
  }

  newBlob(data: unknown, contentType?: string, name?: string): Blob {
    return counted(
      this.calls,
      'Blob',
      new Blob(toBuffer(data ?? ''), contentType ?? null, name ?? null),
    );
  }

  /** Advances the emulated clock instead of blocking. */
  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_SLEEP_MS)
      throw scriptError('Invalid argument: milliseconds');
    this.clock.advance(ms);
  }

  getUuid(): string {
    return randomUUID();
  }

  jsonStringify(obj: unknown): string {
    return JSON.stringify(obj);
  }

  jsonParse(json: string): unknown {
    return JSON.parse(json);
  }

  /** RFC 4180 CSV, as the real parseCsv: quoted fields, doubled quotes, newlines in quotes. */
  parseCsv(csv: string, delimiter = ','): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    const text = String(csv);
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) {
        row.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
      } else field += ch;
    }
    if (field !== '' || row.length > 0) {
      row.push(field);
      rows.push(row);
    }
    return rows;
  }
}

// Invalid input fails (Node would silently skip bad characters); the wording is the emulator's.
function decode64(text: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text.replace(/\s/g, '')))
    throw scriptError('Could not decode string.');
  return Buffer.from(text, 'base64');
}

export function createUtilities(
  calls: CallCounter,
  clock: Clock,
  formatDateJava: (date: Date, timeZone: string, pattern: string) => string,
): UtilitiesImpl {
  return counted(calls, 'Utilities', new UtilitiesImpl(calls, clock, formatDateJava));
}
