import { z } from 'zod';
import { JobIdSchema, PreflightResultSchema } from '../../common/agent-contract.js';
import { StackOptionsSchema, StackPlanSchema } from '../../common/stack/stack-contract.js';
import { call } from './call-spec.js';
import { ServerIdSchema } from './server-schemas.js';

/**
 * The setup of a mail server: checks, plan and install. Main adds to each what the renderer must
 * not choose: where the port 25 probe connects, and where certificates, releases and images come
 * from. (stack.detect and stack.access pass through as they are: forwarded-calls.ts.)
 */
export const setupCalls = {
  /** The read-only checks of a connected server before anything is installed (see preflightChecks). */
  'preflight.run': call(z.object({ serverId: ServerIdSchema }).strict(), PreflightResultSchema),
  /** Every change an install with these choices would make, step by step; changes nothing. */
  'stack.plan': call(z.object({ serverId: ServerIdSchema, options: StackOptionsSchema }).strict(), StackPlanSchema),
  /** Starts the install job (follow it with jobs.follow); retryOf resumes a failed or interrupted one. */
  'stack.install': call(
    z.object({ serverId: ServerIdSchema, options: StackOptionsSchema, retryOf: JobIdSchema.optional() }).strict(),
    z.object({ jobId: z.string() }),
  ),
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
} as const;
