import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../common/backups/backups-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Modal } from '../../components/Modal';
import { formatBytes } from '../dashboard/dashboard-view';

/** What the last restore replaced, kept on the server until the user lets it go. */
export function RollbackCard({
  serverId,
  rollback,
  onChanged,
}: {
  serverId: string;
  rollback: NonNullable<BackupStatus['rollback']>;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const discard = async () => {
    setAsking(false);
    try {
      await api.call('backups.discardRollback', { serverId });
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="card backups-card" aria-labelledby="backups-rollback-title" data-testid="backups-rollback">
      <h2 id="backups-rollback-title" className="form__title">
        {t('backups.rollback.title')}
      </h2>
      <p>
        {t('backups.rollback.body', {
          time: new Date(rollback.createdAt).toLocaleString(i18n.language),
          size: formatBytes(rollback.bytes),
        })}
      </p>
      <button type="button" className="button" onClick={() => setAsking(true)}>
        {t('backups.rollback.discard')}
      </button>
      {failure !== undefined && <ErrorNotice error={failure} heading={t('backups.rollback.discard')} />}
      {asking && (
        <Modal title={t('backups.rollback.confirmTitle')} tone="warning" onCancel={() => setAsking(false)}>
          <p>{t('backups.rollback.confirmBody')}</p>
          <div className="modal__actions">
            <button type="button" className="button button--danger" onClick={() => void discard()}>
              {t('backups.rollback.discard')}
            </button>
            <button type="button" className="button" onClick={() => setAsking(false)}>
              {t('backups.points.cancel')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
