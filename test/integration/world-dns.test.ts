// Smoke test of the world's DNS piece: knot answers the test zones authoritatively on loopback and on the
// gateway, long TXT values come back as several strings, IPv4 and IPv6 PTRs resolve, a rewritten zone is
// served after reload, RFC 2136 TXT updates need the world's TSIG key, and the slow forwarder is slow.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { createWorldContext } from '../world/context.js';
import { worldForTests } from '../world/world-inject.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { resetZone, setSlowForwarderDelay, writeZone } from '../world/pieces/dns.js';
import type { DnsEndpoint, DnsState } from '../world/pieces/dns.js';
import { queryDns, rdata, txtStrings, txtValues } from '../world/pieces/dns/dns-query.js';
import type { DnsAnswer } from '../world/pieces/dns/dns-query.js';
import { reverseName } from '../world/pieces/dns/zone-file.js';

const run = promisify(execFile);

// The global setup's world, else world.json; throws when the world is not up, so this file fails, never skips.
const world = worldForTests();
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'world-dns.test');

function ask(
  endpoint: DnsEndpoint,
  name: string,
  type: Parameters<typeof queryDns>[0]['type'],
  transport?: 'udp' | 'tcp',
) {
  return queryDns({ server: endpoint.host, port: endpoint.port, name, type, transport });
}

function data(answer: DnsAnswer): string[] {
  return rdata(answer).map((d) => (typeof d === 'string' ? d : JSON.stringify(d)));
}

describe('knot serves the world zones', () => {
  test('the world state names both endpoints', () => {
    expect(dns.loopback).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(dns.gateway).toEqual({ host: world.gateway, port: 53 });
  });

  test.each(['loopback', 'gateway'] as const)(
    'A, AAAA, MX and TXT on the %s endpoint, authoritatively',
    async (which) => {
      const endpoint = dns[which];
      if (!endpoint) throw new Error(`no ${which} endpoint in world.dns`);
      const a = await ask(endpoint, 'vps1.mailharbor.test', 'A');
      expect(a.rcode).toBe('NOERROR');
      expect(a.authoritative).toBe(true);
      expect(data(a)).toEqual(['172.29.53.10']);
      expect(data(await ask(endpoint, 'mx.customer.test', 'AAAA'))).toEqual(['2001:db8:53::10']);
      const mx = await ask(endpoint, 'customer.test', 'MX');
      expect(rdata(mx)).toEqual([{ preference: 10, exchange: 'mx.customer.test' }]);
      expect(txtValues(await ask(endpoint, 'customer.test', 'TXT'))).toEqual(['v=spf1 mx ~all']);
    },
  );

  test('an unknown name is NXDOMAIN with the zone SOA, over UDP and TCP', async () => {
    for (const transport of ['udp', 'tcp'] as const) {
      const answer = await ask(dns.loopback, 'nothing-here.customer.test', 'A', transport);
      expect(answer.rcode).toBe('NXDOMAIN');
      expect(answer.authorities.map((r) => r.type)).toEqual(['SOA']);
    }
  });

  test('the 2048-bit DKIM key comes back as several strings of at most 255 bytes', async () => {
    const answer = await ask(dns.loopback, 'default._domainkey.customer.test', 'TXT');
    const [strings] = txtStrings(answer);
    expect(strings?.length).toBeGreaterThan(1);
    for (const s of strings ?? []) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(255);
    expect(txtValues(answer)[0]).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/=]{380,}$/);
  });

  test('IPv4 and IPv6 reverse names resolve, forward-confirmed', async () => {
    for (const ip of ['172.29.53.10', '2001:db8:53::10']) {
      const ptr = await ask(dns.loopback, reverseName(ip), 'PTR');
      expect(ptr.rcode, `PTR of ${ip}`).toBe('NOERROR');
      expect(data(ptr)).toEqual(['mx.customer.test']);
      const forward = await ask(dns.loopback, 'mx.customer.test', ip.includes(':') ? 'AAAA' : 'A');
      expect(data(forward)).toContain(ip);
    }
    expect(data(await ask(dns.gateway ?? dns.loopback, reverseName(world.gateway), 'PTR'))).toEqual([
      'gateway.mailharbor.test',
    ]);
    expect(reverseName('2001:db8:53::10')).toBe(
      '0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.5.0.0.8.b.d.0.1.0.0.2.ip6.arpa.',
    );
  });
});

