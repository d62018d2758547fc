// The install options are checked by one schema on both sides of the wire: what it accepts travels to
// certbot, compose and .env, so it must turn IDNs into their ASCII form and refuse anything a shell,
// a .env parser or an ACME server would misread, naming the field.
import { describe, expect, it } from 'vitest';
import { StackOptionsSchema } from '../../common/stack/stack-contract.js';
import { toAsciiDomain } from '../../common/values/domain.js';

const good = {
  domain: 'example.com',
  email: 'admin@example.com',
  profile: 'full',
  certificates: { method: 'http' },
} as const;

function fieldsOf(input: unknown): string[] {
  const parsed = StackOptionsSchema.safeParse(input);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
}

describe('install options', () => {
  it('turns an IDN into punycode, lower-cases, and drops a trailing dot', () => {
    expect(toAsciiDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(toAsciiDomain('Mail.Example.COM.')).toBe('mail.example.com');
    expect(StackOptionsSchema.parse({ ...good, domain: 'Bücher.Example' }).domain).toBe('xn--bcher-kva.example');
  });

  it('refuses domains that are not host names', () => {
    for (const domain of [
      'localhost',
      'exa mple.com',
      'example.com; rm -rf /',
      "o'brien.com",
      '-a.com',
      'a..com',
      '1.2.3.4',
      'http://x.com',
      'a@b.com',
      `${'a'.repeat(64)}.com`,
    ]) {
      expect(fieldsOf({ ...good, domain }), domain).toEqual(['domain']);
    }
  });

  it('refuses emails, tokens and keys with shell or .env metacharacters, naming each field', () => {
    expect(fieldsOf({ ...good, email: 'a$(id)@example.com' })).toEqual(['email']);
    expect(fieldsOf({ ...good, email: 'x@' })).toEqual(['email']);
    expect(
      fieldsOf({ ...good, certificates: { method: 'cloudflare', apiToken: 'abcdefghijklmnopqrst;reboot' } }),
    ).toEqual(['certificates.apiToken']);
    expect(fieldsOf({ ...good, certificates: { method: 'digitalocean', apiToken: 'short' } })).toEqual([
      'certificates.apiToken',
    ]);
    expect(
      fieldsOf({
        ...good,
        certificates: { method: 'route53', accessKeyId: 'akia lower', secretAccessKey: 'x"y' },
      }).sort(),
    ).toEqual(['certificates.accessKeyId', 'certificates.secretAccessKey']);
    expect(fieldsOf({ ...good, resolver: { nameservers: ['1.1.1.1; id'] } })).toEqual(['resolver.nameservers.0']);
    expect(fieldsOf({ ...good, extra: 1 })).toEqual(['']);
  });

  it('accepts every certificate method with well-formed credentials', () => {
    const token = 'Abc_def-123.456_789012345';
    for (const certificates of [
      { method: 'http' },
      { method: 'manual' },
      { method: 'cloudflare', apiToken: token },
      { method: 'digitalocean', apiToken: token },
      { method: 'route53', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'abcDEF123/+=abcDEF123/+=' },
    ]) {
      expect(fieldsOf({ ...good, certificates }), certificates.method).toEqual([]);
    }
  });
});
