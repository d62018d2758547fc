import { z } from 'zod';
import { dashboardJobKinds, dashboardMethods, dashboardNotifications } from './dashboard/dashboard-contract.js';
import { ErrorDataSchema } from './errors/app-error.js';
import {
  StackAccessSchema,
  StackDetectionSchema,
  StackInstallParamsSchema,
  StackPlanSchema,
  StackProfileSchema,
} from './stack/stack-contract.js';

/**
 * The one desktop<->agent contract. Every method, notification, job kind and journal event is
 * declared here once with zod; the agent validates what it receives and what it answers, and the
 * desktop client validates what it sends and what comes back. JSON-RPC 2.0 carries exactly this.
 */

/**
 * major.minor: a different major means the two sides cannot talk and the handshake refuses;
 * a newer minor only adds optional things, so it is accepted both ways.
 */
export const PROTOCOL_VERSION = '1.2';

export function protocolMajor(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '', 10);
}

export function isCompatibleProtocol(a: string, b: string): boolean {
  const major = protocolMajor(a);
  return Number.isInteger(major) && major === protocolMajor(b);
}

const ProtocolVersionSchema = z.string().regex(/^\d{1,4}\.\d{1,4}$/, 'expected "major.minor"');

/** Safe as a path component: job ids name directories and travel in argv. */
export const JobIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{7,63}$/, 'expected a job id such as j-mh1x2y3z-1a2b3c4d');

// ---- Job kinds -------------------------------------------------------------------------------

export const DiagnosticsStepsParamsSchema = z
  .object({
    steps: z.number().int().min(1).max(1000),
    stepMs: z.number().int().min(0).max(60_000),
    /** 1-based step that fails on purpose; a retry without it picks up where this one stopped. */
    failAt: z.number().int().min(1).max(1000).optional(),
    /** Extra bytes in each step's log line, to exercise large journals. */
    logBytes: z.number().int().min(0).max(65_536).optional(),
  })
  .strict()
  .refine((params) => params.failAt === undefined || params.failAt <= params.steps, {
    message: 'failAt must not be greater than steps',
    path: ['failAt'],
  });

/**
 * Every job kind with its parameters. `mutating` kinds change the server and therefore take the
 * one mutating-job lock; diagnostics.steps takes it too because it stands in for them in tests.
 */
export const jobKinds = {
  'diagnostics.steps': { params: DiagnosticsStepsParamsSchema, mutating: true },
  /** Installs (or adopts and completes) the mail stack; every step is idempotent, so a re-run resumes. */
  'stack.install': { params: StackInstallParamsSchema, mutating: true },
  /** Starts, stops or restarts one service or the whole stack (dashboard/dashboard-contract.ts). */
  ...dashboardJobKinds,
} as const;
export type JobKind = keyof typeof jobKinds;
export type JobParams<K extends JobKind> = z.output<(typeof jobKinds)[K]['params']>;
export const JOB_KINDS = Object.keys(jobKinds) as JobKind[];

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

// ---- Preflight -------------------------------------------------------------------------------

/**
 * Every read-only check of preflight.run and the statuses it can report. The renderer words a
 * finding as `preflight.<id>.<status>` with the finding's params (both languages carry a text for
 * every pair listed here); `detail` is the technical part that stays folded away.
 */
export const preflightChecks = {
  os: ['ok', 'blocker'],
  architecture: ['ok', 'blocker'],
  memory: ['ok', 'warning'],
  disk: ['ok', 'warning'],
  ports: ['ok', 'blocker'],
  outboundSmtp: ['ok', 'warning', 'blocker'],
  ipv4: ['ok', 'warning'],
  ipv6: ['ok', 'warning'],
  docker: ['ok', 'warning'],
  systemd: ['ok', 'warning'],
  clock: ['ok', 'warning'],
} as const satisfies Record<string, readonly ('ok' | 'warning' | 'blocker')[]>;
export type PreflightCheckId = keyof typeof preflightChecks;
export const PREFLIGHT_CHECK_IDS = Object.keys(preflightChecks) as PreflightCheckId[];

export const PreflightStatusSchema = z.enum(['ok', 'warning', 'blocker']);
export type PreflightStatus = z.infer<typeof PreflightStatusSchema>;

export const PreflightFindingSchema = z.object({
  id: z.enum(PREFLIGHT_CHECK_IDS as [PreflightCheckId, ...PreflightCheckId[]]),
  status: PreflightStatusSchema,
  /** Values for the words (found, expected, ...): numbers stay numbers, lists are joined. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** What exactly was read or run, for the folded-away technical details. */
  detail: z.string().max(8192),
});
export type PreflightFinding = z.infer<typeof PreflightFindingSchema>;

/** host:port, a host name or an IPv4 address (IPv6 in brackets: [2001:db8::1]:25). */
export const SmtpProbeTargetSchema = z
  .string()
  .max(300)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port such as mx.example.com:25');

export const PreflightParamsSchema = z
  .object({
    /** Mail servers to greet on port 25; the default is a few well-known MX hosts. */
    smtpProbeTargets: z.array(SmtpProbeTargetSchema).min(1).max(8).optional(),
    /** How long a target may take to connect and greet before port 25 counts as blocked. */
    smtpProbeTimeoutMs: z.number().int().min(200).max(30_000).optional(),
  })
  .strict();

