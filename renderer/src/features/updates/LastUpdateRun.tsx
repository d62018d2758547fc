import { useTranslation } from 'react-i18next';
import type { UpdateRun } from '../../../../common/updates/updates-contract';
import { CheckIcon, InfoIcon } from '../../components/icons';
import { formatAge } from '../backups/backup-view';
import { lastRunTone, lastRunWords, seconds } from './update-view';

/** How the last update went, in one line: on the dashboard's version card and on the server's card. */
export function LastUpdateRun({ run, announce = true }: { run: UpdateRun; announce?: boolean }) {
  const { t } = useTranslation();
  const tone = lastRunTone(run);
  const text = t(`updates.last.${lastRunWords(run)}`, {
    from: run.from ?? '?',
    to: run.to,
    age: formatAge(t, run.finishedAt),
    seconds: seconds(run.mailDowntimeMs ?? 0),
    services: run.failedServices?.join(', ') ?? '',
  });
  // The server list holds many cards: only the dashboard announces a failed update as an alert.
  const role = !announce ? undefined : tone === 'good' ? 'status' : 'alert';
  return (
    <p
      className={`notice${tone === 'good' ? '' : ' notice--boxed notice--warning'}`}
      role={role}
      data-testid="updates-last"
      data-outcome={run.outcome}
      data-trigger={run.trigger}
    >
      {tone === 'good' ? <CheckIcon /> : <InfoIcon />}
      <span>
        {run.trigger === 'schedule' && <strong>{t('updates.trigger.schedule')}: </strong>}
        {text}
      </span>
    </p>
  );
}
