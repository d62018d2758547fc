import { spawn } from 'node:child_process';
import { statfs } from 'node:fs/promises';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobParams } from '../../../common/agent-contract.js';
import type { BackupRun } from '../../../common/backups/backups-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import { withEngine } from '../docker/containers.js';
import { statePaths } from '../jobs/state-dir.js';
import type { JobKindModule, JobOutcome, JobStep, StepContext } from '../jobs/steps.js';
import { readInstall } from '../stack/detect.js';
import { stackPaths } from '../stack/stack-paths.js';
import { AGENT_VERSION } from '../server/agent-version.js';
import { requireBackupConfig, type BackupConfig } from './backup-config.js';
import { backupPaths, type BackupPaths } from './backup-paths.js';
import { recordRun } from './backup-state.js';
import { stageConfig } from './config-stage.js';
import { changedSinceStaged, restageByCopy, stageMailboxes, type StagedMailboxes } from './mailbox-stage.js';
import { linkOrCopy } from './link-or-copy.js';
import { snapshotRedis } from './redis-snapshot.js';
import { refreshPoints } from './restore-points.js';
import { withRestic, type Restic } from './restic.js';
import { resticProgress, type ResticSummary } from './restic-progress.js';
import { applyRetention } from './retention.js';
import { pointTags, RESTIC_HOST_PREFIX } from './point-tags.js';
import { withWritersPaused } from './writer-pause.js';

/** After this many rounds the last one keeps the writers frozen while restic reads: it always ends. */
const MAX_ROUNDS = 3;
/** Free space the stage must leave on the disk, at the least. */
const DISK_MARGIN_BYTES = 256 * 1024 * 1024;

interface RunState {
  paths: BackupPaths;
  config: BackupConfig;
  pointId: string;
  time: string;
  host: string;
  tags: string[];
  domain: string;
  staged?: StagedMailboxes;
  pausedMs: number;
  files?: ResticSummary;
  mongo?: ResticSummary;
  startedAt: string;
}

/**
 * backups.run: everything the server needs to be rebuilt, as one restore point of two restic
 * snapshots under one id (a "point"): the files (mailboxes taken consistently, Redis's fresh
 * snapshot, the stack's settings, keys and certificates, a manifest), and MongoDB's archive
 * streamed from mongodump into restic with no copy on disk. Retention is applied after; the
 * outcome is recorded for the dashboard.
 */
export const backupRun: JobKindModule<'backups.run'> = {
  kind: 'backups.run',
  steps(params) {
    const need = () => {
      const run = runs.get(params);
      if (!run) throw new Error('the backup was not prepared');
      return run;
    };
    const step = (
      id: string,
      title: string,
      work: (run: RunState, context: StepContext) => Promise<void>,
    ): JobStep => ({
      id,
      title,
      // Every run is a new restore point: nothing is "already done" from an earlier attempt.
      check: async () => false,
      run: (context) => work(need(), context),
    });
    return [
      {
        id: 'prepare',
        title: 'Check the backup settings and the disk',
        check: async () => false,
        run: async (context) => {
          runs.set(params, await prepare(context));
        },
      },
      step('redis', 'Take a fresh Redis snapshot', stageRedis),
      step('config', 'Collect settings, keys and certificates', async (state) => {
        const totals = await stageConfig(stackPaths(), path.join(state.paths.stage, 'config'));
        if (totals.files === 0) throw new AppError('backups.notInstalled', { detail: 'no stack files to back up' });
      }),
      step('mailboxes', 'Take the mailboxes consistently', stageTheMailboxes),
      step('files', 'Back up mailboxes, Redis and settings', backUpFiles),
      step('mongo', 'Back up MongoDB', backUpMongo),
      step('retention', 'Remove backups the retention no longer keeps', async (state, context) => {
        await withRestic(state.paths, state.config, (restic) =>
          applyRetention(restic, state.config.settings.retention, state.host, context),
        );
      }),
      step('record', 'Record the restore point', async (state, context) => {
        // What a restore of this point writes is what the two parts read (restic's restore size).
        const made = {
          pointId: state.pointId,
          totalBytes: (state.files?.totalBytes ?? 0) + (state.mongo?.totalBytes ?? 0),
          mailboxes: state.staged?.mailboxes.length ?? 0,
        };
        await withRestic(state.paths, state.config, (restic) =>
          refreshPoints(state.paths, restic, context.signal, made),
        );
        await rm(state.paths.stage, { recursive: true, force: true });
      }),
    ];
  },
  async finish(params, outcome) {
    recordRun(backupPaths(statePaths()), runRecord(params, outcome, runs.get(params)));
    await rm(backupPaths(statePaths()).stage, { recursive: true, force: true });
  },
};

