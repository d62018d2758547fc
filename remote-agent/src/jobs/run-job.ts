import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jobKinds, type FinalStatus, type JobKind } from '../../../common/agent-contract.js';
import { AppError, type ErrorData, toErrorData } from '../../../common/errors/app-error.js';
import { identify } from '../system/process-identity.js';
import { closeIfDead } from './job-status.js';
import { JobMetaSchema, readJson, writeJsonAtomic, type JobMeta } from './job-files.js';
import { JournalWriter } from './journal.js';
import { jobKindModules } from './kinds/index.js';
import type { JobKindModule } from './steps.js';
import { MutatingLock } from './mutating-lock.js';
import { jobPaths, type StatePaths } from './state-dir.js';
import type { JobStep, StepContext } from './steps.js';

/** How long a cancelled step may take to stop before the job closes its journal anyway. */
const CANCEL_GRACE_MS = 5_000;

/**
 * The body of `agent.cjs run-job <id>`: a detached process (its own session and process group)
 * that takes the lock, reports that it started, walks the steps and journals everything.
 * Returns the process exit code.
 */
export async function runJob(paths: StatePaths, jobId: string): Promise<number> {
  const files = jobPaths(paths, jobId);
  const meta = readJson(files.meta, JobMetaSchema);
  if (!meta) throw new Error(`no job ${jobId} in ${paths.jobsDir}`);
  // A job runs once; a second `run-job` of the same id (by hand) must not overwrite its verdict.
  if (existsSync(files.start)) throw new Error(`job ${jobId} has already been started`);
  const kind = meta.kind as JobKind;
  const spec = jobKinds[kind];
  const params = spec.params.parse(meta.params);
  const self = identify(process.pid);
  const startedAt = new Date().toISOString();

  const cancel = new AbortController();
  // SIGTERM is jobs.cancel. SIGHUP is ignored: the job must outlive the SSH session that started it.
  process.on('SIGTERM', () => cancel.abort());
  process.on('SIGINT', () => cancel.abort());
  process.on('SIGHUP', () => {});

  const lock = spec.mutating ? new MutatingLock(paths.locksDir) : undefined;
  if (lock) {
    try {
      await lock.acquire({ jobId, kind, since: startedAt, ...self }, (stale) => {
        // The previous holder died holding the lock: close its journal so its followers end.
        if (/^j-/.test(stale.jobId)) closeIfDead(paths, stale.jobId);
      });
    } catch (error) {
      writeJsonAtomic(files.start, { ok: false, error: toErrorData(error, 'agent.internal') });
      return 0;
    }
  }

  const journal = JournalWriter.open(files.journal);
  let status: FinalStatus = 'failed';
  let failure: ErrorData | undefined;
  try {
    writeJsonAtomic(files.start, { ok: true, ...self, startedAt });
    const steps = jobKindModules[kind].steps(params as never);
    journal.append({
      type: 'job.started',
      jobId,
      kind,
      pid: process.pid,
      attempt: meta.attempt,
      steps: steps.map((step) => ({ step: step.id, title: step.title })),
    });
    ({ status, failure } = await runSteps(steps, journal, stepContextBase(paths, meta, cancel.signal), files.noCancel));
  } catch (error) {
    failure = toErrorData(error, 'agent.internal');
  } finally {
    const finish = jobKindModules[kind].finish as JobKindModule<typeof kind>['finish'];
    if (finish) {
      // What the kind records of its outcome; a failure here is journalled, never lost in silence.
      const { workDir } = stepContextBase(paths, meta, cancel.signal);
      await finish(params as never, {
        jobId,
        status,
        startedAt,
        workDir,
        ...(failure ? { error: failure } : {}),
      }).catch((error: unknown) =>
        journal.append({
          type: 'log',
          stream: 'stderr',
          text: `recording the outcome failed: ${(error as Error).message}`,
        }),
      );
    }
    // Free the lock before the closing line, so that whoever reads 'finished' can start the next job.
    lock?.release(jobId);
    journal.append(failure ? { type: 'finished', status, error: failure } : { type: 'finished', status });
    journal.close();
  }
  return status === 'succeeded' ? 0 : 1;
}

function stepContextBase(paths: StatePaths, meta: JobMeta, signal: AbortSignal) {
  const workDir = path.join(paths.workDir, meta.rootJobId);
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  return { jobId: meta.jobId, attempt: meta.attempt, workDir, signal };
}

async function runSteps(
  steps: JobStep[],
  journal: JournalWriter,
  base: Omit<StepContext, 'progress' | 'log' | 'waiting'>,
  noCancelFile: string,
): Promise<{ status: FinalStatus; failure?: ErrorData }> {
  for (const [index, step] of steps.entries()) {
    if (base.signal.aborted) return { status: 'cancelled' };
    const ref = { step: step.id, index };
    const context: StepContext = {
      ...base,
      progress: (percent, message) => journal.append({ type: 'progress', ...ref, percent, message }),
      log: (text, stream = 'info') => journal.append({ type: 'log', step: step.id, stream, text }),
      waiting: (records) =>
        journal.append({ type: 'step.waiting', ...ref, waitingFor: { kind: 'dnsChallenge', records } }),
    };
    try {
      if (step.notApplicable) {
        journal.append({ type: 'step.skipped', ...ref, reason: step.notApplicable });
        continue;
      }
      if (await step.check(context)) {
        journal.append({ type: 'step.skipped', ...ref, reason: 'already done' });
        continue;
      }
      journal.append({ type: 'step.started', ...ref, title: step.title });
      if (step.uncancellable) writeFileSync(noCancelFile, step.id, { mode: 0o600 });
      try {
        await untilCancelledOrDone(step.run(context), base.signal);
      } finally {
        if (step.uncancellable) rmSync(noCancelFile, { force: true });
      }
      journal.append({ type: 'step.done', ...ref });
    } catch (error) {
      if (base.signal.aborted) {
        journal.append({ type: 'log', step: step.id, stream: 'info', text: `cancelled during ${step.id}` });
        return { status: 'cancelled' };
      }
      const reason = toErrorData(error, 'agent.internal');
      journal.append({ type: 'step.failed', ...ref, reason });
      return {
        status: 'failed',
        failure: new AppError('jobs.stepFailed', {
          params: { step: step.id, cause: reason.code },
          detail: reason.detail ?? reason.code,
          retryable: reason.retryable,
        }).toData(),
      };
    }
  }
  return { status: 'succeeded' };
}

/** A step that ignores its abort signal gets CANCEL_GRACE_MS, then the job ends without it. */
function untilCancelledOrDone(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => reject(new Error('step did not stop after cancel')), CANCEL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    });
  });
}
