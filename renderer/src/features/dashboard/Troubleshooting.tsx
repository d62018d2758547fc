import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightFinding } from '../../../../common/agent-contract';
import type { StackStatus } from '../../../../common/dashboard/dashboard-contract';
import { api } from '../../api';
import { useDns } from '../dns/dns-state';
import { useNavigation } from '../../state/navigation';
import { ErrorNotice } from '../../components/ErrorNotice';
import { issueWords } from './SummaryLine';

/** Upstream's install directory (DEFAULT_STACK_DIR in stack-paths.ts, which the browser bundle cannot import: node:path). */
const DEFAULT_STACK_DIR = '/root/forwardemail.net/self-hosting';

type OutboundKey = `preflight.outboundSmtp.${'ok' | 'warning' | 'blocker'}`;

/**
 * The seed's troubleshooting, built in: what runs, what should run and does not (its exit code and
 * last lines), where the logs are, and why outgoing mail can time out (port 25).
 */
export function Troubleshooting({ serverId, status }: { serverId: string; status: StackStatus }) {
  const { t } = useTranslation();
  const headingId = useId();
  const expected = status.services.filter((service) => service.expected);
  const down = expected.filter((service) => service.state !== 'running');
  const running = status.services.filter((service) => service.state === 'running').map((service) => service.service);

  return (
    <section
      className="card dashboard-troubleshooting"
      aria-labelledby={headingId}
      data-testid="dashboard-troubleshooting"
    >
      <h2 id={headingId}>{t('dashboard.troubleshooting.title')}</h2>
      {down.length === 0 ? (
        <p>{t('dashboard.troubleshooting.allRunning')}</p>
      ) : (
        <>
          <h3>{t('dashboard.troubleshooting.notRunning')}</h3>
          <ul className="dashboard-down">
            {down.map((service) => {
              const issue = status.summary.issues.find((candidate) => candidate.service === service.service);
              return (
                <li key={service.service} data-service={service.service}>
                  <strong>{service.service}</strong>{' '}
                  {issue ? issueWords(t, issue.issue, issue.params) : t(`dashboard.state.${service.state}`)}
                  {service.oomKilled && <p>{t('dashboard.troubleshooting.oomKilled')}</p>}
                  {service.error && (
                    <p>
                      {t('dashboard.troubleshooting.engineError')}: <code>{service.error}</code>
                    </p>
                  )}
                  {service.lastLines && service.lastLines.length > 0 && (
                    <details open>
                      <summary>{t('dashboard.troubleshooting.lastLines')}</summary>
                      <pre className="dashboard-lastlines">{service.lastLines.join('\n')}</pre>
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {running.length > 0 && (
        <p className="hint">{t('dashboard.troubleshooting.running', { names: running.join(', ') })}</p>
      )}
      <p className="hint">{t('dashboard.troubleshooting.logsWhere', { dir: DEFAULT_STACK_DIR })}</p>
      <Port25Help serverId={serverId} />
    </section>
  );
}

/** Why outgoing mail times out: port 25. Re-runs the preflight's outbound check, or opens the DNS page's part. */
function Port25Help({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  const go = useNavigation((state) => state.go);
  const openDns = useDns((state) => state.open);
  const [check, setCheck] = useState<
    | { status: 'idle' }
    | { status: 'loading' }
    | { status: 'ready'; finding: PreflightFinding }
    | { status: 'failed'; error: unknown }
  >({ status: 'idle' });

  const run = async () => {
    setCheck({ status: 'loading' });
    try {
      const result = await api.call('preflight.run', { serverId });
      const finding = result.findings.find((candidate) => candidate.id === 'outboundSmtp');
      if (finding) setCheck({ status: 'ready', finding });
      else setCheck({ status: 'idle' });
    } catch (error) {
      setCheck({ status: 'failed', error });
    }
  };
  const key = check.status === 'ready' ? (`preflight.outboundSmtp.${check.finding.status}` as OutboundKey) : undefined;

  return (
    <div className="dashboard-port25" data-testid="dashboard-port25">
      <h3>{t('dashboard.troubleshooting.port25Title')}</h3>
      <p>{t('dashboard.troubleshooting.port25Body')}</p>
      {check.status === 'ready' && key && (
        <p data-status={check.finding.status}>
          <strong>{t(`${key}.title`, check.finding.params)}</strong> {t(`${key}.next`, check.finding.params)}
        </p>
      )}
      {check.status === 'failed' && <ErrorNotice error={check.error} />}
      <div className="dashboard-port25__actions">
        <button
          type="button"
          className="button button--small"
          disabled={check.status === 'loading'}
          onClick={() => void run()}
        >
          {check.status === 'loading'
            ? t('dashboard.troubleshooting.port25Checking')
            : t('dashboard.troubleshooting.port25Check')}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            void openDns(serverId);
            go('dns');
          }}
        >
          {t('dashboard.troubleshooting.port25Dns')}
        </button>
      </div>
    </div>
  );
}
