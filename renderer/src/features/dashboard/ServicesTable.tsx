import { useTranslation } from 'react-i18next';
import type { ServiceStatus } from '../../../../common/dashboard/dashboard-contract';
import { formatBytes, formatDuration, formatImage, uptimeNow, type LiveStatus } from './dashboard-view';
import type { ControlRequest } from './ServiceControl';

/** Every service with its state, health, restarts, uptime, image, CPU, memory, ports and its actions. */
export function ServicesTable({
  live,
  now,
  busy,
  onAction,
}: {
  live: LiveStatus;
  now: number;
  busy: boolean;
  onAction: (request: ControlRequest) => void;
}) {
  const { t } = useTranslation();
  const { status } = live;
  return (
    <div className="dashboard-table-wrap">
      <table className="dashboard-table" data-testid="dashboard-services">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.columns.service')}</th>
            <th scope="col">{t('dashboard.columns.state')}</th>
            <th scope="col">{t('dashboard.columns.health')}</th>
            <th scope="col">{t('dashboard.columns.restarts')}</th>
            <th scope="col">{t('dashboard.columns.uptime')}</th>
            <th scope="col">{t('dashboard.columns.image')}</th>
            <th scope="col">{t('dashboard.columns.cpu')}</th>
            <th scope="col">{t('dashboard.columns.memory')}</th>
            <th scope="col">{t('dashboard.columns.ports')}</th>
            <th scope="col">{t('dashboard.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {status.services.map((service) => (
            <ServiceRow
              key={service.service}
              service={service}
              uptime={uptimeNow(service, live.receivedAt, now)}
              windowMinutes={status.windowMinutes}
              busy={busy}
              onAction={onAction}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ServiceRow({
  service,
  uptime,
  windowMinutes,
  busy,
  onAction,
}: {
  service: ServiceStatus;
  uptime: number | undefined;
  windowMinutes: number;
  busy: boolean;
  onAction: (request: ControlRequest) => void;
}) {
  const { t } = useTranslation();
  const running = service.state === 'running' || service.state === 'restarting';
  const tone = !service.expected
    ? 'muted'
    : service.state === 'running' && service.health !== 'unhealthy'
      ? service.health === 'starting'
        ? 'warn'
        : 'ok'
      : 'bad';
  const image = formatImage(service);
  const action = (name: ControlRequest['action']) => (
    <button
      type="button"
      className="button button--small button--quiet"
      disabled={busy}
      aria-label={t('dashboard.actions.serviceLabel', {
        action: t(`dashboard.actions.${name}`),
        service: service.service,
      })}
      onClick={() => onAction({ action: name, service: service.service })}
    >
      {t(`dashboard.actions.${name}`)}
    </button>
  );
  return (
    <tr data-service={service.service} data-state={service.state} data-health={service.health}>
      <th scope="row">
        {service.service}
        {service.container !== service.service && <span className="hint"> ({service.container})</span>}
        {!service.expected && <div className="hint">{t('dashboard.notExpected')}</div>}
      </th>
      <td>
        <span className={`state-pill state-pill--${tone}`}>{t(`dashboard.state.${service.state}`)}</span>
        {service.exitCode !== undefined && !running && (
          <div className="hint">{t('dashboard.troubleshooting.exitCode', { exitCode: service.exitCode })}</div>
        )}
      </td>
      <td>{t(`dashboard.health.${service.health}`)}</td>
      <td>
        {service.restartCount}
        {service.recentRestarts > 0 && (
          <div className="hint">{t('dashboard.restartsRecent', { recent: service.recentRestarts, windowMinutes })}</div>
        )}
      </td>
      <td>{uptime !== undefined ? formatDuration(uptime) : '—'}</td>
      <td className="dashboard-table__image" title={image}>
        {image ? <code>{image.split('/').at(-1)}</code> : '—'}
      </td>
      <td>{service.cpuPercent !== undefined ? `${service.cpuPercent.toFixed(1)} %` : '—'}</td>
      <td>{service.memoryBytes !== undefined ? formatBytes(service.memoryBytes) : '—'}</td>
      <td className="dashboard-table__ports">
        {service.ports.length === 0
          ? '—'
          : service.ports.map((port) => (
              <span key={port.port} title={t(`dashboard.reach.${port.reach}`)}>
                {port.port}
                {port.reach !== 'internet' && <small> ({t(`dashboard.reach.${port.reach}`)})</small>}
              </span>
            ))}
      </td>
      <td className="dashboard-table__actions">
        {running ? (
          <>
            {action('restart')}
            {action('stop')}
          </>
        ) : (
          action('start')
        )}
      </td>
    </tr>
  );
}
