// Backups end to end, through the app's real backend and the real agent on a world VPS with the stack
// installed, to the world's S3 over HTTPS, with restic from Debian's packages: the connection test's
// failures; a backup while the mailboxes, Redis and Mongo are being written, a wipe, and a restore
// that brings back exactly a state that existed during the backup; corrupted and deleted objects and a
// wrong password refused before anything changes; retention; the schedule from cron and the stale
// warning; and a second, fresh VPS rebuilt from the recovery kit alone. No secret shows in `ps`, in
// any journal, log or event.
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupDestination } from '../../common/backups/backup-destination.js';
import { DEFAULT_RETENTION } from '../../common/backups/backups-contract.js';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { filesUnder } from '../support/files-under.js';
import { followJobToEnd, installStack } from '../support/stack-install-calls.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { addWorldServer, worldVpsDomain } from '../support/world-server.js';
import type { TestRpcClient } from '../support/ws-test-client.js';
import { createWorldContext } from '../world/context.js';
import { resetZone } from '../world/pieces/dns.js';
import type { S3State } from '../world/pieces/s3.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import { vpsExec, type VpsSshTarget } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';

const world = worldForTests();
const s3 = pieceState<S3State>(world, 's3');
const VPS_A = `backup-a-${process.pid}`;
const VPS_B = `backup-b-${process.pid}`;
const STACK = '/root/forwardemail.net/self-hosting';
const WRITERS = ['mx', 'imap', 'pop3', 'sqlite', 'sqlite_bree'];

let backend: TestBackend;
let client: TestRpcClient;
let vpsA: VpsState;
let rootA: VpsSshTarget;
let serverA: string;
let domain: string;

const destination = (prefix: string, overrides: Partial<BackupDestination> = {}): BackupDestination => ({
  provider: 'custom',
  endpoint: s3.httpsGatewayEndpoint!,
  region: s3.region,
  bucket: s3.bucket,
  prefix,
  pathStyle: true,
  ...overrides,
});
const KEYS = { accessKeyId: s3.credentials.accessKeyId, secretAccessKey: s3.credentials.secretAccessKey };
const PREFIX = `it-${process.pid}`;
const PASSWORD = `repository password ${process.pid} for the backups test`;

function sh(target: VpsSshTarget, script: string, timeoutMs = 120_000) {
  return vpsExec(target, script, { timeoutMs }).then((result) => result.stdout.trim());
}

async function follow(serverId: string, jobId: string): Promise<string> {
  return followJobToEnd(client, serverId, jobId, `f-${jobId.slice(-8)}`);
}

async function save(serverId: string, prefix: string, extra: Record<string, unknown> = {}) {
  const { jobId } = await client.callOk('backups.save', {
    serverId,
    settings: {
      destination: destination(prefix),
      retention: DEFAULT_RETENTION,
      schedule: { enabled: false, time: '03:30' },
    },
    keys: KEYS,
    repositoryPassword: PASSWORD,
    ...extra,
  });
  return follow(serverId, jobId);
}

async function backUp(serverId: string): Promise<string> {
  const { jobId } = await client.callOk('backups.start', { serverId, kind: 'backups.run' });
  return follow(serverId, jobId);
}

/** Every mailbox's last message number, as the writers left it. */
async function lastSeqs(target: VpsSshTarget): Promise<Record<string, number>> {
  return JSON.parse(await sh(target, 'docker exec sqlite python3 /app/mailstore.py last')) as Record<string, number>;
}

function lastJobError(serverId: string, jobId: string) {
  return client.callOk('jobs.list', { serverId }).then(({ jobs }) => jobs.find((job) => job.jobId === jobId)?.error);
}

async function failedRestore(serverId: string, pointId: string): Promise<string | undefined> {
  const { jobId } = await client.callOk('backups.restore', { serverId, pointId, scope: 'data' });
  expect(await follow(serverId, jobId)).toBe('failed');
  const error = await lastJobError(serverId, jobId);
  return error?.params?.cause as string | undefined;
}

/** A digest of everything a restore would replace: mailboxes, Redis's dump, Mongo's files. */
async function liveDigest(target: VpsSshTarget): Promise<string> {
  return sh(
    target,
    `cd ${STACK} && find sqlite-data redis-data -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum; ` +
      `docker exec mongodb sh -c 'cd /data/db && find . -type f -print0 | sort -z | xargs -0 sha256sum' | sha256sum`,
  );
}

