import type { Handlers } from '../../rpc/dispatch.js';
import type { ServerManager } from '../servers/server-manager.js';
import type { StreamRegistry } from '../streams/stream-registry.js';
import { followJob } from './follow-job.js';

/** Jobs the renderer starts by name, and a job's journal streamed to the window that follows it. */
export function createJobsHandlers(
  servers: ServerManager,
  streams: StreamRegistry,
): Pick<Handlers, 'jobs.start' | 'jobs.follow'> {
  return {
    'jobs.start': async ({ serverId, job }) => (await servers.agentOf(serverId)).call('jobs.start', job),
    'jobs.follow': async ({ serverId, streamId, jobId, fromOffset }, { events }) => {
      const agent = await servers.agentOf(serverId);
      // Each event waits for the window's acknowledgement window, which holds the agent's stream
      // back in turn: a slow screen slows the journal down instead of filling memory.
      const { ended, value } = await streams.run(streamId, events, (signal) =>
        followJob(
          agent,
          jobId,
          fromOffset,
          (event) =>
            events.emit('jobs.event', {
              streamId,
              serverId,
              jobId,
              event: event as Record<string, unknown> & { offset: number; type: string },
            }),
          { signal },
        ),
      );
      return {
        ended: value.ended === 'finished' ? 'finished' : ended,
        nextOffset: value.nextOffset,
        status: value.status,
      };
    },
  };
}
