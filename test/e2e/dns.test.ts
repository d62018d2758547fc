import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { worldDnsEnvironment } from '../support/dns-environment.js';
import { fakeInstall, serveSelfSignedTls } from '../support/dns-page-vps.js';
import { trustHostKey, worldVpsDomain } from '../support/world-server.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import type { VpsState } from '../world/vps.js';
import { readWorld, type WorldState } from '../world/world.js';
import { buildAndLaunch, nav, openContext, openPage, rendererDir, type PageProblems } from './browser.js';
import { fullPageShot, recordSentCalls, shotWhenFailed } from './page-records.js';
import { addWorldServerOnPage, CONNECT_TIMEOUT_MS } from './servers-page.js';

// The page checks again by itself every 30 seconds while something is not right.
const AUTO_CHECK_WAIT_MS = 45_000;

const world: WorldState = readWorld();
const vpsName = `e2e-dns-${process.pid}`;
let browser: Browser;
let vps: VpsState;
let domain: string;
let backend: TestBackend;
let context: BrowserContext;
let page: Page;
const problems: PageProblems = { list: [] };
const sentCalls: string[] = [];

function shot(name: string) {
  return fullPageShot(page, `dns-${name}`);
}

function callsOf(name: string): number {
  return sentCalls.filter((sent) => sent === name).length;
}

