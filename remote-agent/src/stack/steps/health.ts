import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../../common/errors/app-error.js';
import { containerStates, lastLogLines, type ContainerState } from '../container-state.js';
import type { InstallContext, InstallStep } from '../install-step.js';
import { servicesFor } from '../../../../common/stack/services.js';

/** Upstream's setup waits 120 s; the services' start period alone is 90 s, so allow for a slow server. */
const HEALTH_DEADLINE_MS = 6 * 60_000;
const POLL_MS = 2_000;
/** An unhealthy state this long (three failed probes at 10 s) means the service will not recover by itself. */
const UNHEALTHY_GRACE_MS = 45_000;
const LOG_LINES = 25;

function containersOf(install: InstallContext): string[] {
  return servicesFor(install.options.profile).map((entry) => entry.container);
}

const isHealthy = (state: ContainerState) =>
  state.status === 'running' && (state.health === 'healthy' || state.health === 'none');

/**
 * Waits until every service of the profile is healthy, journaling each change of state as it
 * happens. A service that exits or stays unhealthy fails the step, naming it, with its last log
 * lines, instead of waiting out the deadline.
 */
export const healthStep: InstallStep = {
  id: 'health',
  title: 'Wait until every service is healthy',
  async plan(install) {
    return [{ kind: 'container', target: `${containersOf(install).length} services`, action: 'start' }];
  },
  async check(install, step) {
    return (await containerStates(containersOf(install), step.signal)).every(isHealthy);
  },
  async run(install, step) {
    const containers = containersOf(install);
    const started = Date.now();
    const seen = new Map<string, string>();
    const unhealthySince = new Map<string, number>();
    for (let round = 0; Date.now() - started < HEALTH_DEADLINE_MS; round++) {
      const states = await containerStates(containers, step.signal);
      for (const state of states) {
        const label = state.status === 'running' ? state.health : state.status;
        if (seen.get(state.container) !== label) {
          step.log(`${state.container}: ${seen.get(state.container) ?? '…'} → ${label}`);
          seen.set(state.container, label);
        }
        if (state.health === 'unhealthy') {
          if (!unhealthySince.has(state.container)) unhealthySince.set(state.container, Date.now());
        } else unhealthySince.delete(state.container);
      }
      const healthy = states.filter(isHealthy).length;
      step.progress(Math.round((healthy / containers.length) * 100), `${healthy} of ${containers.length} healthy`);
      if (healthy === containers.length) return;
      const broken = states.filter(
        (state) =>
          ['exited', 'dead', 'missing'].includes(state.status) ||
          state.restartCount > 2 ||
          Date.now() - (unhealthySince.get(state.container) ?? Date.now()) > UNHEALTHY_GRACE_MS,
      );
      if (broken.length) throw await unhealthyError(broken);
      await sleep(POLL_MS, undefined, { signal: step.signal });
      if (round > 10_000) break;
    }
    const states = await containerStates(containers, step.signal);
    throw await unhealthyError(states.filter((state) => !isHealthy(state)));
  },
};

async function unhealthyError(states: ContainerState[]): Promise<AppError> {
  const sections: string[] = [];
  for (const state of states.slice(0, 5)) {
    const logs = state.status === 'missing' ? '(no container)' : await lastLogLines(state.container, LOG_LINES);
    sections.push(`--- ${state.container} (${state.status}, ${state.health}) ---\n${logs}`);
  }
  return new AppError('stack.unhealthy', {
    params: { services: states.map((state) => state.container).join(', ') },
    detail: sections.join('\n').slice(-12_000),
    retryable: true,
  });
}
