import { z } from 'zod';
import { call, StreamIdSchema } from './call-spec.js';

/** Every stream the renderer starts (jobs.follow, stack.watch, logs.follow) is stopped the same way. */
export const streamCalls = {
  /** Ends the window's stream `streamId`; false when it had none of that id (it ended already). */
  'streams.stop': call(z.object({ streamId: StreamIdSchema }).strict(), z.object({ stopped: z.boolean() })),
} as const;