/** Each job's run, by its params object (the runner hands the same one to the steps and to finish). */
const runs = new WeakMap<object, RunState>();

function runRecord(params: JobParams<'backups.run'>, outcome: JobOutcome, run: RunState | undefined): BackupRun {
  const record: BackupRun = {
    jobId: outcome.jobId,
    trigger: params.trigger,
    status: outcome.status,
    startedAt: run?.startedAt ?? outcome.startedAt,
    finishedAt: new Date().toISOString(),
  };
  if (outcome.error) record.error = outcome.error;
  if (run && outcome.status === 'succeeded') {
    record.pointId = run.pointId;
    record.totalBytes = (run.files?.totalBytes ?? 0) + (run.mongo?.totalBytes ?? 0);
    record.addedBytes = (run.files?.addedBytes ?? 0) + (run.mongo?.addedBytes ?? 0);
    record.filesNew = run.files?.filesNew ?? 0;
    record.filesChanged = run.files?.filesChanged ?? 0;
    record.pauseMs = run.pausedMs;
  }
  return record;
}

async function prepare(context: StepContext): Promise<RunState> {
  const paths = backupPaths(statePaths());
  const config = requireBackupConfig(paths);
  const install = await readInstall(stackPaths());
  if (!install?.domain) throw new AppError('backups.notInstalled', { detail: 'no installed stack to back up' });
  await rm(paths.stage, { recursive: true, force: true });
  await mkdir(paths.stage, { recursive: true, mode: 0o700 });
  const disk = await statfs(paths.stage);
  const free = disk.bavail * disk.bsize;
  if (free < DISK_MARGIN_BYTES) {
    throw new AppError('backups.notEnoughDisk', {
      params: { freeMb: Math.floor(free / 1e6), neededMb: Math.ceil(DISK_MARGIN_BYTES / 1e6) },
      detail: `only ${free} bytes free under ${paths.stage}`,
      retryable: true,
    });
  }
  const host = `${RESTIC_HOST_PREFIX}${install.domain}`;
  const startedAt = new Date().toISOString();
  const state: RunState = {
    paths,
    config,
    pointId: context.jobId,
    // Both parts carry the same time, so retention keeps or drops them together.
    time: resticTime(new Date(startedAt)),
    host,
    domain: install.domain,
    tags: pointTags({ pointId: context.jobId, stackVersion: install.imageTag, domain: install.domain }),
    pausedMs: 0,
    startedAt,
  };
  // A lock left by a restic that was killed (power, OOM) would block every later run; `unlock`
  // removes only locks whose process is gone or that are stale.
  await withRestic(paths, config, (restic) => restic.run(['unlock'], { signal: context.signal, timeoutMs: 120_000 }));
  context.log(`restore point ${state.pointId} of ${install.domain} (stack ${install.imageTag ?? 'unknown'})`);
  return state;
}

async function stageRedis(state: RunState, context: StepContext): Promise<void> {
  const stack = stackPaths();
  const running = await withEngine(async (engine) => (await engine.inspect('redis', context.signal))?.State?.Running);
  if (!running) {
    context.log('redis is not running: its last dump.rdb (if any) is taken as it is');
  } else {
    await snapshotRedis(context.signal, (line) => context.log(line));
  }
  const copied = await linkOrCopy(
    path.join(stack.redisData, 'dump.rdb'),
    path.join(state.paths.stage, 'redis-data', 'dump.rdb'),
  );
  if (!copied) context.log('redis: no dump.rdb yet (an empty Redis)');
}

async function stageTheMailboxes(state: RunState, context: StepContext): Promise<void> {
  const stack = stackPaths();
  const stage = path.join(state.paths.stage, 'sqlite-data');
  const { value: staged, pausedMs } = await withEngine((engine) =>
    withWritersPaused(engine, () => stageMailboxes(stack.sqliteData, stage), context.signal),
  );
  state.staged = staged;
  state.pausedMs += pausedMs;
  context.log(
    `mailboxes: ${staged.mailboxes.length} staged in ${pausedMs} ms with the writers paused ` +
      `(${staged.linked.size} files linked, ${staged.copiedFiles} copied, ${staged.copiedBytes} bytes)` +
      (staged.linksUnavailable ? '; links were not possible here, so every file was copied' : ''),
  );
  await writeManifest(state);
}

