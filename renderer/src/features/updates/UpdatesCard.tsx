import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferedRelease, UpdatesStatus } from '../../../../common/updates/updates-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { InfoIcon } from '../../components/icons';
import { JobProgress } from '../../components/jobs/JobProgress';
import { AutoUpdateSettings } from './AutoUpdateSettings';
import { LastUpdateRun } from './LastUpdateRun';
import { newerReleases, refusedForBackup } from './update-view';
import { useUpdates } from './use-updates';
import './updates.css';

/**
 * The dashboard's card for the mail server's version: what runs, how the last update went, the
 * newer versions with their notes, and "Update" behind a confirmation that says what will happen.
 * The update runs on the server as a job; this card follows it, also after a reload.
 */
export function UpdatesCard({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  const { state, reload, running, setRunning } = useUpdates(serverId);
  const [confirming, setConfirming] = useState<OfferedRelease>();
  const [job, setJob] = useState<{ id: string; version: string }>();
  const [startError, setStartError] = useState<unknown>();

  const start = async (version: string, withoutBackup = false) => {
    setStartError(undefined);
    try {
      const { jobId } = await api.call('updates.start', {
        serverId,
        version,
        ...(withoutBackup ? { withoutBackup } : {}),
      });
      setConfirming(undefined);
      setJob({ id: jobId, version });
    } catch (error) {
      setStartError(error);
    }
  };

  if (state.status === 'loading') return null;
  if (state.status === 'failed')
    return <ErrorNotice error={state.error} heading={t('updates.feedFailed')} onRetry={reload} />;
  const status = state.value;
  if (!status.installed || !status.running) return null;
  const following = job ?? (running ? { id: running, version: '' } : undefined);

  return (
    <section className="card updates" aria-labelledby="updates-title" data-testid="updates-card">
      <div className="updates__head">
        <h2 id="updates-title" className="form__title">
          {t('updates.title')}
        </h2>
        <span data-testid="updates-running">{t('updates.running', { version: status.running.version })}</span>
      </div>
      {!status.running.pinned && <p className="hint">{t('updates.notPinned')}</p>}
      <LastRun status={status} />
      {following ? (
        <JobProgress
          key={following.id}
          serverId={serverId}
          jobId={following.id}
          title={t('updates.jobTitle', { version: following.version || status.lastRun?.to || '' })}
          onClose={() => {
            setJob(undefined);
            setRunning(undefined);
            reload();
          }}
        />
      ) : (
        <Offers
          status={status}
          confirming={confirming}
          onAsk={setConfirming}
          onStart={(version, withoutBackup) => void start(version, withoutBackup)}
        />
      )}
      {startError !== undefined && <ErrorNotice error={startError} heading={t('updates.startFailed')} />}
      <AutoUpdateSettings serverId={serverId} schedule={status.schedule} onSaved={reload} />
    </section>
  );
}

function LastRun({ status }: { status: UpdatesStatus }) {
  return status.lastRun ? <LastUpdateRun run={status.lastRun} /> : null;
}

function Offers({
  status,
  confirming,
  onAsk,
  onStart,
}: {
  status: UpdatesStatus;
  confirming: OfferedRelease | undefined;
  onAsk: (release: OfferedRelease | undefined) => void;
  onStart: (version: string, withoutBackup: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  if (status.feedError) return <ErrorNotice error={status.feedError} heading={t('updates.feedFailed')} />;
  const newer = newerReleases(status);
  if (newer.length === 0) return <p className="hint">{t('updates.upToDate')}</p>;
  const backupRefused = status.lastRun?.outcome === 'failed' && refusedForBackup(failedStepError(status));
  return (
    <div className="updates__offers">
      <h3 className="updates__subtitle">{t('updates.offered')}</h3>
      <ul className="updates__list">
        {newer.map((release) => (
          <li key={release.version} className="updates__release" data-version={release.version}>
            <div className="updates__release-head">
              <strong>{release.version}</strong>
              <span className="hint">
                {t('updates.published', { date: new Date(release.publishedAt).toLocaleDateString(i18n.language) })}
              </span>
            </div>
            {release.notes && (
              <details>
                <summary>{t('updates.notes')}</summary>
                <p className="updates__notes">{release.notes}</p>
              </details>
            )}
            {release.migratesData && (
              <p className="notice notice--boxed notice--warning">
                <InfoIcon />
                <span>{t('updates.migrates')}</span>
              </p>
            )}
            {!release.pinned && <p className="hint">{t('updates.notPinnedRelease')}</p>}
            {confirming?.version === release.version ? (
              <div
                className="updates__confirm"
                role="group"
                aria-label={t('updates.confirm.title', { version: release.version })}
              >
                <p>
                  <strong>{t('updates.confirm.title', { version: release.version })}</strong>{' '}
                  {t('updates.confirm.body', { running: status.running?.version ?? '' })}
                </p>
                <div className="updates__actions">
                  <button
                    type="button"
                    className="button button--primary"
                    onClick={() => onStart(release.version, false)}
                  >
                    {t('updates.confirm.go')}
                  </button>
                  <button type="button" className="button" onClick={() => onAsk(undefined)}>
                    {t('updates.confirm.cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <div className="updates__actions">
                <button
                  type="button"
                  className="button"
                  disabled={!release.pinned}
                  onClick={() => onAsk(release)}
                  data-testid={`updates-update-${release.version}`}
                >
                  {t('updates.updateNow', { version: release.version })}
                </button>
                {backupRefused && status.lastRun?.to === release.version && !release.migratesData && (
                  <button
                    type="button"
                    className="button button--danger"
                    title={t('updates.withoutBackup.body')}
                    onClick={() => onStart(release.version, true)}
                  >
                    {t('updates.withoutBackup.offer')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {status.previous && <p className="hint">{t('updates.previousKept', { version: status.previous.version })}</p>}
    </div>
  );
}

/** The last run's job failed in a step: its cause is the step's own error code. */
function failedStepError(status: UpdatesStatus): { code: string } | undefined {
  const cause = status.lastRun?.error?.params?.cause;
  return typeof cause === 'string' ? { code: cause } : undefined;
}
