import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../../../common/backups/backups-contract';
import { api } from '../../api';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/** The server's backup status, read again on `reload` (after a job ends, a save, a discard). */
export function useBackupStatus(serverId: string): { state: Loaded<BackupStatus>; reload: () => void } {
  const [state, setState] = useState<Loaded<BackupStatus>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let active = true;
    api
      .call('backups.status', { serverId })
      .then((value) => active && setState({ status: 'ready', value }))
      .catch((error: unknown) => active && setState({ status: 'failed', error }));
    return () => {
      active = false;
    };
  }, [serverId, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { state, reload };
}
