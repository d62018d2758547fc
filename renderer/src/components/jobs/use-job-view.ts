import { useRef, useState } from 'react';
import type { JobStatus } from '../../../../common/agent-contract';
import { api } from '../../api';
import { useStream, type StreamState } from '../../api/use-stream';
import { errorDataOf } from '../../errors/error-data';
import { applyJobEvent, EMPTY_JOB_VIEW, type JobView } from './job-journal';

/** Errors after which the journal is still there on the server: follow it again from where the view stopped. */
const REATTACH_CODES: ReadonlySet<string> = new Set([
  'transport.disconnected',
  'agent.disconnected',
  'ssh.disconnected',
]);
const FINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export type JobFollowState = StreamState<{ status: JobStatus }>;

/**
 * One job's journal, folded into a view as it is written (jobs.follow from offset 0). When the
 * connection to main or to the agent drops, it follows again from the line after the last one it
 * has, so nothing is lost or shown twice; the job itself keeps running on the server meanwhile.
 */
export function useJobView(
  serverId: string,
  jobId: string,
): { view: JobView; follow: JobFollowState; refollow: () => void } {
  const [view, setView] = useState<JobView>(EMPTY_JOB_VIEW);
  const lastOffset = useRef(-1);
  const { state, restart } = useStream(`${serverId}/${jobId}`, {
    event: 'jobs.event',
    start: (streamId) => api.call('jobs.follow', { serverId, streamId, jobId, fromOffset: lastOffset.current + 1 }),
    onEvent: (payload) => {
      lastOffset.current = Math.max(lastOffset.current, payload.event.offset);
      setView((current) => applyJobEvent(current, payload.event));
    },
    again: (result) => !FINAL.has(result.status),
    retry: {
      delaysMs: [500, 1000, 2000, 4000, 8000],
      limit: 20,
      when: (error) => REATTACH_CODES.has(errorDataOf(error).code),
    },
  });
  return { view, follow: state, refollow: restart };
}
