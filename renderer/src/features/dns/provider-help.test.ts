import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS, VPS_PROVIDERS } from '../../../../common/dns/vps-providers';
import { renderProviderHelp } from './provider-help';

const V6 = '2001:db8:53::10';

describe('provider help', () => {
  it('every provider has PTR steps, port 25 steps and a ticket in English and Dutch, all filled', () => {
    expect([...PROVIDER_IDS].sort()).toEqual(
      ['aws', 'contabo', 'digitalocean', 'hetzner', 'linode', 'ovh', 'scaleway', 'vultr'].sort(),
    );
    for (const provider of [...PROVIDER_IDS, undefined]) {
      for (const language of ['en', 'nl'] as const) {
        const texts = renderProviderHelp(provider, language, { domain: 'example.com', ipv4: '203.0.113.10', ipv6: V6 });
        const label = `${provider ?? 'general'} ${language}`;
        expect(texts.ptrSteps.length, label).toBeGreaterThan(0);
        expect(texts.port25Steps.length, label).toBeGreaterThan(0);
        expect(texts.ticket, label).toContain('example.com');
        expect(texts.ticket, label).toContain('203.0.113.10');
        expect(texts.ticket, label).toContain(V6);
        expect(JSON.stringify(texts), label).not.toMatch(/\{\{|\}\}/);
        expect(texts.ptrSteps.join(' '), label).toContain('mx.example.com');
      }
      const values = { domain: 'example.com', ipv4: '203.0.113.10' };
      expect(renderProviderHelp(provider, 'nl', values).ticket).toMatch(/Hallo/);
      expect(renderProviderHelp(provider, 'en', values).ticket).toMatch(/Hello/);
    }
    const withoutV6 = renderProviderHelp('hetzner', 'en', { domain: 'example.com', ipv4: '203.0.113.10' });
    expect(withoutV6.ticket).not.toContain('IPv6');
    expect(VPS_PROVIDERS.aws.name).toContain('AWS');
  });
});
