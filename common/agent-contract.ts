import { z } from 'zod';
import { backupsJobKinds, backupsMethods } from './backups/backups-contract.js';
import { certificatesJobKinds, certificatesMethods } from './certificates/certificates-contract.js';
import { dashboardJobKinds, dashboardMethods, dashboardNotifications } from './dashboard/dashboard-contract.js';
import { JobIdSchema, jobsJobKinds, jobsMethods, jobsNotifications } from './jobs/jobs-contract.js';
import { preflightMethods } from './preflight/preflight-contract.js';
import { method, type MethodSpec, type StreamedSpec } from './rpc/method-spec.js';
import { stackJobKinds, stackMethods } from './stack/stack-contract.js';
import { updatesJobKinds, updatesMethods } from './updates/updates-contract.js';

/**
 * The one desktop<->agent contract, assembled from the features' contract files (jobs, preflight,
 * stack, dashboard): every method, notification and job kind is declared once there with zod; the
 * agent validates what it receives and what it answers, and the desktop client validates what it
 * sends and what comes back. JSON-RPC 2.0 carries exactly this.
 */

export * from './jobs/jobs-contract.js';
export * from './preflight/preflight-contract.js';

/**
 * major.minor: a different major means the two sides cannot talk and the handshake refuses;
 * a newer minor only adds optional things, so it is accepted both ways.
 */
export const PROTOCOL_VERSION = '2.0';

export function protocolMajor(version: string): number {
  return Number.parseInt(version.split('.')[0] ?? '', 10);
}

export function isCompatibleProtocol(a: string, b: string): boolean {
  const major = protocolMajor(a);
  return Number.isInteger(major) && major === protocolMajor(b);
}

const ProtocolVersionSchema = z.string().regex(/^\d{1,4}\.\d{1,4}$/, 'expected "major.minor"');

// ---- Job kinds -------------------------------------------------------------------------------

/**
 * Every job kind with its parameters. `mutating` kinds change the server and therefore take the
 * one mutating-job lock; diagnostics.steps takes it too because it stands in for them in tests.
 */
export const jobKinds = {
  ...jobsJobKinds,
  ...stackJobKinds,
  ...dashboardJobKinds,
  ...backupsJobKinds,
  ...updatesJobKinds,
  ...certificatesJobKinds,
} as const;
export type JobKind = keyof typeof jobKinds;
export type JobParams<K extends JobKind> = z.output<(typeof jobKinds)[K]['params']>;
export const JOB_KINDS = Object.keys(jobKinds) as JobKind[];

// ---- Methods ---------------------------------------------------------------------------------

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

export const methods = {
  /** Must come first; refuses a client whose protocol major differs. */
  'agent.hello': method(HelloParamsSchema, HelloResultSchema),
  /** Starts a detached job and answers once it holds its lock and runs. */
  'jobs.start': method(StartParamsSchema, z.object({ jobId: JobIdSchema })),
  ...jobsMethods,
  ...preflightMethods,
  ...stackMethods,
  ...dashboardMethods,
  ...backupsMethods,
  ...updatesMethods,
  ...certificatesMethods,
} as const satisfies Record<string, MethodSpec>;

/** Agent -> desktop notifications: each stream's items. */
export const notifications = {
  ...jobsNotifications,
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

/** The methods that stream, and the notification each one's items travel in. */
export type StreamMethodName = {
  [M in MethodName]: Methods[M] extends StreamedSpec ? M : never;
}[MethodName];
export type StreamNotificationOf<M extends StreamMethodName> =
  Methods[M] extends StreamedSpec<z.ZodType, z.ZodType, infer N> ? N & NotificationName : never;
/** One item of a stream as its handler emits it: the notification without the id and place the server adds. */
export type StreamItemOf<M extends StreamMethodName> = Omit<
  NotificationPayload<StreamNotificationOf<M>>,
  'streamId' | 'seq'
>;

/** The methods the renderer may call on a server as they are (see electron/contract/forwarded-calls.ts). */
export type ForwardedMethodName = {
  [M in MethodName]: Methods[M] extends { forward: true } ? M : never;
}[MethodName];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export function isNotificationName(name: unknown): name is NotificationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(notifications, name);
}
