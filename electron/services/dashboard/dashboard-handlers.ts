import type { Handlers } from '../../rpc/dispatch.js';
import type { ServerManager } from '../servers/server-manager.js';
import type { StreamRegistry } from '../streams/stream-registry.js';
import { LogRelay } from './log-relay.js';

type DashboardCalls = Pick<Handlers, 'stack.watch' | 'logs.follow' | 'stack.control'>;

/**
 * The dashboard's calls: the agent's watch and log streams relayed to the window that asked, and
 * the stack.control job. Streams run until that window stops them or goes (stack.status is
 * forwarded as it is).
 */
export function createDashboardHandlers(servers: ServerManager, streams: StreamRegistry): DashboardCalls {
  return {
    'stack.watch': async ({ serverId, streamId }, { events }) => {
      const agent = await servers.agentOf(serverId);
      const { ended } = await streams.run(streamId, events, (signal, closeOwner) =>
        // Awaited: status events are few, and a window that is behind may hold the agent's watch back.
        agent.stream(
          'stack.watch',
          {},
          ({ event }) => events.emit('stack.changed', { serverId, streamId, event }).catch(closeOwner),
          { signal },
        ),
      );
      return { ended };
    },

    'logs.follow': async ({ serverId, streamId, services, tail, timestamps }, { events }) => {
      const agent = await servers.agentOf(serverId);
      const { ended, value: relay } = await streams.run(streamId, events, async (signal, closeOwner) => {
        const relay = new LogRelay(events, streamId, closeOwner);
        await agent.stream('logs.follow', { services, tail, timestamps }, ({ entries }) => relay.deliver(entries), {
          signal,
        });
        relay.flush();
        return relay;
      });
      return { ended, ...relay.totals };
    },

    'stack.control': async ({ serverId, action, service }) =>
      (await servers.agentOf(serverId)).call('jobs.start', {
        kind: 'stack.control',
        params: service ? { action, service } : { action },
      }),
  };
}
