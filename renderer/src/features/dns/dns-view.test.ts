import { describe, expect, it } from 'vitest';
import type { DnsPlanResult, DnsServerCheck } from '../../../../electron/contract/dns-schemas';
import type { PreflightFinding } from '../../../../common/agent-contract';
import {
  blocklistsByTarget,
  checksById,
  dnsVerdict,
  fixView,
  formatCountdown,
  MAX_AUTO_CHECKS,
  quotedTxtStrings,
  recordsAsText,
  recordTone,
  remainingSeconds,
  shouldCheckAgain,
  type DnsReport,
  type RecordCheckView,
} from './dns-view';

function check(overrides: Partial<RecordCheckView> = {}): RecordCheckView {
  return {
    id: 'mx',
    name: 'example.com',
    host: '@',
    type: 'MX',
    required: true,
    purpose: 'dns.purpose.mx',
    state: 'correct',
    expected: ['10 mx.example.com'],
    found: ['10 mx.example.com'],
    findings: [],
    fix: { action: 'none' },
    retryable: false,
    authoritative: [],
    resolvers: [],
    ...overrides,
  };
}

function report(overrides: Partial<DnsReport> = {}): DnsReport {
  return {
    domain: 'example.com',
    mxHost: 'mx.example.com',
    checkedAt: '2025-01-01T10:00:00.000Z',
    elapsedMs: 50,
    authority: { state: 'found', nameservers: ['ns1.example.net'], servers: [] },
    resolvers: [],
    records: [check()],
    ptr: [{ address: '203.0.113.10', state: 'correct', found: ['mx.example.com'] }],
    blocklists: [{ list: 'zen.spamhaus.org', target: '203.0.113.10', state: 'clean' }],
    summary: {
      allRequiredCorrect: true,
      counts: { correct: 1, propagating: 0, disagree: 0, wrong: 0, missing: 0, error: 0 },
      ptrCorrect: true,
      listed: 0,
    },
    ...overrides,
  };
}

const SERVER_OK: DnsServerCheck = {
  checkedAt: '2025-01-01T10:00:00.000Z',
  tls: [{ port: 443, servername: 'example.com', state: 'ok', names: ['example.com'] }],
  inbound: { state: 'open', target: '203.0.113.10:25' },
};
const OUTBOUND_OK: PreflightFinding = { id: 'outboundSmtp', status: 'ok', params: {}, detail: '' };

describe('a record’s state on the page', () => {
  it('is green when correct, amber while waiting or unknown, red when it must change; optional ones stay amber', () => {
    expect(recordTone(check())).toBe('ok');
    for (const state of ['propagating', 'disagree', 'error'] as const)
      expect(recordTone(check({ state }))).toBe('warning');
    for (const state of ['wrong', 'missing'] as const) {
      expect(recordTone(check({ state }))).toBe('blocker');
      expect(recordTone(check({ state, required: false }))).toBe('warning');
    }
  });

  it('counts the TTL down from when the check ran, and writes it the same in every language', () => {
    const propagating = check({ state: 'propagating', remainingTtlSeconds: 300 });
    const at = Date.parse('2025-01-01T10:00:00.000Z');
    expect(remainingSeconds(propagating, '2025-01-01T10:00:00.000Z', at)).toBe(300);
    expect(remainingSeconds(propagating, '2025-01-01T10:00:00.000Z', at + 61_500)).toBe(239);
    expect(remainingSeconds(propagating, '2025-01-01T10:00:00.000Z', at + 400_000)).toBe(0);
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(75)).toBe('1:15');
    expect(formatCountdown(3725)).toBe('1:02:05');
  });

  it('says where the fix is when it is not the record itself (an MX host that is a CNAME)', () => {
    const mx = check({
      state: 'wrong',
      findings: ['mxIsCname'],
      fix: { action: 'replace', name: 'mx.example.com', type: 'A', remove: ['CNAME example.com'], add: ['1.2.3.4'] },
    });
    expect(fixView(mx)).toEqual({
      kind: 'replace',
      name: 'mx.example.com',
      type: 'A',
      remove: ['CNAME example.com'],
      add: ['1.2.3.4'],
      elsewhere: true,
    });
    expect(fixView(check({ state: 'missing', fix: { action: 'add' } }))).toMatchObject({
      name: 'example.com',
      add: ['10 mx.example.com'],
      elsewhere: false,
    });
  });

  it('pairs checks with the plan’s records, but never a check of another domain', () => {
    const plan = { domain: 'example.com' } as DnsPlanResult['plan'];
    expect(checksById(report(), plan).get('mx')?.state).toBe('correct');
    expect(checksById(report({ domain: 'other.example' }), plan).size).toBe(0);
    expect(checksById(undefined, plan).size).toBe(0);
  });
});

