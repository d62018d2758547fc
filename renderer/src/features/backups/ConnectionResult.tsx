import { useTranslation } from 'react-i18next';
import type { ConnectionTest } from '../../../../common/backups/backups-contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckIcon } from '../../components/icons';

/** Each step of the connection test, and the first that failed in plain words with what to do. */
export function ConnectionResult({ result, onCreateBucket }: { result: ConnectionTest; onCreateBucket: () => void }) {
  const { t } = useTranslation();
  return (
    <div
      className="backups-connection"
      data-testid="backups-connection"
      data-ok={result.ok}
      data-problem={result.problem?.code}
    >
      <ol className="backups-connection__steps">
        {result.steps.map((step) => (
          <li key={step.step} data-ok={step.ok}>
            {step.ok ? <CheckIcon size={14} /> : '!'} {t(`backups.connection.steps.${step.step}`)}
          </li>
        ))}
      </ol>
      {result.ok ? (
        <p className="job__success">
          <CheckIcon />
          {t('backups.connection.ok')}
        </p>
      ) : (
        result.problem && <ErrorNotice error={result.problem} heading={t('backups.connection.failed')} />
      )}
      {result.clockSkewSeconds !== undefined && Math.abs(result.clockSkewSeconds) > 60 && (
        <p className="hint">{t('backups.connection.clock', { seconds: result.clockSkewSeconds })}</p>
      )}
      {result.canCreateBucket && (
        <button type="button" className="button" onClick={onCreateBucket} data-testid="backups-create-bucket">
          {t('backups.destination.createBucket')}
        </button>
      )}
    </div>
  );
}
