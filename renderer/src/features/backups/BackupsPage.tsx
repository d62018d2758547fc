import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StackDetection } from '../../../../common/stack/stack-contract';
import type { ServerSummary } from '../../../../electron/contract/server-schemas';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { BackupsIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { NoServer, NotConnected, ServerPicker, useCurrentServer } from '../servers/ServerGate';
import { useSetup } from '../setup/setup-state';
import { BackupStatusCard } from './BackupStatusCard';
import { DestinationForm } from './DestinationForm';
import { KitRestorePanel } from './KitRestorePanel';
import { rebuildUnderway, useKitRestore } from './kit-restore-state';
import { RecoveryKitPanel } from './RecoveryKitPanel';
import { RestorePoints } from './RestorePoints';
import { RollbackCard } from './RollbackCard';
import { useBackupStatus } from './use-backup-status';
import './backups.css';

/** A server's backups: their state, where they go, the restore points, the recovery kit and the way back. */
export function BackupsPage() {
  const { t } = useTranslation();
  const setupServerId = useSetup((state) => state.serverId);
  const rebuilding = useKitRestore((state) => state.rebuilding);
  const [pickedId, setPickedId] = useState<string>();
  const { server, connected, ready } = useCurrentServer([pickedId, rebuilding, setupServerId]);
  return (
    <>
      <PageHeader title={t('backups.title')} intro={t('backups.intro')} />
      {!server && ready && (
        <NoServer icon={<BackupsIcon size={28} />} title={t('backups.noServer.title')}>
          <p>{t('backups.noServer.body')}</p>
        </NoServer>
      )}
      {server && (
        <div className="backups-page">
          <ServerPicker
            className="backups-page__server"
            label={t('backups.serverLabel')}
            server={server}
            choices={connected}
            onPick={setPickedId}
          />
          {server.status === 'connected' ? (
            <ServerBackups key={server.id} server={server} />
          ) : server.status === 'connecting' || server.status === 'reconnecting' ? (
            <p className="notice notice--boxed" role="status">
              {t('backups.connecting', { name: server.name })}
            </p>
          ) : (
            <NotConnected text={t('backups.notConnected', { name: server.name })} />
          )}
        </div>
      )}
    </>
  );
}

function ServerBackups({ server }: { server: ServerSummary }) {
  const { t } = useTranslation();
  const { state, reload } = useBackupStatus(server.id);
  const rebuild = useKitRestore((kits) => kits.byServer[server.id]);
  const rebuildingHere = useKitRestore((kits) => kits.rebuilding) === server.id;
  const [detection, setDetection] = useState<StackDetection>();
  useEffect(() => {
    void api
      .call('stack.detect', { serverId: server.id })
      .then(setDetection)
      .catch(() => undefined);
  }, [server.id, state]);
  if (state.status === 'loading') return <p role="status">{t('backups.loading')}</p>;
  if (state.status === 'failed')
    return <ErrorNotice error={state.error} heading={t('backups.loadFailed')} onRetry={reload} />;
  const status = state.value;
  const installed = detection !== undefined && detection.installedBy !== 'none';
  const kitPanel = <KitRestorePanel serverId={server.id} installed={installed} onChanged={reload} />;
  // A server added to take over from a lost one starts with its rebuild; others offer it last.
  const rebuildFirst = rebuildingHere || rebuildUnderway(rebuild);
  return (
    <>
      {rebuildFirst && kitPanel}
      <BackupStatusCard serverId={server.id} status={status} onChanged={reload} />
      {status.rollback && <RollbackCard serverId={server.id} rollback={status.rollback} onChanged={reload} />}
      {status.configured && <RestorePoints serverId={server.id} onChanged={reload} />}
      <DestinationForm
        // Settings saved elsewhere (a recovery kit put them back) fill the form afresh.
        key={JSON.stringify([status.destination, status.retention, status.schedule])}
        serverId={server.id}
        domain={detection?.domain}
        status={status}
        onChanged={reload}
      />
      <RecoveryKitPanel serverId={server.id} configured={status.configured} />
      {!rebuildFirst && (!installed || !status.configured) && kitPanel}
    </>
  );
}
