import { useEffect, useState } from 'react';
import type { UpdateRun } from '../../../../common/updates/updates-contract';
import { api } from '../../api';
import { LastUpdateRun } from './LastUpdateRun';

/**
 * The last update of a connected server (a nightly one above all: done, rolled back or failed) on
 * its card in the server list, so a night's rollback is seen without opening the dashboard. Reads
 * the server's own record; says nothing when there is none or it cannot be read (the dashboard
 * explains errors).
 */
export function ServerUpdateLine({ serverId }: { serverId: string }) {
  const [run, setRun] = useState<UpdateRun>();
  useEffect(() => {
    let active = true;
    api
      .call('updates.status', { serverId })
      .then((status) => active && setRun(status.lastRun))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [serverId]);
  if (!run) return null;
  return (
    <div className="server__update" data-testid="server-last-update">
      <LastUpdateRun run={run} announce={false} />
    </div>
  );
}
