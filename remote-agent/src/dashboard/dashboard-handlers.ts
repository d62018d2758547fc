import type { Handlers } from '../server/rpc-server.js';
import { logsFollow } from './logs.js';
import { stackStatus } from './status.js';
import { stackWatch } from './stack-watch.js';

/** The dashboard: read only, beside any job. The two streams run until the client cancels. */
export function createDashboardHandlers(): Pick<Handlers, 'stack.status' | 'stack.watch' | 'logs.follow'> {
  return {
    'stack.status': (params, { signal }) => stackStatus(params, { signal }),
    'stack.watch': (params, context) => stackWatch(params, context),
    'logs.follow': (params, context) => logsFollow(params, context),
  };
}
