import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { allowPasswordLogins, ensureUserWithPassword } from '../support/vps-admin.js';
import { hostKeyFingerprints, trustHostKey, trustOnlyHostKey } from '../support/world-server.js';
import { readWorld, type WorldState } from '../world/world.js';
import {
  buildAndLaunch,
  nav,
  openContext,
  openPage,
  root,
  rendererDir,
  screenshots,
  type PageProblems,
} from './browser.js';
import { recordSentCalls, shotWhenFailed } from './page-records.js';
import { chooseWorldKey, CONNECT_TIMEOUT_MS, connectOnCard, openAddFormFor } from './servers-page.js';

// The first connection uploads the agent and its Node runtime to the VPS; later steps wait on real SSH.
const FLOW_TIMEOUT_MS = 300_000;

const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

// Read when the file loads: without the world's VPS this file fails (it is never skipped).
const world: WorldState = readWorld();
let browser: Browser;
let backend: TestBackend;
let context: BrowserContext;
let page: Page;
const problems: PageProblems = { list: [] };
/** Every call the page sends over the socket, by name. */
const sentCalls: string[] = [];
/** The page's open sockets to the backend, both ends. */
const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = [];

beforeAll(async () => {
  browser = await buildAndLaunch();
  backend = await startTestBackend(rendererDir);
  context = await openContext(browser, 1000);
  // The page's socket to the backend goes through here: to see every call it sends, and to drop it on purpose.
  await recordSentCalls(context, sentCalls, (ends) => sockets.push(ends));
  page = await openPage(context, backend.server.url, problems);
}, 600_000);

shotWhenFailed(shot);

afterAll(async () => {
  await context?.close();
  await backend?.stop();
  await browser?.close();
});

function shot(name: string) {
  return page.screenshot({ path: path.join(screenshots, `servers-${name}.png`) });
}

function vps1() {
  const vps = world.vps.vps1;
  if (!vps) throw new Error('the test world has no vps1');
  return vps;
}

/** The SHA256 fingerprints of vps1's recorded host keys, as OpenSSH prints them. */
function recordedFingerprints(): string[] {
  return hostKeyFingerprints(vps1());
}

/** Removes a server through its card and the confirmation, leaving the empty list. */
async function removeServer(name: string): Promise<void> {
  await page.getByRole('article', { name }).getByRole('button', { name: 'Remove…' }).click();
  await page
    .getByRole('dialog', { name: `Remove ${name}?` })
    .getByRole('button', { name: 'Remove', exact: true })
    .click();
  await page.getByRole('heading', { name: 'No servers yet' }).waitFor();
}

