import { useTranslation } from 'react-i18next';
import { useRead } from '../../api/use-read';
import { ErrorNotice } from '../../components/ErrorNotice';
import { InfoIcon } from '../../components/icons';
import { diskView } from './disk-view';

/** The server's disk: how full, what takes the space, and at 85% a warning that says what to do. */
export function DiskCard({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  // The agent walks the stack's directories: measured when the page opens and when asked, not polled.
  const { value: usage, error, reading: measuring, again: measure } = useRead('disk.usage', { serverId });

  if (error && !usage) return <ErrorNotice error={error} heading={t('dashboard.disk.failed')} onRetry={measure} />;
  if (!usage) return null;
  const view = diskView(usage);
  return (
    <section
      className={`card dashboard-disk${view.warn ? ' dashboard-disk--warn' : ''}`}
      aria-labelledby="dashboard-disk-title"
      data-testid="dashboard-disk"
      data-percent={view.percent}
    >
      <div className="dashboard-disk__head">
        <h2 id="dashboard-disk-title" className="form__title">
          {t('dashboard.disk.title')}
        </h2>
        <span>{t('dashboard.disk.used', { used: view.used, total: view.total, percent: view.percent })}</span>
        <span className="hint">{t('dashboard.disk.free', { available: view.available })}</span>
        <button type="button" className="button button--small" disabled={measuring} onClick={measure}>
          {measuring ? t('dashboard.disk.measuring') : t('dashboard.disk.refresh')}
        </button>
      </div>
      <div
        className="dashboard-disk__bar"
        role="meter"
        aria-label={t('dashboard.disk.barLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
      >
        <span style={{ width: `${view.percent}%` }} />
      </div>
      {view.biggest && (
        <p className="notice notice--boxed notice--warning" role="alert" data-testid="dashboard-disk-warning">
          <InfoIcon />
          <span>
            {t('dashboard.disk.warning', { percent: view.percent })}{' '}
            {t(`dashboard.disk.advice.${view.biggest.part}`, { size: view.biggest.size })}
          </span>
        </p>
      )}
      <table className="dashboard-disk__parts">
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.part} data-part={row.part}>
              <th scope="row">{t(`dashboard.disk.part.${row.part}`)}</th>
              <td>
                {row.note === 'partial' ? t('dashboard.disk.atLeast', { size: row.size }) : row.size}
                {row.note && row.note !== 'partial' && (
                  <span className="hint"> · {t(`dashboard.disk.note.${row.note}`)}</span>
                )}
              </td>
              <td className="dashboard-disk__share" aria-hidden="true">
                <span style={{ width: `${row.share}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error !== undefined && <ErrorNotice error={error} heading={t('dashboard.disk.failed')} />}
    </section>
  );
}
