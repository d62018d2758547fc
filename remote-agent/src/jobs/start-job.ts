import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { jobKinds, type ParsedMethodParams } from '../../../common/agent-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import { isFinalStatus, jobSummary } from './job-status.js';
import { JobMetaSchema, newJobId, readJson, StartRecordSchema, writeJsonAtomic, type JobMeta } from './job-files.js';
import { lockHeldError, MutatingLock } from './mutating-lock.js';
import { spawnJobProcess } from './spawn-job.js';
import { jobPaths, type StatePaths } from './state-dir.js';

const VERDICT_TIMEOUT_MS = 15_000;
const VERDICT_POLL_MS = 20;

/**
 * jobs.start: refuses at once while a live job holds the lock (naming it), writes job.json,
 * spawns the detached job and answers only when the job itself reports that it holds the lock
 * and runs, or why it could not (a start that raced another start loses there, in the job).
 */
export async function startJob(
  paths: StatePaths,
  request: ParsedMethodParams<'jobs.start'>,
  agentScript: string,
  signal: AbortSignal,
): Promise<{ jobId: string }> {
  if (jobKinds[request.kind].mutating) {
    const holder = new MutatingLock(paths.locksDir).liveHolder();
    if (holder) throw lockHeldError(holder);
  }
  const jobId = newJobId();
  const chain = request.retryOf ? retryChain(paths, request.kind, request.retryOf) : { rootJobId: jobId, attempt: 1 };
  const meta: JobMeta = {
    jobId,
    kind: request.kind,
    params: request.params,
    createdAt: new Date().toISOString(),
    ...chain,
  };
  if (request.retryOf) meta.retryOf = request.retryOf;
  const files = jobPaths(paths, jobId);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  writeJsonAtomic(files.meta, meta);

  const child = spawnJobProcess(files, jobId, agentScript);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  child.once('error', () => (exited = -1));

  for (let waited = 0; waited < VERDICT_TIMEOUT_MS; waited += VERDICT_POLL_MS) {
    const verdict = readJson(files.start, StartRecordSchema);
    if (verdict?.ok) return { jobId };
    if (verdict && !verdict.ok) {
      rmSync(files.dir, { recursive: true, force: true });
      throw AppError.fromData(verdict.error);
    }
    if (exited !== undefined) {
      throw new AppError('jobs.startFailed', {
        params: { jobId },
        detail: `the job process exited (${exited}) before starting: ${tail(files.stderr)}`,
        retryable: true,
      });
    }
    // A client that stops waiting (or is gone) changes nothing for the job, which goes on starting.
    if (signal.aborted) {
      throw new AppError('rpc.cancelled', {
        params: { jobId },
        detail: `stopped waiting for job ${jobId} to start; it goes on (see jobs.list)`,
        retryable: false,
      });
    }
    await sleep(VERDICT_POLL_MS);
  }
  throw new AppError('jobs.startFailed', {
    params: { jobId },
    detail: `the job did not report within ${VERDICT_TIMEOUT_MS} ms`,
    retryable: true,
  });
}

function retryChain(paths: StatePaths, kind: string, retryOf: string): { rootJobId: string; attempt: number } {
  const previous = readJson(jobPaths(paths, retryOf).meta, JobMetaSchema);
  const summary = jobSummary(paths, retryOf);
  if (!previous || !summary) throw new AppError('jobs.notFound', { params: { jobId: retryOf } });
  if (previous.kind !== kind) {
    throw new AppError('jobs.retryMismatch', {
      params: { jobId: retryOf, kind: previous.kind, requested: kind },
      detail: `job ${retryOf} is a ${previous.kind} job, not ${kind}`,
    });
  }
  if (!isFinalStatus(summary.status)) {
    throw new AppError('jobs.stillRunning', { params: { jobId: retryOf, status: summary.status }, retryable: true });
  }
  return { rootJobId: previous.rootJobId, attempt: previous.attempt + 1 };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2000).trim() || '(no output)';
  } catch {
    return '(no output)';
  }
}
