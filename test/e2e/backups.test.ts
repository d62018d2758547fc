// The Backups page in web mode, against a VPS of its own with the stack installed through the backend,
// backing up to the world's S3 over HTTPS, as a user does it: a bad value refused on its field, a
// wrong secret explained, the right keys tested from the server, the setup; a backup with its
// progress and the dashboard's line about it; a restore after a confirmation that says what will
// happen, bringing back what the backup held, and the replaced data discarded; a recovery kit saved
// and, from "Restore a server from a backup" on the Servers page, opened on a second, fresh server up
// to the choice of its restore point. Screenshots of each.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { installStack } from '../support/stack-install-calls.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { addWorldServer, worldVpsDomain } from '../support/world-server.js';
import type { TestRpcClient } from '../support/ws-test-client.js';
import { createWorldContext } from '../world/context.js';
import { resetZone } from '../world/pieces/dns.js';
import type { S3State } from '../world/pieces/s3.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import { vpsExec, type VpsSshTarget } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';
import { buildAndLaunch, nav, openContext, openPage, type PageProblems } from './browser.js';
import { fullPageShot, shotWhenFailed } from './page-records.js';
import { chooseWorldKey, CONNECT_TIMEOUT_MS } from './servers-page.js';

const world = worldForTests();
const s3 = pieceState<S3State>(world, 's3');
const vpsName = `e2e-backups-${process.pid}`;
const rebuiltName = `e2e-rebuild-${process.pid}`;
const PREFIX = `e2e-${process.pid}`;
const KIT_PASSPHRASE = 'a passphrase for the e2e kit';
let browser: Browser;
let vps: VpsState;
let root: VpsSshTarget;
let backend: TestBackend;
let client: TestRpcClient;
let context: BrowserContext;
let page: Page;
let downloads: string;
let kitFile: string;
const problems: PageProblems = { list: [] };

function shot(name: string) {
  return fullPageShot(page, `backups-${name}`);
}

function sh(script: string) {
  return vpsExec(root, script, { timeoutMs: 60_000 }).then((result) => result.stdout.trim());
}

/** Waits until the job panel inside `scope` has ended: its outcome. */
async function jobOutcome(scope: Locator, timeout = 240_000): Promise<string | null> {
  const ended = scope.locator(
    '.job[data-outcome="succeeded"], .job[data-outcome="failed"], .job[data-outcome="cancelled"]',
  );
  await ended.first().waitFor({ timeout });
  return ended.first().getAttribute('data-outcome');
}

beforeAll(async () => {
  browser = await buildAndLaunch();
  downloads = await mkdtemp(path.join(tmpdir(), 'mailharbor-e2e-kit-'));
  vps = await vpsAdmin('reset', vpsName);
  root = { vps, key: world.ssh, user: 'root' };
  await resetZone(createWorldContext(world.stateDir, 'backups.e2e'), 'mailharbor.test');
  ({ backend, client } = await startBackendWithClient({ stackEnvironment: worldStackEnvironment(world) }));
  const { id } = await addWorldServer(client, world, vps, 'Backups VPS');
  expect(await installStack(client, id, worldVpsDomain(vps))).toBe('succeeded');
  context = await openContext(browser, 1400);
  page = await openPage(context, backend.server.url, problems);
}, 15 * 60_000);

shotWhenFailed(shot);

afterAll(async () => {
  client?.close();
  await context?.close();
  await backend?.stop();
  await browser?.close();
  await vpsRemove(vpsName).catch(() => {});
  await vpsRemove(rebuiltName).catch(() => {});
  if (downloads) await rm(downloads, { recursive: true, force: true });
}, 300_000);

