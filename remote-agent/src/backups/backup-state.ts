import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import {
  BackupRunSchema,
  BackupStatusSchema,
  RestorePointSchema,
  type BackupRun,
} from '../../../common/backups/backups-contract.js';
import { readJson, writeJsonAtomic } from '../jobs/job-files.js';
import type { BackupPaths } from './backup-paths.js';

/** What backups remember between runs: outcomes, and the restore points last read from the repository. */
const BackupStateSchema = z.object({
  configuredAt: z.iso.datetime().optional(),
  lastRun: BackupRunSchema.optional(),
  lastGood: BackupRunSchema.optional(),
  lastCheck: BackupStatusSchema.shape.lastCheck,
  lastDrill: BackupStatusSchema.shape.lastDrill,
  points: z.array(RestorePointSchema).optional(),
  pointsReadAt: z.iso.datetime().optional(),
});
export type BackupState = z.infer<typeof BackupStateSchema>;

export function readBackupState(paths: BackupPaths): BackupState {
  try {
    return readJson(paths.state, BackupStateSchema) ?? {};
  } catch {
    // A damaged state file loses only history: the repository still holds every backup.
    return {};
  }
}

/** Read, change, write: the jobs that write it hold the one mutating lock, so two never race. */
export function updateBackupState(paths: BackupPaths, change: (state: BackupState) => BackupState): BackupState {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const next = change(readBackupState(paths));
  writeJsonAtomic(paths.state, next);
  return next;
}

export function recordRun(paths: BackupPaths, run: BackupRun): void {
  updateBackupState(paths, (state) => ({
    ...state,
    lastRun: run,
    ...(run.status === 'succeeded' ? { lastGood: run } : {}),
  }));
}
