import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreflightCheckId, PreflightFinding, preflightChecks } from '../../../../common/agent-contract';
import { useSetup } from './setup-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { byUrgency, preflightGate } from './preflight-gate';
import { StatusIcon } from './StatusIcon';

/** Every key under preflight.* with words for a finding; the agent only reports the pairs listed in preflightChecks. */
type FindingKey = {
  [K in PreflightCheckId]: `preflight.${K}.${(typeof preflightChecks)[K][number]}`;
}[PreflightCheckId];

/** The read-only checks of the server, what each found, and whether the setup can go on. */
export function PreflightStage({ serverName }: { serverName: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const gateId = useId();
  const preflight = useSetup((state) => state.preflight);
  const runPreflight = useSetup((state) => state.runPreflight);
  const toOptions = useSetup((state) => state.toOptions);
  const checking = preflight.status === 'loading';
  const findings = preflight.status === 'ready' ? preflight.value.findings : [];
  const gate = preflight.status === 'ready' ? preflightGate(findings) : undefined;

  return (
    <section className="card wizard-panel" aria-labelledby={headingId} data-stage="preflight">
      <h2 id={headingId} className="wizard-panel__title">
        {t('setup.preflight.title')}
      </h2>
      <p className="wizard-panel__intro">{t('setup.preflight.intro', { name: serverName })}</p>

      {checking && (
        <p className="hint" role="status">
          {t('setup.preflight.running')}
        </p>
      )}
      {preflight.status === 'failed' && (
        <ErrorNotice error={preflight.error} heading={t('setup.preflight.failed')} onRetry={runPreflight} />
      )}
      {preflight.status === 'ready' && (
        <ul className="checklist" aria-label={t('setup.preflight.listLabel')} aria-busy={checking || undefined}>
          {byUrgency(findings).map((finding) => (
            <FindingRow key={finding.id} finding={finding} />
          ))}
        </ul>
      )}

      {gate === 'blocked' && (
        <p className="wizard-panel__gate" data-gate="blocked" id={gateId}>
          {t('setup.preflight.blocked')}
        </p>
      )}
      {gate === 'warnings' && (
        <p className="wizard-panel__gate" data-gate="warnings" id={gateId}>
          {t('setup.preflight.warnings')}
        </p>
      )}

      <div className="wizard-panel__actions">
        {preflight.status !== 'failed' && (
          <button
            type="button"
            className="button button--primary"
            onClick={toOptions}
            disabled={gate === undefined || gate === 'blocked' || checking}
            aria-describedby={gate && gate !== 'clear' ? gateId : undefined}
          >
            {gate === 'warnings' ? t('setup.preflight.continueAnyway') : t('setup.preflight.continue')}
          </button>
        )}
        <button type="button" className="button" onClick={() => void runPreflight()} disabled={checking}>
          {checking ? t('setup.preflight.checking') : t('setup.preflight.checkAgain')}
        </button>
      </div>
    </section>
  );
}

function FindingRow({ finding }: { finding: PreflightFinding }) {
  const { t } = useTranslation();
  const key = `preflight.${finding.id}.${finding.status}` as FindingKey;
  return (
    <li className="checklist__item" data-status={finding.status} data-check={finding.id}>
      <StatusIcon status={finding.status} />
      <div className="checklist__text">
        <p className="checklist__title">
          <span className="visually-hidden">{t(`setup.preflight.status.${finding.status}`)}: </span>
          {t(`${key}.title`, finding.params)}
        </p>
        <p className="checklist__next">{t(`${key}.next`, finding.params)}</p>
        {finding.detail && (
          <details className="checklist__details">
            <summary>{t('setup.technicalDetails')}</summary>
            <pre>{finding.detail}</pre>
          </details>
        )}
      </div>
    </li>
  );
}
