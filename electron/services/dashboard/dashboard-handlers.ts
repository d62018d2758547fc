import type { Handlers } from '../../rpc/dispatch.js';
import { LogRelay } from './log-relay.js';
import { StreamRegistry } from '../streams/stream-registry.js';
import type { ServerManager } from '../servers/server-manager.js';

type DashboardCalls = Pick<
  Handlers,
  'stack.status' | 'stack.watch' | 'stack.unwatch' | 'logs.follow' | 'logs.stop' | 'stack.control'
>;

/**
 * The dashboard's calls: the agent's status, watch and log streams relayed to the window that
 * asked, and the stack.control job. Watches and follows run until that window stops them or goes.
 */
export function createDashboardHandlers(servers: ServerManager): DashboardCalls {
  const watches = new StreamRegistry();
  const follows = new StreamRegistry();
  return {
    'stack.status': async ({ serverId }) => (await servers.agentOf(serverId)).call('stack.status', {}),

    'stack.watch': async ({ serverId, watchId }, { events }) => {
      const agent = await servers.agentOf(serverId);
      const { ended } = await watches.run(watchId, events, (signal, closeOwner) =>
        // Awaited: status events are few, and a window that is behind may hold the agent's watch back.
        agent.watchStack((event) => events.emit('stack.changed', { serverId, watchId, event }).catch(closeOwner), {
          signal,
        }),
      );
      return { ended };
    },
    'stack.unwatch': async ({ watchId }, { events }) => ({ stopped: watches.stop(watchId, events) }),

    'logs.follow': async ({ serverId, followId, services, tail, timestamps }, { events }) => {
      const agent = await servers.agentOf(serverId);
      const { ended, value: relay } = await follows.run(followId, events, async (signal, closeOwner) => {
        const relay = new LogRelay(events, followId, closeOwner);
        await agent.followLogs({ services, tail, timestamps }, (entries) => relay.deliver(entries), { signal });
        relay.flush();
        return relay;
      });
      return { ended, ...relay.totals };
    },
    'logs.stop': async ({ followId }, { events }) => ({ stopped: follows.stop(followId, events) }),

    'stack.control': async ({ serverId, action, service }) =>
      (await servers.agentOf(serverId)).call('jobs.start', {
        kind: 'stack.control',
        params: service ? { action, service } : { action },
      }),
  };
}
