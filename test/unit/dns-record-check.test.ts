// Record checks on made-up answers: every state (correct, propagating, disagree, wrong, missing, error),
// TXT strings joined before comparing, names compared without case and trailing dot, and every special
// finding (a second SPF record, an MX host that is a CNAME, a CNAME at the apex, a DKIM key that differs).
import { describe, expect, test } from 'vitest';
import { buildRecordPlan } from '../../common/dns/record-plan.js';
import type { DnsRecordPlan, PlannedRecord, RecordPlanInput } from '../../common/dns/record-plan.js';
import { checkRecord, queriesFor, queryKey } from '../../common/dns/record-check.js';
import type { QueryResult, ServerResults } from '../../common/dns/record-check.js';
import type {
  DnsRcode,
  DnsRecord,
  DnsRecordData,
  DnsRecordType,
  DnsResponse,
  DnsServer,
} from '../../common/dns/dns-types.js';
import { dmarcEnforces, spfAuthorizes } from '../../common/dns/txt-policies.js';

const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0kmf2COw2Rm18bC4kRiHIrwXLaJz3yqSSMMkCUsDT';
const OTHER_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';
const input: RecordPlanInput = {
  domain: 'example.com',
  ipv4: '203.0.113.10',
  profile: 'full',
  dkim: { selector: 'default', publicKeyBase64: KEY },
  optional: { caa: 'letsencrypt.org', srv: true },
};
const plan: DnsRecordPlan = buildRecordPlan(input);
const NS1: DnsServer = { host: '192.0.2.1', port: 53 };
const NS2: DnsServer = { host: '192.0.2.2', port: 53 };
const RESOLVER: DnsServer = { host: '198.51.100.53', port: 53 };

function record(id: string, from: DnsRecordPlan = plan): PlannedRecord {
  const found = from.records.find((r) => r.id === id);
  if (!found) throw new Error(`no planned record ${id}`);
  return found;
}

function rr(name: string, data: DnsRecordData, ttl = 3600): DnsRecord {
  return { name, ttl, data };
}
const a = (name: string, value: string, ttl?: number) => rr(name, { type: 'A', value }, ttl);
const cname = (name: string, value: string) => rr(name, { type: 'CNAME', value });
const txt = (name: string, ...strings: string[]) => rr(name, { type: 'TXT', strings });
const mx = (name: string, exchange: string, preference = 10) => rr(name, { type: 'MX', preference, exchange });
const soa = (zone: string, ttl = 3600, minimum = 300) =>
  rr(zone, { type: 'SOA', mname: `ns1.${zone}`, rname: `hostmaster.${zone}`, serial: 1, minimum }, ttl);

function response(
  server: DnsServer,
  answers: DnsRecord[],
  options: { rcode?: DnsRcode; authoritative?: boolean; authorities?: DnsRecord[] } = {},
): DnsResponse {
  return {
    server,
    rcode: options.rcode ?? 'NOERROR',
    authoritative: options.authoritative ?? true,
    answers,
    authorities: options.authorities ?? (answers.length ? [] : [soa('example.com')]),
    viaTcp: false,
    elapsedMs: 1,
  };
}

type Answers = Record<string, DnsRecord[] | QueryResult>;

/** A server's results from "name TYPE" -> records (or a failure); unasked questions get an empty answer. */
function server(host: DnsServer, answers: Answers, options: { authoritative?: boolean; nameserver?: string } = {}) {
  const results = new Map<string, QueryResult>();
  for (const q of queriesFor(plan)) {
    results.set(queryKey(q.name, q.type), { ok: true, response: response(host, [], options) });
  }
  for (const [key, value] of Object.entries(answers)) {
    const [name = '', type = 'A'] = key.split(' ');
    results.set(
      queryKey(name, type as DnsRecordType),
      Array.isArray(value) ? { ok: true, response: response(host, value, options) } : value,
    );
  }
  return {
    server: host,
    results,
    ...(options.nameserver ? { nameserver: options.nameserver } : {}),
  } satisfies ServerResults;
}

function check(id: string, authoritative: ServerResults[], resolvers: ServerResults[] = [], from = plan) {
  return checkRecord(record(id, from), from, authoritative, resolvers);
}

