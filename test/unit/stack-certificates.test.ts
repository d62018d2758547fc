// The certificates step and its helpers, without a real ACME server: certbot and docker are small fakes
// put first on PATH (the real certbot against the world's pebble is test/integration/stack-certificates),
// certificates are made with openssl, and every path lives under a temporary directory.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import type { StepContext } from '../../remote-agent/src/jobs/steps.js';
import { installAcmeCaBundle } from '../../remote-agent/src/stack/certificates/acme-ca-bundle.js';
import {
  certbotArgs,
  httpChallengeArgs,
  manualChallengeArgs,
} from '../../remote-agent/src/stack/certificates/certbot-args.js';
import { certificateNames, HTTP_CERTIFICATE_LABELS, uncoveredNames } from '../../common/stack/certificate-names.js';
import {
  certificateProblems,
  readCertificateState,
} from '../../remote-agent/src/stack/certificates/certificate-state.js';
import {
  dnsPluginCredentials,
  writeCredentialsFile,
} from '../../remote-agent/src/stack/certificates/credentials-files.js';
import {
  CERTIFICATE_USER_CONTAINERS,
  DEPLOY_HOOK_SCRIPT,
} from '../../remote-agent/src/stack/certificates/deploy-hook.js';
import {
  confirmDnsChallenge,
  dnsChallengeDir,
  MANUAL_AUTH_HOOK_SCRIPT,
  parseChallengeRecords,
  prepareChallengeDir,
} from '../../remote-agent/src/stack/certificates/manual-dns.js';
import {
  parseRenewalParams,
  sameDirectoryUrl,
  standaloneToWebroot,
} from '../../remote-agent/src/stack/certificates/renewal-config.js';
import type { InstallContext } from '../../remote-agent/src/stack/install-step.js';
import { CERTIFICATE_USERS } from '../../common/stack/services.js';
import {
  StackOptionsSchema,
  type CertificateOptions,
  type StackEnvironment,
} from '../../common/stack/stack-contract.js';
import { stackPaths, type StackPaths } from '../../remote-agent/src/stack/stack-paths.js';
import { certificatesStep } from '../../remote-agent/src/stack/steps/certificates.js';
import { selfSignedCertificate } from '../support/self-signed-certificate.js';