async function writeManifest(state: RunState): Promise<void> {
  const install = await readInstall(stackPaths());
  const mailboxes = state.staged?.mailboxes ?? [];
  const manifest = {
    format: 1,
    pointId: state.pointId,
    createdAt: state.startedAt,
    agentVersion: AGENT_VERSION,
    domain: state.domain,
    profile: install?.profile,
    stackVersion: install?.imageTag,
    mailboxes: mailboxes.map((mailbox) => mailbox.base),
  };
  await writeFile(path.join(state.paths.stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o600,
  });
}

async function backUpFiles(state: RunState, context: StepContext): Promise<void> {
  const stack = stackPaths();
  const stage = path.join(state.paths.stage, 'sqlite-data');
  await withRestic(state.paths, state.config, async (restic) => {
    let parent: string | undefined;
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const last = round === MAX_ROUNDS;
      const backup = () => filesBackup(restic, state, context, parent);
      let summary: ResticSummary;
      if (last) {
        // Whatever still changes is read with the writers frozen: only those files are read again.
        const paused = await withEngine((engine) => withWritersPaused(engine, backup, context.signal));
        state.pausedMs += paused.pausedMs;
        summary = paused.value;
      } else {
        summary = await backup();
      }
      if (parent) await restic.run(['forget', parent], { signal: context.signal, timeoutMs: 10 * 60_000 });
      state.files = summary;
      const changed = last || !state.staged ? [] : await changedSinceStaged(stack.sqliteData, stage, state.staged);
      if (changed.length === 0) return;
      context.log(`mailboxes: ${changed.length} written while they were read; taking them again (round ${round + 1})`);
      const staged = state.staged!;
      const { pausedMs } = await withEngine((engine) =>
        withWritersPaused(engine, () => restageByCopy(stack.sqliteData, stage, staged, changed), context.signal),
      );
      state.pausedMs += pausedMs;
      parent = summary.snapshotId;
    }
  });
}

function filesBackup(restic: Restic, state: RunState, context: StepContext, parent: string | undefined) {
  const args = ['backup', state.paths.stage, '--host', state.host, '--time', state.time, '--ignore-inode'];
  for (const tag of [...state.tags, 'part:files']) args.push('--tag', tag);
  if (parent) args.push('--parent', parent);
  return resticProgress(restic, args, context);
}

async function backUpMongo(state: RunState, context: StepContext): Promise<void> {
  const running = await withEngine(async (engine) => (await engine.inspect('mongodb', context.signal))?.State?.Running);
  if (!running) {
    throw new AppError('backups.mongoDumpFailed', { detail: 'the mongodb service is not running', retryable: true });
  }
  await withRestic(state.paths, state.config, async (restic) => {
    const dump = spawn('docker', ['exec', 'mongodb', 'mongodump', '--archive', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let dumpErrors = '';
    dump.stderr.on('data', (chunk: Buffer) => (dumpErrors = (dumpErrors + chunk.toString('utf8')).slice(-8000)));
    const dumped = new Promise<number | null>((resolve) => {
      dump.on('error', () => resolve(127));
      dump.on('close', (code) => resolve(code));
    });
    const onAbort = () => dump.kill('SIGTERM');
    context.signal.addEventListener('abort', onAbort, { once: true });
    const args = [
      'backup',
      '--stdin',
      '--stdin-filename',
      'mongodb.archive',
      '--host',
      state.host,
      '--time',
      state.time,
    ];
    for (const tag of [...state.tags, 'part:mongo']) args.push('--tag', tag);
    let summary: ResticSummary;
    try {
      summary = await resticProgress(restic, args, context, { stdin: dump.stdout });
    } finally {
      context.signal.removeEventListener('abort', onAbort);
    }
    const code = await dumped;
    if (code !== 0) {
      // restic stored whatever came before mongodump failed: that snapshot must not count.
      await restic.run(['forget', summary.snapshotId], { signal: context.signal, timeoutMs: 10 * 60_000 });
      throw new AppError('backups.mongoDumpFailed', {
        detail: `mongodump exited ${code}:\n${dumpErrors.trim()}`,
        retryable: true,
      });
    }
    state.mongo = summary;
    context.log(`mongodb: archive of ${summary.totalBytes} bytes, ${summary.addedBytes} new`);
  });
}

/** restic reads --time in the server's own time zone, as "2006-01-02 15:04:05". */
export function resticTime(time: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())} ${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
}

/** The restore point the run with these params made, for a job that runs a backup inside it (an update). */
export function pointOfRun(params: JobParams<'backups.run'>): string | undefined {
  return runs.get(params)?.pointId;
}