describe('states', () => {
  test('correct: every authoritative server and resolver gives the planned answer', () => {
    const answers = { 'example.com A': [a('example.com', '203.0.113.10')] };
    const result = check('a:@', [server(NS1, answers), server(NS2, answers)], [server(RESOLVER, answers)]);
    expect(result).toMatchObject({ state: 'correct', found: ['203.0.113.10'], findings: [], fix: { action: 'none' } });
  });

  test('names compare without case or trailing dot', () => {
    const answers = {
      'example.com MX': [mx('EXAMPLE.com.', 'MX.Example.COM.')],
      'mx.example.com A': [a('mx.example.com.', '203.0.113.10')],
    };
    expect(check('mx', [server(NS1, answers)]).state).toBe('correct');
  });

  test('missing: NXDOMAIN and "no such record" both say missing, with the record to add', () => {
    const nx = { ok: true, response: response(NS1, [], { rcode: 'NXDOMAIN' }) } as const;
    const result = check('a:smtp', [server(NS1, { 'smtp.example.com A': nx })]);
    expect(result.state).toBe('missing');
    expect(result.fix).toEqual({ action: 'add', name: 'smtp.example.com', type: 'A', add: ['203.0.113.10'] });
    expect(check('dmarc', [server(NS1, {})]).state).toBe('missing');
  });

  test('wrong: found X, expected Y, and what to change', () => {
    const result = check('a:mx', [server(NS1, { 'mx.example.com A': [a('mx.example.com', '198.51.100.7')] })]);
    expect(result.state).toBe('wrong');
    expect(result.found).toEqual(['198.51.100.7']);
    expect(result.expected).toEqual(['203.0.113.10']);
    expect(result.fix).toEqual({
      action: 'replace',
      name: 'mx.example.com',
      type: 'A',
      remove: ['198.51.100.7'],
      add: ['203.0.113.10'],
    });
  });

  test('an extra old address next to the right one is wrong (half the mail would go to the old server)', () => {
    const answers = { 'example.com A': [a('example.com', '203.0.113.10'), a('example.com', '198.51.100.7')] };
    expect(check('a:@', [server(NS1, answers)]).state).toBe('wrong');
  });

  test('disagree: two authoritative servers answer differently', () => {
    const result = check('a:@', [
      server(NS1, { 'example.com A': [a('example.com', '203.0.113.10')] }, { nameserver: 'ns1.example.net' }),
      server(NS2, { 'example.com A': [a('example.com', '198.51.100.7')] }, { nameserver: 'ns2.example.net' }),
    ]);
    expect(result.state).toBe('disagree');
    expect(result.found).toEqual(['198.51.100.7', '203.0.113.10']);
    expect(result.fix.action).toBe('alignNameservers');
    expect(result.authoritative.map((o) => o.state)).toEqual(['correct', 'wrong']);
  });

  test('propagating: right at the nameservers, a resolver still holds the old answer; its TTL is the wait', () => {
    const right = { 'example.com A': [a('example.com', '203.0.113.10')] };
    const stale = { 'example.com A': [a('example.com', '198.51.100.7', 1234)] };
    const result = check('a:@', [server(NS1, right)], [server(RESOLVER, stale, { authoritative: false })]);
    expect(result.state).toBe('propagating');
    expect(result.remainingTtlSeconds).toBe(1234);
    expect(result.fix).toEqual({ action: 'wait', waitSeconds: 1234 });
    expect(result.retryable).toBe(true);
  });

  test('propagating from a cached "no such record": the negative TTL of the SOA (the smaller of TTL and minimum)', () => {
    const right = { '_dmarc.example.com TXT': [txt('_dmarc.example.com', 'v=DMARC1; p=reject')] };
    const cachedMissing = {
      '_dmarc.example.com TXT': {
        ok: true,
        response: response(RESOLVER, [], { rcode: 'NXDOMAIN', authorities: [soa('example.com', 900, 120)] }),
      } as const,
    };
    const result = check('dmarc', [server(NS1, right)], [server(RESOLVER, cachedMissing)]);
    expect(result.state).toBe('propagating');
    expect(result.remainingTtlSeconds).toBe(120);
  });

  test('error: no authoritative server answered; retryable', () => {
    const failed = { ok: false, error: 'A example.com @192.0.2.1:53: no answer within 5000 ms' } as const;
    const result = check('a:@', [server(NS1, { 'example.com A': failed })]);
    expect(result).toMatchObject({ state: 'error', retryable: true, fix: { action: 'retry' } });
    expect(result.detail).toContain('no answer within 5000 ms');
  });

  test('SERVFAIL, REFUSED and answers without authority are no usable answer', () => {
    for (const bad of [
      { ok: true, response: response(NS1, [], { rcode: 'SERVFAIL' }) } as const,
      { ok: true, response: response(NS1, [], { rcode: 'REFUSED' }) } as const,
      { ok: true, response: response(NS1, [a('example.com', '203.0.113.10')], { authoritative: false }) } as const,
    ]) {
      expect(check('a:@', [server(NS1, { 'example.com A': bad })]).state).toBe('error');
    }
  });

  test('one nameserver failing while another answers: the answer decides, the failure is in the detail', () => {
    const failed = { ok: false, error: 'connection refused' } as const;
    const result = check('a:@', [
      server(NS1, { 'example.com A': [a('example.com', '203.0.113.10')] }),
      server(NS2, { 'example.com A': failed }),
    ]);
    expect(result.state).toBe('correct');
    expect(result.detail).toContain('192.0.2.2');
  });

  test('resolvers that fail do not make a correct record propagating', () => {
    const right = { 'example.com A': [a('example.com', '203.0.113.10')] };
    const failing = server(RESOLVER, { 'example.com A': { ok: false, error: 'timeout' } });
    expect(check('a:@', [server(NS1, right)], [failing]).state).toBe('correct');
  });
});

