import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFLIGHT_CHECK_IDS } from '../../common/agent-contract.js';
import { INSTALL_STEP_IDS } from '../../common/stack/stack-contract.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { worldDnsEnvironment } from '../support/dns-environment.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { trustHostKey, worldVpsDomain } from '../support/world-server.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import type { VpsState } from '../world/vps.js';
import { readWorld, type WorldState } from '../world/world.js';
import { buildAndLaunch, nav, openContext, openPage, rendererDir, screenshots, type PageProblems } from './browser.js';
import { recordSentCalls, shotWhenFailed } from './page-records.js';
import { addWorldServerOnPage } from './servers-page.js';

const FLOW_TIMEOUT_MS = 300_000;
// A whole install on a fresh VPS: Docker from Debian's packages, images from the world registry, certificates from pebble.
const INSTALL_TIMEOUT_MS = 30 * 60_000;

// Read when the file loads: without the world this file fails (it is never skipped).
const world: WorldState = readWorld();
let browser: Browser;

beforeAll(async () => {
  browser = await buildAndLaunch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

/** One window on its own backend (with the world's outside addresses), recording every call it sends. */
interface Session {
  backend: TestBackend;
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  sentCalls: string[];
}

async function openSession(): Promise<Session> {
  const backend = await startTestBackend(rendererDir, {
    stackEnvironment: worldStackEnvironment(world),
    dnsEnvironment: worldDnsEnvironment(world),
  });
  const context = await openContext(browser, 1400);
  const sentCalls: string[] = [];
  await recordSentCalls(context, sentCalls);
  const problems: PageProblems = { list: [] };
  const page = await openPage(context, backend.server.url, problems);
  return { backend, context, page, problems, sentCalls };
}

async function closeSession(session: Session | undefined): Promise<void> {
  await session?.context.close();
  await session?.backend.stop();
}

function shot(page: Page, name: string) {
  return page.screenshot({ path: path.join(screenshots, `setup-${name}.png`), fullPage: true });
}

/** The checklist of the preflight stage, once the checks have answered. */
async function waitForChecklist(page: Page, listLabel = 'Results of the checks') {
  const list = page.getByRole('list', { name: listLabel });
  await list.waitFor({ timeout: 120_000 });
  return list;
}

describe('the setup wizard on the world’s vps1, up to the plan (nothing is installed)', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    const vps = world.vps.vps1;
    if (!vps) throw new Error('the test world has no vps1');
    await trustHostKey(session.backend.dataDir, vps);
  }, 120_000);

  shotWhenFailed((name) => shot(page, name));

  afterAll(async () => {
    await closeSession(session);
  });

  it('says that a server is needed first, and keeps the ten steps as the overview', async () => {
    await nav(page, 'Setup').click();
    await page.getByRole('heading', { name: 'Add a server to start' }).waitFor();
    expect(await page.getByRole('list', { name: 'Steps of the guided setup' }).getByRole('listitem').count()).toBe(10);
    await page.getByRole('button', { name: 'Go to Servers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Servers' }).waitFor();
  });

  it(
    'checks the server, names bad choices on their fields in both languages, and shows the plan',
    async () => {
      await addWorldServerOnPage(page, world, world.vps.vps1!, 'Mail VPS');
      await nav(page, 'Setup').click();

      // Preflight: one row per check, each with its status, words and folded technical details.
      const checklist = await waitForChecklist(page);
      const rows = checklist.getByRole('listitem');
      expect(await rows.count()).toBe(PREFLIGHT_CHECK_IDS.length);
      // The VPS has no systemd, and port 25 of the probe target refuses: warnings, no blocker.
      await checklist.getByText('The server does not use systemd.').waitFor();
      expect(await checklist.locator('[data-status="blocker"]').count()).toBe(0);
      expect(await checklist.locator('details[open]').count()).toBe(0);
      expect(await page.getByRole('list', { name: 'Steps of the guided setup' }).getAttribute('class')).toContain(
        'steps--compact',
      );
      await page
        .getByRole('list', { name: 'Steps of the guided setup' })
        .locator('[aria-current="step"]')
        .getByText('Check the server')
        .waitFor();
      await page.getByText('Some checks found something you should know about.').waitFor();
      // Warnings ask for an explicit choice: there is no plain Continue.
      expect(await page.getByRole('button', { name: 'Continue', exact: true }).count()).toBe(0);
      await shot(page, 'preflight');

      const checksBefore = session.sentCalls.filter((name) => name === 'preflight.run').length;
      await page.getByRole('button', { name: 'Check again' }).click();
      await page.getByRole('button', { name: 'Check again' }).waitFor();
      await waitForChecklist(page);
      expect(session.sentCalls.filter((name) => name === 'preflight.run').length).toBe(checksBefore + 1);
      await page.getByRole('button', { name: 'Continue anyway' }).click();

      // Options: mistakes are named on their fields before anything is sent.
      const review = page.getByRole('button', { name: 'Review the plan' });
      await review.waitFor();
      await expect.poll(() => review.isEnabled(), { timeout: 60_000 }).toBe(true);
      const domain = page.getByLabel('Domain', { exact: true });
      await domain.fill('exa mple');
      await page.getByLabel('Your email address').fill('x@');
      await page.getByRole('radio', { name: /^Cloudflare API token/ }).check();
      const token = page.getByLabel('Cloudflare API token', { exact: true });
      expect(await token.getAttribute('type')).toBe('password');
      await token.fill('abcdefghijklmnopqrstuvwxyz;0123456789');
      await review.click();
      await page.getByRole('alert').getByText('Some choices need your attention (3).').waitFor();
      await page.getByText('Use a domain name such as example.com').waitFor();
      await page.getByText('Use a complete email address such as you@example.com').waitFor();
      await page.getByText('Paste the token exactly as Cloudflare shows it').waitFor();
      expect(await domain.getAttribute('aria-invalid')).toBe('true');
      expect(await token.getAttribute('aria-invalid')).toBe('true');
      expect(await domain.evaluate((element) => element === document.activeElement)).toBe(true);
      // The token is shown nowhere else on the page.
      expect(await page.locator('body').innerText()).not.toContain('abcdefghijklmnopqrstuvwxyz');
      await shot(page, 'options-errors');
      expect(session.sentCalls).not.toContain('stack.plan');

      // An international domain shows its DNS (punycode) form under the field; fixing a field clears its message.
      await domain.fill('bücher.example');
      await page.getByTestId('domain-ascii').getByText('xn--bcher-kva.example').waitFor();
      await page.getByText('Use a domain name such as example.com').waitFor({ state: 'detached' });

      // In Dutch: the checklist and the field messages speak Dutch, and nothing typed is lost.
      await nav(page, 'Settings').click();
      await page.getByRole('radio', { name: 'Nederlands', exact: true }).check();
      await nav(page, 'Installatie').click();
      expect(await page.getByLabel('Domein', { exact: true }).inputValue()).toBe('bücher.example');
      await page.getByRole('button', { name: 'Plan bekijken' }).click();
      await page.getByText('Gebruik een volledig e-mailadres zoals jij@voorbeeld.nl').waitFor();
      await page.getByText('Plak het token precies zoals Cloudflare het toont').waitFor();
      await page.getByRole('button', { name: 'Terug naar de controles' }).click();
      const dutch = await waitForChecklist(page, 'Uitkomsten van de controles');
      await dutch.getByText('De server gebruikt geen systemd.').waitFor();
      await page.getByText('Sommige controles vonden iets wat je moet weten.').waitFor();
      await shot(page, 'preflight-nl');
      await page.getByRole('button', { name: 'Toch doorgaan' }).click();
      await nav(page, 'Instellingen').click();
      await page.getByRole('radio', { name: 'English', exact: true }).check();
      await nav(page, 'Setup').click();

      // Good choices: the plan, step by step, read-only on the server.
      const worldDomain = worldVpsDomain(world.vps.vps1!);
      await page.getByLabel('Domain', { exact: true }).fill(worldDomain);
      await page.getByLabel('Your email address').fill('owner@customer.test');
      await page.getByRole('radio', { name: /^Automatic/ }).check();
      expect(await page.getByLabel('Cloudflare API token', { exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: 'Review the plan' }).click();

      const plan = page.getByRole('list', { name: 'Install steps' });
      await plan.waitFor({ timeout: 120_000 });
      const steps = plan.locator(':scope > li');
      expect(await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-step')))).toEqual([
        ...INSTALL_STEP_IDS,
      ]);
      // Other resolvers were not chosen; the rest will do something or is already in place.
      expect(await plan.locator('[data-step="resolver"]').getAttribute('data-state')).toBe('skipped');
      await plan.locator('[data-step="resolver"]').getByText('Not chosen').waitFor();
      for (const state of await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-state')))) {
        expect(['todo', 'done', 'skipped']).toContain(state);
      }
      await plan.getByText('Install Docker').waitFor();
      expect(await plan.locator('.plan__change').count()).toBeGreaterThan(0);
      await page.getByText(`This is everything the install will do on Mail VPS for ${worldDomain}.`).waitFor();
      await page.getByRole('button', { name: 'Install', exact: true }).waitFor();
      // HTTP-01 needs every name to point at the server first: checked live at the world's nameservers,
      // where the fixture names vps1 and *.vps1.
      const addresses = page.getByTestId('address-records');
      await addresses.getByText('Every name points at this server').waitFor({ timeout: 30_000 });
      expect(await addresses.locator('[data-state="correct"]').count()).toBeGreaterThanOrEqual(8);
      expect(await addresses.locator('[data-state]:not([data-state="correct"])').count()).toBe(0);
      await shot(page, 'plan');

      // Back keeps the choices.
      await page.getByRole('button', { name: 'Back', exact: true }).click();
      expect(await page.getByLabel('Domain', { exact: true }).inputValue()).toBe(worldDomain);

      expect(session.sentCalls).toContain('stack.plan');
      expect(session.sentCalls).not.toContain('stack.install');
      expect(session.problems.list).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );
});

