// The Dashboard page in web mode against a VPS of its own with the stack installed through the backend
// (stack.install with the world's outside addresses, as test/integration/dashboard-backend.test.ts does):
// live status with the summary, a confirmation before stopping smtp, a stopped service with its
// troubleshooting, logs in xterm, and the shell tab when it exists. Screenshots of each.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { addWorldServer, worldVpsDomain } from '../support/world-server.js';
import { openSocket, sessionCookie, TestRpcClient } from '../support/ws-test-client.js';
import { createWorldContext } from '../world/context.js';
import { resetZone } from '../world/pieces/dns.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import { vpsExec } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';
import { buildAndLaunch, nav, openContext, openPage, rendererDir, screenshots, type PageProblems } from './browser.js';

const world = worldForTests();
const vpsName = `e2e-dash-${process.pid}`;
let browser: Browser;
let vps: VpsState;
let backend: TestBackend;
let client: TestRpcClient;
let context: BrowserContext;
let page: Page;
const problems: PageProblems = { list: [] };

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await client.call(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function shot(name: string) {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.getElementById('content')?.scrollHeight ?? 0);
  if (size && height > size.height) await page.setViewportSize({ width: size.width, height });
  await page.screenshot({ path: path.join(screenshots, `dashboard-${name}.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

beforeAll(async () => {
  browser = await buildAndLaunch();
  vps = await vpsAdmin('reset', vpsName);
  await resetZone(createWorldContext(world.stateDir, 'dashboard.e2e'), 'mailharbor.test');
  backend = await startTestBackend(rendererDir, { stackEnvironment: worldStackEnvironment(world) });
  const cookie = await sessionCookie(backend.server);
  const { socket } = await openSocket(backend.server, { Origin: backend.server.origin, Cookie: cookie });
  client = new TestRpcClient(socket!);
  const { id } = await addWorldServer(client, world, vps, 'Dashboard VPS');
  const { jobId } = await call<{ jobId: string }>('stack.install', {
    serverId: id,
    options: {
      domain: worldVpsDomain(vps),
      email: 'hostmaster@mailharbor.test',
      profile: 'full',
      certificates: { method: 'http' },
    },
  });
  expect(
    (await call<{ status: string }>('jobs.follow', { streamId: 'follow1', serverId: id, jobId, fromOffset: 0 })).status,
  ).toBe('succeeded');
  context = await openContext(browser, 1000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await openPage(context, backend.server.url, problems);
}, 15 * 60_000);

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await shot(`failed-${test.task.name.slice(0, 24).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  client?.close();
  await context?.close();
  await backend?.stop();
  await browser?.close();
  await vpsRemove(vpsName).catch(() => {});
}, 300_000);

describe('the Dashboard page', () => {
  it('shows every service live, asks before stopping smtp in plain words, and explains a stopped service', async () => {
    await nav(page, 'Dashboard').click();
    const summary = page.getByTestId('dashboard-summary');
    await summary.getByText('All 15 services healthy').waitFor({ timeout: 60_000 });
    const table = page.getByTestId('dashboard-services');
    expect(await table.locator('tbody tr').count()).toBe(15);
    await expect.poll(() => table.locator('[data-service="imap"]').getAttribute('data-health')).toBe('healthy');
    await shot('status');

    await table.getByRole('button', { name: 'Stop smtp', exact: true }).click();
    await page
      .getByTestId('dashboard-confirm-text')
      .getByText(/^Stopping smtp stops outgoing mail until you start it again/)
      .waitFor();
    await shot('confirm-stop');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await vpsExec({ vps, key: world.ssh, user: 'root' }, 'docker stop pop3', { timeoutMs: 60_000 });
    await expect
      .poll(() => table.locator('[data-service="pop3"]').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('exited');
    await summary.getByText(/^pop3 has stopped/).waitFor();
    await page.getByTestId('dashboard-troubleshooting').locator('[data-service="pop3"]').waitFor();
    await shot('stopped');

    await table.getByRole('button', { name: 'Start pop3', exact: true }).click();
    await page
      .getByTestId('dashboard-job')
      .getByText(/Starting pop3/)
      .waitFor();
    await expect
      .poll(() => table.locator('[data-service="pop3"]').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('running');
  }, 180_000);

  it('follows the logs in xterm', async () => {
    await page.getByRole('tab', { name: 'Logs' }).click();
    const logs = page.getByTestId('dashboard-logs');
    await logs.locator('input[data-service="imap"]').check();
    await vpsExec({ vps, key: world.ssh, user: 'root' }, `docker exec imap sh -c 'echo mh-e2e-marker > /proc/1/fd/1'`, {
      timeoutMs: 60_000,
    });
    await logs.locator('.xterm-rows').getByText('mh-e2e-marker').waitFor({ timeout: 30_000 });
    await shot('logs');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
  }, 120_000);

  it('has a shell tab when the shell pane exists', async () => {
    const tab = page.getByRole('tab', { name: 'Shell' });
    if ((await tab.count()) === 0) return;
    await tab.click();
    await page.waitForTimeout(2000);
    await shot('shell');
  }, 60_000);

  it('said nothing wrong in the console', () => {
    expect(problems.list).toEqual([]);
  });
});
