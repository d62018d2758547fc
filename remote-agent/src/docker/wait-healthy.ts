import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../common/errors/app-error.js';
import type { StepContext } from '../jobs/steps.js';
import type { StackService } from '../../../common/stack/services.js';
import { lastLogLines } from './container-logs.js';
import type { ContainerInspect, DockerEngine } from './docker-engine.js';

/** The services' start period is 90 s; after a restart most are healthy within a few probes. */
const DEFAULT_DEADLINE_MS = 5 * 60_000;
const POLL_MS = 1_000;
/** Three failed probes at 10 s: a service unhealthy this long will not recover by itself. */
const UNHEALTHY_GRACE_MS = 45_000;
/** More restarts than this while waiting is a crash loop, not a slow start. */
const MAX_RESTARTS_WHILE_WAITING = 2;
const LOG_LINES = 25;
/** A service without a healthcheck counts as up once it has run this long: a crash at start must not pass. */
const STAY_UP_MS = 5_000;

interface Seen {
  status: string;
  health: string;
  restarts: number;
  /** Since when it runs (ms), NaN when unknown. */
  startedAt: number;
}

function seenOf(inspect: ContainerInspect | undefined): Seen {
  return {
    status: inspect?.State?.Status ?? 'missing',
    health: inspect?.State?.Health?.Status ?? (inspect ? 'none' : 'missing'),
    restarts: inspect?.RestartCount ?? 0,
    startedAt: Date.parse(inspect?.State?.StartedAt ?? ''),
  };
}

/** Runs and is healthy, or runs without a healthcheck and has stayed up a few seconds. */
export function isUpAndHealthy(inspect: ContainerInspect | undefined): boolean {
  return isHealthy(seenOf(inspect));
}

const isHealthy = (seen: Seen) =>
  seen.status === 'running' &&
  (seen.health === 'healthy' || (seen.health === 'none' && Date.now() - seen.startedAt >= STAY_UP_MS));

/**
 * Waits until every given service runs and is healthy (or has no healthcheck), logging each change
 * as it happens. A service that exits, crash-loops or stays unhealthy fails the wait at once,
 * named with its last log lines, instead of waiting out the deadline. The one health wait of the
 * agent: the install's health step, stack.control and updates all wait with it.
 */
export async function waitHealthy(
  engine: DockerEngine,
  services: readonly StackService[],
  step: StepContext,
  options: { deadlineMs?: number } = {},
): Promise<void> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const started = Date.now();
  const baseline = new Map<string, number>();
  const label = new Map<string, string>();
  const unhealthySince = new Map<string, number>();
  const rounds = Math.ceil(deadlineMs / POLL_MS) + 1;
  let states: Seen[] = [];
  for (let round = 0; round < rounds && Date.now() - started < deadlineMs; round++) {
    states = await Promise.all(
      services.map(async (entry) => seenOf(await engine.inspect(entry.container, step.signal))),
    );
    services.forEach((entry, index) => {
      const seen = states[index]!;
      if (!baseline.has(entry.container)) baseline.set(entry.container, seen.restarts);
      const now = seen.status === 'running' ? seen.health : seen.status;
      if (label.get(entry.container) !== now) {
        step.log(`${entry.service}: ${label.get(entry.container) ?? '…'} → ${now}`);
        label.set(entry.container, now);
      }
      if (seen.health === 'unhealthy') {
        if (!unhealthySince.has(entry.container)) unhealthySince.set(entry.container, Date.now());
      } else unhealthySince.delete(entry.container);
    });
    const healthy = states.filter(isHealthy).length;
    step.progress(Math.round((healthy / services.length) * 100), `${healthy} of ${services.length} healthy`);
    if (healthy === services.length) return;
    const broken = services.filter((entry, index) => {
      const seen = states[index]!;
      return (
        ['exited', 'dead', 'missing', 'created'].includes(seen.status) ||
        seen.restarts - (baseline.get(entry.container) ?? 0) > MAX_RESTARTS_WHILE_WAITING ||
        Date.now() - (unhealthySince.get(entry.container) ?? Date.now()) > UNHEALTHY_GRACE_MS
      );
    });
    if (broken.length > 0) throw await unhealthyError(engine, broken, services, states, step.signal);
    await sleep(POLL_MS, undefined, { signal: step.signal });
  }
  const failing = services.filter((_, index) => !isHealthy(states[index]!));
  throw await unhealthyError(engine, failing, services, states, step.signal);
}

async function unhealthyError(
  engine: DockerEngine,
  broken: readonly StackService[],
  all: readonly StackService[],
  states: Seen[],
  signal: AbortSignal,
): Promise<AppError> {
  const sections: string[] = [];
  for (const entry of broken.slice(0, 5)) {
    const seen = states[all.indexOf(entry)] ?? seenOf(undefined);
    const lines =
      seen.status === 'missing'
        ? ['(no container)']
        : await lastLogLines(engine, entry.container, false, signal, LOG_LINES).catch((error: Error) => [
            `(logs unreadable: ${error.message})`,
          ]);
    sections.push(
      `--- ${entry.service} (${seen.status}, ${seen.health}, ${seen.restarts} restarts) ---\n${lines.join('\n')}`,
    );
  }
  return new AppError('stack.unhealthy', {
    params: { services: broken.map((entry) => entry.service).join(', ') },
    detail: sections.join('\n').slice(-12_000),
    retryable: true,
  });
}
