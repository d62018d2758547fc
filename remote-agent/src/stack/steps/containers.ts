import { existsSync, rmSync } from 'node:fs';
import { execOrThrow } from '../../system/exec.js';
import { compose, requireCompose } from '../compose.js';
import { inspectAll, stateOf, withEngine } from '../../docker/containers.js';
import type { InstallContext, InstallStep } from '../install-step.js';
import { CERTIFICATE_USERS, servicesFor } from '../../../../common/stack/services.js';

function expectedContainers(install: InstallContext): string[] {
  return servicesFor(install.options.profile).map((entry) => entry.container);
}

/**
 * `compose up -d`. Compose itself leaves a container alone when its configuration did not
 * change, and the step is skipped outright when every container of the profile already runs,
 * so a re-run of the install recreates nothing.
 */
export const containersStep: InstallStep = {
  id: 'containers',
  title: 'Start the mail server',
  async plan(install) {
    const containers = expectedContainers(install);
    const states = await withEngine((engine) => inspectAll(engine, containers));
    return containers.map((container, index) => ({
      kind: 'container' as const,
      target: container,
      action: stateOf(states[index]) === 'running' ? ('keep' as const) : ('start' as const),
    }));
  },
  async check(install, step) {
    if (existsSync(install.paths.envChangedMarker)) return false;
    const states = await withEngine((engine) => inspectAll(engine, expectedContainers(install), step.signal));
    return states.every((state) => stateOf(state) === 'running');
  },
  async run(install, step) {
    const command = await requireCompose(step.signal);
    step.progress(0, 'starting the containers');
    // Compose starts a service only once the ones it depends on are healthy: this can take minutes.
    await compose(command, install.paths.dir, ['up', '-d'], {
      timeoutMs: 15 * 60_000,
      signal: step.signal,
      onLine: (line) => step.log(line),
    });
    if (existsSync(install.paths.envChangedMarker)) {
      // .env is bind-mounted as a file: a container keeps the one it was created with until restarted.
      const states = await withEngine((engine) => inspectAll(engine, CERTIFICATE_USERS, step.signal));
      const readers = CERTIFICATE_USERS.filter((_, index) => states[index] !== undefined);
      if (readers.length) {
        step.log(`restarting ${readers.join(', ')} to read the changed .env`);
        await execOrThrow('docker', ['restart', ...readers], { timeoutMs: 5 * 60_000, signal: step.signal });
      }
      rmSync(install.paths.envChangedMarker, { force: true });
    }
    step.progress(100, 'containers started');
  },
};
