// PTR, blocklist, TLS and inbound port 25 checks without a network: a scripted DnsQuery stands in for the
// nameservers, and the TLS and SMTP verdicts are pure functions of what a connection saw.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import type {
  DnsQuery,
  DnsRcode,
  DnsRecordData,
  DnsRecordType,
  DnsResponse,
  DnsServer,
} from '../../common/dns/dns-types.js';
import { checkPtr, judgePtr, reversedLabels } from '../../common/dns/ptr-check.js';
import {
  blocklistLookups,
  checkBlocklists,
  DEFAULT_BLOCKLISTS,
  readBlocklistAnswers,
} from '../../common/dns/blocklist-check.js';
import type { BlocklistZone } from '../../common/dns/blocklist-check.js';
import { certificateNames, issuerName, judgeCertificate } from '../../common/dns/tls-check.js';
import { judgeInboundSmtp } from '../../common/dns/inbound-smtp.js';
import { fillTemplate, guessProvider } from '../../common/dns/vps-providers.js';

// ---------------------------------------------------------------------------------------------------
// A scripted nameserver

type Scripted = DnsRecordData[] | DnsRcode | 'timeout';
type Script = (server: DnsServer, name: string, type: DnsRecordType) => Scripted | undefined;

const RESOLVER: DnsServer = { host: '192.0.2.53', port: 53 };
const SECOND_RESOLVER: DnsServer = { host: '192.0.2.54', port: 53 };

function scriptedDns(script: Script, log: string[] = []): DnsQuery {
  return async (server, name, type) => {
    log.push(`${server.host} ${type} ${name}`);
    const scripted = script(server, name, type) ?? 'NXDOMAIN';
    if (scripted === 'timeout') throw new Error(`${type} ${name} @${server.host}: no answer within 100 ms`);
    const response: DnsResponse = {
      server,
      rcode: typeof scripted === 'string' ? scripted : 'NOERROR',
      authoritative: false,
      answers: typeof scripted === 'string' ? [] : scripted.map((data) => ({ name, ttl: 60, data })),
      authorities: [],
      viaTcp: false,
      elapsedMs: 1,
    };
    return response;
  };
}

/** A table of name+type → answer, the same on every server. */
function table(entries: Record<string, Scripted>): Script {
  return (_server, name, type) => entries[`${type} ${name}`];
}

const a = (value: string): DnsRecordData => ({ type: 'A', value });
const aaaa = (value: string): DnsRecordData => ({ type: 'AAAA', value });
const ptr = (value: string): DnsRecordData => ({ type: 'PTR', value });
const cname = (value: string): DnsRecordData => ({ type: 'CNAME', value });

const V4 = '203.0.113.10';
const V4_REVERSE = '10.113.0.203.in-addr.arpa';
const V6 = '2001:db8:53::10';
const V6_REVERSE = '0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.5.0.0.8.b.d.0.1.0.0.2.ip6.arpa';

function ptrInput(query: DnsQuery, addresses = [V4, V6], resolvers = [RESOLVER]) {
  return { addresses, expectedName: 'mx.example.com', query, resolvers, timeoutMs: 100 };
}

// ---------------------------------------------------------------------------------------------------

describe('reverse names', () => {
  it('reverses IPv4 octets and IPv6 nibbles (compressed, upper case or with an IPv4 tail)', () => {
    expect(reversedLabels('203.0.113.10')).toBe('10.113.0.203');
    expect(reversedLabels('2001:db8:53::10')).toBe(V6_REVERSE.replace(/\.ip6\.arpa$/, ''));
    expect(reversedLabels('2001:DB8:53:0:0:0:0:10')).toBe(reversedLabels('2001:db8:53::10'));
    expect(reversedLabels('::ffff:192.0.2.1')).toBe('1.0.2.0.0.0.0.c.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0');
  });
});

