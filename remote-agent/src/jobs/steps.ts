import type { FinalStatus, JobKind, JobParams } from '../../../common/agent-contract.js';
import type { ErrorData } from '../../../common/errors/app-error.js';

/** What a step may use while it checks or runs. */
export interface StepContext {
  jobId: string;
  attempt: number;
  /** Shared by every attempt of a retry chain: where a step may leave proof that it is done. */
  workDir: string;
  /** Aborted when the job is cancelled (SIGTERM); a step stops what it is doing and throws. */
  signal: AbortSignal;
  progress(percent: number, message: string): void;
  log(text: string, stream?: 'stdout' | 'stderr' | 'info'): void;
  /** Journals that the step waits for the user (the DNS records to publish). */
  waiting(records: { name: string; value: string }[]): void;
}

/**
 * One idempotent unit of work. `check` says whether the server is already in the state `run`
 * produces (Docker installed, file written with this content, ...): a retried job skips such
 * steps, so a job is resumable by starting it again, whatever step it died in.
 */
export interface JobStep {
  id: string;
  title: string;
  /** Set when the job's parameters leave this step nothing to do: the reason it is skipped. */
  notApplicable?: string;
  /**
   * Set on a step that must not be stopped halfway (an update replacing the containers, then
   * rolling back if need be): while it runs, jobs.cancel refuses, naming it.
   */
  uncancellable?: boolean;
  check(context: StepContext): Promise<boolean>;
  run(context: StepContext): Promise<void>;
}

/** How a job ended, for a kind that records it somewhere of its own (backups: for the dashboard). */
export interface JobOutcome {
  jobId: string;
  status: FinalStatus;
  startedAt: string;
  /** The retry chain's work directory (StepContext.workDir), where its steps left what they found. */
  workDir: string;
  error?: ErrorData;
}

/** A job kind is a function from its validated parameters to its list of steps. */
export interface JobKindModule<K extends JobKind> {
  kind: K;
  steps(params: JobParams<K>): JobStep[];
  /** Runs once the steps are over, whatever their outcome, before the journal's last line. */
  finish?(params: JobParams<K>, outcome: JobOutcome): Promise<void>;
}
