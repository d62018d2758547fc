import { stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { diskParts, usedPercent, type DiskPart, type DiskUsage } from '../../../common/dashboard/disk-usage.js';
import { backupPaths } from '../backups/backup-paths.js';
import { withEngine } from '../docker/containers.js';
import type { StatePaths } from '../jobs/state-dir.js';
import { stackPaths, type StackPaths } from '../stack/stack-paths.js';
import { dockerDiskUse } from './disk-docker.js';
import { directorySize, DEFAULT_WALK_LIMITS, type WalkLimits, type WalkResult } from './disk-walk.js';

/**
 * disk.usage: statfs of the file system that holds the stack, and what on it belongs to whom.
 * Read only; every directory walk is bounded (disk-walk.ts) and nothing runs a command.
 */

export interface DiskUsageOptions {
  stack?: StackPaths;
  limits?: WalkLimits;
}

/** The stack directory, or the closest parent that exists (before an install it is not there yet). */
async function existingAncestor(dir: string): Promise<string> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    try {
      await stat(current);
      return current;
    } catch {
      if (current === path.dirname(current)) return current;
    }
  }
}

async function deviceOf(dir: string): Promise<number | undefined> {
  return (await stat(dir).catch(() => undefined))?.dev;
}

/** A walk's figure as a part; a directory on another disk (a mounted volume) takes nothing from this one. */
function walkedPart(part: DiskPart['part'], walks: WalkResult[], device: number, extra = 0): DiskPart {
  const here = walks.filter((walk) => walk.device === undefined || walk.device === device);
  const bytes = here.reduce((sum, walk) => sum + walk.bytes, extra);
  if (here.length < walks.length && bytes === 0) return { part, bytes: 0, note: 'elsewhere' };
  return here.some((walk) => walk.partial) ? { part, bytes, note: 'partial' } : { part, bytes };
}

export async function diskUsage(
  state: StatePaths,
  context: { signal: AbortSignal },
  options: DiskUsageOptions = {},
): Promise<DiskUsage> {
  const { signal } = context;
  const stack = options.stack ?? stackPaths();
  const limits = options.limits ?? DEFAULT_WALK_LIMITS;
  const measured = await existingAncestor(stack.dir);
  const [fs, { dev: device }] = await Promise.all([statfs(measured), stat(measured)]);
  const usedBytes = (fs.blocks - fs.bfree) * fs.bsize;
  const availableBytes = fs.bavail * fs.bsize;

  // One set of seen inodes for every walk, mail first: the backups' staging is hard links to the
  // mailboxes, and those bytes are the mail's.
  const seen = new Set<string>();
  const walk = (dir: string) => directorySize(dir, seen, limits, signal);
  const mail = await walk(stack.sqliteData);
  const databases = [await walk(stack.redisData), await walk(stack.mongoBackups)];
  const backups = await walk(backupPaths(state).dir);
  const docker = await withEngine((engine) => dockerDiskUse(engine, seen, signal));
  const dockerHere = docker !== undefined && (await deviceOf(docker.rootDir)) === device;

  const dockerPart = (part: DiskPart['part'], bytes: number): DiskPart =>
    !docker
      ? { part, bytes: 0, note: 'unavailable' }
      : dockerHere
        ? { part, bytes }
        : { part, bytes: 0, note: 'elsewhere' };
  const parts = diskParts(
    [
      dockerPart('images', docker?.images ?? 0),
      dockerPart('logs', docker?.logs ?? 0),
      walkedPart('mail', [mail], device),
      // MongoDB's data is a Docker volume: it counts here only when Docker's data root is on this disk.
      walkedPart('databases', databases, device, docker && dockerHere ? docker.volumes : 0),
      walkedPart('backups', [backups], device),
    ],
    usedBytes,
  );
  return {
    at: new Date().toISOString(),
    path: measured,
    totalBytes: fs.blocks * fs.bsize,
    usedBytes,
    availableBytes,
    percent: usedPercent(usedBytes, availableBytes),
    parts,
  };
}
