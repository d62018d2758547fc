import { z } from 'zod';
import { forwarded, streamed, streamItem } from '../rpc/method-spec.js';
import { STACK_SERVICES, type StackService } from '../stack/services.js';
import { StackProfileSchema } from '../stack/stack-contract.js';
import { DiskUsageParamsSchema, DiskUsageSchema } from './disk-usage.js';

/**
 * The dashboard's part of the desktop<->agent contract: live container status, log following and
 * the stack.control job. Declared here in the same shapes as contract.ts (`method(params, result)`,
 * notification schemas, job kinds) so the objects below can be spread into `methods`,
 * `notifications` and `jobKinds` there. Everything the app shows in words travels as ids and
 * params (the summary, the issues), never as English text.
 */

export type ServiceName = StackService['service'];
const SERVICE_NAMES = STACK_SERVICES.map((entry) => entry.service) as [ServiceName, ...ServiceName[]];
/** A service as compose names it (nginx's container is sni-router, the service is nginx). */
export const ServiceNameSchema = z.enum(SERVICE_NAMES);

// ---- Status ----------------------------------------------------------------------------------

/** Docker's container states, plus 'missing' when no container of that name exists. */
export const ContainerStateSchema = z.enum([
  'running',
  'restarting',
  'paused',
  'created',
  'exited',
  'dead',
  'removing',
  'missing',
]);
export type ContainerStateName = z.infer<typeof ContainerStateSchema>;

/** 'none' when the container has no healthcheck (or does not exist). */
export const HealthSchema = z.enum(['healthy', 'unhealthy', 'starting', 'none']);
export type HealthName = z.infer<typeof HealthSchema>;

/** Where a port is reached from: the internet, the server itself only, or through the router on 443. */
export const PortReachSchema = z.enum(['internet', 'loopback', 'via443']);

export const ServicePortSchema = z.object({
  port: z.number().int().min(1).max(65_535),
  protocol: z.literal('tcp'),
  reach: PortReachSchema,
});
export type ServicePort = z.infer<typeof ServicePortSchema>;

/** Lines kept of a service that does not run: what it said before it stopped. */
export const LAST_LINES = 20;