describe('TXT records', () => {
  test('strings are joined before comparing: a DKIM key split anywhere is the same key', () => {
    const value = `v=DKIM1; k=rsa; p=${KEY}`;
    const answers = {
      'default._domainkey.example.com TXT': [txt('default._domainkey.example.com', value.slice(0, 7), value.slice(7))],
    };
    expect(check('dkim', [server(NS1, answers)]).state).toBe('correct');
  });

  test('dkimMismatch: a DKIM record with another key', () => {
    const answers = {
      'default._domainkey.example.com TXT': [txt('default._domainkey.example.com', `v=DKIM1; k=rsa; p=${OTHER_KEY}`)],
    };
    const result = check('dkim', [server(NS1, answers)]);
    expect(result.state).toBe('wrong');
    expect(result.findings).toEqual(['dkimMismatch']);
    expect(result.fix.add).toEqual([`v=DKIM1; k=rsa; p=${KEY}`]);
  });

  test('spfMultiple: two SPF records at the domain, whatever they say', () => {
    const answers = {
      'example.com TXT': [
        txt('example.com', 'v=spf1 mx -all'),
        txt('example.com', 'v=spf1 include:_spf.google.com ~all'),
        txt('example.com', 'google-site-verification=abc'),
      ],
    };
    const result = check('spf', [server(NS1, answers)]);
    expect(result.state).toBe('wrong');
    expect(result.findings).toEqual(['spfMultiple']);
    expect(result.found).toHaveLength(2);
  });

  test('other TXT records at the domain do not count as SPF', () => {
    const answers = {
      'example.com TXT': [txt('example.com', 'google-site-verification=abc'), txt('example.com', 'v=spf1 mx -all')],
    };
    expect(check('spf', [server(NS1, answers)])).toMatchObject({ state: 'correct', found: ['v=spf1 mx -all'] });
    expect(check('spf', [server(NS1, { 'example.com TXT': [txt('example.com', 'hello')] })]).state).toBe('missing');
  });

  test('SPF is read, not compared: any single record that lets the server send and fails the rest', () => {
    const server4 = { domain: 'example.com', ipv4: '203.0.113.10' };
    expect(spfAuthorizes('v=spf1 mx ip4:203.0.113.10 -all', server4)).toBe(true);
    expect(spfAuthorizes('v=spf1 ip4:203.0.113.0/24 ~all', server4)).toBe(true);
    expect(spfAuthorizes('v=spf1 a -all', server4)).toBe(true);
    expect(spfAuthorizes('v=spf1 +mx include:_spf.example.net -all', server4)).toBe(true);
    expect(spfAuthorizes('v=spf1 ip4:198.51.100.0/24 -all', server4)).toBe(false);
    expect(spfAuthorizes('v=spf1 include:_spf.example.net -all', server4)).toBe(false);
    expect(spfAuthorizes('v=spf1 mx +all', server4)).toBe(false);
    expect(spfAuthorizes('v=spf1 mx ?all', server4)).toBe(false);
    expect(spfAuthorizes('v=spf1 mx', server4)).toBe(false);
    expect(spfAuthorizes('v=spf1 -mx ip4:203.0.113.10 -all', server4)).toBe(true);
    expect(spfAuthorizes('v=spf1 -all mx', server4)).toBe(false);
    const server6 = { ...server4, ipv6: '2001:db8::10' };
    expect(spfAuthorizes('v=spf1 ip4:203.0.113.10 -all', server6)).toBe(false);
    expect(spfAuthorizes('v=spf1 ip4:203.0.113.10 ip6:2001:db8::/32 -all', server6)).toBe(true);
  });

  test('DMARC: quarantine or reject; none protects nothing; two records are dmarcMultiple', () => {
    expect(dmarcEnforces('v=DMARC1; p=reject; rua=mailto:d@example.com')).toBe(true);
    expect(dmarcEnforces('v=DMARC1; p=none')).toBe(false);
    const none = { '_dmarc.example.com TXT': [txt('_dmarc.example.com', 'v=DMARC1; p=none')] };
    expect(check('dmarc', [server(NS1, none)]).state).toBe('wrong');
    const two = {
      '_dmarc.example.com TXT': [
        txt('_dmarc.example.com', 'v=DMARC1; p=reject'),
        txt('_dmarc.example.com', 'v=DMARC1; p=quarantine'),
      ],
    };
    expect(check('dmarc', [server(NS1, two)])).toMatchObject({ state: 'wrong', findings: ['dmarcMultiple'] });
  });
});

