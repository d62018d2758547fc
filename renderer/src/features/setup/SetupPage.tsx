import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerSummary } from '../../../../electron/contract/server-schemas';
import { SetupIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { InstallStage } from './InstallStage';
import { OptionsStage } from './OptionsStage';
import { PlanStage } from './PlanStage';
import { PreflightStage } from './PreflightStage';
import { SetupOverview } from './SetupOverview';
import type { SetupPosition } from './setup-overview';
import { SuccessStage } from './SuccessStage';
import { useDns } from '../dns/dns-state';
import { useNavigation } from '../../state/navigation';
import { useServers } from '../servers/servers-state';
import { NoServer, NotConnected, ServerPicker } from '../servers/ServerGate';
import { useSetup, type SetupStage } from './setup-state';

/** The guided setup of a mail server on one connected server: checks, choices, plan, install, first login. */
export function SetupPage() {
  const { t } = useTranslation();
  const servers = useServers((state) => state.servers);
  const listStatus = useServers((state) => state.list.status);
  const serverId = useSetup((state) => state.serverId);
  const stage = useSetup((state) => state.stage);
  const open = useSetup((state) => state.open);
  const reset = useSetup((state) => state.reset);
  const go = useNavigation((state) => state.go);
  const openDns = useDns((state) => state.open);

  const server = servers.find((candidate) => candidate.id === serverId);
  const firstConnected = servers.find((candidate) => candidate.status === 'connected')?.id;

  // The wizard follows the servers: a removed one ends it; without one, the first connected server gets it.
  useEffect(() => {
    if (listStatus !== 'ready') return;
    if (serverId && !servers.some((candidate) => candidate.id === serverId)) reset();
    else if (!serverId && firstConnected) void open(firstConnected);
  }, [listStatus, servers, serverId, firstConnected, open, reset]);

  const position: SetupPosition = server
    ? { kind: 'wizard', stage }
    : servers.length === 0
      ? { kind: 'noServers' }
      : { kind: 'notConnected' };

  return (
    <>
      <PageHeader title={t('setup.title')} intro={t('setup.intro')} />
      {!server && listStatus === 'ready' && (
        <NoServer
          icon={<SetupIcon size={28} />}
          title={servers.length === 0 ? t('setup.noServer.noServersTitle') : t('setup.noServer.notConnectedTitle')}
        >
          <p>{servers.length === 0 ? t('setup.noServer.noServersBody') : t('setup.noServer.notConnectedBody')}</p>
        </NoServer>
      )}
      <SetupOverview
        position={position}
        compact={server !== undefined}
        onOpenDns={
          server?.status === 'connected'
            ? () => {
                void openDns(server.id);
                go('dns');
              }
            : undefined
        }
      />
      {server && (
        <div className="wizard">
          <SetupServerPicker server={server} servers={servers} onPick={(id) => void open(id)} />
          <StagePanel server={server} stage={stage} />
        </div>
      )}
    </>
  );
}

/** Which server the wizard works on, and a choice of another connected one when there are several. */
function SetupServerPicker({
  server,
  servers,
  onPick,
}: {
  server: ServerSummary;
  servers: readonly ServerSummary[];
  onPick: (id: string) => void;
}) {
  const { t } = useTranslation();
  const choices = servers.filter((candidate) => candidate.status === 'connected' || candidate.id === server.id);
  const address = `${server.username}@${server.host}${server.port === 22 ? '' : `:${server.port}`}`;
  return (
    <ServerPicker
      className="wizard__server"
      label={t('setup.server.label')}
      testId="setup-server"
      server={server}
      choices={choices}
      onPick={onPick}
      detail={<span className="server__address">{address}</span>}
    />
  );
}

/** The current stage, while the server can be reached; an install is followed (and re-attached) even while it reconnects. */
function StagePanel({ server, stage }: { server: ServerSummary; stage: SetupStage }) {
  const { t } = useTranslation();
  const reachable = server.status === 'connected' || (server.status === 'reconnecting' && stage === 'install');

  if (!reachable) return <NotConnected text={t('setup.server.notConnected', { name: server.name })} />;

  const panels: Record<SetupStage, ReactNode> = {
    start: (
      <p className="hint" role="status">
        {t('setup.resuming', { name: server.name })}
      </p>
    ),
    preflight: <PreflightStage serverName={server.name} />,
    options: <OptionsStage serverName={server.name} />,
    plan: <PlanStage serverName={server.name} />,
    install: <InstallStage serverId={server.id} serverName={server.name} />,
    success: <SuccessStage />,
  };
  return panels[stage];
}
