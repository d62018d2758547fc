import { statePaths } from '../jobs/state-dir.js';
import type { JobKindModule } from '../jobs/steps.js';
import { requireBackupConfig } from './backup-config.js';
import { backupPaths } from './backup-paths.js';
import { updateBackupState } from './backup-state.js';
import { withRestic } from './restic.js';

/** The share of the stored data a weekly check reads back and verifies (all of it over ten weeks). */
export const CHECK_READ_SUBSET = '10%';

/**
 * backups.check: restic check, reading back a share of the data, so damage in the bucket is found
 * before the day a restore needs it. Weekly by the schedule.
 */
export const backupCheck: JobKindModule<'backups.check'> = {
  kind: 'backups.check',
  steps() {
    return [
      {
        id: 'check',
        title: 'Check the backups in the bucket',
        check: async () => false,
        run: async (context) => {
          const paths = backupPaths(statePaths());
          await withRestic(paths, requireBackupConfig(paths), (restic) =>
            restic.run(['check', `--read-data-subset=${CHECK_READ_SUBSET}`], {
              signal: context.signal,
              onLine: (line) => context.log(line),
            }),
          );
        },
      },
    ];
  },
  async finish(_params, outcome) {
    updateBackupState(backupPaths(statePaths()), (state) => ({
      ...state,
      lastCheck: {
        at: new Date().toISOString(),
        ok: outcome.status === 'succeeded',
        ...(outcome.error ? { error: outcome.error } : {}),
      },
    }));
  },
};