beforeAll(async () => {
  browser = await buildAndLaunch();
  // A fresh VPS with what an install leaves for the DNS page (no real install: the records do not need one),
  // and a self-signed certificate on 443 standing in for the web server's.
  vps = await vpsAdmin('reset', vpsName);
  domain = worldVpsDomain(vps);
  await fakeInstall(vps, { domain });
  await serveSelfSignedTls(vps, 443, domain);

  backend = await startTestBackend(rendererDir, { dnsEnvironment: worldDnsEnvironment(world) });
  await trustHostKey(backend.dataDir, vps);
  context = await openContext(browser, 1000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await recordSentCalls(context, sentCalls);
  page = await openPage(context, backend.server.url, problems);
}, 600_000);

shotWhenFailed(shot);

afterAll(async () => {
  await context?.close();
  await backend?.stop();
  await browser?.close();
  await vpsRemove(vpsName);
}, 300_000);

describe('the DNS page, for a server with a mail domain under the world’s zone', () => {
  it(
    'shows every record with its live state, PTR with provider help, port 25, blocklists and certificates',
    async () => {
      await addWorldServerOnPage(page, world, vps, 'DNS VPS');

      // From the setup's overview, step 7.
      await nav(page, 'Setup').click();
      await page.getByTestId('open-dns').click();
      await page.getByRole('heading', { level: 1, name: 'DNS records' }).waitFor();
      expect(await nav(page, 'Setup').getAttribute('aria-current')).toBe('page');

      const records = page.getByRole('list', { name: 'DNS records' });
      await records.waitFor({ timeout: 60_000 });
      const summary = page.getByTestId('dns-summary');
      await summary.getByText(/^Not everything is right yet/).waitFor({ timeout: 60_000 });
      await summary.getByText(`Your domain’s nameservers decide: ns1.mailharbor.test.`).waitFor();
      await summary
        .getByText('Mailharbor checks again by itself every 30 seconds while something is not right.')
        .waitFor();

      // The world publishes the address records (a wildcard under vpsN), not the mail records.
      const row = (id: string) => records.locator(`[data-record="${id}"]`);
      await expect.poll(() => row('mx').getAttribute('data-state'), { timeout: 30_000 }).toBe('missing');
      expect(await row('a:@').getAttribute('data-state')).toBe('correct');
      expect(await row('a:mx').getAttribute('data-state')).toBe('correct');
      for (const id of ['spf', 'dkim', 'dmarc']) expect(await row(id).getAttribute('data-state')).toBe('missing');
      await row('mx').getByText('Tells other mail servers where to deliver mail for your domain.').waitFor();
      await row('mx').getByText('Your DNS provider does not publish this record yet: add it.').waitFor();
      await row('mx').getByText(`10 mx.${domain}`, { exact: true }).waitFor();
      await row('a:@').getByText('Correct', { exact: true }).waitFor();
      // the DKIM key is too long for one TXT string: the parts are offered for providers that want them
      await row('dkim').getByText('Does your provider want this value in parts of at most 255 characters?').waitFor();
      // the VPS has only its world address, which is private: the page says the records need a public one
      await page.locator('[data-address-source="private"]').getByText(vps.ip).waitFor();

      // PTR: the world names the address vpsN.mailharbor.test, not mx.<domain>; the provider help follows the pick.
      const ptr = page.locator('[data-section="ptr"]');
      await ptr.locator(`[data-address="${vps.ip}"][data-state="wrong"]`).waitFor();
      await ptr
        .getByText(`${vps.ip} names ${domain.split('.')[0]}.mailharbor.test; it must name mx.${domain}.`)
        .waitFor();
      await ptr.getByLabel('Your server provider').selectOption('hetzner');
      await ptr.getByText('Setting the reverse DNS at Hetzner').waitFor();
      await ptr.getByText(`Edit the reverse DNS of ${vps.ip} and enter mx.${domain}.`).waitFor();

      // Port 25: from the server (the preflight's probe is refused in tests) and from here (this network
      // reaches no mail server either), with the message to send the provider.
      const port25 = page.locator('[data-section="port25"]');
      await port25.locator('[data-check="outbound"][data-status="warning"]').waitFor({ timeout: 60_000 });
      await port25.getByText(/^Cannot test from this network/).waitFor();
      const ticket = port25.getByTestId('port25-ticket');
      expect(await ticket.textContent()).toContain(`my domain ${domain} on my server with IPv4 address ${vps.ip}`);
      await port25.getByRole('button', { name: 'Copy the message' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`mx.${domain}`);

      // Blocklists (the world's stand-ins: clean) and the certificate on 443 (self-signed: not trusted).
      const blocklists = page.locator('[data-section="blocklists"]');
      await blocklists.locator(`[data-target="${vps.ip}"][data-state="clean"]`).waitFor();
      await blocklists.locator(`[data-target="${domain}"][data-state="clean"]`).waitFor();
      const tls = page.locator('[data-section="tls"]');
      // self-signed: the name it is for, and the same name as its issuer
      const https = tls.locator('[data-port="443"][data-state="untrusted"]');
      await expect.poll(() => https.getByText(domain, { exact: true }).count(), { timeout: 30_000 }).toBe(2);
      await tls.locator('[data-port="465"][data-state="unreachable"]').waitFor();

      // Copy all, and the zone file download.
      await page.getByRole('button', { name: 'Copy all records' }).click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain(`${domain}\t3600\tMX\t10 mx.${domain}`);
      expect(copied).toContain(`_dmarc.${domain}\t3600\tTXT\tv=DMARC1; p=quarantine`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download zone file' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${domain}.zone`);
      const zoneFile = await readFile(await download.path(), 'utf8');
      expect(zoneFile).toContain(`$ORIGIN ${domain}.`);
      await page
        .getByText('Many registrars cannot import one: then add the records one by one.', { exact: false })
        .waitFor();
      await shot('en');

      // CNAMEs instead of address records: the service names are asked as CNAMEs, which the world does not have.
      await page.getByRole('radio', { name: /^CNAME records/ }).check();
      await row('cname:smtp').waitFor({ timeout: 30_000 });
      await expect.poll(() => row('cname:smtp').getAttribute('data-state'), { timeout: 30_000 }).toBe('wrong');
      await row('cname:smtp').getByText(`Found A ${vps.ip}, expected ${domain}.`).waitFor();
      expect(await row('a:mx').count()).toBe(1);
      await page.getByRole('checkbox', { name: 'Certificate authority (CAA)' }).check();
      await expect.poll(() => row('caa').getAttribute('data-state'), { timeout: 30_000 }).toBe('missing');
      await row('caa')
        .getByText(/^Not published yet\. This record is optional/)
        .waitFor();
      await shot('cnames');
      expect(problems.list).toEqual([]);
    },
    CONNECT_TIMEOUT_MS + 180_000,
  );

  it(
    'checks again by itself while something is wrong, stops when the page is left, and speaks Dutch',
    async () => {
      const before = callsOf('dns.check');
      await expect
        .poll(() => callsOf('dns.check'), { timeout: AUTO_CHECK_WAIT_MS, interval: 1000 })
        .toBeGreaterThan(before);

      // Away from the page (Settings, to switch the language), nothing is checked.
      await nav(page, 'Settings').click();
      await page.getByRole('radio', { name: 'Nederlands', exact: true }).check();
      const away = callsOf('dns.check');
      await new Promise((resolve) => setTimeout(resolve, AUTO_CHECK_WAIT_MS));
      expect(callsOf('dns.check')).toBe(away);

      await nav(page, 'Installatie').click();
      await page.getByTestId('open-dns').click();
      await page.getByRole('heading', { level: 1, name: 'DNS-records' }).waitFor();
      await page
        .getByTestId('dns-summary')
        .getByText(/^Nog niet alles is in orde/)
        .waitFor({ timeout: 60_000 });
      const records = page.getByRole('list', { name: 'DNS-records' });
      await records.locator('[data-record="mx"]').getByText('Ontbreekt', { exact: true }).waitFor();
      await page.locator('[data-section="ptr"]').getByText('De reverse DNS instellen bij Hetzner').waitFor();
      await page
        .locator('[data-section="port25"]')
        .getByText(/^Niet te testen vanaf dit netwerk/)
        .waitFor();
      await page
        .locator('[data-section="tls"]')
        .getByText(/Niet vertrouwd/)
        .first()
        .waitFor();
      await shot('nl');

      await nav(page, 'Instellingen').click();
      await page.getByRole('radio', { name: 'English', exact: true }).check();
      expect(problems.list).toEqual([]);
    },
    4 * AUTO_CHECK_WAIT_MS,
  );
});
