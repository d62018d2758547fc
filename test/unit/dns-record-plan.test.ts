// The record plan and its zone file export: which records a domain needs for each profile and choice,
// DKIM keys split into 255-byte strings, PTR names, and input errors that name the field.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import { canonicalIp, ipInNetwork, reverseName } from '../../common/dns/ip-address.js';
import { joinTxt, splitTxt } from '../../common/dns/record-data.js';
import { buildRecordPlan, DNS_PURPOSE_KEYS, mtaStsId } from '../../common/dns/record-plan.js';
import type { RecordPlanInput } from '../../common/dns/record-plan.js';
import { quoteTxtString, renderZoneFile } from '../../common/dns/zone-file.js';

const KEY_2048 = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'der' })
  .toString('base64');

const base: RecordPlanInput = {
  domain: 'Example.COM',
  ipv4: '203.0.113.10',
  profile: 'full',
  dkim: { selector: 'default', publicKeyBase64: KEY_2048 },
};

function byId(input: RecordPlanInput) {
  return new Map(buildRecordPlan(input).records.map((record) => [record.id, record]));
}

function invalidField(input: unknown): string {
  try {
    buildRecordPlan(input as RecordPlanInput);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('stack.invalidOptions');
    return String((error as AppError).params.field);
  }
  throw new Error('expected the plan to refuse the input');
}

