// Finding the authoritative servers and running the whole check, on a made-up DNS (a fake DnsQuery):
// the zone from SOA/NS (walking up for a sub-domain), explicit nameservers skipping discovery, every
// question sent at once, and the report's summary.
import { describe, expect, test } from 'vitest';
import { discoverAuthority, explicitAuthority } from '../../common/dns/authoritative.js';
import { checkDns } from '../../common/dns/check-dns.js';
import { DnsLookupError } from '../../common/dns/dns-client.js';
import type { CheckDnsDeps } from '../../common/dns/check-dns.js';
import type { DnsQuery, DnsRecord, DnsRecordType, DnsServer } from '../../common/dns/dns-types.js';
import { sameName } from '../../common/dns/dns-names.js';

const RESOLVER: DnsServer = { host: '198.51.100.53', port: 53 };
const NS_ADDRESS = '192.0.2.1';

/** A tiny DNS: one zone example.com with ns1.example.net at 192.0.2.1, served the same by everyone. */
const ZONE: DnsRecord[] = [
  {
    name: 'example.com',
    ttl: 300,
    data: { type: 'SOA', mname: 'ns1.example.net', rname: 'h.example.com', serial: 1, minimum: 60 },
  },
  { name: 'example.com', ttl: 300, data: { type: 'NS', value: 'ns1.example.net' } },
  { name: 'ns1.example.net', ttl: 300, data: { type: 'A', value: NS_ADDRESS } },
  { name: 'example.com', ttl: 300, data: { type: 'A', value: '203.0.113.10' } },
  { name: 'example.com', ttl: 300, data: { type: 'MX', preference: 10, exchange: 'mx.example.com' } },
  { name: 'example.com', ttl: 300, data: { type: 'TXT', strings: ['v=spf1 mx -all'] } },
  { name: '_dmarc.example.com', ttl: 300, data: { type: 'TXT', strings: ['v=DMARC1; p=quarantine'] } },
  ...['mx', 'smtp', 'imap', 'pop3', 'api', 'caldav', 'carddav'].map((label): DnsRecord => ({
    name: `${label}.example.com`,
    ttl: 300,
    data: { type: 'A', value: '203.0.113.10' },
  })),
];

interface Call {
  server: DnsServer;
  name: string;
  type: DnsRecordType;
  recursionDesired: boolean;
  at: number;
}

function fakeDns(delayMs = 0): { query: DnsQuery; calls: Call[] } {
  const calls: Call[] = [];
  const started = Date.now();
  const query: DnsQuery = async (server, name, type, options) => {
    calls.push({ server, name, type, recursionDesired: options.recursionDesired, at: Date.now() - started });
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (server.host !== RESOLVER.host && server.host !== NS_ADDRESS) {
      throw new DnsLookupError('timeout', server, `${type} ${name}`, 'no answer');
    }
    const inZone = name === 'example.com' || name.endsWith('.example.com') || name === 'ns1.example.net';
    const answers = ZONE.filter((r) => sameName(r.name, name) && r.data.type === type);
    const exists = ZONE.some((r) => sameName(r.name, name));
    const soa = ZONE[0]!;
    return {
      server,
      rcode: !inZone || exists ? 'NOERROR' : 'NXDOMAIN',
      authoritative: inZone,
      answers,
      authorities: answers.length === 0 && inZone ? [soa] : [],
      viaTcp: false,
      elapsedMs: delayMs,
    };
  };
  return { query, calls };
}

describe('authoritative servers', () => {
  test('the domain is its own zone: SOA and NS together, then the NS addresses', async () => {
    const { query, calls } = fakeDns();
    const authority = await discoverAuthority('Example.com.', { query, resolvers: [RESOLVER], timeoutMs: 1000 });
    expect(authority).toEqual({
      zone: 'example.com',
      source: 'discovered',
      nameservers: ['ns1.example.net'],
      servers: [{ nameserver: 'ns1.example.net', server: { host: NS_ADDRESS, port: 53 } }],
    });
    expect(calls.every((c) => c.recursionDesired && c.server === RESOLVER)).toBe(true);
    expect(calls.map((c) => `${c.name} ${c.type}`)).toEqual(['example.com SOA', 'example.com NS', 'ns1.example.net A']);
  });

  test('a sub-domain finds its zone from the SOA in the authority section', async () => {
    const { query } = fakeDns();
    const authority = await discoverAuthority('mail.example.com', { query, resolvers: [RESOLVER], timeoutMs: 1000 });
    expect(authority.zone).toBe('example.com');
    expect(authority.servers.map((s) => s.server.host)).toEqual([NS_ADDRESS]);
  });

  test('no resolver answering is an error that says so', async () => {
    const { query } = fakeDns();
    await expect(
      discoverAuthority('example.com', { query, resolvers: [{ host: '192.0.2.250', port: 53 }], timeoutMs: 1000 }),
    ).rejects.toThrow(/no resolver answered SOA example.com/);
  });

  test('a name only its top-level domain answers for is not delegated', async () => {
    const tld: DnsRecord = {
      name: 'example',
      ttl: 900,
      data: { type: 'SOA', mname: 'a.nic.example', rname: 'h.nic.example', serial: 1, minimum: 900 },
    };
    const query: DnsQuery = async (server) => ({
      server,
      rcode: 'NXDOMAIN',
      authoritative: false,
      answers: [],
      authorities: [tld],
      viaTcp: false,
      elapsedMs: 1,
    });
    await expect(
      discoverAuthority('unregistered.example', { query, resolvers: [RESOLVER], timeoutMs: 1000 }),
    ).rejects.toThrow(/unregistered\.example is not delegated: only example answers for it/);
  });

  test('explicit servers skip discovery', () => {
    expect(explicitAuthority('example.com', [{ host: '127.0.0.1', port: 5353 }])).toEqual({
      zone: 'example.com',
      source: 'explicit',
      nameservers: ['127.0.0.1'],
      servers: [{ nameserver: '127.0.0.1', server: { host: '127.0.0.1', port: 5353 } }],
    });
  });
});

