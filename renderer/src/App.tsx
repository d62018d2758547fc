import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { AppFrame } from './components/AppFrame';
import { Brand } from './components/Brand';
import { ErrorNotice } from './components/ErrorNotice';
import { useAppState } from './state/app-state';
import { subscribeToServerEvents, useServers } from './features/servers/servers-state';
import { useApplySettings } from './state/use-apply-settings';

/** Loads what the frame needs, keeps settings in sync with other windows, and shows the frame or why it cannot. */
export function App() {
  const { t } = useTranslation();
  const startup = useAppState((state) => state.startup);
  const load = useAppState((state) => state.load);
  const receive = useAppState((state) => state.receive);
  const loadServers = useServers((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => api.on('settings.changed', receive), [receive]);
  // Subscribed before the first list is read, so no change can fall between the two.
  useEffect(() => subscribeToServerEvents(), []);
  useEffect(() => {
    if (startup.status === 'ready') void loadServers();
  }, [startup.status, loadServers]);
  // Server changes sent while the connection to main was down were missed: read the list again.
  useEffect(() => api.onReconnect(() => void loadServers()), [loadServers]);
  useApplySettings();

  if (startup.status === 'ready') return <AppFrame />;
  return (
    <main className="startup" id="content">
      {startup.status === 'loading' ? (
        <p className="startup__loading" role="status">
          {t('app.loading')}
        </p>
      ) : (
        <div className="startup__error">
          <h1 className="visually-hidden">{t('app.name')}</h1>
          <Brand />
          <ErrorNotice error={startup.error} heading={t('loadFailed')} onRetry={load} />
        </div>
      )}
    </main>
  );
}