export const PreflightResultSchema = z.object({
  /** One finding per check, in the order of preflightChecks. */
  findings: z.array(PreflightFindingSchema),
  checkedAt: z.iso.datetime(),
});
export type PreflightResult = z.infer<typeof PreflightResultSchema>;

// ---- DNS facts -------------------------------------------------------------------------------

/**
 * What the desktop's DNS page builds its record plan from (stack/dns-facts.ts): the installed domain and
 * profile, the server's own addresses, and the DKIM selector with the public key (base64 SPKI, the p= of
 * the DKIM record). Never anything secret.
 */
export const DnsFactsSchema = z.object({
  domain: z.string().min(1).max(253),
  profile: StackProfileSchema,
  ipv4: z.ipv4().optional(),
  ipv6: z.ipv6().optional(),
  privateIpv4: z.array(z.ipv4()).max(64),
  dkim: z.object({
    selector: z.string().min(1).max(253),
    publicKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64'),
  }),
});
export type DnsFactsResult = z.infer<typeof DnsFactsSchema>;

// ---- Methods ---------------------------------------------------------------------------------

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R) {
  return { params, result };
}

export const HelloParamsSchema = z.object({ clientProtocol: ProtocolVersionSchema }).strict();
export const HelloResultSchema = z.object({
  agentVersion: z.string(),
  protocolVersion: ProtocolVersionSchema,
  nodeVersion: z.string(),
  arch: z.string(),
  platform: z.string(),
  pid: z.number().int(),
  uid: z.number().int(),
  stateDir: z.string(),
});

/** One variant per job kind, so that bad parameters are named by their path (params.steps). */
const startVariants = JOB_KINDS.map((kind) =>
  z
    .object({
      kind: z.literal(kind),
      params: jobKinds[kind].params,
      /** A finished job of the same kind whose completed steps this one may skip. */
      retryOf: JobIdSchema.optional(),
    })
    .strict(),
);
export const StartParamsSchema = z.discriminatedUnion(
  'kind',
  startVariants as unknown as [(typeof startVariants)[number], ...(typeof startVariants)[number][]],
);

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
    /** Chosen by the client; every jobs.event of this follow carries it. */
    followId: z.string().min(1).max(64),
  })
  .strict();

export const methods = {
  /** Must come first; refuses a client whose protocol major differs. */
  'agent.hello': method(HelloParamsSchema, HelloResultSchema),
  /** Starts a detached job and answers once it holds its lock and runs. */
  'jobs.start': method(StartParamsSchema, z.object({ jobId: JobIdSchema })),
  'jobs.list': method(
    z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    z.object({ jobs: z.array(JobSummarySchema) }),
  ),
  /**
   * Streams every journal line from `fromOffset` as jobs.event notifications, then answers when
   * the job has finished and all was sent, or when the client cancels the request.
   */
  'jobs.follow': method(
    FollowParamsSchema,
    z.object({
      jobId: JobIdSchema,
      nextOffset: z.number().int().nonnegative(),
      ended: z.enum(['finished', 'cancelled']),
      status: JobStatusSchema,
    }),
  ),
  /** SIGTERM to the job's process group; the job journals 'cancelled' itself. */
  'jobs.cancel': method(
    z.object({ jobId: JobIdSchema }).strict(),
    z.object({ jobId: JobIdSchema, signalled: z.boolean(), status: JobStatusSchema }),
  ),
  /** Read-only checks of the server before anything is installed; never takes the job lock. */
  'preflight.run': method(PreflightParamsSchema, PreflightResultSchema),
  /** Read only: what an install with these choices would change on this server now, step by step. */
  'stack.plan': method(StackInstallParamsSchema, StackPlanSchema),
  /** Read only: is a stack installed here, by whom, for which domain. */
  'stack.detect': method(z.object({}).strict(), StackDetectionSchema),
  /** Read only (root): the first-login details and mail-client settings of the installed stack. */
  'stack.access': method(z.object({}).strict(), StackAccessSchema),
  /** The user published the DNS challenge a waiting install job showed: the job goes on. */
  'stack.confirmDnsChallenge': method(z.object({ jobId: JobIdSchema }).strict(), z.object({ confirmed: z.boolean() })),
  /** Read only (root): what the DNS page builds the record plan from (stack/dns-facts.ts). */
  'stack.dnsFacts': method(z.object({}).strict(), DnsFactsSchema),
  /** The dashboard: status, a status watch and log following (dashboard/dashboard-contract.ts). */
  ...dashboardMethods,
} as const;

/** Agent -> desktop notifications. */
export const notifications = {
  'jobs.event': z.object({ followId: z.string(), jobId: JobIdSchema, event: JobEventSchema }),
  ...dashboardNotifications,
} as const;

/** Desktop -> agent notifications; the name follows LSP's, since `rpc.` is reserved by JSON-RPC. */
export const CANCEL_REQUEST = '$/cancelRequest';
export const CancelRequestParamsSchema = z.object({ id: z.union([z.number(), z.string()]) });

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodParams<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParsedMethodParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;
export type Notifications = typeof notifications;
export type NotificationName = keyof Notifications;
export type NotificationPayload<N extends NotificationName> = z.output<Notifications[N]>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export function isNotificationName(name: unknown): name is NotificationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(notifications, name);
}
