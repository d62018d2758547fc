import { useCallback, useEffect, useState } from 'react';
import type { UpdatesStatus } from '../../../../common/updates/updates-contract';
import { api } from '../../api';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/**
 * The server's update status, read again on `reload`, and the update job that runs now (found in
 * the server's job list, so a window opened during an update, or after a dropped connection,
 * follows it from its first line).
 */
export function useUpdates(serverId: string) {
  const [state, setState] = useState<Loaded<UpdatesStatus>>({ status: 'loading' });
  const [running, setRunning] = useState<string>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let active = true;
    api
      .call('updates.status', { serverId })
      .then((value) => active && setState({ status: 'ready', value }))
      .catch((error: unknown) => active && setState({ status: 'failed', error }));
    api
      .call('jobs.list', { serverId, limit: 50 })
      .then(({ jobs }) => {
        const job = jobs.find(
          (entry) => entry.kind === 'updates.apply' && ['starting', 'running'].includes(entry.status),
        );
        if (active && job) setRunning(job.jobId);
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [serverId, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { state, reload, running, setRunning };
}
