import type { JobEvent, MethodResult } from '../../../common/agent-contract.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { AgentRpcClient } from '../../agent/rpc-client.js';

/**
 * Streams a job's journal from `fromOffset` to `onEvent`, each event exactly once and in order,
 * and resolves when the job has finished (or `signal` ended the follow). The journal's offsets
 * count lines without gaps: an event before the one expected was seen already and is left out, one
 * after it means lines were lost, which ends the follow with jobs.journalCorrupt. After a dropped
 * connection, follow again from the offset after the last event handled.
 */
export async function followJob(
  agent: AgentRpcClient,
  jobId: string,
  fromOffset: number,
  onEvent: (event: JobEvent) => void | Promise<void>,
  options: { signal?: AbortSignal } = {},
): Promise<MethodResult<'jobs.follow'>> {
  let expected = fromOffset;
  let gap: AppError | undefined;
  const result = await agent.stream(
    'jobs.follow',
    { jobId, fromOffset },
    async ({ event }) => {
      if (event.offset < expected) return;
      if (event.offset > expected) {
        gap ??= new AppError('jobs.journalCorrupt', {
          params: { jobId, offset: expected },
          detail: `expected offset ${expected}, got ${event.offset}`,
          retryable: true,
        });
        return;
      }
      expected = event.offset + 1;
      await onEvent(event as JobEvent);
    },
    options,
  );
  if (gap) throw gap;
  return result;
}
