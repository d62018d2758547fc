import { z } from 'zod';
import {
  LogEntrySchema,
  MAX_TAIL_LINES,
  ServiceNameSchema,
  StackControlParamsSchema,
  StackStatusSchema,
  StackWatchEventSchema,
} from '../../common/dashboard/dashboard-contract.js';
import { ServerIdSchema } from './server-schemas.js';

/**
 * The dashboard's part of the renderer<->main contract, spread into contract.ts's `calls` and
 * `events`. The two streams (stack.watch, logs.follow) are calls that answer only when they end:
 * stack.unwatch / logs.stop end them, and so does the window going away.
 */

/** Chosen by the renderer; every event of one watch or follow carries it. */
const StreamIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,48}$/, 'expected a short id of letters, digits, - or _');

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

const StreamEndSchema = z.object({ ended: z.enum(['stopped', 'closed']) });

export const dashboardCalls = {
  /** Every service's state, health, restarts, uptime, image, CPU, memory and ports, with the summary. */
  'stack.status': call(z.object({ serverId: ServerIdSchema }).strict(), StackStatusSchema),
  /** Streams stack.changed (a snapshot, then changes) until stack.unwatch or the window goes. */
  'stack.watch': call(z.object({ serverId: ServerIdSchema, watchId: StreamIdSchema }).strict(), StreamEndSchema),
  'stack.unwatch': call(z.object({ watchId: StreamIdSchema }).strict(), z.object({ stopped: z.boolean() })),
  /** Streams logs.lines (the last `tail` lines of each service, then following) until logs.stop. */
  'logs.follow': call(
    z
      .object({
        serverId: ServerIdSchema,
        followId: StreamIdSchema,
        /** None: every service of the installed profile. */
        services: z.array(ServiceNameSchema).max(32),
        tail: z.number().int().min(0).max(MAX_TAIL_LINES),
        timestamps: z.boolean(),
      })
      .strict(),
    StreamEndSchema.extend({ lines: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() }),
  ),
  'logs.stop': call(z.object({ followId: StreamIdSchema }).strict(), z.object({ stopped: z.boolean() })),
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
    watchId: StreamIdSchema,
    event: StackWatchEventSchema.shape.event,
  }),
  /**
   * One batch of log entries. `skipped` counts lines main dropped before this batch because the
   * window could not keep up; the agent's own drops travel as 'skipped' entries within `lines`.
   */
  'logs.lines': z.object({
    followId: StreamIdSchema,
    lines: z.array(LogEntrySchema),
    skipped: z.number().int().nonnegative(),
  }),
} as const;
