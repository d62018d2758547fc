import { z } from 'zod';
import { ErrorDataSchema } from '../errors/app-error.js';
import { forwarded, streamed, streamItem } from '../rpc/method-spec.js';

/**
 * The jobs' part of the desktop<->agent contract: detached jobs on the server, their journals and
 * the follow stream. Mutating work runs as a job, so a dropped connection loses nothing.
 */

/** Safe as a path component: job ids name directories and travel in argv. */
export const JobIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{7,63}$/, 'expected a job id such as j-mh1x2y3z-1a2b3c4d');

export const DiagnosticsStepsParamsSchema = z
  .object({
    steps: z.number().int().min(1).max(1000),
    stepMs: z.number().int().min(0).max(60_000),
    /** 1-based step that fails on purpose; a retry without it picks up where this one stopped. */
    failAt: z.number().int().min(1).max(1000).optional(),
    /** Extra bytes in each step's log line, to exercise large journals. */
    logBytes: z.number().int().min(0).max(65_536).optional(),
    /** 1-based step that must not be cancelled halfway (as an update's switch). */
    uncancellableAt: z.number().int().min(1).max(1000).optional(),
  })
  .strict()
  .refine((params) => params.failAt === undefined || params.failAt <= params.steps, {
    message: 'failAt must not be greater than steps',
    path: ['failAt'],
  });

/** Diagnostics stand in for real jobs in tests (they take the mutating lock as real jobs do). */
export const jobsJobKinds = {
  'diagnostics.steps': { params: DiagnosticsStepsParamsSchema, mutating: true },
} as const;

export const JobStatusSchema = z.enum(['starting', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatusSchema>;
export const FinalStatusSchema = z.enum(['succeeded', 'failed', 'cancelled']);
export type FinalStatus = z.infer<typeof FinalStatusSchema>;

// ---- Journal ---------------------------------------------------------------------------------

const StepRef = { step: z.string().min(1).max(128), index: z.number().int().nonnegative() };

/** What a job writes into its journal, one per line, without the offset and time the writer adds. */
export const JobEventBodySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('job.started'),
    jobId: JobIdSchema,
    kind: z.string(),
    pid: z.number().int(),
    attempt: z.number().int().min(1),
    steps: z.array(z.object({ step: z.string(), title: z.string() })),
  }),
  z.object({ type: z.literal('step.started'), ...StepRef, title: z.string() }),
  z.object({ type: z.literal('step.skipped'), ...StepRef, reason: z.string() }),
  z.object({
    type: z.literal('progress'),
    ...StepRef,
    percent: z.number().min(0).max(100),
    message: z.string().max(4096),
  }),
  z.object({
    type: z.literal('log'),
    step: z.string().max(128).optional(),
    stream: z.enum(['stdout', 'stderr', 'info']),
    text: z.string(),
  }),
  /** The step waits for the user: the app shows what to do and answers with stack.confirmDnsChallenge. */
  z.object({
    type: z.literal('step.waiting'),
    ...StepRef,
    waitingFor: z.object({
      kind: z.literal('dnsChallenge'),
      /** Every TXT record to publish (two values under one name when the domain and its wildcard are both asked). */
      records: z.array(z.object({ name: z.string(), value: z.string() })),
    }),
  }),
  z.object({ type: z.literal('step.done'), ...StepRef }),
  z.object({ type: z.literal('step.failed'), ...StepRef, reason: ErrorDataSchema }),
  z.object({ type: z.literal('finished'), status: FinalStatusSchema, error: ErrorDataSchema.optional() }),
]);
export type JobEventBody = z.infer<typeof JobEventBodySchema>;

/** One journal line: `offset` counts lines from 0 without gaps; `ts` is when it was written. */
export const JobEventSchema = z.intersection(
  z.object({ offset: z.number().int().nonnegative(), ts: z.iso.datetime() }),
  JobEventBodySchema,
);
export type JobEvent = JobEventBody & { offset: number; ts: string };

export const JobSummarySchema = z.object({
  jobId: JobIdSchema,
  kind: z.string(),
  status: JobStatusSchema,
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  pid: z.number().int().optional(),
  retryOf: JobIdSchema.optional(),
  /** The offset the next journal line will have: where a follow that saw everything resumes. */
  nextOffset: z.number().int().nonnegative(),
  error: ErrorDataSchema.optional(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const FollowParamsSchema = z
  .object({
    jobId: JobIdSchema,
    fromOffset: z.number().int().nonnegative(),
  })
  .strict();

export const jobsMethods = {
  'jobs.list': forwarded(
    z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    z.object({ jobs: z.array(JobSummarySchema) }),
  ),
  /**
   * Streams every journal line from `fromOffset` as jobs.event, then answers when the job has
   * finished and all was sent, or when the client cancels the request.
   */
  'jobs.follow': streamed(
    FollowParamsSchema,
    z.object({
      jobId: JobIdSchema,
      nextOffset: z.number().int().nonnegative(),
      ended: z.enum(['finished', 'cancelled']),
      status: JobStatusSchema,
    }),
    'jobs.event',
  ),
  /** SIGTERM to the job's process group; the job journals 'cancelled' itself. */
  'jobs.cancel': forwarded(
    z.object({ jobId: JobIdSchema }).strict(),
    z.object({ jobId: JobIdSchema, signalled: z.boolean(), status: JobStatusSchema }),
  ),
} as const;

export const jobsNotifications = {
  'jobs.event': streamItem(z.object({ jobId: JobIdSchema, event: JobEventSchema })),
} as const;
