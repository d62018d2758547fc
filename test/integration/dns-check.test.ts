// The live DNS check against the test world's authoritative server (knot): the customer.test fixture as
// a right zone and, with other expectations, as wrong and missing; scratch.test sub-domains for the zone
// file export and the mistakes that need records of their own (two SPF records, an MX host that is a
// CNAME, a CNAME at the domain); a fake server in the test for "nameservers disagree" and "propagating";
// the slow forwarder for slow answers; a closed port for lookup errors.
//
// scratch.test is shared with other tests that may rewrite it at the same time: this file keeps the
// records it finds there, adds its own under dnscheck-* names (absolute, one per line, so they are
// easy to take out again), checks a sentinel before trusting an answer, and removes only its own
// records at the end.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkDns } from '../../common/dns/check-dns.js';
import type { CheckDnsInput, DnsCheckReport } from '../../common/dns/check-dns.js';
import { createDnsQuery } from '../../common/dns/dns-client.js';
import type { DnsServer } from '../../common/dns/dns-types.js';
import type { BlocklistZone } from '../../common/dns/blocklist-check.js';
import { buildRecordPlan } from '../../common/dns/record-plan.js';
import type { RecordPlanInput } from '../../common/dns/record-plan.js';
import type { RecordCheck } from '../../common/dns/record-check.js';
import { renderZoneFile } from '../../common/dns/zone-file.js';
import { startFakeDnsServer } from '../support/dns-fake-server.js';
import type { FakeDnsServer, FakeReply } from '../support/dns-fake-server.js';
import { createWorldContext } from '../world/context.js';
import { worldForTests } from '../world/world-inject.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { setSlowForwarderDelay, writeZone, zoneFile } from '../world/pieces/dns.js';
import type { DnsState } from '../world/pieces/dns.js';
import { queryDns, txtValues } from '../world/pieces/dns/dns-query.js';
import { REPO_ROOT } from '../world/pieces/shared/node-daemon.js';

const world = worldForTests();
const dns = pieceState<DnsState>(world, 'dns');
const ctx = createWorldContext(world.stateDir, 'dns-check.test');
const knot: DnsServer = { host: dns.loopback.host, port: dns.loopback.port };
const query = createDnsQuery();

/** customer.test's DKIM key, from the fixture the world serves. */
const CUSTOMER_KEY = (() => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'test/world/fixtures/zones/customer.test.zone'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith('default._domainkey')) ?? '';
  const joined = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('');
  return joined.replace(/^.*p=/, '');
})();
const customer: RecordPlanInput = {
  domain: 'customer.test',
  ipv4: '172.29.53.10',
  profile: 'full',
  dkim: { selector: 'default', publicKeyBase64: CUSTOMER_KEY },
};

/** A list served by the world itself, so blocklist lookups really go through knot (NXDOMAIN = clean). */
const WORLD_LIST: BlocklistZone = {
  name: 'world test list',
  zone: 'mailharbor.test',
  kind: 'ip',
  listedAnswers: [{ first: '127.0.0.2', meaning: 'listed' }],
  errorAnswers: [],
};

function run(input: Omit<CheckDnsInput, 'resolvers'> & { resolvers?: DnsServer[] }): Promise<DnsCheckReport> {
  return checkDns({ resolvers: [knot], timeoutMs: 3000, blocklists: [WORLD_LIST], ...input }, { query });
}

function states(report: DnsCheckReport): Record<string, string> {
  return Object.fromEntries(report.records.map((r) => [r.id, r.state]));
}

function record(report: DnsCheckReport, id: string): RecordCheck {
  const found = report.records.find((r) => r.id === id);
  if (!found) throw new Error(`no record ${id} in the report`);
  return found;
}