/**
 * The world's copies of the repository's pack files that hold file contents, biggest first: those
 * restic does not keep in its local cache (it caches the packs of directory trees), so a restore
 * must read them from the bucket.
 */
async function dataPacks(prefix: string, target: VpsSshTarget): Promise<string[]> {
  const cached = new Set(
    (await sh(target, 'find /var/lib/mailharbor/backups/cache -path "*/data/*" -type f -printf "%f\\n"')).split('\n'),
  );
  const dir = path.join(s3.dataDir, s3.bucket, prefix, 'data');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('._S3rver_object') && !cached.has(path.basename(name, '._S3rver_object')))
    .map((name) => path.join(dir, name))
    .sort((a, b) => statSync(b).size - statSync(a).size);
}

beforeAll(async () => {
  vpsA = await vpsAdmin('reset', VPS_A);
  rootA = { vps: vpsA, key: world.ssh, user: 'root' };
  domain = worldVpsDomain(vpsA);
  await resetZone(createWorldContext(world.stateDir, 'backups.test'), 'mailharbor.test');
  ({ backend, client } = await startBackendWithClient({ stackEnvironment: worldStackEnvironment(world) }));
  serverA = (await addWorldServer(client, world, vpsA, 'Backup VPS')).id;
  expect(await installStack(client, serverA, domain)).toBe('succeeded');
}, 15 * 60_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
  await vpsRemove(VPS_A).catch(() => {});
  await vpsRemove(VPS_B).catch(() => {});
}, 180_000);

describe('test connection, from the server', { timeout: 5 * 60_000 }, () => {
  it('names each failure the world can produce, and passes with the right settings', async () => {
    const test = (input: Record<string, unknown>) =>
      client.callOk('backups.testConnection', {
        serverId: serverA,
        destination: destination(PREFIX),
        keys: KEYS,
        ...input,
      } as never);
    const problem = async (input: Record<string, unknown>) => (await test(input)).problem?.code;

    expect(await problem({ keys: s3.wrongCredentials.unknownKey })).toBe('backups.s3WrongKey');
    expect(await problem({ keys: s3.wrongCredentials.wrongSecret })).toBe('backups.s3SignatureMismatch');
    expect(await problem({ keys: s3.wrongCredentials.readOnly })).toBe('backups.s3Denied');
    expect(await problem({ destination: destination(PREFIX, { endpoint: 'https://no-such-host.invalid' }) })).toBe(
      'backups.s3Unreachable',
    );
    expect(await problem({ destination: destination(PREFIX, { endpoint: 'https://172.29.53.1:9' }) })).toBe(
      'backups.s3Unreachable',
    );
    // A name the storage's certificate does not carry.
    await sh(
      rootA,
      'grep -q s3-wrong-name /etc/hosts || echo "172.29.53.1 s3-wrong-name.mailharbor.test" >> /etc/hosts',
    );
    expect(
      await problem({ destination: destination(PREFIX, { endpoint: 'https://s3-wrong-name.mailharbor.test:4569' }) }),
    ).toBe('backups.s3Tls');

    const bucket = `missing-${process.pid}`;
    const missing = await test({ destination: destination(PREFIX, { bucket }) });
    expect(missing.problem?.code).toBe('backups.s3BucketMissing');
    expect(missing.canCreateBucket).toBe(true);
    const created = await test({ destination: destination(PREFIX, { bucket }), createBucket: true });
    expect(created.ok).toBe(true);

    const passed = await test({});
    expect(passed).toMatchObject({ ok: true });
    expect(passed.steps.map((step) => step.step)).toEqual(['resolve', 'connect', 'list', 'put', 'get', 'delete']);
    expect(passed.steps.every((step) => step.ok)).toBe(true);
    // The probe object was deleted again.
    const left = readdirSync(path.join(s3.dataDir, s3.bucket), { recursive: true }).map(String);
    expect(left.filter((name) => name.includes('.mailharbor-probe-'))).toEqual([]);
  });
});

