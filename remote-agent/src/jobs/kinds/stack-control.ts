import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compose, requireCompose } from '../../stack/compose.js';
import { readInstall } from '../../stack/detect.js';
import { servicesFor, type StackService } from '../../../../common/stack/services.js';
import { stackPaths, type StackPaths } from '../../stack/stack-paths.js';
import { AppError } from '../../../../common/errors/app-error.js';
import type { StackControlParams } from '../../../../common/dashboard/dashboard-contract.js';
import { allHealthy, inspectAll, stateOf, withEngine } from '../../docker/containers.js';
import { entryOf } from '../../dashboard/stack-scope.js';
import { waitHealthy } from '../../docker/wait-healthy.js';
import type { JobKindModule, JobStep, StepContext } from '../steps.js';

/** compose stops each container with a 10 s grace period, in parallel; starts wait for dependencies. */
const COMPOSE_TIMEOUT_MS = 5 * 60_000;

/**
 * stack.control: start, stop or restart one service or the whole stack with compose in the stack
 * directory, then (for start and restart) wait until what it touched is healthy again, naming a
 * service that is not with its last lines. Both steps can be checked, so a retry after a failed
 * health wait does not restart a second time.
 */
export const stackControl: JobKindModule<'stack.control'> = {
  kind: 'stack.control',
  steps(params) {
    const paths = stackPaths();
    const target = params.service ?? 'the whole stack';
    const verb = { start: 'Start', stop: 'Stop', restart: 'Restart' }[params.action];
    const steps: JobStep[] = [
      {
        id: params.action,
        title: `${verb} ${target}`,
        check: (context) => actionDone(params, paths, context),
        run: (context) => runAction(params, paths, context),
      },
      {
        id: 'health',
        title: `Wait until ${target} is healthy`,
        ...(params.action === 'stop' ? { notApplicable: 'stopped on purpose' } : {}),
        check: async (context) => {
          const services = await touchedServices(params, paths);
          return withEngine((engine) => allHealthy(engine, services, context.signal));
        },
        run: async (context) => {
          const services = await touchedServices(params, paths);
          await withEngine((engine) => waitHealthy(engine, services, context));
        },
      },
    ];
    return steps;
  },
};

/** The one service asked for, or every service of the installed profile. */
async function touchedServices(params: StackControlParams, paths: StackPaths): Promise<StackService[]> {
  const install = await readInstall(paths);
  if (!install) {
    throw new AppError('stack.notInstalled', { detail: `no stack .env in ${paths.dir}`, params: { dir: paths.dir } });
  }
  return params.service ? [entryOf(params.service)] : servicesFor(install.profile);
}

/** Left in the job's work directory (shared by its retries) once the restart itself is done. */
function restartMarker(context: StepContext): string {
  return path.join(context.workDir, 'stack-control-restarted');
}

/**
 * Whether the server is already as the action leaves it: stopped, running, or (for a restart,
 * which no state can prove) restarted by an earlier attempt of this job.
 */
async function actionDone(params: StackControlParams, paths: StackPaths, context: StepContext): Promise<boolean> {
  if (params.action === 'restart') return existsSync(restartMarker(context));
  const services = await touchedServices(params, paths);
  return withEngine(async (engine) => {
    const inspected = await inspectAll(
      engine,
      services.map((entry) => entry.container),
      context.signal,
    );
    const states = inspected.map(stateOf);
    return params.action === 'stop'
      ? states.every((state) => state !== 'running' && state !== 'restarting' && state !== 'paused')
      : states.every((state) => state === 'running');
  });
}

async function runAction(params: StackControlParams, paths: StackPaths, context: StepContext): Promise<void> {
  await touchedServices(params, paths);
  const command = await requireCompose(context.signal);
  const only = params.service ? [params.service] : [];
  // `up -d --no-recreate` rather than `start`: it also creates a container that was removed, and
  // starts what the service depends on, but never replaces a container that exists.
  const args = {
    start: ['up', '-d', '--no-recreate', ...only],
    stop: ['stop', ...only],
    restart: ['restart', ...only],
  }[params.action];
  context.log(`${command.file} ${[...command.baseArgs, ...args].join(' ')}`);
  await compose(command, paths.dir, args, {
    timeoutMs: COMPOSE_TIMEOUT_MS,
    signal: context.signal,
    onLine: (line, stream) => context.log(line, stream),
  });
  if (params.action === 'restart') writeFileSync(restartMarker(context), `${context.jobId}\n`);
}
