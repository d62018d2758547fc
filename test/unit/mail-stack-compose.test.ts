// mail-stack/docker-compose.yml and env.defaults, checked through Debian 12's docker-compose 1.29: the
// oldest compose the stack must run with. Its `config` output is the normalized file (variables substituted,
// anchors merged), so what is asserted here is what compose would really run. No YAML library is a direct
// dependency, so that output is read with a small parser for the normalized layout compose writes.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const STACK_DIR = path.resolve(import.meta.dirname, '../../mail-stack');
const COMPOSE_SOURCE = readFileSync(path.join(STACK_DIR, 'docker-compose.yml'), 'utf8');
const ENV_DEFAULTS = readFileSync(path.join(STACK_DIR, 'env.defaults'), 'utf8');

const APP_SERVICES = [
  'web',
  'api',
  'bree',
  'smtp',
  'smtp_bree',
  'mx',
  'imap',
  'pop3',
  'sqlite',
  'sqlite_bree',
  'caldav',
  'carddav',
];
const ALL_SERVICES = ['nginx', ...APP_SERVICES, 'mongodb', 'redis'];
const STORAGE_ONLY = ['caldav', 'carddav', 'imap', 'pop3', 'sqlite', 'sqlite_bree'];
const FORWARDING = ['api', 'bree', 'mongodb', 'mx', 'nginx', 'redis', 'smtp', 'smtp_bree', 'web'];
const WORLD_REGISTRY = '172.29.53.1:5000';

// --- env.defaults and its annotations (grammar: mail-stack/README.md) ----------------------------------

interface EnvEntry {
  key: string;
  value: string;
  annotations: string[];
}

function parseEnvDefaults(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  let pending: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# @')) pending.push(line.slice(2));
    else if (/^[A-Z][A-Z0-9_]*=/.test(line)) {
      const eq = line.indexOf('=');
      entries.push({ key: line.slice(0, eq), value: line.slice(eq + 1), annotations: pending });
      pending = [];
    } else if (line.trim() === '') pending = [];
    else if (!line.startsWith('#')) throw new Error(`env.defaults: not a comment, blank or KEY=value: ${line}`);
  }
  return entries;
}

const SOURCE =
  /^@(default|derived|release|input (domain|profile|text|secret|url)( optional)?|generated (hex|alnum):([1-9][0-9]*)((?: (?:suffix|legacy)=\S+)*))$/;
const FILE = /^@file (\S+) rsa:(2048|3072|4096)$/;

/** What an installer does with a `# @generated` key: fill it once, in the annotated format. */
function generate(annotation: string): string {
  const m = SOURCE.exec(annotation);
  if (!m || !m[4]) throw new Error(`not a @generated annotation: ${annotation}`);
  const size = Number(m[5]);
  const suffix = /suffix=(\S+)/.exec(m[6] ?? '')?.[1] ?? '';
  if (m[4] === 'hex') return crypto.randomBytes(size).toString('hex') + suffix;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: size }, () => alphabet[crypto.randomInt(alphabet.length)]).join('') + suffix;
}

// --- docker-compose 1.29 and its normalized output ---------------------------------------------------

interface Service {
  name: string;
  /** Top-level keys of the service, each with the lines under it (and the value on its own line). */
  keys: Map<string, string[]>;
}

function parseNormalizedConfig(output: string): Map<string, Service> {
  const services = new Map<string, Service>();
  let section = '';
  let service: Service | undefined;
  let key = '';
  for (const line of output.split('\n')) {
    if (/^\S/.test(line)) {
      section = line.replace(/:.*$/, '');
      service = undefined;
    } else if (section === 'services' && /^ {2}\S/.test(line)) {
      service = { name: line.trim().replace(/:$/, ''), keys: new Map() };
      services.set(service.name, service);
    } else if (service && /^ {4}[a-z_]+:/.test(line)) {
      key = line.trim().replace(/:.*$/, '');
      const inline = line
        .trim()
        .slice(key.length + 1)
        .trim();
      service.keys.set(key, inline ? [inline] : []);
    } else if (service && line.trim()) {
      service.keys.get(key)?.push(line.trim());
    }
  }
  return services;
}

function listValues(service: Service, key: string): string[] {
  return (service.keys.get(key) ?? []).filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
}

/** The services `up` starts for COMPOSE_PROFILES=<profiles> (1.29's `config --services` ignores profiles). */
function activeServices(services: Map<string, Service>, profiles: string[]): string[] {
  return [...services.values()]
    .filter((s) => {
      const own = listValues(s, 'profiles');
      return own.length === 0 || own.some((p) => profiles.includes(p));
    })
    .map((s) => s.name)
    .sort();
}