describe('customer.test as the world serves it', () => {
  test('right: every record correct, found through SOA and NS; PTR forward-confirmed; blocklists clean', async () => {
    const report = await run({ plan: customer });
    expect(report.authority).toMatchObject({
      state: 'found',
      zone: 'customer.test',
      source: 'discovered',
      nameservers: ['ns1.mailharbor.test'],
    });
    // the NS name resolves to the gateway, where the same knot answers on port 53
    expect(report.authority.servers.map((s) => s.server)).toEqual([{ host: world.gateway, port: 53 }]);
    expect(Object.values(states(report)).every((state) => state === 'correct')).toBe(true);
    expect(report.summary.allRequiredCorrect).toBe(true);
    expect(report.ptr).toEqual([expect.objectContaining({ address: '172.29.53.10', state: 'correct' })]);
    expect(report.blocklists).toEqual([
      expect.objectContaining({ list: 'mailharbor.test', target: '172.29.53.10', state: 'clean' }),
    ]);
  });

  test('wrong: another server address; found X, expected Y on every address record', async () => {
    const report = await run({ plan: { ...customer, ipv4: '172.29.53.99' }, nameservers: [knot] });
    const apex = record(report, 'a:@');
    expect(apex).toMatchObject({ state: 'wrong', found: ['172.29.53.10'], expected: ['172.29.53.99'] });
    expect(apex.fix).toMatchObject({ action: 'replace', remove: ['172.29.53.10'], add: ['172.29.53.99'] });
    for (const id of ['a:mx', 'a:smtp', 'a:carddav']) expect(record(report, id).state).toBe('wrong');
    expect(report.summary.allRequiredCorrect).toBe(false);
    expect(report.ptr[0]).toMatchObject({ address: '172.29.53.99', state: 'missing' });
  });

  test('dkimMismatch: the server has another key than the one published', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    const report = await run({
      plan: { ...customer, dkim: { selector: 'default', publicKeyBase64: otherKey } },
      nameservers: [knot],
    });
    expect(record(report, 'dkim')).toMatchObject({ state: 'wrong', findings: ['dkimMismatch'] });
  });

  test('missing: the apex AAAA and every optional record that is not there', async () => {
    const report = await run({
      plan: {
        ...customer,
        ipv6: '2001:db8:53::10',
        optional: { mtaSts: true, tlsRpt: true, srv: true, caa: 'letsencrypt.org' },
      },
      nameservers: [knot],
    });
    expect(states(report)).toMatchObject({
      'aaaa:@': 'missing',
      'aaaa:mx': 'correct',
      'aaaa:smtp': 'missing',
      'mta-sts': 'missing',
      'tls-rpt': 'missing',
      'srv:submissions': 'missing',
      caa: 'missing',
    });
    expect(record(report, 'aaaa:@').fix).toEqual({
      action: 'add',
      name: 'customer.test',
      type: 'AAAA',
      add: ['2001:db8:53::10'],
    });
    expect(report.ptr.find((p) => p.address === '2001:db8:53::10')?.state).toBe('correct');
  });

  test('error: a nameserver that does not answer is a lookup error to retry, never "missing"', async () => {
    const closed = await startFakeDnsServer(() => 'drop');
    await closed.close();
    const report = await run({ plan: customer, nameservers: [closed.server], timeoutMs: 500 });
    expect(report.records.every((r) => r.state === 'error' && r.retryable)).toBe(true);
    expect(record(report, 'a:@').authoritative[0]?.error).toMatch(/refused|no answer/);
  });
});

describe('a fake server next to knot', () => {
  /** Forwards to knot, except for the questions ("name TYPE") a test answers itself. */
  function startForwarder(overrides: Record<string, FakeReply>, authoritative: boolean): Promise<FakeDnsServer> {
    return startFakeDnsServer(async ({ name, type }) => {
      const override = overrides[`${name.toLowerCase()} ${type}`];
      if (override) return override;
      const answer = await queryDns({ server: knot.host, port: knot.port, name, type, timeoutMs: 3000 });
      return {
        rcode: answer.rcode as NonNullable<FakeReply['rcode']>,
        authoritative: authoritative && answer.authoritative,
        answers: answer.answers,
        authorities: answer.authorities,
      };
    });
  }

  test('disagree: a second authoritative server serving another apex address', async () => {
    // stands in for a secondary nameserver that missed the last zone transfer
    const fake = await startForwarder(
      { 'customer.test A': { answers: [{ name: 'customer.test', type: 'A', ttl: 60, data: '172.29.53.77' }] } },
      true,
    );
    try {
      const report = await run({ plan: customer, nameservers: [knot, fake.server] });
      const apex = record(report, 'a:@');
      expect(apex.state).toBe('disagree');
      expect(apex.found).toEqual(['172.29.53.10', '172.29.53.77']);
      expect(apex.fix.action).toBe('alignNameservers');
      expect(record(report, 'mx').state).toBe('correct');
      expect(report.summary.allRequiredCorrect).toBe(false);
    } finally {
      await fake.close();
    }
  });

  test('propagating: right at knot, a caching resolver still holds the old answers; their TTLs are the wait', async () => {
    // stands in for a public caching resolver: an old MX host address (TTL 1234 left) and a cached
    // "no DMARC record" (negative TTL from the SOA: 300)
    const fake = await startForwarder(
      {
        'mx.customer.test A': {
          authoritative: false,
          answers: [{ name: 'mx.customer.test', type: 'A', ttl: 1234, data: '172.29.53.77' }],
        },
        '_dmarc.customer.test TXT': {
          rcode: 'NXDOMAIN',
          authoritative: false,
          authorities: [
            {
              name: 'customer.test',
              type: 'SOA',
              ttl: 3600,
              data: {
                mname: 'ns1.mailharbor.test',
                rname: 'hostmaster.mailharbor.test',
                serial: 1,
                refresh: 3600,
                retry: 600,
                expire: 86400,
                minimum: 300,
              },
            },
          ],
        },
      },
      false,
    );
    try {
      const report = await run({ plan: customer, nameservers: [knot], resolvers: [fake.server] });
      expect(record(report, 'a:mx')).toMatchObject({ state: 'propagating', remainingTtlSeconds: 1234 });
      expect(record(report, 'dmarc')).toMatchObject({ state: 'propagating', remainingTtlSeconds: 300 });
      expect(record(report, 'a:@').state).toBe('correct');
      expect(report.summary.allRequiredCorrect).toBe(false);
    } finally {
      await fake.close();
    }
  });
});

