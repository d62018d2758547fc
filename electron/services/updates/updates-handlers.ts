import type { Handlers } from '../../rpc/dispatch.js';
import type { ServerManager } from '../servers/server-manager.js';

type UpdatesCalls = Pick<Handlers, 'updates.status' | 'updates.configure' | 'updates.start'>;

/** The agent does the work; main only says where the release feed is. */
export function createUpdatesHandlers(servers: ServerManager, feedUrl: string): UpdatesCalls {
  return {
    'updates.status': async ({ serverId }) => (await servers.agentOf(serverId)).call('updates.status', { feedUrl }),
    'updates.configure': async ({ serverId, schedule }) =>
      (await servers.agentOf(serverId)).call('updates.configure', { feedUrl, schedule }),
    'updates.start': async ({ serverId, version, withoutBackup, retryOf }) =>
      (await servers.agentOf(serverId)).call('jobs.start', {
        kind: 'updates.apply',
        params: { feedUrl, version, withoutBackup: withoutBackup ?? false, trigger: 'manual' },
        ...(retryOf ? { retryOf } : {}),
      }),
  };
}
