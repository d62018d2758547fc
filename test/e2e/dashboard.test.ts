// The Dashboard page in web mode against a VPS of its own with the stack installed through the backend
// (stack.install with the world's outside addresses, as test/integration/dashboard-backend.test.ts does):
// live status with the summary, a confirmation before stopping smtp, a stopped service with its
// troubleshooting, logs in xterm, and the shell tab when it exists. Screenshots of each.
import { X509Certificate } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateNames } from '../../common/stack/certificate-names.js';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { installStack } from '../support/stack-install-calls.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { addWorldServer, worldVpsDomain } from '../support/world-server.js';
import type { TestRpcClient } from '../support/ws-test-client.js';
import { createWorldContext } from '../world/context.js';
import { resetZone } from '../world/pieces/dns.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import { vpsExec } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';
import { buildAndLaunch, nav, openContext, openPage, type PageProblems } from './browser.js';
import { fullPageShot, shotWhenFailed } from './page-records.js';

const world = worldForTests();
const vpsName = `e2e-dash-${process.pid}`;
let browser: Browser;
let vps: VpsState;
let backend: TestBackend;
let client: TestRpcClient;
let context: BrowserContext;
let page: Page;
let serverId: string;
const problems: PageProblems = { list: [] };

function shot(name: string) {
  return fullPageShot(page, `dashboard-${name}`);
}

/** The server's jobs that have not ended: a mutating job waits for these (one at a time). */
async function busy(): Promise<string[]> {
  return (await client.callOk('jobs.list', { serverId })).jobs
    .filter((job) => !['succeeded', 'failed', 'cancelled'].includes(job.status))
    .map((job) => `${job.kind} ${job.status}`);
}