describe('checkPtr', () => {
  it('is correct when each PTR names the mail host and the name resolves back (any spelling, any case)', async () => {
    const query = scriptedDns(
      table({
        [`PTR ${V4_REVERSE}`]: [ptr('MX.Example.com.')],
        [`PTR ${V6_REVERSE}`]: [ptr('mx.example.com')],
        'A mx.example.com': [a(V4)],
        'AAAA mx.example.com': [aaaa('2001:0db8:0053:0000:0000:0000:0000:0010')],
      }),
    );
    expect(await checkPtr(ptrInput(query))).toEqual([
      { address: V4, state: 'correct', found: ['mx.example.com'] },
      { address: V6, state: 'correct', found: ['mx.example.com'] },
    ]);
  });

  it('tells wrong, missing, not forward-confirmed and lookup errors apart', async () => {
    const query = scriptedDns(
      table({
        [`PTR ${V4_REVERSE}`]: [ptr('static.10.113.0.203.clients.your-server.de')],
        [`PTR ${V6_REVERSE}`]: [ptr('mx.example.com')],
        'PTR 11.113.0.203.in-addr.arpa': 'NXDOMAIN',
        'PTR 12.113.0.203.in-addr.arpa': 'SERVFAIL',
        'PTR 13.113.0.203.in-addr.arpa': [ptr('mx.example.com'), ptr('mail.example.com')],
        'A mx.example.com': [a(V4)],
        'AAAA mx.example.com': [aaaa('2001:db8:53::99')],
      }),
    );
    const results = await checkPtr(ptrInput(query, [V4, V6, '203.0.113.11', '203.0.113.12', '203.0.113.13']));
    expect(results.map((r) => [r.address, r.state])).toEqual([
      [V4, 'wrong'],
      [V6, 'notConfirmed'],
      ['203.0.113.11', 'missing'],
      ['203.0.113.12', 'error'],
      ['203.0.113.13', 'wrong'],
    ]);
    expect(results[0]).toMatchObject({
      found: ['static.10.113.0.203.clients.your-server.de'],
      detail: expect.stringContaining('expected mx.example.com'),
    });
    expect(results[1]?.detail).toContain('add it to the AAAA record of mx.example.com');
    expect(results[3]?.detail).toContain('answered SERVFAIL');
    expect(results[4]?.detail).toContain('several PTR records');
  });

  it('reports an error, not "not confirmed", when the forward lookup itself fails', async () => {
    const query = scriptedDns(table({ [`PTR ${V4_REVERSE}`]: [ptr('mx.example.com')], 'A mx.example.com': 'timeout' }));
    const [result] = await checkPtr(ptrInput(query, [V4]));
    expect(result).toMatchObject({ state: 'error', found: ['mx.example.com'] });
    expect(result?.detail).toContain('no answer within');
  });

  it('follows a CNAME in front of the PTR (RFC 2317 classless delegation), a few hops at most', async () => {
    const query = scriptedDns(
      table({
        [`PTR ${V4_REVERSE}`]: [cname('10.0-25.113.0.203.in-addr.arpa.')],
        'PTR 10.0-25.113.0.203.in-addr.arpa': [ptr('mx.example.com.')],
        'PTR 11.113.0.203.in-addr.arpa': [cname('loop.example.net')],
        'PTR loop.example.net': [cname('loop.example.net')],
        'A mx.example.com': [a(V4)],
      }),
    );
    const [delegated, looping] = await checkPtr(ptrInput(query, [V4, '203.0.113.11']));
    expect(delegated).toMatchObject({ state: 'correct', found: ['mx.example.com'] });
    expect(looping).toMatchObject({ state: 'error', detail: expect.stringContaining('CNAMEs') });
  });

  it('asks the next resolver only when one fails', async () => {
    const log: string[] = [];
    const query = scriptedDns((server, name, type) => {
      if (server.host === RESOLVER.host) return type === 'PTR' ? 'timeout' : [a(V4)];
      return type === 'PTR' && name === V4_REVERSE ? [ptr('mx.example.com')] : undefined;
    }, log);
    const [result] = await checkPtr(ptrInput(query, [V4], [RESOLVER, SECOND_RESOLVER]));
    expect(result?.state).toBe('correct');
    expect(log.filter((line) => line.includes(' A '))).toEqual([`${RESOLVER.host} A mx.example.com`]);
    expect(log.filter((line) => line.includes('PTR'))).toEqual([
      `${RESOLVER.host} PTR ${V4_REVERSE}`,
      `${SECOND_RESOLVER.host} PTR ${V4_REVERSE}`,
    ]);
  });

  it('sends every PTR and forward question at once: one round trip for the whole check', async () => {
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = scriptedDns(
      table({
        [`PTR ${V4_REVERSE}`]: [ptr('mx.example.com')],
        [`PTR ${V6_REVERSE}`]: [ptr('mx.example.com')],
        'A mx.example.com': [a(V4)],
        'AAAA mx.example.com': [aaaa(V6)],
      }),
    );
    const query: DnsQuery = async (server, name, type, options) => {
      asked.push(`${type} ${name}`);
      await gate;
      return inner(server, name, type, options);
    };
    const running = checkPtr(ptrInput(query));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked.sort()).toEqual(
      ['A mx.example.com', 'AAAA mx.example.com', `PTR ${V4_REVERSE}`, `PTR ${V6_REVERSE}`].sort(),
    );
    release();
    expect((await running).map((r) => r.state)).toEqual(['correct', 'correct']);
  });

  it('refuses bad input with the field named', async () => {
    const query = scriptedDns(() => undefined);
    const attempt = (patch: object) => checkPtr({ ...ptrInput(query), ...patch });
    await expect(attempt({ addresses: [V4, '203.0.113'] })).rejects.toMatchObject({
      code: 'stack.invalidOptions',
      params: { field: 'addresses[1]' },
    });
    await expect(attempt({ expectedName: 'not a name' })).rejects.toMatchObject({ params: { field: 'expectedName' } });
    await expect(attempt({ resolvers: [] })).rejects.toMatchObject({ params: { field: 'resolvers' } });
    await expect(attempt({ timeoutMs: 0 })).rejects.toBeInstanceOf(AppError);
  });

  it('judgePtr keeps the found names, lower case, in every state', () => {
    const address = { text: V4, family: 4 as const };
    expect(
      judgePtr(address, 'mx.example.com', { names: ['mx.example.com'] }, { addresses: new Set(['203.0.113.10']) }),
    ).toEqual({ address: V4, state: 'correct', found: ['mx.example.com'] });
    expect(
      judgePtr(address, 'mx.example.com', { names: ['mx.example.com'] }, { addresses: new Set(['203.0.113.99']) })
        .state,
    ).toBe('notConfirmed');
  });
});

