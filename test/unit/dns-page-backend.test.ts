// The DNS page's main-process side without a server: the facts the agent reads from an install, which
// address the records use, the outside addresses from the environment, and the service's answers checked
// against the contract's schemas (on a made-up DNS).
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_BLOCKLISTS } from '../../common/dns/blocklist-check.js';
import { PUBLIC_RESOLVERS } from '../../common/dns/authoritative.js';
import { sameName } from '../../common/dns/dns-names.js';
import type { DnsQuery, DnsRecord } from '../../common/dns/dns-types.js';
import { readDnsFacts } from '../../remote-agent/src/stack/dns-facts.js';
import { stackPaths } from '../../remote-agent/src/stack/stack-paths.js';
import {
  DnsCheckReportSchema,
  DnsPlanResultSchema,
  DnsServerCheckSchema,
} from '../../electron/contract/dns-schemas.js';
import { chooseServerAddresses, isPublicIpv4 } from '../../electron/services/dns/dns-addresses.js';
import { DnsService, planInput, tlsTargets } from '../../electron/services/dns/dns-service.js';
import { blocklistsAt, dnsEnvironmentFromEnvironment } from '../../electron/services/outside-addresses.js';
import { DnsFactsSchema, type DnsFactsResult } from '../../common/stack/stack-contract.js';

const NO_INTERFACES = { publicIpv4: [], privateIpv4: [], globalIpv6: [] };

describe('stack.dnsFacts, read from an install', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mh-dns-facts-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function install(env: string, withKey = true) {
    await writeFile(path.join(dir, '.env'), env);
    if (!withKey) return;
    await mkdir(path.join(dir, 'ssl'), { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    await writeFile(path.join(dir, 'ssl', 'dkim.key'), privateKey);
    await chmod(path.join(dir, 'ssl', 'dkim.key'), 0o600);
  }

  test('domain, profile, selector, the public key, and the first public addresses', async () => {
    await install('DOMAIN=Example.COM\nDKIM_KEY_SELECTOR=mh2024\nCOMPOSE_PROFILES=\nAUTH_BASIC_PASSWORD=s3cret\n');
    const facts = await readDnsFacts(stackPaths({ MAILHARBOR_STACK_DIR: dir }), {
      publicIpv4: ['203.0.113.10', '203.0.113.11'],
      privateIpv4: ['10.0.0.5', '127.0.0.2', '169.254.1.1'],
      globalIpv6: ['2001:db8::10'],
    });
    expect(DnsFactsSchema.parse(facts)).toEqual(facts);
    expect(facts).toMatchObject({
      domain: 'example.com',
      profile: 'forwarding',
      ipv4: '203.0.113.10',
      ipv6: '2001:db8::10',
      privateIpv4: ['10.0.0.5'],
      dkim: { selector: 'mh2024' },
    });
    // the SPKI of a 2048-bit key, and nothing of the private key or the .env's secrets
    expect(facts.dkim.publicKey).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(facts)).not.toContain('s3cret');
    expect(JSON.stringify(facts)).not.toContain('PRIVATE');
  });

  test('the default selector; no addresses is no ipv4 or ipv6', async () => {
    await install('DOMAIN=example.com\n');
    const facts = await readDnsFacts(stackPaths({ MAILHARBOR_STACK_DIR: dir }), NO_INTERFACES);
    expect(facts.dkim.selector).toBe('default');
    expect(facts).not.toHaveProperty('ipv4');
    expect(facts).not.toHaveProperty('ipv6');
  });

  test('nothing installed, no domain yet, or no DKIM key: stack.notInstalled', async () => {
    const paths = stackPaths({ MAILHARBOR_STACK_DIR: dir });
    await expect(readDnsFacts(paths, NO_INTERFACES)).rejects.toMatchObject({ code: 'stack.notInstalled' });
    await install('DOMAIN=\n', false);
    await expect(readDnsFacts(paths, NO_INTERFACES)).rejects.toMatchObject({ code: 'stack.notInstalled' });
    await install('DOMAIN=example.com\n', false);
    await expect(readDnsFacts(paths, NO_INTERFACES)).rejects.toMatchObject({
      code: 'stack.notInstalled',
      params: { file: 'ssl/dkim.key' },
    });
  });
});

const FACTS: DnsFactsResult = {
  domain: 'example.com',
  profile: 'full',
  privateIpv4: ['10.0.0.5'],
  dkim: { selector: 'default', publicKey: 'A'.repeat(300) },
};

