// Updates end to end, through the app's real backend and the real agent on a world VPS with the stack
// installed at v1.0.0: refusals that change nothing (no backup possible, an image whose digest the
// registry does not have), 1.0.0 -> 1.1.0 with a backup first and the connection cut in the middle,
// and 1.1.0 -> 1.2.0-broken rolled back by itself to a healthy 1.1.0, naming the failing service.
// The releases come from the world's feed (its digests are the world registry's), served by a small
// feed of this file's own on the gateway, so a test can offer a bad release without touching the
// world's shared feed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../common/agent-contract.js';
import { startBackendWithClient, type TestBackend } from '../support/backend.js';
import { followJobToEnd, installStack, jobEventsOf } from '../support/stack-install-calls.js';
import { worldBackupSettings } from '../support/world-backups.js';
import { worldStackEnvironment } from '../support/stack-environment.js';
import { addWorldServer, connectServer, worldVpsDomain } from '../support/world-server.js';
import type { TestRpcClient } from '../support/ws-test-client.js';
import type { ReleaseFeedState } from '../world/pieces/release-feed.js';
import type { ReleasePins } from '../../common/updates/release-feed.js';
import type { S3State } from '../world/pieces/s3.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import { vpsAdmin, vpsRemove } from '../world/vps-admin.js';
import { vpsExec, type VpsSshTarget } from '../world/vps-ssh.js';
import type { VpsState } from '../world/vps.js';
import { worldForTests } from '../world/world-inject.js';

const world = worldForTests();
const s3 = pieceState<S3State>(world, 's3');
const worldFeed = pieceState<ReleaseFeedState>(world, 'release-feed');
const VPS = `updates-${process.pid}`;
const STACK = '/root/forwardemail.net/self-hosting';
const APP_REPOSITORY = 'forwardemail/forwardemail.net-selfhosted';

interface FeedEntry {
  version: string;
  publishedAt: string;
  notes: string;
  prerelease: boolean;
  migratesData: boolean;
  pins?: ReleasePins;
}

let backend: TestBackend;
let client: TestRpcClient;
let vps: VpsState;
let root: VpsSshTarget;
let serverId: string;
let feedServer: http.Server;
/** What this file's feed serves; tests change it. */
let feed: { latest: { version: string }; releases: FeedEntry[] };
let releases: FeedEntry[];

function sh(script: string, timeoutMs = 120_000) {
  return vpsExec(root, script, { timeoutMs }).then((result) => result.stdout.trim());
}

function release(version: string): FeedEntry {
  const found = releases.find((entry) => entry.version === version);
  if (!found?.pins) throw new Error(`the world feed has no pinned ${version}`);
  return found;
}

function jobEvents(jobId: string): JobEvent[] {
  return jobEventsOf(client, jobId);
}

async function update(version: string, extra: { withoutBackup?: boolean } = {}) {
  const { jobId } = await client.callOk('updates.start', { serverId, version, ...extra });
  const status = await followJobToEnd(client, serverId, jobId, `u-${jobId.slice(-8)}`);
  const job = (await client.callOk('jobs.list', { serverId })).jobs.find((entry) => entry.jobId === jobId);
  const failed = jobEvents(jobId).find((event) => event.type === 'step.failed') as
    Extract<JobEvent, { type: 'step.failed' }> | undefined;
  return { jobId, status, error: job?.error, failed };
}

/** What an update must not touch when it refuses: the .env and every container. */
async function serverState() {
  return sh(`cd ${STACK} && sha256sum .env && docker ps -a --format '{{.Names}} {{.ID}} {{.Image}}' | sort`);
}

/** The image every app container runs, as the engine resolved it (an image id). */
async function appImageIds(): Promise<Set<string>> {
  const lines = await sh("docker inspect -f '{{.Name}} {{.Image}}' $(docker ps -aq)");
  const app = lines.split('\n').filter((line) => !/^\/(sni-router|mongodb|redis) /.test(line));
  expect(app).toHaveLength(12);
  return new Set(app.map((line) => line.split(' ')[1] ?? ''));
}

async function imageIdOf(version: string): Promise<string> {
  const pin = release(version).pins!.forwardemail;
  return sh(`docker image inspect -f '{{.Id}}' ${world.registry.address}/${APP_REPOSITORY}@${pin.digest}`);
}

