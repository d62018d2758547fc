import { readFileSync } from 'node:fs';
import { AppError } from '../../../common/errors/app-error.js';
import type { Handlers } from '../server/rpc-server.js';
import { isAlive } from '../system/process-identity.js';
import { followJournal } from './follow-journal.js';
import { JobMetaSchema, readJson, StartRecordSchema } from './job-files.js';
import { isFinalStatus, jobSummary, listJobs } from './job-status.js';
import { startJob } from './start-job.js';
import { jobPaths, type StatePaths } from './state-dir.js';

type JobsCalls = Pick<Handlers, 'jobs.start' | 'jobs.list' | 'jobs.follow' | 'jobs.cancel'>;

/** Detached jobs: started here, they run on their own; their journals are followed as streams. */
export function createJobsHandlers(paths: StatePaths, agentScript: string): JobsCalls {
  return {
    'jobs.start': (params, { signal }) => startJob(paths, params, agentScript, signal),

    'jobs.list': async ({ limit }) => ({ jobs: listJobs(paths, limit ?? 100) }),

    'jobs.follow': async ({ jobId, fromOffset }, { signal, emit }) => {
      requireJob(paths, jobId);
      const outcome = await followJournal({
        paths,
        jobId,
        fromOffset,
        signal,
        send: (event) => emit({ jobId, event }),
      });
      return { jobId, ...outcome, status: jobSummary(paths, jobId)?.status ?? 'failed' };
    },

    'jobs.cancel': async ({ jobId }) => {
      const summary = requireJob(paths, jobId);
      if (isFinalStatus(summary.status)) return { jobId, signalled: false, status: summary.status };
      const start = readJson(jobPaths(paths, jobId).start, StartRecordSchema);
      if (!start?.ok || !isAlive(start)) return { jobId, signalled: false, status: summary.status };
      const uncancellable = stepThatMustFinish(paths, jobId);
      if (uncancellable) {
        throw new AppError('jobs.notCancellable', {
          params: { step: uncancellable },
          detail: `job ${jobId} is in step ${uncancellable}, which finishes or undoes itself`,
        });
      }
      try {
        // The job leads its own process group: the signal reaches what its steps started, too.
        process.kill(-start.pid, 'SIGTERM');
      } catch (error) {
        // ESRCH: it ended between the check and the signal; its journal says how.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        return { jobId, signalled: false, status: jobSummary(paths, jobId)?.status ?? summary.status };
      }
      return { jobId, signalled: true, status: summary.status };
    },
  };
}

/** The job's summary; a job id this server never had is refused by name. */
export function requireJob(paths: StatePaths, jobId: string) {
  const summary = readJson(jobPaths(paths, jobId).meta, JobMetaSchema) && jobSummary(paths, jobId);
  if (!summary) throw new AppError('jobs.notFound', { params: { jobId }, detail: `no job ${jobId}` });
  return summary;
}

/** The step that must not be stopped halfway, while the job runs one. */
function stepThatMustFinish(paths: StatePaths, jobId: string): string | undefined {
  try {
    return readFileSync(jobPaths(paths, jobId).noCancel, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