describe('the addresses the records point at', () => {
  const noLookup = async () => {
    throw new Error('not asked');
  };

  test('public and private IPv4', () => {
    expect(isPublicIpv4('203.0.113.10')).toBe(true);
    expect(isPublicIpv4('8.8.8.8')).toBe(true);
    for (const address of ['10.1.2.3', '172.29.53.10', '192.168.1.1', '100.64.0.1', '127.0.0.1', '169.254.0.1'])
      expect(isPublicIpv4(address), address).toBe(false);
    expect(isPublicIpv4('2001:db8::1')).toBe(false);
    expect(isPublicIpv4('example.com')).toBe(false);
  });

  test('the server’s own public address first, with its IPv6', async () => {
    const facts = { ...FACTS, ipv4: '198.51.100.7', ipv6: '2001:db8::7' };
    expect(await chooseServerAddresses(facts, '203.0.113.1', noLookup)).toEqual({
      ipv4: '198.51.100.7',
      ipv6: '2001:db8::7',
      source: 'server',
    });
  });

  test('behind NAT: the public address SSH connects to, also through its host name', async () => {
    expect(await chooseServerAddresses(FACTS, '203.0.113.1', noLookup)).toEqual({
      ipv4: '203.0.113.1',
      source: 'connection',
    });
    const lookups: string[] = [];
    const lookup = async (host: string) => {
      lookups.push(host);
      return ['10.9.9.9', '203.0.113.2'];
    };
    expect(await chooseServerAddresses(FACTS, 'vps.example.net', lookup)).toEqual({
      ipv4: '203.0.113.2',
      source: 'connection',
    });
    expect(lookups).toEqual(['vps.example.net']);
  });

  test('neither public: the private address, said as such; none at all is an error naming ipv4', async () => {
    expect(await chooseServerAddresses(FACTS, '127.0.0.1', noLookup)).toEqual({ ipv4: '10.0.0.5', source: 'private' });
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await chooseServerAddresses(FACTS, 'gone.example', failing)).toMatchObject({ source: 'private' });
    await expect(chooseServerAddresses({ ...FACTS, privateIpv4: [] }, '::1', noLookup)).rejects.toMatchObject({
      code: 'stack.invalidOptions',
      params: { field: 'ipv4' },
    });
  });
});

describe('the plan input and the TLS ports', () => {
  test('options become the plan’s optional records; CAA names Let’s Encrypt', () => {
    const input = planInput(FACTS, { ipv4: '203.0.113.10', source: 'server' }, { useCnames: true, caa: true });
    expect(input).toMatchObject({
      domain: 'example.com',
      ipv4: '203.0.113.10',
      useCnames: true,
      profile: 'full',
      optional: { mtaSts: false, tlsRpt: false, srv: false, caa: 'letsencrypt.org' },
      dkim: { selector: 'default', publicKeyBase64: 'A'.repeat(300) },
    });
    expect(input).not.toHaveProperty('ipv6');
  });

  test('IMAP and POP3 only with the full profile, each with the name a client asks for', () => {
    expect(tlsTargets('example.com', 'full')).toEqual([
      { port: 443, servername: 'example.com' },
      { port: 465, servername: 'smtp.example.com' },
      { port: 993, servername: 'imap.example.com' },
      { port: 995, servername: 'pop3.example.com' },
    ]);
    expect(tlsTargets('example.com', 'forwarding').map((target) => target.port)).toEqual([443, 465]);
  });
});

describe('outside addresses of the DNS page', () => {
  test('defaults: the public resolvers and the core’s own lists', () => {
    expect(dnsEnvironmentFromEnvironment({})).toEqual({ resolvers: [...PUBLIC_RESOLVERS] });
  });

  test('resolvers as HOST[:PORT], lists renamed to stand-in zones or left out', () => {
    const environment = dnsEnvironmentFromEnvironment({
      MAILHARBOR_DNS_RESOLVERS: '127.0.0.1:5353, [::1]:53,dns.example',
      MAILHARBOR_BLOCKLISTS: 'zen.spamhaus.org=zen.bl.example.test, dbl.spamhaus.org',
    });
    expect(environment.resolvers).toEqual([
      { host: '127.0.0.1', port: 5353 },
      { host: '::1', port: 53 },
      { host: 'dns.example', port: 53 },
    ]);
    expect(environment.blocklists?.map((list) => [list.name, list.zone])).toEqual([
      ['Spamhaus ZEN', 'zen.bl.example.test'],
      ['Spamhaus DBL', 'dbl.spamhaus.org'],
    ]);
    // the stand-in keeps the real list's answers: Spamhaus's refusals are still not listings
    expect(environment.blocklists?.[0]?.errorAnswers).toEqual(DEFAULT_BLOCKLISTS[0]?.errorAnswers);
    expect(dnsEnvironmentFromEnvironment({ MAILHARBOR_BLOCKLISTS: 'none' }).blocklists).toEqual([]);
  });

  test('typos are named at start', () => {
    expect(() => dnsEnvironmentFromEnvironment({ MAILHARBOR_DNS_RESOLVERS: '1.1.1.1:99999' })).toThrow(
      /MAILHARBOR_DNS_RESOLVERS: .*port/,
    );
    expect(() => dnsEnvironmentFromEnvironment({ MAILHARBOR_BLOCKLISTS: 'nope.example' })).toThrow(
      /MAILHARBOR_BLOCKLISTS: "nope.example" is not one of the lists/,
    );
    expect(() => dnsEnvironmentFromEnvironment({ MAILHARBOR_BLOCKLISTS: 'zen.spamhaus.org=not a zone' })).toThrow(
      /MAILHARBOR_BLOCKLISTS/,
    );
    expect(() => blocklistsAt(new Map([['bl.spamcop.net', 'spamcop.bl.example.test']]))).not.toThrow();
  });
});

