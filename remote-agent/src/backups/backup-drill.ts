import { rm } from 'node:fs/promises';
import { statePaths } from '../jobs/state-dir.js';
import type { JobKindModule } from '../jobs/steps.js';
import { stackPaths } from '../stack/stack-paths.js';
import { requireBackupConfig } from './backup-config.js';
import { backupPaths } from './backup-paths.js';
import { updateBackupState } from './backup-state.js';
import { refreshPoints, requirePoint } from './restore-points.js';
import { restoreIntoStaging } from './restore-stage.js';
import { withRestic } from './restic.js';

const drilled = new WeakMap<object, string>();

/**
 * backups.drill: the proof a backup can be restored, without touching live data: a restore point
 * (the newest by default) is unpacked into the staging folder and verified exactly as a restore
 * would, then thrown away. Monthly by the schedule, and on demand.
 */
export const backupDrill: JobKindModule<'backups.drill'> = {
  kind: 'backups.drill',
  steps(params) {
    return [
      {
        id: 'drill',
        title: 'Restore a backup into a staging folder and verify it',
        check: async () => false,
        run: async (context) => {
          const paths = backupPaths(statePaths());
          const config = requireBackupConfig(paths);
          await withRestic(paths, config, async (restic) => {
            const point = requirePoint(await refreshPoints(paths, restic, context.signal), params.pointId);
            drilled.set(params, point.pointId);
            const staged = await restoreIntoStaging(paths, stackPaths(), restic, point, context);
            await rm(staged.mongoArchive.host, { force: true });
          });
        },
      },
    ];
  },
  async finish(params, outcome) {
    const paths = backupPaths(statePaths());
    await rm(paths.restore, { recursive: true, force: true });
    const pointId = drilled.get(params);
    if (!pointId && outcome.status !== 'failed') return;
    updateBackupState(paths, (state) => ({
      ...state,
      lastDrill: {
        at: new Date().toISOString(),
        pointId: pointId ?? params.pointId ?? 'latest',
        ok: outcome.status === 'succeeded',
        ...(outcome.error ? { error: outcome.error } : {}),
      },
    }));
  },
};