describe('CNAMEs where they do not belong', () => {
  test('mxIsCname: the MX is right, but its host is a CNAME', () => {
    const answers = {
      'example.com MX': [mx('example.com', 'mx.example.com')],
      'mx.example.com A': [cname('mx.example.com', 'example.com'), a('example.com', '203.0.113.10')],
    };
    const result = check('mx', [server(NS1, answers)]);
    expect(result.state).toBe('wrong');
    expect(result.findings).toEqual(['mxIsCname']);
    expect(result.fix).toEqual({
      action: 'replace',
      name: 'mx.example.com',
      type: 'A',
      remove: ['CNAME example.com'],
      add: ['203.0.113.10'],
    });
    const host = check('a:mx', [server(NS1, answers)]);
    expect(host).toMatchObject({ state: 'wrong', findings: ['mxIsCname'], found: ['CNAME example.com'] });
  });

  test('apexCname: a CNAME at the domain itself, on the address and on the records it hides', () => {
    const answers = {
      'example.com A': [cname('example.com', 'host.example.net'), a('host.example.net', '203.0.113.10')],
      'example.com MX': [cname('example.com', 'host.example.net')],
      'example.com TXT': [cname('example.com', 'host.example.net')],
    };
    expect(check('a:@', [server(NS1, answers)])).toMatchObject({ state: 'wrong', findings: ['apexCname'] });
    expect(check('mx', [server(NS1, answers)])).toMatchObject({ state: 'missing', findings: ['apexCname'] });
    expect(check('spf', [server(NS1, answers)])).toMatchObject({ state: 'missing', findings: ['apexCname'] });
  });

  test('a CNAME on a service name that ends at the right address is fine', () => {
    const answers = {
      'smtp.example.com A': [cname('smtp.example.com', 'example.com'), a('example.com', '203.0.113.10')],
    };
    expect(check('a:smtp', [server(NS1, answers)])).toMatchObject({ state: 'correct', found: ['CNAME example.com'] });
  });

  test('planned CNAMEs: the right target is correct, A records instead are wrong, nothing is missing', () => {
    const cnamePlan = buildRecordPlan({ ...input, useCnames: true });
    const right = {
      'smtp.example.com A': [cname('smtp.example.com', 'Example.com.'), a('example.com', '203.0.113.10')],
    };
    expect(check('cname:smtp', [server(NS1, right)], [], cnamePlan).state).toBe('correct');
    const addresses = { 'smtp.example.com A': [a('smtp.example.com', '203.0.113.10')] };
    expect(check('cname:smtp', [server(NS1, addresses)], [], cnamePlan)).toMatchObject({
      state: 'wrong',
      found: ['A 203.0.113.10'],
    });
    expect(check('cname:smtp', [server(NS1, {})], [], cnamePlan).state).toBe('missing');
  });
});

describe('SRV and CAA', () => {
  test('SRV compared whole', () => {
    const srv = (port: number) => ({
      '_submissions._tcp.example.com SRV': [
        rr('_submissions._tcp.example.com', { type: 'SRV', priority: 0, weight: 1, port, target: 'smtp.example.com.' }),
      ],
    });
    expect(check('srv:submissions', [server(NS1, srv(465))]).state).toBe('correct');
    expect(check('srv:submissions', [server(NS1, srv(587))]).state).toBe('wrong');
  });

  test('CAA: our CA among the issuers is enough; another CA alone is wrong', () => {
    const caa = (...values: string[]) => ({
      'example.com CAA': values.map((value) => rr('example.com', { type: 'CAA', flags: 0, tag: 'issue', value })),
    });
    expect(check('caa', [server(NS1, caa('letsencrypt.org', 'sectigo.com'))]).state).toBe('correct');
    expect(check('caa', [server(NS1, caa('LetsEncrypt.org; validationmethods=http-01'))]).state).toBe('correct');
    expect(check('caa', [server(NS1, caa('sectigo.com'))]).state).toBe('wrong');
  });
});

test('queriesFor asks each question once, the MX host as A among them', () => {
  const questions = queriesFor(plan).map((q) => queryKey(q.name, q.type));
  expect(new Set(questions).size).toBe(questions.length);
  expect(questions).toContain('mx.example.com A');
  expect(questions).toContain('example.com TXT');
  expect(questions).toContain('default._domainkey.example.com TXT');
});
