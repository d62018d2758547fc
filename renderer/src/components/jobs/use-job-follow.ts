import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../common/agent-contract';
import { api } from '../../api';
import { errorDataOf } from '../../errors/error-data';
import { applyJobEvent, EMPTY_JOB_VIEW, type JobView } from './job-journal';

/** Errors after which the journal is still there on the server: follow it again from where the view stopped. */
const REATTACH_CODES: ReadonlySet<string> = new Set([
  'transport.disconnected',
  'agent.disconnected',
  'ssh.disconnected',
]);
const REATTACH_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
const REATTACH_LIMIT = 20;
const FINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export type FollowState =
  | { status: 'following' }
  | { status: 'reattaching' }
  | { status: 'ended'; jobStatus: JobStatus }
  | { status: 'failed'; error: unknown };

export interface JobFollow {
  view: JobView;
  follow: FollowState;
  /** Follows again after the following itself failed (the job may well still be running). */
  refollow: () => void;
}

/**
 * Follows one job's journal through jobs.follow, from offset 0. When the connection to main or to
 * the agent drops, it follows again from the line after the last one it has, so nothing is lost or
 * shown twice; the job itself keeps running on the server meanwhile.
 */
export function useJobFollow(serverId: string, jobId: string): JobFollow {
  const [view, setView] = useState<JobView>(EMPTY_JOB_VIEW);
  const [follow, setFollow] = useState<FollowState>({ status: 'following' });
  const [round, setRound] = useState(0);
  const lastOffset = useRef(-1);

  useEffect(() => {
    let active = true;
    const off = api.on('jobs.event', (payload) => {
      if (payload.serverId !== serverId || payload.jobId !== jobId) return;
      lastOffset.current = Math.max(lastOffset.current, payload.event.offset);
      setView((current) => applyJobEvent(current, payload.event));
    });

    const run = async () => {
      let drops = 0;
      while (active) {
        try {
          const result = await api.call('jobs.follow', { serverId, jobId, fromOffset: lastOffset.current + 1 });
          if (!active) return;
          if (FINAL.has(result.status)) {
            setFollow({ status: 'ended', jobStatus: result.status });
            return;
          }
          setFollow({ status: 'following' });
        } catch (error) {
          if (!active) return;
          if (!isReattachable(error) || drops >= REATTACH_LIMIT) {
            setFollow({ status: 'failed', error });
            return;
          }
          setFollow({ status: 'reattaching' });
          await sleep(REATTACH_DELAYS_MS[Math.min(drops, REATTACH_DELAYS_MS.length - 1)]!);
          drops++;
          if (active) setFollow({ status: 'following' });
        }
      }
    };
    void run();
    return () => {
      active = false;
      off();
    };
  }, [serverId, jobId, round]);

  const refollow = useCallback(() => {
    setFollow({ status: 'following' });
    setRound((value) => value + 1);
  }, []);

  return { view, follow, refollow };
}

function isReattachable(error: unknown): boolean {
  return REATTACH_CODES.has(errorDataOf(error).code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
