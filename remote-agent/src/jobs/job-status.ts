import { closeSync, openSync, readdirSync } from 'node:fs';
import type { JobStatus, JobSummary } from '../../../common/agent-contract.js';
import { type ErrorData } from '../../../common/errors/app-error.js';
import { isAlive } from '../system/process-identity.js';
import { JobMetaSchema, readJson, StartRecordSchema } from './job-files.js';
import { JournalWriter, readJournalEdges } from './journal.js';
import { jobPaths, type StatePaths } from './state-dir.js';

/** A job that has not said whether it started within this time never will. */
export const START_TIMEOUT_MS = 30_000;

/**
 * What a job is now, from its files alone: finished if its journal ends with 'finished',
 * running while its process lives, and otherwise dead, in which case its journal is closed
 * here with a 'failed' line (jobs.lost) so that every follower ends and the state is final.
 */
export function jobSummary(paths: StatePaths, jobId: string): JobSummary | undefined {
  const files = jobPaths(paths, jobId);
  const meta = readJson(files.meta, JobMetaSchema);
  if (!meta) return undefined;
  if (closeIfDead(paths, jobId)) return jobSummary(paths, jobId);
  const start = readJson(files.start, StartRecordSchema);
  const edges = readJournalEdges(files.journal);
  const summary: JobSummary = {
    jobId,
    kind: meta.kind,
    status: 'starting',
    createdAt: meta.createdAt,
    nextOffset: edges.nextOffset,
  };
  if (meta.retryOf) summary.retryOf = meta.retryOf;
  if (start?.ok) {
    summary.pid = start.pid;
    summary.startedAt = start.startedAt;
    summary.status = 'running';
  }
  if (edges.last?.type === 'finished') {
    summary.status = edges.last.status;
    summary.finishedAt = edges.last.ts;
    if (edges.last.error) summary.error = edges.last.error;
  }
  return summary;
}

export function isFinalStatus(status: JobStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** Newest first. */
export function listJobs(paths: StatePaths, limit: number): JobSummary[] {
  let names: string[];
  try {
    names = readdirSync(paths.jobsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // Job ids begin with their creation time in base 36 at a fixed width, so names sort by age.
  return names
    .filter((name) => name.startsWith('j-'))
    .sort()
    .reverse()
    .slice(0, limit)
    .map((jobId) => summaryOrNothing(paths, jobId))
    .filter((summary): summary is JobSummary => summary !== undefined);
}

/** One damaged job directory must not hide all the others from the list. */
function summaryOrNothing(paths: StatePaths, jobId: string): JobSummary | undefined {
  try {
    return jobSummary(paths, jobId);
  } catch (error) {
    console.error(`jobs.list: skipping ${jobId}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/**
 * Writes the closing line of a job whose process is gone without one. Returns true if it did.
 * Several agents may notice the same death at once: the exclusive creation of `lost.claim`
 * lets exactly one of them write, and the dead job itself can no longer append.
 */
export function closeIfDead(paths: StatePaths, jobId: string): boolean {
  const files = jobPaths(paths, jobId);
  const meta = readJson(files.meta, JobMetaSchema);
  if (!meta) return false;
  const start = readJson(files.start, StartRecordSchema);
  let error: ErrorData;
  if (start === undefined) {
    if (Date.now() - Date.parse(meta.createdAt) < START_TIMEOUT_MS) return false;
    error = {
      code: 'jobs.lost',
      params: { jobId },
      detail: `job ${jobId} never reported that it started`,
      retryable: true,
    };
  } else if (!start.ok) {
    error = start.error;
  } else {
    if (isAlive(start)) return false;
    error = {
      code: 'jobs.lost',
      params: { jobId, pid: start.pid },
      detail: `the process of job ${jobId} (pid ${start.pid}) ended without finishing its journal`,
      retryable: true,
    };
  }
  // Read only now that the process is known to be gone: its last line cannot change any more,
  // whereas a read before the liveness check could miss a 'finished' written just before exit.
  if (readJournalEdges(files.journal).last?.type === 'finished') return false;
  try {
    closeSync(openSync(files.lostClaim, 'wx'));
  } catch (claimError) {
    // EEXIST: another agent is closing it. ENOENT: a refused start whose directory is being removed.
    const code = (claimError as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    throw claimError;
  }
  const journal = JournalWriter.open(files.journal);
  try {
    journal.append({ type: 'finished', status: 'failed', error });
  } finally {
    journal.close();
  }
  return true;
}
