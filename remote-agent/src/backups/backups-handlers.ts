import { statePaths, type StatePaths } from '../jobs/state-dir.js';
import type { Handlers } from '../server/rpc-server.js';
import { requireBackupConfig, saveBackupConfig } from './backup-config.js';
import { backupPaths } from './backup-paths.js';
import { backupStatus } from './backup-status.js';
import { refreshPoints } from './restore-points.js';
import { withRestic } from './restic.js';
import { discardRollback } from './rollback.js';
import { kitContents } from './kit-contents.js';
import { stackPaths } from '../stack/stack-paths.js';
import { loadS3Probe } from './s3-probe-loader.js';

type BackupsCalls = Pick<
  Handlers,
  | 'backups.configure'
  | 'backups.testConnection'
  | 'backups.status'
  | 'backups.points'
  | 'backups.kitContents'
  | 'backups.discardRollback'
>;

/** Backups' methods; the work itself (setup, run, restore, drill, check) runs as jobs. */
export function createBackupsHandlers(state: StatePaths = statePaths()): BackupsCalls {
  const paths = backupPaths(state);
  return {
    'backups.configure': async ({ settings, secrets }) => {
      await saveBackupConfig(paths, { settings, secrets });
      return { saved: true };
    },
    // The S3 client is large: loaded only when a connection is tested, not in every agent.
    'backups.testConnection': async (params) => (await loadS3Probe()).testConnection(params),
    'backups.status': async (_params, { signal }) => backupStatus(paths, signal),
    'backups.points': async (_params, { signal }) => ({
      points: await withRestic(paths, requireBackupConfig(paths), (restic) => refreshPoints(paths, restic, signal)),
    }),
    'backups.kitContents': async () => kitContents(stackPaths()),
    'backups.discardRollback': async () => discardRollback(paths),
  };
}
