import { useTranslation } from 'react-i18next';
import { featuredServer, useServers } from './servers-state';
import { useNavigation } from '../../state/navigation';
import { ConnectionStatus } from './ConnectionStatus';

/** The frame's reminder of which server Mailharbor is working with and whether it is connected. */
export function SidebarServerStatus() {
  const { t } = useTranslation();
  const server = useServers((state) => featuredServer(state.servers));
  const go = useNavigation((state) => state.go);
  if (!server) return null;
  return (
    <button
      type="button"
      className="sidebar-server"
      onClick={() => go('servers')}
      aria-label={t('servers.sidebarLabel', { name: server.name, status: t(`servers.status.${server.status}`) })}
      data-testid="sidebar-server"
    >
      <span className="sidebar-server__name">{server.name}</span>
      <ConnectionStatus status={server.status} />
    </button>
  );
}
