import { constants, existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RestorePoint } from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import { servicesFor, STACK_SERVICES } from '../../../common/stack/services.js';
import { withEngine } from '../docker/containers.js';
import { waitHealthy } from '../docker/wait-healthy.js';
import { statePaths } from '../jobs/state-dir.js';
import type { JobKindModule, JobStep, StepContext } from '../jobs/steps.js';
import { compose, requireCompose } from '../stack/compose.js';
import { readInstall } from '../stack/detect.js';
import { readEnvFile } from '../stack/env/env-file.js';
import { stackPaths, type StackPaths } from '../stack/stack-paths.js';
import { exec } from '../system/exec.js';
import { requireBackupConfig, type BackupConfig } from './backup-config.js';
import { backupPaths, type BackupPaths } from './backup-paths.js';
import { configSources } from './config-stage.js';
import { refreshPoints, requirePoint } from './restore-points.js';
import { restoreIntoStaging, type StagedRestore } from './restore-stage.js';
import { withRestic } from './restic.js';
import { readRollback, writeRollback } from './rollback.js';

/** The stack's data folders a restore swaps (MongoDB is restored through mongorestore instead). */
const SWAPPED = ['sqlite-data', 'redis-data'] as const;
const HEALTH_DEADLINE_MS = 6 * 60_000;

interface RestoreState {
  paths: BackupPaths;
  stack: StackPaths;
  config: BackupConfig;
  point: RestorePoint;
  staged?: StagedRestore;
  /** Where what the restore replaces goes: beside the data, so moving it costs no space. */
  rollbackDir: string;
  rollbackArchive: { host: string; container: string };
}

const restores = new WeakMap<object, RestoreState>();

/**
 * backups.restore. Verified before anything changes (restore-stage.ts); then, for the data: the
 * current Mongo data is kept as an archive, the stack stops, the mailboxes and Redis are swapped
 * (the replaced ones moved aside, not deleted), the stack starts, Mongo is restored, and every
 * service must be healthy. Should that fail, what was replaced is put back and the stack started
 * again, so a failed restore leaves the server as it was. For a server without an install (a
 * disaster recovery), scope 'config' puts back the settings, keys and certificates, for the
 * install to adopt.
 */
export const backupRestore: JobKindModule<'backups.restore'> = {
  kind: 'backups.restore',
  steps(params) {
    const need = () => {
      const state = restores.get(params);
      if (!state) throw new Error('the restore was not prepared');
      return state;
    };
    const step = (
      id: string,
      title: string,
      work: (state: RestoreState, context: StepContext) => Promise<void>,
    ): JobStep => ({
      id,
      title,
      check: async () => false,
      run: (context) => work(need(), context),
    });
    const prepare: JobStep = {
      id: 'prepare',
      title: 'Find the restore point',
      check: async () => false,
      run: async (context) => {
        const paths = backupPaths(statePaths());
        const stack = stackPaths();
        const config = requireBackupConfig(paths);
        const points = await withRestic(paths, config, (restic) => refreshPoints(paths, restic, context.signal));
        const point = requirePoint(points, params.pointId);
        const archive = `mailharbor-rollback-${context.jobId}.archive`;
        restores.set(params, {
          paths,
          stack,
          config,
          point,
          rollbackDir: path.join(stack.dir, '.mailharbor-rollback', context.jobId),
          rollbackArchive: { host: path.join(stack.mongoBackups, archive), container: `/backups/${archive}` },
        });
        context.log(`restore point ${point.pointId} of ${point.time} (stack ${point.stackVersion ?? 'unknown'})`);
      },
    };
    if (params.scope === 'config') {
      return [
        prepare,
        step('verify', 'Unpack the restore point and verify it', async (state, context) => {
          await requireNoOtherDomain(state);
          state.staged = await withRestic(state.paths, state.config, (restic) =>
            restoreFilesOnly(state, restic, context),
          );
        }),
        step('config', 'Put back settings, keys and certificates', placeConfig),
      ];
    }
    return [
      prepare,
      step('verify', 'Unpack the restore point and verify it', async (state, context) => {
        if (!(await readInstall(state.stack))) {
          throw new AppError('backups.notInstalled', { detail: 'no installed stack to restore the data into' });
        }
        state.staged = await withRestic(state.paths, state.config, (restic) =>
          restoreIntoStaging(state.paths, state.stack, restic, state.point, context),
        );
      }),
      step('keep', 'Keep the current Mongo data for a rollback', keepCurrentMongo),
      step('replace', 'Stop the mail server, swap the data in, start it again', replaceData),
    ];
  },
  async finish(params) {
    const state = restores.get(params);
    await rm(backupPaths(statePaths()).restore, { recursive: true, force: true });
    if (state?.staged) await rm(state.staged.mongoArchive.host, { force: true });
  },
};