describe('the DNS service, on a made-up DNS', () => {
  const NS = { host: '192.0.2.53', port: 53 };
  const zone: DnsRecord[] = [
    {
      name: 'example.com',
      ttl: 300,
      data: { type: 'SOA', mname: 'ns1.example.com', rname: 'h.example.com', serial: 1, minimum: 60 },
    },
    { name: 'example.com', ttl: 300, data: { type: 'NS', value: 'ns1.example.com' } },
    { name: 'ns1.example.com', ttl: 300, data: { type: 'A', value: NS.host } },
    { name: 'example.com', ttl: 300, data: { type: 'A', value: '203.0.113.10' } },
    { name: 'mx.example.com', ttl: 300, data: { type: 'CNAME', value: 'example.com' } },
  ];
  const query: DnsQuery = async (server, name, type) => {
    const answers = zone.filter((record) => sameName(record.name, name) && record.data.type === type);
    // a CNAME answers every question about its name, with its target's records after it
    const cname = zone.find((record) => sameName(record.name, name) && record.data.type === 'CNAME');
    const target = cname?.data.type === 'CNAME' ? cname.data.value : undefined;
    if (cname && target && type !== 'CNAME') {
      answers.push(cname, ...zone.filter((r) => sameName(r.name, target) && r.data.type === type));
    }
    const inZone = name === 'example.com' || name.endsWith('.example.com');
    return {
      server,
      rcode: inZone ? 'NOERROR' : 'NXDOMAIN',
      authoritative: true,
      answers,
      authorities: answers.length === 0 ? [zone[0]!] : [],
      viaTcp: false,
      elapsedMs: 1,
    };
  };
  const service = new DnsService(
    {
      facts: async () => ({ ...FACTS, ipv4: '203.0.113.10' }),
      connectionHost: async () => '203.0.113.10',
    },
    { dns: { resolvers: [NS], blocklists: [] }, smtpProbeTargets: [], query },
  );

  test('the plan and its zone file, as the contract describes them', async () => {
    const result = await service.plan('srv-abcdefgh', { srv: true });
    expect(DnsPlanResultSchema.parse(result)).toEqual(result);
    expect(result.addressSource).toBe('server');
    expect(result.plan.records.map((record) => record.id)).toContain('srv:imaps');
    expect(result.zoneFile).toContain('$ORIGIN example.com.');
    expect(result.zoneFile).toContain('_imaps._tcp');
  });

  test('the check: what is there, what is missing, and the MX host that is a CNAME named as such', async () => {
    const report = await service.check('srv-abcdefgh');
    expect(DnsCheckReportSchema.parse(report)).toEqual(report);
    const byId = new Map(report.records.map((record) => [record.id, record]));
    expect(byId.get('a:@')?.state).toBe('correct');
    expect(byId.get('mx')?.state).toBe('missing');
    expect(byId.get('a:mx')?.findings).toContain('mxIsCname');
    expect(report.authority).toMatchObject({ state: 'found', nameservers: ['ns1.example.com'] });
  });

  test('the server check: TLS per port and port 25, unreachable on a closed address, in the contract’s shape', async () => {
    const closed = new DnsService(
      { facts: async () => ({ ...FACTS, ipv4: '127.0.0.1', profile: 'forwarding' }), connectionHost: async () => '' },
      { dns: { resolvers: [NS] }, smtpProbeTargets: [], query },
    );
    const result = await closed.checkServer('srv-abcdefgh');
    expect(DnsServerCheckSchema.parse(result)).toEqual(result);
    // nothing listens on this machine's 443/465 (or it is not ours): either way no certificate of example.com
    expect(result.tls.map((tls) => [tls.port, tls.servername])).toEqual([
      [443, 'example.com'],
      [465, 'smtp.example.com'],
    ]);
    expect(result.inbound.target).toBe('127.0.0.1:25');
  }, 20_000);
});
