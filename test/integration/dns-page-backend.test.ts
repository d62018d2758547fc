// The DNS page's backend through the contract (web mode's socket), against a VPS of its own with a
// hand-made install (the .env and ssl/dkim.key the agent reads) and the world's knot as the only resolver:
// the plan from the agent's facts, the live check from this machine (the world's fixture has the VPS's
// address records but no MX, SPF, DKIM or DMARC, and a PTR naming vpsN.mailharbor.test), the blocklists
// served by the world, and the certificates and port 25 seen from here.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { worldDnsEnvironment } from '../support/dns-environment.js';
import { fakeInstall, removeFakeInstall, serveSelfSignedTls } from '../support/dns-page-vps.js';
import { addWorldServer, trustHostKey, worldVpsDomain } from '../support/world-server.js';
import type { TestRpcClient } from '../support/ws-test-client.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';

const world = worldForTests();
const vpsName = `dns-page-${process.pid}`;
let vps: VpsState;
let domain: string;
let dkimPublicKey: string;
let backend: TestBackend;
let client: TestRpcClient;
let serverId: string;
/** A mail server on this machine that greets: the inbound check's proof that this network reaches port 25. */
let greeter: net.Server;

beforeAll(async () => {
  vps = await vpsAdmin('reset', vpsName);
  domain = worldVpsDomain(vps);
  dkimPublicKey = await fakeInstall(vps, { domain, selector: 'mh1' });
  await serveSelfSignedTls(vps, 443, domain);

  greeter = net.createServer((socket) => socket.end('220 reference.test ESMTP\r\n'));
  await new Promise<void>((resolve) => greeter.listen(0, '127.0.0.1', resolve));
  const { port } = greeter.address() as net.AddressInfo;

  ({ backend, client } = await startBackendWithClient({
    dnsEnvironment: worldDnsEnvironment(world),
    smtpProbeTargets: [`127.0.0.1:${port}`],
  }));
  // The host key as if accepted before (asking about it is the servers tests' job).
  await trustHostKey(backend.dataDir, vps);
  const connected = await addWorldServer(client, world, vps, 'DNS VPS');
  serverId = connected.id;
  expect(connected).toMatchObject({ status: 'connected' });
}, 600_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
  greeter?.close();
  await vpsRemove(vpsName);
}, 300_000);

describe('the DNS page through the contract', () => {
  it('plans the records from the install: the private world address said as such, the server’s own DKIM key', async () => {
    const planned = await client.callOk('dns.plan', { serverId });
    expect(planned.profile).toBe('full');
    // the VPS's only address is on the world's private network, and SSH reaches it over loopback
    expect(planned.addressSource).toBe('private');
    expect(planned.plan).toMatchObject({ domain, mxHost: `mx.${domain}`, ipv4: vps.ip });
    expect(planned.plan.ptr).toEqual([{ address: vps.ip, reverseName: expect.any(String), expected: `mx.${domain}` }]);
    const ids = planned.plan.records.map((record) => record.id);
    expect(ids).toEqual(expect.arrayContaining(['a:@', 'a:mx', 'mx', 'spf', 'dkim', 'dmarc', 'a:smtp', 'a:imap']));
    const dkim = planned.plan.records.find((record) => record.id === 'dkim')!;
    expect(dkim.name).toBe(`mh1._domainkey.${domain}`);
    expect(dkim.values).toEqual([`v=DKIM1; k=rsa; p=${dkimPublicKey}`]);
    // 2048 bits do not fit one TXT string: the parts for providers that want them
    expect(dkim.txtStrings!.length).toBeGreaterThan(1);
    expect(planned.zoneFile).toContain(`$ORIGIN ${domain}.`);
    expect(planned.zoneFile).toContain('mh1._domainkey');
  });

  it('checks live: the addresses the world publishes are correct, the mail records missing, the PTR wrong', async () => {
    const report = await client.callOk('dns.check', { serverId });
    expect(report.authority).toMatchObject({
      state: 'found',
      zone: 'mailharbor.test',
      nameservers: ['ns1.mailharbor.test'],
    });
    const states = Object.fromEntries(report.records.map((record) => [record.id, record.state]));
    expect(states).toMatchObject({
      'a:@': 'correct',
      'a:mx': 'correct',
      'a:smtp': 'correct',
      'a:imap': 'correct',
      mx: 'missing',
      spf: 'missing',
      dkim: 'missing',
      dmarc: 'missing',
    });
    expect(report.summary.allRequiredCorrect).toBe(false);
    expect(report.ptr).toEqual([
      expect.objectContaining({ address: vps.ip, state: 'wrong', found: [`${domain.split('.')[0]}.mailharbor.test`] }),
    ]);
    // the world's stand-ins of ZEN and Barracuda for the address, and of DBL for the domain: all clean
    expect(report.blocklists.map((list) => [list.list, list.target, list.state]).sort()).toEqual([
      ['barracuda.bl.mailharbor.test', vps.ip, 'clean'],
      ['dbl.bl.mailharbor.test', domain, 'clean'],
      ['zen.bl.mailharbor.test', vps.ip, 'clean'],
    ]);
  });

  it('with CNAMEs chosen, the service names are checked as CNAMEs (the world has A records there: wrong)', async () => {
    const options = { useCnames: true, caa: true };
    const planned = await client.callOk('dns.plan', { serverId, options });
    expect(planned.plan.records.find((record) => record.id === 'cname:smtp')?.values).toEqual([domain]);
    expect(planned.plan.records.find((record) => record.id === 'caa')?.values).toEqual(['0 issue "letsencrypt.org"']);
    const report = await client.callOk('dns.check', { serverId, options });
    const smtp = report.records.find((record) => record.id === 'cname:smtp')!;
    expect(smtp).toMatchObject({ state: 'wrong', found: [`A ${vps.ip}`], expected: [domain] });
    expect(report.records.find((record) => record.id === 'caa')).toMatchObject({ state: 'missing', required: false });
    // mx keeps its address record whatever the choice (an MX must not point at a CNAME)
    expect(report.records.find((record) => record.id === 'a:mx')?.state).toBe('correct');
  });

  it('describes the certificates and port 25 as this machine sees them', async () => {
    const result = await client.callOk('dns.checkServer', { serverId });
    const byPort = new Map(result.tls.map((tls) => [tls.port, tls]));
    expect([...byPort.keys()]).toEqual([443, 465, 993, 995]);
    // the stand-in's self-signed certificate: the names it covers, and why clients would not trust it
    expect(byPort.get(443)).toMatchObject({ servername: domain, state: 'untrusted', names: [domain] });
    expect(byPort.get(443)?.daysLeft).toBeGreaterThanOrEqual(28);
    expect(byPort.get(465)).toMatchObject({ servername: `smtp.${domain}`, state: 'unreachable' });
    // this network reaches a mail server (the greeter), so the VPS's silence on 25 is the VPS's
    expect(result.inbound).toMatchObject({ state: 'closed', target: `${vps.ip}:25` });
  });

  it('says when nothing is installed (stack.notInstalled), and refuses a bad request naming the field', async () => {
    await removeFakeInstall(vps);
    const result = await client.call('dns.plan', { serverId });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('stack.notInstalled');
    const bad = await client.call('dns.check', { serverId, options: { useCnames: 'yes' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error).toMatchObject({ code: 'contract.invalidInput', params: { fields: 'options.useCnames' } });
  });
});
