import { mkdir, readFile, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { RestorePoint } from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { StepContext } from '../jobs/steps.js';
import type { StackPaths } from '../stack/stack-paths.js';
import { exec } from '../system/exec.js';
import type { BackupPaths } from './backup-paths.js';
import { listMailboxes } from './mailbox-stage.js';
import type { Restic } from './restic.js';

/** Left free beyond what a restore writes, so the server keeps working meanwhile. */
const DISK_MARGIN_BYTES = 512 * 1024 * 1024;

const ManifestSchema = z
  .object({
    pointId: z.string(),
    domain: z.string(),
    profile: z.enum(['full', 'forwarding']).optional(),
    stackVersion: z.string().optional(),
    mailboxes: z.array(z.string()),
  })
  .passthrough();
export type PointManifest = z.infer<typeof ManifestSchema>;

export interface StagedRestore {
  /** The stage as it was backed up: sqlite-data/, redis-data/, config/, manifest.json. */
  root: string;
  manifest: PointManifest;
  /** The Mongo archive, where the mongodb container sees it (its /backups is the stack's mongo-backups). */
  mongoArchive: { host: string; container: string };
}

/**
 * Unpacks a restore point into a staging folder on the server and proves it whole before anything
 * live is touched: restic checks every blob it restores (--verify: each file read back and compared),
 * the manifest's mailboxes must all be there, and mongorestore must read the whole Mongo archive
 * (--dryRun). A wrong password, a damaged or missing object in the bucket, or too little disk ends it
 * here, with its own error, and nothing of the server's data has changed.
 */
export async function restoreIntoStaging(
  paths: BackupPaths,
  stack: StackPaths,
  restic: Restic,
  point: RestorePoint,
  context: StepContext,
): Promise<StagedRestore> {
  await requireDisk(paths.restore, point.totalBytes ?? 0);
  await rm(paths.restore, { recursive: true, force: true });
  await mkdir(paths.restore, { recursive: true, mode: 0o700 });
  const files = point.snapshots.find((snapshot) => snapshot.part === 'files')!;
  const mongo = point.snapshots.find((snapshot) => snapshot.part === 'mongo')!;

  context.progress(5, 'restoring the files into a staging folder');
  await restic.run(['restore', files.id, '--target', paths.restore, '--verify'], {
    signal: context.signal,
    onLine: (line, stream) => stream === 'stderr' && context.log(line, 'stderr'),
  });
  const root = path.join(paths.restore, paths.stage);

  context.progress(60, 'restoring the Mongo archive');
  await mkdir(stack.mongoBackups, { recursive: true });
  const archiveName = `mailharbor-restore-${point.pointId}.archive`;
  const mongoArchive = { host: path.join(stack.mongoBackups, archiveName), container: `/backups/${archiveName}` };
  await restic.toFile(['dump', mongo.id, '/mongodb.archive'], mongoArchive.host, { signal: context.signal });

  context.progress(80, 'verifying what was restored');
  const manifest = await readManifest(root);
  await verifyMailboxes(root, manifest);
  if ((await stat(mongoArchive.host)).size === 0) {
    throw verifyFailed('the Mongo archive is empty');
  }
  await verifyMongoArchive(mongoArchive.container, context);
  context.progress(100, `verified: ${manifest.mailboxes.length} mailboxes, the Mongo archive and the settings`);
  return { root, manifest, mongoArchive };
}

async function requireDisk(dir: string, needed: number): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
  const disk = await statfs(path.dirname(dir));
  const free = disk.bavail * disk.bsize;
  if (free < needed + DISK_MARGIN_BYTES) {
    throw new AppError('backups.notEnoughDisk', {
      params: { freeMb: Math.floor(free / 1e6), neededMb: Math.ceil((needed + DISK_MARGIN_BYTES) / 1e6) },
      detail: `a restore needs ${needed} bytes plus ${DISK_MARGIN_BYTES} to spare; ${free} are free`,
      retryable: true,
    });
  }
}

async function readManifest(root: string): Promise<PointManifest> {
  try {
    return ManifestSchema.parse(JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8')));
  } catch (error) {
    throw verifyFailed(`the restore point's manifest is missing or unreadable: ${(error as Error).message}`);
  }
}

/** Every mailbox the backup took is there, each with its database file. */
async function verifyMailboxes(root: string, manifest: PointManifest): Promise<void> {
  const restored = new Set((await listMailboxes(path.join(root, 'sqlite-data'))).map((mailbox) => mailbox.base));
  const missing = manifest.mailboxes.filter((base) => !restored.has(base));
  if (missing.length > 0) {
    throw verifyFailed(
      `${missing.length} of ${manifest.mailboxes.length} mailboxes are not in the restore: ${missing.slice(0, 5).join(', ')}`,
    );
  }
}

/** mongorestore reads the whole archive without writing anything (--dryRun). */
async function verifyMongoArchive(containerPath: string, context: StepContext): Promise<void> {
  const result = await exec('docker', ['exec', 'mongodb', 'mongorestore', `--archive=${containerPath}`, '--dryRun'], {
    timeoutMs: 30 * 60_000,
    signal: context.signal,
  });
  if (result.code !== 0) throw verifyFailed(`mongorestore could not read the archive:\n${result.stderr.slice(-2000)}`);
}

function verifyFailed(detail: string): AppError {
  return new AppError('backups.verifyFailed', { detail, retryable: false });
}