function requireDockerCompose(): string {
  const probe = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'docker-compose is not installed (or does not run): the mail-stack compose checks need the one the ' +
        'stack must support, Debian 12\'s docker-compose 1.29 ("apt-get install docker-compose"). ' +
        `Detail: ${probe.error?.message ?? probe.stderr}`,
    );
  }
  return probe.stdout.trim();
}

/** A fresh install dir: the stack files and a .env made from env.defaults the way the installer does. */
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

function installDir(overrides: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mailharbor-stack-'));
  madeDirs.push(dir);
  copyFileSync(path.join(STACK_DIR, 'docker-compose.yml'), path.join(dir, 'docker-compose.yml'));
  copyFileSync(path.join(STACK_DIR, 'nginx.conf'), path.join(dir, 'nginx.conf'));
  const lines = parseEnvDefaults(ENV_DEFAULTS).map(({ key, value, annotations }) => {
    const generated = annotations.find((a) => a.startsWith('@generated'));
    const filled = key in overrides ? overrides[key] : generated ? generate(generated) : value;
    return `${key}=${filled}`;
  });
  writeFileSync(path.join(dir, '.env'), `${lines.join('\n')}\n`);
  return dir;
}

/** Runs docker-compose in an install dir with a clean environment, so only its .env decides. */
function compose(dir: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync('docker-compose', ['-f', path.join(dir, 'docker-compose.yml'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...env },
  });
}

function config(dir: string, env: Record<string, string> = {}): Map<string, Service> {
  const run = compose(dir, ['config'], env);
  if (run.status !== 0) throw new Error(`docker-compose config failed (${run.status}): ${run.stderr}`);
  return parseNormalizedConfig(run.stdout);
}

const TEST_DOMAIN = 'mail.example.test';

