import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ServersIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { useNavigation } from '../../state/navigation';
import { useKitRestore } from '../backups/kit-restore-state';
import { AddServerForm } from './AddServerForm';
import { ServerCard } from './ServerCard';
import { useServers } from './servers-state';

/** Adding a server, or adding the (new) server that takes over from a lost one, from its backups. */
type View = { kind: 'list' } | { kind: 'add'; newServer: boolean; restore?: boolean };

/** The servers Mailharbor knows, their connections, and adding one. */
export function ServersPage() {
  const { t } = useTranslation();
  const list = useServers((state) => state.list);
  const servers = useServers((state) => state.servers);
  const load = useServers((state) => state.load);
  const run = useServers((state) => state.run);
  const [view, setView] = useState<View>({ kind: 'list' });
  const go = useNavigation((state) => state.go);
  const beginRebuild = useKitRestore((state) => state.begin);

  const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  const open = (next: View) => {
    setView(next);
    focusHeading();
  };

  if (view.kind === 'add') {
    return (
      <>
        <PageHeader
          title={t(view.restore ? 'addServer.restoreTitle' : 'addServer.pageTitle')}
          intro={t(view.restore ? 'addServer.restoreIntro' : 'addServer.intro')}
        />
        <AddServerForm
          startWithNewServer={view.newServer}
          onAdded={(server) => {
            if (!view.restore) return open({ kind: 'list' });
            // The rebuild goes on in the Backups page while Mailharbor connects (its prompts show on any page).
            beginRebuild(server.id);
            void run(server.id, 'connect', () => api.call('servers.connect', { id: server.id }));
            setView({ kind: 'list' });
            go('backups');
          }}
          onCancel={() => open({ kind: 'list' })}
        />
      </>
    );
  }

  const addButton = (
    <button type="button" className="button button--primary" onClick={() => open({ kind: 'add', newServer: false })}>
      {t('servers.add')}
    </button>
  );
  const restoreButton = (
    <button type="button" className="button" onClick={() => open({ kind: 'add', newServer: false, restore: true })}>
      {t('servers.restoreFromBackup')}
    </button>
  );

  return (
    <>
      <PageHeader
        title={t('servers.title')}
        intro={t('servers.intro')}
        aside={
          servers.length > 0 ? (
            <div className="page-header__actions">
              {restoreButton}
              {addButton}
            </div>
          ) : undefined
        }
      />
      {list.status === 'failed' && <ErrorNotice error={list.error} heading={t('servers.loadFailed')} onRetry={load} />}
      {list.status === 'loading' && servers.length === 0 && (
        <p className="muted" role="status">
          {t('servers.loading')}
        </p>
      )}
      {list.status === 'ready' && servers.length === 0 && (
        <EmptyState icon={<ServersIcon size={28} />} title={t('servers.emptyTitle')}>
          <p>{t('servers.emptyBody')}</p>
          <p className="muted">{t('servers.emptyNeeds')}</p>
          <div className="empty-state__actions">
            {addButton}
            <button type="button" className="button" onClick={() => open({ kind: 'add', newServer: true })}>
              {t('servers.noServerYet')}
            </button>
            {restoreButton}
          </div>
        </EmptyState>
      )}
      {servers.length > 0 && (
        <ul className="server-list" aria-label={t('servers.listLabel')}>
          {servers.map((server) => (
            <li key={server.id}>
              <ServerCard server={server} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
