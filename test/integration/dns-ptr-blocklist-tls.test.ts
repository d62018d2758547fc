// PTR, blocklists, TLS certificates and inbound port 25 against real servers: the world's knot (its
// reverse zones, plus blocklist zones of this file's own), TLS servers with certificates from the world CA,
// and tiny TCP servers on loopback playing a mail server, a closed port and a firewall that drops.
//
// The blocklist zones and the extra reverse records live in the world's IPv6 reverse zone, appended to its
// fixture: scratch.test is rewritten by other files at the same time, and a rewrite replaces a whole zone.
// The records are written again right before each group that reads them, and the zone reset at the end.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorldContext } from '../world/context.js';
import { worldForTests } from '../world/world-inject.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { resetZone, writeZone } from '../world/pieces/dns.js';
import type { DnsState } from '../world/pieces/dns.js';
import { fixtureZonePath } from '../world/pieces/dns/dns-layout.js';
import { issueCert, signingRequestArgs } from '../world/ca.js';
import { selfSignedCertificate } from '../support/self-signed-certificate.js';
import { createDnsQuery } from '../../common/dns/dns-client.js';
import type { DnsServer } from '../../common/dns/dns-types.js';
import { reverseName } from '../../common/dns/ip-address.js';
import { checkPtr } from '../../common/dns/ptr-check.js';
import { checkBlocklists, DEFAULT_BLOCKLISTS } from '../../common/dns/blocklist-check.js';
import type { BlocklistZone } from '../../common/dns/blocklist-check.js';
import { checkTls } from '../../common/dns/tls-check.js';
import { checkInboundSmtp } from '../../common/dns/inbound-smtp.js';

const run = promisify(execFile);
const world = worldForTests();
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'dns-ptr-blocklist-tls.test');
const knot: DnsServer = { host: dns.loopback.host, port: dns.loopback.port };
const query = createDnsQuery();

const V6_ZONE = '8.b.d.0.1.0.0.2.ip6.arpa';
const BL = `bl-d2.${V6_ZONE}`;

// ---------------------------------------------------------------------------------------------------
// This file's records, appended to the IPv6 reverse zone's fixture

const ownRecords = [
  '; --- dns-ptr-blocklist-tls.test.ts ---',
  // PTR right, but mx.customer.test has no AAAA for this address
  `${reverseName('2001:db8:53::d2')}. PTR mx.customer.test.`,
  // two PTRs: receivers pick either
  `${reverseName('2001:db8:53::d3')}. PTR mx.customer.test.`,
  `${reverseName('2001:db8:53::d3')}. PTR mail.customer.test.`,
  // RFC 2317-style delegation: a CNAME in front of the PTR
  `${reverseName('2001:db8:53::d4')}. CNAME d4.delegated-d2.${V6_ZONE}.`,
  `d4.delegated-d2.${V6_ZONE}. PTR mx.customer.test.`,
  // a Spamhaus ZEN look-alike: listed, refused (public resolver), rate-limited, and an IPv6 listing
  `10.53.29.172.zen.${BL}. A 127.0.0.2`,
  `10.53.29.172.zen.${BL}. TXT "https://check.spamhaus.org/listed/?searchterm=172.29.53.10"`,
  `11.53.29.172.zen.${BL}. A 127.255.255.254`,
  `12.53.29.172.zen.${BL}. A 127.255.255.255`,
  `${reverseName('2001:db8:53::10').replace(/\.ip6\.arpa$/, '')}.zen.${BL}. A 127.0.0.4`,
  // a DBL look-alike
  `customer.test.dbl.${BL}. A 127.0.1.2`,
  `scratch.test.dbl.${BL}. A 127.0.1.255`,
  // a simple list, and a dead list that answers everything with an ordinary address
  `10.53.29.172.simple.${BL}. A 127.0.0.2`,
  `*.dead.${BL}. A 192.0.2.1`,
].join('\n');

async function writeOwnRecords(): Promise<void> {
  const fixture = fs.readFileSync(fixtureZonePath(V6_ZONE), 'utf8');
  await writeZone(ctx, V6_ZONE, `${fixture.trimEnd()}\n${ownRecords}\n`);
}

afterAll(async () => {
  await resetZone(ctx, V6_ZONE);
});

// ---------------------------------------------------------------------------------------------------

