// Adopting an install made by upstream's setup.sh: the mongo and redis versions its data needs (never
// pinned lower), values older setup.sh versions wrote, upstream's crontab entries, and the mailboxes an
// older install kept in the host's /mnt/sqlite_storage merged into sqlite-data without losing any.
import { createHash } from 'node:crypto';
import { truncateSync } from 'node:fs';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import {
  assertRedisReadsRdb,
  rdbFormatOf,
  versionFloors,
  versionOfContainer,
} from '../../remote-agent/src/stack/adoption/database-versions.js';
import {
  bytesToCopy,
  hasLegacyMailboxes,
  mergeMailboxes,
  planMailboxMerge,
  requireRoomForMerge,
} from '../../remote-agent/src/stack/adoption/legacy-mailboxes.js';
import { splitUpstreamEntries } from '../../remote-agent/src/stack/adoption/upstream-crontab.js';
import { EnvFile } from '../../remote-agent/src/stack/env/env-file.js';
import { mergeEnv } from '../../remote-agent/src/stack/env/env-merge.js';

const STACK = '/root/forwardemail.net/self-hosting';

function inspect(image: string, env: string[] = []) {
  return { Id: 'x', Name: '/mongodb', Config: { Image: image, Env: env } };
}

function thrown(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('the database versions an install must not go below', () => {
  it('reads the version from the official image ENV line first, then from an exact tag', () => {
    expect(versionOfContainer(inspect('mongo:latest', ['PATH=/bin', 'MONGO_VERSION=8.0.4']), 'mongo')).toEqual({
      version: '8.0.4',
      source: 'image env',
      container: 'mongodb',
    });
    expect(
      versionOfContainer(inspect('172.29.53.1:5000/mongo:7.0.14@sha256:' + 'a'.repeat(64)), 'mongo')?.version,
    ).toBe('7.0.14');
    // "latest", "7.0" and pre-releases name no single release: no floor rather than a wrong one.
    for (const image of ['mongo:latest', 'mongo:7.0', 'mongo'])
      expect(versionOfContainer(inspect(image), 'mongo')).toBeUndefined();
    expect(versionOfContainer(inspect('redis:latest', ['REDIS_VERSION=8.0-m01']), 'redis')).toBeUndefined();
    expect(versionOfContainer(undefined, 'redis')).toBeUndefined();
  });

  it('reads the RDB format from dump.rdb and refuses a redis that cannot load it, naming the key', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rdb-'));
    try {
      const file = path.join(dir, 'dump.rdb');
      expect(await rdbFormatOf(file)).toBeUndefined();
      writeFileSync(file, Buffer.concat([Buffer.from('REDIS0011'), Buffer.from([0xfa, 0x09])]));
      expect(await rdbFormatOf(file)).toBe(11);
      writeFileSync(file, 'not an rdb file');
      expect(await rdbFormatOf(file)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => assertRedisReadsRdb('7.2.4', 11)).not.toThrow();
    expect(() => assertRedisReadsRdb('7.0.15', 10)).not.toThrow();
    expect(() => assertRedisReadsRdb('7.0.15', undefined)).not.toThrow();
    const error = thrown(() => assertRedisReadsRdb('7.0.15', 11));
    expect(error.code).toBe('stack.databaseTooNew');
    expect(error.params).toMatchObject({ field: 'REDIS_VERSION', needed: '7.2.0', pinned: '7.0.15' });
    // A format newer than any we know: only the redis that runs now (it wrote it) may keep it.
    expect(thrown(() => assertRedisReadsRdb('7.4.2', 13)).code).toBe('stack.databaseTooNew');
    const running = { version: '8.2.1', source: 'image env' as const, container: 'redis' };
    expect(() => assertRedisReadsRdb('8.2.1', 13, running)).not.toThrow();
  });
});

describe('the .env of an adopted install', () => {
  // As upstream's setup.sh leaves it: no MONGO_VERSION/REDIS_VERSION (it ran mongo:latest, redis:latest).
  const upstreamEnv = ['DOMAIN=example.com', 'COMPOSE_PROFILES=storage', 'IMAGE_TAG=v1.1.0', 'WEB_PORT=443', ''].join(
    '\n',
  );
  const floors = versionFloors({
    mongo: { version: '8.0.4', source: 'image env', container: 'mongodb' },
    redis: { version: '7.4.2', source: 'image env', container: 'redis' },
  });
  const merge = (existing: string, withFloors = floors) =>
    mergeEnv({ existing, domain: 'example.com', profile: 'full', floors: withFloors, generate: () => 'g'.repeat(32) });

  it('pins the mongo and redis that run, not our older defaults, and says so', () => {
    const result = merge(upstreamEnv);
    const env = EnvFile.parse(result.text);
    expect(env.get('MONGO_VERSION')).toBe('8.0.4');
    expect(env.get('REDIS_VERSION')).toBe('7.4.2');
    expect(result.raised).toEqual([
      { key: 'MONGO_VERSION', from: undefined, to: '8.0.4' },
      { key: 'REDIS_VERSION', from: undefined, to: '7.4.2' },
    ]);
    // Without a running database the shipped pins stand.
    expect(EnvFile.parse(merge(upstreamEnv, []).text).get('MONGO_VERSION')).toBe('7.0.14');
  });

  it('raises a lower or floating pin, keeps a higher one, and a second run changes nothing', () => {
    const lower = merge(upstreamEnv.replace('WEB_PORT=443', 'MONGO_VERSION=7.0.14\nREDIS_VERSION=latest'));
    expect(EnvFile.parse(lower.text).get('MONGO_VERSION')).toBe('8.0.4');
    expect(EnvFile.parse(lower.text).get('REDIS_VERSION')).toBe('7.4.2');
    expect(lower.changes.find((change) => change.key === 'MONGO_VERSION')?.action).toBe('set');
    const higher = merge(upstreamEnv.replace('WEB_PORT=443', 'MONGO_VERSION=8.2.1'));
    expect(EnvFile.parse(higher.text).get('MONGO_VERSION')).toBe('8.2.1');
    const again = merge(lower.text);
    expect(again.changed).toBe(false);
    expect(again.raised).toEqual([]);
  });

  it("carries an older setup.sh's WEB_PORT=443 over to the port the router hands the web UI to", () => {
    const result = merge(upstreamEnv);
    expect(EnvFile.parse(result.text).get('WEB_PORT')).toBe('3000');
    expect(result.carriedOver.map((value) => value.key)).toEqual(['WEB_PORT']);
    const custom = merge(upstreamEnv.replace('WEB_PORT=443', 'WEB_PORT=3000'));
    expect(custom.carriedOver).toEqual([]);
    // Every line of the upstream file but WEB_PORT stays as it was.
    for (const line of upstreamEnv.split('\n').filter((l) => l && !l.startsWith('WEB_PORT')))
      expect(result.text.split('\n')).toContain(line);
  });
});

describe("upstream's entries in root's crontab", () => {
  // The lines setup.sh's menu writes (options 2 and 3, and the manual-certificate check), an older
  // version's raw pull, and lines of the user's own that must stay byte for byte.
  const upstream = [
    `0 0 * * * ${STACK}/scripts/backup-mongo.sh >> /var/log/mongo-backup.log 2>&1`,
    `0 0 * * * ${STACK}/scripts/backup-redis.sh >> /var/log/redis-backup.log 2>&1`,
    `0 0 * * * ${STACK}/scripts/backup-sqlite.sh >> /var/log/sqlite-backup.log 2>&1`,
    `0 1 * * * ${STACK}/scripts/update.sh >> /var/log/autoupdate.log 2>&1`,
    `0 8 * * 1 ${STACK}/scripts/check-cert-expiry.sh >> /var/log/cert-expiry.log 2>&1`,
    `0 1 * * * docker compose -f ${STACK}/docker-compose-self-hosted.yml pull && docker compose -f ${STACK}/docker-compose-self-hosted.yml up -d`,
  ];
  const own = [
    '# m h dom mon dow command',
    'MAILTO=admin@example.com',
    '*/5 * * * * /usr/local/bin/my-own-check',
    `# 0 1 * * * ${STACK}/scripts/update.sh (commented out by the user: a comment, not an entry)`,
    '30 2 * * * /root/other-app/scripts/update.sh',
  ];

  it('takes out exactly upstream’s entries and keeps everything else in its place', () => {
    const crontab = [
      own[0],
      ...upstream.slice(0, 3),
      own[1],
      own[2],
      upstream[3],
      own[3],
      upstream[4],
      upstream[5],
      own[4],
      '',
    ].join('\n');
    const split = splitUpstreamEntries(crontab, STACK);
    expect(split.removed).toEqual(upstream);
    expect(split.kept).toBe([...own, ''].join('\n'));
    expect(splitUpstreamEntries(split.kept, STACK).removed).toEqual([]);
    expect(splitUpstreamEntries('', STACK)).toEqual({ kept: '', removed: [] });
    // Another install directory's entries are not ours to take.
    expect(splitUpstreamEntries(upstream.join('\n'), '/root/other-install/self-hosting').removed).toEqual([]);
  });
});

describe('merging the mailboxes of /mnt/sqlite_storage into sqlite-data', () => {
  let root: string;
  let legacy: string;
  let current: string;
  let replaced: string;
  const hour = 3600;

  function put(dir: string, file: string, content: string, ageSeconds: number) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
    const when = Date.now() / 1000 - ageSeconds;
    utimesSync(path.join(dir, file), when, when);
  }
  const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
  /** Every file's content under the test root, wherever it now is: nothing may disappear. */
  function allContents(): Set<string> {
    const out = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else out.add(createHash('sha256').update(readFileSync(full)).digest('hex'));
      }
    };
    walk(root);
    return out;
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailboxes-'));
    legacy = path.join(root, 'mnt', 'sqlite_storage');
    current = path.join(root, 'stack', 'sqlite-data');
    replaced = `${current}.replaced-test`;
    mkdirSync(legacy, { recursive: true });
    mkdirSync(current, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('copies what is only in the old folder, keeps the newer unit of a conflict, and loses nothing', async () => {
    // Only in the old folder (mx wrote it): the database with its WAL travels as one.
    put(legacy, 'alias-only-old.sqlite', 'old-db', 2 * hour);
    put(legacy, 'alias-only-old.sqlite-wal', 'old-wal', hour);
    // In both, the same bytes.
    put(legacy, 'alias-same.sqlite', 'same', hour);
    put(current, 'alias-same.sqlite', 'same', 3 * hour);
    // In both, newer in the old folder (its WAL is the newest file of either unit).
    put(legacy, 'alias-split.sqlite', 'split-old-folder', 5 * hour);
    put(legacy, 'alias-split.sqlite-wal', 'split-old-folder-wal', 60);
    put(current, 'alias-split.sqlite', 'split-current', 2 * hour);
    put(current, 'alias-split.sqlite-shm', 'split-current-shm', 2 * hour);
    // In both, newer in sqlite-data.
    put(legacy, 'alias-stale.sqlite', 'stale-old-folder', 9 * hour);
    put(current, 'alias-stale.sqlite', 'stale-current', hour);
    // Only in sqlite-data: untouched.
    put(current, 'alias-only-new.sqlite', 'only-new', hour);
    const before = allContents();

    const plan = await planMailboxMerge(legacy, current);
    expect(plan.map((step) => [step.key, step.action])).toEqual([
      ['alias-only-old.sqlite', 'copy'],
      ['alias-same.sqlite', 'same'],
      ['alias-split.sqlite', 'replace'],
      ['alias-stale.sqlite', 'keepCurrent'],
    ]);
    const result = await mergeMailboxes(legacy, current, replaced, new Date('2026-12-07T10:00:00Z'));

    expect(read(current, 'alias-only-old.sqlite')).toBe('old-db');
    expect(read(current, 'alias-only-old.sqlite-wal')).toBe('old-wal');
    expect(statSync(path.join(current, 'alias-only-old.sqlite-wal')).mtimeMs).toBe(
      statSync(path.join(result.keptAt, 'alias-only-old.sqlite-wal')).mtimeMs,
    );
    // The newer unit whole: its database and WAL, and no -shm left over from the other unit.
    expect(read(current, 'alias-split.sqlite')).toBe('split-old-folder');
    expect(read(current, 'alias-split.sqlite-wal')).toBe('split-old-folder-wal');
    expect(existsSync(path.join(current, 'alias-split.sqlite-shm'))).toBe(false);
    expect(read(replaced, 'alias-split.sqlite')).toBe('split-current');
    expect(read(replaced, 'alias-split.sqlite-shm')).toBe('split-current-shm');
    expect(read(current, 'alias-stale.sqlite')).toBe('stale-current');
    expect(read(current, 'alias-only-new.sqlite')).toBe('only-new');
    // The old folder is kept whole under upstream's name for it.
    expect(result.keptAt).toBe(`${legacy}.migrated-20261207`);
    expect(existsSync(legacy)).toBe(false);
    expect(read(result.keptAt, 'alias-stale.sqlite')).toBe('stale-old-folder');
    for (const hash of before) expect(allContents().has(hash)).toBe(true);
    expect(await hasLegacyMailboxes(legacy)).toBe(false);
  });

  it('finishes a merge that died halfway through copying a unit, keeping what it replaces', async () => {
    put(legacy, 'alias.sqlite', 'old-folder-db', hour);
    put(legacy, 'alias.sqlite-wal', 'old-folder-wal', 60);
    put(current, 'alias.sqlite', 'current-db', 2 * hour);
    const before = allContents();
    // The first run moved the current unit aside and copied only the database before it died.
    mkdirSync(replaced, { recursive: true });
    writeFileSync(path.join(replaced, 'alias.sqlite'), 'current-db');
    rmSync(path.join(current, 'alias.sqlite'));
    writeFileSync(path.join(current, 'alias.sqlite'), 'old-folder-db');
    const mtime = statSync(path.join(legacy, 'alias.sqlite')).mtime;
    utimesSync(path.join(current, 'alias.sqlite'), mtime, mtime);
    expect(await hasLegacyMailboxes(legacy)).toBe(true);

    await mergeMailboxes(legacy, current, `${current}.replaced-second-run`);
    expect(read(current, 'alias.sqlite')).toBe('old-folder-db');
    expect(read(current, 'alias.sqlite-wal')).toBe('old-folder-wal');
    expect(read(replaced, 'alias.sqlite')).toBe('current-db');
    for (const hash of before) expect(allContents().has(hash)).toBe(true);
  });

  it('refuses a merge that might not fit on the disk, before anything is copied, naming the folder', async () => {
    put(legacy, 'small.sqlite', 'x'.repeat(1000), hour);
    const small = await planMailboxMerge(legacy, current);
    expect(await bytesToCopy(legacy, small)).toBe(1000);
    expect((await requireRoomForMerge(legacy, current, small)).neededMb).toBe('257');
    // A sparse 8 TiB mailbox: its size counts, whatever its blocks on this disk.
    writeFileSync(path.join(legacy, 'huge.sqlite'), '');
    truncateSync(path.join(legacy, 'huge.sqlite'), 2 ** 43);
    const error = await requireRoomForMerge(legacy, current, await planMailboxMerge(legacy, current)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('stack.notEnoughDisk');
    expect((error as AppError).params.path).toBe(current);
    expect(readdirSync(current)).toEqual([]);
  });

  it('has nothing to do without the old folder, with an empty one, or a second time', async () => {
    expect(await hasLegacyMailboxes(path.join(root, 'mnt', 'nothing-here'))).toBe(false);
    expect(await hasLegacyMailboxes(legacy)).toBe(false);
    put(legacy, 'a.sqlite', 'a', hour);
    expect(await hasLegacyMailboxes(legacy)).toBe(true);
    await mergeMailboxes(legacy, current, replaced, new Date('2026-12-07T10:00:00Z'));
    // A new folder of the same name later (a second old install) gets a name of its own.
    put(legacy, 'b.sqlite', 'b', hour);
    const second = await mergeMailboxes(legacy, current, replaced, new Date('2026-12-07T11:00:00Z'));
    expect(second.keptAt).toBe(`${legacy}.migrated-20261207-2`);
    expect(read(current, 'b.sqlite')).toBe('b');
  });
});