async function restoreFilesOnly(
  state: RestoreState,
  restic: Parameters<Parameters<typeof withRestic>[2]>[0],
  context: StepContext,
): Promise<StagedRestore> {
  const files = state.point.snapshots.find((snapshot) => snapshot.part === 'files')!;
  await rm(state.paths.restore, { recursive: true, force: true });
  await mkdir(state.paths.restore, { recursive: true, mode: 0o700 });
  await restic.run(['restore', files.id, '--target', state.paths.restore, '--verify'], { signal: context.signal });
  const root = path.join(state.paths.restore, state.paths.stage);
  if (!existsSync(path.join(root, 'config', 'stack', '.env'))) {
    throw new AppError('backups.verifyFailed', { detail: 'the restore point holds no .env', retryable: false });
  }
  return {
    root,
    manifest: { pointId: state.point.pointId, domain: state.point.domain ?? '', mailboxes: [] },
    mongoArchive: { host: '', container: '' },
  };
}

/** A disaster recovery must not overwrite another mail domain's install on the same server. */
async function requireNoOtherDomain(state: RestoreState): Promise<void> {
  const env = await readEnvFile(state.stack.envFile);
  const install = env ? await readInstall(state.stack) : undefined;
  if (install?.domain && state.point.domain && install.domain !== state.point.domain) {
    throw new AppError('stack.domainMismatch', {
      params: { installed: install.domain, requested: state.point.domain, field: 'domain' },
      detail: `this server runs ${install.domain}; the restore point is of ${state.point.domain}`,
    });
  }
}

async function placeConfig(state: RestoreState, context: StepContext): Promise<void> {
  const staged = state.staged!;
  for (const source of configSources(state.stack)) {
    const from = path.join(staged.root, 'config', source.name);
    if (!existsSync(from)) continue;
    await mkdir(path.dirname(source.from), { recursive: true });
    await cp(from, source.from, { recursive: true, force: true, preserveTimestamps: true, verbatimSymlinks: true });
    context.log(`put back ${source.from}`);
  }
}

async function keepCurrentMongo(state: RestoreState, context: StepContext): Promise<void> {
  await mkdir(state.stack.mongoBackups, { recursive: true });
  const result = await exec(
    'docker',
    ['exec', 'mongodb', 'mongodump', `--archive=${state.rollbackArchive.container}`, '--quiet'],
    {
      timeoutMs: 60 * 60_000,
      signal: context.signal,
    },
  );
  if (result.code !== 0) {
    throw new AppError('backups.mongoDumpFailed', {
      detail: `keeping the current Mongo data failed (nothing was changed):\n${result.stderr.slice(-2000)}`,
      retryable: true,
    });
  }
  context.log(`current Mongo data kept in ${state.rollbackArchive.host}`);
}