beforeAll(async () => {
  browser = await buildAndLaunch();
  vps = await vpsAdmin('reset', vpsName);
  await resetZone(createWorldContext(world.stateDir, 'dashboard.e2e'), 'mailharbor.test');
  ({ backend, client } = await startBackendWithClient({ stackEnvironment: worldStackEnvironment(world) }));
  const { id } = await addWorldServer(client, world, vps, 'Dashboard VPS');
  serverId = id;
  expect(await installStack(client, id, worldVpsDomain(vps))).toBe('succeeded');
  context = await openContext(browser, 1000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await openPage(context, backend.server.url, problems);
}, 15 * 60_000);

shotWhenFailed(shot);

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

  it('has a shell tab', async () => {
    const tab = page.getByRole('tab', { name: 'Shell' });
    await tab.click();
    await page.waitForTimeout(2000);
    await shot('shell');
  }, 60_000);

  it(
    'shows the certificate the server holds: names, issuer, dates, days left and how it renews',
    async () => {
      await nav(page, 'Dashboard').click();
      await page.getByRole('tab', { name: 'Status' }).click();
      const domain = worldVpsDomain(vps);
      const pem = await vpsExec(
        { vps, key: world.ssh, user: 'root' },
        `cat /etc/letsencrypt/live/${domain}/fullchain.pem`,
      );
      const leaf = new X509Certificate(pem.stdout);
      const item = page.getByTestId('certificates').locator(`[data-cert-name="${domain}"]`);
      await item.waitFor({ timeout: 30_000 });
      const days = Math.floor((Date.parse(leaf.validTo) - Date.now()) / 86_400_000);
      // A day may turn between the agent's reading and this one.
      expect([days, days - 1]).toContain(Number(await item.getAttribute('data-days-left')));
      expect(await item.getAttribute('data-tone')).toBe('good');
      const text = await item.innerText();
      for (const name of certificateNames('http', domain)) expect(text).toContain(name);
      expect(text).toContain(/CN=([^\n]+)/.exec(leaf.issuer)![1]);
      expect(text).toMatch(/\d+ days left/);
      expect(text).toContain("by itself, over port 80 (Let's Encrypt visits the server)");
      expect(await item.locator('[role="alert"]').count()).toBe(0);
      // The world's VPS runs cron, not systemd: Debian's certbot renews from /etc/cron.d/certbot.
      await expect.poll(() => page.getByTestId('certificates-auto-renew').getAttribute('data-auto-renew')).toBe('cron');
      await page.getByTestId('certificates').scrollIntoViewIfNeeded();
      await shot('certificates');

      // Renew now: the job runs on the card, then every mail port serves the new certificate.
      await expect.poll(busy, { timeout: 120_000 }).toEqual([]);
      await item.getByTestId('certificates-renew').click();
      const started = await item
        .locator('.job')
        .waitFor({ timeout: 15_000 })
        .then(() => true)
        .catch(() => false);
      if (!started) {
        const texts = await item.locator('[role="alert"]').allInnerTexts();
        throw new Error(`the renewal did not start: ${texts.join(' | ')} / running: ${(await busy()).join('; ')}`);
      }
      await item.locator('.job[data-outcome="succeeded"]').waitFor({ timeout: 180_000 });
      await shot('certificates-renewed');
      await item.getByRole('button', { name: 'Close' }).click();
      await expect
        .poll(() => item.getByTestId('certificates-last-renewal').getAttribute('data-outcome'), { timeout: 30_000 })
        .toBe('renewed');
      await expect.poll(() => item.getByTestId('certificates-served').locator('[data-serves="this"]').count()).toBe(4);
      const renewed = new X509Certificate(
        (await vpsExec({ vps, key: world.ssh, user: 'root' }, `cat /etc/letsencrypt/live/${domain}/fullchain.pem`))
          .stdout,
      );
      expect(renewed.serialNumber).not.toBe(leaf.serialNumber);
    },
    5 * 60_000,
  );

  it(
    'shows the version and what is new, asks first, refuses without a backup, and says plainly when an update went back',
    async () => {
      await page.getByRole('tab', { name: 'Status' }).click();
      const card = page.getByTestId('updates-card');
      await card.getByTestId('updates-running').getByText('Runs v1.1.0').waitFor({ timeout: 60_000 });
      const release = card.locator('[data-version="v1.2.0-broken"]');
      await release.getByText('What is new').click();
      await release.getByText(/never become healthy/).waitFor();
      expect(await card.locator('[data-version="v1.0.0"]').count()).toBe(0);
      await shot('updates-offer');

      await release.getByRole('button', { name: 'Update to v1.2.0-broken' }).click();
      await release.getByText(/Mailharbor first makes a backup/).waitFor();
      await shot('updates-confirm');
      // Whatever ran before (the pop3 start waits for its health) has ended: the update is the only job.
      await expect.poll(busy, { timeout: 120_000 }).toEqual([]);
      await release.getByRole('button', { name: 'Update now' }).click();
      const started = await card
        .locator('.job')
        .waitFor({ timeout: 15_000 })
        .then(() => true)
        .catch(() => false);
      if (!started) {
        await card.getByText('Technical details').click();
        const texts = await card.locator('[role="alert"]').allInnerTexts();
        throw new Error(`the update did not start: ${texts.join(' | ')} / running: ${(await busy()).join('; ')}`);
      }
      // Backups are not set up on this server: the update refuses before it changes anything.
      const ended = card.locator('.job[data-outcome="failed"], .job[data-outcome="succeeded"]');
      await ended.waitFor({ timeout: 120_000 });
      expect(await ended.getAttribute('data-outcome')).toBe('failed');
      await card.getByText('The backup before the update did not succeed, so the update did not start.').waitFor();
      await shot('updates-refused');
      await card.getByRole('button', { name: 'Close' }).click();
      await card
        .getByTestId('updates-last')
        .getByText(/did not start; nothing was changed/)
        .waitFor();

      // The explicit choice to go on without one: the broken release fails its gate and goes back.
      await release.getByRole('button', { name: 'Update without a backup' }).click();
      await card.locator('.job[data-outcome="running"], .job[data-outcome="reattaching"]').first().waitFor();
      await ended.waitFor({ timeout: 600_000 });
      expect(await ended.getAttribute('data-outcome')).toBe('failed');
      await card.getByText(/did not work \(.+\), so the mail server went back to v1\.1\.0 by itself/).waitFor();
      await shot('updates-rolled-back');
      await card.getByRole('button', { name: 'Close' }).click();
      // The card reads the status again: the last run is now the rollback.
      await expect.poll(() => card.getByTestId('updates-last').getAttribute('data-outcome')).toBe('rolledBack');
      await card.getByTestId('updates-running').getByText('Runs v1.1.0').waitFor();
      await page.getByTestId('dashboard-summary').getByText('All 15 services healthy').waitFor({ timeout: 60_000 });

      // The server list says so too, on the server's own card, without opening its dashboard.
      await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click();
      const onCard = page.locator(`[data-server-id="${serverId}"]`).getByTestId('server-last-update');
      await onCard
        .getByText(/did not work \(.+\); the server went back to v1\.1\.0 by itself/)
        .waitFor({ timeout: 30_000 });
      expect(await onCard.getByTestId('updates-last').getAttribute('data-outcome')).toBe('rolledBack');
      await shot('servers-last-update');
    },
    12 * 60_000,
  );

  it('said nothing wrong in the console', () => {
    expect(problems.list).toEqual([]);
  });
});
