import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobParams } from '../../../common/agent-contract.js';
import { AppError, toErrorData } from '../../../common/errors/app-error.js';
import { servicesFor } from '../../../common/stack/services.js';
import { compareReleaseTags, type FeedRelease, type ReleasePins } from '../../../common/updates/release-feed.js';
import type { UpdateRun } from '../../../common/updates/updates-contract.js';
import { backupRun, pointOfRun } from '../backups/backup-run.js';
import { restoreDataWithin } from '../backups/restore-within.js';
import { servicePorts } from '../dashboard/service-ports.js';
import { withEngine } from '../docker/containers.js';
import { writeJsonAtomic } from '../jobs/job-files.js';
import { statePaths } from '../jobs/state-dir.js';
import type { JobKindModule, JobOutcome, JobStep, StepContext } from '../jobs/steps.js';
import { compose, requireCompose } from '../stack/compose.js';
import { readInstall } from '../stack/detect.js';
import { EnvFile } from '../stack/env/env-file.js';
import { imageBases, imageRefs, profileOf, readEnvValues } from '../stack/image-refs.js';
import { stackPaths, type StackPaths } from '../stack/stack-paths.js';
import { writeFileAtomic } from '../stack/steps/stack-files.js';
import { checkDiskRoom } from './disk-room.js';
import { findRelease, readFeed } from './feed.js';
import { composeFailure, passHealthGate, type GateTarget } from './health-gate.js';
import { watchMailDowntime } from './mail-downtime.js';
import { pullPinned } from './pull-pinned.js';
import { envValuesFor, PIN_KEYS } from './running-pins.js';
import { readPrevious, recordUpdateRun } from './update-runs.js';
import { updatesPaths, type UpdatesPaths } from './updates-paths.js';

const COMPOSE_UP_TIMEOUT_MS = 15 * 60_000;
const ENV_MODE = 0o600;

interface UpdateState {
  paths: StackPaths;
  files: UpdatesPaths;
  release: FeedRelease & { pins: ReleasePins };
  from: string;
  startedAt: string;
  backupParams: JobParams<'backups.run'>;
  backupRan: boolean;
  mailDowntimeMs?: number;
  failedServices?: string[];
  outcome?: UpdateRun['outcome'];
}

/**
 * updates.apply: from the version that runs to a newer one of the feed, in steps that each either
 * change nothing or can be undone. Checks first (the release, its digests, the disk), backs up
 * (the backup's own steps, refused to go on without unless the user chose so), pulls every image
 * by digest, keeps the .env it replaces, switches, and gates the new version on health, stability
 * and working mail ports. A gate that fails rolls the four images and the .env back together and
 * gates the old version again; the job then fails with updates.rolledBack naming what failed.
 */
export const updateApply: JobKindModule<'updates.apply'> = {
  kind: 'updates.apply',
  steps(params) {
    const backupParams: JobParams<'backups.run'> = { trigger: 'update' };
    const need = () => {
      const state = states.get(params);
      if (!state) throw new Error('the update was not prepared');
      return state;
    };
    const backupSteps = backupRun.steps(backupParams).map((step): JobStep => ({
      id: `backup-${step.id}`,
      title: `Backup: ${step.title}`,
      ...(params.withoutBackup ? { notApplicable: 'you chose to update without a backup' } : {}),
      check: step.check,
      run: async (context) => {
        need().backupRan = true;
        try {
          await step.run(context);
        } catch (error) {
          if (context.signal.aborted) throw error;
          const cause = toErrorData(error, 'agent.internal');
          throw new AppError('updates.backupFailed', {
            params: { cause: cause.code },
            detail: `${cause.code}: ${cause.detail ?? ''}`.trim(),
            retryable: true,
          });
        }
      },
    }));
    return [
      {
        id: 'prepare',
        title: 'Check the release and the server',
        check: async () => false,
        run: async (context) => {
          states.set(params, await prepare(params, backupParams, context));
        },
      },
      ...backupSteps,
      {
        id: 'pull',
        title: 'Download the new version and verify it',
        check: async () => false,
        run: async (context) => {
          const state = need();
          await pullPinned(imageBases(readEnvValues(state.paths.envFile)), state.release.pins, context);
        },
      },
      {
        id: 'keep',
        title: 'Keep the current settings for a rollback',
        check: async (context) => readPrevious(need().files)?.rootJobId === rootJobOf(context),
        run: (context) => keepPrevious(need(), context),
      },
      {
        id: 'switch',
        title: 'Start the new version',
        // Stopped halfway, the stack would be neither version: it finishes, or rolls back.
        uncancellable: true,
        check: async () => false,
        run: (context) => switchTo(need(), context),
      },
      {
        id: 'gate',
        title: 'Check that the new version works, and go back if not',
        uncancellable: true,
        check: async () => false,
        run: (context) => gateOrRollBack(need(), context),
      },
    ];
  },
  async finish(params, outcome) {
    const state = states.get(params);
    if (state?.backupRan && backupRun.finish) {
      await backupRun.finish(state.backupParams, backupOutcome(outcome));
    }
    recordUpdateRun(updatesPaths(statePaths()), runRecord(params, outcome, state));
  },
};

