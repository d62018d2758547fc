import { z } from 'zod';
import { JobIdSchema } from '../../common/jobs/jobs-contract.js';
import { ReleaseTagSchema } from '../../common/updates/release-feed.js';
import { UpdateScheduleSchema, UpdatesStatusSchema } from '../../common/updates/updates-contract.js';
import { call } from './call-spec.js';
import { ServerIdSchema } from './server-schemas.js';

/**
 * Updates' calls: main adds the release feed's address (MAILHARBOR_RELEASE_FEED, an outside
 * address the renderer must not choose) to the agent's status and to the update job.
 */
export const updatesCalls = {
  'updates.status': call(z.object({ serverId: ServerIdSchema }).strict(), UpdatesStatusSchema),
  'updates.configure': call(
    z.object({ serverId: ServerIdSchema, schedule: UpdateScheduleSchema }).strict(),
    z.object({ scheduler: z.enum(['systemd', 'cron', 'none']) }),
  ),
  'updates.start': call(
    z
      .object({
        serverId: ServerIdSchema,
        version: ReleaseTagSchema,
        /** Only after the user explicitly chose to go on without a backup. */
        withoutBackup: z.boolean().optional(),
        retryOf: JobIdSchema.optional(),
      })
      .strict(),
    z.object({ jobId: JobIdSchema }),
  ),
} as const;
