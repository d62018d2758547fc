import { statSync } from 'node:fs';
import type { BackupStatus } from '../../../common/backups/backups-contract.js';
import { readBackupSettings } from './backup-config.js';
import type { BackupPaths } from './backup-paths.js';
import { readBackupState } from './backup-state.js';
import { resticVersion } from './restic-version.js';
import { readRollback } from './rollback.js';
import { nextRunAt, scheduler } from './schedule.js';

/** A nightly backup is stale once two runs in a row did not make one. */
export const STALE_AFTER_MS = 2 * 24 * 60 * 60_000;

/** What the dashboard shows of backups on this server, from local files only (no call to the bucket). */
export async function backupStatus(paths: BackupPaths, signal: AbortSignal, now = new Date()): Promise<BackupStatus> {
  const settings = readBackupSettings(paths);
  const state = readBackupState(paths);
  const restic = await resticVersion(signal);
  const rollback = readRollback(paths);
  // The newest proof of a good backup: the last run that succeeded, or the newest complete point
  // seen in the repository (one made from another server, or before a reinstall, counts too).
  const times = [state.lastGood?.finishedAt, state.points?.find((point) => point.complete)?.time].filter(
    (time): time is string => time !== undefined,
  );
  const newest = times.length > 0 ? Math.max(...times.map((time) => Date.parse(time))) : undefined;
  const enabled = settings?.schedule.enabled === true;
  // Before the first backup, the clock starts when backups were set up here: a server that was
  // just set up (or rebuilt from a kit) is not late yet.
  const since = newest ?? settingsSavedAt(paths);
  const status: BackupStatus = {
    configured: settings !== undefined,
    restic,
    scheduler: scheduler({ root: process.env.MAILHARBOR_SYSTEM_ROOT || '/' }),
    stale: enabled && since !== undefined && now.getTime() - since > STALE_AFTER_MS,
  };
  if (settings) {
    status.destination = settings.destination;
    status.retention = settings.retention;
    status.schedule = settings.schedule;
    if (enabled) status.nextRunAt = nextRunAt(settings.schedule, now).toISOString();
  }
  if (state.lastRun) status.lastRun = state.lastRun;
  if (state.lastGood) status.lastGood = state.lastGood;
  if (state.lastCheck) status.lastCheck = state.lastCheck;
  if (state.lastDrill) status.lastDrill = state.lastDrill;
  if (rollback) status.rollback = { createdAt: rollback.createdAt, pointId: rollback.pointId, bytes: rollback.bytes };
  return status;
}

function settingsSavedAt(paths: BackupPaths): number | undefined {
  try {
    return statSync(paths.settings).mtimeMs;
  } catch {
    return undefined;
  }
}