export const ServiceStatusSchema = z.object({
  service: ServiceNameSchema,
  container: z.string(),
  /** Whether the installed profile runs this service (forwarding-only leaves out the storage six). */
  expected: z.boolean(),
  state: ContainerStateSchema,
  health: HealthSchema,
  /** Docker's count of restarts by the restart policy since the container was last started by hand. */
  restartCount: z.number().int().nonnegative(),
  /** Restarts seen in the engine's events within the summary window (StackStatus.windowMinutes). */
  recentRestarts: z.number().int().nonnegative(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  /** Seconds since startedAt when the status was taken (the app adds the time since it arrived). */
  uptimeSeconds: z.number().int().nonnegative().optional(),
  /** Repository without the tag, e.g. ghcr.io/forwardemail/forwardemail.net-selfhosted. */
  image: z.string().optional(),
  imageTag: z.string().optional(),
  cpuPercent: z.number().nonnegative().optional(),
  memoryBytes: z.number().int().nonnegative().optional(),
  memoryLimitBytes: z.number().int().nonnegative().optional(),
  /** Host networking: the ports the service listens on, from mail-stack/SERVICES.md. */
  ports: z.array(ServicePortSchema),
  exitCode: z.number().int().optional(),
  oomKilled: z.boolean().optional(),
  /** The engine's own error for the container (a failed start), technical text. */
  error: z.string().max(4096).optional(),
  /** The last lines it wrote, when it does not run. */
  lastLines: z.array(z.string().max(16_384)).max(LAST_LINES).optional(),
});
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

/** What is wrong with one service, in the order of severity the summary uses. */
export const ServiceIssueSchema = z.enum([
  'restarting',
  'dead',
  'exited',
  'unhealthy',
  'missing',
  'created',
  'paused',
  'starting',
]);
export type ServiceIssueName = z.infer<typeof ServiceIssueSchema>;

const WordParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const SummaryIssueSchema = z.object({
  service: ServiceNameSchema,
  issue: ServiceIssueSchema,
  /** restarts + windowMinutes for 'restarting', exitCode for 'exited', ... */
  params: WordParamsSchema,
});
export type SummaryIssue = z.infer<typeof SummaryIssueSchema>;

/**
 * The one line at the top: 'allHealthy' {count} ("all 15 services healthy"), 'starting'
 * {starting, count}, 'problems' {count, service, issue, ...the first issue's params} ("imap
 * restarting: 4 restarts in 5 minutes"), 'stopped' {count} when none of them runs.
 */
export const StackSummarySchema = z.object({
  id: z.enum(['allHealthy', 'starting', 'problems', 'stopped']),
  params: WordParamsSchema,
  /** Every expected service that is not healthy and running, worst first. */
  issues: z.array(SummaryIssueSchema),
});
export type StackSummary = z.infer<typeof StackSummarySchema>;

export const StackStatusSchema = z.object({
  at: z.iso.datetime(),
  /** A stack .env exists in the stack directory; without it every service counts as expected. */
  installed: z.boolean(),
  profile: StackProfileSchema.optional(),
  engine: z.object({ version: z.string(), apiVersion: z.string() }),
  /** The window recentRestarts counts in. */
  windowMinutes: z.number().int().positive(),
  services: z.array(ServiceStatusSchema),
  summary: StackSummarySchema,
});
export type StackStatus = z.infer<typeof StackStatusSchema>;

export const StackStatusParamsSchema = z
  .object({
    /** CPU and memory of the running services (takes about a second longer); default true. */
    stats: z.boolean().optional(),
  })
  .strict();

export const StackWatchParamsSchema = z
  .object({
    /** Refresh CPU and memory every 5 s; default true. */
    stats: z.boolean().optional(),
  })
  .strict();

export const StackWatchResultSchema = z.object({
  ended: z.literal('cancelled'),
  notifications: z.number().int().nonnegative(),
});

/**
 * stack.watchEvent: first a full snapshot, then the services that changed (full entries) with the
 * new summary, and 'engine' when the connection to the Docker engine was lost or came back (a
 * fresh snapshot follows 'back').
 */
export const StackWatchEventSchema = streamItem(
  z.object({
    event: z.discriminatedUnion('type', [
      z.object({ type: z.literal('snapshot'), status: StackStatusSchema }),
      z.object({
        type: z.literal('services'),
        at: z.iso.datetime(),
        services: z.array(ServiceStatusSchema),
        summary: StackSummarySchema,
      }),
      z.object({
        type: z.literal('engine'),
        state: z.enum(['lost', 'back']),
        attempt: z.number().int().nonnegative(),
      }),
    ]),
  }),
);
export type StackWatchEvent = z.infer<typeof StackWatchEventSchema>;

// ---- Logs ------------------------------------------------------------------------------------

export const MAX_TAIL_LINES = 10_000;

export const LogsFollowParamsSchema = z
  .object({
    /** One, several, or none for all the services of the installed profile. */
    services: z.array(ServiceNameSchema).max(STACK_SERVICES.length).default([]),
    /** The last lines of each service sent first, before following. */
    tail: z.number().int().min(0).max(MAX_TAIL_LINES).default(100),
    timestamps: z.boolean().default(false),
  })
  .strict();
export type LogsFollowParams = z.output<typeof LogsFollowParamsSchema>;

export const LogStreamSchema = z.enum(['stdout', 'stderr']);
export type LogStream = z.infer<typeof LogStreamSchema>;

/**
 * One entry of a logs.lines notification. Consecutive lines of the same service and stream travel
 * as one 'lines' entry (ANSI colours kept, without the newline); 'skipped' stands where lines were
 * dropped because the reader was slower than the services wrote; 'attached' and 'detached' say
 * when a service's stream began and ended (a restart is a detached + attached pair).
 */
export const LogEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('lines'),
    service: ServiceNameSchema,
    stream: LogStreamSchema,
    lines: z.array(z.string()),
    /** RFC 3339 with nanoseconds, one per line, only when the follow asked for timestamps. */
    timestamps: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('skipped'), count: z.number().int().positive() }),
  z.object({ type: z.literal('attached'), service: ServiceNameSchema }),
  z.object({
    type: z.literal('detached'),
    service: ServiceNameSchema,
    reason: z.enum(['stopped', 'missing', 'unreadable']),
    detail: z.string().max(4096).optional(),
  }),
]);
export type LogEntry = z.infer<typeof LogEntrySchema>;

export const LogsLinesSchema = streamItem(z.object({ entries: z.array(LogEntrySchema) }));
export type LogsLines = z.infer<typeof LogsLinesSchema>;

export const LogsFollowResultSchema = z.object({
  ended: z.literal('cancelled'),
  /** Lines sent, and lines dropped for a slow reader (each drop was marked by a 'skipped' entry). */
  lines: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});

// ---- Service control (a job) -------------------------------------------------------------------

export const StackControlParamsSchema = z
  .object({
    action: z.enum(['start', 'stop', 'restart']),
    /** One service; absent means the whole stack. */
    service: ServiceNameSchema.optional(),
  })
  .strict();
export type StackControlParams = z.output<typeof StackControlParamsSchema>;

// ---- To be spread into agent-contract.ts -------------------------------------------------------------

export const dashboardMethods = {
  /** Read only: every service's state, health, restarts, uptime, image, CPU, memory, ports and the summary. */
  'stack.status': forwarded(StackStatusParamsSchema, StackStatusSchema),
  /** Streams stack.watchEvent notifications (a snapshot, then changes) until the client cancels. */
  'stack.watch': streamed(StackWatchParamsSchema, StackWatchResultSchema, 'stack.watchEvent'),
  /** Streams logs.lines notifications (the last `tail` lines, then following) until the client cancels. */
  'logs.follow': streamed(LogsFollowParamsSchema, LogsFollowResultSchema, 'logs.lines'),
  /** Read only: how full the stack's disk is, and how much of it images, logs, mail, databases and backups take. */
  'disk.usage': forwarded(DiskUsageParamsSchema, DiskUsageSchema),
} as const;

export const dashboardNotifications = {
  'stack.watchEvent': StackWatchEventSchema,
  'logs.lines': LogsLinesSchema,
} as const;

export const dashboardJobKinds = {
  /** Starts, stops or restarts one service or the whole stack, then waits until it is healthy. */
  'stack.control': { params: StackControlParamsSchema, mutating: true },
} as const;
