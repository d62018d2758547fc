import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from '../jobs/job-files.js';
import type { BackupPaths } from './backup-paths.js';

/** What the last restore replaced and where it is kept, until the user discards it. */
const RollbackSchema = z.object({
  createdAt: z.iso.datetime(),
  jobId: z.string(),
  pointId: z.string(),
  /** The replaced mailboxes and Redis data (moved, not copied). */
  dir: z.string(),
  /** The Mongo data as it was, as an archive. */
  mongoArchive: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type Rollback = z.infer<typeof RollbackSchema>;

export function readRollback(paths: BackupPaths): Rollback | undefined {
  try {
    return readJson(paths.rollback, RollbackSchema);
  } catch {
    return undefined;
  }
}

export function writeRollback(paths: BackupPaths, rollback: Rollback | undefined): void {
  if (rollback) writeJsonAtomic(paths.rollback, rollback);
  else rmSync(paths.rollback, { force: true });
}

/** Removes what the last restore replaced. */
export async function discardRollback(paths: BackupPaths): Promise<{ discarded: boolean; bytes: number }> {
  const rollback = readRollback(paths);
  if (!rollback) return { discarded: false, bytes: 0 };
  // Only what a restore put aside, whatever the file says.
  if (!rollback.dir.includes('/.mailharbor-rollback/') || !rollback.mongoArchive.includes('/mailharbor-rollback-')) {
    throw new Error(`refusing to remove ${rollback.dir}: not a rollback folder`);
  }
  await rm(rollback.dir, { recursive: true, force: true });
  await rm(rollback.mongoArchive, { force: true });
  writeRollback(paths, undefined);
  return { discarded: true, bytes: rollback.bytes };
}
