// The stack's .env: env.defaults as data, the line-preserving editor, the merge an install (or a re-run,
// or the adoption of upstream's install) does, the secret generator and the release feed.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import { parseEnvDefaults, shippedEnvDefaults } from '../../remote-agent/src/stack/env/env-defaults.js';
import { EnvFile } from '../../remote-agent/src/stack/env/env-file.js';
import { mergeEnv, needsReleaseTag, type EnvChange } from '../../remote-agent/src/stack/env/env-merge.js';
import {
  ALNUM_ALPHABET,
  generateSecret,
  randomAlnum,
  randomHex,
} from '../../remote-agent/src/stack/env/secret-generator.js';
import { resolveLatestReleaseTag } from '../../remote-agent/src/stack/release-feed.js';

const ENV_DEFAULTS = readFileSync(path.resolve(import.meta.dirname, '../../mail-stack/env.defaults'), 'utf8');
const GENERATED_KEYS = [
  'API_SECRETS',
  'AUTH_BASIC_PASSWORD',
  'HELPER_ENCRYPTION_KEY',
  'SMTP_TRANSPORT_PASS',
  'SRS_SECRET',
  'TXT_ENCRYPTION_KEY',
  'WEBHOOK_SIGNATURE_KEY',
];

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const actionOf = (changes: EnvChange[], key: string) => changes.find((change) => change.key === key)?.action;