const states = new WeakMap<object, UpdateState>();

function rootJobOf(context: StepContext): string {
  return path.basename(context.workDir);
}

/** The backup's own record says it succeeded once its steps did, even when the update failed later. */
function backupOutcome(outcome: JobOutcome): JobOutcome {
  if (outcome.status === 'succeeded' || outcome.status === 'cancelled') return outcome;
  const failedInBackup = String(outcome.error?.params?.step ?? '').startsWith('backup-');
  return failedInBackup
    ? outcome
    : { jobId: outcome.jobId, status: 'succeeded', startedAt: outcome.startedAt, workDir: outcome.workDir };
}

async function prepare(
  params: JobParams<'updates.apply'>,
  backupParams: JobParams<'backups.run'>,
  context: StepContext,
): Promise<UpdateState> {
  const paths = stackPaths();
  const files = updatesPaths(statePaths());
  const install = await readInstall(paths);
  if (!install) {
    throw new AppError('stack.notInstalled', { detail: `no stack .env in ${paths.dir}`, params: { dir: paths.dir } });
  }
  const feed = await readFeed(params.feedUrl, context.signal);
  const release = findRelease(feed, params.version);
  if (!release.pins) {
    throw new AppError('updates.releaseNotPinned', {
      params: { version: release.version },
      detail: 'the feed names no image digests for this release',
    });
  }
  // A retry of an update that already switched: the version it came from is the one it kept.
  const previous = readPrevious(files);
  const resumed = previous?.rootJobId === rootJobOf(context);
  const from = resumed ? previous.version : (install.imageTag ?? 'unknown');
  if (!resumed && install.imageTag && compareReleaseTags(release.version, install.imageTag) <= 0) {
    throw new AppError('updates.notNewer', {
      params: { version: release.version, running: install.imageTag },
      detail: `${release.version} is not newer than ${install.imageTag}`,
    });
  }
  refuseDatabaseDowngrade(release.version, release.pins, (key) => install.file.get(key));
  if (release.migratesData && params.withoutBackup) {
    throw new AppError('updates.migrationNeedsBackup', {
      params: { version: release.version },
      detail: 'a release that migrates data is rolled back from its backup: it needs one',
    });
  }
  const values = readEnvValues(paths.envFile);
  context.log(await checkDiskRoom(imageRefs(values, profileOf(values)), context.signal));
  context.log(
    `updating ${from} → ${release.version}${release.migratesData ? ' (this release migrates data: if it fails, only the backup taken first brings the data back)' : ''}`,
  );
  return {
    paths,
    files,
    release: { ...release, pins: release.pins },
    from,
    startedAt: new Date().toISOString(),
    backupParams,
    backupRan: false,
  };
}

