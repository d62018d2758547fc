import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../electron/services/servers/key-pair.js';
import { renderCloudInit } from '../../electron/services/servers/cloud-init.js';

describe('cloud-init user data', () => {
  it("carries the key and the guide's options, each value quoted so the shell reads it back exactly", () => {
    const publicKey = generateKeyPair(undefined).publicKey;
    const awkward = `it's "quoted" $(not run) \`nor this\``;
    const userData = renderCloudInit({
      publicKey,
      email: 'admin@example.com',
      domain: 'example.com',
      authBasicUsername: 'admin',
      authBasicPassword: awkward,
      cloudflareApiToken: 'abc_DEF-123',
    });
    expect(userData.startsWith('#cloud-config\n')).toBe(true);
    expect(userData).toContain(`      - ${JSON.stringify(publicKey)}`);
    expect(userData).toContain('  - path: /root/.cloudflare.ini');
    expect(userData).toContain('      dns_cloudflare_api_token = "abc_DEF-123"');

    // The env.sh lines, sourced by a POSIX shell, give back exactly the values.
    const exports = userData
      .split('\n')
      .filter((line) => line.startsWith('      export '))
      .map((line) => line.trim())
      .join('\n');
    const echoed = execFileSync(
      'sh',
      ['-c', `${exports}\nprintf '%s\\n' "$EMAIL" "$DOMAIN" "$AUTH_BASIC_USERNAME" "$AUTH_BASIC_PASSWORD"`],
      {
        encoding: 'utf8',
      },
    );
    expect(echoed).toBe(`admin@example.com\nexample.com\nadmin\n${awkward}\n`);
  });

  it('refuses values that would break out of their line', () => {
    const publicKey = generateKeyPair(undefined).publicKey;
    expect(() => renderCloudInit({ publicKey, domain: 'example.com\nruncmd: [reboot]' })).toThrow(/domain/);
    expect(() => renderCloudInit({ publicKey, cloudflareApiToken: 'x" \n' })).toThrow();
  });
});
