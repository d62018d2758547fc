import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSummary } from '../../electron/contract/server-schemas.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { addWorldServer } from '../support/world-server.js';
import { openTestClient, type TestRpcClient } from '../support/ws-test-client.js';
import { readWorld } from '../world/world.js';
import { buildAndLaunch, nav, openContext, openPage, rendererDir, screenshots, type PageProblems } from './browser.js';

let browser: Browser;
let backend: TestBackend;
let context: BrowserContext;
let page: Page;
let helper: TestRpcClient;
const problems: PageProblems = { list: [] };

/** Adds the world's VPS as root by key and connects it from a helper socket, answering the host key question. */
async function connectedRootServer(): Promise<ServerSummary> {
  const world = readWorld();
  const vps = world.vps.vps1!;
  helper = await openTestClient(backend.server);
  return addWorldServer(helper, world, vps, 'Shell VPS');
}

beforeAll(async () => {
  browser = await buildAndLaunch();
  backend = await startTestBackend(rendererDir);
  await connectedRootServer();
  context = await openContext(browser, 900);
  page = await openPage(context, backend.server.url, problems);
}, 600_000);

afterAll(async () => {
  helper?.close();
  await context?.close();
  await browser?.close();
  await backend?.stop();
});

describe('the shell pane on the dashboard', () => {
  it('opens a root shell, runs what is typed, and follows the pane size', async () => {
    await nav(page, 'Dashboard').click();
    await page.getByRole('tab', { name: 'Shell' }).click();
    const pane = page.getByTestId('shell-pane');
    await expect
      .poll(() => pane.getByTestId('shell-state').textContent(), { timeout: 60_000 })
      .toContain('Root shell on the server');

    const screen = pane.locator('.xterm-rows');
    await pane.locator('.xterm').click();
    await page.keyboard.type('id -u; stty size\n');
    // Both answers are waited for together: the PTY sends them as separate writes, and the screen
    // can show the first before the second has arrived.
    const shown = () => screen.innerText().then((text) => text.replace(/\u00a0/g, ' '));
    await expect.poll(shown, { timeout: 20_000 }).toMatch(/^0$[\s\S]*^\d+ \d+$/m);
    const sizeBefore = /^(\d+) (\d+)$/m.exec(await shown());
    expect(sizeBefore).not.toBeNull();
    await page.screenshot({ path: path.join(screenshots, 'shell-pane.png') });

    // A narrower window makes a narrower terminal, and the server's PTY follows.
    await page.setViewportSize({ width: 800, height: 900 });
    await page.keyboard.type('clear; stty size\n');
    await expect
      .poll(
        async () => {
          const match = /^(\d+) (\d+)$/m.exec(await shown());
          return match ? Number(match[2]) : undefined;
        },
        { timeout: 20_000 },
      )
      .toBeLessThan(Number(sizeBefore![2]));
    await page.screenshot({ path: path.join(screenshots, 'shell-pane-narrow.png') });
    expect(problems.list).toEqual([]);
  });
});