describe('slow nameservers (the slow forwarder)', () => {
  const forwarder: DnsServer = { host: dns.slowForwarder.host, port: dns.slowForwarder.port };
  let previousDelay = dns.slowForwarder.delayMs;

  beforeAll(() => {
    try {
      previousDelay = (JSON.parse(fs.readFileSync(dns.slowForwarder.settingsFile, 'utf8')) as { delayMs: number })
        .delayMs;
    } catch {
      // keep the delay world.json recorded
    }
  });
  afterAll(() => setSlowForwarderDelay(ctx, previousDelay));

  test('answers after 300 ms: still right, all records in about one round trip', async () => {
    setSlowForwarderDelay(ctx, 300);
    const started = performance.now();
    const report = await run({ plan: customer, nameservers: [forwarder], resolvers: [forwarder] });
    const elapsed = performance.now() - started;
    expect(report.summary.allRequiredCorrect).toBe(true);
    // records, PTR and its forward confirmation, blocklists: never more than a few delays in a row
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(4 * 300 + 500);
  });

  test('slower than the timeout: lookup errors, marked retryable', async () => {
    setSlowForwarderDelay(ctx, 1500);
    const report = await run({ plan: customer, nameservers: [forwarder], timeoutMs: 400 });
    expect(report.records.every((r) => r.state === 'error' && r.retryable)).toBe(true);
    expect(record(report, 'mx').detail).toMatch(/no answer/);
  });
});