async function allHealthy(): Promise<string[]> {
  const lines = (await sh("docker ps -a --format '{{.Names}} {{.Status}}' | sort")).split('\n');
  expect(lines).toHaveLength(15);
  return lines.filter((line) => !/\(healthy\)/.test(line));
}

beforeAll(async () => {
  const response = await fetch(`${worldFeed.baseUrl}${worldFeed.feedPath}`);
  releases = ((await response.json()) as { releases: FeedEntry[] }).releases;
  feed = { latest: { version: 'v1.0.0' }, releases: [...releases] };
  feedServer = http.createServer((_request, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(feed));
  });
  await new Promise<void>((resolve) => feedServer.listen(0, world.gateway, resolve));
  const feedUrl = `http://${world.gateway}:${(feedServer.address() as AddressInfo).port}/feed.json`;

  vps = await vpsAdmin('reset', VPS);
  root = { vps, key: world.ssh, user: 'root' };
  ({ backend, client } = await startBackendWithClient({
    stackEnvironment: { ...worldStackEnvironment(world), releaseFeedUrl: feedUrl },
  }));
  serverId = (await addWorldServer(client, world, vps, 'Update VPS')).id;
  expect(await installStack(client, serverId, worldVpsDomain(vps))).toBe('succeeded');
}, 15 * 60_000);

afterAll(async () => {
  client?.close();
  await backend?.stop();
  await new Promise((resolve) => feedServer?.close(resolve));
  await vpsRemove(VPS).catch(() => {});
}, 180_000);

