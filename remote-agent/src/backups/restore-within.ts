import type { JobParams } from '../../../common/agent-contract.js';
import type { StepContext } from '../jobs/steps.js';
import { backupRestore } from './backup-restore.js';

/**
 * The data restore of one restore point, run as part of another job (the rollback of an update
 * whose release migrates data): the restore job's own steps in their order, in the calling job's
 * step, journal and lock, then its clean-up. The same code as "Restore" on the Backups page: verified
 * in staging before anything changes, what it replaces kept as the rollback point, put back if the
 * restored server does not come up.
 */
export async function restoreDataWithin(context: StepContext, pointId: string): Promise<void> {
  const params: JobParams<'backups.restore'> = { pointId, scope: 'data' };
  let status: 'succeeded' | 'failed' = 'failed';
  try {
    for (const step of backupRestore.steps(params)) {
      context.log(`restore: ${step.title}`);
      await step.run(context);
    }
    status = 'succeeded';
  } finally {
    await backupRestore.finish?.(params, {
      jobId: context.jobId,
      status,
      startedAt: new Date().toISOString(),
      workDir: context.workDir,
    });
  }
}