describe('PTR against the world reverse zones', () => {
  beforeAll(writeOwnRecords);

  test('the fixtures: correct for vps1 (IPv4 and IPv6), wrong for vps2, missing for an unused address', async () => {
    const results = await checkPtr({
      addresses: ['172.29.53.10', '2001:db8:53::10', '172.29.53.11', '172.29.53.200'],
      expectedName: 'mx.customer.test',
      query,
      resolvers: [knot],
      timeoutMs: 3000,
    });
    expect(results).toEqual([
      { address: '172.29.53.10', state: 'correct', found: ['mx.customer.test'] },
      { address: '2001:db8:53::10', state: 'correct', found: ['mx.customer.test'] },
      {
        address: '172.29.53.11',
        state: 'wrong',
        found: ['vps2.mailharbor.test'],
        detail: expect.stringContaining('expected mx.customer.test'),
      },
      { address: '172.29.53.200', state: 'missing', found: [], detail: expect.any(String) },
    ]);
  });

  test('not forward-confirmed, several PTRs, and a CNAME in front of the PTR', async () => {
    const results = await checkPtr({
      addresses: ['2001:db8:53::d2', '2001:db8:53::d3', '2001:db8:53::d4'],
      expectedName: 'MX.customer.test.',
      query,
      resolvers: [knot],
      timeoutMs: 3000,
    });
    expect(results.map((r) => [r.address, r.state, [...r.found].sort()])).toEqual([
      ['2001:db8:53::d2', 'notConfirmed', ['mx.customer.test']],
      ['2001:db8:53::d3', 'wrong', ['mail.customer.test', 'mx.customer.test']],
      ['2001:db8:53::d4', 'notConfirmed', ['mx.customer.test']],
    ]);
    expect(results[0]?.detail).toContain('AAAA record of mx.customer.test');
  });

  test('a resolver that fails is passed over for the next one; with none left, the PTR is an error', async () => {
    const dead = await closedUdpPort();
    const [result] = await checkPtr({
      addresses: ['172.29.53.10'],
      expectedName: 'mx.customer.test',
      query,
      resolvers: [dead, knot],
      timeoutMs: 800,
    });
    expect(result).toEqual({ address: '172.29.53.10', state: 'correct', found: ['mx.customer.test'] });
    const [failed] = await checkPtr({
      addresses: ['172.29.53.10'],
      expectedName: 'mx.customer.test',
      query,
      resolvers: [dead],
      timeoutMs: 500,
    });
    expect(failed?.state).toBe('error');
    expect(failed?.detail).toContain(`${dead.host}:${dead.port}`);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('blocklists served by the world knot', () => {
  const byZone = (zone: string) => DEFAULT_BLOCKLISTS.find((list) => list.zone === zone)!;
  const lists: BlocklistZone[] = [
    { ...byZone('zen.spamhaus.org'), zone: `zen.${BL}` },
    { ...byZone('bl.spamcop.net'), zone: `simple.${BL}` },
    { ...byZone('bl.spamcop.net'), name: 'dead list', zone: `dead.${BL}` },
    { ...byZone('dbl.spamhaus.org'), zone: `dbl.${BL}` },
    // a zone nobody serves: knot refuses the question
    { ...byZone('bl.spamcop.net'), name: 'unknown', zone: 'bl.nowhere.invalid' },
  ];

  beforeAll(writeOwnRecords);

  test('listed, clean and error for every address and the domain; Spamhaus error codes are errors', async () => {
    const check = (addresses: string[], domain: string) =>
      checkBlocklists({ addresses, domain, query, resolvers: [knot], lists, timeoutMs: 3000 });
    const results = await check(
      ['172.29.53.10', '172.29.53.11', '172.29.53.12', '172.29.53.13', '2001:db8:53::10'],
      'customer.test',
    );
    const state = (list: string, target: string) =>
      results.find((r) => r.list === list && r.target === target)?.state ?? 'not asked';
    expect(state(`zen.${BL}`, '172.29.53.10')).toBe('listed');
    expect(state(`zen.${BL}`, '172.29.53.11')).toBe('error');
    expect(state(`zen.${BL}`, '172.29.53.12')).toBe('error');
    expect(state(`zen.${BL}`, '172.29.53.13')).toBe('clean');
    expect(state(`zen.${BL}`, '2001:db8:53::10')).toBe('listed');
    expect(state(`simple.${BL}`, '172.29.53.10')).toBe('listed');
    expect(state(`simple.${BL}`, '172.29.53.11')).toBe('clean');
    expect(state(`simple.${BL}`, '2001:db8:53::10')).toBe('not asked');
    expect(state(`dead.${BL}`, '172.29.53.13')).toBe('error');
    expect(state(`dbl.${BL}`, 'customer.test')).toBe('listed');
    expect(state('bl.nowhere.invalid', '172.29.53.10')).toBe('error');

    const detail = (list: string, target: string) =>
      results.find((r) => r.list === list && r.target === target)?.detail ?? '';
    expect(detail(`zen.${BL}`, '172.29.53.10')).toContain('Spamhaus SBL');
    expect(detail(`zen.${BL}`, '172.29.53.11')).toContain('public or open resolver');
    expect(detail(`zen.${BL}`, '172.29.53.12')).toContain('too many queries');
    expect(detail(`dead.${BL}`, '172.29.53.13')).toContain('192.0.2.1');
    expect(detail('bl.nowhere.invalid', '172.29.53.10')).toContain('REFUSED');

    const domains = await check(['172.29.53.13'], 'scratch.test');
    expect(domains.find((r) => r.list === `dbl.${BL}`)).toMatchObject({
      state: 'error',
      detail: expect.stringContaining('127.0.1.255'),
    });
    const clean = await check(['172.29.53.13'], 'mailharbor.test');
    expect(clean.find((r) => r.list === `dbl.${BL}`)?.state).toBe('clean');
  });
});

// ---------------------------------------------------------------------------------------------------
// TLS: servers on loopback with certificates from the world CA

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-d2-tls-'));
const servers: (net.Server | tls.Server)[] = [];
const sockets = new Set<net.Socket>();

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function listen(server: net.Server | tls.Server, host = '127.0.0.1'): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as net.AddressInfo).port;
}

async function closedTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function closedUdpPort(): Promise<DnsServer> {
  return { host: '127.0.0.1', port: await closedTcpPort() };
}

/** A certificate from the world CA with chosen dates (openssl ca; its bookkeeping stays in tmp). */
async function certWithDates(name: string, start: Date, end: Date): Promise<{ key: string; cert: string }> {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  const config = path.join(dir, 'ca.cnf');
  fs.writeFileSync(
    config,
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${path.join(dir, 'index.txt')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${path.join(dir, 'serial')}`,
      'default_md = sha256',
      'policy = anything',
      'unique_subject = no',
      'copy_extensions = copy',
      '[anything]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  const key = path.join(dir, 'key.pem');
  const csr = path.join(dir, 'req.csr');
  const cert = path.join(dir, 'cert.pem');
  await run(
    'openssl',
    signingRequestArgs({
      keyPath: key,
      csrPath: csr,
      subject: `/CN=${name}`,
      extensions: [`subjectAltName=DNS:${name}`],
    }),
  );
  const stamp = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  await run('openssl', [
    'ca',
    '-batch',
    '-config',
    config,
    '-cert',
    ctx.ca.certPath,
    '-keyfile',
    ctx.ca.keyPath,
    '-in',
    csr,
    '-out',
    cert,
    '-notext',
    '-startdate',
    stamp(start),
    '-enddate',
    stamp(end),
  ]);
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

describe('TLS certificates', () => {
  const caPem = fs.readFileSync(ctx.ca.certPath, 'utf8');
  const ports = { sni: 0, expired: 0, expiring: 0, selfSigned: 0, closed: 0 };

  beforeAll(async () => {
    const good = await issueCert(world.stateDir, 'd2-tls-mail', ['mail.d2-tls.test', 'imap.d2-tls.test']);
    const fallback = await issueCert(world.stateDir, 'd2-tls-default', ['default.d2-tls.test']);
    const read = (issued: { keyPath: string; fullchainPath: string }) => ({
      key: fs.readFileSync(issued.keyPath, 'utf8'),
      cert: fs.readFileSync(issued.fullchainPath, 'utf8'),
    });
    const goodContext = tls.createSecureContext(read(good));
    // like upstream's nginx: the right certificate for the name asked (SNI), another one otherwise
    ports.sni = await listen(
      tls.createServer({
        ...read(fallback),
        SNICallback: (name, done) =>
          done(null, name.endsWith('.d2-tls.test') && name !== 'default.d2-tls.test' ? goodContext : undefined),
      }),
    );
    const day = 86_400_000;
    ports.expired = await listen(
      tls.createServer(
        await certWithDates('expired.d2-tls.test', new Date(Date.now() - 90 * day), new Date(Date.now() - 2 * day)),
      ),
    );
    ports.expiring = await listen(
      tls.createServer(
        await certWithDates(
          'soon.d2-tls.test',
          new Date(Date.now() - 80 * day),
          new Date(Date.now() + 5 * day + 3_600_000),
        ),
      ),
    );
    ports.selfSigned = await listen(
      tls.createServer(selfSignedCertificate(path.join(tmp, 'self.d2-tls.test'), ['self.d2-tls.test'], 30)),
    );
    ports.closed = await closedTcpPort();
  });

  test('a certificate for the name asked, from the trusted CA: ok, with names, issuer and expiry', async () => {
    const [result] = await checkTls({
      host: '127.0.0.1',
      servername: 'mail.d2-tls.test',
      ports: [ports.sni],
      timeoutMs: 3000,
      caPem,
    });
    expect(result).toMatchObject({
      port: ports.sni,
      state: 'ok',
      names: ['mail.d2-tls.test', 'imap.d2-tls.test'],
      issuer: 'Mailharbor test world, Mailharbor World CA',
    });
    expect(result?.daysLeft).toBeGreaterThan(14);
    expect(Date.parse(result?.validTo ?? '')).toBeGreaterThan(Date.now());
  });

  test('another name gets the default certificate: nameMismatch', async () => {
    const [result] = await checkTls({
      host: '127.0.0.1',
      servername: 'other.d2-tls.example',
      ports: [ports.sni],
      timeoutMs: 3000,
      caPem,
    });
    expect(result).toMatchObject({ state: 'nameMismatch', names: ['default.d2-tls.test'] });
    expect(result?.detail).toContain('other.d2-tls.example');
  });

  test('expired, expiring soon, self-signed and a closed port, all ports at once and in order', async () => {
    const results = await checkTls({
      host: '127.0.0.1',
      servername: 'expired.d2-tls.test',
      ports: [ports.expired, ports.closed],
      timeoutMs: 3000,
      caPem,
    });
    expect(results.map((r) => [r.port, r.state])).toEqual([
      [ports.expired, 'expired'],
      [ports.closed, 'unreachable'],
    ]);
    expect(results[0]?.daysLeft).toBeLessThan(0);
    expect(results[1]?.detail).toContain('refused');

    const [soon] = await checkTls({
      host: '127.0.0.1',
      servername: 'soon.d2-tls.test',
      ports: [ports.expiring],
      timeoutMs: 3000,
      caPem,
    });
    expect(soon).toMatchObject({ state: 'expiringSoon', daysLeft: 5 });

    const [self] = await checkTls({
      host: '127.0.0.1',
      servername: 'self.d2-tls.test',
      ports: [ports.selfSigned],
      timeoutMs: 3000,
      caPem,
    });
    expect(self).toMatchObject({ state: 'untrusted', names: ['self.d2-tls.test'] });
  });

  test('without the world CA, its certificates are untrusted', async () => {
    const [result] = await checkTls({
      host: '127.0.0.1',
      servername: 'mail.d2-tls.test',
      ports: [ports.sni],
      timeoutMs: 3000,
    });
    expect(result?.state).toBe('untrusted');
  });

  test('a server that accepts the connection but never shakes hands: unreachable after the timeout', async () => {
    const silent = await listen(net.createServer(() => undefined));
    const started = Date.now();
    const [result] = await checkTls({
      host: '127.0.0.1',
      servername: 'mail.d2-tls.test',
      ports: [silent],
      timeoutMs: 400,
    });
    expect(result).toMatchObject({ state: 'unreachable', detail: expect.stringContaining('400 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('inbound port 25 from this machine', () => {
  const ports = { greeter: 0, rude: 0, silent: 0, closed: 0 };
  let reference = '';

  beforeAll(async () => {
    ports.greeter = await listen(net.createServer((socket) => socket.write('220 d2.test ESMTP ready\r\n')));
    ports.rude = await listen(net.createServer((socket) => socket.end('554 no service here\r\n')));
    ports.silent = await listen(net.createServer(() => undefined));
    ports.closed = await closedTcpPort();
    reference = `127.0.0.1:${ports.greeter}`;
  });

  test('a mail server that greets: open, without waiting for the probes', async () => {
    const started = Date.now();
    const result = await checkInboundSmtp({
      host: '127.0.0.1',
      port: ports.greeter,
      timeoutMs: 3000,
      probeTargets: [`127.0.0.1:${ports.silent}`],
    });
    expect(result).toEqual({
      state: 'open',
      target: `127.0.0.1:${ports.greeter}`,
      greeting: '220 d2.test ESMTP ready',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('closed, filtered (silent server, and an address nothing owns) and a non-220 answer', async () => {
    const check = (host: string, port: number) =>
      checkInboundSmtp({ host, port, timeoutMs: 800, probeTargets: [reference] });
    expect((await check('127.0.0.1', ports.closed)).state).toBe('closed');
    expect((await check('127.0.0.1', ports.silent)).state).toBe('filtered');
    expect(await check('172.29.53.250', 25)).toMatchObject({ state: 'filtered', target: '172.29.53.250:25' });
    expect(await check('127.0.0.1', ports.rude)).toMatchObject({ state: 'open', greeting: '554 no service here' });
  });

  test('when no reference mail server answers either: cannot test from this network', async () => {
    const result = await checkInboundSmtp({
      host: '127.0.0.1',
      port: ports.silent,
      timeoutMs: 600,
      probeTargets: [`127.0.0.1:${ports.silent}`, `127.0.0.1:${ports.closed}`],
    });
    expect(result.state).toBe('cannotTestFromHere');
    expect(result.detail).toContain(`127.0.0.1:${ports.closed}: connection refused`);
  });
});
