import { readInstall } from '../stack/detect.js';
import { STACK_SERVICES, servicesFor, type StackService } from '../../../common/stack/services.js';
import type { StackProfile } from '../../../common/stack/stack-contract.js';
import { stackPaths, type StackPaths } from '../stack/stack-paths.js';
import type { ServiceName, ServicePort } from '../../../common/dashboard/dashboard-contract.js';
import { servicePorts } from './service-ports.js';

/** Which services the dashboard shows and which of them should run. */
export interface StackScope {
  installed: boolean;
  profile?: StackProfile;
  /** All fifteen, in compose's order. */
  services: StackService[];
  expected: Set<ServiceName>;
  /** Where each service listens, with the ports the install's .env moved. */
  ports: Record<ServiceName, ServicePort[]>;
}

/**
 * The installed profile decides what should run (forwarding-only leaves out the storage six).
 * Without an install (no .env) every service counts as expected: whatever runs is shown, and what
 * does not is reported missing rather than hidden.
 */
export async function stackScope(paths: StackPaths = stackPaths()): Promise<StackScope> {
  const install = await readInstall(paths).catch(() => undefined);
  const expected = install ? servicesFor(install.profile) : [...STACK_SERVICES];
  const scope: StackScope = {
    installed: install !== undefined,
    services: [...STACK_SERVICES],
    expected: new Set(expected.map((entry) => entry.service)),
    ports: servicePorts((key) => install?.file.get(key)),
  };
  if (install) scope.profile = install.profile;
  return scope;
}

/** The stack's entry for a container name (sni-router -> nginx), if it is one of ours. */
export function serviceOfContainer(container: string | undefined): StackService | undefined {
  return STACK_SERVICES.find((entry) => entry.container === container);
}

export function entryOf(service: ServiceName): StackService {
  const entry = STACK_SERVICES.find((candidate) => candidate.service === service);
  if (!entry) throw new Error(`unknown service ${service}`);
  return entry;
}