const DIRECTORY_URL = 'https://acme.test:14000/dir';
const TOKEN = 'cf-token_0123456789abcdefXYZ';
const AWS_KEY_ID = 'AKIAEXAMPLEKEY123456';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const top = mkdtempSync(path.join(tmpdir(), 'mh-certificates-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));

let counter = 0;
function freshDir(name: string): string {
  const dir = path.join(top, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A self-signed certificate for these names, valid `days` days: [key, cert] PEM. */
function makeCertificate(names: string[], days: number): { key: string; cert: string } {
  return selfSignedCertificate(freshDir('openssl'), names, days);
}

function pathsIn(dir: string): StackPaths {
  return stackPaths({ MAILHARBOR_STACK_DIR: path.join(dir, 'stack'), MAILHARBOR_SYSTEM_ROOT: path.join(dir, 'root') });
}

function environment(caBundlePem?: string): StackEnvironment {
  return {
    acme: { directoryUrl: DIRECTORY_URL, ...(caBundlePem ? { caBundlePem } : {}) },
    releaseFeedUrl: 'https://releases.test/latest',
    imageRegistry: 'registry.test:5000',
    dockerHubMirror: 'registry.test:5000/library',
    dockerAptRepository: 'https://download.docker.test/linux',
  };
}

function install(dir: string, certificates: CertificateOptions, caBundlePem?: string): InstallContext {
  const options = StackOptionsSchema.parse({
    domain: 'example.test',
    email: 'admin@example.test',
    profile: 'full',
    certificates,
  });
  return { options, environment: environment(caBundlePem), paths: pathsIn(dir) };
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('names', () => {
  it('HTTP-01 asks for upstream setup.sh names; the DNS methods for the domain and its wildcard', () => {
    expect(certificateNames('http', 'example.com')).toEqual([
      'example.com',
      'mx.example.com',
      'smtp.example.com',
      'imap.example.com',
      'pop3.example.com',
      'api.example.com',
      'caldav.example.com',
      'carddav.example.com',
    ]);
    for (const method of ['cloudflare', 'digitalocean', 'route53', 'manual'] as const) {
      expect(certificateNames(method, 'example.com')).toEqual(['example.com', '*.example.com']);
    }
  });

  it('every HTTP-01 label is a hostname of the compose file (sqlite is internal only)', () => {
    const compose = readFileSync(path.resolve(import.meta.dirname, '../../mail-stack/docker-compose.yml'), 'utf8');
    const hostnames = new Set([...compose.matchAll(/hostname: '([a-z0-9]+)\.\$\{DOMAIN\}'/g)].map((m) => m[1]));
    for (const label of HTTP_CERTIFICATE_LABELS) expect(hostnames).toContain(label);
    expect([...hostnames].filter((label) => !(HTTP_CERTIFICATE_LABELS as readonly string[]).includes(label!))).toEqual([
      'sqlite',
    ]);
  });

  it('a wildcard covers exactly one label; a required wildcard needs the wildcard itself', () => {
    const present = ['example.com', '*.example.com'];
    expect(uncoveredNames(certificateNames('http', 'example.com'), present)).toEqual([]);
    expect(uncoveredNames(['a.b.example.com', '*.example.com', 'EXAMPLE.COM'], present)).toEqual(['a.b.example.com']);
    expect(uncoveredNames(['*.example.com'], ['example.com', 'mx.example.com'])).toEqual(['*.example.com']);
  });
});

describe('certbot arguments', () => {
  const dir = freshDir('args');

  it('HTTP-01: standalone before the stack runs, the webroot once nginx holds port 80', () => {
    const context = install(dir, { method: 'http' });
    const names = certificateNames('http', 'example.test');
    const args = certbotArgs({
      ...context,
      names,
      challengeArgs: httpChallengeArgs({ kind: 'standalone' }),
      forceRenewal: false,
    });
    expect(args.slice(0, 12)).toEqual([
      'certonly',
      '--non-interactive',
      '--agree-tos',
      '-m',
      'admin@example.test',
      '--server',
      DIRECTORY_URL,
      '--cert-name',
      'example.test',
      '--keep-until-expiring',
      '--expand',
      '-d',
    ]);
    expect(args.filter((_, index) => args[index - 1] === '-d')).toEqual(names);
    expect(args[args.indexOf('--deploy-hook') + 1]).toBe(context.paths.deployHook);
    expect(args[args.indexOf('--config-dir') + 1]).toBe(context.paths.letsencryptDir);
    expect(args.slice(-3)).toEqual(['--standalone', '--preferred-challenges', 'http']);
    expect(httpChallengeArgs({ kind: 'webroot', webroot: context.paths.acmeWebroot })).toEqual([
      '--webroot',
      '-w',
      context.paths.acmeWebroot,
      '--preferred-challenges',
      'http',
    ]);
    const forced = certbotArgs({ ...context, names, challengeArgs: [], forceRenewal: true });
    expect(forced).toContain('--force-renewal');
    expect(forced).not.toContain('--keep-until-expiring');
  });

  it('DNS plugins: the token goes to a 0600 file and the AWS keys to the environment, never into the arguments', async () => {
    const context = install(dir, { method: 'cloudflare', apiToken: TOKEN });
    const cloudflare = dnsPluginCredentials(context.options.certificates, context.paths)!;
    const iniFile = path.join(context.paths.rootHome, '.cloudflare.ini');
    expect(cloudflare.args).toEqual(['--dns-cloudflare', '--dns-cloudflare-credentials', iniFile]);
    expect(await writeCredentialsFile(cloudflare)).toBe('create');
    expect(readFileSync(iniFile, 'utf8')).toBe(`dns_cloudflare_api_token = ${TOKEN}\n`);
    expect(mode(iniFile)).toBe(0o600);
    expect(await writeCredentialsFile(cloudflare)).toBe('keep');

    const digitalocean = dnsPluginCredentials({ method: 'digitalocean', apiToken: TOKEN }, context.paths)!;
    expect(digitalocean.args).toEqual([
      '--dns-digitalocean',
      '--dns-digitalocean-credentials',
      path.join(context.paths.rootHome, '.digitalocean.ini'),
    ]);
    expect(digitalocean.file?.content).toBe(`dns_digitalocean_token = ${TOKEN}\n`);

    const route53 = dnsPluginCredentials(
      { method: 'route53', accessKeyId: AWS_KEY_ID, secretAccessKey: AWS_SECRET },
      context.paths,
    )!;
    expect(route53.args).toEqual(['--dns-route53']);
    // Also in root's AWS credentials file: certbot's renewal timer has no environment of ours.
    expect(route53.file?.path).toBe(path.join(context.paths.rootHome, '.aws', 'credentials'));
    expect(route53.file?.content).toContain(`aws_secret_access_key = ${AWS_SECRET}`);
    expect(route53.env).toEqual({ AWS_ACCESS_KEY_ID: AWS_KEY_ID, AWS_SECRET_ACCESS_KEY: AWS_SECRET });
    const args = certbotArgs({
      ...context,
      names: ['example.test', '*.example.test'],
      challengeArgs: route53.args,
      forceRenewal: false,
    });
    expect(args.join(' ')).not.toMatch(new RegExp(`${TOKEN}|${AWS_SECRET.slice(0, 12)}|${AWS_KEY_ID}`));
  });

  it('manual: the two hooks; a path certbot would hand to a shell must be plain', () => {
    expect(manualChallengeArgs({ auth: '/etc/mailharbor/a.sh', cleanup: '/etc/mailharbor/c.sh' })).toEqual([
      '--manual',
      '--preferred-challenges',
      'dns',
      '--manual-auth-hook',
      '/etc/mailharbor/a.sh',
      '--manual-cleanup-hook',
      '/etc/mailharbor/c.sh',
    ]);
    expect(() => manualChallengeArgs({ auth: '/tmp/my hooks/a.sh', cleanup: '/c.sh' })).toThrow(/manual auth hook/);
    expect(() => httpChallengeArgs({ kind: 'webroot', webroot: '/srv/$(id)' })).toThrow(/paths.acmeWebroot/);
  });

  it('a CA bundle for the ACME server is written and given as REQUESTS_CA_BUNDLE; a bad one names the field', async () => {
    const context = install(freshDir('ca'), { method: 'http' });
    const { cert } = makeCertificate(['ca.test'], 30);
    const env = await installAcmeCaBundle(environment(cert), context.paths);
    expect(env).toEqual({ REQUESTS_CA_BUNDLE: path.join(context.paths.agentEtcDir, 'acme-ca.pem') });
    expect(readFileSync(env.REQUESTS_CA_BUNDLE!, 'utf8')).toBe(cert);
    expect(await installAcmeCaBundle(environment(), context.paths)).toEqual({});
    await expect(installAcmeCaBundle(environment('not a pem'), context.paths)).rejects.toMatchObject({
      code: 'stack.invalidOptions',
      params: { field: 'environment.acme.caBundlePem' },
    });
  });
});

describe('renewal configuration', () => {
  const conf = [
    'version = 2.1.0',
    'archive_dir = /etc/letsencrypt/archive/example.test',
    '',
    '# Options used in the renewal process',
    '[renewalparams]',
    'account = 0123',
    'authenticator = standalone',
    'server = https://acme.test:14000/dir/',
    'renew_hook = /root/forwardemail.net/self-hosting/mailharbor-deploy-certs.sh',
    '',
  ].join('\n');

  it('reads the server and the authenticator of [renewalparams]', () => {
    expect(parseRenewalParams(conf)).toEqual({
      authenticator: 'standalone',
      server: 'https://acme.test:14000/dir/',
    });
    expect(sameDirectoryUrl('https://acme.test:14000/dir/', DIRECTORY_URL)).toBe(true);
    expect(sameDirectoryUrl('https://ACME.test:14000/dir', DIRECTORY_URL)).toBe(true);
    expect(sameDirectoryUrl('https://acme-v02.api.letsencrypt.org/directory', DIRECTORY_URL)).toBe(false);
  });

  it('a --standalone renewal is switched to the webroot; others are left alone', () => {
    const rewritten = standaloneToWebroot(conf, '/srv/acme-webroot')!;
    expect(parseRenewalParams(rewritten).authenticator).toBe('webroot');
    expect(rewritten).toContain('authenticator = webroot\nwebroot_path = /srv/acme-webroot,\nserver =');
    expect(
      rewritten.replace('authenticator = webroot\nwebroot_path = /srv/acme-webroot,', 'authenticator = standalone'),
    ).toBe(conf);
    expect(standaloneToWebroot(rewritten, '/srv/acme-webroot')).toBeUndefined();
  });
});

describe('certificate state', () => {
  function writeLineage(paths: StackPaths, names: string[], days: number, renewal: string) {
    const live = path.join(paths.letsencryptDir, 'live', 'example.test');
    mkdirSync(live, { recursive: true });
    const { cert } = makeCertificate(names, days);
    writeFileSync(path.join(live, 'fullchain.pem'), cert);
    mkdirSync(path.join(paths.letsencryptDir, 'renewal'), { recursive: true });
    writeFileSync(path.join(paths.letsencryptDir, 'renewal', 'example.test.conf'), renewal);
  }
  const wanted = { names: ['example.test', '*.example.test'], directoryUrl: DIRECTORY_URL, authenticator: 'manual' };
  const renewal = (server: string, authenticator: string) =>
    `[renewalparams]\nauthenticator = ${authenticator}\nserver = ${server}\n`;

  it('a valid certificate for every name from this server, renewed this way, has no problem', async () => {
    const paths = pathsIn(freshDir('state'));
    expect(certificateProblems(await readCertificateState(paths, 'example.test'), wanted)).toEqual([
      'no certificate yet',
    ]);
    writeLineage(paths, ['example.test', '*.example.test'], 90, renewal(DIRECTORY_URL, 'manual'));
    const state = await readCertificateState(paths, 'example.test');
    expect(state.names).toEqual(['example.test', '*.example.test']);
    expect(certificateProblems(state, wanted)).toEqual([]);
  });

  it('names missing, expiry within 30 days, another ACME server and another method are each a problem', async () => {
    const paths = pathsIn(freshDir('state'));
    writeLineage(paths, ['example.test'], 20, renewal('https://acme-v02.api.letsencrypt.org/directory', 'webroot'));
    const problems = certificateProblems(await readCertificateState(paths, 'example.test'), wanted);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe('does not name *.example.test');
    expect(problems[1]).toMatch(/^expires .* \(19 days left\)$/);
    expect(problems[2]).toMatch(/letsencrypt.org.*not https:\/\/acme.test/);
    expect(problems[3]).toBe('renews with webroot, not manual');
  });
});

describe('the deploy hook', () => {
  it('restarts exactly the services that read the certificate (services.ts), by container name', () => {
    expect(CERTIFICATE_USER_CONTAINERS).toEqual(CERTIFICATE_USERS); // container names equal service names
    expect(CERTIFICATE_USER_CONTAINERS).not.toContain('sni-router');
    for (const name of CERTIFICATE_USER_CONTAINERS) expect(name).toMatch(/^[a-z0-9_-]+$/);
    expect(DEPLOY_HOOK_SCRIPT).toContain(`for container in ${CERTIFICATE_USER_CONTAINERS.join(' ')}; do`);
  });

  it('copies the lineage dereferenced into ssl/ beside itself (privkey 0600) and restarts the running users', () => {
    const dir = freshDir('hook');
    const stack = path.join(dir, 'stack');
    const archive = path.join(dir, 'archive');
    const live = path.join(dir, 'live');
    const bin = path.join(dir, 'bin');
    for (const d of [stack, archive, live, bin]) mkdirSync(d);
    for (const name of ['privkey', 'fullchain', 'chain', 'cert']) {
      writeFileSync(path.join(archive, `${name}1.pem`), `${name} content\n`);
      symlinkSync(path.join(archive, `${name}1.pem`), path.join(live, `${name}.pem`));
    }
    const dockerLog = path.join(dir, 'docker.log');
    writeFileSync(
      path.join(bin, 'docker'),
      `#!/bin/sh\necho "$*" >> "${dockerLog}"\nif [ "$1" = ps ]; then printf 'sni-router\\nweb\\nmongodb\\nimap\\nweb-old\\n'; fi\n`,
      { mode: 0o755 },
    );
    const hook = path.join(stack, 'deploy.sh');
    writeFileSync(hook, DEPLOY_HOOK_SCRIPT, { mode: 0o700 });
    const result = spawnSync(hook, [], {
      env: { PATH: `${bin}:/usr/bin:/bin`, RENEWED_LINEAGE: live },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    for (const name of ['privkey', 'fullchain', 'chain', 'cert']) {
      const copy = path.join(stack, 'ssl', `${name}.pem`);
      expect(lstatSync(copy).isFile()).toBe(true);
      expect(readFileSync(copy, 'utf8')).toBe(`${name} content\n`);
      expect(mode(copy)).toBe(name === 'privkey' ? 0o600 : 0o644);
    }
    expect(readdirSync(path.join(stack, 'ssl')).sort()).toEqual([
      'cert.pem',
      'chain.pem',
      'fullchain.pem',
      'privkey.pem',
    ]);
    expect(readFileSync(dockerLog, 'utf8').trim().split('\n')).toEqual(['ps --format {{.Names}}', 'restart web imap']);
  });

  it('fails without RENEWED_LINEAGE instead of copying from nowhere', () => {
    const dir = freshDir('hook');
    const hook = path.join(dir, 'deploy.sh');
    writeFileSync(hook, DEPLOY_HOOK_SCRIPT, { mode: 0o700 });
    const result = spawnSync(hook, [], { env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/RENEWED_LINEAGE/);
  });
});

describe('the manual DNS hook and its confirmation', () => {
  const jobId = 'j-manual-0001';

  function runHook(dir: string | undefined, domain: string, value: string, remaining: number, timeout = '30') {
    const hook = path.join(top, 'manual-auth-hook.sh');
    writeFileSync(hook, MANUAL_AUTH_HOOK_SCRIPT, { mode: 0o700 });
    return spawn(hook, [], {
      env: {
        PATH: '/usr/bin:/bin',
        ...(dir ? { MAILHARBOR_DNS_CHALLENGE_DIR: dir } : {}),
        MAILHARBOR_DNS_CONFIRM_TIMEOUT_SECONDS: timeout,
        CERTBOT_DOMAIN: domain,
        CERTBOT_VALIDATION: value,
        CERTBOT_REMAINING_CHALLENGES: String(remaining),
      },
      stdio: 'ignore',
    });
  }
  const exitOf = (child: ReturnType<typeof spawn>) =>
    new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  it('writes one record per challenge and waits at the last one until the confirmation', async () => {
    const root = freshDir('state');
    expect(confirmDnsChallenge({ root }, jobId)).toBe(false);
    const dir = await prepareChallengeDir(root, jobId);
    expect(dir).toBe(dnsChallengeDir(root, jobId));
    expect(await exitOf(runHook(dir, 'example.test', 'first-value_AAAA', 1))).toBe(0);
    // not ready yet: nothing can be confirmed
    expect(confirmDnsChallenge({ root }, jobId)).toBe(false);
    const last = runHook(dir, '*.example.test', 'second-value_BBBB', 0);
    const exited = exitOf(last);
    for (let i = 0; i < 50 && !existsSync(path.join(dir, 'ready')); i++) await new Promise((r) => setTimeout(r, 100));
    expect(parseChallengeRecords(readFileSync(path.join(dir, 'challenges'), 'utf8'))).toEqual([
      { name: '_acme-challenge.example.test', value: 'first-value_AAAA' },
      { name: '_acme-challenge.example.test', value: 'second-value_BBBB' },
    ]);
    expect(confirmDnsChallenge({ root }, jobId)).toBe(true);
    expect(await exited).toBe(0);
  });

  it('gives up after its time limit and leaves a timed-out mark; without the directory it fails at once', async () => {
    const root = freshDir('state');
    const dir = await prepareChallengeDir(root, jobId);
    const started = Date.now();
    expect(await exitOf(runHook(dir, 'example.test', 'value_CCCC', 0, '2'))).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(existsSync(path.join(dir, 'timed-out'))).toBe(true);
    expect(await exitOf(runHook(undefined, 'example.test', 'value_DDDD', 0))).toBe(1);
  });

  it('a new challenge directory removes every other job’s; job ids cannot leave the directory', async () => {
    const root = freshDir('state');
    await prepareChallengeDir(root, 'j-old-job-0001');
    writeFileSync(path.join(dnsChallengeDir(root, 'j-old-job-0001'), 'ready'), '');
    await prepareChallengeDir(root, jobId);
    expect(readdirSync(path.join(root, 'dns-challenge'))).toEqual([jobId]);
    expect(() => dnsChallengeDir(root, '../../etc')).toThrow();
    expect(
      parseChallengeRecords('_acme-challenge.x.test ok_value\nrm -rf / now\n_acme-challenge.x.test bad"value\n'),
    ).toEqual([{ name: '_acme-challenge.x.test', value: 'ok_value' }]);
  });
});

// ---- The step, with certbot and docker faked on PATH ---------------------------------------------------

/**
 * A certbot that behaves like the real one for what the step relies on: certonly with --cert-name, -d,
 * --keep-until-expiring/--force-renewal, the authenticator flags, hooks run through the shell, a lineage
 * of symlinks into archive/, a renewal config, the deploy hook after an issuance. Records each call.
 */
const FAKE_CERTBOT = `#!/usr/bin/env node
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const value = (flag) => args[args.indexOf(flag) + 1];
const names = args.filter((_, i) => args[i - 1] === '-d');
fs.appendFileSync(process.env.FAKE_CERTBOT_CALLS, JSON.stringify({ args, env: {
  REQUESTS_CA_BUNDLE: process.env.REQUESTS_CA_BUNDLE, AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY } }) + '\\n');
const logs = value('--logs-dir');
fs.mkdirSync(logs, { recursive: true });
if (process.env.FAKE_CERTBOT_FAIL) {
  fs.appendFileSync(path.join(logs, 'letsencrypt.log'), 'acme error: urn:ietf:params:acme:error:unauthorized: 404 for /.well-known\\n');
  console.error('Some challenges have failed.');
  process.exit(1);
}
const config = value('--config-dir');
const certName = value('--cert-name');
const live = path.join(config, 'live', certName);
const archive = path.join(config, 'archive', certName);
const namesFile = path.join(archive, 'names.json');
if (args.includes('--keep-until-expiring') && fs.existsSync(namesFile) &&
    JSON.stringify(JSON.parse(fs.readFileSync(namesFile, 'utf8')).sort()) === JSON.stringify([...names].sort())) {
  console.log('Certificate not yet due for renewal; no action taken.');
  process.exit(0);
}
const authenticator = args.includes('--standalone') ? 'standalone' : args.includes('--webroot') ? 'webroot'
  : args.includes('--manual') ? 'manual' : (args.find((a) => /^--dns-[a-z0-9]+$/.test(a)) || '--none').slice(2);
if (authenticator === 'manual') {
  names.forEach((name, i) => {
    const r = spawnSync(value('--manual-auth-hook'), { shell: true, stdio: 'inherit', env: { ...process.env,
      CERTBOT_DOMAIN: name.replace(/^\\*\\./, ''), CERTBOT_VALIDATION: 'validation_' + i + '_' + certName.replace(/\\W/g, ''),
      CERTBOT_REMAINING_CHALLENGES: String(names.length - 1 - i) } });
    if (r.status !== 0) { console.error('manual-auth-hook command returned error code ' + r.status); process.exit(1); }
  });
}
fs.mkdirSync(archive, { recursive: true });
const n = fs.readdirSync(archive).filter((f) => f.startsWith('cert')).length + 1;
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
  '-keyout', path.join(archive, 'privkey' + n + '.pem'), '-out', path.join(archive, 'cert' + n + '.pem'),
  '-days', process.env.FAKE_CERTBOT_DAYS || '90', '-subj', '/CN=' + certName,
  '-addext', 'subjectAltName=' + names.map((d) => 'DNS:' + d).join(',')], { stdio: 'ignore' });
const cert = fs.readFileSync(path.join(archive, 'cert' + n + '.pem'));
fs.writeFileSync(path.join(archive, 'chain' + n + '.pem'), cert);
fs.writeFileSync(path.join(archive, 'fullchain' + n + '.pem'), Buffer.concat([cert, cert]));
fs.writeFileSync(namesFile, JSON.stringify(names));
fs.mkdirSync(live, { recursive: true });
for (const f of ['privkey', 'cert', 'chain', 'fullchain']) {
  fs.rmSync(path.join(live, f + '.pem'), { force: true });
  fs.symlinkSync(path.join('..', '..', 'archive', certName, f + n + '.pem'), path.join(live, f + '.pem'));
}
fs.mkdirSync(path.join(config, 'renewal'), { recursive: true });
fs.writeFileSync(path.join(config, 'renewal', certName + '.conf'), ['version = fake', '[renewalparams]',
  'account = 1', 'authenticator = ' + authenticator, 'server = ' + value('--server'),
  ...(authenticator === 'webroot' ? ['webroot_path = ' + value('-w') + ','] : []),
  'renew_hook = ' + value('--deploy-hook'), ''].join('\\n'));
const hook = spawnSync(value('--deploy-hook'), { shell: true, encoding: 'utf8', env: { ...process.env, RENEWED_LINEAGE: live } });
if (hook.status !== 0) console.error('Hook command "' + value('--deploy-hook') + '" returned error code ' + hook.status);
console.log('Successfully received certificate.');
`;

describe('the certificates step', () => {
  const bin = freshDir('bin');
  const calls = path.join(bin, 'calls.jsonl');
  const dockerLog = path.join(bin, 'docker.log');
  const saved = { ...process.env };

  beforeAll(() => {
    writeFileSync(path.join(bin, 'certbot'), FAKE_CERTBOT, { mode: 0o755 });
    writeFileSync(
      path.join(bin, 'docker'),
      `#!/bin/sh\necho "$*" >> "${dockerLog}"\nif [ "$1" = ps ]; then printf '%s\\n' $FAKE_DOCKER_RUNNING; fi\n`,
      { mode: 0o755 },
    );
  });
  beforeEach(() => {
    process.env.PATH = `${bin}:${saved.PATH}`;
    process.env.FAKE_CERTBOT_CALLS = calls;
    process.env.FAKE_DOCKER_RUNNING = '';
    process.env.MAILHARBOR_AGENT_STATE_DIR = freshDir('agent-state');
    rmSync(calls, { force: true });
    rmSync(dockerLog, { force: true });
  });
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  interface Journal {
    logs: string[];
    waiting: { name: string; value: string }[][];
  }
  function stepContext(jobId = 'j-cert-test-0001'): StepContext & { journal: Journal } {
    const journal: Journal = { logs: [], waiting: [] };
    return {
      jobId,
      attempt: 1,
      workDir: freshDir('work'),
      signal: new AbortController().signal,
      progress: () => undefined,
      log: (text) => journal.logs.push(text),
      waiting: (records) => journal.waiting.push(records),
      journal,
    };
  }
  const certbotCalls = () =>
    existsSync(calls)
      ? readFileSync(calls, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { args: string[]; env: Record<string, string | undefined> })
      : [];

  it('HTTP-01: issues, copies into ssl/, installs the deploy hook, renews through the webroot; a re-run is done', async () => {
    const context = install(freshDir('step'), { method: 'http' });
    const step = stepContext();
    expect(await certificatesStep.check(context, step)).toBe(false);
    const plan = await certificatesStep.plan(context);
    expect(plan[0]).toMatchObject({
      kind: 'certificate',
      action: 'create',
      target: certificateNames('http', 'example.test').join(', '),
    });
    expect(plan.map((change) => change.target)).toContain(context.paths.deployHook);

    await certificatesStep.run(context, step);
    const [call, ...more] = certbotCalls();
    expect(more).toEqual([]);
    expect(call!.args).toContain('--keep-until-expiring');
    // port 80 decides; on this machine it may be free (standalone) or held (webroot)
    expect(call!.args.includes('--standalone') || call!.args.includes('--webroot')).toBe(true);
    const renewal = readFileSync(path.join(context.paths.letsencryptDir, 'renewal', 'example.test.conf'), 'utf8');
    expect(parseRenewalParams(renewal).authenticator).toBe('webroot');
    expect(renewal).toContain(`webroot_path = ${context.paths.acmeWebroot},`);
    for (const file of ['privkey.pem', 'fullchain.pem', 'chain.pem', 'cert.pem']) {
      const copy = path.join(context.paths.sslDir, file);
      expect(lstatSync(copy).isFile()).toBe(true);
      expect(mode(copy)).toBe(file === 'privkey.pem' ? 0o600 : 0o644);
    }
    expect(readFileSync(context.paths.deployHook, 'utf8')).toBe(DEPLOY_HOOK_SCRIPT);
    expect(mode(context.paths.deployHook)).toBe(0o700);

    expect(await certificatesStep.check(context, step)).toBe(true);
    expect((await certificatesStep.plan(context)).every((change) => change.action === 'keep')).toBe(true);
  });

  it('stale ssl/ copies only: no certbot, the files are put back and the running users restarted', async () => {
    const context = install(freshDir('step'), { method: 'http' });
    await certificatesStep.run(context, stepContext());
    rmSync(calls);
    writeFileSync(path.join(context.paths.sslDir, 'fullchain.pem'), 'old');
    chmodSync(path.join(context.paths.sslDir, 'privkey.pem'), 0o644);
    expect(await certificatesStep.check(context, stepContext())).toBe(false);
    process.env.FAKE_DOCKER_RUNNING = 'sni-router web mongodb smtp';
    await certificatesStep.run(context, stepContext());
    expect(certbotCalls()).toEqual([]);
    expect(mode(path.join(context.paths.sslDir, 'privkey.pem'))).toBe(0o600);
    expect(readFileSync(dockerLog, 'utf8')).toContain('restart smtp web\n');
    expect(await certificatesStep.check(context, stepContext())).toBe(true);
  });

  it('Cloudflare: the token only in the 0600 credentials file, not in arguments, logs or the plan', async () => {
    const context = install(freshDir('step'), { method: 'cloudflare', apiToken: TOKEN });
    const plan = await certificatesStep.plan(context);
    expect(plan).toContainEqual(
      expect.objectContaining({ kind: 'secret', target: path.join(context.paths.rootHome, '.cloudflare.ini') }),
    );
    const step = stepContext();
    await certificatesStep.run(context, step);
    const [call] = certbotCalls();
    expect(call!.args).toContain('--dns-cloudflare');
    expect(call!.args.filter((_, index) => call!.args[index - 1] === '-d')).toEqual(['example.test', '*.example.test']);
    expect(JSON.stringify([call!.args, step.journal, plan])).not.toContain(TOKEN);
    expect(mode(path.join(context.paths.rootHome, '.cloudflare.ini'))).toBe(0o600);
    expect(await certificatesStep.check(context, step)).toBe(true);

    // a new token: the file changes, the certificate stays
    const renewed = install(context.paths.dir.replace(/\/stack$/, ''), { method: 'cloudflare', apiToken: `${TOKEN}2` });
    expect(await certificatesStep.check(renewed, step)).toBe(false);
    await certificatesStep.run(renewed, step);
    expect(certbotCalls()).toHaveLength(1);
    expect(await certificatesStep.check(renewed, step)).toBe(true);
  });

  it('Route53: the keys reach certbot through its environment only', async () => {
    const context = install(freshDir('step'), {
      method: 'route53',
      accessKeyId: AWS_KEY_ID,
      secretAccessKey: AWS_SECRET,
    });
    const step = stepContext();
    await certificatesStep.run(context, step);
    const [call] = certbotCalls();
    expect(call!.env).toMatchObject({ AWS_ACCESS_KEY_ID: AWS_KEY_ID, AWS_SECRET_ACCESS_KEY: AWS_SECRET });
    expect(call!.args).toContain('--dns-route53');
    expect(JSON.stringify([call!.args, step.journal])).not.toContain(AWS_SECRET);
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    const credentials = path.join(context.paths.rootHome, '.aws', 'credentials');
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
  });

  it('Route53: a credentials file the user wrote is never overwritten', async () => {
    const context = install(freshDir('step'), {
      method: 'route53',
      accessKeyId: AWS_KEY_ID,
      secretAccessKey: AWS_SECRET,
    });
    const credentials = path.join(context.paths.rootHome, '.aws', 'credentials');
    mkdirSync(path.dirname(credentials), { recursive: true });
    writeFileSync(credentials, '[default]\naws_access_key_id = MINE\n');
    const failure = await certificatesStep.run(context, stepContext()).then(
      () => undefined,
      (error: unknown) => error as { code?: string },
    );
    expect(failure?.code).toBe('stack.certificateFailed');
    expect(readFileSync(credentials, 'utf8')).toBe('[default]\naws_access_key_id = MINE\n');
  });

  it('the ACME server changed, same names: the certificate is replaced (--force-renewal) with the CA bundle', async () => {
    const dir = freshDir('step');
    await certificatesStep.run(install(dir, { method: 'http' }), stepContext());
    const { cert } = makeCertificate(['ca.test'], 30);
    const moved = install(dir, { method: 'http' }, cert);
    moved.environment.acme.directoryUrl = 'https://other-acme.test/dir';
    expect(await certificatesStep.check(moved, stepContext())).toBe(false);
    await certificatesStep.run(moved, stepContext());
    const [, second] = certbotCalls();
    expect(second!.args).toContain('--force-renewal');
    expect(second!.env.REQUESTS_CA_BUNDLE).toBe(path.join(moved.paths.agentEtcDir, 'acme-ca.pem'));
    expect(await certificatesStep.check(moved, stepContext())).toBe(true);
  });

  it('manual: shows both TXT records under one name once, goes on when confirmed, cleans up', async () => {
    const context = install(freshDir('step'), { method: 'manual' });
    const step = stepContext('j-manual-step-0001');
    const root = process.env.MAILHARBOR_AGENT_STATE_DIR!;
    const confirmed: boolean[] = [];
    step.waiting = (records) => {
      step.journal.waiting.push(records);
      setTimeout(() => confirmed.push(confirmDnsChallenge({ root }, step.jobId)), 50);
    };
    await certificatesStep.run(context, step);
    expect(step.journal.waiting).toEqual([
      [
        { name: '_acme-challenge.example.test', value: 'validation_0_exampletest' },
        { name: '_acme-challenge.example.test', value: 'validation_1_exampletest' },
      ],
    ]);
    expect(confirmed).toEqual([true]);
    expect(step.journal.logs).toContain('publish TXT _acme-challenge.example.test "validation_0_exampletest"');
    expect(existsSync(dnsChallengeDir(root, step.jobId))).toBe(false);
    const hookArgs = certbotCalls()[0]!.args;
    expect(hookArgs).toContain('--manual');
    expect(statSync(hookArgs[hookArgs.indexOf('--manual-auth-hook') + 1]!).mode & 0o777).toBe(0o700);
    expect(await certificatesStep.check(context, step)).toBe(true);
  }, 20_000);

  it('manual: nobody confirms in time → stack.dnsChallengeTimeout, retryable', async () => {
    process.env.MAILHARBOR_DNS_CONFIRM_TIMEOUT_SECONDS = '2';
    const context = install(freshDir('step'), { method: 'manual' });
    const step = stepContext('j-manual-step-0002');
    const error = await certificatesStep.run(context, step).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'stack.dnsChallengeTimeout', retryable: true });
    expect(step.journal.waiting).toHaveLength(1);
  }, 20_000);

  it('certbot fails: stack.certificateFailed with the method and the end of letsencrypt.log', async () => {
    process.env.FAKE_CERTBOT_FAIL = '1';
    const context = install(freshDir('step'), { method: 'http' });
    const error = await certificatesStep.run(context, stepContext()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'stack.certificateFailed', params: { method: 'http' }, retryable: true });
    expect((error as AppError).detail).toMatch(/Some challenges have failed[\s\S]*letsencrypt\.log[\s\S]*unauthorized/);
  });

  it('certbot missing: stack.certificateFailed that says so', async () => {
    process.env.PATH = '/nonexistent';
    const context = install(freshDir('step'), { method: 'http' });
    const error = await certificatesStep.run(context, stepContext()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'stack.certificateFailed' });
    expect((error as AppError).detail).toMatch(/^certbot is not installed/);
  });
});
