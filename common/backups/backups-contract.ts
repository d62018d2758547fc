import { z } from 'zod';
import { ErrorDataSchema } from '../errors/app-error.js';
import { JobIdSchema } from '../jobs/jobs-contract.js';
import { forwarded, method } from '../rpc/method-spec.js';
import { BackupDestinationSchema, BackupKeysSchema, RepositoryPasswordSchema } from './backup-destination.js';

/**
 * Backups' part of the desktop<->agent contract. restic on the VPS does the work (encryption,
 * deduplication, S3, verification); the agent decides what goes in, keeps it consistent while mail
 * flows, and restores only what it has verified. Nothing secret travels back from the agent but
 * what the recovery kit needs (backups.kitContents).
 */

// ---- Settings --------------------------------------------------------------------------------

/** How many backups are kept: the newest of each of so many days, weeks and months. */
export const RetentionSchema = z
  .object({
    daily: z.number().int().min(1, 'keep at least one daily backup').max(366),
    weekly: z.number().int().min(0).max(520),
    monthly: z.number().int().min(0).max(240),
  })
  .strict();
export type Retention = z.output<typeof RetentionSchema>;
export const DEFAULT_RETENTION: Retention = { daily: 7, weekly: 4, monthly: 6 };

/** HH:MM in the server's own time zone. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time such as 03:30');

export const ScheduleSchema = z
  .object({
    enabled: z.boolean(),
    /** When the nightly backup runs. */
    time: TimeOfDaySchema,
  })
  .strict();
export type Schedule = z.output<typeof ScheduleSchema>;
export const DEFAULT_SCHEDULE: Schedule = { enabled: true, time: '03:30' };

export const BackupSettingsSchema = z
  .object({
    destination: BackupDestinationSchema,
    retention: RetentionSchema.default(DEFAULT_RETENTION),
    schedule: ScheduleSchema.default(DEFAULT_SCHEDULE),
  })
  .strict();
export type BackupSettings = z.output<typeof BackupSettingsSchema>;

/** What the agent keeps in its one root-only file: the keys and the repository password. */
export const BackupSecretsSchema = BackupKeysSchema.extend({ repositoryPassword: RepositoryPasswordSchema }).strict();
export type BackupSecrets = z.output<typeof BackupSecretsSchema>;

// ---- Test connection -------------------------------------------------------------------------