describe('scratch.test sub-domains', () => {
  const ZONE = 'scratch.test';
  const MINE = /^\S*dnscheck-[a-z0-9-]*\.scratch\.test\.\s/i;
  const sentinel = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'der' })
    .toString('base64');
  const full: RecordPlanInput = {
    domain: 'dnscheck-ok.scratch.test',
    ipv4: '172.29.53.10',
    ipv6: '2001:db8:53::10',
    profile: 'full',
    dkim: { selector: 'mh2025', publicKeyBase64: key },
    optional: { mtaSts: true, tlsRpt: true, srv: true, caa: 'letsencrypt.org' },
  };
  const simple = (domain: string): RecordPlanInput => ({
    domain,
    ipv4: '172.29.53.10',
    profile: 'forwarding',
    dkim: { selector: 'default', publicKeyBase64: key },
  });

  /** Our zone file export with every owner made absolute, so the lines are ours to find again. */
  function absoluteLines(input: RecordPlanInput, edit: (lines: string[]) => string[] = (l) => l): string[] {
    const plan = buildRecordPlan(input);
    const lines = renderZoneFile(plan)
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith(';') && !line.startsWith('$'))
      .map((line) => {
        const [host = '', ...rest] = line.trim().split(/\s+/);
        const owner = host === '@' ? `${plan.domain}.` : `${host}.${plan.domain}.`;
        return `${owner} ${rest.join(' ')}`;
      });
    return edit(lines);
  }

  function ourRecords(): string[] {
    return [
      ...absoluteLines(full),
      // a second SPF record next to ours
      ...absoluteLines(simple('dnscheck-spf2.scratch.test'), (lines) => [
        ...lines,
        'dnscheck-spf2.scratch.test. 3600 IN TXT "v=spf1 include:_spf.example.net ~all"',
      ]),
      // the MX host as a CNAME to the domain
      ...absoluteLines(simple('dnscheck-mxcname.scratch.test'), (lines) => [
        ...lines.filter((line) => !line.startsWith('mx.dnscheck-mxcname.scratch.test. ')),
        'mx.dnscheck-mxcname.scratch.test. 3600 IN CNAME dnscheck-mxcname.scratch.test.',
      ]),
      // the mail domain itself a CNAME (elsewhere), so nothing else can live there
      'dnscheck-apex.scratch.test. 3600 IN CNAME customer.test.',
      // a blocklist that lists vps1's address
      '10.53.29.172.dnscheck-bl.scratch.test. 60 IN A 127.0.0.2',
      `dnscheck-sentinel.scratch.test. 60 IN TXT "${sentinel}"`,
    ];
  }

  /** The zone as served now, minus its SOA and apex NS (the world adds its own) and minus our old lines. */
  function foreignLines(): string[] {
    const lines = fs.readFileSync(zoneFile(ctx, ZONE), 'utf8').split('\n');
    // the header the world wrote ($ORIGIN, $TTL) comes back with the next write: drop the leading directives
    const firstRecord = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('$') && !line.startsWith(';'));
    return lines
      .slice(Math.max(0, firstRecord))
      .filter(
        (line) =>
          line.trim() !== '' &&
          !/^\S+\s+(\d+\s+)?(IN\s+)?SOA\s/i.test(line) &&
          !/^(@|scratch\.test\.)\s+(\d+\s+)?(IN\s+)?NS\s/i.test(line) &&
          !MINE.test(line),
      );
  }

  async function sentinelServed(): Promise<boolean> {
    const answer = await queryDns({
      server: knot.host,
      port: knot.port,
      name: 'dnscheck-sentinel.scratch.test',
      type: 'TXT',
    });
    return txtValues(answer).includes(sentinel);
  }

  async function publish(): Promise<void> {
    await writeZone(ctx, ZONE, [...foreignLines(), ...ourRecords()].join('\n'));
  }

  /**
   * Runs a check on our records; when another test rewrote scratch.test meanwhile (our sentinel is gone),
   * publishes again and runs it once more, so a concurrent writer cannot make this file fail.
   */
  async function withOurRecords(check: () => Promise<DnsCheckReport>): Promise<DnsCheckReport> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!(await sentinelServed())) await publish();
      const report = await check();
      if (await sentinelServed()) return report;
    }
    throw new Error('scratch.test kept being rewritten by someone else during the check');
  }

  beforeAll(publish, 60_000);

  afterAll(async () => {
    // only our records go; whatever other tests put there stays
    await writeZone(ctx, ZONE, foreignLines().join('\n'));
  }, 60_000);

  test('the zone file export, served by knot, checks correct record by record (optional ones included)', async () => {
    const report = await withOurRecords(() => run({ plan: full, nameservers: [knot] }));
    expect(states(report)).toEqual(Object.fromEntries(report.records.map((r) => [r.id, 'correct'])));
    expect(report.records.map((r) => r.id)).toEqual(
      expect.arrayContaining(['aaaa:@', 'dkim', 'mta-sts', 'a:mta-sts', 'tls-rpt', 'srv:imaps', 'caa']),
    );
    expect(report.summary.allRequiredCorrect).toBe(true);
  });

  test('a sub-domain finds its zone by walking up: scratch.test and its nameserver', async () => {
    const report = await withOurRecords(() => run({ plan: full }));
    expect(report.authority).toMatchObject({
      state: 'found',
      zone: 'scratch.test',
      nameservers: ['ns1.mailharbor.test'],
    });
    expect(report.summary.allRequiredCorrect).toBe(true);
  });

  test('spfMultiple: a second SPF record', async () => {
    const report = await withOurRecords(() => run({ plan: simple('dnscheck-spf2.scratch.test'), nameservers: [knot] }));
    const spf = record(report, 'spf');
    expect(spf).toMatchObject({ state: 'wrong', findings: ['spfMultiple'] });
    expect(spf.found).toHaveLength(2);
    expect(record(report, 'mx').state).toBe('correct');
  });

  test('mxIsCname: the MX host is a CNAME', async () => {
    const report = await withOurRecords(() =>
      run({ plan: simple('dnscheck-mxcname.scratch.test'), nameservers: [knot] }),
    );
    expect(record(report, 'mx')).toMatchObject({ state: 'wrong', findings: ['mxIsCname'] });
    expect(record(report, 'mx').fix).toMatchObject({ name: 'mx.dnscheck-mxcname.scratch.test', type: 'A' });
    expect(record(report, 'a:mx')).toMatchObject({ state: 'wrong', findings: ['mxIsCname'] });
  });

  test('apexCname: the mail domain itself is a CNAME', async () => {
    const report = await withOurRecords(() => run({ plan: simple('dnscheck-apex.scratch.test'), nameservers: [knot] }));
    expect(record(report, 'a:@')).toMatchObject({ state: 'wrong', findings: ['apexCname'] });
    expect(record(report, 'mx')).toMatchObject({ state: 'missing', findings: ['apexCname'] });
    expect(record(report, 'spf').findings).toEqual(['apexCname']);
  });

  test('a listed address comes back as listed from a list served by knot', async () => {
    const report = await withOurRecords(() =>
      run({
        plan: customer,
        nameservers: [knot],
        blocklists: [{ ...WORLD_LIST, name: 'dnscheck list', zone: 'dnscheck-bl.scratch.test' }],
      }),
    );
    expect(report.blocklists).toEqual([
      expect.objectContaining({ list: 'dnscheck-bl.scratch.test', target: '172.29.53.10', state: 'listed' }),
    ]);
    expect(report.summary.listed).toBe(1);
  });
});