/**
 * mongod refuses data files written at a newer featureCompatibilityVersion, and an older redis
 * cannot load a newer RDB file: a release whose mongo or redis is older than what runs is refused.
 */
function refuseDatabaseDowngrade(version: string, pins: ReleasePins, get: (key: string) => string | undefined): void {
  for (const image of ['mongo', 'redis'] as const) {
    const running = get(PIN_KEYS[image].tag);
    if (running && /^\d/.test(running) && compareReleaseTags(pins[image].tag, running) < 0) {
      throw new AppError('updates.databaseDowngrade', {
        params: { version, image, running, offered: pins[image].tag },
        detail: `${image} ${running} runs; ${version} pins ${pins[image].tag}`,
      });
    }
  }
}

/** The .env that runs now, copied aside (0600) with the version it runs; replaced by the next update. */
async function keepPrevious(state: UpdateState, context: StepContext): Promise<void> {
  await mkdir(state.files.previousDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(state.files.previousEnv, await readFile(state.paths.envFile, 'utf8'), ENV_MODE);
  writeJsonAtomic(state.files.previousMeta, {
    version: state.from,
    keptAt: new Date().toISOString(),
    rootJobId: rootJobOf(context),
  });
  context.log(`kept the settings of ${state.from} for a rollback`);
}

async function writePins(state: UpdateState): Promise<void> {
  const env = EnvFile.parse(await readFile(state.paths.envFile, 'utf8'));
  for (const [key, value] of envValuesFor(state.release.pins)) env.set(key, value);
  await writeFileAtomic(state.paths.envFile, env.toString(), ENV_MODE);
}

function gateTarget(env: EnvFile, profile: Parameters<typeof servicesFor>[0]): GateTarget {
  const ports = servicePorts((key) => env.get(key));
  const services = servicesFor(profile);
  return {
    services,
    ports: {
      mx: ports.mx[0]!.port,
      smtp: ports.smtp[0]!.port,
      imap: services.some((entry) => entry.service === 'imap') ? ports.imap[0]!.port : undefined,
    },
    serverName: env.get('DOMAIN') || 'localhost',
  };
}

/** compose up with the .env as it is now; returns the longest time port 25 did not greet. */
async function composeUp(paths: StackPaths, context: StepContext): Promise<number> {
  const command = await requireCompose(context.signal);
  const env = EnvFile.parse(await readFile(paths.envFile, 'utf8'));
  const watch = watchMailDowntime(gateTarget(env, 'forwarding').ports.mx);
  let downtime = 0;
  try {
    await compose(command, paths.dir, ['up', '-d', '--remove-orphans'], {
      timeoutMs: COMPOSE_UP_TIMEOUT_MS,
      signal: context.signal,
      onLine: (line, stream) => context.log(line, stream),
    });
  } finally {
    downtime = await watch.stop();
    context.log(`port 25 did not answer for ${(downtime / 1000).toFixed(1)} s while the containers were replaced`);
  }
  return downtime;
}

async function switchTo(state: UpdateState, context: StepContext): Promise<void> {
  await writePins(state);
  context.log(`.env now pins ${state.release.version} and its images by digest`);
  try {
    state.mailDowntimeMs = await composeUp(state.paths, context);
  } catch (error) {
    if (context.signal.aborted) throw error;
    // compose itself refuses to go on when a service it waits for does not become healthy.
    const install = await readInstall(state.paths);
    const services = servicesFor(install?.profile ?? 'full');
    const detail = toErrorData(error, 'agent.internal').detail ?? String(error);
    const named = await withEngine((engine) => composeFailure(engine, services, detail, context.signal));
    await rollBack(state, context, named.toData());
  }
}

async function gateOrRollBack(state: UpdateState, context: StepContext): Promise<void> {
  const install = await readInstall(state.paths);
  if (!install) throw new AppError('stack.notInstalled', { detail: 'the .env disappeared during the update' });
  try {
    await withEngine((engine) => passHealthGate(engine, gateTarget(install.file, install.profile), context));
  } catch (error) {
    if (context.signal.aborted) throw error;
    await rollBack(state, context, toErrorData(error, 'agent.internal'));
  }
  context.log(`${state.release.version} passed the gate: healthy, stable and answering on the mail ports`);
  state.outcome = 'updated';
}

/**
 * Puts the kept .env back (the four images' previous tags and digests with it), starts the old
 * version, and gates it like the new one. Always throws: updates.rolledBack when the old version
 * is healthy again, updates.rollbackFailed (with the pre-update restore point) when it is not.
 */
async function rollBack(
  state: UpdateState,
  context: StepContext,
  cause: ReturnType<typeof toErrorData>,
): Promise<never> {
  const failed = String(cause.params?.services ?? 'the services did not start');
  state.failedServices = failed.split(', ');
  context.log(`${state.release.version} failed (${failed}); going back to ${state.from}`, 'stderr');
  if (cause.detail) context.log(cause.detail, 'stderr');
  const point = pointOfRun(state.backupParams);
  // A release that migrates data may have changed it already: its images alone cannot go back, the
  // data must too. The backup taken just before the update is restored (verified first, what it
  // replaces kept as the rollback point); without one there is nothing safe to go back to.
  const restoreData = state.release.migratesData;
  if (restoreData && !point) {
    state.outcome = 'rollbackFailed';
    throw new AppError('updates.rollbackFailed', {
      params: { from: state.from, services: failed, point: '-' },
      detail: `${state.release.version} migrates data and no backup was taken before it: nothing safe to go back to.\n${cause.detail ?? ''}`,
    });
  }
  const text = await readFile(state.files.previousEnv, 'utf8');
  await writeFileAtomic(state.paths.envFile, text, ENV_MODE);
  try {
    if (restoreData) {
      context.log(`${state.release.version} migrates data: restoring the backup taken before the update (${point})`);
      await restoreDataWithin(context, point!);
    } else {
      const downtime = await composeUp(state.paths, context);
      context.log(`rollback: port 25 was down ${(downtime / 1000).toFixed(1)} s`);
    }
    const install = await readInstall(state.paths);
    if (!install) throw new Error('the kept .env is not readable');
    await withEngine((engine) => passHealthGate(engine, gateTarget(install.file, install.profile), context));
  } catch (error) {
    if (context.signal.aborted) throw error;
    const again = toErrorData(error, 'agent.internal');
    state.outcome = 'rollbackFailed';
    throw new AppError('updates.rollbackFailed', {
      params: { from: state.from, services: String(again.params?.services ?? failed), point: point ?? '-' },
      detail: `${again.detail ?? again.code}`,
    });
  }
  if (restoreData) {
    state.outcome = 'rolledBack';
    throw new AppError('updates.restoredBack', {
      params: { from: state.from, to: state.release.version, services: failed, point: point! },
      detail: cause.detail ?? cause.code,
    });
  }
  state.outcome = 'rolledBack';
  throw new AppError('updates.rolledBack', {
    params: { from: state.from, to: state.release.version, services: failed },
    detail: cause.detail ?? cause.code,
  });
}

function runRecord(params: JobParams<'updates.apply'>, outcome: JobOutcome, state: UpdateState | undefined): UpdateRun {
  const record: UpdateRun = {
    jobId: outcome.jobId,
    trigger: params.trigger,
    to: params.version,
    outcome:
      state?.outcome ??
      (outcome.status === 'cancelled' ? 'cancelled' : outcome.status === 'succeeded' ? 'updated' : 'failed'),
    startedAt: state?.startedAt ?? outcome.startedAt,
    finishedAt: new Date().toISOString(),
  };
  if (state) record.from = state.from;
  const point = state ? pointOfRun(state.backupParams) : undefined;
  if (point) record.backupPointId = point;
  if (state?.failedServices) record.failedServices = state.failedServices;
  if (state?.mailDowntimeMs !== undefined) record.mailDowntimeMs = state.mailDowntimeMs;
  if (outcome.error) record.error = outcome.error;
  return record;
}