export const CONNECTION_STEPS = ['resolve', 'connect', 'list', 'put', 'get', 'delete'] as const;
export type ConnectionStep = (typeof CONNECTION_STEPS)[number];

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  /** Each step in order; the first that failed says why, the rest did not run. */
  steps: z.array(z.object({ step: z.enum(CONNECTION_STEPS), ok: z.boolean() })),
  /** Why it failed, as an error the app words (backups.s3*), with what to do. */
  problem: ErrorDataSchema.optional(),
  /** The storage's clock minus the server's, when the storage said what time it is. */
  clockSkewSeconds: z.number().optional(),
  /** The bucket does not exist, and the keys may create it: the app offers to. */
  canCreateBucket: z.boolean(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

// ---- Status ----------------------------------------------------------------------------------

/** One finished run of a backup job, as the dashboard shows it. */
export const BackupRunSchema = z.object({
  jobId: JobIdSchema,
  trigger: z.enum(['manual', 'schedule', 'update']),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** The restore point it made. */
  pointId: z.string().optional(),
  /** Bytes of everything the point holds, and of what this run had to upload. */
  totalBytes: z.number().int().nonnegative().optional(),
  addedBytes: z.number().int().nonnegative().optional(),
  filesChanged: z.number().int().nonnegative().optional(),
  filesNew: z.number().int().nonnegative().optional(),
  /** How long the services that write mailboxes were paused, in all. */
  pauseMs: z.number().int().nonnegative().optional(),
  error: ErrorDataSchema.optional(),
});
export type BackupRun = z.infer<typeof BackupRunSchema>;

export const ResticInfoSchema = z.object({
  installed: z.boolean(),
  version: z.string().optional(),
  /** restic 0.14 and newer compress; older ones store everything uncompressed (more space, slower). */
  compression: z.boolean(),
});

export const BackupStatusSchema = z.object({
  configured: z.boolean(),
  restic: ResticInfoSchema,
  /** Where backups go (never the keys). */
  destination: BackupDestinationSchema.optional(),
  retention: RetentionSchema.optional(),
  schedule: ScheduleSchema.optional(),
  /** When the next scheduled backup runs (server time, as an instant). */
  nextRunAt: z.iso.datetime().optional(),
  /** How the schedule runs on this server. */
  scheduler: z.enum(['systemd', 'cron', 'none']),
  lastRun: BackupRunSchema.optional(),
  lastGood: BackupRunSchema.optional(),
  /** The last good backup is older than two scheduled runs, or there is none while a schedule is on. */
  stale: z.boolean(),
  lastCheck: z.object({ at: z.iso.datetime(), ok: z.boolean(), error: ErrorDataSchema.optional() }).optional(),
  lastDrill: z
    .object({ at: z.iso.datetime(), pointId: z.string(), ok: z.boolean(), error: ErrorDataSchema.optional() })
    .optional(),
  /** What the last restore replaced, kept on the server until the user discards it. */
  rollback: z
    .object({ createdAt: z.iso.datetime(), pointId: z.string(), bytes: z.number().int().nonnegative() })
    .optional(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

// ---- Restore points --------------------------------------------------------------------------

/** One backup run in the repository: its snapshots (files and the Mongo archive) under one id. */
export const RestorePointSchema = z.object({
  pointId: z.string(),
  time: z.iso.datetime(),
  /** The stack version (the app image's tag) it was taken from. */
  stackVersion: z.string().optional(),
  domain: z.string().optional(),
  hostname: z.string(),
  /** Both parts are there: a point missing one cannot be restored. */
  complete: z.boolean(),
  totalBytes: z.number().int().nonnegative().optional(),
  mailboxes: z.number().int().nonnegative().optional(),
  snapshots: z.array(z.object({ id: z.string(), part: z.enum(['files', 'mongo']) })),
});
export type RestorePoint = z.infer<typeof RestorePointSchema>;

// ---- Jobs ------------------------------------------------------------------------------------

export const BackupRunParamsSchema = z
  .object({ trigger: z.enum(['manual', 'schedule', 'update']).default('manual') })
  .strict();

export const BackupRestoreParamsSchema = z
  .object({
    pointId: z.string().regex(/^[a-z0-9-]{8,64}$/, 'not a restore point id'),
    /**
     * 'data': mailboxes, Mongo and Redis into the installed stack (what it replaces is kept).
     * 'config': the stack's settings, keys and certificates onto a server without an install (the
     * first half of a disaster recovery; the install then adopts them).
     */
    scope: z.enum(['data', 'config']).default('data'),
  })
  .strict();

export const BackupDrillParamsSchema = z
  .object({
    pointId: z
      .string()
      .regex(/^[a-z0-9-]{8,64}$/, 'not a restore point id')
      .optional(),
  })
  .strict();

export const backupsJobKinds = {
  /** restic in place, the repository opened (or made), the schedule set. */
  'backups.setup': { params: z.object({}).strict(), mutating: true },
  /** A backup of everything the server needs, taken while mail keeps flowing. */
  'backups.run': { params: BackupRunParamsSchema, mutating: true },
  /** Verified in a staging folder first; then the data swapped in, what it replaces kept. */
  'backups.restore': { params: BackupRestoreParamsSchema, mutating: true },
  /** A restore into a staging folder, verified and thrown away: live data untouched. */
  'backups.drill': { params: BackupDrillParamsSchema, mutating: true },
  /** restic check, reading a share of the data. */
  'backups.check': { params: z.object({}).strict(), mutating: true },
} as const;

// ---- Methods ---------------------------------------------------------------------------------

export const backupsMethods = {
  /** Writes the settings and the one root-only secrets file; changes nothing else. */
  'backups.configure': method(
    z.object({ settings: BackupSettingsSchema, secrets: BackupSecretsSchema }).strict(),
    z.object({ saved: z.boolean() }),
  ),
  /** Writes, reads and deletes a probe object from this server, as the backups will; each failure explained. */
  'backups.testConnection': method(
    z
      .object({ destination: BackupDestinationSchema, keys: BackupKeysSchema, createBucket: z.boolean().optional() })
      .strict(),
    ConnectionTestSchema,
  ),
  'backups.status': forwarded(z.object({}).strict(), BackupStatusSchema),
  /** The restore points in the repository, newest first. */
  'backups.points': forwarded(z.object({}).strict(), z.object({ points: z.array(RestorePointSchema) })),
  /**
   * What the recovery kit holds of this server: the domain, its .env and DKIM key. The one method
   * that returns secrets: main seals them into the kit with the user's passphrase at once.
   */
  'backups.kitContents': method(
    z.object({}).strict(),
    z.object({ domain: z.string(), env: z.string(), dkimKey: z.string() }),
  ),
  /** Removes what the last restore replaced. */
  'backups.discardRollback': forwarded(z.object({}).strict(), z.object({ discarded: z.boolean(), bytes: z.number() })),
} as const;
