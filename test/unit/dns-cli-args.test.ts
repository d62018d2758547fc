// `mailharbor check dns` argument parsing, HOST:PORT forms, the human report's lines, and the exit code
// for usage errors (no network: every case here fails before a query would go out).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CliUsageError, parseCheckDnsArgs } from '../../electron/cli/check-dns-args.js';
import { fixText, formatCheckDnsReport } from '../../electron/cli/check-dns-output.js';
import { parseHostPort } from '../../electron/cli/host-port.js';
import { runCli } from '../../electron/cli/run-cli.js';
import type { DnsCheckReport } from '../../common/dns/check-dns.js';
import type { RecordCheck } from '../../common/dns/record-check.js';

const required = ['--domain', 'example.com', '--ipv4', '203.0.113.10'];

function usageError(argv: string[]): string {
  try {
    parseCheckDnsArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCheckDnsArgs', () => {
  test('the minimum: domain and IPv4, full profile, default resolvers', () => {
    expect(parseCheckDnsArgs(required)).toEqual({
      json: false,
      input: { plan: { domain: 'example.com', ipv4: '203.0.113.10', profile: 'full' } },
    });
  });

  test('everything', () => {
    const parsed = parseCheckDnsArgs([
      ...required,
      '--ipv6',
      '2001:db8::10',
      '--dkim-selector',
      'mail',
      '--dkim-key',
      'MIIBIjAN',
      '--profile',
      'forwarding',
      '--cnames',
      '--mta-sts',
      '--tls-rpt',
      '--srv',
      '--caa',
      'letsencrypt.org',
      '--nameserver',
      '127.0.0.1:5353',
      '--nameserver',
      '[2001:db8::53]:53',
      '--resolver',
      '9.9.9.9',
      '--timeout',
      '1500',
      '--json',
    ]);
    expect(parsed).toEqual({
      json: true,
      input: {
        plan: {
          domain: 'example.com',
          ipv4: '203.0.113.10',
          ipv6: '2001:db8::10',
          profile: 'forwarding',
          dkim: { selector: 'mail', publicKeyBase64: 'MIIBIjAN' },
          useCnames: true,
          optional: { mtaSts: true, tlsRpt: true, srv: true, caa: 'letsencrypt.org' },
        },
        nameservers: [
          { host: '127.0.0.1', port: 5353 },
          { host: '2001:db8::53', port: 53 },
        ],
        resolvers: [{ host: '9.9.9.9', port: 53 }],
        timeoutMs: 1500,
      },
    });
  });

  test('a DKIM key from a file, selector "default" unless given', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mh-dns-cli-')), 'dkim.pub');
    fs.writeFileSync(file, '-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----\n');
    const parsed = parseCheckDnsArgs([...required, '--dkim-key-file', file]);
    expect(parsed !== 'help' && parsed.input.plan.dkim).toEqual({
      selector: 'default',
      publicKeyBase64: '-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----\n',
    });
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  test('help', () => {
    expect(parseCheckDnsArgs(['--help'])).toBe('help');
    expect(parseCheckDnsArgs(['-h'])).toBe('help');
  });

  test('mistakes name the option', () => {
    expect(usageError(['--ipv4', '203.0.113.10'])).toMatch(/--domain is required/);
    expect(usageError(['--domain', 'example.com'])).toMatch(/--ipv4 is required/);
    expect(usageError([...required, '--nameserver', 'ns:99999'])).toMatch(/--nameserver: .*port/);
    expect(usageError([...required, '--resolver', 'bad host!'])).toMatch(/--resolver/);
    expect(usageError([...required, '--profile', 'storage'])).toMatch(/--profile/);
    expect(usageError([...required, '--timeout', '0'])).toMatch(/--timeout/);
    expect(usageError([...required, '--dkim-selector', 'x'])).toMatch(/--dkim-selector needs --dkim-key/);
    expect(usageError([...required, '--dkim-key', 'a', '--dkim-key-file', 'b'])).toMatch(/give one of them/);
    expect(usageError([...required, '--dkim-key-file', '/nonexistent/key'])).toMatch(/--dkim-key-file: cannot read/);
    expect(usageError([...required, '--wat'])).toMatch(/wat/);
    expect(usageError([...required, 'stray'])).toMatch(/stray/);
  });
});

describe('parseHostPort', () => {
  test.each([
    ['127.0.0.1', { host: '127.0.0.1', port: 53 }],
    ['127.0.0.1:5353', { host: '127.0.0.1', port: 5353 }],
    ['ns1.example.com', { host: 'ns1.example.com', port: 53 }],
    ['ns1.example.com:5300', { host: 'ns1.example.com', port: 5300 }],
    ['2001:db8::53', { host: '2001:db8::53', port: 53 }],
    ['[2001:db8::53]:5353', { host: '2001:db8::53', port: 5353 }],
  ])('%s', (text, expected) => expect(parseHostPort(text)).toEqual(expected));

  test.each(['', ':53', 'host:', 'host:0', 'host:65536', 'host:5x', 'a b:53', '[2001:db8::53]:x'])(
    '%j is refused',
    (text) => expect(typeof parseHostPort(text)).toBe('string'),
  );
});

describe('runCli without the network', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return {
      io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
      out,
      err,
    };
  }

  test('usage errors exit 2 and print the usage', async () => {
    const { io: streams, err } = io();
    expect(await runCli(['check', 'dns', '--domain', 'example.com'], streams)).toBe(2);
    expect(err.join('')).toMatch(/--ipv4 is required[\s\S]*Usage: mailharbor check dns/);
  });

  test('a value the plan refuses exits 2 naming the field', async () => {
    const { io: streams, err } = io();
    expect(await runCli(['check', 'dns', '--domain', 'example.com', '--ipv4', '999.1.1.1'], streams)).toBe(2);
    expect(err.join('')).toMatch(/ipv4: expected an IPv4 address/);
  });

  test('unknown commands exit 2; help exits 0', async () => {
    const a = io();
    expect(await runCli(['check', 'mail'], a.io)).toBe(2);
    expect(a.err.join('')).toMatch(/unknown command: check mail/);
    const b = io();
    expect(await runCli(['check', 'dns', '--help'], b.io)).toBe(0);
    expect(b.out.join('')).toMatch(/--nameserver HOST\[:PORT\]/);
    const c = io();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/check dns/);
  });
});