describe('tests can rewrite a zone', () => {
  afterAll(async () => {
    await resetZone(ctx, 'scratch.test');
  });

  test('records written with writeZone are served after the reload, with a higher serial', async () => {
    const before = rdata(await ask(dns.loopback, 'scratch.test', 'SOA'))[0] as { serial: number };
    const dkim = `v=DKIM1; k=rsa; p=${'A'.repeat(600)}`;
    const serial = await writeZone(ctx, 'scratch.test', [
      { name: '@', type: 'MX', value: '10 mail' },
      { name: 'mail', type: 'A', value: '172.29.53.11' },
      { name: 'long._domainkey', type: 'TXT', value: dkim },
    ]);
    expect(serial).toBeGreaterThan(before.serial);
    const soa = rdata(await ask(dns.loopback, 'scratch.test', 'SOA'))[0] as { serial: number };
    expect(soa.serial).toBe(serial);
    expect(data(await ask(dns.loopback, 'mail.scratch.test', 'A'))).toEqual(['172.29.53.11']);
    const txt = await ask(dns.gateway ?? dns.loopback, 'long._domainkey.scratch.test', 'TXT');
    expect(txtValues(txt)).toEqual([dkim]);
    expect(txtStrings(txt)[0]?.length).toBe(3);
    // the fixture's records are gone: a rewrite replaces the zone
    expect(txtValues(await ask(dns.loopback, 'scratch.test', 'TXT'))).toEqual([]);
  });

  test('zone text without an SOA gets the world SOA; a zone knot cannot load is refused and the old one stays', async () => {
    await writeZone(ctx, 'scratch.test', 'www A 172.29.53.12\n');
    expect(data(await ask(dns.loopback, 'www.scratch.test', 'A'))).toEqual(['172.29.53.12']);
    await expect(writeZone(ctx, 'scratch.test', 'www A 999.1.1.1\n')).rejects.toThrow(/invalid IPv4 address/);
    expect(data(await ask(dns.loopback, 'www.scratch.test', 'A'))).toEqual(['172.29.53.12']);
  });

  test('RFC 2136: a TSIG-signed TXT update is applied; unsigned or non-TXT updates are refused', async () => {
    const key = `${dns.tsig.algorithm}:${dns.tsig.name}:${dns.tsig.secret}`;
    const server = dns.updateServer;
    const script = (line: string) => `server ${server.host} ${server.port}\nzone scratch.test.\n${line}\nsend\n`;
    const knsupdate = (args: string[], input: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const child = execFile('knsupdate', args, { timeout: 15_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? 1 : 0, out: `${stdout}${stderr}` }),
        );
        child.stdin?.end(input);
      });
    const signed = await knsupdate(['-y', key], script('update add _acme-challenge.scratch.test. 60 TXT "token-1"'));
    expect(signed.code, signed.out).toBe(0);
    expect(txtValues(await ask(dns.loopback, '_acme-challenge.scratch.test', 'TXT'))).toEqual(['token-1']);
    const unsigned = await knsupdate([], script('update add _acme-challenge.scratch.test. 60 TXT "token-2"'));
    expect(unsigned.code).toBe(1);
    expect(unsigned.out).toMatch(/NOTAUTH|REFUSED/);
    const aRecord = await knsupdate(['-y', key], script('update add evil.scratch.test. 60 A 10.0.0.1'));
    expect(aRecord.code).toBe(1);
    expect(data(await ask(dns.loopback, 'evil.scratch.test', 'A'))).toEqual([]);
  });
});

describe('the slow forwarder', () => {
  const forwarder = { host: dns.slowForwarder.host, port: dns.slowForwarder.port };
  afterAll(() => setSlowForwarderDelay(ctx, dns.slowForwarder.delayMs));

  test.each(['udp', 'tcp'] as const)('answers over %s with knot data, after at least its delay', async (transport) => {
    setSlowForwarderDelay(ctx, 600);
    const started = performance.now();
    const answer = await queryDns({
      server: forwarder.host,
      port: forwarder.port,
      name: 'vps1.mailharbor.test',
      type: 'A',
      transport,
      timeoutMs: 5000,
    });
    const elapsed = performance.now() - started;
    expect(data(answer)).toEqual(['172.29.53.10']);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(3000);
  });

  test('a changed delay applies to the next query without a restart', async () => {
    setSlowForwarderDelay(ctx, 50);
    const fast = await queryDns({
      server: forwarder.host,
      port: forwarder.port,
      name: 'customer.test',
      type: 'MX',
      timeoutMs: 5000,
    });
    expect(fast.elapsedMs).toBeLessThan(600);
    setSlowForwarderDelay(ctx, 1200);
    const slow = await queryDns({
      server: forwarder.host,
      port: forwarder.port,
      name: 'customer.test',
      type: 'MX',
      timeoutMs: 5000,
    });
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(1200);
  });

  test('kdig through the forwarder sees the same zone', async () => {
    setSlowForwarderDelay(ctx, 100);
    const { stdout } = await run(
      'kdig',
      [`@${forwarder.host}`, '-p', String(forwarder.port), '+short', '-x', '172.29.53.10'],
      { timeout: 10_000 },
    );
    expect(stdout.trim()).toBe('mx.customer.test.');
  });
});
