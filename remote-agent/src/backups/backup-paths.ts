import path from 'node:path';
import type { StatePaths } from '../jobs/state-dir.js';

/**
 * Where backups keep their own files on the server, all under the agent's root-only state
 * directory. The staging folder sits there too: it is filled with hard links to the mailboxes, so
 * it must be on their file system (on a VPS it is the one root file system; when it is not, the
 * files are copied instead and the run says so).
 */
export function backupPaths(state: StatePaths) {
  const dir = path.join(state.root, 'backups');
  return {
    dir,
    /** Where backups go, retention, schedule: nothing secret. */
    settings: path.join(dir, 'settings.json'),
    /** The one root-only file with the storage keys and the repository password (mode 0600). */
    secrets: path.join(dir, 'secrets.json'),
    /** The outcome of the last runs, checks and drills, and the restore points last seen. */
    state: path.join(dir, 'state.json'),
    /** restic's local cache of the repository's index: it makes every run after the first quick. */
    cache: path.join(dir, 'cache'),
    /** What a backup reads: one stable path, so restic finds the previous run as its parent. */
    stage: path.join(dir, 'stage'),
    /** Where a restore or a drill unpacks a restore point and verifies it, before anything live changes. */
    restore: path.join(dir, 'restore'),
    /** What the last restore replaced, and where it was put. */
    rollback: path.join(dir, 'rollback.json'),
  };
}
export type BackupPaths = ReturnType<typeof backupPaths>;