describe('the Backups page', () => {
  it('refuses a bad value on its field, explains a wrong secret, tests from the server and sets backups up', async () => {
    await nav(page, 'Backups').click();
    const status = page.getByTestId('backups-status');
    await status.getByText('Backups are not set up on this server yet').waitFor({ timeout: 60_000 });

    const form = page.locator('form.backups-destination');
    await form.getByTestId('backups-provider').selectOption('custom');
    await form.getByLabel('Endpoint').fill(s3.httpsGatewayEndpoint!);
    await form.getByLabel('Region').fill(s3.region);
    await form.getByLabel('Bucket', { exact: true }).fill('Not_A_Bucket');
    await form.getByLabel('Folder in the bucket (optional)').fill(PREFIX);
    await form.getByRole('checkbox', { name: /Bucket name in the address path/ }).check();
    await form.getByLabel('Access key id').fill(s3.credentials.accessKeyId);
    await form.getByLabel('Secret access key').fill(s3.wrongCredentials.wrongSecret.secretAccessKey);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('A bucket name has 3 to 63 lower-case letters, digits, dots and hyphens.').waitFor();
    await shot('bad-bucket');

    await form.getByLabel('Bucket', { exact: true }).fill(s3.bucket);
    await form.getByRole('button', { name: 'Test connection' }).click();
    const result = form.getByTestId('backups-connection');
    await result.getByText('The secret access key does not match the access key.').waitFor({ timeout: 60_000 });
    await shot('wrong-secret');

    await form.getByLabel('Secret access key').fill(s3.credentials.secretAccessKey);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await result
      .getByText('The server can write, read and delete in the bucket. Backups will work.')
      .waitFor({ timeout: 60_000 });
    await shot('connection-ok');

    await form.getByRole('button', { name: 'Save and set up' }).click();
    expect(await jobOutcome(page.locator('form.backups-destination'))).toBe('succeeded');
    await form.getByRole('button', { name: 'Close' }).click();
    await status.getByText('No backup has been made yet.').waitFor({ timeout: 30_000 });
    // The setup made the repository on the server, with the secrets in the root-only file.
    expect(await sh('stat -c "%a" /var/lib/mailharbor/backups/secrets.json')).toBe('600');
  }, 300_000);

  it('backs up with live progress, and the dashboard says when the last good backup was', async () => {
    await sh('docker exec redis redis-cli -h 127.0.0.1 SET mailharbor:e2e at-backup');
    const status = page.getByTestId('backups-status');
    await status.getByRole('button', { name: 'Back up now' }).click();
    await status.locator('.job').waitFor();
    await shot('backing-up');
    expect(await jobOutcome(status)).toBe('succeeded');
    await status.getByRole('button', { name: 'Close' }).click();
    await page
      .getByTestId('backups-last-good')
      .getByText(/^Last good backup just now/)
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => status.getByText(/^Mail paused for \d+ ms/).count()).toBe(1);
    await shot('backed-up');

    await nav(page, 'Dashboard').click();
    const line = page.getByTestId('dashboard-backups');
    await line.getByText(/^Last good backup just now/).waitFor({ timeout: 60_000 });
    expect(await line.getAttribute('data-warn')).toBeNull();
  }, 300_000);

  it('restores a point after saying what will happen, and keeps the replaced data until it is discarded', async () => {
    await sh('docker exec redis redis-cli -h 127.0.0.1 SET mailharbor:e2e after-backup');
    await nav(page, 'Backups').click();
    const points = page.getByTestId('backups-points');
    await points.getByTestId('backups-points-load').click();
    const rows = points.locator('tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(1);
    await rows.first().getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/^Mailharbor first unpacks this backup on the server and verifies it/).waitFor();
    await shot('confirm-restore');
    await dialog.getByTestId('backups-restore-confirm').click();
    expect(await jobOutcome(points as never, 300_000)).toBe('succeeded');
    expect(await sh('docker exec redis redis-cli -h 127.0.0.1 GET mailharbor:e2e')).toBe('at-backup');
    await points.getByRole('button', { name: 'Close' }).click();

    const rollback = page.getByTestId('backups-rollback');
    await rollback.getByText(/^The restore of .* replaced mail data/).waitFor({ timeout: 30_000 });
    await shot('rollback');
    await rollback.getByRole('button', { name: 'Discard it' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Discard it' }).click();
    await rollback.waitFor({ state: 'detached', timeout: 60_000 });
    expect(await sh('ls /root/forwardemail.net/self-hosting/.mailharbor-rollback 2>/dev/null | wc -l')).toBe('0');
  }, 420_000);

  it('saves a recovery kit, and opens it on a fresh server from "Restore a server from a backup"', async () => {
    const kit = page.getByTestId('backups-kit');
    await kit.getByLabel('Passphrase', { exact: true }).fill('too short');
    await kit.getByLabel('Passphrase again').fill('too short');
    await kit.getByRole('button', { name: 'Save the recovery kit' }).click();
    await kit.getByText('Use at least 12 characters.').waitFor();
    await kit.getByLabel('Passphrase', { exact: true }).fill(KIT_PASSPHRASE);
    await kit.getByLabel('Passphrase again').fill(KIT_PASSPHRASE);
    const download = page.waitForEvent('download');
    await kit.getByRole('button', { name: 'Save the recovery kit' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${worldVpsDomain(vps)}.mailharbor-kit.age`);
    kitFile = path.join(downloads, file.suggestedFilename());
    await file.saveAs(kitFile);
    await kit.getByText(/^Saved as .*\.mailharbor-kit\.age\. Keep it somewhere other than this computer/).waitFor();

    const fresh = await vpsAdmin('reset', rebuiltName);
    await nav(page, 'Servers').click();
    await page.getByRole('button', { name: 'Restore a server from a backup' }).click();
    await page.getByRole('heading', { name: 'Restore a server from a backup', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Rebuilt VPS');
    await page.getByLabel('Address').fill(fresh.sshHost);
    await page.getByLabel('SSH port').fill(String(fresh.sshPort));
    await chooseWorldKey(page, world);
    await page.getByRole('button', { name: 'Add server' }).click();

    // Straight to the Backups page of the new server, which Mailharbor connects to, asking about its
    // host key first, and the rebuild comes first there.
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Trust and connect' }).click({ timeout: 60_000 });
    const panel = page.getByTestId('backups-from-kit');
    await panel.waitFor({ timeout: CONNECT_TIMEOUT_MS });
    expect(await page.locator('.backups-page__server select').inputValue()).not.toBe('');
    await expect.poll(() => page.locator('.backups-page__server option:checked').textContent()).toBe('Rebuilt VPS');
    expect(await panel.getAttribute('data-step')).toBe('open');
    // The rebuild is the first thing on the page.
    expect(
      await page.locator('.backups-page > section, .backups-page > form').first().getAttribute('data-testid'),
    ).toBe('backups-from-kit');
    await panel.getByTestId('kit-file').setInputFiles(kitFile);
    await panel.getByLabel('Passphrase').fill('not the passphrase at all');
    await panel.getByRole('button', { name: 'Open the kit' }).click();
    await panel.locator('.error-notice').waitFor({ timeout: 30_000 });
    await shot('kit-wrong-passphrase');
    await panel.getByLabel('Passphrase').fill(KIT_PASSPHRASE);
    await panel.getByRole('button', { name: 'Open the kit' }).click();
    await panel.getByText(`A kit of ${worldVpsDomain(vps)}`, { exact: false }).waitFor({ timeout: 30_000 });
    await panel.getByRole('button', { name: 'Use these backups on this server' }).click();
    expect(await jobOutcome(panel)).toBe('succeeded');
    await panel.getByRole('button', { name: 'Close' }).click();

    // The point to rebuild from: the one backup there is, offered with its date, size and version.
    const choice = panel.getByLabel('Restore point');
    await choice.waitFor({ timeout: 60_000 });
    expect(await choice.locator('option').count()).toBe(1);
    expect(await choice.locator('option').first().textContent()).toMatch(/mail server version \S+/);
    await shot('kit-pick-point');
    // The kit's settings are this server's now: the form shows them, and nothing is late yet.
    await expect
      .poll(() => page.locator('form.backups-destination').getByLabel('Bucket', { exact: true }).inputValue())
      .toBe(s3.bucket);
    expect(await page.getByTestId('backups-stale').count()).toBe(0);
    expect(await panel.getAttribute('data-step')).toBe('config');
  }, 600_000);

  it('said nothing wrong in the console', () => {
    expect(problems.list).toEqual([]);
  });
});
