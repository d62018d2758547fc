// The whole install on a fresh VPS of its own, through the app's real backend (contract over the web
// transport) and the real agent: Docker from Debian's packages (Docker's own repository is unreachable
// in the world, so the fallback is what runs), stand-in images from the world registry, a certificate
// from pebble over HTTP-01, every service healthy, first-login details back. Then the promises an
// install makes: a dropped connection loses nothing, a second run changes nothing, bad input is
// refused before the server is touched.
import type { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput } from '../../electron/contract/contract.js';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { olderUpstreamCompose, upstreamCrontabLines } from '../support/older-upstream-install.js';
import { followJobToEnd, jobEventsOf } from '../support/stack-install-calls.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { addWorldServer, connectServer, worldVpsDomain } from '../support/world-server.js';
import type { TestRpcClient } from '../support/ws-test-client.js';
import { createWorldContext } from '../world/context.js';
import { resetZone } from '../world/pieces/dns.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import { vpsExec, type VpsSshTarget } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';

const world = worldForTests();
const VPS = `install-${process.pid}`;
const STACK = '/root/forwardemail.net/self-hosting';
const INSTALL_TIMEOUT_MS = 15 * 60_000;

let vps: VpsState;
let rootShell: VpsSshTarget;
let backend: TestBackend;
let client: TestRpcClient;
let serverId: string;
let domain: string;
let firstJobId: string;

type JobEvent = { offset: number; type: string; step?: string; reason?: unknown; status?: string };

function sh(script: string, timeoutMs = 60_000) {
  return vpsExec(rootShell, script, { timeoutMs });
}

type InstallOptions = CallInput<'stack.install'>['options'];

function options(overrides: Partial<InstallOptions> = {}): InstallOptions {
  return {
    domain,
    email: 'hostmaster@mailharbor.test',
    profile: 'full',
    certificates: { method: 'http' },
    ...overrides,
  };
}

function jobEvents(jobId: string): JobEvent[] {
  return jobEventsOf(client, jobId);
}

async function connect(): Promise<void> {
  expect((await connectServer(client, serverId, vps)).status).toBe('connected');
}

/** The stack's state that a re-run must not touch: .env, the DKIM key, the certificate, every container. */
async function snapshot() {
  const r = await sh(
    `cd ${STACK} && sha256sum .env ssl/dkim.key ssl/fullchain.pem && stat -c '%a %n' .env ssl/dkim.key ssl/privkey.pem && docker ps -a --format '{{.Names}} {{.ID}} {{.CreatedAt}}' | sort`,
  );
  return r.stdout;
}

beforeAll(async () => {
  vps = await vpsAdmin('reset', VPS);
  rootShell = { vps, key: world.ssh, user: 'root' };
  domain = worldVpsDomain(vps);
  await resetZone(createWorldContext(world.stateDir, 'stack-install.test'), 'mailharbor.test');

  ({ backend, client } = await startBackendWithClient({
    stackEnvironment: worldStackEnvironment(world),
  }));
  const added = await addWorldServer(client, world, vps, 'Install VPS');
  expect(added.status).toBe('connected');
  serverId = added.id;
}, 180_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
  await vpsRemove(VPS).catch(() => {});
}, 180_000);

