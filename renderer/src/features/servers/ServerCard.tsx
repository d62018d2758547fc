import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerSummary } from '../../../../electron/contract/server-schemas';
import { api } from '../../api';
import { errorCodeOf } from '../../errors/error-data';
import { useServers } from './servers-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/jobs/JobProgress';
import { ServerUpdateLine } from '../updates/ServerUpdateLine';
import { ConnectionStatus } from './ConnectionStatus';
import { RemoveServerDialog } from './RemoveServerDialog';
import { SudoPasswordForm } from './SudoPasswordForm';

/** The connection test: a real job on the server's agent that changes nothing. */
const CONNECTION_TEST = { kind: 'diagnostics.steps', params: { steps: 5, stepMs: 300 } } as const;
const SUDO_CODES: ReadonlySet<string> = new Set(['sudo.passwordRequired', 'sudo.wrongPassword']);
/** Connecting again cannot help with these, and must not look like a way around them. */
const REFUSED_IDENTITY_CODES: ReadonlySet<string> = new Set(['ssh.hostKeyChanged', 'ssh.hostKeyRevoked']);

/** One server: where it is, whether Mailharbor is connected to it, and what can be done with it now. */
export function ServerCard({ server }: { server: ServerSummary }) {
  const { t } = useTranslation();
  const action = useServers((state) => state.actions[server.id]);
  const run = useServers((state) => state.run);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [testJob, setTestJob] = useState<string | undefined>(undefined);
  const headingId = `server-${server.id}`;
  const busy = action?.status === 'running';
  const lastErrorCode = server.lastError ? errorCodeOf(server.lastError) : undefined;
  const identityRefused =
    server.status === 'failed' && lastErrorCode !== undefined && REFUSED_IDENTITY_CODES.has(lastErrorCode);
  const needsSudoPassword = server.status === 'failed' && lastErrorCode !== undefined && SUDO_CODES.has(lastErrorCode);
  const address = `${server.username}@${server.host}${server.port === 22 ? '' : `:${server.port}`}`;

  const connect = () => run(server.id, 'connect', () => api.call('servers.connect', { id: server.id }));
  const disconnect = () => {
    // Following a job would connect again to reach the agent; the person asked for the opposite.
    setTestJob(undefined);
    return run(server.id, 'disconnect', () => api.call('servers.disconnect', { id: server.id }));
  };
  const remove = () => {
    setConfirmRemove(false);
    void run(server.id, 'remove', () => api.call('servers.remove', { id: server.id }));
  };
  const saveSudoPassword = (password: string) =>
    void run(server.id, 'sudoPassword', async () => {
      await api.call('servers.setSudoPassword', { id: server.id, password });
      return api.call('servers.connect', { id: server.id });
    });
  const startTest = async (retryOf?: string) => {
    const started = await run(server.id, 'test', () =>
      api.call('jobs.start', { serverId: server.id, job: { ...CONNECTION_TEST, ...(retryOf ? { retryOf } : {}) } }),
    );
    if (started) setTestJob(started.jobId);
  };

  // A failed connection is reported by the server's own state (lastError); other failed actions by the action.
  const actionError =
    action?.status === 'failed' &&
    !((action.kind === 'connect' || action.kind === 'sudoPassword') && server.status === 'failed')
      ? action
      : undefined;

  return (
    <article className="server card" aria-labelledby={headingId} data-server-id={server.id} data-status={server.status}>
      <header className="server__header">
        <div className="server__identity">
          <h2 id={headingId} className="server__name">
            {server.name}
          </h2>
          <p className="server__address">{address}</p>
        </div>
        <ConnectionStatus status={server.status} announce />
      </header>

      {server.status === 'connected' && server.agent && (
        <dl className="server__facts">
          <div>
            <dt>{t('servers.agentVersion')}</dt>
            <dd data-testid="agent-version">{server.agent.version}</dd>
          </div>
          <div>
            <dt>{t('servers.processor')}</dt>
            <dd>{server.agent.arch}</dd>
          </div>
          {server.rootAccess && (
            <div>
              <dt>{t('servers.rootAccessLabel')}</dt>
              <dd>{t(`servers.rootAccess.${server.rootAccess}`)}</dd>
            </div>
          )}
        </dl>
      )}
      {server.status === 'connected' && server.agent && <ServerUpdateLine serverId={server.id} />}

      {server.status === 'connecting' && <p className="server__progress hint">{t('servers.connectingHint')}</p>}
      {server.status === 'reconnecting' && <p className="server__progress hint">{t('servers.reconnectingHint')}</p>}

      {server.status === 'failed' && server.lastError && (
        <div className="server__problem">
          {/* No retry here: the Connect button below is the way to try again (and is not offered when it cannot help). */}
          <ErrorNotice
            error={server.lastError}
            heading={identityRefused ? t('servers.identityRefused') : t('servers.connectFailed')}
          >
            {lastErrorCode === 'ssh.hostKeyChanged' && (
              <p className="error-notice__extra">
                <strong>{t('servers.hostKeyChanged.heading')}</strong> {t('servers.hostKeyChanged.body')}
              </p>
            )}
          </ErrorNotice>
          {needsSudoPassword && <SudoPasswordForm onSubmit={saveSudoPassword} busy={busy} />}
        </div>
      )}

      {actionError && (
        <ErrorNotice
          error={actionError.error}
          heading={t(`servers.actionFailed.${actionError.kind}`)}
          onRetry={actionError.kind === 'test' ? () => startTest() : undefined}
        />
      )}

      {testJob && (
        <JobProgress
          key={testJob}
          serverId={server.id}
          jobId={testJob}
          title={t('servers.connectionTest')}
          onRetry={() => startTest(testJob)}
          onClose={() => setTestJob(undefined)}
        />
      )}

      <div className="server__actions">
        {(server.status === 'disconnected' || server.status === 'failed') && !identityRefused && !needsSudoPassword && (
          <button type="button" className="button button--primary" onClick={() => void connect()} disabled={busy}>
            {t('servers.connect')}
          </button>
        )}
        {server.status === 'connected' && !testJob && (
          <button type="button" className="button button--primary" onClick={() => void startTest()} disabled={busy}>
            {action?.kind === 'test' && busy ? t('servers.testStarting') : t('servers.runTest')}
          </button>
        )}
        {(server.status === 'connected' || server.status === 'reconnecting') && (
          <button
            type="button"
            className="button"
            onClick={() => void disconnect()}
            disabled={action?.kind === 'disconnect' && busy}
          >
            {t('servers.disconnect')}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet server__remove"
          onClick={() => setConfirmRemove(true)}
          disabled={action?.kind === 'remove' && busy}
        >
          {t('servers.remove')}
        </button>
      </div>

      {confirmRemove && (
        <RemoveServerDialog name={server.name} onConfirm={remove} onCancel={() => setConfirmRemove(false)} />
      )}
    </article>
  );
}
