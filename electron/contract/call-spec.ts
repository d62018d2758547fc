import { z } from 'zod';

/** One call of the renderer<->main contract: what the renderer sends, what main answers. */
export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/**
 * Chosen by the renderer for each stream it starts (a job's journal, a status watch, a log
 * follow); every event of that stream carries it, and streams.stop ends it.
 */
export const StreamIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,48}$/, 'expected a short id of letters, digits, - or _');

/** How every stream call answers when it ends: stopped by the window, or the window went away. */
export const StreamEndSchema = z.object({ ended: z.enum(['stopped', 'closed', 'finished']) });