// ---------------------------------------------------------------------------------------------------

const zen = DEFAULT_BLOCKLISTS.find((list) => list.zone === 'zen.spamhaus.org')!;
const dbl = DEFAULT_BLOCKLISTS.find((list) => list.zone === 'dbl.spamhaus.org')!;
const spamcop = DEFAULT_BLOCKLISTS.find((list) => list.zone === 'bl.spamcop.net')!;

describe('reading blocklist answers', () => {
  it("never reads Spamhaus's error answers as a listing", () => {
    for (const code of ['127.255.255.252', '127.255.255.254', '127.255.255.255', '127.255.255.250']) {
      expect(readBlocklistAnswers(zen, [code]).state, code).toBe('error');
      expect(readBlocklistAnswers(dbl, [code]).state, code).toBe('error');
    }
    expect(readBlocklistAnswers(zen, ['127.255.255.254'])).toMatchObject({
      reason: expect.stringContaining('public or open resolver'),
    });
    expect(readBlocklistAnswers(zen, ['127.255.255.255'])).toMatchObject({
      reason: expect.stringContaining('too many queries'),
    });
    expect(readBlocklistAnswers(dbl, ['127.0.1.255'])).toMatchObject({
      state: 'error',
      reason: expect.stringContaining('IP addresses cannot be looked up'),
    });
  });

  it('reads the documented codes as listed, with their meaning', () => {
    expect(readBlocklistAnswers(zen, ['127.0.0.2'])).toEqual({
      state: 'listed',
      meanings: ['127.0.0.2: Spamhaus SBL (spam source)'],
    });
    expect(readBlocklistAnswers(zen, ['127.0.0.4', '127.0.0.11'])).toMatchObject({ state: 'listed' });
    expect(readBlocklistAnswers(dbl, ['127.0.1.104'])).toMatchObject({ state: 'listed' });
    expect(readBlocklistAnswers(spamcop, ['127.0.0.2'])).toMatchObject({ state: 'listed' });
  });

  it('treats undocumented codes, 127.0.0.1, addresses outside 127/8 and mixed answers as errors', () => {
    expect(readBlocklistAnswers(zen, ['127.0.0.8']).state).toBe('error');
    expect(readBlocklistAnswers(dbl, ['127.0.0.2']).state).toBe('error');
    expect(readBlocklistAnswers(spamcop, ['127.0.0.1']).state).toBe('error');
    expect(readBlocklistAnswers(spamcop, ['192.0.2.1'])).toMatchObject({
      state: 'error',
      reason: expect.stringContaining('not a blocklist answer'),
    });
    expect(readBlocklistAnswers(zen, ['127.0.0.2', '127.255.255.254']).state).toBe('error');
    expect(readBlocklistAnswers(zen, [])).toEqual({ state: 'clean' });
  });

  it('the default lists: the well-known ones, valid, and no code both listed and an error', () => {
    const zones = DEFAULT_BLOCKLISTS.map((list) => list.zone);
    for (const zone of ['zen.spamhaus.org', 'b.barracudacentral.org', 'bl.spamcop.net', 'dbl.spamhaus.org'])
      expect(zones).toContain(zone);
    expect(zones).not.toContain('dnsbl.sorbs.net');
    for (const list of DEFAULT_BLOCKLISTS) {
      for (const error of list.errorAnswers) {
        expect(readBlocklistAnswers(list, [error.first]).state, `${list.zone} ${error.first}`).toBe('error');
      }
    }
  });
});