describe('installing the mail stack on a fresh VPS', { timeout: INSTALL_TIMEOUT_MS }, () => {
  it('refuses shell metacharacters and quotes in every field, naming the field, before anything runs', async () => {
    const bad = [
      { input: options({ domain: 'example.com; rm -rf /' }), field: 'options.domain' },
      { input: options({ domain: "exa'mple.com" }), field: 'options.domain' },
      { input: options({ email: 'a$(id)@example.com' }), field: 'options.email' },
      {
        input: options({ certificates: { method: 'cloudflare', apiToken: 'abcdefghijklmnopqrstu`id`' } }),
        field: 'options.certificates.apiToken',
      },
      {
        input: options({
          certificates: {
            method: 'route53',
            accessKeyId: 'AKIAABCDEFGHIJKLMNOP',
            secretAccessKey: 'x"; reboot; "abcdefghijk',
          },
        }),
        field: 'options.certificates.secretAccessKey',
      },
    ];
    for (const { input, field } of bad) {
      const result = await client.call('stack.install', { serverId, options: input });
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('contract.invalidInput');
        expect(String(result.error.params.fields)).toContain(field);
      }
    }
    // Nothing reached the server: no job, no stack directory.
    expect(await client.callOk('jobs.list', { serverId })).toEqual({ jobs: [] });
    expect((await sh(`test -e ${STACK} && echo present || echo absent`)).stdout.trim()).toBe('absent');
  });

  it('converts an IDN domain to punycode and plans every change without making one', async () => {
    const plan = await client.callOk('stack.plan', { serverId, options: options({ domain: 'bücher.example' }) });
    expect(plan.detection.installedBy).toBe('none');
    expect(plan.steps.map((step) => step.id)).toEqual([
      'resolver',
      'docker',
      'packages',
      'firewall',
      'stackFiles',
      'environment',
      'dkim',
      'images',
      'certificates',
      'adoption',
      'containers',
      'health',
    ]);
    expect(plan.steps.find((step) => step.id === 'resolver')?.state).toBe('skipped');
    expect(plan.steps.find((step) => step.id === 'docker')).toMatchObject({ state: 'todo' });
    expect(plan.steps.find((step) => step.id === 'docker')?.changes.length).toBeGreaterThan(0);
    expect((await sh('command -v docker || echo none')).stdout.trim()).toBe('none');
  });

  it('installs everything, survives a dropped connection on the way, and ends with every service healthy', async () => {
    ({ jobId: firstJobId } = await client.callOk('stack.install', { serverId, options: options() }));
    // Follow until Docker is being installed, then cut the SSH connection from the server's side.
    const follow = client.call('jobs.follow', { streamId: 'follow1', serverId, jobId: firstJobId, fromOffset: 0 });
    for (
      let i = 0;
      i < 600 && !jobEvents(firstJobId).some((e) => e.type === 'step.started' && e.step === 'docker');
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(jobEvents(firstJobId).some((e) => e.type === 'step.started' && e.step === 'docker')).toBe(true);
    await sh("pkill -KILL -f 'sshd: root@' || true").catch(() => {});
    const dropped = await follow;
    expect(dropped.ok).toBe(false);

    // The job goes on without us; connect again and follow it from where we stopped.
    await connect();
    // A second install while this one runs is refused, naming the running job: never two at once.
    const twice = await client.call('stack.install', { serverId, options: options() });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe('jobs.lockHeld');
    const seen = jobEvents(firstJobId);
    const result = await client.callOk('jobs.follow', {
      streamId: 'follow2',
      serverId,
      jobId: firstJobId,
      fromOffset: (seen.at(-1)?.offset ?? -1) + 1,
    });
    const events = jobEvents(firstJobId);
    const failed = events.find((e) => e.type === 'step.failed');
    expect(failed, JSON.stringify(failed)).toBeUndefined();
    expect(result.status).toBe('succeeded');
    // Every offset exactly once, in order, across the two follows.
    expect(events.map((e) => e.offset)).toEqual(events.map((_, i) => i));

    const health = await sh("docker ps -a --format '{{.Names}} {{.Status}}' | sort");
    const lines = health.stdout.trim().split('\n');
    expect(lines).toHaveLength(15);
    for (const line of lines) expect(line).toMatch(/\(healthy\)/);
  });

  it('has Docker from Debian, the firewall up with SSH open, a 0600 .env and the DKIM key', async () => {
    const r = await sh(
      `dpkg-query -W -f='\${Package} \${Status}\\n' docker.io certbot ufw; test ! -e /etc/apt/sources.list.d/docker.list && echo no-docker-list; ufw status; stat -c '%a' ${STACK}/.env ${STACK}/ssl/dkim.key`,
    );
    expect(r.stdout).toMatch(/docker\.io install ok installed/);
    expect(r.stdout).toMatch(/certbot install ok installed/);
    expect(r.stdout).toContain('no-docker-list');
    expect(r.stdout).toMatch(/Status: active/);
    expect(r.stdout).toMatch(/^22\/tcp\s+ALLOW/m);
    for (const port of [25, 80, 443, 465, 993, 995]) expect(r.stdout).toMatch(new RegExp(`^${port}/tcp\\s+ALLOW`, 'm'));
    expect(r.stdout.trim().split('\n').slice(-2)).toEqual(['600', '600']);
  });

  it('serves a certificate from the ACME server for the domain and its service names', async () => {
    const peer = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = tls.connect({ host: vps.ip, port: 443, servername: domain, rejectUnauthorized: false }, () => {
        const raw = socket.getPeerX509Certificate();
        socket.end();
        if (raw) resolve(raw);
        else reject(new Error('no peer certificate'));
      });
      socket.setTimeout(10_000, () => socket.destroy(new Error('TLS timeout')));
      socket.on('error', reject);
    });
    for (const name of [domain, `mx.${domain}`, `smtp.${domain}`, `imap.${domain}`]) {
      expect(peer.subjectAltName).toContain(`DNS:${name}`);
    }
    expect(peer.issuer).toMatch(/Pebble/i);
  });

  it('returns the first-login details and the mail-client settings', async () => {
    const access = await client.callOk('stack.access', { serverId });
    expect(access.webUrl).toBe(`https://${domain}`);
    expect(access.username).toBe('admin');
    expect(access.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(access.mailClient.imap).toEqual({ host: `imap.${domain}`, port: 993 });
    expect(access.mailClient.smtp).toEqual({ host: `smtp.${domain}`, port: 465 });
    // The password is in .env and nowhere in the job journals.
    const leaked = await sh(`grep -rlF -- '${access.password}' /var/lib/mailharbor || true`);
    expect(leaked.stdout.trim()).toBe('');
  });

  it('runs again: every step already done, no secret, key or container changed', async () => {
    const before = await snapshot();
    const { jobId } = await client.callOk('stack.install', { serverId, options: options() });
    expect(await followJobToEnd(client, serverId, jobId, 'follow3')).toBe('succeeded');
    const events = jobEvents(jobId);
    expect(events.filter((e) => e.type === 'step.started')).toEqual([]);
    expect(events.filter((e) => e.type === 'step.skipped')).toHaveLength(12);
    expect(await snapshot()).toBe(before);
    const detection = await client.callOk('stack.detect', { serverId });
    expect(detection).toMatchObject({ installedBy: 'mailharbor', domain });
  });

  it('refuses to change the domain of the existing install, naming the field', async () => {
    const plan = await client.call('stack.install', {
      serverId,
      options: options({ domain: 'other.mailharbor.test' }),
    });
    expect(plan.ok).toBe(true);
    const { jobId } = plan.ok ? (plan.value as { jobId: string }) : { jobId: '' };
    expect(await followJobToEnd(client, serverId, jobId, 'follow4')).toBe('failed');
    const failed = jobEvents(jobId).find((e) => e.type === 'step.failed') as
      { reason: { code: string; params: Record<string, string> } } | undefined;
    expect(failed?.reason.code).toBe('stack.domainMismatch');
    expect(failed?.reason.params.field).toBe('domain');
  });

  it("adopts an install made by upstream's setup.sh: its secrets, keys and own settings stay byte for byte", async () => {
    // Upstream's layout: its compose file name, a .env written by setup.sh (base64 password with + / =,
    // keys Mailharbor does not know, a quoted value, comments), its DKIM key; our files are not there.
    const upstreamEnv = [
      '# written by setup.sh',
      `DOMAIN=${domain}`,
      'COMPOSE_PROFILES=storage',
      'IMAGE_TAG=v1.1.0',
      'HELPER_ENCRYPTION_KEY=UpstreamHelperKey0123456789abcdef',
      'SRS_SECRET=UpstreamSrsSecret0123456789abcdefg',
      'TXT_ENCRYPTION_KEY=0123456789abcdef0123456789abcdef',
      'WEBHOOK_SIGNATURE_KEY=fedcba9876543210fedcba9876543210',
      'SMTP_TRANSPORT_PASS=UpstreamSmtpPass0123456789abcdefg',
      'API_SECRETS=0011223344556677889900112233445566778899001122334455667788990011,',
      'AUTH_BASIC_USERNAME=admin',
      'AUTH_BASIC_PASSWORD=q+Vw/3xYz9AbCdEf12Gh==',
      'UPSTREAM_ONLY_SETTING=kept',
      'APP_COLOR="blue sky"',
      '',
    ].join('\n');
    const upstreamKeys = upstreamEnv.split('\n').filter((line) => /^[A-Z_]+=/.test(line));
    await sh(
      `cd ${STACK} && docker-compose down >/dev/null 2>&1; mv docker-compose.yml docker-compose-self-hosted.yml && rm -f .env`,
      180_000,
    );
    await vpsExec(rootShell, `umask 022; cat > ${STACK}/.env`, { timeoutMs: 30_000, input: upstreamEnv });
    const dkimBefore = (await sh(`sha256sum ${STACK}/ssl/dkim.key`)).stdout;

    const detected = await client.callOk('stack.detect', {
      serverId,
    });
    expect(detected).toMatchObject({ installedBy: 'upstream', domain, imageTag: 'v1.1.0' });

    const { jobId } = await client.callOk('stack.install', { serverId, options: options() });
    const status = await followJobToEnd(client, serverId, jobId, 'follow5');
    const failed = jobEvents(jobId).find((e) => e.type === 'step.failed');
    expect(failed, JSON.stringify(failed)).toBeUndefined();
    expect(status).toBe('succeeded');

    const after = (await sh(`cat ${STACK}/.env; stat -c '%a' ${STACK}/.env`)).stdout;
    for (const line of upstreamKeys) expect(after.split('\n')).toContain(line);
    expect(after.trim().split('\n').at(-1)).toBe('600');
    expect((await sh(`sha256sum ${STACK}/ssl/dkim.key`)).stdout).toBe(dkimBefore);
    const access = await client.callOk('stack.access', { serverId });
    expect(access.password).toBe('q+Vw/3xYz9AbCdEf12Gh==');
    const health = await sh("docker ps -a --format '{{.Names}} {{.Status}}' | sort");
    for (const line of health.stdout.trim().split('\n')) expect(line).toMatch(/\(healthy\)/);
  });

  it('adopts an older setup.sh install without going back: newer mongo and redis, its crontab, WEB_PORT=443, /mnt/sqlite_storage', async () => {
    // The server as an older setup.sh leaves it: upstream's compose file only (mongo:latest and
    // redis:latest, which are 8.0.4 and 7.4.2 in the world's registry, no router, mx and sqlite_bree on
    // the host's /mnt/sqlite_storage), a .env without our pins and with WEB_PORT=443, its scripts and
    // crontab entries, and data written by those newer databases.
    const registry = worldStackEnvironment(world).imageRegistry;
    await sh(
      `cd ${STACK} && docker-compose down >/dev/null 2>&1; rm -f docker-compose.yml mailharbor-deploy-certs.sh`,
      180_000,
    );
    await sh('docker volume rm self-hosting_mongo-data >/dev/null; rm -rf /mnt/sqlite_storage*', 60_000);
    await sh(`rm -rf ${STACK}/redis-data/* ${STACK}/sqlite-data.replaced-*; rm -rf /etc/mailharbor/adopted`);
    await vpsExec(rootShell, `cat > ${STACK}/docker-compose-self-hosted.yml`, {
      timeoutMs: 30_000,
      input: olderUpstreamCompose(registry),
    });
    const env = (await sh(`cat ${STACK}/.env`)).stdout
      .split('\n')
      .filter((line) => !/^(MONGO_VERSION|REDIS_VERSION|WEB_PORT|MAILHARBOR_[A-Z_]+)=/.test(line))
      .concat(['WEB_PORT=443', ''])
      .join('\n');
    await vpsExec(rootShell, `cat > ${STACK}/.env`, { timeoutMs: 30_000, input: env });
    const upstreamCron = upstreamCrontabLines(STACK);
    const ownCron = ['MAILTO=""', '*/5 * * * * /usr/local/bin/my-own-check >/dev/null 2>&1'];
    const crontabBefore = [ownCron[0], ...upstreamCron, ownCron[1], ''].join('\n');
    await sh(
      `mkdir -p ${STACK}/scripts && for s in update backup-mongo backup-redis backup-sqlite; do printf '#!/bin/sh\\nexit 0\\n' > ${STACK}/scripts/$s.sh; chmod +x ${STACK}/scripts/$s.sh; done`,
    );
    await vpsExec(rootShell, 'crontab -', { timeoutMs: 30_000, input: crontabBefore });
    await sh(`cd ${STACK} && docker-compose -f docker-compose-self-hosted.yml up -d`, 600_000);
    await sh(
      'for i in $(seq 1 120); do docker exec mongodb test -f /data/db/featureCompatibilityVersion && docker exec redis redis-cli ping | grep -q PONG && exit 0; sleep 1; done; exit 1',
      180_000,
    );
    await sh(
      `docker exec mongodb standin-mongo put forwardemail domains '{"name":"adopted.example"}' && docker exec redis redis-cli set adoption-marker kept-across && docker exec redis redis-cli save`,
    );
    expect((await sh('docker exec mongodb cat /data/db/featureCompatibilityVersion')).stdout.trim()).toBe('8.0');
    // Mailboxes in both folders: one only in the old one (with its WAL), one newer there than in sqlite-data.
    await sh(
      [
        'mkdir -p /mnt/sqlite_storage',
        'head -c 200000 /dev/urandom > /mnt/sqlite_storage/legacy-alias.sqlite',
        'head -c 5000 /dev/urandom > /mnt/sqlite_storage/legacy-alias.sqlite-wal',
        `head -c 3000 /dev/urandom > ${STACK}/sqlite-data/split-alias.sqlite && touch -d '2 hours ago' ${STACK}/sqlite-data/split-alias.sqlite`,
        'head -c 4000 /dev/urandom > /mnt/sqlite_storage/split-alias.sqlite',
      ].join(' && '),
    );
    const sums = async (files: string) => (await sh(`sha256sum ${files} | cut -d' ' -f1`)).stdout.trim().split('\n');
    const [legacyDb, legacyWal, splitNewer] = await sums(
      '/mnt/sqlite_storage/legacy-alias.sqlite /mnt/sqlite_storage/legacy-alias.sqlite-wal /mnt/sqlite_storage/split-alias.sqlite',
    );
    const [splitOlder] = await sums(`${STACK}/sqlite-data/split-alias.sqlite`);

    // The plan says all of it before anything changes.
    const plan = await client.callOk('stack.plan', { serverId, options: options() });
    expect(plan.detection.installedBy).toBe('upstream');
    const changes = (id: string) => plan.steps.find((step) => step.id === id)?.changes ?? [];
    expect(changes('environment')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: '.env: MONGO_VERSION=8.0.4', action: 'change' }),
        expect.objectContaining({ target: '.env: REDIS_VERSION=7.4.2', action: 'change' }),
        expect.objectContaining({ target: '.env: WEB_PORT=443 → 3000', action: 'change' }),
      ]),
    );
    expect(changes('environment').find((c) => c.target.startsWith('.env: MONGO_VERSION'))?.note).toMatch(
      /mongo 8\.0\.4 runs now/,
    );
    const adoption = changes('adoption');
    expect(adoption.filter((c) => c.kind === 'schedule').map((c) => c.target)).toEqual(upstreamCron);
    expect(adoption.filter((c) => c.kind === 'mailbox').map((c) => [c.target, c.action])).toEqual([
      ['legacy-alias.sqlite', 'copy'],
      ['split-alias.sqlite', 'copy'],
    ]);
    // Planning changed nothing.
    expect((await sh('crontab -l')).stdout).toBe(crontabBefore);
    expect((await sh('test -d /mnt/sqlite_storage && echo there')).stdout.trim()).toBe('there');

    const { jobId } = await client.callOk('stack.install', { serverId, options: options() });
    const status = await followJobToEnd(client, serverId, jobId, 'follow6');
    const failed = jobEvents(jobId).find((e) => e.type === 'step.failed');
    expect(failed, JSON.stringify(failed)).toBeUndefined();
    expect(status).toBe('succeeded');

    // The databases run at the versions their data came from, with that data.
    const after = (await sh(`grep -E '^(MONGO_VERSION|REDIS_VERSION|WEB_PORT)=' ${STACK}/.env | sort`)).stdout.trim();
    expect(after.split('\n')).toEqual(['MONGO_VERSION=8.0.4', 'REDIS_VERSION=7.4.2', 'WEB_PORT=3000']);
    const images = (await sh("docker inspect -f '{{.Name}} {{.Config.Image}}' mongodb redis")).stdout
      .trim()
      .split('\n');
    expect(images[0]).toMatch(/^\/mongodb .*\/mongo:8\.0\.4$/);
    expect(images[1]).toMatch(/^\/redis .*\/redis:7\.4\.2$/);
    expect((await sh('docker exec mongodb standin-mongo get forwardemail domains')).stdout).toContain(
      'adopted.example',
    );
    expect((await sh('docker exec redis redis-cli get adoption-marker')).stdout.trim()).toBe('kept-across');
    const health = await sh("docker ps -a --format '{{.Names}} {{.Status}}' | sort");
    const lines = health.stdout.trim().split('\n');
    expect(lines).toHaveLength(15);
    for (const line of lines) expect(line).toMatch(/\(healthy\)/);

    // Upstream's entries are out of root's crontab, the user's own stay, and the crontab as it was is kept.
    expect((await sh('crontab -l')).stdout).toBe([...ownCron, ''].join('\n'));
    const kept = (await sh('ls /etc/mailharbor/adopted/')).stdout.trim().split('\n');
    expect(kept).toHaveLength(1);
    expect(
      (await sh(`cat /etc/mailharbor/adopted/${kept[0]}; stat -c '%a' /etc/mailharbor/adopted/${kept[0]}`)).stdout,
    ).toBe(`${crontabBefore}600\n`);

    // Every mailbox is in sqlite-data, the older copy of the split one is kept, and so is the old folder.
    expect(
      await sums(
        `${STACK}/sqlite-data/legacy-alias.sqlite ${STACK}/sqlite-data/legacy-alias.sqlite-wal ${STACK}/sqlite-data/split-alias.sqlite`,
      ),
    ).toEqual([legacyDb, legacyWal, splitNewer]);
    expect(await sums(`${STACK}/sqlite-data.replaced-*/split-alias.sqlite`)).toEqual([splitOlder]);
    expect((await sh('ls -d /mnt/sqlite_storage* | sort')).stdout.trim()).toMatch(
      /^\/mnt\/sqlite_storage\.migrated-\d{8}$/,
    );
    expect(await sums('/mnt/sqlite_storage.migrated-*/legacy-alias.sqlite')).toEqual([legacyDb]);

    // A second run finds nothing left to take over and changes nothing.
    const envBefore = (await sh(`sha256sum ${STACK}/.env`)).stdout;
    const again = await client.callOk('stack.install', { serverId, options: options() });
    expect(await followJobToEnd(client, serverId, again.jobId, 'follow7')).toBe('succeeded');
    expect(jobEvents(again.jobId).filter((e) => e.type === 'step.started')).toEqual([]);
    expect((await sh(`sha256sum ${STACK}/.env`)).stdout).toBe(envBefore);
    expect((await sh('crontab -l')).stdout).toBe([...ownCron, ''].join('\n'));
    expect((await sh('ls /etc/mailharbor/adopted/ | wc -l')).stdout.trim()).toBe('1');
    // Certificates renew from one place: Debian certbot's entry, never a second one of upstream's.
    const renewals = await sh("cat /etc/cron.d/* 2>/dev/null | grep -v '^#' | grep -c 'certbot.* renew' || true");
    expect(renewals.stdout.trim()).toBe('1');
  });
});
