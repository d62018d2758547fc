import type { JobParams } from '../../../common/agent-contract.js';
import { toErrorData } from '../../../common/errors/app-error.js';
import { startJob } from '../jobs/start-job.js';
import type { StatePaths } from '../jobs/state-dir.js';
import { readBackupSettings } from './backup-config.js';
import { backupPaths } from './backup-paths.js';
import { recordRun } from './backup-state.js';
import {
  installSchedule,
  SCHEDULED_KINDS,
  scheduler,
  scheduleStarts,
  type AgentCommand,
  type ScheduledKind,
} from './schedule.js';

const roots = () => ({ root: process.env.MAILHARBOR_SYSTEM_ROOT || '/' });

/**
 * `agent.cjs scheduled <kind>`, run by cron or a systemd timer: starts the same job the app's
 * button starts, detached with its journal, and leaves. When another mutating job holds the lock
 * (an install, an update), the backup is recorded as not run, with why, for the dashboard to say.
 */
export async function runScheduled(paths: StatePaths, kind: string | undefined, agentScript: string): Promise<number> {
  if (!SCHEDULED_KINDS.includes(kind as ScheduledKind)) {
    console.error(`scheduled: expected one of ${SCHEDULED_KINDS.join(', ')}`);
    return 2;
  }
  const params: JobParams<'backups.run'> | Record<string, never> =
    kind === 'backups.run' ? { trigger: 'schedule' } : {};
  const started = new Date().toISOString();
  try {
    const { jobId } = await startJob(paths, { kind, params } as never, agentScript, new AbortController().signal);
    process.stdout.write(`${jobId}\n`);
    return 0;
  } catch (error) {
    if (kind === 'backups.run') {
      recordRun(backupPaths(paths), {
        jobId: 'j-scheduled-0',
        trigger: 'schedule',
        status: 'failed',
        startedAt: started,
        finishedAt: new Date().toISOString(),
        error: toErrorData(error, 'agent.internal'),
      });
    }
    console.error(`scheduled ${kind}: ${(error as Error).message}`);
    return 1;
  }
}

/** Rewrites the schedule when it starts another agent than this one (an older, replaced version). */
export async function syncSchedule(paths: StatePaths, command: AgentCommand): Promise<void> {
  const settings = readBackupSettings(backupPaths(paths));
  if (!settings || scheduler(roots()) === 'none' || scheduleStarts(roots(), command)) return;
  await installSchedule(roots(), settings.schedule, command);
}