describe('checkBlocklists', () => {
  const testZen: BlocklistZone = { ...zen, zone: 'zen.bl.test' };
  const testDbl: BlocklistZone = { ...dbl, zone: 'dbl.bl.test' };
  const testSpamcop: BlocklistZone = { ...spamcop, zone: 'spamcop.bl.test' };

  it('asks IP lists for every address (IPv6 only where the list has it) and domain lists for the domain', () => {
    const names = blocklistLookups([V4, V6], 'example.com', [testZen, testSpamcop, testDbl]).map((l) => l.name);
    expect(names).toEqual([
      '10.113.0.203.zen.bl.test',
      `${V6_REVERSE.replace(/\.ip6\.arpa$/, '')}.zen.bl.test`,
      '10.113.0.203.spamcop.bl.test',
      'example.com.dbl.bl.test',
    ]);
  });

  it('listed, clean and error per list and target', async () => {
    const query = scriptedDns(
      table({
        'A 10.113.0.203.zen.bl.test': [a('127.0.0.3')],
        'A 10.113.0.203.spamcop.bl.test': 'timeout',
        'A example.com.dbl.bl.test': [a('127.255.255.254')],
      }),
    );
    const results = await checkBlocklists({
      addresses: [V4, V6],
      domain: 'Example.com.',
      query,
      resolvers: [RESOLVER],
      lists: [testZen, testSpamcop, testDbl],
      timeoutMs: 100,
    });
    expect(results.map((r) => [r.list, r.target, r.state])).toEqual([
      ['zen.bl.test', V4, 'listed'],
      ['zen.bl.test', V6, 'clean'],
      ['spamcop.bl.test', V4, 'error'],
      ['dbl.bl.test', 'example.com', 'error'],
    ]);
    expect(results[0]).toMatchObject({ answers: ['127.0.0.3'], detail: expect.stringContaining('check.spamhaus.org') });
    expect(results[3]?.detail).toContain('public or open resolver');
  });

  it('moves on to the next resolver when one gets an error answer (a public resolver Spamhaus refuses)', async () => {
    const query = scriptedDns((server) => (server.host === RESOLVER.host ? [a('127.255.255.254')] : 'NXDOMAIN'));
    const results = await checkBlocklists({
      addresses: [V4],
      domain: 'example.com',
      query,
      resolvers: [RESOLVER, SECOND_RESOLVER],
      lists: [testZen],
      timeoutMs: 100,
    });
    expect(results).toEqual([{ list: 'zen.bl.test', target: V4, state: 'clean' }]);
  });

  it('refuses bad input with the field named', async () => {
    const base = {
      addresses: [V4],
      domain: 'example.com',
      query: scriptedDns(() => undefined),
      resolvers: [RESOLVER],
      timeoutMs: 100,
    };
    await expect(checkBlocklists({ ...base, domain: 'nodots' })).rejects.toMatchObject({ params: { field: 'domain' } });
    await expect(checkBlocklists({ ...base, addresses: ['x'] })).rejects.toMatchObject({
      params: { field: 'addresses[0]' },
    });
    await expect(
      checkBlocklists({ ...base, lists: [{ ...testZen, listedAnswers: [{ first: 'nope', meaning: '' }] }] }),
    ).rejects.toMatchObject({ params: { field: 'lists[0].listedAnswers[0]' } });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('TLS certificate facts', () => {
  it('reads the names from the SAN (DNS names first), else the subject CN', () => {
    expect(
      certificateNames({
        subjectaltname: 'DNS:mx.example.com, IP Address:192.0.2.1, DNS:Imap.Example.com',
        subject: { CN: 'ignored' } as never,
      }),
    ).toEqual(['mx.example.com', 'imap.example.com', '192.0.2.1']);
    expect(
      certificateNames({ subjectaltname: undefined as never, subject: { CN: 'Old.Example.com' } as never }),
    ).toEqual(['old.example.com']);
  });

  it('names the issuer by organisation and certificate name', () => {
    expect(issuerName({ issuer: { C: 'US', O: "Let's Encrypt", CN: 'R11' } as never })).toBe("Let's Encrypt, R11");
    expect(issuerName({ issuer: { CN: 'Self' } as never })).toBe('Self');
  });

  const now = new Date('2030-06-01T00:00:00Z');
  const facts = {
    validFrom: new Date('2030-05-01T00:00:00Z'),
    validTo: new Date('2030-07-30T00:00:00Z'),
    servername: 'mx.example.com',
    now,
    expiringSoonDays: 14,
  };

  it('ok, expiring soon, expired, untrusted, not for this name: the most urgent verdict wins', () => {
    expect(judgeCertificate(facts)).toEqual({ state: 'ok', daysLeft: 59 });
    expect(judgeCertificate({ ...facts, validTo: new Date('2030-06-10T12:00:00Z') })).toMatchObject({
      state: 'expiringSoon',
      daysLeft: 9,
    });
    expect(
      judgeCertificate({
        ...facts,
        validTo: new Date('2030-05-31T00:00:00Z'),
        authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN',
        nameError: 'x',
      }),
    ).toMatchObject({ state: 'expired', daysLeft: -1 });
    expect(judgeCertificate({ ...facts, authorizationError: 'CERT_HAS_EXPIRED' }).state).toBe('expired');
    expect(
      judgeCertificate({ ...facts, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', nameError: 'x' }),
    ).toMatchObject({
      state: 'untrusted',
      detail: expect.stringContaining('DEPTH_ZERO_SELF_SIGNED_CERT'),
    });
    expect(judgeCertificate({ ...facts, validFrom: new Date('2030-06-02T00:00:00Z') }).state).toBe('untrusted');
    expect(judgeCertificate({ ...facts, nameError: 'not for mx.example.com' }).state).toBe('nameMismatch');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('inbound port 25 verdict', () => {
  const greeted = { kind: 'greeted' as const, line: '220 mx.example.com ESMTP' };
  const timeout = { kind: 'timeout' as const };
  const refused = { kind: 'refused' as const };
  const reference = (outcome: Parameters<typeof judgeInboundSmtp>[1]) => [{ target: 'ref.example:25', outcome }];

  it('open on a greeting, whatever the reference probes say', () => {
    expect(judgeInboundSmtp('192.0.2.1:25', greeted, reference(timeout))).toEqual({
      state: 'open',
      target: '192.0.2.1:25',
      greeting: '220 mx.example.com ESMTP',
    });
    expect(judgeInboundSmtp('192.0.2.1:25', { kind: 'unexpected', line: '554 no' }, reference(greeted))).toMatchObject({
      state: 'open',
      detail: expect.stringContaining('not with a 220 greeting'),
    });
  });

  it('closed or filtered only when this network reaches port 25 elsewhere', () => {
    expect(judgeInboundSmtp('s:25', refused, reference(greeted)).state).toBe('closed');
    expect(
      judgeInboundSmtp('s:25', { kind: 'unexpected', line: '(closed without greeting)' }, reference(greeted)).state,
    ).toBe('closed');
    expect(judgeInboundSmtp('s:25', timeout, reference(greeted)).state).toBe('filtered');
    expect(judgeInboundSmtp('s:25', { kind: 'error', message: 'EHOSTUNREACH' }, reference(greeted)).state).toBe(
      'filtered',
    );
    expect(judgeInboundSmtp('s:25', timeout, []).state).toBe('filtered');
    const blocked = judgeInboundSmtp('s:25', timeout, reference(timeout));
    expect(blocked.state).toBe('cannotTestFromHere');
    expect(blocked.detail).toContain('ref.example:25: no answer before the timeout');
    expect(judgeInboundSmtp('s:25', refused, reference(refused)).state).toBe('cannotTestFromHere');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('provider help', () => {
  it('guesses the provider from default reverse names', () => {
    expect(guessProvider(['static.10.113.0.203.clients.your-server.de.'])).toBe('hetzner');
    expect(guessProvider(['203-0-113-10.ip.linodeusercontent.com'])).toBe('linode');
    expect(guessProvider(['li123-45.members.linode.com'])).toBe('linode');
    expect(guessProvider(['203.0.113.10.vultrusercontent.com'])).toBe('vultr');
    expect(guessProvider(['vps-1a2b3c4d.vps.ovh.net'])).toBe('ovh');
    expect(guessProvider(['ns3012345.ip-51-77-1.eu'])).toBe('ovh');
    expect(guessProvider(['1a2b.pub.instances.scw.cloud'])).toBe('scaleway');
    expect(guessProvider(['vmi123456.contaboserver.net'])).toBe('contabo');
    expect(guessProvider(['ec2-203-0-113-10.eu-west-1.compute.amazonaws.com'])).toBe('aws');
    expect(guessProvider(['mx.example.com', 'notyour-server.de'])).toBeUndefined();
    expect(guessProvider([])).toBeUndefined();
  });

  it('fills the placeholders and leaves out lines about a missing IPv6 address', () => {
    const template = 'Domain {{domain}}\nIPv4 {{ipv4}}\nIPv6 {{ipv6}}\nmx.{{domain}} -> {{ipv4}}';
    expect(fillTemplate(template, { domain: 'example.com', ipv4: '203.0.113.10' })).toBe(
      'Domain example.com\nIPv4 203.0.113.10\nmx.example.com -> 203.0.113.10',
    );
    expect(fillTemplate(template, { domain: 'example.com', ipv4: '203.0.113.10', ipv6: V6 })).toContain(`IPv6 ${V6}`);
  });
});
