import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../common/errors/app-error.js';
import type { StackService } from '../../../common/stack/services.js';
import { lastLogLines } from '../docker/container-logs.js';
import type { DockerEngine } from '../docker/docker-engine.js';
import { isUpAndHealthy, waitHealthy } from '../docker/wait-healthy.js';
import type { StepContext } from '../jobs/steps.js';
import { mailProbes, runProbe } from './mail-probes.js';

/** The services' start period is 90 s; a slow server gets twice that and more before the gate fails. */
const HEALTHY_DEADLINE_MS = 6 * 60_000;
/** Healthy once is not enough: every service stays up, unrestarted, this long (issue 15: 60 s). */
export const STABLE_MS = 60_000;
const STABLE_POLL_MS = 2_000;
const PROBE_ATTEMPTS = 3;
const LOG_LINES = 25;

export interface GateTarget {
  services: readonly StackService[];
  ports: { mx: number; smtp: number; imap: number | undefined };
  serverName: string;
}

/**
 * The gate a version passes before an update (or a rollback) counts as done: every service
 * healthy (the agent's one health wait), then none restarts or stops for STABLE_MS, then the mail
 * ports answer as mail ports. Throws stack.unhealthy naming the services that failed, with their
 * last log lines in the detail.
 */
export async function passHealthGate(engine: DockerEngine, target: GateTarget, context: StepContext): Promise<void> {
  await waitHealthy(engine, target.services, context, { deadlineMs: HEALTHY_DEADLINE_MS });
  await stayUp(engine, target.services, context);
  await probesAnswer(target, context);
}

async function stayUp(engine: DockerEngine, services: readonly StackService[], context: StepContext): Promise<void> {
  const restarts = new Map<string, number>();
  const rounds = Math.ceil(STABLE_MS / STABLE_POLL_MS);
  context.log(`every service healthy; watching that none restarts for ${STABLE_MS / 1000} s`);
  for (let round = 0; round <= rounds; round++) {
    const inspected = await Promise.all(services.map((entry) => engine.inspect(entry.container, context.signal)));
    const failing = services.filter((entry, index) => {
      const state = inspected[index];
      const count = state?.RestartCount ?? 0;
      if (!restarts.has(entry.container)) restarts.set(entry.container, count);
      return !isUpAndHealthy(state) || count !== restarts.get(entry.container);
    });
    if (failing.length) throw await gateError(engine, failing, 'stopped being healthy or restarted', context.signal);
    context.progress(Math.round((round / rounds) * 100), `stable for ${Math.round((round * STABLE_POLL_MS) / 1000)} s`);
    if (round < rounds) await sleep(STABLE_POLL_MS, undefined, { signal: context.signal });
  }
}

async function probesAnswer(target: GateTarget, context: StepContext): Promise<void> {
  const failed: string[] = [];
  for (const probe of mailProbes(target.ports, target.serverName)) {
    let result = { ok: false, detail: '' };
    for (let attempt = 1; attempt <= PROBE_ATTEMPTS && !result.ok; attempt++) {
      result = await runProbe(probe, target.serverName);
      if (!result.ok && attempt < PROBE_ATTEMPTS) await sleep(1_000, undefined, { signal: context.signal });
    }
    context.log(`${probe.name} on port ${probe.port}: ${result.ok ? 'answers' : 'FAILS'} (${result.detail})`);
    if (!result.ok) failed.push(`${probe.name} on port ${probe.port}: ${result.detail}`);
  }
  if (failed.length) {
    throw new AppError('stack.unhealthy', {
      params: { services: failed.map((line) => line.split(':')[0]).join(', ') },
      detail: failed.join('\n'),
      retryable: true,
    });
  }
}

/**
 * Which services failed, when compose itself gave up (it refuses to start a service whose
 * dependency never became healthy): those that run unhealthy, exited or restart are the cause;
 * those merely created were waiting on them. Named with their last log lines, compose's own
 * words after.
 */
export async function composeFailure(
  engine: DockerEngine,
  services: readonly StackService[],
  composeDetail: string,
  signal: AbortSignal,
): Promise<AppError> {
  const inspected = await Promise.all(services.map((entry) => engine.inspect(entry.container, signal)));
  const broken = services.filter((_, index) => {
    const state = inspected[index]?.State;
    return (
      state?.Health?.Status === 'unhealthy' ||
      state?.Status === 'exited' ||
      state?.Status === 'dead' ||
      state?.Status === 'restarting'
    );
  });
  const waiting = services.filter((_, index) => ['created', undefined].includes(inspected[index]?.State?.Status));
  const failing = broken.length ? broken : waiting.length ? waiting : [...services];
  const error = await gateError(engine, failing, 'did not become healthy', signal);
  return new AppError('stack.unhealthy', {
    params: error.params,
    detail: `${error.detail ?? ''}\n--- compose ---\n${composeDetail.slice(-2_000)}`,
    retryable: true,
  });
}

async function gateError(
  engine: DockerEngine,
  failing: readonly StackService[],
  what: string,
  signal: AbortSignal,
): Promise<AppError> {
  const sections: string[] = [];
  for (const entry of failing.slice(0, 5)) {
    const lines = await lastLogLines(engine, entry.container, false, signal, LOG_LINES).catch((error: Error) => [
      `(logs unreadable: ${error.message})`,
    ]);
    sections.push(`--- ${entry.service} ${what} ---\n${lines.join('\n')}`);
  }
  return new AppError('stack.unhealthy', {
    params: { services: failing.map((entry) => entry.service).join(', ') },
    detail: sections.join('\n').slice(-12_000),
    retryable: true,
  });
}