describe('servers page against the real backend and the test world’s VPS', () => {
  it('names bad input on its fields before anything is sent', async () => {
    await nav(page, 'Servers').waitFor();
    await page.getByRole('button', { name: 'Add a server' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a server' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Broken');
    await page.getByLabel('SSH port').fill('70000');
    await page.getByLabel('Password', { exact: true }).fill('secret');
    await page.getByRole('button', { name: 'Add server' }).click();

    await page.getByRole('alert').getByText('Some details need your attention (2).').waitFor();
    const host = page.getByLabel('Address');
    expect(await host.getAttribute('aria-invalid')).toBe('true');
    expect(await host.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByText('Enter the address of your server.').waitFor();
    await page.getByText('Use a port number from 1 to 65535. If you are not sure, use 22.').waitFor();
    expect(await page.getByLabel('SSH port').getAttribute('aria-invalid')).toBe('true');

    // A host with a scheme is named too, and fixing a field clears its message at once.
    await host.fill('https://vps.example.com');
    await page.getByText('Use an IP address like 203.0.113.10').waitFor();
    await page.getByLabel('SSH port').fill('22');
    await page.getByText('Use a port number from 1 to 65535').waitFor({ state: 'detached' });
    await shot('add-form-errors');

    expect(sentCalls).not.toContain('servers.add');

    // What only main's full check refuses lands on the field it is about: an address that merely looks like IPv6 ...
    await host.fill('1:2:3');
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.getByText('Use an IP address like 203.0.113.10').waitFor();
    expect(sentCalls).toContain('servers.add');
    expect(await host.getAttribute('aria-invalid')).toBe('true');

    // ... and a key main cannot read.
    await host.fill('vps.example.com');
    await page.getByRole('radio', { name: /^SSH key/ }).check();
    await page.getByLabel('Private key', { exact: true }).fill('-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n');
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.getByText('This is not a private SSH key Mailharbor can read.').waitFor();
    expect(await page.getByLabel('Private key', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'No servers yet' }).waitFor();
  });

  it('prepares a key and cloud-init user data for a server that does not exist yet', async () => {
    await page.getByRole('button', { name: 'I don’t have a server yet' }).click();
    await page.getByRole('button', { name: 'Create a key for my new server' }).click();
    const userData = (await page.getByTestId('cloud-init-user-data').textContent()) ?? '';
    const publicKey = (await page.getByTestId('new-public-key').textContent()) ?? '';
    expect(publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/=]+ mailharbor$/);
    expect(userData.startsWith('#cloud-config\n')).toBe(true);
    expect(userData).toContain(JSON.stringify(publicKey));
    // The new private key is put into the form, ready for when the VPS exists.
    expect(await page.getByRole('radio', { name: /^SSH key/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Private key', { exact: true }).inputValue()).toMatch(
      /^-----BEGIN OPENSSH PRIVATE KEY-----/,
    );
    await page.getByRole('button', { name: 'Save the private key…' }).waitFor();
    await shot('new-server-key');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it(
    'adds vps1 with the world’s key, checks its host key, connects, and runs a connection test on its agent',
    async () => {
      const vps = vps1();
      await openAddFormFor(page, 'Test VPS', vps);
      expect(await page.getByLabel('User name').inputValue()).toBe('root');
      await chooseWorldKey(page, world);
      await page.getByText(`Read from ${path.basename(world.ssh.privateKeyPath)}.`).waitFor();
      expect(await page.getByLabel('Private key', { exact: true }).inputValue()).toContain('PRIVATE KEY');
      expect(await page.getByLabel('Passphrase (if the key has one)').getAttribute('type')).toBe('password');
      // The lower half of the form: the key that was read, the passphrase, the button.
      await page.getByRole('button', { name: 'Add server' }).scrollIntoViewIfNeeded();
      await shot('add-form');
      await page.getByRole('button', { name: 'Add server' }).click();

      const card = page.getByRole('article', { name: 'Test VPS' });
      await card.waitFor();
      await card.getByText('Not connected').waitFor();
      expect(await card.getByText(`root@${vps.sshHost}:${vps.sshPort}`).count()).toBe(1);
      await page.getByTestId('sidebar-server').getByText('Not connected').waitFor();

      // Connect: the backend asks about the host key before any credential is sent.
      await card.getByRole('button', { name: 'Connect', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Is this really your server?' });
      await dialog.waitFor();
      const fingerprint = (await dialog.getByTestId('host-key-fingerprint').textContent()) ?? '';
      expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(recordedFingerprints()).toContain(fingerprint);
      expect(await dialog.getByRole('button', { name: 'Trust and connect' }).count()).toBe(1);
      await shot('host-key-dialog');
      await dialog.getByRole('button', { name: 'Trust and connect' }).click();
      await dialog.waitFor({ state: 'detached' });

      await card.getByText('Connected', { exact: true }).waitFor({ timeout: CONNECT_TIMEOUT_MS });
      expect(await card.getByTestId('agent-version').textContent()).toBe(version);
      await card.getByText('Logged in as root').waitFor();
      await page.getByTestId('sidebar-server').getByText('Connected', { exact: true }).waitFor();
      await shot('connected');

      // A real job on the real agent: five steps, followed live to the end.
      await card.getByRole('button', { name: 'Run a connection test' }).click();
      const job = card.getByRole('region', { name: 'Connection test' });
      await job.waitFor();
      await job.getByText('All steps finished. The connection to your server works.').waitFor({ timeout: 60_000 });
      const steps = job.getByRole('list', { name: 'Steps' }).getByRole('listitem');
      expect(await steps.count()).toBe(5);
      for (const state of await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-state')))) {
        expect(state).toBe('done');
      }
      expect(await job.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
      expect(await job.locator('.job__log-line').count()).toBeGreaterThanOrEqual(5);
      await shot('job-progress');

      await job.getByRole('button', { name: 'Close' }).click();
      await job.waitFor({ state: 'detached' });
      await card.getByRole('button', { name: 'Disconnect', exact: true }).click();
      await card.getByText('Not connected').waitFor();

      // Mailharbor knew the server only by a key of another type: a stronger warning; cancelling stops the connection.
      const ecdsa = vps.hostKeys.find((line) => line.startsWith('ecdsa-sha2-nistp256 '));
      if (!ecdsa) throw new Error('vps1 has no ecdsa host key recorded');
      await trustOnlyHostKey(backend.dataDir, vps, ecdsa);
      await card.getByRole('button', { name: 'Connect', exact: true }).click();
      const otherType = page.getByRole('dialog', { name: 'Warning: this server shows a different kind of identity' });
      await otherType.waitFor();
      await otherType.getByText('Mailharbor knows this server by another kind of key (ecdsa-sha2-nistp256)').waitFor();
      expect(recordedFingerprints()).toContain(await otherType.getByTestId('host-key-fingerprint').textContent());
      await shot('host-key-other-type');
      await otherType.getByRole('button', { name: 'Cancel' }).click();
      const rejected = card.getByRole('alert');
      await rejected.getByText('The connection was stopped because the server’s identity was not confirmed.').waitFor();
      expect(await rejected.getAttribute('data-error-code')).toBe('ssh.hostKeyRejected');

      // The same type with another key: refused outright, with a warning and no way to override it.
      await trustOnlyHostKey(backend.dataDir, vps, world.ssh.publicKey);
      await card.getByRole('button', { name: 'Connect', exact: true }).click();
      const changed = card.locator('[data-error-code="ssh.hostKeyChanged"]');
      await changed.waitFor();
      await changed.getByText(`The identity of ${vps.sshHost} has changed since you last connected.`).waitFor();
      await card.getByText('Do not connect to this server for now.').waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(await card.getByRole('button', { name: /trust|try again|^connect$/i }).count()).toBe(0);
      await shot('host-key-changed');

      // Remove (after confirming): the server is gone from the list and the sidebar.
      await card.getByRole('button', { name: 'Remove…' }).click();
      const confirm = page.getByRole('dialog', { name: 'Remove Test VPS?' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
      await page.getByRole('heading', { name: 'No servers yet' }).waitFor();
      expect(await page.getByTestId('sidebar-server').count()).toBe(0);

      expect(problems.list).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'asks for the password sudo needs when the user is not root, and connects with it',
    async () => {
      const vps = vps1();
      const admin2 = vps.users.admin2;
      if (!admin2?.password) throw new Error('vps1 has no admin2 user with a sudo password');
      // The host key is already trusted this time: no question about it.
      await trustHostKey(backend.dataDir, vps);

      await openAddFormFor(page, 'Admin VPS', vps);
      await page.getByLabel('User name').fill('admin2');
      await page.getByLabel('Password for sudo (optional)').waitFor();
      await chooseWorldKey(page, world);
      await page.getByRole('button', { name: 'Add server' }).click();

      const card = page.getByRole('article', { name: 'Admin VPS' });
      await card.getByRole('button', { name: 'Connect', exact: true }).click();
      const notice = card.locator('[data-error-code="sudo.passwordRequired"]');
      await notice.waitFor({ timeout: CONNECT_TIMEOUT_MS });
      expect(await page.getByRole('dialog').count()).toBe(0);
      const password = card.getByLabel('Password for sudo', { exact: true });
      expect(await password.getAttribute('type')).toBe('password');
      await password.fill(admin2.password);
      await shot('sudo-password');
      await card.getByRole('button', { name: 'Save and connect' }).click();

      await card.getByText('Connected', { exact: true }).waitFor({ timeout: CONNECT_TIMEOUT_MS });
      await card.getByText('Through sudo, with a password').waitFor();
      expect(await card.getByTestId('agent-version').textContent()).toBe(version);

      await removeServer('Admin VPS');
      expect(problems.list).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows the server’s own questions for a keyboard-interactive login and sends the answers',
    async () => {
      const vps = vps1();
      const user = 'mhkbd';
      const password = `kbd-${process.pid}-Tr0ub4dor&3`;
      await allowPasswordLogins(vps);
      await ensureUserWithPassword(vps, user, password);
      // Removing the earlier server forgot its host key; this test is about the login questions only.
      await trustHostKey(backend.dataDir, vps);

      await openAddFormFor(page, 'Questions VPS', vps);
      await page.getByLabel('User name').fill(user);
      await page.getByRole('radio', { name: /^Answer the server’s questions/ }).check();
      await page
        .getByText('When you connect, Mailharbor shows the server’s questions and sends your answers.')
        .waitFor();
      await page.getByRole('button', { name: 'Add server' }).click();

      const card = page.getByRole('article', { name: 'Questions VPS' });
      await card.getByRole('button', { name: 'Connect', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'The server asks you to sign in' });
      await dialog.waitFor();
      const answer = dialog.getByRole('textbox').or(dialog.locator('input[type="password"]')).first();
      expect(await answer.getAttribute('type')).toBe('password');
      await answer.fill(password);
      await shot('auth-prompt');
      await dialog.getByRole('button', { name: 'Send' }).click();
      await dialog.waitFor({ state: 'detached' });

      // Logged in with the answers: what stops it now is administrator rights (sudo asks this user for a password).
      const notice = card.locator('[data-error-code="sudo.passwordRequired"]');
      await notice.waitFor({ timeout: CONNECT_TIMEOUT_MS });

      await removeServer('Questions VPS');
      expect(problems.list).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'follows a job again from where it stopped when the connection to the backend drops',
    async () => {
      const vps = vps1();
      await trustHostKey(backend.dataDir, vps);

      await openAddFormFor(page, 'Steady VPS', vps);
      await chooseWorldKey(page, world);
      await page.getByRole('button', { name: 'Add server' }).click();
      await connectOnCard(page, 'Steady VPS');
      const card = page.getByRole('article', { name: 'Steady VPS' });

      const followsBefore = sentCalls.filter((name) => name === 'jobs.follow').length;
      await card.getByRole('button', { name: 'Run a connection test' }).click();
      const job = card.getByRole('region', { name: 'Connection test' });
      await job.locator('.job-step[data-state="done"]').first().waitFor();

      // The socket drops mid-job (as when the background service restarts); the page reconnects by itself.
      for (const socket of sockets.splice(0)) {
        await socket.server.close();
        await socket.page.close({ code: 1012, reason: 'dropped by the test' });
      }

      await job.getByText('All steps finished. The connection to your server works.').waitFor({ timeout: 60_000 });
      expect(sentCalls.filter((name) => name === 'jobs.follow').length - followsBefore).toBeGreaterThanOrEqual(2);
      const lines = await job.locator('.job__log-line').allTextContents();
      expect(lines.map((line) => line.trim())).toEqual([1, 2, 3, 4, 5].map((step) => `step ${step} running`));
      const states = await job.getByRole('listitem').evaluateAll((items) => items.map((item) => item.dataset.state));
      expect(states).toEqual(['done', 'done', 'done', 'done', 'done']);

      await removeServer('Steady VPS');
      // Playwright's routed socket (the test's own drop) can still report "open" to the page for a moment
      // after the test closed it; Chromium then warns about a send into it. That warning is the test's
      // doing, not the app's: every other problem still fails the test.
      const dropWarning = 'console: WebSocket is already in CLOSING or CLOSED state.';
      expect(problems.list.filter((problem) => problem !== dropWarning)).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );
});
