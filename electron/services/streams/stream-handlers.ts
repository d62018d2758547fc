import type { Handlers } from '../../rpc/dispatch.js';
import type { StreamRegistry } from './stream-registry.js';

/** One way to stop any stream a window started. */
export function createStreamHandlers(streams: StreamRegistry): Pick<Handlers, 'streams.stop'> {
  return {
    'streams.stop': async ({ streamId }, { events }) => ({ stopped: streams.stop(streamId, events) }),
  };
}
