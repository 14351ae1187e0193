import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { CallCounter } from './calls';
import { counted } from './counting';
import { scriptError } from './errors';

/**
 * HtmlService: https://developers.google.com/apps-script/reference/html/html-service
 * Files are looked up as `<distDir>/<name>.html`, the way clasp pushes dist/ (the project's HTML
 * files are what `npm run build` writes there).
 */
export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

export class HtmlOutput {
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  private sandbox: string = SandboxMode.IFRAME;
  private xFrame: string = XFrameOptionsMode.DEFAULT;
  private readonly meta: { name: string; content: string }[] = [];

  constructor(private content: string) {}

  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }
  /** Appends text escaped for HTML, so user text never becomes markup. */
  appendUntrusted(addedContent: string): this {
    this.content += escapeHtml(String(addedContent));
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
  setWidth(width: number): this {
    this.width = Number(width);
    return this;
  }
  getHeight(): number | null {
    return this.height;
  }
  setHeight(height: number): this {
    this.height = Number(height);
    return this;
  }
  /** IFRAME is the only mode left; the others are ignored by Apps Script since 2016. */
  setSandboxMode(mode: string): this {
    this.sandbox = String(mode);
    return this;
  }
  getSandboxMode(): string {
    return this.sandbox;
  }
  setXFrameOptionsMode(mode: string): this {
    this.xFrame = String(mode);
    return this;
  }
  getXFrameOptionsMode(): string {
    return this.xFrame;
  }
  addMetaTag(name: string, content: string): this {
    this.meta.push({ name: String(name), content: String(content) });
    return this;
  }
  getMetaTags(): { name: string; content: string }[] {
    return this.meta.map((m) => ({ ...m }));
  }
  setFaviconUrl(_url: string): this {
    return this;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * HtmlTemplate: scriptlets <? code ?>, <?= printed, escaped ?>, <?!= printed raw ?>.
 * https://developers.google.com/apps-script/guides/html/templates
 * Variables are the properties set on the template (`t.client = …`) and, as on the server, the
 * script's globals.
 */
export class HtmlTemplate {
  [variable: string]: unknown;

  constructor(
    private readonly _source: string,
    private readonly _globals: () => Record<string, unknown>,
    private readonly _output: (html: string) => HtmlOutput,
  ) {}

  getRawContent(): string {
    return this._source;
  }

  getCode(): string {
    return compileTemplate(this._source);
  }

  evaluate(): HtmlOutput {
    const vars: Record<string, unknown> = { ...this._globals() };
    for (const [k, v] of Object.entries(this)) if (!k.startsWith('_')) vars[k] = v;
    // Sloppy-mode Function so the compiled template can use `with` to see the variables by name.
    const run = new Function(
      '__vars',
      '__escape',
      `with (__vars) { ${compileTemplate(this._source)} }`,
    ) as (vars: Record<string, unknown>, escape: (v: unknown) => string) => string;
    return this._output(run(vars, (v) => escapeHtml(v == null ? '' : String(v))));
  }
}

/** Turns template source into the body of a function that returns the page. */
export function compileTemplate(source: string): string {
  const parts: string[] = ['var __out = [];'];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) parts.push(`__out.push(${JSON.stringify(source.slice(last, m.index))});`);
    const code = (m[2] ?? '').trim().replace(/;+$/, '');
    if (m[1] === '=') parts.push(`__out.push(__escape(${code}));`);
    else if (m[1] === '!=') parts.push(`__out.push(String(${code} == null ? '' : ${code}));`);
    else parts.push(code + ';');
    last = re.lastIndex;
  }
  if (last < source.length) parts.push(`__out.push(${JSON.stringify(source.slice(last))});`);
  parts.push("return __out.join('');");
  return parts.join('\n');
}

export class HtmlServiceImpl {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    private readonly calls: CallCounter,
    private readonly distDir: string,
    private readonly globals: () => Record<string, unknown>,
  ) {}

  createHtmlOutput(html?: string): HtmlOutput {
    return this.output(html == null ? '' : String(html));
  }

  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return this.output(this.readFile(filename));
  }

  createTemplate(html: string): HtmlTemplate {
    return this.template(String(html));
  }

  createTemplateFromFile(filename: string): HtmlTemplate {
    return this.template(this.readFile(filename));
  }

  private template(source: string): HtmlTemplate {
    return counted(
      this.calls,
      'HtmlTemplate',
      new HtmlTemplate(source, this.globals, (html) => this.output(html)),
    );
  }

  private output(html: string): HtmlOutput {
    return counted(this.calls, 'HtmlOutput', new HtmlOutput(html));
  }

  private readFile(filename: string): string {
    const name = String(filename).replace(/\.html$/, '');
    const file = path.join(this.distDir, `${name}.html`);
    // Text of the real service for a missing file.
    if (!existsSync(file)) throw scriptError(`No HTML file named ${name} was found.`);
    return readFileSync(file, 'utf8');
  }
}

export function createHtmlService(
  calls: CallCounter,
  distDir: string,
  globals: () => Record<string, unknown>,
): HtmlServiceImpl {
  return counted(calls, 'HtmlService', new HtmlServiceImpl(calls, distDir, globals));
}