describe('checkDns', () => {
  const plan = { domain: 'example.com', ipv4: '203.0.113.10', profile: 'full' } as const;

  function deps(query: DnsQuery, started: number[] = []): CheckDnsDeps {
    return {
      query,
      checkPtr: async (input) => {
        started.push(Date.now());
        return input.addresses.map((address) => ({ address, state: 'correct' as const, found: [input.expectedName] }));
      },
      checkBlocklists: async (input) => {
        started.push(Date.now());
        return input.addresses.map((target) => ({ list: 'test.example', target, state: 'clean' as const }));
      },
    };
  }

  test('a correct zone: every required record correct, PTR and blocklists in the report', async () => {
    const { query } = fakeDns();
    const report = await checkDns({ plan, resolvers: [RESOLVER], timeoutMs: 1000 }, deps(query));
    expect(report.authority).toMatchObject({ state: 'found', zone: 'example.com', nameservers: ['ns1.example.net'] });
    expect(report.records.map((r) => [r.id, r.state])).toEqual(report.records.map((r) => [r.id, 'correct']));
    expect(report.summary).toMatchObject({ allRequiredCorrect: true, ptrCorrect: true, listed: 0 });
    expect(report.summary.counts.correct).toBe(report.records.length);
    expect(report.ptr).toEqual([{ address: '203.0.113.10', state: 'correct', found: ['mx.example.com'] }]);
  });

  test('explicit nameserver: every question to every server goes out before the first answer is back', async () => {
    const { query, calls } = fakeDns(100);
    const started: number[] = [];
    const t0 = Date.now();
    const report = await checkDns(
      { plan, nameservers: [{ host: NS_ADDRESS, port: 53 }], resolvers: [RESOLVER], timeoutMs: 1000 },
      deps(query, started),
    );
    expect(report.summary.allRequiredCorrect).toBe(true);
    const toNameserver = calls.filter((c) => c.server.host === NS_ADDRESS);
    const toResolver = calls.filter((c) => c.server.host === RESOLVER.host);
    expect(toNameserver.every((c) => !c.recursionDesired)).toBe(true);
    expect(toResolver.every((c) => c.recursionDesired)).toBe(true);
    expect(toNameserver.length).toBe(toResolver.length);
    expect(toNameserver.length).toBeGreaterThanOrEqual(11);
    expect(Math.max(...calls.map((c) => c.at))).toBeLessThan(100);
    expect(started.every((at) => at - t0 < 100)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(400);
  });

  test('discovery first: the authoritative questions follow two resolver round trips; the rest starts at once', async () => {
    const { query, calls } = fakeDns(100);
    const report = await checkDns({ plan, resolvers: [RESOLVER], timeoutMs: 1000 }, deps(query));
    expect(report.summary.allRequiredCorrect).toBe(true);
    const toNameserver = calls.filter((c) => c.server.host === NS_ADDRESS);
    const recordQuestions = calls.filter((c) => c.server === RESOLVER && !['SOA', 'NS'].includes(c.type));
    expect(Math.min(...toNameserver.map((c) => c.at))).toBeGreaterThanOrEqual(190);
    expect(Math.max(...toNameserver.map((c) => c.at))).toBeLessThan(300);
    expect(recordQuestions.filter((c) => c.at < 100).length).toBeGreaterThanOrEqual(11);
  });

  test('nameservers that cannot be found: every record is a lookup error to retry', async () => {
    const { query } = fakeDns();
    const report = await checkDns(
      { plan, resolvers: [{ host: '192.0.2.250', port: 53 }], timeoutMs: 200 },
      deps(query),
    );
    expect(report.authority.state).toBe('error');
    expect(report.records.every((r) => r.state === 'error' && r.retryable)).toBe(true);
    expect(report.records[0]?.detail).toMatch(/nameservers not found/);
    expect(report.summary.allRequiredCorrect).toBe(false);
  });

  test('a PTR or blocklist check that throws is reported, not thrown', async () => {
    const { query } = fakeDns();
    const report = await checkDns(
      { plan, resolvers: [RESOLVER], timeoutMs: 1000 },
      {
        query,
        checkPtr: async () => {
          throw new Error('ptr broke');
        },
        checkBlocklists: async () => {
          throw new Error('lists broke');
        },
      },
    );
    expect(report.ptr).toEqual([{ address: '203.0.113.10', state: 'error', found: [], detail: 'ptr broke' }]);
    expect(report.blocklists[0]).toMatchObject({ state: 'error', detail: 'lists broke' });
    expect(report.summary.ptrCorrect).toBe(false);
  });

  test('bad plan input throws stack.invalidOptions naming the field', async () => {
    const { query } = fakeDns();
    await expect(
      checkDns({ plan: { ...plan, ipv4: 'nope' }, resolvers: [RESOLVER] }, deps(query)),
    ).rejects.toMatchObject({ code: 'stack.invalidOptions', params: { field: 'ipv4' } });
  });
});
