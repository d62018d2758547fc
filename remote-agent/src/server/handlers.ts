import { isCompatibleProtocol, PROTOCOL_VERSION } from '../../../common/agent-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import { createBackupsHandlers } from '../backups/backups-handlers.js';
import { createCertificatesHandlers } from '../certificates/certificates-handlers.js';
import { createDashboardHandlers } from '../dashboard/dashboard-handlers.js';
import { createJobsHandlers } from '../jobs/jobs-handlers.js';
import type { StatePaths } from '../jobs/state-dir.js';
import { createPreflightHandlers } from '../preflight/preflight-handlers.js';
import { createStackHandlers } from '../stack/stack-handlers.js';
import { createUpdatesHandlers } from '../updates/updates-handlers.js';
import { AGENT_VERSION } from './agent-version.js';
import type { Handlers } from './rpc-server.js';

/** What the agent answers to each method of the contract: the handshake here, the rest by feature. */
export function createHandlers(paths: StatePaths, agentScript: string): Handlers {
  return {
    'agent.hello': async ({ clientProtocol }) => {
      if (!isCompatibleProtocol(clientProtocol, PROTOCOL_VERSION)) {
        throw new AppError('agent.protocolMismatch', {
          params: { agentProtocol: PROTOCOL_VERSION, clientProtocol },
          detail: `this agent speaks protocol ${PROTOCOL_VERSION}, the app speaks ${clientProtocol}: redeploy the agent`,
        });
      }
      return {
        agentVersion: AGENT_VERSION,
        protocolVersion: PROTOCOL_VERSION,
        nodeVersion: process.version,
        arch: process.arch,
        platform: process.platform,
        pid: process.pid,
        uid: process.getuid?.() ?? -1,
        stateDir: paths.root,
      };
    },
    ...createJobsHandlers(paths, agentScript),
    ...createPreflightHandlers(),
    ...createStackHandlers(paths),
    ...createDashboardHandlers(paths),
    ...createBackupsHandlers(paths),
    ...createUpdatesHandlers(paths, agentScript),
    ...createCertificatesHandlers(paths),
  };
}