describe('updates', () => {
  it('shows the version that runs and what the feed offers, newest first, with notes', async () => {
    const status = await client.callOk('updates.status', { serverId });
    expect(status.installed).toBe(true);
    expect(status.running).toEqual({ version: 'v1.0.0', pinned: false });
    expect(status.feedError).toBeUndefined();
    expect(status.releases.map((entry) => entry.version)).toEqual(['v1.2.0-broken', 'v1.1.0', 'v1.0.0']);
    expect(status.releases.map((entry) => entry.newer)).toEqual([true, true, false]);
    expect(status.releases.every((entry) => entry.pinned)).toBe(true);
    expect(status.releases[0]?.notes).toMatch(/never become healthy/);
    expect(status.lastRun).toBeUndefined();
  });

  it("rotates every container's log at the configured size", async () => {
    const configs = await sh("docker inspect -f '{{.Name}} {{json .HostConfig.LogConfig}}' $(docker ps -aq)");
    const lines = configs.split('\n');
    expect(lines).toHaveLength(15);
    for (const line of lines) {
      expect(line).toMatch(/ \{"Type":"json-file","Config":\{"max-file":"5","max-size":"10m"\}\}$/);
    }
    // mx's own output, about 14 MB of log lines in the engine's JSON: a second file at 10 MB, none past it.
    const log = await sh("docker inspect -f '{{.LogPath}}' mx");
    await sh('docker exec mx sh -c "yes mailharbor-rotation | head -c 3000000 > /proc/1/fd/1"');
    const files = (await sh(`ls -l ${log}* | awk '{print $5, $9}'`)).split('\n');
    expect(files.length, files.join('\n')).toBeGreaterThanOrEqual(2);
    for (const file of files)
      expect(Number(file.split(' ')[0]), file).toBeLessThanOrEqual(10 * 1024 * 1024 + 64 * 1024);
  });

  it('refuses to update without a backup, changing nothing, unless the user says so', async () => {
    const before = await serverState();
    const refused = await update('v1.1.0');
    expect(refused.status).toBe('failed');
    expect(refused.failed?.reason.code).toBe('updates.backupFailed');
    expect(refused.failed?.reason.params?.cause).toBe('backups.notConfigured');
    expect(await serverState()).toBe(before);
    // Nothing was even downloaded.
    const pin = release('v1.1.0').pins!.forwardemail;
    expect(
      await sh(
        `docker image inspect ${world.registry.address}/${APP_REPOSITORY}@${pin.digest} >/dev/null 2>&1 || echo absent`,
      ),
    ).toBe('absent');
    expect((await client.callOk('updates.status', { serverId })).lastRun).toMatchObject({
      outcome: 'failed',
      to: 'v1.1.0',
    });
  });

  it('refuses a release older than the one that runs, and one the feed does not list', async () => {
    const before = await serverState();
    const older = await update('v1.0.0', { withoutBackup: true });
    expect(older.failed?.reason.code).toBe('updates.notNewer');
    const unknown = await update('v9.9.9', { withoutBackup: true });
    expect(unknown.failed?.reason.code).toBe('updates.releaseNotFound');
    expect(await serverState()).toBe(before);
  });

  it('refuses a release whose image is not the one the registry holds, or whose database is older, before anything changes', async () => {
    const wrong = release('v1.1.0');
    const forged = '0'.repeat(64);
    feed.releases = [
      {
        ...wrong,
        version: 'v1.1.1',
        pins: { ...wrong.pins!, forwardemail: { tag: 'v1.1.1', digest: `sha256:${forged}` } },
      },
      ...releases,
    ];
    try {
      const before = await serverState();
      const refused = await update('v1.1.1', { withoutBackup: true });
      expect(refused.status).toBe('failed');
      expect(refused.failed?.step).toBe('pull');
      expect(refused.failed?.reason.code).toBe('updates.pullFailed');
      expect(await serverState()).toBe(before);
      // A release whose mongo is older than the one that wrote the data is refused before the pull.
      feed.releases = [
        {
          ...wrong,
          version: 'v1.1.2',
          pins: {
            ...wrong.pins!,
            forwardemail: { ...wrong.pins!.forwardemail, tag: 'v1.1.2' },
            mongo: { ...wrong.pins!.mongo, tag: '6.0.20' },
          },
        },
        ...releases,
      ];
      const older = await update('v1.1.2', { withoutBackup: true });
      expect(older.failed?.step).toBe('prepare');
      expect(older.failed?.reason).toMatchObject({
        code: 'updates.databaseDowngrade',
        params: { image: 'mongo', running: '7.0.14' },
      });
      expect(await serverState()).toBe(before);
    } finally {
      feed.releases = [...releases];
    }
  });

  it(
    'backs up first, updates 1.0.0 -> 1.1.0 through a dropped connection, and passes the gate',
    async () => {
      const { jobId: setup } = await client.callOk('backups.save', {
        serverId,
        ...worldBackupSettings(s3, `updates-${process.pid}`, { enabled: true, time: '03:30' }),
      });
      expect(await followJobToEnd(client, serverId, setup, 'setup')).toBe('succeeded');

      const { jobId } = await client.callOk('updates.start', { serverId, version: 'v1.1.0' });
      const follow = client.call('jobs.follow', { streamId: 'u1', serverId, jobId, fromOffset: 0 });
      for (let i = 0; i < 1200 && !jobEvents(jobId).some((e) => e.type === 'step.started' && e.step === 'pull'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(jobEvents(jobId).some((e) => e.type === 'step.started' && e.step === 'pull')).toBe(true);
      // Cut the SSH connection from the server's side: the update goes on without the app.
      await sh("pkill -KILL -f 'sshd: root@' || true").catch(() => {});
      expect((await follow).ok).toBe(false);
      expect((await connectServer(client, serverId, vps)).status).toBe('connected');
      // Re-attached from the start: the whole history, every offset once, to the end.
      const again = await client.callOk('jobs.follow', { streamId: 'u2', serverId, jobId, fromOffset: 0 });
      expect(again.status).toBe('succeeded');
      const history = jobEvents(jobId).filter(
        (event, index, all) => all.findIndex((e) => e.offset === event.offset) === index,
      );
      expect(history.map((event) => event.offset)).toEqual(history.map((_, index) => index));
      expect(history.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
      expect(history.filter((event) => event.type === 'step.done').map((event) => event.step)).toEqual(
        expect.arrayContaining(['prepare', 'backup-files', 'backup-mongo', 'pull', 'keep', 'switch', 'gate']),
      );

      // Every app container runs the image the release pins, and the .env names it by digest.
      expect(await appImageIds()).toEqual(new Set([await imageIdOf('v1.1.0')]));
      const env = await sh(`grep -E '^(IMAGE_TAG|IMAGE_DIGEST|REDIS_DIGEST)=' ${STACK}/.env`);
      expect(env).toContain('IMAGE_TAG=v1.1.0');
      expect(env).toContain(`IMAGE_DIGEST=@${release('v1.1.0').pins!.forwardemail.digest}`);
      expect(env).toContain(`REDIS_DIGEST=@${release('v1.1.0').pins!.redis.digest}`);
      expect(await allHealthy()).toEqual([]);

      const status = await client.callOk('updates.status', { serverId });
      expect(status.running).toEqual({ version: 'v1.1.0', pinned: true });
      expect(status.previous?.version).toBe('v1.0.0');
      expect(status.lastRun).toMatchObject({ outcome: 'updated', from: 'v1.0.0', to: 'v1.1.0', jobId });
      expect(status.lastRun?.mailDowntimeMs).toBeLessThan(30_000);
      // The backup taken first is a restore point tagged with the version it came from.
      const pointId = status.lastRun?.backupPointId;
      expect(pointId).toBeTruthy();
      const { points } = await client.callOk('backups.points', { serverId });
      expect(points.find((point) => point.pointId === pointId)).toMatchObject({
        stackVersion: 'v1.0.0',
        complete: true,
      });
    },
    15 * 60_000,
  );

  it(
    'rolls 1.1.0 -> 1.2.0-broken back by itself to a healthy 1.1.0, naming the failing service',
    async () => {
      const good = await imageIdOf('v1.1.0');
      const result = await update('v1.2.0-broken');
      expect(result.status).toBe('failed');
      expect(result.failed?.step, JSON.stringify(result.failed)).toMatch(/^(switch|gate)$/);
      expect(result.failed?.reason.code).toBe('updates.rolledBack');
      expect(result.failed?.reason.params).toMatchObject({ from: 'v1.1.0', to: 'v1.2.0-broken' });
      expect(String(result.failed?.reason.params?.services)).toMatch(
        /\b(web|api|smtp|mx|imap|pop3|sqlite|caldav|carddav|bree)\b/,
      );
      // The failing service's last log lines travel with the report.
      expect(result.failed?.reason.detail).toMatch(/MongoServerSelectionError|still cannot connect/);

      expect(await allHealthy()).toEqual([]);
      expect(await appImageIds()).toEqual(new Set([good]));
      expect(await sh(`grep '^IMAGE_TAG=' ${STACK}/.env`)).toBe('IMAGE_TAG=v1.1.0');
      const status = await client.callOk('updates.status', { serverId });
      expect(status.running?.version).toBe('v1.1.0');
      expect(status.lastRun).toMatchObject({ outcome: 'rolledBack', from: 'v1.1.0', to: 'v1.2.0-broken' });
      expect(status.lastRun?.failedServices?.length).toBeGreaterThan(0);
      // The broken version's backup was taken from 1.1.0.
      const { points } = await client.callOk('backups.points', { serverId });
      expect(points.find((point) => point.pointId === status.lastRun?.backupPointId)?.stackVersion).toBe('v1.1.0');
    },
    20 * 60_000,
  );

  it(
    'rolls a release that migrates data back with its data: the backup taken before it is restored, the migrated data kept',
    async () => {
      // The broken release, declared as one that migrates data: before failing, its mx service changes the
      // mailbox storage (a marker file), as a real migration would. Tags alone cannot undo that.
      feed.releases = releases.map((entry) =>
        entry.version === 'v1.2.0-broken' ? { ...entry, migratesData: true } : entry,
      );
      try {
        await sh(`rm -f ${STACK}/sqlite-data/migrated-by-*`);
        await sh('docker exec redis redis-cli set update-marker before-update && docker exec redis redis-cli save');
        const good = await imageIdOf('v1.1.0');
        const result = await update('v1.2.0-broken');
        expect(result.status).toBe('failed');
        expect(result.failed?.reason.code, JSON.stringify(result.failed)).toBe('updates.restoredBack');
        expect(result.failed?.reason.params).toMatchObject({ from: 'v1.1.0', to: 'v1.2.0-broken' });
        const status = await client.callOk('updates.status', { serverId });
        expect(status.lastRun).toMatchObject({ outcome: 'rolledBack', from: 'v1.1.0', to: 'v1.2.0-broken' });
        const pointId = status.lastRun?.backupPointId;
        expect(result.failed?.reason.params?.point).toBe(pointId);

        // Back on 1.1.0, healthy, with the data of the backup: the migration's mark is gone from the
        // mailboxes, and kept with what the restore replaced, until the user discards it.
        expect(await allHealthy()).toEqual([]);
        expect(await appImageIds()).toEqual(new Set([good]));
        expect(await sh(`grep '^IMAGE_TAG=' ${STACK}/.env`)).toBe('IMAGE_TAG=v1.1.0');
        expect(await sh(`ls ${STACK}/sqlite-data | grep -c '^migrated-by-' || true`)).toBe('0');
        expect(await sh(`ls ${STACK}/.mailharbor-rollback/${result.jobId}/sqlite-data/`)).toContain(
          'migrated-by-1.2.0-broken',
        );
        expect(await sh('docker exec redis redis-cli get update-marker')).toBe('before-update');
        const backups = await client.callOk('backups.status', { serverId });
        expect(backups.rollback).toMatchObject({ pointId });
      } finally {
        feed.releases = [...releases];
      }
    },
    25 * 60_000,
  );

  it(
    'puts the nightly update in place exactly once, and the night takes the newest release that keeps the data',
    async () => {
      const cronLines = async () =>
        (await sh('cat /etc/cron.d/mailharbor-updates')).split('\n').filter((line) => line.includes('scheduled'));
      for (const time of ['02:10', '02:15']) {
        await client.callOk('updates.configure', { serverId, schedule: { enabled: true, time } });
      }
      expect(await cronLines()).toHaveLength(1);
      // Re-running the install leaves the nightly update, the backups' entries and .env's pins as they are.
      expect(await installStack(client, serverId, worldVpsDomain(vps))).toBe('succeeded');
      const [line] = await cronLines();
      expect(line).toMatch(/^15 2 \* \* \* root \/\S+ \/\S+ scheduled updates\.apply /);
      expect(
        (await sh('cat /etc/cron.d/mailharbor-backups')).split('\n').filter((l) => l.includes('scheduled backups.run')),
      ).toHaveLength(1);
      expect(await sh(`grep -c '^IMAGE_DIGEST=@sha256:' ${STACK}/.env`)).toBe('1');
      expect((await client.callOk('updates.status', { serverId })).schedule).toEqual({ enabled: true, time: '02:15' });

      // What the night sees: v1.4.0 migrates data (it waits for the user), v1.3.0 (v1.0.0's images) does not.
      const old = release('v1.0.0');
      const as = (version: string, extra: Partial<FeedEntry> = {}): FeedEntry => ({
        ...old,
        version,
        publishedAt: '2026-09-01T10:00:00Z',
        pins: { ...old.pins!, forwardemail: { ...old.pins!.forwardemail, tag: version } },
        ...extra,
      });
      feed.releases = [as('v1.4.0', { migratesData: true }), as('v1.3.0'), ...releases];
      try {
        // What cron runs, run now.
        const command = line!.replace(/^.* root /, '').replace(/ >\/dev\/null.*$/, '');
        const jobId = await sh(command);
        expect(jobId).toMatch(/^j-/);
        expect(await followJobToEnd(client, serverId, jobId, 'nightly')).toBe('succeeded');
        const status = await client.callOk('updates.status', { serverId });
        expect(status.lastRun).toMatchObject({ trigger: 'schedule', outcome: 'updated', from: 'v1.1.0', to: 'v1.3.0' });
        expect(status.running).toEqual({ version: 'v1.3.0', pinned: true });
        expect(status.lastRun?.backupPointId).toBeTruthy();
        expect(await allHealthy()).toEqual([]);
        // Nothing newer that keeps the data: the next night does nothing.
        expect(await sh(command)).toBe('up to date (v1.3.0)');
      } finally {
        feed.releases = [...releases];
      }
      await client.callOk('updates.configure', { serverId, schedule: { enabled: false, time: '02:15' } });
      expect(await sh('test -e /etc/cron.d/mailharbor-updates && echo there || echo gone')).toBe('gone');
    },
    15 * 60_000,
  );
});