describe('backup and restore while mail is written', { timeout: 15 * 60_000 }, () => {
  let pointId: string;
  let before: Record<string, number>;
  let after: Record<string, number>;

  it('sets backups up: restic installed, the repository made, the secrets only in a root-only file', async () => {
    expect(await save(serverA, PREFIX)).toBe('succeeded');
    const status = await client.callOk('backups.status', { serverId: serverA });
    expect(status).toMatchObject({ configured: true, restic: { installed: true, compression: true } });
    expect(await sh(rootA, 'stat -c "%a %U" /var/lib/mailharbor/backups/secrets.json')).toBe('600 root');
    // A second save (no password given) keeps the password: the repository still opens.
    const again = await client.callOk('backups.save', {
      serverId: serverA,
      settings: {
        destination: destination(PREFIX),
        retention: DEFAULT_RETENTION,
        schedule: { enabled: false, time: '03:30' },
      },
    });
    expect(await follow(serverA, again.jobId)).toBe('succeeded');
  });

  it('takes a consistent backup while the mailboxes, Redis and Mongo are written, with no secret in ps', async () => {
    await sh(rootA, 'docker exec mongodb standin-mongo put mail settings \'{"version":"at-backup"}\'');
    await sh(rootA, 'docker exec redis redis-cli -h 127.0.0.1 SET mailharbor:marker at-backup');
    // A burst writer on top of the stand-ins' own, so mailboxes change while restic reads them.
    await sh(rootA, 'docker exec -d sqlite python3 /app/mailstore.py write --interval-ms 3 --mailboxes 6');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    before = await lastSeqs(rootA);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(4);

    const secrets = [KEYS.secretAccessKey, PASSWORD];
    const leaks: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const processes = await sh(rootA, 'ps auxeww', 30_000);
        for (const secret of secrets) if (processes.includes(secret)) leaks.push(secret.slice(0, 4));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
    const { jobId } = await client.callOk('backups.start', { serverId: serverA, kind: 'backups.run' });
    const outcome = await follow(serverA, jobId);
    watching = false;
    await watcher;
    after = await lastSeqs(rootA);
    expect(outcome).toBe('succeeded');
    expect(leaks).toEqual([]);

    const status = await client.callOk('backups.status', { serverId: serverA });
    expect(status.lastRun).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    expect(status.stale).toBe(false);
    pointId = status.lastGood!.pointId!;
    // The writers were paused for a moment, not for the backup.
    expect(status.lastGood!.pauseMs).toBeLessThan(5_000);
    const { points } = await client.callOk('backups.points', { serverId: serverA });
    expect(points[0]).toMatchObject({ pointId, complete: true, domain, stackVersion: expect.any(String) });
    expect(points[0]!.mailboxes).toBe(Object.keys(before).length);

    // Written after the backup: a restore must bring back the values from before.
    await sh(rootA, 'docker exec mongodb standin-mongo put mail settings \'{"version":"after-backup"}\'');
    await sh(rootA, 'docker exec redis redis-cli -h 127.0.0.1 SET mailharbor:marker after-backup');

    // Secrets never in a journal, a log, a temporary file, or an event the window got.
    const found = await sh(
      rootA,
      `for s in ${secrets.map((secret) => `'${secret}'`).join(' ')}; do grep -rlF -- "$s" /var/lib/mailharbor/jobs /var/log /tmp 2>/dev/null; done; true`,
    );
    expect(found).toBe('');
    const events = JSON.stringify(client.frames);
    for (const secret of secrets) expect(events).not.toContain(secret);
    // Nor in plain text on the desktop: the vault holds them encrypted.
    for (const file of await filesUnder(backend.dataDir)) {
      const content = readFileSync(file);
      for (const secret of secrets) expect(content.includes(Buffer.from(secret)), file).toBe(false);
    }
  });

  it('refuses a wrong password, a damaged and a missing object, each with its own message, changing nothing', async () => {
    await sh(rootA, `docker pause ${WRITERS.join(' ')}`);
    try {
      const digest = await liveDigest(rootA);

      expect(await save(serverA, PREFIX, { repositoryPassword: 'not the repository password at all' })).toBe('failed');
      expect(await failedRestore(serverA, pointId)).toBe('backups.wrongPassword');
      expect(await save(serverA, PREFIX)).toBe('succeeded');

      const [biggest, second] = await dataPacks(PREFIX, rootA);
      expect(second, 'two packs of file contents').toBeDefined();
      const original = readFileSync(biggest!);
      const damaged = Buffer.from(original);
      damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
      writeFileSync(biggest!, damaged);
      try {
        expect(await failedRestore(serverA, pointId)).toBe('backups.dataDamaged');
      } finally {
        writeFileSync(biggest!, original);
      }
      renameSync(second!, `${second}.away`);
      try {
        expect(await failedRestore(serverA, pointId)).toBe('backups.dataMissing');
      } finally {
        renameSync(`${second}.away`, second!);
      }
      expect(await liveDigest(rootA)).toBe(digest);
    } finally {
      await sh(rootA, `docker unpause ${WRITERS.join(' ')} 2>/dev/null; true`);
    }
  });

  it('restores onto the wiped server exactly a state that existed during the backup', async () => {
    // The stand-ins come back without their writers, so each mailbox is read as the restore left it.
    await sh(rootA, `echo STANDIN_MAILSTORE=0 >> ${STACK}/.env`);
    await sh(rootA, `cd ${STACK} && rm -f sqlite-data/*.sqlite* && docker exec redis redis-cli -h 127.0.0.1 FLUSHALL`);
    const { jobId } = await client.callOk('backups.restore', { serverId: serverA, pointId, scope: 'data' });
    expect(await follow(serverA, jobId)).toBe('succeeded');

    // Every mailbox whole, and at a message number it had during the backup (read from copies, so
    // that opening them changes nothing of the restored files).
    const image = await sh(rootA, "docker inspect -f '{{.Config.Image}}' sqlite");
    const checks = await sh(
      rootA,
      `cd ${STACK}/sqlite-data && for f in *.sqlite; do rm -f /tmp/verify.sqlite*; cp "$f" /tmp/verify.sqlite; [ -f "$f-wal" ] && cp "$f-wal" /tmp/verify.sqlite-wal; ` +
        `printf '%s ' "$f"; docker run --rm --network none -v /tmp:/v --entrypoint python3 ${image} /app/mailstore.py verify /v/verify.sqlite; done`,
    );
    const results = Object.fromEntries(
      checks
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(' ')), JSON.parse(line.slice(line.indexOf(' ') + 1))]),
    ) as Record<string, { ok: boolean; last: number; integrity: string }>;
    expect(Object.keys(results).sort()).toEqual(Object.keys(before).sort());
    for (const [mailbox, result] of Object.entries(results)) {
      expect(result, mailbox).toMatchObject({ ok: true, integrity: 'ok' });
      expect(result.last, mailbox).toBeGreaterThanOrEqual(before[mailbox]!);
      expect(result.last, mailbox).toBeLessThanOrEqual(after[mailbox]!);
    }
    const mongo = await sh(rootA, 'docker exec mongodb standin-mongo get mail settings');
    expect(mongo).toContain('at-backup');
    expect(mongo).not.toContain('after-backup');
    expect(await sh(rootA, 'docker exec redis redis-cli -h 127.0.0.1 GET mailharbor:marker')).toBe('at-backup');
    const stack = await client.callOk('stack.status', { serverId: serverA });
    for (const service of stack.services) expect(['healthy', 'none'], service.service).toContain(service.health);
    // The writers again, for the points that follow.
    await sh(rootA, `sed -i '/^STANDIN_MAILSTORE=0$/d' ${STACK}/.env && docker restart sqlite imap >/dev/null`);

    // What it replaced is kept until discarded.
    const status = await client.callOk('backups.status', { serverId: serverA });
    expect(status.rollback).toMatchObject({ pointId });
    expect(await sh(rootA, `ls ${STACK}/.mailharbor-rollback`)).not.toBe('');
    expect((await client.callOk('backups.discardRollback', { serverId: serverA })).discarded).toBe(true);
    expect(await sh(rootA, `ls ${STACK}/.mailharbor-rollback`)).toBe('');
    expect((await client.callOk('backups.status', { serverId: serverA })).rollback).toBeUndefined();
  });

  it('a drill verifies the newest point end to end without touching live data', async () => {
    const { jobId } = await client.callOk('backups.start', { serverId: serverA, kind: 'backups.drill' });
    expect(await follow(serverA, jobId)).toBe('succeeded');
    const status = await client.callOk('backups.status', { serverId: serverA });
    expect(status.lastDrill).toMatchObject({ ok: true, pointId });
    expect(await sh(rootA, 'ls /var/lib/mailharbor/backups/restore 2>/dev/null | wc -l')).toBe('0');
  });

  it('rebuilds a second, fresh server from the recovery kit alone: same data, every service healthy', async () => {
    const kit = await client.callOk('backups.saveKit', {
      serverId: serverA,
      passphrase: 'a kit passphrase for the test',
    });
    expect(kit.fileName).toBe(`${domain}.mailharbor-kit.age`);
    const latest = (await client.callOk('backups.points', { serverId: serverA })).points[0]!;

    const vpsB = await vpsAdmin('reset', VPS_B);
    const rootB = { vps: vpsB, key: world.ssh, user: 'root' };
    const serverB = (await addWorldServer(client, world, vpsB, 'Rebuilt VPS')).id;
    const opened = await client.callOk('kit.open', { data: kit.data, passphrase: 'a kit passphrase for the test' });
    expect(opened.domain).toBe(domain);
    const applied = await client.callOk('kit.apply', { kitId: opened.kitId, serverId: serverB });
    expect(await follow(serverB, applied.jobId)).toBe('succeeded');
    const { points } = await client.callOk('backups.points', { serverId: serverB });
    expect(points[0]!.pointId).toBe(latest.pointId);

    const config = await client.callOk('backups.restore', {
      serverId: serverB,
      pointId: latest.pointId,
      scope: 'config',
    });
    expect(await follow(serverB, config.jobId)).toBe('succeeded');
    expect(await sh(rootB, `sha256sum < ${STACK}/.env`)).toBe(await sh(rootA, `sha256sum < ${STACK}/.env`));
    expect(await sh(rootB, `sha256sum < ${STACK}/ssl/dkim.key`)).toBe(
      await sh(rootA, `sha256sum < ${STACK}/ssl/dkim.key`),
    );
    // The install adopts what the restore put back (same secrets, same DKIM key, the certificate kept).
    expect(await installStack(client, serverB, domain)).toBe('succeeded');
    const data = await client.callOk('backups.restore', { serverId: serverB, pointId: latest.pointId, scope: 'data' });
    expect(await follow(serverB, data.jobId)).toBe('succeeded');

    const mongoB = await sh(rootB, 'docker exec mongodb standin-mongo get mail settings');
    expect(mongoB).toContain('at-backup');
    expect(mongoB).not.toContain('after-backup');
    expect(await sh(rootB, 'docker exec redis redis-cli -h 127.0.0.1 GET mailharbor:marker')).toBe('at-backup');
    const mailboxesB = await sh(rootB, `ls ${STACK}/sqlite-data | grep -c '\\.sqlite$'`);
    expect(Number(mailboxesB)).toBe(latest.mailboxes);
    const stack = await client.callOk('stack.status', { serverId: serverB });
    expect(stack.installed).toBe(true);
    for (const service of stack.services) expect(['healthy', 'none'], service.service).toContain(service.health);
  });
});

