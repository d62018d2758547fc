import { z } from 'zod';
import { DiagnosticsStepsParamsSchema, JobIdSchema, JobStatusSchema } from '../../common/agent-contract.js';
import { CertificatesRenewParamsSchema } from '../../common/certificates/certificates-contract.js';
import { call, StreamEndSchema, StreamIdSchema } from './call-spec.js';
import { JobEventRelaySchema, ServerIdSchema } from './server-schemas.js';

/**
 * Jobs the renderer may start by name. An install is started with stack.install instead, because
 * main, not the renderer, adds where it gets certificates, releases and images from.
 */
const RendererJobSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('diagnostics.steps'),
      params: DiagnosticsStepsParamsSchema,
      retryOf: JobIdSchema.optional(),
    })
    .strict(),
  /** "Renew now" on the certificates card: nothing in it but the certificate's name. */
  z
    .object({
      kind: z.literal('certificates.renew'),
      params: CertificatesRenewParamsSchema,
      retryOf: JobIdSchema.optional(),
    })
    .strict(),
]);

/** Jobs on a connected server's agent (jobs.list and jobs.cancel pass through: forwarded-calls.ts). */
export const jobsCalls = {
  'jobs.start': call(
    z.object({ serverId: ServerIdSchema, job: RendererJobSchema }).strict(),
    z.object({ jobId: z.string() }),
  ),
  /**
   * Streams the job's journal from fromOffset as jobs.event, and answers when the job has finished
   * (or streams.stop, or the window going away, ended the stream first).
   */
  'jobs.follow': call(
    z
      .object({
        serverId: ServerIdSchema,
        streamId: StreamIdSchema,
        jobId: JobIdSchema,
        fromOffset: z.number().int().nonnegative(),
      })
      .strict(),
    StreamEndSchema.extend({ nextOffset: z.number().int(), status: JobStatusSchema }),
  ),
} as const;

export const jobsEvents = {
  'jobs.event': JobEventRelaySchema.extend({ streamId: StreamIdSchema }),
} as const;
