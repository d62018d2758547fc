import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannedChange, PlannedStep } from '../../../../common/stack/stack-contract';
import { useSetup } from './setup-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckIcon } from '../../components/icons';
import { AddressRecordsPanel } from './AddressRecordsPanel';

/** Every step of the install with what it would change on the server now; nothing has changed yet. */
export function PlanStage({ serverName }: { serverName: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const plan = useSetup((state) => state.plan);
  const options = useSetup((state) => state.options);
  const installStart = useSetup((state) => state.installStart);
  const loadPlan = useSetup((state) => state.loadPlan);
  const backToOptions = useSetup((state) => state.backToOptions);
  const install = useSetup((state) => state.install);
  const starting = installStart.status === 'starting';
  const preflight = useSetup((state) => state.preflight);
  // The address the preflight found on the server (public, or the only one it has behind NAT).
  const found =
    preflight.status === 'ready'
      ? String(preflight.value.findings.find((finding) => finding.id === 'ipv4')?.params.found ?? '')
      : '';
  const serverIpv4 = /^\d{1,3}(\.\d{1,3}){3}/.exec(found)?.[0];

  return (
    <section className="card wizard-panel" aria-labelledby={headingId} data-stage="plan">
      <h2 id={headingId} className="wizard-panel__title">
        {t('setup.plan.title')}
      </h2>
      <p className="wizard-panel__intro">
        {t('setup.plan.intro', { name: serverName, domain: options?.domain ?? '' })}
      </p>

      {plan.status === 'loading' && (
        <p className="hint" role="status">
          {t('setup.plan.loading')}
        </p>
      )}
      {plan.status === 'failed' && (
        <ErrorNotice error={plan.error} heading={t('setup.plan.failed')} onRetry={loadPlan} />
      )}
      {plan.status === 'ready' && (
        <>
          {options?.certificates.method === 'http' && serverIpv4 && (
            <AddressRecordsPanel
              key={`${options.domain} ${options.profile} ${serverIpv4}`}
              domain={options.domain}
              profile={options.profile}
              ipv4={serverIpv4}
            />
          )}
          {plan.value.detection.installedBy !== 'none' && (
            <p className="hint">
              {t(`setup.plan.installedBy.${plan.value.detection.installedBy}`, {
                domain: plan.value.detection.domain ?? plan.value.detection.directory,
              })}
            </p>
          )}
          <ol className="plan" aria-label={t('setup.plan.stepsLabel')}>
            {plan.value.steps.map((step) => (
              <PlanStepRow key={step.id} step={step} />
            ))}
          </ol>
        </>
      )}

      {installStart.status === 'failed' && (
        <ErrorNotice error={installStart.error} heading={t('setup.plan.startFailed')} onRetry={install} />
      )}

      <div className="wizard-panel__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void install()}
          disabled={plan.status !== 'ready' || starting}
        >
          {starting ? t('setup.plan.installing') : t('setup.plan.install')}
        </button>
        <button type="button" className="button" onClick={backToOptions} disabled={starting}>
          {t('setup.plan.back')}
        </button>
      </div>
    </section>
  );
}

function PlanStepRow({ step }: { step: PlannedStep }) {
  const { t } = useTranslation();
  const title = t(`install.steps.${step.id}`);
  return (
    <li className="plan__step" data-step={step.id} data-state={step.state}>
      <div className="plan__header">
        <span className="plan__marker" aria-hidden="true">
          {step.state === 'done' ? <CheckIcon size={14} /> : step.state === 'skipped' ? '–' : ''}
        </span>
        <span className="plan__title">{title}</span>
        <span className="plan__state">{t(`setup.plan.state.${step.state}`)}</span>
      </div>
      {step.state === 'todo' && step.changes.length > 0 && (
        <ul className="plan__changes" aria-label={t('setup.plan.changesLabel', { step: title })}>
          {step.changes.map((change, index) => (
            <ChangeRow key={`${change.kind}-${change.target}-${index}`} change={change} />
          ))}
        </ul>
      )}
    </li>
  );
}

function ChangeRow({ change }: { change: PlannedChange }) {
  const { t } = useTranslation();
  return (
    <li className="plan__change" data-kind={change.kind} data-action={change.action}>
      <span className="plan__change-what">
        {t('setup.plan.change', {
          action: t(`setup.plan.action.${change.action}`),
          kind: t(`setup.plan.kind.${change.kind}`),
        })}
      </span>{' '}
      <code className="plan__change-target">{change.target}</code>
      {change.note && <span className="plan__change-note">{change.note}</span>}
    </li>
  );
}
