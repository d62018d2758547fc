// The agent's own knowledge of the stack (service list, image references, step order) must match
// mail-stack/docker-compose.yml and the contract; these read the compose file's text, so a change on
// one side without the other fails here rather than on a user's server.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageRefs, profileOf } from '../../remote-agent/src/stack/image-refs.js';
import { STACK_SERVICES, servicesFor } from '../../common/stack/services.js';
import { INSTALL_STEP_IDS } from '../../common/stack/stack-contract.js';
import { installSteps } from '../../remote-agent/src/stack/steps/index.js';
import { CHECKED_ENV_KEYS, checkEnvValues } from '../../remote-agent/src/stack/env/env-value-checks.js';

const compose = readFileSync(path.resolve(import.meta.dirname, '../../mail-stack/docker-compose.yml'), 'utf8');

/** service name -> its block of lines, from the two-space-indented `services:` section. */
function serviceBlocks(): Map<string, string> {
  const section = compose.slice(compose.indexOf('\nservices:\n'));
  const parts = section.split(/^ {2}([a-z0-9_]+):$/m);
  const blocks = new Map<string, string>();
  for (let i = 1; i + 1 < parts.length; i += 2) blocks.set(parts[i]!, parts[i + 1]!);
  return blocks;
}

describe('the agent and mail-stack/docker-compose.yml agree', () => {
  const blocks = serviceBlocks();

  it('on every service, its container name and whether it belongs to the storage profile', () => {
    expect([...blocks.keys()].sort()).toEqual(STACK_SERVICES.map((entry) => entry.service).sort());
    for (const entry of STACK_SERVICES) {
      const block = blocks.get(entry.service)!;
      expect(block, entry.service).toContain(`container_name: ${entry.container}`);
      expect(block.includes("profiles: ['storage']"), entry.service).toBe(entry.storageOnly);
    }
    expect(servicesFor('full')).toHaveLength(15);
    expect(
      servicesFor('forwarding')
        .map((entry) => entry.service)
        .sort(),
    ).toEqual(['api', 'bree', 'mongodb', 'mx', 'nginx', 'redis', 'smtp', 'smtp_bree', 'web']);
  });

  it('on the image references and their defaults', () => {
    const defaults = new Map<string, string>();
    for (const match of compose.matchAll(/\$\{([A-Z_]+):-([^}]*)\}/g)) defaults.set(match[1]!, match[2]!);
    const refs = imageRefs(defaults, 'full');
    // Each image's digest key is empty by default: the tag alone.
    expect(['IMAGE_DIGEST', 'NGINX_DIGEST', 'REDIS_DIGEST', 'MONGO_DIGEST'].map((key) => defaults.get(key))).toEqual([
      '',
      '',
      '',
      '',
    ]);
    const substitute = (values: ReadonlyMap<string, string>) =>
      [...compose.matchAll(/image: '([^']+)'/g)].map((match) =>
        match[1]!.replace(/\$\{([A-Z_]+):-[^}]*\}/g, (_, key: string) => values.get(key) || defaults.get(key)!),
      );
    expect([...new Set(substitute(defaults))].sort()).toEqual([...refs].sort());
    // With digests, compose and the agent name the same pinned references.
    const digest = `@sha256:${'e'.repeat(64)}`;
    const pinned = new Map([...defaults, ['IMAGE_DIGEST', digest], ['MONGO_DIGEST', digest]]);
    expect([...new Set(substitute(pinned))].sort()).toEqual([...imageRefs(pinned, 'full')].sort());
    expect(imageRefs(pinned, 'full')[0]).toMatch(new RegExp(`:v1\\.1\\.0${digest}$`));
    const custom = imageRefs(
      new Map([
        ['MAILHARBOR_REGISTRY', '172.29.53.1:5000'],
        ['IMAGE_TAG', 'v1.0.0'],
      ]),
      'full',
    );
    expect(custom[0]).toBe('172.29.53.1:5000/forwardemail/forwardemail.net-selfhosted:v1.0.0');
  });

  it('on the log rotation keys: each one the compose file reads is checked, and its default passes', () => {
    const logging = compose.slice(
      compose.indexOf('x-logging:'),
      compose.indexOf('\n\n', compose.indexOf('x-logging:')),
    );
    const defaults = new Map([...logging.matchAll(/\$\{([A-Z_]+):-([^}]+)\}/g)].map((m) => [m[1]!, m[2]!]));
    expect([...defaults.keys()].sort()).toEqual(['LOG_MAX_FILE', 'LOG_MAX_SIZE']);
    expect([...CHECKED_ENV_KEYS].sort()).toEqual([...defaults.keys()].sort());
    expect(() => checkEnvValues((key) => defaults.get(key))).not.toThrow();
  });

  it('on the profile value compose reads', () => {
    expect(profileOf(new Map([['COMPOSE_PROFILES', 'storage']]))).toBe('full');
    expect(profileOf(new Map([['COMPOSE_PROFILES', '']]))).toBe('forwarding');
  });

  it('runs the install steps in the contract order', () => {
    expect(installSteps.map((step) => step.id)).toEqual([...INSTALL_STEP_IDS]);
  });
});
