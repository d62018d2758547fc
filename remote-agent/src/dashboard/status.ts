import type { z } from 'zod';
import type { StackStatus, StackStatusParamsSchema } from '../../../common/dashboard/dashboard-contract.js';
import { openSession, snapshot } from './status-session.js';

/** stack.status: one snapshot of every service, with CPU and memory unless asked not to. */
export async function stackStatus(
  params: z.output<typeof StackStatusParamsSchema>,
  context: { signal: AbortSignal },
): Promise<StackStatus> {
  const session = await openSession(context.signal);
  try {
    let services = await session.reader.read(context.signal);
    if (params.stats !== false) {
      await session.reader.refreshStats(services, false, context.signal);
      services = session.reader.withResources(services);
    }
    return snapshot(session, services);
  } finally {
    session.engine.close();
  }
}
