import { z } from 'zod';
import { dashboardCalls, dashboardEvents } from './dashboard-contract.js';
import {
  DnsAddressCheckInputSchema,
  DnsAddressCheckSchema,
  DnsCheckReportSchema,
  DnsPlanInputSchema,
  DnsPlanResultSchema,
  DnsServerCheckSchema,
} from './dns-schemas.js';
import { AppInfoSchema, EmptySchema, SettingsPatchSchema, SettingsSchema } from './schemas.js';
import {
  AddServerInputSchema,
  AuthPromptSchema,
  CloudInitInputSchema,
  HostKeyPromptSchema,
  JobEventRelaySchema,
  ServerIdSchema,
  ServerSummarySchema,
} from './server-schemas.js';
import { shellCalls, shellEvents } from './shell-contract.js';
import {
  DiagnosticsStepsParamsSchema,
  JobIdSchema,
  JobStatusSchema,
  JobSummarySchema,
  PreflightResultSchema,
} from '../../common/agent-contract.js';
import {
  StackAccessSchema,
  StackDetectionSchema,
  StackOptionsSchema,
  StackPlanSchema,
} from '../../common/stack/stack-contract.js';

/**
 * Jobs the renderer may start by name. An install is started with stack.install instead, because
 * main, not the renderer, adds where it gets certificates, releases and images from.
 */
const RendererJobSchema = z
  .object({
    kind: z.literal('diagnostics.steps'),
    params: DiagnosticsStepsParamsSchema,
    retryOf: JobIdSchema.optional(),
  })
  .strict();

/**
 * The one renderer<->main contract. Every call and every event is declared here with its
 * zod schemas; Electron IPC and the web-mode WebSocket carry exactly this and nothing else,
 * and both ends validate what crosses.
 */
