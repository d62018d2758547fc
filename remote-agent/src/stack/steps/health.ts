import { allHealthy, withEngine } from '../../docker/containers.js';
import { waitHealthy } from '../../docker/wait-healthy.js';
import type { InstallContext, InstallStep } from '../install-step.js';
import { servicesFor } from '../../../../common/stack/services.js';

/** Upstream's setup waits 120 s; the services' start period alone is 90 s, so allow for a slow server. */
const HEALTH_DEADLINE_MS = 6 * 60_000;

const servicesOf = (install: InstallContext) => servicesFor(install.options.profile);

/**
 * Waits until every service of the profile is healthy, journaling each change of state as it
 * happens (the agent's one health wait, docker/wait-healthy.ts). A service that exits, crash-loops
 * or stays unhealthy fails the step, named with its last log lines, instead of waiting out the deadline.
 */
export const healthStep: InstallStep = {
  id: 'health',
  title: 'Wait until every service is healthy',
  async plan(install) {
    return [{ kind: 'container', target: `${servicesOf(install).length} services`, action: 'start' }];
  },
  async check(install, step) {
    return withEngine((engine) => allHealthy(engine, servicesOf(install), step.signal));
  },
  async run(install, step) {
    await withEngine((engine) => waitHealthy(engine, servicesOf(install), step, { deadlineMs: HEALTH_DEADLINE_MS }));
  },
};
