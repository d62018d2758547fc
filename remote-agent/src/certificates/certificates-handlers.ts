import type { StatePaths } from '../jobs/state-dir.js';
import type { Handlers } from '../server/rpc-server.js';
import { stackPaths } from '../stack/stack-paths.js';
import { certificatesStatus } from './certificates-status.js';

/** The certificates panel: read only, beside any job. */
export function createCertificatesHandlers(paths: StatePaths): Pick<Handlers, 'certificates.status'> {
  return {
    'certificates.status': () => certificatesStatus(stackPaths(), paths),
  };
}