describe('human output', () => {
  const base: Omit<RecordCheck, 'state' | 'found' | 'fix' | 'findings'> = {
    id: 'a:mx',
    name: 'mx.example.com',
    host: 'mx',
    type: 'A',
    required: true,
    purpose: 'dns.purpose.mxHost',
    expected: ['203.0.113.10'],
    retryable: false,
    authoritative: [],
    resolvers: [],
  };

  test('one line per state with the fix', () => {
    expect(fixText({ ...base, state: 'correct', found: ['203.0.113.10'], findings: [], fix: { action: 'none' } })).toBe(
      '203.0.113.10',
    );
    expect(
      fixText({
        ...base,
        state: 'wrong',
        found: ['198.51.100.7'],
        findings: [],
        fix: { action: 'replace', name: 'mx.example.com', type: 'A', remove: ['198.51.100.7'], add: ['203.0.113.10'] },
      }),
    ).toBe('found 198.51.100.7, expected 203.0.113.10: change A mx.example.com');
    expect(
      fixText({
        ...base,
        state: 'missing',
        found: [],
        findings: [],
        fix: { action: 'add', name: 'mx.example.com', type: 'A', add: ['203.0.113.10'] },
      }),
    ).toBe('missing: add A mx.example.com 203.0.113.10');
    expect(
      fixText({ ...base, state: 'propagating', found: [], findings: [], fix: { action: 'wait', waitSeconds: 1800 } }),
    ).toMatch(/up to 30 min/);
  });

  test('the whole report ends with the verdict and lists findings under their record', () => {
    const report: DnsCheckReport = {
      domain: 'example.com',
      mxHost: 'mx.example.com',
      checkedAt: new Date(0).toISOString(),
      elapsedMs: 5,
      authority: {
        state: 'found',
        zone: 'example.com',
        source: 'discovered',
        nameservers: ['ns1.example.net'],
        servers: [],
      },
      resolvers: [],
      records: [
        {
          ...base,
          state: 'wrong',
          found: ['CNAME example.com'],
          findings: ['mxIsCname'],
          fix: {
            action: 'replace',
            name: 'mx.example.com',
            type: 'A',
            remove: ['CNAME example.com'],
            add: ['203.0.113.10'],
          },
        },
      ],
      ptr: [{ address: '203.0.113.10', state: 'missing', found: [] }],
      blocklists: [{ list: 'zen.spamhaus.org', target: '203.0.113.10', state: 'clean' }],
      summary: {
        allRequiredCorrect: false,
        counts: { correct: 0, propagating: 0, disagree: 0, wrong: 1, missing: 0, error: 0 },
        ptrCorrect: false,
        listed: 0,
      },
    };
    const text = formatCheckDnsReport(report);
    expect(text).toMatch(
      /^ {2}wrong +A +mx +found CNAME example\.com, expected 203\.0\.113\.10: change A mx\.example\.com$/m,
    );
    expect(text).toMatch(/! the MX host mx\.example\.com is a CNAME/);
    expect(text).toMatch(/missing +203\.0\.113\.10: nothing/);
    expect(text).toMatch(/Blocklists: 1 clean, 0 listed, 0 could not be asked/);
    expect(text.trim().split('\n').at(-1)).toBe('1 required record is not correct yet: a:mx');
  });
});
