import { z } from 'zod';
import { ErrorDataSchema } from '../errors/app-error.js';
import { JobIdSchema } from '../jobs/jobs-contract.js';
import { method } from '../rpc/method-spec.js';
import { TimeOfDaySchema } from '../backups/backups-contract.js';
import { HttpUrlSchema } from '../stack/stack-contract.js';
import { ReleaseTagSchema } from './release-feed.js';

/**
 * Updates' part of the desktop<->agent contract. The agent reads the release feed itself (a nightly
 * auto-update runs with no desktop connected), pulls by digest, keeps the files it replaces, gates
 * the new version on health and working mail ports, and rolls back on its own when the gate fails.
 * Main adds the feed's address (an outside address the renderer must not choose).
 */

export const UPDATE_TRIGGERS = ['manual', 'schedule'] as const;

export const UpdateApplyParamsSchema = z
  .object({
    feedUrl: HttpUrlSchema,
    version: ReleaseTagSchema,
    /** The user's explicit choice to update although no backup could be made first. */
    withoutBackup: z.boolean().default(false),
    trigger: z.enum(UPDATE_TRIGGERS).default('manual'),
  })
  .strict();
export type UpdateApplyParams = z.output<typeof UpdateApplyParamsSchema>;

/** How an update ended: running the new version, back on the old one, or stopped before any change. */
export const UPDATE_OUTCOMES = ['updated', 'rolledBack', 'rollbackFailed', 'failed', 'cancelled'] as const;
export type UpdateOutcome = (typeof UPDATE_OUTCOMES)[number];

export const UpdateRunSchema = z.object({
  jobId: JobIdSchema,
  trigger: z.enum(UPDATE_TRIGGERS),
  from: z.string().optional(),
  to: z.string(),
  outcome: z.enum(UPDATE_OUTCOMES),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** The restore point taken before the update (its snapshots carry the version it came from). */
  backupPointId: z.string().optional(),
  /** The services that failed the health gate of the new version. */
  failedServices: z.array(z.string()).optional(),
  /** How long the mail ports did not answer while the containers were replaced, in ms. */
  mailDowntimeMs: z.number().int().nonnegative().optional(),
  error: ErrorDataSchema.optional(),
});
export type UpdateRun = z.infer<typeof UpdateRunSchema>;

export const OfferedReleaseSchema = z.object({
  version: z.string(),
  publishedAt: z.iso.datetime({ offset: true }),
  notes: z.string(),
  prerelease: z.boolean(),
  migratesData: z.boolean(),
  /** Newer than what runs. */
  newer: z.boolean(),
  /** The feed pins all its images by digest: only such a release can be updated to. */
  pinned: z.boolean(),
});
export type OfferedRelease = z.infer<typeof OfferedReleaseSchema>;

/**
 * The opt-in nightly update, in the server's own time zone. It takes the newest newer release that
 * pins its images and does not migrate data (that one waits for the user), backs up first, and
 * rolls back by itself like the button's update.
 */
export const UpdateScheduleSchema = z.object({ enabled: z.boolean(), time: TimeOfDaySchema }).strict();
export type UpdateSchedule = z.output<typeof UpdateScheduleSchema>;
export const DEFAULT_UPDATE_SCHEDULE: UpdateSchedule = { enabled: false, time: '04:30' };

export const UpdatesStatusSchema = z.object({
  installed: z.boolean(),
  /** The app image's tag that runs (IMAGE_TAG), and whether its images are pinned by digest. */
  running: z.object({ version: z.string(), pinned: z.boolean() }).optional(),
  /** Newest first. Empty when the feed could not be read (feedError says why). */
  releases: z.array(OfferedReleaseSchema),
  feedError: ErrorDataSchema.optional(),
  lastRun: UpdateRunSchema.optional(),
  /** What the last update replaced, kept for a rollback until the next one succeeds. */
  previous: z.object({ version: z.string(), keptAt: z.iso.datetime() }).optional(),
  schedule: UpdateScheduleSchema,
  /** How the nightly update runs on this server. */
  scheduler: z.enum(['systemd', 'cron', 'none']),
});
export type UpdatesStatus = z.infer<typeof UpdatesStatusSchema>;

export const updatesJobKinds = {
  /** Backs up, pulls by digest, replaces the containers, gates on health, rolls back by itself. */
  'updates.apply': { params: UpdateApplyParamsSchema, mutating: true },
} as const;

export const updatesMethods = {
  /** What runs, what the feed offers, and how the last update went. Reads only. */
  'updates.status': method(z.object({ feedUrl: HttpUrlSchema }).strict(), UpdatesStatusSchema),
  /** Saves the nightly update's schedule (and the feed it reads) and puts it in place, or removes it. */
  'updates.configure': method(
    z.object({ feedUrl: HttpUrlSchema, schedule: UpdateScheduleSchema }).strict(),
    z.object({ scheduler: z.enum(['systemd', 'cron', 'none']) }),
  ),
} as const;
