import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The space a directory takes on its disk, the way `du -sx` counts it: blocks allocated (a sparse
 * file counts what it holds, not its length), symlinks not followed, other file systems skipped,
 * and a file with several hard links counted once (the backups' staging is hard links to the
 * mailboxes: without that the mail would count twice). Bounded in entries and depth, so a
 * directory of millions of files answers quickly with a lower figure marked partial.
 */

export interface WalkLimits {
  /** Entries looked at (files and directories) before the walk stops. */
  maxEntries: number;
  maxDepth: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxEntries: 200_000, maxDepth: 64 };
/** lstat calls in flight at once: enough to hide the disk's latency, few enough for a small VPS. */
const BATCH = 64;

export interface WalkResult {
  bytes: number;
  /** The walk stopped at a limit: the real size is at least `bytes`. */
  partial: boolean;
  /** The disk (st_dev) the directory is on; undefined when it does not exist. */
  device?: number;
}

/** Inodes with more than one link already counted, shared by the walks of one measurement. */
export type SeenInodes = Set<string>;

/** Bytes on disk of one entry: st_blocks is in 512-byte units whatever the file system's block size. */
export function allocatedBytes(stats: Stats): number {
  return stats.blocks !== undefined ? stats.blocks * 512 : stats.size;
}

function countOnce(stats: Stats, seen: SeenInodes): boolean {
  if (stats.nlink <= 1 || stats.isDirectory()) return true;
  const key = `${stats.dev}:${stats.ino}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

async function lstatOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await lstat(file);
  } catch {
    // Gone since readdir listed it (a log rotated, a mailbox vacuumed), or unreadable: it takes nothing.
    return undefined;
  }
}

/** A missing directory takes 0 bytes: a stack without storage has no mailboxes, that is no error. */
export async function directorySize(
  root: string,
  seen: SeenInodes = new Set(),
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
  signal?: AbortSignal,
): Promise<WalkResult> {
  const top = await lstatOrUndefined(root);
  if (!top) return { bytes: 0, partial: false };
  let bytes = countOnce(top, seen) ? allocatedBytes(top) : 0;
  const device = top.dev;
  if (!top.isDirectory()) return { bytes, partial: false, device };

  let entries = 1;
  // Depth-first with an explicit stack: no recursion to overflow, and the bound is one counter.
  const pending: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const { dir, depth } = pending.pop()!;
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (let start = 0; start < names.length; start += BATCH) {
      const batch = names.slice(start, Math.min(start + BATCH, names.length));
      if (entries + batch.length > limits.maxEntries) return { bytes, partial: true, device };
      entries += batch.length;
      const stats = await Promise.all(batch.map((name) => lstatOrUndefined(path.join(dir, name))));
      for (const [index, entry] of stats.entries()) {
        // du -x: a mount inside (another disk, a tmpfs) is not this disk's space.
        if (!entry || entry.dev !== top.dev) continue;
        if (countOnce(entry, seen)) bytes += allocatedBytes(entry);
        if (!entry.isDirectory()) continue;
        if (depth + 1 >= limits.maxDepth) return { bytes, partial: true, device };
        pending.push({ dir: path.join(dir, batch[index]!), depth: depth + 1 });
      }
    }
  }
  return { bytes, partial: false, device };
}