describe('retention, the schedule and the stale warning', { timeout: 10 * 60_000 }, () => {
  const RETENTION_PREFIX = `retention-${process.pid}`;

  /** restic on the VPS with this test's own copy of the secrets, to make points of set times. */
  async function resticOnVps(args: string) {
    await sh(
      rootA,
      `umask 077; mkdir -p /root/rt; printf '%s' '${PASSWORD}' > /root/rt/pw; printf '[default]\\naws_access_key_id = ${KEYS.accessKeyId}\\naws_secret_access_key = ${KEYS.secretAccessKey}\\n' > /root/rt/aws`,
    );
    return sh(
      rootA,
      `AWS_SHARED_CREDENTIALS_FILE=/root/rt/aws restic -r s3:${s3.httpsGatewayEndpoint}/${s3.bucket}/${RETENTION_PREFIX} -o s3.bucket-lookup=path --password-file /root/rt/pw ${args}`,
      300_000,
    );
  }

  it('keeps exactly the points the retention asks for, and warns when the newest is too old', async () => {
    const retention = { daily: 3, weekly: 2, monthly: 2 };
    const { jobId } = await client.callOk('backups.save', {
      serverId: serverA,
      settings: { destination: destination(RETENTION_PREFIX), retention, schedule: { enabled: true, time: '03:30' } },
      keys: KEYS,
      repositoryPassword: PASSWORD,
    });
    expect(await follow(serverA, jobId)).toBe('succeeded');
    // Old points, one every other day for two months, the newest three days ago (two parts each, as the
    // agent makes them), made a few at a time: restic lets backups into one repository run side by side.
    const host = `mailharbor-${domain}`;
    const times = Array.from({ length: 30 }, (_, index) => new Date(Date.now() - (3 + 2 * index) * 86_400_000));
    const lines = times.map((time, index) => {
      const stamp = time
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '');
      return `${stamp.replace(' ', '_')} j-old-${String(index).padStart(8, '0')} ${domain} ${host}`;
    });
    await sh(rootA, 'mkdir -p /var/lib/mailharbor/backups/stage && echo files > /var/lib/mailharbor/backups/stage/x');
    await resticOnVps('version >/dev/null; true');
    const restic = `AWS_SHARED_CREDENTIALS_FILE=/root/rt/aws restic -r s3:${s3.httpsGatewayEndpoint}/${s3.bucket}/${RETENTION_PREFIX} -o s3.bucket-lookup=path --password-file /root/rt/pw -q`;
    const point = [
      'set -e; stamp=$(echo "$1" | tr _ " "); tags="--tag mailharbor --tag point:$2 --tag domain:$3"',
      `${restic} backup /var/lib/mailharbor/backups/stage --host "$4" --time "$stamp" $tags --tag part:files`,
      `echo mongo | ${restic} backup --stdin --stdin-filename mongodb.archive --host "$4" --time "$stamp" $tags --tag part:mongo`,
    ].join('\n');
    await sh(
      rootA,
      `printf '%s\\n' ${lines.map((line) => `'${line}'`).join(' ')} | xargs -P 6 -L 1 sh -c '${point}' point-maker >/dev/null`,
      10 * 60_000,
    );
    // The dashboard learns of points from the repository: the newest is three days old.
    await sh(rootA, 'rm -f /var/lib/mailharbor/backups/state.json');
    await client.callOk('backups.points', { serverId: serverA });
    expect((await client.callOk('backups.status', { serverId: serverA })).stale).toBe(true);

    expect(await backUp(serverA)).toBe('succeeded');
    const status = await client.callOk('backups.status', { serverId: serverA });
    expect(status.stale).toBe(false);
    const kept = (await client.callOk('backups.points', { serverId: serverA })).points;
    const expected = expectedKeep([new Date(status.lastGood!.startedAt), ...times], retention).map((time) =>
      time.toISOString().slice(0, 10),
    );
    expect(kept.map((point) => point.time.slice(0, 10))).toEqual(expected);
    expect(kept.every((point) => point.complete)).toBe(true);
    await sh(rootA, 'rm -rf /root/rt');
  });

  it('runs the scheduled backup from cron, one entry each, the same job as the button', async () => {
    const now = new Date(Number(await sh(rootA, 'date +%s')) * 1000 + 90_000);
    const time = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
    const settings = {
      destination: destination(RETENTION_PREFIX),
      retention: DEFAULT_RETENTION,
      schedule: { enabled: true, time },
    };
    for (let round = 0; round < 2; round++) {
      const { jobId } = await client.callOk('backups.save', { serverId: serverA, settings });
      expect(await follow(serverA, jobId)).toBe('succeeded');
    }
    const cron = await sh(rootA, 'cat /etc/cron.d/mailharbor-backups');
    expect(cron.split('\n').filter((line) => line.includes('scheduled backups.run'))).toHaveLength(1);
    expect(await sh(rootA, 'grep -rl "scheduled backups" /etc/cron.d /var/spool/cron 2>/dev/null | wc -l')).toBe('1');

    let scheduled: string | undefined;
    for (let attempt = 0; attempt < 100 && !scheduled; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const { jobs } = await client.callOk('jobs.list', { serverId: serverA });
      scheduled = jobs.find(
        (job) => job.kind === 'backups.run' && Date.parse(job.createdAt) > now.getTime() - 60_000,
      )?.jobId;
    }
    expect(scheduled, 'cron started a backup').toBeDefined();
    expect(await follow(serverA, scheduled!)).toBe('succeeded');
    expect((await client.callOk('backups.status', { serverId: serverA })).lastRun).toMatchObject({
      trigger: 'schedule',
      status: 'succeeded',
    });
  });
});

/**
 * restic's keep rules, for the points of `times` (newest first): the newest point of each of the
 * last N days, weeks (ISO weeks, as restic counts them) and months that have one.
 */
function expectedKeep(times: Date[], retention: { daily: number; weekly: number; monthly: number }): Date[] {
  const sorted = [...times].sort((a, b) => b.getTime() - a.getTime());
  const keep = new Set<Date>();
  const rule = (count: number, bucket: (time: Date) => string) => {
    let last: string | undefined;
    let left = count;
    for (const time of sorted) {
      if (left === 0) break;
      const key = bucket(time);
      if (key === last) continue;
      last = key;
      left--;
      keep.add(time);
    }
  };
  rule(retention.daily, (time) => time.toISOString().slice(0, 10));
  rule(retention.weekly, (time) => isoWeek(time));
  rule(retention.monthly, (time) => time.toISOString().slice(0, 7));
  return sorted.filter((time) => keep.has(time));
}

function isoWeek(time: Date): string {
  const date = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  return `${date.getUTCFullYear()}-${Math.ceil(((date.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7)}`;
}