describe('copying and grouping', () => {
  it('copies every value of every record as a line, and long TXT values as quoted parts', () => {
    const plan = {
      records: [
        { name: 'example.com', ttl: 3600, type: 'MX', values: ['10 mx.example.com'] },
        { name: 'example.com', ttl: 3600, type: 'TXT', values: ['v=spf1 mx -all'] },
      ],
    } as DnsPlanResult['plan'];
    expect(recordsAsText(plan)).toBe(
      'example.com\t3600\tMX\t10 mx.example.com\nexample.com\t3600\tTXT\tv=spf1 mx -all\n',
    );
    expect(quotedTxtStrings(['v=DKIM1; p=AB', 'CD"\\'])).toBe('"v=DKIM1; p=AB" "CD\\"\\\\"');
  });

  it('groups blocklists per target: listed, could not check (never a listing), clean', () => {
    const groups = blocklistsByTarget([
      { list: 'zen', target: '203.0.113.10', state: 'listed' },
      { list: 'barracuda', target: '203.0.113.10', state: 'error', detail: 'refused' },
      { list: 'dbl', target: 'example.com', state: 'clean' },
    ]);
    expect(groups.map((group) => [group.target, group.listed.length, group.failed.length, group.clean.length])).toEqual(
      [
        ['203.0.113.10', 1, 1, 0],
        ['example.com', 0, 0, 1],
      ],
    );
  });
});

describe('the verdict and the automatic re-checks', () => {
  it('everything is right only with every part checked and right', () => {
    expect(dnsVerdict(report(), SERVER_OK, OUTBOUND_OK).everythingRight).toBe(true);
    // the certificates and port 25 not checked yet: not everything is known to be right
    expect(dnsVerdict(report(), undefined, OUTBOUND_OK).everythingRight).toBe(false);
  });

  it('counts each kind of thing left to do', () => {
    const verdict = dnsVerdict(
      report({
        records: [
          check({ state: 'missing' }),
          check({ id: 'caa', state: 'missing', required: false }),
          check({ id: 'spf', state: 'propagating' }),
        ],
        ptr: [{ address: '203.0.113.10', state: 'wrong', found: ['x.example.net'] }],
        blocklists: [
          { list: 'zen', target: '203.0.113.10', state: 'listed' },
          { list: 'dbl', target: 'example.com', state: 'error' },
        ],
      }),
      {
        ...SERVER_OK,
        tls: [{ port: 443, servername: 'example.com', state: 'untrusted', names: [] }],
        inbound: { state: 'filtered', target: '203.0.113.10:25' },
      },
      { ...OUTBOUND_OK, status: 'warning' },
    );
    expect(verdict).toEqual({
      recordsToFix: 2,
      optionalToFix: 1,
      ptrToFix: 1,
      listed: 1,
      unknown: 1,
      tlsToFix: 1,
      port25ToFix: 2,
      everythingRight: false,
    });
  });

  it('a network that cannot test port 25 is not the server’s fault', () => {
    const server = { ...SERVER_OK, inbound: { state: 'cannotTestFromHere' as const, target: 'x:25' } };
    expect(dnsVerdict(report(), server, OUTBOUND_OK).everythingRight).toBe(true);
  });

  it('checks again while something is left, up to the bound', () => {
    const open = dnsVerdict(report({ records: [check({ state: 'missing' })] }), SERVER_OK, OUTBOUND_OK);
    expect(shouldCheckAgain(open, 0)).toBe(true);
    expect(shouldCheckAgain(open, MAX_AUTO_CHECKS - 1)).toBe(true);
    expect(shouldCheckAgain(open, MAX_AUTO_CHECKS)).toBe(false);
    expect(shouldCheckAgain(dnsVerdict(report(), SERVER_OK, OUTBOUND_OK), 0)).toBe(false);
    expect(shouldCheckAgain(undefined, 0)).toBe(false);
  });
});
