import type { Handlers } from '../server/rpc-server.js';
import { runPreflight } from './run-preflight.js';

/** Read only, so it runs beside any job and takes no lock. */
export function createPreflightHandlers(): Pick<Handlers, 'preflight.run'> {
  return { 'preflight.run': (params, { signal }) => runPreflight(params, signal) };
}
