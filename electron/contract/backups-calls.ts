import { z } from 'zod';
import {
  BackupDestinationSchema,
  BackupKeysSchema,
  RepositoryPasswordSchema,
} from '../../common/backups/backup-destination.js';
import { BackupSettingsSchema, ConnectionTestSchema } from '../../common/backups/backups-contract.js';
import { JobIdSchema } from '../../common/jobs/jobs-contract.js';
import { secretSchema } from '../../common/values/secret.js';
import { call } from './call-spec.js';
import { ServerIdSchema } from './server-schemas.js';

const PointIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/, 'not a restore point id');
/** The recovery kit's passphrase: it alone protects the keys to every backup. */
export const KitPassphraseSchema = secretSchema({ what: 'the passphrase', min: 12, max: 256 });
/** A kit file as base64; kits are a few kilobytes. */
const KitFileSchema = z
  .string()
  .max(2 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected the file as base64');

/**
 * Backups' calls that main adds to (the status, the restore points and discarding a rollback are
 * the agent's own, forwarded as they are): the keys and the repository password are kept in this
 * computer's vault and handed to the server; the recovery kit is sealed and opened here.
 */
export const backupsCalls = {
  /** Saves where backups go and starts the setup job; keys left out are the ones already stored. */
  'backups.save': call(
    z
      .object({
        serverId: ServerIdSchema,
        settings: BackupSettingsSchema,
        keys: BackupKeysSchema.optional(),
        /** The repository password of backups that exist already; without it, a new one is made (once). */
        repositoryPassword: RepositoryPasswordSchema.optional(),
      })
      .strict(),
    z.object({ jobId: JobIdSchema }),
  ),
  /** The connection test, from the server; keys left out are the stored ones. */
  'backups.testConnection': call(
    z
      .object({
        serverId: ServerIdSchema,
        destination: BackupDestinationSchema,
        keys: BackupKeysSchema.optional(),
        createBucket: z.boolean().optional(),
      })
      .strict(),
    ConnectionTestSchema,
  ),
  'backups.start': call(
    z
      .object({
        serverId: ServerIdSchema,
        kind: z.enum(['backups.run', 'backups.drill', 'backups.check']),
        pointId: PointIdSchema.optional(),
      })
      .strict(),
    z.object({ jobId: JobIdSchema }),
  ),
  'backups.restore': call(
    z.object({ serverId: ServerIdSchema, pointId: PointIdSchema, scope: z.enum(['data', 'config']) }).strict(),
    z.object({ jobId: JobIdSchema }),
  ),
  /** The recovery kit of a server, sealed with the passphrase, for the user to keep. */
  'backups.saveKit': call(
    z.object({ serverId: ServerIdSchema, passphrase: KitPassphraseSchema }).strict(),
    z.object({ fileName: z.string(), data: z.string() }),
  ),
  /** Opens a kit (kept in memory for this session, by id) and says what it is of. */
  'kit.open': call(
    z.object({ data: KitFileSchema, passphrase: KitPassphraseSchema }).strict(),
    z.object({
      kitId: z.string(),
      domain: z.string(),
      createdAt: z.iso.datetime(),
      destination: BackupDestinationSchema,
    }),
  ),
  /** Sets a (new) server's backups to the kit's, keys and password into the vault, and starts the setup. */
  'kit.apply': call(
    z.object({ kitId: z.string().max(64), serverId: ServerIdSchema }).strict(),
    z.object({ jobId: JobIdSchema }),
  ),
} as const;