function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const calls = {
  'app.info': call(EmptySchema, AppInfoSchema),
  'settings.get': call(EmptySchema, SettingsSchema),
  'settings.update': call(SettingsPatchSchema, SettingsSchema),
  /**
   * Streams `count` diagnostic.tick events to the caller through the event pipeline, honouring
   * backpressure. Used to check and measure the pipeline that later carries logs and progress.
   */
  'diagnostics.stream': call(
    z
      .object({
        streamId: z.string().min(1).max(64),
        count: z.number().int().min(1).max(200_000),
        payloadBytes: z.number().int().min(0).max(65_536),
      })
      .strict(),
    z.object({ sent: z.number().int() }),
  ),
  // Servers: stored without secrets (those live in the vault), connected on demand.
  'servers.list': call(EmptySchema, z.object({ servers: z.array(ServerSummarySchema) })),
  'servers.add': call(AddServerInputSchema, ServerSummarySchema),
  'servers.remove': call(z.object({ id: ServerIdSchema }).strict(), z.object({ removed: z.boolean() })),
  /** Connects (asking about the host key through hostKey.prompt), then starts the agent as root. */
  'servers.connect': call(z.object({ id: ServerIdSchema }).strict(), ServerSummarySchema),
  'servers.disconnect': call(z.object({ id: ServerIdSchema }).strict(), ServerSummarySchema),
  'servers.setSudoPassword': call(
    z.object({ id: ServerIdSchema, password: z.string().min(1).max(4096) }).strict(),
    ServerSummarySchema,
  ),
  'hostKey.answer': call(
    z.object({ promptId: z.string(), accept: z.boolean() }).strict(),
    z.object({ ok: z.boolean() }),
  ),
  'auth.answer': call(
    z.object({ promptId: z.string(), answers: z.array(z.string().max(4096)).max(16).nullable() }).strict(),
    z.object({ ok: z.boolean() }),
  ),
  /** Questions still waiting for an answer: a window that opens or reconnects mid-connect shows them. */
  'prompts.pending': call(
    EmptySchema,
    z.object({ hostKey: z.array(HostKeyPromptSchema), auth: z.array(AuthPromptSchema) }),
  ),
  /** A new ed25519 key pair for a new VPS, and the cloud-init user data that installs it. */
  'keys.generate': call(
    z
      .object({
        comment: z
          .string()
          .trim()
          .max(64)
          // The comment ends the authorized_keys line: a line break would split it.
          .regex(/^\P{Cc}*$/u, 'a key comment is one line of text, without control characters')
          .optional(),
      })
      .strict(),
    z.object({ publicKey: z.string(), privateKey: z.string(), fingerprint: z.string() }),
  ),
  'cloudInit.render': call(CloudInitInputSchema, z.object({ userData: z.string() })),
  // Jobs on a connected server's agent.
  'jobs.start': call(
    z.object({ serverId: ServerIdSchema, job: RendererJobSchema }).strict(),
    z.object({ jobId: z.string() }),
  ),
  'jobs.list': call(z.object({ serverId: ServerIdSchema }).strict(), z.object({ jobs: z.array(JobSummarySchema) })),
  /** Streams the job's journal from fromOffset as jobs.event, and answers when the job has finished. */
  'jobs.follow': call(
    z.object({ serverId: ServerIdSchema, jobId: z.string(), fromOffset: z.number().int().nonnegative() }).strict(),
    z.object({ nextOffset: z.number().int(), status: JobStatusSchema }),
  ),
  'jobs.cancel': call(
    z.object({ serverId: ServerIdSchema, jobId: z.string() }).strict(),
    z.object({ signalled: z.boolean(), status: JobStatusSchema }),
  ),
  /** The read-only checks of a connected server before anything is installed (see preflightChecks). */
  'preflight.run': call(z.object({ serverId: ServerIdSchema }).strict(), PreflightResultSchema),
  // The mail stack on a connected server.
  /** Is a stack installed there already (by Mailharbor or by upstream's setup.sh), for which domain. */
  'stack.detect': call(z.object({ serverId: ServerIdSchema }).strict(), StackDetectionSchema),
  /** Every change an install with these choices would make, step by step; changes nothing. */
  'stack.plan': call(z.object({ serverId: ServerIdSchema, options: StackOptionsSchema }).strict(), StackPlanSchema),
  /** Starts the install job (follow it with jobs.follow); retryOf resumes a failed or interrupted one. */
  'stack.install': call(
    z.object({ serverId: ServerIdSchema, options: StackOptionsSchema, retryOf: JobIdSchema.optional() }).strict(),
    z.object({ jobId: z.string() }),
  ),
  /** First-login details and mail-client settings of the installed stack. */
  'stack.access': call(z.object({ serverId: ServerIdSchema }).strict(), StackAccessSchema),
  /** The user published the TXT records a waiting install showed (manual DNS certificates). */
  'stack.confirmDnsChallenge': call(
    z
      .object({
        serverId: ServerIdSchema,
        jobId: JobIdSchema,
        /** The records the install showed: looked up at the domain's nameservers before the install goes on. */
        records: z.array(z.object({ name: z.string().max(300), value: z.string().max(300) })).max(8),
        /** Go on even when the nameservers do not show them yet (the user knows better, e.g. split DNS). */
        force: z.boolean().optional(),
      })
      .strict(),
    z.object({
      confirmed: z.boolean(),
      /** Records the domain's nameservers do not serve yet; the install was not told to go on. */
      notVisible: z.array(z.object({ name: z.string(), value: z.string() })),
    }),
  ),
  // DNS: the records an installed server needs, checked live from this desktop.
  /** The records to publish (and the PTR names to ask the provider for), with the zone file to download. */
  'dns.plan': call(DnsPlanInputSchema, DnsPlanResultSchema),
  /** Every record asked of the domain's nameservers and public resolvers, with PTR and blocklists. */
  'dns.check': call(DnsPlanInputSchema, DnsCheckReportSchema),
  /** The server's certificates on 443/465/993/995 and its port 25, as seen from this desktop. */
  'dns.checkServer': call(z.object({ serverId: ServerIdSchema }).strict(), DnsServerCheckSchema),
  /** The A/AAAA records alone, before an install whose certificate needs them (HTTP-01). */
  'dns.checkAddresses': call(DnsAddressCheckInputSchema, DnsAddressCheckSchema),
  ...dashboardCalls,
  ...shellCalls,
} as const;

export const events = {
  'settings.changed': SettingsSchema,
  'servers.changed': z.object({ servers: z.array(ServerSummarySchema) }),
  'hostKey.prompt': HostKeyPromptSchema,
  'auth.prompt': AuthPromptSchema,
  'jobs.event': JobEventRelaySchema,
  'diagnostics.tick': z.object({ streamId: z.string(), index: z.number().int(), payload: z.string() }),
  ...dashboardEvents,
  ...shellEvents,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedCallInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