async function replaceData(state: RestoreState, context: StepContext): Promise<void> {
  const staged = state.staged!;
  const command = await requireCompose(context.signal);
  const run = (args: string[]) =>
    compose(command, state.stack.dir, args, {
      timeoutMs: 15 * 60_000,
      signal: context.signal,
      onLine: (line) => context.log(line),
    });
  const install = await readInstall(state.stack);
  const services = servicesFor(install?.profile ?? 'full');

  context.progress(10, 'stopping the mail server');
  await run(['stop']);
  await mkdir(state.rollbackDir, { recursive: true, mode: 0o700 });
  writeRollback(state.paths, {
    createdAt: new Date().toISOString(),
    jobId: context.jobId,
    pointId: state.point.pointId,
    dir: state.rollbackDir,
    mongoArchive: state.rollbackArchive.host,
    bytes: 0,
  });
  try {
    context.progress(25, 'swapping the mailboxes and Redis in');
    for (const name of SWAPPED) {
      const live = path.join(state.stack.dir, name);
      if (existsSync(live)) await rename(live, path.join(state.rollbackDir, name));
      await moveInto(path.join(staged.root, name), live);
    }
    await startAndRestoreMongo(state, run, staged.mongoArchive.container, services, context);
  } catch (error) {
    if (context.signal.aborted) throw error;
    context.log(`the restore failed (${(error as Error).message}); putting back what it replaced`, 'stderr');
    await putBack(state, run, services, context);
    throw new AppError('backups.restoreFailed', {
      detail: `the restored server did not come up; the data it replaced is back in place.\n${(error as Error).message}`,
      retryable: true,
    });
  }
  const archiveBytes = await stat(state.rollbackArchive.host)
    .then((info) => info.size)
    .catch(() => 0);
  writeRollback(state.paths, {
    ...readRollback(state.paths)!,
    bytes: (await sizeOf(state.rollbackDir)) + archiveBytes,
  });
  context.progress(100, 'restored, every service healthy');
}

async function startAndRestoreMongo(
  state: RestoreState,
  run: (args: string[]) => Promise<unknown>,
  archive: string,
  services: ReturnType<typeof servicesFor>,
  context: StepContext,
): Promise<void> {
  context.progress(40, 'starting the mail server');
  await run(['up', '-d']);
  const mongodb = STACK_SERVICES.filter((entry) => entry.service === 'mongodb');
  await withEngine((engine) => waitHealthy(engine, mongodb, context, { deadlineMs: HEALTH_DEADLINE_MS }));
  context.progress(60, 'restoring MongoDB');
  const restored = await exec(
    'docker',
    ['exec', 'mongodb', 'mongorestore', `--archive=${archive}`, '--drop', '--quiet'],
    {
      timeoutMs: 2 * 60 * 60_000,
      signal: context.signal,
    },
  );
  if (restored.code !== 0) {
    throw new AppError('backups.mongoRestoreFailed', { detail: restored.stderr.slice(-2000), retryable: true });
  }
  context.progress(80, 'waiting until every service is healthy');
  await withEngine((engine) => waitHealthy(engine, services, context, { deadlineMs: HEALTH_DEADLINE_MS }));
}

/** The server as it was before the restore: the replaced folders back, the kept Mongo data restored. */
async function putBack(
  state: RestoreState,
  run: (args: string[]) => Promise<unknown>,
  services: ReturnType<typeof servicesFor>,
  context: StepContext,
): Promise<void> {
  await run(['stop']).catch(() => {});
  for (const name of SWAPPED) {
    const kept = path.join(state.rollbackDir, name);
    if (!existsSync(kept)) continue;
    await rm(path.join(state.stack.dir, name), { recursive: true, force: true });
    await rename(kept, path.join(state.stack.dir, name));
  }
  await startAndRestoreMongo(state, run, state.rollbackArchive.container, services, context);
  await rm(state.rollbackDir, { recursive: true, force: true });
  await rm(state.rollbackArchive.host, { force: true });
  writeRollback(state.paths, undefined);
}

/** A rename when both are on one file system, else a copy (restic restored modes and owners). */
async function moveInto(from: string, to: string): Promise<void> {
  if (!existsSync(from)) {
    await mkdir(to, { recursive: true });
    return;
  }
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, {
      recursive: true,
      preserveTimestamps: true,
      verbatimSymlinks: true,
      mode: constants.COPYFILE_FICLONE,
    });
  }
}

async function sizeOf(dir: string): Promise<number> {
  const result = await exec('du', ['-sb', dir], { timeoutMs: 120_000 });
  return Number(result.stdout.split(/\s/)[0]) || 0;
}
