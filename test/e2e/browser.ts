import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** What the e2e files share: the build they load, Debian's Chromium, and a page that records what went wrong in it. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const rendererDir = path.join(root, 'dist/renderer');
export const screenshots = path.join(root, 'test-results/screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the app (seconds when the agent runtime is cached), so a test never runs against a stale renderer. */
export async function buildAndLaunch(): Promise<Browser> {
  const build = spawnSync(process.execPath, [path.join(root, 'build/build.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  await mkdir(screenshots, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Everything the page says went wrong: console errors, uncaught exceptions and CSP violations. */
export interface PageProblems {
  list: string[];
}

/** A window of 1100 by `height` pixels; long pages need a tall one for their screenshots (the content scrolls inside the frame). */
export async function openContext(browser: Browser, height = 760): Promise<BrowserContext> {
  return browser.newContext({
    colorScheme: 'light',
    locale: 'en-US',
    viewport: { width: 1100, height },
  });
}

export async function openPage(context: BrowserContext, url: string, problems: PageProblems): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.list.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`pageerror: ${error.message}`));
  // Init scripts are injected by the browser, not by the page, so the CSP does not block this listener.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  return page;
}

export function nav(page: Page, label: string) {
  return page.getByRole('navigation').getByRole('button', { name: label, exact: true });
}