describe('env.defaults parser', () => {
  const entries = parseEnvDefaults(ENV_DEFAULTS);
  const byKey = new Map(entries.map((entry) => [entry.key, entry]));

  it('covers every key of the real file, in order, each with its source', () => {
    const keys = [...ENV_DEFAULTS.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(60);
    expect(entries.map((entry) => entry.key)).toEqual(keys);
    for (const entry of entries) {
      expect(['default', 'derived', 'release', 'input', 'generated'], entry.key).toContain(entry.source);
      const line = new RegExp(`^${entry.key}=(.*)$`, 'm').exec(ENV_DEFAULTS);
      expect(entry.value, entry.key).toBe(line?.[1]);
    }
    expect(shippedEnvDefaults()).toEqual(entries);
  });

  it('reads every kind of annotation', () => {
    expect(byKey.get('DOMAIN')).toEqual({ key: 'DOMAIN', value: '', source: 'input', inputKind: 'domain' });
    expect(byKey.get('COMPOSE_PROFILES')).toMatchObject({ source: 'input', inputKind: 'profile', value: 'storage' });
    expect(byKey.get('IMAGE_TAG')).toMatchObject({ source: 'release' });
    expect(byKey.get('WEB_URL')).toMatchObject({ source: 'derived', value: 'https://{{DOMAIN}}' });
    expect(byKey.get('NODE_ENV')).toMatchObject({ source: 'default', value: 'production' });
    expect(byKey.get('AWS_SECRET_ACCESS_KEY')).toEqual({
      key: 'AWS_SECRET_ACCESS_KEY',
      value: '',
      source: 'input',
      inputKind: 'secret',
      optional: true,
    });
    expect(byKey.get('AWS_ENDPOINT_URL')).toMatchObject({ inputKind: 'url', optional: true });
    expect(byKey.get('API_SECRETS')?.generated).toEqual({ format: 'hex', size: 32, suffix: ',', legacy: ['secret,'] });
    expect(byKey.get('SMTP_TRANSPORT_PASS')?.generated).toEqual({
      format: 'alnum',
      size: 32,
      legacy: ['Thisisapassword123'],
    });
    expect(byKey.get('TXT_ENCRYPTION_KEY')?.generated).toEqual({ format: 'hex', size: 16, legacy: [] });
    expect(byKey.get('DKIM_PRIVATE_KEY_PATH')).toMatchObject({
      source: 'default',
      file: { path: 'ssl/dkim.key', rsaBits: 2048 },
    });
    expect(entries.filter((entry) => entry.generated).map((entry) => entry.key)).toEqual(
      expect.arrayContaining(GENERATED_KEYS),
    );
    expect(entries.filter((entry) => entry.source === 'generated')).toHaveLength(GENERATED_KEYS.length);
  });

  it('refuses what the grammar does not allow, naming the line', () => {
    expect(() => parseEnvDefaults('# @default\n\nA=1\n')).toThrow(/line 1: annotations must directly precede/);
    expect(() => parseEnvDefaults('# @default\n# prose\nA=1\n')).toThrow(/line 1/);
    expect(() => parseEnvDefaults('A=1\n')).toThrow(/line 1: A has no source annotation/);
    expect(() => parseEnvDefaults('# @default\n# @derived\nA=1\n')).toThrow(/more than one source/);
    expect(() => parseEnvDefaults('# @generated hex:08\nA=\n')).toThrow(/unknown annotation/);
    expect(() => parseEnvDefaults('# @generated hex:8 salt=1\nA=\n')).toThrow(/unknown or repeated option/);
    expect(() => parseEnvDefaults('# @default\nA=1\n# @default\nA=2\n')).toThrow(/line 4: A is defined twice/);
    expect(() => parseEnvDefaults('# @file ../key rsa:2048\n# @default\nA=1\n')).toThrow(/inside the install/);
    expect(() => parseEnvDefaults('# @default')).toThrow(/line 1: annotations at the end of the file/);
    expect(() => parseEnvDefaults('lowercase=1\n')).toThrow(/line 1: expected a comment/);
  });
});

describe('EnvFile', () => {
  it('reads values the way dotenv does: quotes removed, export tolerated, last assignment wins', () => {
    const file = EnvFile.parse(
      [
        '# comment',
        'PLAIN=abc',
        'DOUBLE="two words"',
        "SINGLE='x#y'",
        'export EXPORTED=yes',
        '  SPACED = padded  ',
        'COMMENTED=value # note',
        'HASH=a#b',
        '# HIDDEN=no',
        'TWICE=first',
        'TWICE=second',
        'EMPTY=',
        'CRLF=v\r',
      ].join('\n'),
    );
    expect(file.get('PLAIN')).toBe('abc');
    expect(file.get('DOUBLE')).toBe('two words');
    expect(file.get('SINGLE')).toBe('x#y');
    expect(file.get('EXPORTED')).toBe('yes');
    expect(file.get('SPACED')).toBe('padded');
    expect(file.get('COMMENTED')).toBe('value');
    expect(file.get('HASH')).toBe('a#b');
    expect(file.get('HIDDEN')).toBeUndefined();
    expect(file.get('TWICE')).toBe('second');
    expect(file.get('EMPTY')).toBe('');
    expect(file.has('EMPTY')).toBe(true);
    expect(file.get('CRLF')).toBe('v');
    expect(file.get('MISSING')).toBeUndefined();
  });

  it('changes only the line it sets, keeping export prefixes and CRLF endings', () => {
    const text = '# keep me\r\nexport A="quoted"\r\nB=1\r\nA=old\r\n  odd  =  "spacing"  \r\n';
    const file = EnvFile.parse(text);
    file.set('A', 'new');
    file.set('C', 'added');
    expect(file.toString()).toBe(
      '# keep me\r\nexport A="quoted"\r\nB=1\r\nA=new\r\n  odd  =  "spacing"  \r\nC=added\r\n',
    );
    const exported = EnvFile.parse('export KEY="x"\nOTHER=1');
    exported.set('KEY', 'y');
    exported.set('NEW', 'z');
    expect(exported.toString()).toBe('export KEY=y\nOTHER=1\nNEW=z\n');
  });

  it('serializes an untouched file byte for byte', () => {
    for (const text of ['', '\n', 'A=1', 'A=1\n\n\n', '#only\r\n', 'A=\'x\'  # c\n\tB = "y"\n']) {
      expect(EnvFile.parse(text).toString()).toBe(text);
    }
  });

  it('refuses values the .env readers disagree on, naming the key and not the value', () => {
    for (const unsafe of [' ', '\n', '\r', '\t', '#', '$', "'", '"', '`', '\\']) {
      const value = `zq${unsafe}secretzq`;
      const file = EnvFile.parse('KEY=old\n');
      const error = thrown(() => file.set('KEY', value));
      expect(error.code).toBe('stack.invalidOptions');
      expect(error.params).toEqual({ field: 'KEY' });
      expect(error.message).not.toContain(value);
      expect(file.toString()).toBe('KEY=old\n');
    }
    expect(thrown(() => EnvFile.parse('').set('BAD KEY', 'x')).params).toEqual({ field: 'BAD KEY' });
    const safe = EnvFile.parse('');
    safe.set('URL', 'https://{{DOMAIN}}/a,b+c=d');
    expect(safe.toString()).toBe('URL=https://{{DOMAIN}}/a,b+c=d\n');
  });
});

describe('secret generator', () => {
  it('makes hex:N as 2N lowercase hex digits and alnum:N over A-Za-z0-9', () => {
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(randomAlnum(32)).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(generateSecret({ format: 'hex', size: 32, suffix: ',' })).toMatch(/^[0-9a-f]{64},$/);
    expect(generateSecret({ format: 'alnum', size: 24 })).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(ALNUM_ALPHABET).toHaveLength(62);
    expect(new Set(ALNUM_ALPHABET).size).toBe(62);
    // Over many draws every character of the alphabet turns up.
    expect(new Set(randomAlnum(5000)).size).toBe(62);
  });

  it('throws away bytes of 248 and above instead of skewing the distribution', () => {
    let call = 0;
    const source = (size: number) => {
      call++;
      const bytes = call === 1 ? [248, 0, 255, 61, 62, 247] : [1];
      return Buffer.from(Array.from({ length: size }, (_, index) => bytes[index % bytes.length]!));
    };
    // 0 -> A, 61 -> 9, 62 -> A, 247 -> 247 % 62 = 61 -> 9; 248 and 255 are skipped.
    expect(randomAlnum(4, source)).toBe('A9A9');
    expect(() => randomAlnum(4, (size) => Buffer.alloc(size, 250))).toThrow(/out-of-range/);
  });
});

describe('mergeEnv', () => {
  let counter = 0;
  const generate = () => `gen${++counter}`;
  const fresh = (profile: 'full' | 'forwarding' = 'full') =>
    mergeEnv({
      existing: undefined,
      domain: 'example.com',
      profile,
      imageTag: 'v9.9.9',
      generate: () => randomAlnum(12),
    });

  it('writes a fresh .env from env.defaults, comments included, with inputs and secrets filled', () => {
    const result = fresh();
    const file = EnvFile.parse(result.text);
    expect(result.changed).toBe(true);
    expect(result.text.startsWith(ENV_DEFAULTS.split('DOMAIN=')[0]!)).toBe(true);
    expect(file.get('DOMAIN')).toBe('example.com');
    expect(file.get('COMPOSE_PROFILES')).toBe('storage');
    expect(file.get('IMAGE_TAG')).toBe('v9.9.9');
    expect(file.get('WEB_URL')).toBe('https://{{DOMAIN}}');
    expect(file.get('AWS_ACCESS_KEY_ID')).toBe('');
    for (const key of GENERATED_KEYS) expect(file.get(key), key).toMatch(/^[A-Za-z0-9]{12}$/);
    for (const entry of shippedEnvDefaults()) {
      expect(actionOf(result.changes, entry.key), entry.key).toBe(entry.generated ? 'generated' : 'added');
      expect(file.has(entry.key), entry.key).toBe(true);
    }
    // Every line that is not a value we filled is env.defaults' own line.
    const filled = new Set(['DOMAIN', 'IMAGE_TAG', ...GENERATED_KEYS]);
    const ours = result.text.split('\n');
    ENV_DEFAULTS.split('\n').forEach((line, index) => {
      if (!filled.has(line.split('=')[0]!)) expect(ours[index]).toBe(line);
    });
    expect(EnvFile.parse(fresh('forwarding').text).get('COMPOSE_PROFILES')).toBe('');
  });

  it('generates real secrets in the annotated formats by default', () => {
    const file = EnvFile.parse(
      mergeEnv({ existing: undefined, domain: 'example.com', profile: 'full', imageTag: 'v1.0.0' }).text,
    );
    expect(file.get('API_SECRETS')).toMatch(/^[0-9a-f]{64},$/);
    expect(file.get('TXT_ENCRYPTION_KEY')).toMatch(/^[0-9a-f]{32}$/);
    expect(file.get('HELPER_ENCRYPTION_KEY')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(file.get('AUTH_BASIC_PASSWORD')).toMatch(/^[A-Za-z0-9]{24}$/);
  });

  it('changes nothing on a re-run: byte-identical, every key kept, no release needed', () => {
    const first = fresh();
    expect(needsReleaseTag(first.text)).toBe(false);
    const again = mergeEnv({ existing: first.text, domain: 'example.com', profile: 'full', generate });
    expect(again.changed).toBe(false);
    expect(again.text).toBe(first.text);
    expect(again.changes.every((change) => change.action === 'kept')).toBe(true);
    // The domain as typed in another case is the same domain.
    expect(mergeEnv({ existing: first.text, domain: 'EXAMPLE.com', profile: 'full', generate }).changed).toBe(false);
  });

  it('replaces empty and legacy secrets and never rotates a real one', () => {
    const existing = [
      'DOMAIN=example.com',
      'IMAGE_TAG=v1.0.0',
      'COMPOSE_PROFILES=storage',
      'SMTP_TRANSPORT_PASS=Thisisapassword123',
      'API_SECRETS=secret,',
      'HELPER_ENCRYPTION_KEY=',
      'SRS_SECRET=alreadyThere123',
      'TXT_ENCRYPTION_KEY=deadbeef',
      '',
    ].join('\n');
    const result = mergeEnv({ existing, domain: 'example.com', profile: 'full', generate });
    const file = EnvFile.parse(result.text);
    expect(file.get('SMTP_TRANSPORT_PASS')).toMatch(/^gen\d+$/);
    expect(file.get('API_SECRETS')).toMatch(/^gen\d+$/);
    expect(file.get('HELPER_ENCRYPTION_KEY')).toMatch(/^gen\d+$/);
    expect(file.get('SRS_SECRET')).toBe('alreadyThere123');
    expect(file.get('TXT_ENCRYPTION_KEY')).toBe('deadbeef');
    expect(file.get('WEBHOOK_SIGNATURE_KEY')).toMatch(/^gen\d+$/);
    expect(actionOf(result.changes, 'SMTP_TRANSPORT_PASS')).toBe('generated');
    expect(actionOf(result.changes, 'WEBHOOK_SIGNATURE_KEY')).toBe('generated');
    expect(actionOf(result.changes, 'SRS_SECRET')).toBe('kept');
    expect(actionOf(result.changes, 'IMAGE_TAG')).toBe('kept');
    expect(file.get('IMAGE_TAG')).toBe('v1.0.0');
  });

  it('refuses to move an install to another domain, naming the field', () => {
    const existing = 'DOMAIN=old.example\nIMAGE_TAG=v1.0.0\n';
    const error = thrown(() => mergeEnv({ existing, domain: 'new.example', profile: 'full', generate }));
    expect(error.code).toBe('stack.domainMismatch');
    expect(error.params).toEqual({ field: 'domain', existing: 'old.example', requested: 'new.example' });
    // An empty DOMAIN is filled in.
    const empty = mergeEnv({
      existing: 'DOMAIN=\nIMAGE_TAG=v1.0.0\n',
      domain: 'new.example',
      profile: 'full',
      generate,
    });
    expect(EnvFile.parse(empty.text).get('DOMAIN')).toBe('new.example');
    expect(actionOf(empty.changes, 'DOMAIN')).toBe('set');
  });

  it('adds log rotation to an older .env and refuses a rotation value the engine would choke on', () => {
    const older = mergeEnv({
      existing: 'DOMAIN=mail.example\nIMAGE_TAG=v1.0.0\n',
      domain: 'mail.example',
      profile: 'full',
      generate,
    });
    expect(actionOf(older.changes, 'LOG_MAX_SIZE')).toBe('added');
    expect(EnvFile.parse(older.text).get('LOG_MAX_SIZE')).toBe('10m');
    expect(EnvFile.parse(older.text).get('LOG_MAX_FILE')).toBe('5');
    // The user's own values are kept when they parse, refused by name when they do not.
    const own = mergeEnv({
      existing: `${older.text}LOG_MAX_SIZE=50m\n`,
      domain: 'mail.example',
      profile: 'full',
      generate,
    });
    expect(EnvFile.parse(own.text).get('LOG_MAX_SIZE')).toBe('50m');
    const error = thrown(() =>
      mergeEnv({ existing: `${older.text}LOG_MAX_SIZE=50MB\n`, domain: 'mail.example', profile: 'full', generate }),
    );
    expect(error.code).toBe('stack.envValueInvalid');
    expect(error.params).toEqual({ key: 'LOG_MAX_SIZE', example: '10m' });
  });

  it('refuses an unsafe input value before producing anything', () => {
    const error = thrown(() => mergeEnv({ existing: undefined, domain: 'a b', profile: 'full', imageTag: 'v1.0.0' }));
    expect(error.code).toBe('stack.invalidOptions');
    expect(error.params).toEqual({ field: 'DOMAIN' });
    expect(() => mergeEnv({ existing: undefined, domain: 'x.example', profile: 'full', imageTag: 'v1$(id)' })).toThrow(
      /IMAGE_TAG/,
    );
  });

  it("follows the chosen profile and keeps the file's spelling when it already means it", () => {
    const base = 'DOMAIN=example.com\nIMAGE_TAG=v1.0.0\n';
    const toForwarding = mergeEnv({
      existing: `${base}COMPOSE_PROFILES=storage\n`,
      domain: 'example.com',
      profile: 'forwarding',
      generate,
    });
    expect(EnvFile.parse(toForwarding.text).get('COMPOSE_PROFILES')).toBe('');
    expect(actionOf(toForwarding.changes, 'COMPOSE_PROFILES')).toBe('set');
    const toFull = mergeEnv({
      existing: `${base}COMPOSE_PROFILES=\n`,
      domain: 'example.com',
      profile: 'full',
      generate,
    });
    expect(EnvFile.parse(toFull.text).get('COMPOSE_PROFILES')).toBe('storage');
    const spelled = mergeEnv({
      existing: `${base}COMPOSE_PROFILES=storage,extra\n`,
      domain: 'example.com',
      profile: 'full',
      generate,
    });
    expect(actionOf(spelled.changes, 'COMPOSE_PROFILES')).toBe('kept');
    const missing = mergeEnv({ existing: base, domain: 'example.com', profile: 'forwarding', generate });
    expect(actionOf(missing.changes, 'COMPOSE_PROFILES')).toBe('added');
    expect(EnvFile.parse(missing.text).get('COMPOSE_PROFILES')).toBe('');
  });

  it('writes IMAGE_TAG only when missing or empty, and needs the release then', () => {
    expect(needsReleaseTag(undefined)).toBe(true);
    expect(needsReleaseTag('')).toBe(true);
    expect(needsReleaseTag('DOMAIN=example.com\n')).toBe(true);
    expect(needsReleaseTag('IMAGE_TAG=\n')).toBe(true);
    expect(needsReleaseTag('IMAGE_TAG=v1.0.0\n')).toBe(false);
    expect(() => mergeEnv({ existing: 'IMAGE_TAG=\n', domain: 'example.com', profile: 'full', generate })).toThrow(
      /no release tag/,
    );
    const set = mergeEnv({
      existing: 'IMAGE_TAG=\n',
      domain: 'example.com',
      profile: 'full',
      imageTag: 'v2.0.0',
      generate,
    });
    expect(EnvFile.parse(set.text).get('IMAGE_TAG')).toBe('v2.0.0');
    expect(actionOf(set.changes, 'IMAGE_TAG')).toBe('set');
  });

  it("adopts upstream's .env: unknown keys, odd lines and base64 passwords kept byte for byte", () => {
    const upstream = [
      '# Forward Email self-hosted (written by setup.sh)',
      'NODE_ENV=production',
      'DOMAIN="Example.com"',
      'export WEB_URL=https://{{DOMAIN}}',
      'APPLE_TEAM_ID=',
      'SOME_UPSTREAM_ONLY_KEY="quoted value with spaces"',
      "SINGLE='odd'   # trailing comment",
      'AUTH_BASIC_USERNAME=admin',
      'AUTH_BASIC_PASSWORD=q+3/xY9aB0cD1eF2gH3iJ4==',
      'HELPER_ENCRYPTION_KEY=abcdefghijklmnopqrstuvwxyzABCDEF',
      'API_SECRETS=secret,',
      'AWS_ACCESS_KEY_ID=AKIAEXISTING',
      'IMAGE_TAG=v1.0.0',
      '',
      '   ',
      'MONGO_HOST=localhost',
    ].join('\n');
    const result = mergeEnv({ existing: upstream, domain: 'example.com', profile: 'full', generate });
    const lines = result.text.split('\n');
    upstream.split('\n').forEach((line, index) => {
      if (line.startsWith('API_SECRETS=')) expect(lines[index]).toMatch(/^API_SECRETS=gen\d+$/);
      else expect(lines[index], `line ${index + 1}`).toBe(line);
    });
    const file = EnvFile.parse(result.text);
    expect(file.get('AUTH_BASIC_PASSWORD')).toBe('q+3/xY9aB0cD1eF2gH3iJ4==');
    expect(file.get('MONGO_HOST')).toBe('localhost');
    expect(file.get('AWS_ACCESS_KEY_ID')).toBe('AKIAEXISTING');
    expect(file.get('AWS_SECRET_ACCESS_KEY')).toBe('');
    expect(file.get('COMPOSE_PROFILES')).toBe('storage');
    expect(file.get('LOGS_MONGO_HOST')).toBe('127.0.0.1');
    expect(actionOf(result.changes, 'DOMAIN')).toBe('kept');
    expect(actionOf(result.changes, 'AUTH_BASIC_PASSWORD')).toBe('kept');
    expect(actionOf(result.changes, 'AWS_ACCESS_KEY_ID')).toBe('kept');
    expect(actionOf(result.changes, 'AWS_SECRET_ACCESS_KEY')).toBe('added');
    expect(actionOf(result.changes, 'APPLE_TEAM_ID')).toBeUndefined();
    // The appended keys come after the last original line, which got the newline it lacked.
    expect(lines[upstream.split('\n').length - 1]).toBe('MONGO_HOST=localhost');
    expect(result.text.endsWith('\n')).toBe(true);
    // And adopting it twice changes nothing more.
    expect(mergeEnv({ existing: result.text, domain: 'example.com', profile: 'full', generate }).changed).toBe(false);
  });
});

describe('release feed', () => {
  let server: Server;
  let base = '';
  const answers: Record<string, (res: ServerResponse) => void> = {
    '/latest': (res) => res.end(JSON.stringify({ tag_name: 'v1.2.3', assets: [] }, null, 2)),
    '/bare': (res) => res.end('{"tag_name":"2.0.0-rc.1"}'),
    '/latest-word': (res) => res.end('{"tag_name":"latest"}'),
    '/injection': (res) => res.end('{"tag_name":"v1.2.3 $(reboot)"}'),
    '/no-tag': (res) => res.end('{"name":"v1.2.3"}'),
    '/not-json': (res) => res.end('{"tag_name": "v1.'),
    '/error': (res) => {
      res.statusCode = 500;
      res.end('oops');
    },
    '/slow': () => {},
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const answer = answers[new URL(req.url ?? '/', 'http://feed').pathname];
      if (answer) answer(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    const agentError = error as AppError;
    expect(agentError.code).toBe('stack.releaseFeedFailed');
    expect(agentError.retryable).toBe(true);
    return agentError;
  };

  it('resolves the tag_name of a GitHub-shaped answer', async () => {
    await expect(resolveLatestReleaseTag(`${base}/latest`)).resolves.toBe('v1.2.3');
    await expect(resolveLatestReleaseTag(`${base}/bare`)).resolves.toBe('2.0.0-rc.1');
  });

  it('fails retryably on anything that is not a release tag', async () => {
    expect((await failure(resolveLatestReleaseTag(`${base}/latest-word`))).detail).toMatch(/not a release tag/);
    await failure(resolveLatestReleaseTag(`${base}/injection`));
    expect((await failure(resolveLatestReleaseTag(`${base}/no-tag`))).detail).toMatch(/no tag_name/);
    expect((await failure(resolveLatestReleaseTag(`${base}/not-json`))).detail).toMatch(/not JSON/);
    expect((await failure(resolveLatestReleaseTag(`${base}/error?token=hidden`))).detail).toMatch(/HTTP 500/);
    expect((await failure(resolveLatestReleaseTag(`${base}/error?token=hidden`))).detail).not.toMatch(/hidden/);
    expect((await failure(resolveLatestReleaseTag(`${base}/slow`, { timeoutMs: 300 }))).detail).toMatch(/no answer/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await failure(resolveLatestReleaseTag(`http://127.0.0.1:${closedPort}/latest`))).detail).toMatch(
      /ECONNREFUSED/,
    );
  });

  it('stops as cancelled, not as a feed failure, when the job is cancelled', async () => {
    const controller = new AbortController();
    const pending = resolveLatestReleaseTag(`${base}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.not.toBeInstanceOf(AppError);
  });
});
