import { AppError } from '../../../common/errors/app-error.js';
import type { StackService } from '../../../common/stack/services.js';
import { DockerEngine, type ContainerInspect } from './docker-engine.js';
import { isUpAndHealthy } from './wait-healthy.js';

/** A client for the length of `work`, its kept-alive connections closed after. */
export async function withEngine<T>(work: (engine: DockerEngine) => Promise<T>): Promise<T> {
  const engine = new DockerEngine();
  try {
    return await work(engine);
  } finally {
    engine.close();
  }
}

/**
 * Each container by name, undefined when there is none. No engine at all (Docker not installed
 * or not started yet, as on a server before the install's docker step) means none exists: a
 * plan or a check reads that as "not there yet" rather than failing.
 */
export async function inspectAll(
  engine: DockerEngine,
  containers: readonly string[],
  signal?: AbortSignal,
): Promise<(ContainerInspect | undefined)[]> {
  try {
    return await Promise.all(containers.map((container) => engine.inspect(container, signal)));
  } catch (error) {
    if (error instanceof AppError && error.code === 'stack.dockerNotRunning') return containers.map(() => undefined);
    throw error;
  }
}

/** Docker's state of a container, or 'missing'. */
export function stateOf(inspect: ContainerInspect | undefined): string {
  return inspect?.State?.Status ?? 'missing';
}

/** Every given service runs and is healthy (or has no healthcheck and has stayed up). */
export async function allHealthy(engine: DockerEngine, services: readonly StackService[], signal?: AbortSignal) {
  const states = await inspectAll(
    engine,
    services.map((entry) => entry.container),
    signal,
  );
  return states.every(isUpAndHealthy);
}
