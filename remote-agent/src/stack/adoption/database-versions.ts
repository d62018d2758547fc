import { open } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';
import { compareReleaseTags } from '../../../../common/updates/release-feed.js';
import { inspectAll, withEngine } from '../../docker/containers.js';
import type { ContainerInspect } from '../../docker/docker-engine.js';
import type { StackPaths } from '../stack-paths.js';

/**
 * Which mongo and redis versions the server's data was last run with, so that an install (above
 * all the adoption of one made by upstream's setup.sh, which runs mongo:latest and redis:latest)
 * never pins an older one: mongod refuses data files at a newer featureCompatibilityVersion, and
 * redis refuses an RDB file of a newer format. Read only.
 */

export type DatabaseImage = 'mongo' | 'redis';

export interface RunningVersion {
  version: string;
  /** Where the version was read: the image's own ENV line, or its tag. */
  source: 'image env' | 'image tag';
  container: string;
}

export interface DatabaseVersions {
  mongo?: RunningVersion;
  redis?: RunningVersion;
  /** The format number of redis-data/dump.rdb (its "REDIS0011" header), when there is one. */
  redisRdbFormat?: number;
}

/** The .env key of each image's version (what compose puts after the image's name). */
export const VERSION_KEYS: Record<DatabaseImage, string> = { mongo: 'MONGO_VERSION', redis: 'REDIS_VERSION' };
const CONTAINERS: Record<DatabaseImage, string> = { mongo: 'mongodb', redis: 'redis' };
/** The official images set ENV MONGO_VERSION / REDIS_VERSION to the exact release they hold. */
const IMAGE_ENV: Record<DatabaseImage, string> = { mongo: 'MONGO_VERSION', redis: 'REDIS_VERSION' };
/** A release as the official images tag it (8.0.4): "latest" or "7.0" name no single version. */
const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/**
 * The oldest redis that loads each RDB format (redis's src/rdb.h RDB_VERSION per release):
 * 9 since 5.0, 10 since 7.0, 11 since 7.2, 12 since 7.4.
 */
const RDB_READERS: ReadonlyMap<number, string> = new Map([
  [9, '5.0.0'],
  [10, '7.0.0'],
  [11, '7.2.0'],
  [12, '7.4.0'],
]);

export function versionOfContainer(
  inspect: ContainerInspect | undefined,
  image: DatabaseImage,
): RunningVersion | undefined {
  if (!inspect) return undefined;
  const container = inspect.Name.replace(/^\//, '');
  const fromEnv = (inspect.Config?.Env ?? [])
    .find((line) => line.startsWith(`${IMAGE_ENV[image]}=`))
    ?.slice(IMAGE_ENV[image].length + 1);
  if (fromEnv && EXACT_VERSION.test(fromEnv)) return { version: fromEnv, source: 'image env', container };
  // "registry:5000/mongo:7.0.14@sha256:…": the tag is after the last colon of the name part.
  const reference = (inspect.Config?.Image ?? '').split('@')[0]!;
  const tag = /:([^/:]+)$/.exec(reference)?.[1];
  if (tag && EXACT_VERSION.test(tag)) return { version: tag, source: 'image tag', container };
  return undefined;
}

/** The format number in dump.rdb's first nine bytes ("REDIS" and four digits), or undefined. */
export async function rdbFormatOf(file: string): Promise<number | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const header = Buffer.alloc(9);
    const { bytesRead } = await handle.read(header, 0, 9, 0);
    const match = /^REDIS(\d{4})$/.exec(header.subarray(0, bytesRead).toString('latin1'));
    return match ? Number(match[1]) : undefined;
  } finally {
    await handle.close();
  }
}

export async function readDatabaseVersions(paths: StackPaths, signal?: AbortSignal): Promise<DatabaseVersions> {
  const images: DatabaseImage[] = ['mongo', 'redis'];
  const inspects = await withEngine((engine) =>
    inspectAll(
      engine,
      images.map((image) => CONTAINERS[image]),
      signal,
    ),
  );
  const versions: DatabaseVersions = {};
  images.forEach((image, index) => {
    const running = versionOfContainer(inspects[index], image);
    if (running) versions[image] = running;
  });
  const rdb = await rdbFormatOf(path.join(paths.redisData, 'dump.rdb'));
  if (rdb !== undefined) versions.redisRdbFormat = rdb;
  return versions;
}

export interface VersionFloor {
  key: string;
  version: string;
  why: string;
}

/**
 * The lowest version the .env may pin for each database: the one that runs now. Also refuses, naming
 * the key, a pin that cannot read the RDB file on disk (a dump brought from a newer redis).
 */
export function versionFloors(versions: DatabaseVersions): VersionFloor[] {
  const floors: VersionFloor[] = [];
  for (const image of ['mongo', 'redis'] as const) {
    const running = versions[image];
    if (running) {
      floors.push({
        key: VERSION_KEYS[image],
        version: running.version,
        why: `${image} ${running.version} runs now (${running.container}, from its ${running.source}); an older one cannot read its data`,
      });
    }
  }
  return floors;
}

/**
 * Refuses a redis pin that cannot load dump.rdb, unless it is the redis that runs now (it wrote the
 * file, also in a format newer than the ones listed here).
 */
export function assertRedisReadsRdb(pinned: string, format: number | undefined, running?: RunningVersion): void {
  if (format === undefined) return;
  if (running && compareReleaseTags(pinned, running.version) >= 0) return;
  const oldest = RDB_READERS.get(format);
  const newest = Math.max(...RDB_READERS.keys());
  if (oldest === undefined && format < newest) return; // a format older than any we list: every pin reads it
  if (oldest !== undefined && compareReleaseTags(pinned, oldest) >= 0) return;
  throw new AppError('stack.databaseTooNew', {
    params: {
      field: VERSION_KEYS.redis,
      pinned,
      format: String(format),
      needed: oldest ?? `newer than ${RDB_READERS.get(newest)}`,
    },
    detail: `redis-data/dump.rdb is RDB format ${format}; redis ${pinned} cannot load it`,
  });
}
