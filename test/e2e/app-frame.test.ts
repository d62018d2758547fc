import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import {
  buildAndLaunch,
  nav,
  openContext as newContext,
  openPage,
  rendererDir,
  screenshots,
  type PageProblems,
} from './browser.js';

let browser: Browser;
const backends: TestBackend[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await buildAndLaunch();
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  for (const backend of backends.splice(0)) await backend.stop();
});

afterAll(async () => {
  await browser?.close();
});

async function backend(): Promise<TestBackend> {
  const started = await startTestBackend(rendererDir);
  backends.push(started);
  return started;
}

async function openContext(): Promise<BrowserContext> {
  const context = await newContext(browser);
  contexts.push(context);
  return context;
}

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
}

async function htmlAttribute(page: Page, name: string): Promise<string | null> {
  return page.evaluate((attribute) => document.documentElement.getAttribute(attribute), name);
}

async function waitForHtmlAttribute(page: Page, name: string, value: string): Promise<void> {
  await page.waitForFunction(
    ([attribute, expected]) => document.documentElement.getAttribute(attribute!) === expected,
    [name, value],
  );
}

async function backgroundColour(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

describe('app frame in web mode, against the real backend', () => {
  it('refuses a request that does not carry the access token', async () => {
    const { server } = await backend();
    const response = await fetch(`${server.origin}/`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('<div id="root">');
  });

  it('renders in English, switches to Dutch and dark, persists both, and keeps windows in sync', async () => {
    const { server, dataDir } = await backend();
    const problems: PageProblems = { list: [] };
    const context = await openContext();
    const page = await openPage(context, server.url, problems);

    // English frame, following the (light) system theme.
    await nav(page, 'Servers').waitFor();
    for (const label of ['Servers', 'Setup', 'Dashboard', 'Settings']) await nav(page, label).waitFor();
    expect(await nav(page, 'Servers').getAttribute('aria-current')).toBe('page');
    expect(await heading(page)).toBe('Servers');
    await page.getByRole('heading', { name: 'No servers yet' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a server' }).isEnabled()).toBe(true);
    expect(await htmlAttribute(page, 'lang')).toBe('en');
    expect(await htmlAttribute(page, 'data-theme')).toBe('system');
    expect(await backgroundColour(page)).toBe('rgb(244, 244, 246)');
    expect(await page.getByRole('main').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'app-frame-en-light.png') });

    // The setup page lists the steps of the guided setup.
    await nav(page, 'Setup').click();
    expect(await page.getByRole('list', { name: 'Steps of the guided setup' }).getByRole('listitem').count()).toBe(10);

    // Keyboard: the skip link comes first; Enter on a navigation item opens the page and moves focus to its heading.
    // The skip link is the one stop before the navigation (a blur would start Tab at the focused heading, and
    // the Setup page has a button after it, so go backwards from the first navigation item).
    await nav(page, 'Servers').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    // ...and nothing comes before it: one more step back leaves the page.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement === document.body || !document.hasFocus())).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await nav(page, 'Dashboard').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('button', { name: 'Go to Servers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();

    // Settings: version from the real backend, then language and theme.
    await nav(page, 'Settings').click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.getByTestId('app-version').textContent()).toBe('1.2.3-test');
    expect(await page.getByRole('radio', { name: 'System default (English)', exact: true }).isChecked()).toBe(true);

    await page.getByRole('radio', { name: 'Nederlands', exact: true }).check();
    await nav(page, 'Instellingen').waitFor();
    for (const label of ['Servers', 'Installatie', 'Dashboard', 'Instellingen']) await nav(page, label).waitFor();
    expect(await heading(page)).toBe('Instellingen');
    await waitForHtmlAttribute(page, 'lang', 'nl');

    await page.getByRole('radio', { name: 'Donker', exact: true }).check();
    await waitForHtmlAttribute(page, 'data-theme', 'dark');
    expect(await backgroundColour(page)).toBe('rgb(27, 27, 29)');
    await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'app-frame-nl-dark.png') });

    // Stored by the real settings store, not just held in the page.
    const stored = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as unknown;
    expect(stored).toEqual({ language: 'nl', theme: 'dark' });

    // A reload reads them back.
    await page.reload();
    await nav(page, 'Instellingen').waitFor();
    expect(await htmlAttribute(page, 'lang')).toBe('nl');
    expect(await htmlAttribute(page, 'data-theme')).toBe('dark');
    expect(await heading(page)).toBe('Servers');
    await page.getByRole('heading', { name: 'Nog geen servers' }).waitFor();

    // A second window changes the theme; the first follows through settings.changed.
    const second = await openPage(context, server.origin, problems);
    await nav(second, 'Instellingen').click();
    await second.getByRole('radio', { name: 'Licht', exact: true }).check();
    await waitForHtmlAttribute(page, 'data-theme', 'light');
    expect(await backgroundColour(page)).toBe('rgb(244, 244, 246)');

    expect(problems.list).toEqual([]);
  });

  it('shows one error notice with a retry for a failed start and a failed save', async () => {
    const { server, dataDir } = await backend();
    const settingsFile = path.join(dataDir, 'settings.json');
    // A folder where the settings file should be: reading and replacing it both fail for real.
    await mkdir(settingsFile);
    const problems: PageProblems = { list: [] };
    const page = await openPage(await openContext(), server.url, problems);

    const startup = page.getByRole('alert');
    await startup.getByText('Mailharbor could not start').waitFor();
    await startup.getByText('Your settings could not be read.').waitFor();
    expect(await startup.getAttribute('data-error-code')).toBe('settings.unreadable');
    const details = startup.locator('details');
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary', { hasText: 'Technical details' }).click();
    await details.getByText(/EISDIR/).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'startup-error-en-light.png') });

    await rm(settingsFile, { recursive: true });
    await startup.getByRole('button', { name: 'Try again' }).click();
    await nav(page, 'Settings').click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    await mkdir(settingsFile);
    await page.getByRole('radio', { name: 'Dark', exact: true }).click();
    const saveError = page.getByRole('alert');
    await saveError.getByText('Your change was not saved').waitFor();
    // The change is undone, so what the page shows is what is stored.
    expect(
      await page
        .getByRole('radio', { name: /^System default/ })
        .first()
        .isChecked(),
    ).toBe(true);
    expect(await htmlAttribute(page, 'data-theme')).toBe('system');
    await page.screenshot({ path: path.join(screenshots, 'save-error-en-light.png') });

    await rm(settingsFile, { recursive: true });
    await saveError.getByRole('button', { name: 'Try again' }).click();
    await waitForHtmlAttribute(page, 'data-theme', 'dark');
    await page.getByRole('alert').waitFor({ state: 'detached' });
    expect(await page.getByRole('radio', { name: 'Dark', exact: true }).isChecked()).toBe(true);

    expect(problems.list).toEqual([]);
  });
});
