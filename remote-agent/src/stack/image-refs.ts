import { readFileSync } from 'node:fs';
import { servicesFor } from '../../../common/stack/services.js';
import type { StackProfile } from '../../../common/stack/stack-contract.js';

/**
 * The image references compose will use with this .env, worked out the way compose substitutes
 * `${VAR:-default}` in mail-stack/docker-compose.yml (a unit test holds the two together).
 */
export function imageRefs(values: ReadonlyMap<string, string>, profile: StackProfile): string[] {
  const get = (key: string, fallback = '') => values.get(key) || fallback;
  const bases = imageBases(values);
  const refs = [
    `${bases.forwardemail}:${get('IMAGE_TAG', 'v1.1.0')}${get('IMAGE_DIGEST')}`,
    `${bases.nginx}:${get('NGINX_VERSION', '1.22.1')}${get('NGINX_DIGEST')}`,
    `${bases.redis}:${get('REDIS_VERSION', '7.0.15')}${get('REDIS_DIGEST')}`,
  ];
  // mongodb runs in both profiles today; kept conditional so a profile without it stays honest.
  if (servicesFor(profile).some((entry) => entry.service === 'mongodb')) {
    refs.push(`${bases.mongo}:${get('MONGO_VERSION', '7.0.14')}${get('MONGO_DIGEST')}`);
  }
  return refs;
}

/** Each image's repository as compose names it with this .env (registry or mirror included). */
export function imageBases(values: ReadonlyMap<string, string>) {
  const registry = values.get('MAILHARBOR_REGISTRY') || 'ghcr.io';
  const mirror = values.get('MAILHARBOR_DOCKERHUB_MIRROR') || 'docker.io/library';
  return {
    forwardemail: `${registry}/forwardemail/forwardemail.net-selfhosted`,
    nginx: `${mirror}/nginx`,
    redis: `${mirror}/redis`,
    mongo: `${mirror}/mongo`,
  };
}

/** KEY=value lines of a .env as compose reads them (quotes around a whole value removed). */
export function readEnvValues(file: string): Map<string, string> {
  const values = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return values;
  }
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[1]) continue;
    let value = (match[2] ?? '').replace(/\r$/, '');
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    values.set(match[1], value);
  }
  return values;
}

export function profileOf(values: ReadonlyMap<string, string>): StackProfile {
  return (values.get('COMPOSE_PROFILES') ?? '').split(',').includes('storage') ? 'full' : 'forwarding';
}