describe('the setup wizard installing on a fresh VPS of its own, through to the first login', () => {
  const vpsName = `e2e-setup-${process.pid}`;
  let vps: VpsState;
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    vps = await vpsAdmin('reset', vpsName);
    session = await openSession();
    page = session.page;
    await trustHostKey(session.backend.dataDir, vps);
  }, 600_000);

  shotWhenFailed((name) => shot(page, name), 'failed-install-', 16);

  afterAll(async () => {
    await closeSession(session);
    await vpsRemove(vpsName);
  }, 300_000);

  it(
    'installs, follows the progress again after the window reloads, and shows the login details',
    async () => {
      const domain = worldVpsDomain(vps);
      await addWorldServerOnPage(page, world, vps, 'Fresh VPS');
      await nav(page, 'Setup').click();
      await waitForChecklist(page);
      await page.getByRole('button', { name: /^Continue( anyway)?$/ }).click();

      const review = page.getByRole('button', { name: 'Review the plan' });
      await expect.poll(() => review.isEnabled(), { timeout: 60_000 }).toBe(true);
      await page.getByLabel('Domain', { exact: true }).fill(domain);
      await page.getByLabel('Your email address').fill('owner@customer.test');
      await review.click();
      await page.getByRole('list', { name: 'Install steps' }).waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: 'Install', exact: true }).click();

      // The install runs on the server; a reloaded window finds it again and follows it (nothing is started twice).
      const install = page.getByRole('region', { name: 'Installing on Fresh VPS' });
      await install.locator('.install-step[data-state="running"], .install-step[data-state="done"]').first().waitFor({
        timeout: 120_000,
      });
      await shot(page, 'install-running');
      await page.reload();
      await nav(page, 'Setup').click();
      await install.waitFor({ timeout: 60_000 });
      expect(session.sentCalls.filter((name) => name === 'stack.install')).toHaveLength(1);
      expect(session.sentCalls).toContain('jobs.list');

      // Whichever comes first: the success line, or an error notice (the failed step's, or the follow's).
      const ended = install.locator('.job__success, [data-error-code]').first();
      await ended.waitFor({ timeout: INSTALL_TIMEOUT_MS });
      const code = await ended.getAttribute('data-error-code');
      await shot(page, code ? 'install-failed' : 'install-done');
      if (code) throw new Error(`the install failed (${code}): ${await ended.innerText()}`);
      const states = await install
        .locator('.install-step')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
      expect(states).toHaveLength(INSTALL_STEP_IDS.length);
      for (const state of states) expect(['done', 'skipped']).toContain(state);
      expect(await install.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

      // The first login: address, user name, the password hidden until asked, and the mail-app settings.
      await install.getByRole('button', { name: 'Show how to log in' }).click();
      const success = page.getByRole('region', { name: 'Your mail server is ready' });
      await success.getByTestId('web-address').waitFor({ timeout: 60_000 });
      expect(await success.getByTestId('web-address').getAttribute('href')).toContain(domain);
      expect(((await success.getByTestId('access-username').textContent()) ?? '').length).toBeGreaterThan(0);
      const password = success.getByLabel('Password', { exact: true });
      expect(await password.getAttribute('type')).toBe('password');
      expect((await password.inputValue()).length).toBeGreaterThanOrEqual(8);
      await success.getByRole('button', { name: 'Show', exact: true }).click();
      expect(await password.getAttribute('type')).toBe('text');
      await success.getByRole('button', { name: 'Hide', exact: true }).click();
      expect(await password.getAttribute('type')).toBe('password');
      const table = success.getByRole('table');
      await table.locator('[data-protocol="smtp"]').waitFor();
      // The full profile has mailboxes, so IMAP is there too.
      await table.locator('[data-protocol="imap"]').waitFor();
      await success.getByText(/^DNS records are next/).waitFor();
      await shot(page, 'success');
      expect(session.problems.list).toEqual([]);
    },
    INSTALL_TIMEOUT_MS + 600_000,
  );
});
