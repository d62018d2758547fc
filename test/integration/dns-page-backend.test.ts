// The DNS page's backend through the contract (web mode's socket), against a VPS of its own with a
// hand-made install (the .env and ssl/dkim.key the agent reads) and the world's knot as the only resolver:
// the plan from the agent's facts, the live check from this machine (the world's fixture has the VPS's
// address records but no MX, SPF, DKIM or DMARC, and a PTR naming vpsN.mailharbor.test), the blocklists
// served by the world, and the certificates and port 25 seen from here.
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../electron/contract/contract.js';
import type { ServerSummary } from '../../electron/contract/server-schemas.js';
import { sha256Fingerprint } from '../../electron/ssh/host-key-fingerprint.js';
import { startTestBackend, type TestBackend } from '../support/backend.js';
import { worldDnsEnvironment } from '../support/dns-environment.js';
import { fakeInstall, removeFakeInstall, serveSelfSignedTls, worldDomainOf } from '../support/dns-page-vps.js';
import { openSocket, sessionCookie, TestRpcClient } from '../support/ws-test-client.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';

const root = path.resolve(import.meta.dirname, '../..');
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

async function call(name: string, input: unknown): Promise<unknown> {
  const result = await client.call(name, input);
  if (!result.ok) throw Object.assign(new Error(`${name} failed: ${JSON.stringify(result.error)}`), result.error);
  return result.value;
}

beforeAll(async () => {
  vps = await vpsAdmin('reset', vpsName);
  domain = worldDomainOf(vps);
  dkimPublicKey = await fakeInstall(vps, { domain, selector: 'mh1' });
  await serveSelfSignedTls(vps, 443, domain);

  greeter = net.createServer((socket) => socket.end('220 reference.test ESMTP\r\n'));
  await new Promise<void>((resolve) => greeter.listen(0, '127.0.0.1', resolve));
  const { port } = greeter.address() as net.AddressInfo;

  backend = await startTestBackend(path.join(root, 'dist/renderer'), {
    dnsEnvironment: worldDnsEnvironment(world),
    smtpProbeTargets: [`127.0.0.1:${port}`],
  });
  // The host key as if accepted before (asking about it is the servers tests' job).
  const [keyType, key] = vps.hostKey.publicKey.split(' ') as [string, string];
  await writeFile(
    path.join(backend.dataDir, 'known-hosts.json'),
    JSON.stringify({
      version: 1,
      entries: [
        {
          host: vps.sshHost,
          port: vps.sshPort,
          keyType,
          key,
          fingerprint: sha256Fingerprint(Buffer.from(key, 'base64')),
          addedAt: new Date().toISOString(),
        },
      ],
    }),
  );
  const cookie = await sessionCookie(backend.server);
  const { socket } = await openSocket(backend.server, { Origin: backend.server.origin, Cookie: cookie });
  client = new TestRpcClient(socket!);
  const added = (await call('servers.add', {
    name: 'DNS VPS',
    host: vps.sshHost,
    port: vps.sshPort,
    username: 'root',
    auth: { method: 'privateKey', privateKey: await readFile(world.ssh.privateKeyPath, 'utf8') },
  })) as ServerSummary;
  serverId = added.id;
  expect(await call('servers.connect', { id: serverId })).toMatchObject({ status: 'connected' });
}, 600_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
  greeter?.close();
  await vpsRemove(vpsName);
}, 300_000);

describe('the DNS page through the contract', () => {
  it('plans the records from the install: the private world address said as such, the server’s own DKIM key', async () => {
    const planned = (await call('dns.plan', { serverId })) as CallOutput<'dns.plan'>;
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
    const report = (await call('dns.check', { serverId })) as CallOutput<'dns.check'>;
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
    const planned = (await call('dns.plan', { serverId, options })) as CallOutput<'dns.plan'>;
    expect(planned.plan.records.find((record) => record.id === 'cname:smtp')?.values).toEqual([domain]);
    expect(planned.plan.records.find((record) => record.id === 'caa')?.values).toEqual(['0 issue "letsencrypt.org"']);
    const report = (await call('dns.check', { serverId, options })) as CallOutput<'dns.check'>;
    const smtp = report.records.find((record) => record.id === 'cname:smtp')!;
    expect(smtp).toMatchObject({ state: 'wrong', found: [`A ${vps.ip}`], expected: [domain] });
    expect(report.records.find((record) => record.id === 'caa')).toMatchObject({ state: 'missing', required: false });
    // mx keeps its address record whatever the choice (an MX must not point at a CNAME)
    expect(report.records.find((record) => record.id === 'a:mx')?.state).toBe('correct');
  });

  it('describes the certificates and port 25 as this machine sees them', async () => {
    const result = (await call('dns.checkServer', { serverId })) as CallOutput<'dns.checkServer'>;
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
