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

/** How to provide google.script.run: a self-contained function and its argument, or a script. */
export type ScriptRunInstaller<T> = { fn: (arg: T) => void; arg: T } | { script: string };

export interface OpenOptions {
  /** The sidebar's width in Google Sheets is 300 px. */
  width?: number;
  height?: number;
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
  if ('script' in install) await page.addInitScript({ content: install.script });
  // Playwright serializes the function and its JSON argument into the page.
  else await page.addInitScript(install.fn as (arg: unknown) => void, install.arg as unknown);
  await page.goto(pathToFileURL(SIDEBAR_HTML).href);
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
