/**
 * Opens the built sidebar (dist/Sidebar.html, from `npm run build`) in headless Chromium with
 * a given `google.script.run` implementation injected before the page's own script runs.
 * The fake backend (fakeBackend.ts) is one implementation; a variant wired to the real server
 * bundle on the emulator can pass its own script.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const SIDEBAR_HTML = path.join(ROOT, 'dist/Sidebar.html');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(SIDEBAR_HTML)) throw new Error('dist/Sidebar.html is missing: run npm run build');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** One server call's answer, as plain data (the shape of the emulator's invokeServerFunction). */
export type RelayReply =
  { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

/**
 * How to provide google.script.run:
 *  - fn + arg: a self-contained function run in the page before its scripts (fakeBackend.ts);
 *  - script: the same, as source text;
 *  - relay: calls answered in Node, e.g. by the real bundle on the emulator:
 *    `{ relay: (name, args) => invokeServerFunction(emulator, name, args) }`.
 */
export type ScriptRunInstaller<T> =
  | { fn: (arg: T) => void; arg: T }
  | { script: string }
  | { relay: (name: string, args: unknown[]) => RelayReply | Promise<RelayReply> };

/** In the page: google.script.run whose every server function goes to the Node relay. */
function installRelayRunner(): void {
  type Handler = ((value: unknown) => void) | null;
  const relay = (window as unknown as { __relay: (n: string, a: string) => Promise<RelayReply> })
    .__relay;
  const make = (success: Handler, failure: Handler): unknown =>
    new Proxy(
      {},
      {
        get(_target, prop) {
          if (prop === 'withSuccessHandler') return (fn: Handler) => make(fn, failure);
          if (prop === 'withFailureHandler') return (fn: Handler) => make(success, fn);
          if (typeof prop !== 'string') return undefined;
          return (...args: unknown[]) => {
            // JSON both ways: what crosses google.script.run is plain data.
            void relay(prop, JSON.stringify(args)).then((reply) => {
              if (reply.ok) success?.(reply.value);
              else {
                const error = new Error(reply.error.message);
                error.name = reply.error.name;
                if (failure) failure(error);
                else console.error(error);
              }
            });
          };
        },
      },
    );
  (window as unknown as { google: unknown }).google = { script: { run: make(null, null) } };
}

export interface OpenOptions {
  /** The sidebar's width in Google Sheets is 300 px. */
  width?: number;
  height?: number;
  /** Another build of the sidebar (default dist/Sidebar.html). */
  html?: string;
}

export async function openSidebar<T>(
  browser: Browser,
  install: ScriptRunInstaller<T>,
  options: OpenOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 300, height: options.height ?? 800 },
    locale: 'fr-CA',
    timezoneId: 'America/Toronto',
  });
  // Fail a step in seconds, with the locator in the message, rather than at jest's timeout.
  context.setDefaultTimeout(10_000);
  // The sidebar must load nothing from the network.
  await context.route(/^https?:/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  ERRORS.set(page, errors);
  if ('relay' in install) {
    const relay = install.relay;
    await context.exposeFunction('__relay', async (name: string, argsJson: string) =>
      relay(name, JSON.parse(argsJson) as unknown[]),
    );
    await page.addInitScript(installRelayRunner);
  } else if ('script' in install) await page.addInitScript({ content: install.script });
  // Playwright serializes the function and its JSON argument into the page.
  else await page.addInitScript(install.fn as (arg: unknown) => void, install.arg as unknown);
  await page.goto(pathToFileURL(options.html ?? SIDEBAR_HTML).href);
  return page;
}

const ERRORS = new WeakMap<Page, string[]>();

/** Uncaught exceptions the page raised so far. */
export function uncaughtErrors(page: Page): string[] {
  return ERRORS.get(page) ?? [];
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
