import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerSummary } from '../../../../electron/contract/server-schemas';
import { BackupSummary } from './BackupSummary';
import { DiskCard } from './DiskCard';
import { UpdatesCard } from '../updates/UpdatesCard';
import { CertificatesCard } from '../certificates/CertificatesCard';
import { ControlPanels, useServiceControl } from './ServiceControl';
import { LogsPane } from './LogsPane';
import { ServicesTable } from './ServicesTable';
import { SummaryLine } from './SummaryLine';
import { Troubleshooting } from './Troubleshooting';
import { api } from '../../api';
import { useStream } from '../../api/use-stream';
import { applyWatchEvent, type LiveStatus } from './dashboard-view';
import { useTicker } from './use-ticker';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DashboardIcon, InfoIcon, SetupIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { errorDataOf } from '../../errors/error-data';
import { useNavigation } from '../../state/navigation';
import { NoServer, ServerPicker, useCurrentServer } from '../servers/ServerGate';
import { useSetup } from '../setup/setup-state';
import './dashboard.css';

/** The shell pane (and xterm with it) loads when its tab is first opened. */
const ShellPane = lazy(async () => ({ default: (await import('../shell/ShellPane')).ShellPane }));

type Tab = 'status' | 'logs' | 'shell';

/** The connected server's mail services: live status and control, logs, and a shell. */
export function DashboardPage() {
  const { t } = useTranslation();
  const setupServerId = useSetup((state) => state.serverId);
  const [pickedId, setPickedId] = useState<string>();
  const { server, connected } = useCurrentServer([pickedId, setupServerId], { connectedOnly: true });

  return (
    <>
      <PageHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      {!server ? (
        <NoServer icon={<DashboardIcon size={28} />} title={t('dashboard.emptyTitle')}>
          <p>{t('dashboard.emptyBody')}</p>
        </NoServer>
      ) : (
        <>
          {connected.length > 1 && (
            <ServerPicker
              className="dashboard-server"
              label={t('dashboard.serverLabel')}
              server={server}
              choices={connected}
              onPick={setPickedId}
            />
          )}
          <ServerDashboard key={server.id} server={server} />
        </>
      )}
    </>
  );
}

function ServerDashboard({ server }: { server: ServerSummary }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('status');
  // Logs and shell stay mounted once opened, so switching tabs keeps what they show.
  const [opened, setOpened] = useState<ReadonlySet<Tab>>(new Set(['status']));
  const tabs: Tab[] = ['status', 'logs', 'shell'];
  const open = (next: Tab) => {
    setTab(next);
    setOpened((current) => new Set([...current, next]));
  };
  return (
    <div className="dashboard">
      <div className="dashboard-tabs" role="tablist" aria-label={t('dashboard.tabs.label')}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`dashboard-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`dashboard-panel-${name}`}
            className={`dashboard-tabs__tab${tab === name ? ' dashboard-tabs__tab--active' : ''}`}
            onClick={() => open(name)}
          >
            {t(`dashboard.tabs.${name}`)}
          </button>
        ))}
      </div>
      {tabs.map((name) =>
        opened.has(name) ? (
          <div
            key={name}
            role="tabpanel"
            id={`dashboard-panel-${name}`}
            aria-labelledby={`dashboard-tab-${name}`}
            hidden={tab !== name}
            className="dashboard-panel"
          >
            {name === 'status' && <StatusPanel server={server} />}
            {name === 'logs' && <LogsPane serverId={server.id} />}
            {name === 'shell' && (
              <Suspense fallback={<p className="hint">…</p>}>
                <ShellPane serverId={server.id} />
              </Suspense>
            )}
          </div>
        ) : null,
      )}
    </div>
  );
}

function StatusPanel({ server }: { server: ServerSummary }) {
  const { t, i18n } = useTranslation();
  const [live, setLive] = useState<LiveStatus>();
  // The status, live: a snapshot, then each change folded in. A watch that fails (the connection
  // dropped) is started again a few times, then the error is shown with the last status kept.
  const watch = useStream(server.id, {
    event: 'stack.changed',
    start: (streamId) => api.call('stack.watch', { serverId: server.id, streamId }),
    onEvent: ({ event }) => setLive((current) => applyWatchEvent(current, event, Date.now()) ?? current),
    retry: { delaysMs: [1000, 2000, 4000, 8000, 15000] },
  });
  const failure = watch.state.status === 'failed' ? watch.state : undefined;
  const now = useTicker(1000);
  const control = useServiceControl(server.id);

  if (!live && !failure) {
    return (
      <p className="hint" role="status">
        {t('dashboard.loading')}
      </p>
    );
  }
  if (failure && !live) {
    if (errorDataOf(failure.error).code === 'stack.notInstalled') {
      return <NotInstalled name={server.name} />;
    }
    return <ErrorNotice error={failure.error} heading={t('dashboard.loadFailed')} onRetry={watch.restart} />;
  }
  if (!live) return null;
  const { status } = live;
  if (!status.installed) {
    return <NotInstalled name={server.name} />;
  }
  const busy = control.running !== undefined;
  const anyRunning = status.services.some((service) => service.state === 'running');
  return (
    <div className="dashboard-status">
      <div className="dashboard-status__head">
        <SummaryLine summary={status.summary} />
        <span className="hint">
          {t('dashboard.updatedAt', { time: new Date(status.at).toLocaleTimeString(i18n.language) })}
        </span>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          data-testid="dashboard-restart-stack"
          onClick={() => control.ask({ action: anyRunning ? 'restart' : 'start' })}
        >
          {anyRunning ? t('dashboard.actions.restartStack') : t('dashboard.actions.startStack')}
        </button>
      </div>
      {(live.engineLost || failure) && (
        <p className="notice notice--boxed" role="alert">
          <InfoIcon />
          <span>{t('dashboard.engineLost')}</span>
        </p>
      )}
      <BackupSummary serverId={server.id} />
      <UpdatesCard serverId={server.id} />
      <CertificatesCard serverId={server.id} />
      <DiskCard serverId={server.id} />
      <ControlPanels serverId={server.id} control={control} />
      <ServicesTable live={live} now={now} busy={busy} onAction={control.ask} />
      <Troubleshooting serverId={server.id} status={status} />
    </div>
  );
}

/** The server is connected but has no mail server yet: the way to the setup. */
function NotInstalled({ name }: { name: string }) {
  const { t } = useTranslation();
  const go = useNavigation((state) => state.go);
  return (
    <EmptyState icon={<SetupIcon size={28} />} title={t('dashboard.notInstalled', { name })}>
      <div className="empty-state__actions">
        <button type="button" className="button button--primary" onClick={() => go('setup')}>
          {t('dashboard.goToSetup')}
        </button>
      </div>
    </EmptyState>
  );
}
