import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../common/errors/app-error.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { allocatedBytes, type SeenInodes } from './disk-walk.js';

/**
 * What Docker takes on disk, from the engine itself rather than by walking /var/lib/docker: the
 * engine knows which layers are shared (a walk of overlay2 counts each lower layer in every
 * mount) and where each container's log file is, whatever the data root.
 */

export interface DockerDiskUse {
  /** The engine's data root: the caller compares its disk with the stack's. */
  rootDir: string;
  /** Every image layer once, plus each container's own writable layer. */
  images: number;
  /** Named volumes: on this stack, MongoDB's data (mongo-data). */
  volumes: number;
  /** The containers' json-file logs, rotated copies included. */
  logs: number;
}

/** Far more containers than a mail server runs; keeps a crowded host from making this slow. */
const MAX_CONTAINERS = 200;
/** A log's directory holds the log, its rotated copies and a few files of the engine's. */
const MAX_FILES_PER_LOG_DIR = 1_000;

const size = (value: number | undefined) => (value !== undefined && value > 0 ? value : 0);

/** undefined when the engine does not answer (not installed yet, stopped, or too slow to say). */
export async function dockerDiskUse(
  engine: DockerEngine,
  seen: SeenInodes,
  signal?: AbortSignal,
): Promise<DockerDiskUse | undefined> {
  try {
    const [info, df, containers] = await Promise.all([
      engine.info(signal),
      engine.systemDf(signal),
      engine.listContainers(signal),
    ]);
    const images = size(df.LayersSize) + (df.Containers ?? []).reduce((sum, entry) => sum + size(entry.SizeRw), 0);
    const volumes = (df.Volumes ?? []).reduce((sum, entry) => sum + size(entry.UsageData?.Size), 0);
    let logs = 0;
    for (const container of containers.slice(0, MAX_CONTAINERS)) {
      const inspected = await engine.inspect(container.Id, signal);
      if (inspected?.LogPath) logs += await logFilesSize(inspected.LogPath, seen);
    }
    return { rootDir: info.DockerRootDir ?? '/var/lib/docker', images, volumes, logs };
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof AppError && (error.code === 'stack.dockerNotRunning' || error.code === 'stack.engineError')) {
      return undefined;
    }
    throw error;
  }
}

/** The log and its rotated copies (<id>-json.log.1, ...), which the json-file driver keeps beside it. */
async function logFilesSize(logPath: string, seen: SeenInodes): Promise<number> {
  const dir = path.dirname(logPath);
  const base = path.basename(logPath);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let bytes = 0;
  for (const name of names.slice(0, MAX_FILES_PER_LOG_DIR)) {
    if (name !== base && !name.startsWith(`${base}.`)) continue;
    const stats = await lstat(path.join(dir, name)).catch(() => undefined);
    if (!stats?.isFile()) continue;
    const key = `${stats.dev}:${stats.ino}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bytes += allocatedBytes(stats);
  }
  return bytes;
}
