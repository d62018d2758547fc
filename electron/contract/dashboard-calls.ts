import { z } from 'zod';
import {
  LogEntrySchema,
  MAX_TAIL_LINES,
  ServiceNameSchema,
  StackControlParamsSchema,
  StackWatchEventSchema,
} from '../../common/dashboard/dashboard-contract.js';
import { call, StreamEndSchema, StreamIdSchema } from './call-spec.js';
import { ServerIdSchema } from './server-schemas.js';

/**
 * The dashboard's part of the renderer<->main contract. The two streams (stack.watch, logs.follow)
 * are calls that answer only when they end: streams.stop ends them, and so does the window going
 * away. (stack.status passes through as it is: forwarded-calls.ts.)
 */

export const dashboardCalls = {
  /** Streams stack.changed (a snapshot, then changes) until streams.stop or the window goes. */
  'stack.watch': call(z.object({ serverId: ServerIdSchema, streamId: StreamIdSchema }).strict(), StreamEndSchema),
  /** Streams logs.lines (the last `tail` lines of each service, then following) until streams.stop. */
  'logs.follow': call(
    z
      .object({
        serverId: ServerIdSchema,
        streamId: StreamIdSchema,
        /** None: every service of the installed profile. */
        services: z.array(ServiceNameSchema).max(32),
        tail: z.number().int().min(0).max(MAX_TAIL_LINES),
        timestamps: z.boolean(),
      })
      .strict(),
    StreamEndSchema.extend({ lines: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() }),
  ),
  /** Starts the stack.control job (follow it with jobs.follow). */
  'stack.control': call(
    z.object({ serverId: ServerIdSchema }).extend(StackControlParamsSchema.shape).strict(),
    z.object({ jobId: z.string() }),
  ),
} as const;

export const dashboardEvents = {
  /** One stack.watchEvent of the agent, for one watch. */
  'stack.changed': z.object({
    serverId: ServerIdSchema,
    streamId: StreamIdSchema,
    event: StackWatchEventSchema.shape.event,
  }),
  /**
   * One batch of log entries. `skipped` counts lines main dropped before this batch because the
   * window could not keep up; the agent's own drops travel as 'skipped' entries within `lines`.
   */
  'logs.lines': z.object({
    streamId: StreamIdSchema,
    lines: z.array(LogEntrySchema),
    skipped: z.number().int().nonnegative(),
  }),
} as const;
