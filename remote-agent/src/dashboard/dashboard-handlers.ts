import type { StatePaths } from '../jobs/state-dir.js';
import type { Handlers } from '../server/rpc-server.js';
import { diskUsage } from './disk-usage.js';
import { logsFollow } from './logs.js';
import { stackStatus } from './status.js';
import { stackWatch } from './stack-watch.js';

/** The dashboard: read only, beside any job. The two streams run until the client cancels. */
export function createDashboardHandlers(
  paths: StatePaths,
): Pick<Handlers, 'stack.status' | 'stack.watch' | 'logs.follow' | 'disk.usage'> {
  return {
    'stack.status': (params, { signal }) => stackStatus(params, { signal }),
    'stack.watch': (params, context) => stackWatch(params, context),
    'logs.follow': (params, context) => logsFollow(params, context),
    // The backups' staging is in the agent's state directory, so the disk figures need its paths.
    'disk.usage': (_params, { signal }) => diskUsage(paths, { signal }),
  };
}
