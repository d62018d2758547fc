import { describe, expect, it } from 'vitest';
import { asciiFormOf, checkOptions, EMPTY_OPTIONS, toOptionsInput, type OptionsValues } from './options-form';

const GOOD: OptionsValues = { ...EMPTY_OPTIONS, domain: 'mail.example.com', email: 'owner@example.net' };
const TOKEN = 'abcdefghijklmnopqrstuvwxyz_0123456789';

function problemsOf(values: OptionsValues) {
  const check = checkOptions(values);
  return check.ok ? {} : check.problems;
}

describe('the install options form', () => {
  it('turns good choices into the options the agent takes, trimmed and in ASCII', () => {
    const check = checkOptions({ ...GOOD, domain: ' Bücher.Example ', email: ' owner@example.net ' });
    expect(check).toEqual({
      ok: true,
      options: {
        domain: 'xn--bcher-kva.example',
        email: 'owner@example.net',
        profile: 'full',
        certificates: { method: 'http' },
      },
    });
  });

  it('names each mistake on its own field', () => {
    expect(problemsOf({ ...GOOD, domain: 'exa mple', email: 'x@' })).toEqual({
      domain: 'domainInvalid',
      email: 'emailInvalid',
    });
    expect(problemsOf({ ...GOOD, domain: '', email: '' })).toEqual({
      domain: 'domainRequired',
      email: 'emailRequired',
    });
    expect(problemsOf({ ...GOOD, domain: 'https://example.com' })).toEqual({ domain: 'domainInvalid' });
  });

  it('puts a token problem on the chosen provider’s field', () => {
    expect(problemsOf({ ...GOOD, method: 'cloudflare', cloudflareToken: `${TOKEN};rm` })).toEqual({
      cloudflareToken: 'cloudflareTokenInvalid',
    });
    expect(problemsOf({ ...GOOD, method: 'digitalocean' })).toEqual({
      digitaloceanToken: 'digitaloceanTokenRequired',
    });
    expect(problemsOf({ ...GOOD, method: 'route53', accessKeyId: 'akia lower', secretAccessKey: '' })).toEqual({
      accessKeyId: 'accessKeyIdInvalid',
      secretAccessKey: 'secretAccessKeyRequired',
    });
  });

  it('sends only the chosen provider’s token, never another one that was typed earlier', () => {
    const values: OptionsValues = { ...GOOD, method: 'digitalocean', cloudflareToken: TOKEN, digitaloceanToken: TOKEN };
    expect(toOptionsInput(values).certificates).toEqual({ method: 'digitalocean', apiToken: TOKEN });
    expect(toOptionsInput({ ...values, method: 'manual' }).certificates).toEqual({ method: 'manual' });
  });

  it('leaves the resolvers alone unless chosen, and then checks each address on its own field', () => {
    expect(toOptionsInput({ ...GOOD, nameservers: ['1.1.1.1', '', ''] })).not.toHaveProperty('resolver');
    expect(problemsOf({ ...GOOD, useResolvers: true })).toEqual({ nameserver1: 'nameserversRequired' });
    expect(problemsOf({ ...GOOD, useResolvers: true, nameservers: ['', 'one.one', '9.9.9.9'] })).toEqual({
      nameserver2: 'nameserverInvalid',
    });
    const check = checkOptions({ ...GOOD, useResolvers: true, nameservers: [' 1.1.1.1', '', '2606:4700::1111'] });
    expect(check.ok && check.options.resolver).toEqual({ nameservers: ['1.1.1.1', '2606:4700::1111'] });
  });

  it('shows the punycode form of an international domain only', () => {
    expect(asciiFormOf('bücher.example')).toBe('xn--bcher-kva.example');
    expect(asciiFormOf('Example.COM')).toBeUndefined();
    expect(asciiFormOf('exa mple')).toBeUndefined();
  });
});