describe('record plan', () => {
  test('full profile, IPv4 only: addresses for every certificate name, MX, SPF, DKIM, DMARC', () => {
    const plan = buildRecordPlan(base);
    expect(plan.domain).toBe('example.com');
    expect(plan.mxHost).toBe('mx.example.com');
    expect(plan.records.map((r) => r.id)).toEqual([
      'a:@',
      'a:mx',
      'mx',
      'spf',
      'dkim',
      'dmarc',
      'a:smtp',
      'a:imap',
      'a:pop3',
      'a:api',
      'a:caldav',
      'a:carddav',
    ]);
    expect(plan.records.every((r) => r.required && r.ttl === 3600)).toBe(true);
    const records = byId(base);
    expect(records.get('a:@')).toMatchObject({ name: 'example.com', host: '@', type: 'A', values: ['203.0.113.10'] });
    expect(records.get('mx')).toMatchObject({ name: 'example.com', values: ['10 mx.example.com'], match: 'exact' });
    expect(records.get('spf')?.values).toEqual(['v=spf1 mx ip4:203.0.113.10 -all']);
    expect(records.get('dmarc')).toMatchObject({
      name: '_dmarc.example.com',
      host: '_dmarc',
      values: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com'],
    });
    for (const record of plan.records) expect(DNS_PURPOSE_KEYS).toContain(record.purpose);
  });

  test('IPv6 adds AAAA next to every A and ip6 to SPF; PTR for both addresses names mx.<domain>', () => {
    const plan = buildRecordPlan({ ...base, ipv6: '2001:db8::10' });
    const ids = plan.records.map((r) => r.id);
    for (const host of ['@', 'mx', 'smtp', 'imap', 'pop3', 'api', 'caldav', 'carddav']) {
      expect(ids).toContain(`a:${host}`);
      expect(ids).toContain(`aaaa:${host}`);
    }
    expect(plan.records.find((r) => r.id === 'spf')?.values).toEqual([
      'v=spf1 mx ip4:203.0.113.10 ip6:2001:db8::10 -all',
    ]);
    expect(plan.ptr).toEqual([
      { address: '203.0.113.10', reverseName: '10.113.0.203.in-addr.arpa', expected: 'mx.example.com' },
      {
        address: '2001:db8::10',
        reverseName: '0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
        expected: 'mx.example.com',
      },
    ]);
  });

  test('CNAMEs on the service names when preferred, but never on the apex or the MX host', () => {
    const records = byId({ ...base, ipv6: '2001:db8::10', useCnames: true });
    expect(records.get('a:@')?.type).toBe('A');
    expect(records.get('aaaa:@')?.type).toBe('AAAA');
    expect(records.get('a:mx')?.type).toBe('A');
    expect(records.get('aaaa:mx')?.type).toBe('AAAA');
    for (const host of ['smtp', 'imap', 'pop3', 'api', 'caldav', 'carddav']) {
      expect(records.get(`cname:${host}`)).toMatchObject({ type: 'CNAME', values: ['example.com'] });
      expect(records.has(`a:${host}`)).toBe(false);
      expect(records.has(`aaaa:${host}`)).toBe(false);
    }
  });

  test('forwarding profile: same names (the HTTP-01 certificate needs them), SRV only for submission', () => {
    const optional = { srv: true };
    const full = byId({ ...base, optional });
    const forwarding = byId({ ...base, profile: 'forwarding', optional });
    expect(forwarding.has('a:imap')).toBe(true);
    expect(forwarding.has('a:carddav')).toBe(true);
    expect(full.get('srv:submissions')).toMatchObject({
      name: '_submissions._tcp.example.com',
      type: 'SRV',
      values: ['0 1 465 smtp.example.com'],
      required: false,
    });
    expect(full.get('srv:imaps')?.values).toEqual(['0 1 993 imap.example.com']);
    expect(full.get('srv:pop3s')?.values).toEqual(['0 1 995 pop3.example.com']);
    expect(forwarding.has('srv:submissions')).toBe(true);
    expect(forwarding.has('srv:imaps')).toBe(false);
    expect(forwarding.has('srv:pop3s')).toBe(false);
  });

  test('optional MTA-STS, TLS-RPT and CAA are optional records', () => {
    const records = byId({ ...base, optional: { mtaSts: true, tlsRpt: true, caa: 'letsencrypt.org' } });
    expect(records.get('mta-sts')).toMatchObject({
      name: '_mta-sts.example.com',
      values: [`v=STSv1; id=${mtaStsId('mx.example.com')}`],
      required: false,
    });
    expect(mtaStsId('mx.example.com')).toMatch(/^[A-Za-z0-9]{1,32}$/);
    expect(mtaStsId('mx.example.com')).toBe(mtaStsId('mx.example.com'));
    expect(records.get('a:mta-sts')).toMatchObject({ name: 'mta-sts.example.com', required: false });
    expect(records.get('tls-rpt')).toMatchObject({
      name: '_smtp._tls.example.com',
      values: ['v=TLSRPTv1; rua=mailto:tlsrpt@example.com'],
    });
    expect(records.get('caa')).toMatchObject({ type: 'CAA', values: ['0 issue "letsencrypt.org"'], required: false });
  });

  test('a 2048-bit DKIM key is split into strings of at most 255 bytes that join back to the value', () => {
    const dkim = byId(base).get('dkim');
    expect(dkim?.name).toBe('default._domainkey.example.com');
    expect(dkim?.values).toEqual([`v=DKIM1; k=rsa; p=${KEY_2048}`]);
    expect(dkim?.txtStrings?.length).toBe(2);
    for (const part of dkim?.txtStrings ?? []) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
    expect(joinTxt(dkim?.txtStrings ?? [])).toBe(dkim?.values[0]);
  });

  test('a PEM public key is unwrapped to its base64 body', () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${KEY_2048.match(/.{1,64}/g)?.join('\n')}\n-----END PUBLIC KEY-----\n`;
    const dkim = byId({ ...base, dkim: { selector: 's1', publicKeyBase64: pem } }).get('dkim');
    expect(dkim?.values).toEqual([`v=DKIM1; k=rsa; p=${KEY_2048}`]);
    expect(dkim?.host).toBe('s1._domainkey');
  });

  test('no DKIM record without a key', () => {
    const { dkim: _dkim, ...withoutDkim } = base;
    expect(byId(withoutDkim).has('dkim')).toBe(false);
  });

  test('bad input is refused naming the field', () => {
    expect(invalidField({ ...base, domain: 'not a domain' })).toBe('domain');
    expect(invalidField({ ...base, ipv4: '300.1.1.1' })).toBe('ipv4');
    expect(invalidField({ ...base, ipv6: '203.0.113.10' })).toBe('ipv6');
    expect(invalidField({ ...base, profile: 'storage' })).toBe('profile');
    expect(invalidField({ ...base, dkim: { selector: 'bad selector', publicKeyBase64: KEY_2048 } })).toBe(
      'dkim.selector',
    );
    expect(invalidField({ ...base, dkim: { selector: 'default', publicKeyBase64: 'not*base64' } })).toBe(
      'dkim.publicKeyBase64',
    );
    expect(invalidField({ ...base, optional: { caa: 'not a ca' } })).toBe('optional.caa');
  });
});

describe('TXT splitting and IP helpers', () => {
  test('splitTxt keeps multi-byte characters whole and every string within 255 bytes', () => {
    expect(splitTxt('')).toEqual(['']);
    expect(splitTxt('a'.repeat(255))).toEqual(['a'.repeat(255)]);
    expect(splitTxt('a'.repeat(256))).toEqual(['a'.repeat(255), 'a']);
    const parts = splitTxt(`${'a'.repeat(254)}é${'b'.repeat(10)}`);
    expect(parts).toEqual(['a'.repeat(254), `é${'b'.repeat(10)}`]);
  });

  test('reverse names, canonical IPv6 and network membership', () => {
    expect(reverseName('172.29.53.10')).toBe('10.53.29.172.in-addr.arpa');
    expect(reverseName('2001:db8:53::10')).toBe(
      '0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3.5.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    );
    expect(canonicalIp('2001:DB8::1')).toBe(canonicalIp('2001:0db8:0:0:0:0:0:1'));
    expect(ipInNetwork('172.29.53.10', '172.29.53.0/24')).toBe(true);
    expect(ipInNetwork('172.29.54.10', '172.29.53.0/24')).toBe(false);
    expect(ipInNetwork('172.29.53.10', '172.29.53.10')).toBe(true);
    expect(ipInNetwork('2001:db8:53::10', '2001:db8::/32')).toBe(true);
    expect(ipInNetwork('2001:db9::10', '2001:db8::/32')).toBe(false);
    expect(ipInNetwork('2001:db8::10', '172.29.53.0/24')).toBe(false);
  });
});

describe('zone file', () => {
  test('BIND syntax: $ORIGIN, $TTL 3600, relative owners, absolute targets, TXT in quoted strings', () => {
    const plan = buildRecordPlan({
      ...base,
      ipv6: '2001:db8::10',
      optional: { srv: true, caa: 'letsencrypt.org' },
    });
    const text = renderZoneFile(plan);
    const lines = text.split('\n');
    expect(lines).toContain('$ORIGIN example.com.');
    expect(lines).toContain('$TTL 3600');
    const record = (owner: string, type: string) =>
      lines.find((line) => new RegExp(`^${owner.replace(/\./g, '\\.')}\\s+3600 IN ${type}\\s`).test(line));
    expect(record('@', 'A')).toMatch(/ 203\.0\.113\.10$/);
    expect(record('@', 'AAAA')).toMatch(/ 2001:db8::10$/);
    expect(record('@', 'MX')).toMatch(/ 10 mx\.example\.com\.$/);
    expect(record('@', 'TXT')).toMatch(/ "v=spf1 mx ip4:203\.0\.113\.10 ip6:2001:db8::10 -all"$/);
    expect(record('@', 'CAA')).toMatch(/ 0 issue "letsencrypt\.org"$/);
    expect(record('_submissions._tcp', 'SRV')).toMatch(/ 0 1 465 smtp\.example\.com\.$/);
    const dkim = record('default._domainkey', 'TXT') ?? '';
    const strings = [...dkim.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(strings.length).toBe(2);
    expect(strings.join('')).toBe(`v=DKIM1; k=rsa; p=${KEY_2048}`);
    // PTR is not the zone's business: only mentioned in a comment
    expect(lines.filter((line) => line.includes('PTR')).every((line) => line.startsWith(';'))).toBe(true);
  });

  test('quoting escapes quotes, backslashes and non-printable bytes', () => {
    expect(quoteTxtString('say "hi" \\ now')).toBe('"say \\"hi\\" \\\\ now"');
    expect(quoteTxtString('tab\there')).toBe('"tab\\009here"');
    expect(quoteTxtString('é')).toBe('"\\195\\169"');
  });
});
