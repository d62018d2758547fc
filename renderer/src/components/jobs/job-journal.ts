import { type ErrorData } from '../../../../common/errors/app-error';
import { JobEventBodySchema, type FinalStatus } from '../../../../common/agent-contract';

/** How far a job has come, built up from its journal, one event at a time. */
export type StepState = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface JobStep {
  step: string;
  title: string;
  state: StepState;
  percent: number;
  message: string | undefined;
  error: ErrorData | undefined;
}

export interface LogLine {
  offset: number;
  /** The step that logged it, when the job said so. */
  step: string | undefined;
  stream: 'stdout' | 'stderr' | 'info';
  text: string;
}

/** A step that waits for the person: the DNS TXT records to publish before it can go on. */
export interface StepWaiting {
  /** The journal line that asked; a new question (a later line) starts a new confirmation. */
  offset: number;
  step: string;
  records: { name: string; value: string }[];
}

export interface JobView {
  /** The offset of the last journal line taken in; -1 before the first. A re-attach follows from the next one. */
  lastOffset: number;
  steps: JobStep[];
  log: LogLine[];
  /** How many log lines were dropped (the oldest of their step) to keep the view bounded. */
  droppedLines: number;
  /** The same, per step that logged them (lines without a step count under ''). */
  droppedByStep: Record<string, number>;
  /** Set while a step waits for the person; cleared when that step (or the job) moves on. */
  waiting: StepWaiting | undefined;
  final: { status: FinalStatus; error: ErrorData | undefined } | undefined;
}

/** The live log keeps this many lines per step; older ones are dropped (the journal on the server keeps them all). */
export const LOG_LINE_LIMIT = 500;

export const EMPTY_JOB_VIEW: JobView = {
  lastOffset: -1,
  steps: [],
  log: [],
  droppedLines: 0,
  droppedByStep: {},
  waiting: undefined,
  final: undefined,
};

/** Takes in one journal line. Lines already seen (after a re-attach) and lines of unknown types are ignored. */
export function applyJobEvent(view: JobView, raw: { offset: number; type: string }): JobView {
  if (raw.offset <= view.lastOffset) return view;
  const next = { ...view, lastOffset: raw.offset };
  const parsed = JobEventBodySchema.safeParse(raw);
  if (!parsed.success) return next;
  const event = parsed.data;
  const updateStep = (step: string, title: string | undefined, change: Partial<JobStep>): JobStep[] => {
    const known = next.steps.some((entry) => entry.step === step);
    const steps = known ? next.steps : [...next.steps, newStep(step, title ?? step)];
    return steps.map((entry) => (entry.step === step ? { ...entry, ...change } : entry));
  };

  switch (event.type) {
    case 'job.started':
      // A re-run keeps what earlier lines said about steps; it only fills in the plan.
      return {
        ...next,
        steps: event.steps.map(
          (planned) => next.steps.find((entry) => entry.step === planned.step) ?? newStep(planned.step, planned.title),
        ),
      };
    case 'step.started':
      return {
        ...withoutWaiting(next, event.step),
        steps: updateStep(event.step, event.title, { state: 'running', percent: 0 }),
      };
    case 'step.skipped':
      return { ...next, steps: updateStep(event.step, undefined, { state: 'skipped', message: event.reason }) };
    case 'progress':
      return {
        ...next,
        steps: updateStep(event.step, undefined, { percent: event.percent, message: event.message || undefined }),
      };
    case 'step.waiting':
      return {
        ...next,
        waiting: { offset: raw.offset, step: event.step, records: event.waitingFor.records },
        steps: updateStep(event.step, undefined, { state: 'running' }),
      };
    case 'step.done':
      return {
        ...withoutWaiting(next, event.step),
        steps: updateStep(event.step, undefined, { state: 'done', percent: 100 }),
      };
    case 'step.failed':
      return {
        ...withoutWaiting(next, event.step),
        steps: updateStep(event.step, undefined, { state: 'failed', error: event.reason }),
      };
    case 'log': {
      // Bounded per step, so a chatty step (a package download) never pushes out what an earlier step said.
      const key = event.step ?? '';
      const line = { offset: raw.offset, step: event.step, stream: event.stream, text: event.text };
      const sameStep = next.log.reduce((count, entry) => count + ((entry.step ?? '') === key ? 1 : 0), 0);
      if (sameStep < LOG_LINE_LIMIT) return { ...next, log: [...next.log, line] };
      const oldest = next.log.findIndex((entry) => (entry.step ?? '') === key);
      return {
        ...next,
        log: [...next.log.slice(0, oldest), ...next.log.slice(oldest + 1), line],
        droppedLines: next.droppedLines + 1,
        droppedByStep: { ...next.droppedByStep, [key]: (next.droppedByStep[key] ?? 0) + 1 },
      };
    }
    case 'finished':
      return { ...next, waiting: undefined, final: { status: event.status, error: event.error } };
  }
}

/** 0 to 100: finished and skipped steps count whole, the running one by its own progress. */
export function overallPercent(view: JobView): number {
  if (view.final?.status === 'succeeded') return 100;
  if (view.steps.length === 0) return 0;
  const complete = view.steps.reduce(
    (sum, step) => sum + (step.state === 'done' || step.state === 'skipped' ? 1 : step.percent / 100),
    0,
  );
  return Math.round((complete / view.steps.length) * 100);
}

/** A step that started again, finished or failed no longer waits; a question of another step stays. */
function withoutWaiting(view: JobView, step: string): JobView {
  return view.waiting?.step === step ? { ...view, waiting: undefined } : view;
}

function newStep(step: string, title: string): JobStep {
  return { step, title, state: 'pending', percent: 0, message: undefined, error: undefined };
}

export type JobOutcome = 'running' | 'reattaching' | 'succeeded' | 'failed' | 'cancelled';

/**
 * What the job came to, as far as this window knows: its journal's last word, else what the
 * follow answered when it ended, else still running (or re-attaching after a dropped connection).
 */
export function jobOutcome(
  view: JobView,
  follow: { status: 'running' | 'retrying' | 'failed' } | { status: 'ended'; result: { status: string } },
): JobOutcome {
  if (view.final) return view.final.status;
  if (follow.status === 'ended' && (FINAL_STATUSES as readonly string[]).includes(follow.result.status)) {
    return follow.result.status as FinalStatus;
  }
  return follow.status === 'retrying' ? 'reattaching' : 'running';
}

const FINAL_STATUSES: readonly FinalStatus[] = ['succeeded', 'failed', 'cancelled'];

/**
 * Why the job failed: the failed step's own error (it says what happened: "went back to v1.1.0"),
 * else the final error, else an internal error to report. The final error of a failed step is the
 * generic jobs.stepFailed, which only names the step.
 */
export function jobFailure(view: JobView): ErrorData {
  const stepError = view.steps.find((step) => step.error)?.error;
  const final = view.final?.error;
  if (stepError && (!final || final.code === 'jobs.stepFailed')) return stepError;
  return final ?? stepError ?? { code: 'internal', params: {}, retryable: true };
}