describe('mail-stack/docker-compose.yml under docker-compose 1.29', { timeout: 30_000 }, () => {
  // Built on first use inside each test (no beforeAll): without docker-compose every test fails with the
  // message of requireDockerCompose instead of being reported as skipped.
  let cached: { dir: string; services: Map<string, Service> } | undefined;
  const stack = () => {
    requireDockerCompose();
    if (!cached) {
      const dir = installDir({ DOMAIN: TEST_DOMAIN });
      cached = { dir, services: config(dir) };
    }
    return cached;
  };

  it('is accepted by docker-compose as installed from env.defaults', () => {
    const { dir } = stack();
    const run = compose(dir, ['config', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it("has upstream's 15 services, with upstream's container names", () => {
    const { services } = stack();
    expect([...services.keys()].sort()).toEqual([...ALL_SERVICES].sort());
    for (const name of ALL_SERVICES) {
      const expected = name === 'nginx' ? 'sni-router' : name;
      expect(services.get(name)?.keys.get('container_name'), name).toEqual([expected]);
    }
  });

  it('gives every service a healthcheck with a real probe and a restart policy', () => {
    const { services } = stack();
    for (const [name, service] of services) {
      const health = service.keys.get('healthcheck');
      expect(health, `${name} has no healthcheck`).toBeDefined();
      const probe = (health ?? []).join('\n');
      expect(probe, name).toMatch(/test:\n- CMD-SHELL\n- \S/);
      expect(probe, name).not.toMatch(/disable|NONE/);
      expect(service.keys.get('restart'), name).toEqual(['unless-stopped']);
    }
  });

  it('rotates the Docker log of every service, with the sizes .env sets', () => {
    const { services } = stack();
    const logging = (size: string, files: string) => [
      'driver: json-file',
      'options:',
      `max-file: '${files}'`,
      `max-size: ${size}`,
    ];
    // The app services get it through the &forwardemail merge, the other three directly: all 15 must have it.
    for (const name of ALL_SERVICES) expect(services.get(name)?.keys.get('logging'), name).toEqual(logging('10m', '5'));
    const custom = config(installDir({ DOMAIN: TEST_DOMAIN, LOG_MAX_SIZE: '100k', LOG_MAX_FILE: '3' }));
    for (const name of ALL_SERVICES) expect(custom.get(name)?.keys.get('logging'), name).toEqual(logging('100k', '3'));
    // Emptied keys fall back to the compose file's own defaults, which must be env.defaults' values.
    const emptied = config(installDir({ DOMAIN: TEST_DOMAIN, LOG_MAX_SIZE: '', LOG_MAX_FILE: '' }));
    for (const name of ALL_SERVICES) expect(emptied.get(name)?.keys.get('logging'), name).toEqual(logging('10m', '5'));
  });

  it('runs the app services with the commands and mounts upstream uses', () => {
    const { dir, services } = stack();
    const entry = (name: string) => `${name.replace('_', '-')}.js`;
    for (const name of APP_SERVICES) {
      const service = services.get(name)!;
      expect(listValues(service, 'command'), name).toEqual(['node', entry(name)]);
      expect(listValues(service, 'volumes'), name).toContain(`${dir}/.env:/app/.env:rw`);
      expect(listValues(service, 'volumes'), name).toContain(`${dir}/ssl:/app/ssl:rw`);
      expect(service.keys.get('network_mode'), name).toEqual(['host']);
    }
    for (const name of ['mx', 'imap', 'pop3', 'sqlite', 'sqlite_bree']) {
      expect(listValues(services.get(name)!, 'volumes'), name).toContain(`${dir}/sqlite-data:/mnt/sqlite_storage:rw`);
    }
    expect(listValues(services.get('mongodb')!, 'volumes')).toContain(`${dir}/mongo-backups:/backups:rw`);
    expect(listValues(services.get('redis')!, 'volumes')).toContain(`${dir}/redis-data:/data:rw`);
    expect(listValues(services.get('nginx')!, 'volumes')).toContain(`${dir}/nginx.conf:/etc/nginx/nginx.conf:ro`);
    expect(services.get('mx')!.keys.get('hostname')).toEqual([`mx.${TEST_DOMAIN}`]);
  });

  it('pins every image to an explicit tag, never latest', () => {
    const { services } = stack();
    for (const [name, service] of services) {
      const image = service.keys.get('image')?.[0] ?? '';
      expect(image, `${name} has no image`).not.toBe('');
      const tag = /:([^:/]+)$/.exec(image)?.[1];
      expect(tag, `${name}: ${image} has no tag`).toBeDefined();
      expect(tag, name).not.toMatch(/^(latest|stable|mainline)$/);
      expect(image, name).not.toContain('$');
    }
  });

  it('points every image at the test world registry when the registry variables say so', () => {
    stack();
    const world = installDir({
      DOMAIN: TEST_DOMAIN,
      MAILHARBOR_REGISTRY: WORLD_REGISTRY,
      MAILHARBOR_DOCKERHUB_MIRROR: WORLD_REGISTRY,
    });
    const images = new Map([...config(world)].map(([name, s]) => [name, s.keys.get('image')?.[0]]));
    for (const name of APP_SERVICES) {
      expect(images.get(name)).toBe(`${WORLD_REGISTRY}/forwardemail/forwardemail.net-selfhosted:v1.1.0`);
    }
    expect(images.get('redis')).toBe(`${WORLD_REGISTRY}/redis:7.0.15`);
    expect(images.get('mongodb')).toBe(`${WORLD_REGISTRY}/mongo:7.0.14`);
    expect(images.get('nginx')).toBe(`${WORLD_REGISTRY}/nginx:1.22.1`);

    // The process environment wins over .env, as compose documents: how an update tries a release.
    const broken = config(world, { IMAGE_TAG: 'v1.2.0-broken' });
    for (const name of APP_SERVICES) {
      expect(broken.get(name)?.keys.get('image')).toEqual([
        `${WORLD_REGISTRY}/forwardemail/forwardemail.net-selfhosted:v1.2.0-broken`,
      ]);
    }
  });

  it('splits the stack into forwarding (always on) and the storage profile', () => {
    const { services } = stack();
    expect(activeServices(services, [])).toEqual(FORWARDING);
    expect(activeServices(services, ['storage'])).toEqual([...ALL_SERVICES].sort());
    for (const name of STORAGE_ONLY) expect(listValues(services.get(name)!, 'profiles'), name).toEqual(['storage']);
  });

  it('lets no forwarding service wait for a storage-only service', () => {
    const { services } = stack();
    for (const name of FORWARDING) {
      const waitsFor = (services.get(name)?.keys.get('depends_on') ?? []).filter((l) => /^[a-z_]+:$/.test(l));
      for (const dependency of waitsFor)
        expect(STORAGE_ONLY, `${name} -> ${dependency}`).not.toContain(dependency.slice(0, -1));
    }
  });

  it('waits for healthy dependencies where upstream does, and for healthy databases', () => {
    const { services } = stack();
    const conditions = (name: string) => (services.get(name)?.keys.get('depends_on') ?? []).join(' ');
    for (const name of ['web', 'api', 'smtp_bree', 'sqlite']) {
      expect(conditions(name), name).toMatch(/smtp: condition: service_healthy/);
    }
    for (const name of ['imap', 'pop3', 'sqlite_bree', 'caldav', 'carddav']) {
      expect(conditions(name), name).toMatch(/sqlite: condition: service_healthy/);
    }
    for (const name of APP_SERVICES) {
      expect(conditions(name), name).toMatch(/mongodb: condition: service_healthy/);
      expect(conditions(name), name).toMatch(/redis: condition: service_healthy/);
    }
  });

  it('refuses to render without a domain, saying which key is missing', () => {
    stack();
    const run = compose(installDir({ DOMAIN: '' }), ['config']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('DOMAIN must be set in .env');
  });
});

describe('mail-stack/env.defaults', { timeout: 30_000 }, () => {
  const entries = parseEnvDefaults(ENV_DEFAULTS);
  const keys = entries.map((e) => e.key);

  it('defines every variable docker-compose.yml substitutes', () => {
    const referenced = new Set([...COMPOSE_SOURCE.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
    expect(referenced.size).toBeGreaterThan(5);
    for (const name of referenced) expect(keys, `${name} is used by the compose file`).toContain(name);
    // Compose reads COMPOSE_PROFILES from .env itself.
    expect(keys).toContain('COMPOSE_PROFILES');
  });

  it('lists each key once, under exactly one source annotation in the README grammar', () => {
    expect(new Set(keys).size).toBe(keys.length);
    for (const { key, annotations } of entries) {
      const sources = annotations.filter((a) => !FILE.test(a));
      expect(sources, `${key}: ${annotations.join(' | ')}`).toHaveLength(1);
      expect(sources[0], key).toMatch(SOURCE);
    }
  });

  it('leaves generated secrets empty, in formats every .env parser reads alike', () => {
    const generated = entries.filter((e) => e.annotations.some((a) => a.startsWith('@generated')));
    expect(generated.map((e) => e.key).sort()).toEqual(
      [
        'API_SECRETS',
        'AUTH_BASIC_PASSWORD',
        'HELPER_ENCRYPTION_KEY',
        'SMTP_TRANSPORT_PASS',
        'SRS_SECRET',
        'TXT_ENCRYPTION_KEY',
        'WEBHOOK_SIGNATURE_KEY',
      ].sort(),
    );
    for (const { key, value, annotations } of generated) {
      expect(value, key).toBe('');
      expect(generate(annotations.find((a) => a.startsWith('@generated'))!), key).toMatch(/^[A-Za-z0-9]+,?$/);
    }
    // The shapes upstream's setup.sh generates: 32 alphanumerics, 16 or 32 random bytes in hex.
    const shape = (key: string) => entries.find((e) => e.key === key)?.annotations.join(' ');
    expect(shape('HELPER_ENCRYPTION_KEY')).toBe('@generated alnum:32');
    expect(shape('SRS_SECRET')).toBe('@generated alnum:32');
    expect(shape('TXT_ENCRYPTION_KEY')).toBe('@generated hex:16');
    expect(shape('WEBHOOK_SIGNATURE_KEY')).toBe('@generated hex:16');
    expect(shape('API_SECRETS')).toBe('@generated hex:32 suffix=, legacy=secret,');
  });

  it('keeps every value free of characters the three .env parsers disagree on', () => {
    for (const { key, value } of entries) expect(value, key).not.toMatch(/[\s$#"'`\\]/);
  });

  it('is a file compose accepts as .env without warnings', () => {
    requireDockerCompose();
    const run = compose(installDir({ DOMAIN: TEST_DOMAIN }), ['config', '--quiet']);
    expect(run.stderr).toBe('');
  });
});

describe('docker compose v2, when this machine has it', { timeout: 30_000 }, () => {
  it('selects the same services per profile as the 1.29 reading above', () => {
    const v2 = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (v2.status !== 0) {
      // Not a skip: 1.29 (required above) is the compose this file must support; v2 is a cross-check.
      expect(v2.status).not.toBe(0);
      return;
    }
    const dir = installDir({ DOMAIN: TEST_DOMAIN, COMPOSE_PROFILES: '' });
    const list = (profiles: string[]) =>
      execFileSync('docker', ['compose', ...profiles.flatMap((p) => ['--profile', p]), 'config', '--services'], {
        cwd: dir,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .sort();
    expect(list([])).toEqual(FORWARDING);
    expect(list(['storage'])).toEqual([...ALL_SERVICES].sort());
  });
});
