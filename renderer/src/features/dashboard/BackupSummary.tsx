import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../common/backups/backups-contract';
import { api } from '../../api';
import { CheckIcon, InfoIcon } from '../../components/icons';
import { useNavigation } from '../../state/navigation';
import { formatAge } from '../backups/backup-view';

/** One line on the dashboard about backups: the last good one, or a warning when they are stale or failing. */
export function BackupSummary({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  const go = useNavigation((state) => state.go);
  const [status, setStatus] = useState<BackupStatus>();
  useEffect(() => {
    let active = true;
    api
      .call('backups.status', { serverId })
      .then((value) => active && setStatus(value))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [serverId]);
  if (!status) return null;
  const failing = status.lastRun && status.lastRun.status !== 'succeeded';
  const warn = !status.configured || status.stale || failing;
  const text = !status.configured
    ? t('dashboard.backups.notConfigured')
    : status.stale
      ? t('backups.status.stale')
      : failing
        ? t('backups.status.lastFailed', { age: formatAge(t, status.lastRun!.finishedAt) })
        : status.lastGood
          ? t('dashboard.backups.lastGood', { age: formatAge(t, status.lastGood.finishedAt) })
          : t('backups.status.never');
  return (
    <p
      className={`notice${warn ? ' notice--boxed notice--warning' : ''}`}
      role={warn ? 'alert' : 'status'}
      data-testid="dashboard-backups"
      data-warn={warn || undefined}
    >
      {warn ? <InfoIcon /> : <CheckIcon />}
      <span>
        {text}{' '}
        <button type="button" className="link-button" onClick={() => go('backups')}>
          {t('dashboard.backups.open')}
        </button>
      </span>
    </p>
  );
}
