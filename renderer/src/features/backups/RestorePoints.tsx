import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestorePoint } from '../../../../common/backups/backups-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/jobs/JobProgress';
import { Modal } from '../../components/Modal';
import { formatBytes } from '../dashboard/dashboard-view';
import type { Loaded } from './use-backup-status';

/** The restore points in the storage, and restoring one (after saying plainly what will happen). */
export function RestorePoints({ serverId, onChanged }: { serverId: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [points, setPoints] = useState<Loaded<RestorePoint[]>>();
  const [asking, setAsking] = useState<RestorePoint>();
  const [job, setJob] = useState<{ id: string; title: string }>();
  const [failure, setFailure] = useState<unknown>();
  const when = (point: RestorePoint) => new Date(point.time).toLocaleString(i18n.language);

  const load = async () => {
    setPoints({ status: 'loading' });
    try {
      setPoints({ status: 'ready', value: (await api.call('backups.points', { serverId })).points });
    } catch (error) {
      setPoints({ status: 'failed', error });
    }
  };
  const restore = async (point: RestorePoint) => {
    setAsking(undefined);
    setFailure(undefined);
    try {
      const { jobId } = await api.call('backups.restore', { serverId, pointId: point.pointId, scope: 'data' });
      setJob({ id: jobId, title: t('backups.status.jobRestore') });
    } catch (error) {
      setFailure(error);
    }
  };
  const drill = async (point: RestorePoint) => {
    setFailure(undefined);
    try {
      const { jobId } = await api.call('backups.start', { serverId, kind: 'backups.drill', pointId: point.pointId });
      setJob({ id: jobId, title: t('backups.status.jobDrill') });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section
      className="card backups-card backups-points"
      aria-labelledby="backups-points-title"
      data-testid="backups-points"
    >
      <h2 id="backups-points-title" className="form__title">
        {t('backups.points.title')}
      </h2>
      <p className="hint">{t('backups.points.intro')}</p>
      {points?.status === 'loading' && <p role="status">{t('backups.points.loading')}</p>}
      {points?.status === 'failed' && (
        <ErrorNotice error={points.error} heading={t('backups.loadFailed')} onRetry={() => void load()} />
      )}
      {points?.status === 'ready' &&
        (points.value.length === 0 ? (
          <p>{t('backups.points.empty')}</p>
        ) : (
          <table className="table backups-points__table">
            <thead>
              <tr>
                <th scope="col">{t('backups.points.time')}</th>
                <th scope="col">{t('backups.points.size')}</th>
                <th scope="col">{t('backups.points.mailboxes')}</th>
                <th scope="col">{t('backups.points.version')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {points.value.map((point) => (
                <tr key={point.pointId} data-point={point.pointId}>
                  <td>
                    {when(point)}
                    {!point.complete && <span className="badge"> {t('backups.points.incomplete')}</span>}
                  </td>
                  <td>{point.totalBytes !== undefined ? formatBytes(point.totalBytes) : '—'}</td>
                  <td>{point.mailboxes ?? '—'}</td>
                  <td>{point.stackVersion ?? '—'}</td>
                  <td className="backups-points__actions">
                    <button
                      type="button"
                      className="button button--small"
                      disabled={!point.complete || job !== undefined}
                      onClick={() => setAsking(point)}
                    >
                      {t('backups.points.restore')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      disabled={!point.complete || job !== undefined}
                      onClick={() => void drill(point)}
                    >
                      {t('backups.points.test')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {points?.status !== 'loading' && !job && (
        <button type="button" className="button" onClick={() => void load()} data-testid="backups-points-load">
          {t('backups.points.load')}
        </button>
      )}
      {failure !== undefined && <ErrorNotice error={failure} heading={t('backups.status.jobRestore')} />}
      {job && (
        <JobProgress
          key={job.id}
          serverId={serverId}
          jobId={job.id}
          title={job.title}
          onClose={() => {
            setJob(undefined);
            onChanged();
          }}
        />
      )}
      {asking && (
        <Modal
          title={t('backups.points.confirmTitle', { time: when(asking) })}
          tone="warning"
          onCancel={() => setAsking(undefined)}
        >
          <p>{t('backups.points.confirmBody', { time: when(asking) })}</p>
          <div className="modal__actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => void restore(asking)}
              data-testid="backups-restore-confirm"
            >
              {t('backups.points.confirm')}
            </button>
            <button type="button" className="button" onClick={() => setAsking(undefined)}>
              {t('backups.points.cancel')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
