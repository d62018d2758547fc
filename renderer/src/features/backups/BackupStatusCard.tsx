import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../common/backups/backups-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckIcon, InfoIcon } from '../../components/icons';
import { JobProgress } from '../../components/jobs/JobProgress';
import { formatBytes } from '../dashboard/dashboard-view';
import { formatAge } from './backup-view';

type Kind = 'backups.run' | 'backups.drill' | 'backups.check';
const JOB_TITLES = { 'backups.run': 'jobBackup', 'backups.drill': 'jobDrill', 'backups.check': 'jobCheck' } as const;

/** The last good backup, the next one, what went wrong, and the buttons that run a backup, a test or a check. */
export function BackupStatusCard({
  serverId,
  status,
  onChanged,
}: {
  serverId: string;
  status: BackupStatus;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [job, setJob] = useState<{ id: string; kind: Kind }>();
  const [startError, setStartError] = useState<unknown>();
  const start = async (kind: Kind) => {
    setStartError(undefined);
    try {
      setJob({ id: (await api.call('backups.start', { serverId, kind })).jobId, kind });
    } catch (error) {
      setStartError(error);
    }
  };
  const good = status.lastGood;
  const failed = status.lastRun && status.lastRun.status !== 'succeeded' ? status.lastRun : undefined;
  return (
    <section
      className="card backups-card backups-status"
      aria-labelledby="backups-status-title"
      data-testid="backups-status"
      data-stale={status.stale}
    >
      <h2 id="backups-status-title" className="form__title">
        {t('backups.status.title')}
      </h2>
      {!status.configured ? (
        <p className="notice">
          <InfoIcon />
          <span>{t('backups.status.notConfigured')}</span>
        </p>
      ) : (
        <>
          {good ? (
            <p className="backups-status__good" data-testid="backups-last-good">
              <CheckIcon />
              {t('backups.status.lastGood', {
                age: formatAge(t, good.finishedAt),
                size: formatBytes(good.totalBytes ?? 0),
                added: formatBytes(good.addedBytes ?? 0),
              })}
            </p>
          ) : (
            <p>{t('backups.status.never')}</p>
          )}
          {good?.pauseMs !== undefined && <p className="hint">{t('backups.status.pause', { ms: good.pauseMs })}</p>}
          {status.stale && (
            <p className="notice notice--boxed notice--warning" role="alert" data-testid="backups-stale">
              <InfoIcon />
              <span>{t('backups.status.stale')}</span>
            </p>
          )}
          {failed && (
            <ErrorNotice
              error={failed.error ?? { code: 'internal', params: {}, retryable: true }}
              heading={t('backups.status.lastFailed', { age: formatAge(t, failed.finishedAt) })}
            />
          )}
          <p className="hint">
            {status.nextRunAt
              ? t('backups.status.nextRun', { when: new Date(status.nextRunAt).toLocaleString(i18n.language) })
              : t('backups.status.scheduleOff')}
          </p>
          {status.restic.installed && !status.restic.compression && (
            <p className="notice">
              <InfoIcon />
              <span>{t('backups.status.noCompression', { version: status.restic.version ?? '?' })}</span>
            </p>
          )}
          {status.lastDrill && (
            <p className="hint">
              {t('backups.status.lastDrill', {
                age: formatAge(t, status.lastDrill.at),
                result: t(status.lastDrill.ok ? 'backups.status.passed' : 'backups.status.failed'),
              })}
            </p>
          )}
          {status.lastCheck && (
            <p className="hint">
              {t('backups.status.lastCheck', {
                age: formatAge(t, status.lastCheck.at),
                result: t(status.lastCheck.ok ? 'backups.status.passed' : 'backups.status.failed'),
              })}
            </p>
          )}
          {job ? (
            <JobProgress
              key={job.id}
              serverId={serverId}
              jobId={job.id}
              title={t(`backups.status.${JOB_TITLES[job.kind]}`)}
              onRetry={() => start(job.kind)}
              onClose={() => {
                setJob(undefined);
                onChanged();
              }}
            />
          ) : (
            <div className="backups-status__actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => void start('backups.run')}
                data-testid="backups-run"
              >
                {t('backups.status.backUpNow')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void start('backups.drill')}
                title={t('backups.status.drillHint')}
              >
                {t('backups.status.drill')}
              </button>
              <button type="button" className="button" onClick={() => void start('backups.check')}>
                {t('backups.status.check')}
              </button>
            </div>
          )}
          {startError !== undefined && <ErrorNotice error={startError} heading={t('backups.status.jobBackup')} />}
        </>
      )}
    </section>
  );
}
