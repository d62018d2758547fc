import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { INSTALL_STEP_IDS, type InstallStepId } from '../../../../common/stack/stack-contract';
import { useSetup } from './setup-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckIcon } from '../../components/icons';
import { jobFailure, jobOutcome, overallPercent, type JobStep, type JobView } from '../../components/jobs/job-journal';
import { JobBar, LogLines, StepMarker } from '../../components/jobs/JobParts';
import { useJobView } from '../../components/jobs/use-job-view';
import { DnsChallenge } from './DnsChallenge';

const KNOWN_STEPS: ReadonlySet<string> = new Set(INSTALL_STEP_IDS);
/** The agent's reason for a step the user's choices leave out (see the stack.install job kind). */
const NOT_CHOSEN = 'not chosen';

/** The install job on the server as it happens, re-attached after a closed window or a dropped connection. */
export function InstallStage({ serverId, serverName }: { serverId: string; serverName: string }) {
  const jobId = useSetup((state) => state.jobId);
  if (!jobId) return null;
  // A new job (a retry) starts with a fresh view.
  return <InstallProgress key={jobId} serverId={serverId} serverName={serverName} jobId={jobId} />;
}

function InstallProgress({ serverId, serverName, jobId }: { serverId: string; serverName: string; jobId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { view, follow, refollow } = useJobView(serverId, jobId);
  const options = useSetup((state) => state.options);
  const installStart = useSetup((state) => state.installStart);
  const retryInstall = useSetup((state) => state.retryInstall);
  const changeChoices = useSetup((state) => state.changeChoices);
  const toSuccess = useSetup((state) => state.toSuccess);
  const stepTitle = useStepTitle();
  const outcome = jobOutcome(view, follow);
  const percent = overallPercent(view);
  const failedStep = view.steps.find((step) => step.state === 'failed');
  const restarting = installStart.status === 'starting';

  return (
    <section
      className="card wizard-panel"
      aria-labelledby={headingId}
      data-stage="install"
      data-job-id={jobId}
      data-outcome={outcome}
    >
      <div className="job__header">
        <h2 id={headingId} className="wizard-panel__title">
          {t('setup.install.title', { name: serverName })}
        </h2>
        <p className="job__state" role="status">
          {t(`jobs.outcome.${outcome}`)}
        </p>
      </div>
      {outcome === 'running' || outcome === 'reattaching' ? (
        <p className="wizard-panel__intro">{t('setup.install.intro')}</p>
      ) : null}
      <JobBar labelledBy={headingId} percent={percent} outcome={outcome} />

      {view.waiting && !view.final && (
        <DnsChallenge
          key={view.waiting.offset}
          serverId={serverId}
          jobId={jobId}
          domain={options?.domain}
          records={view.waiting.records}
        />
      )}

      {view.steps.length > 0 ? (
        <ol className="install-steps" aria-label={t('setup.install.stepsLabel')}>
          {view.steps.map((step) => (
            <InstallStepRow key={step.step} step={step} view={view} />
          ))}
        </ol>
      ) : (
        <p className="hint">{t('setup.install.starting')}</p>
      )}

      <UnsortedLog view={view} />

      {outcome === 'succeeded' && (
        <>
          <p className="job__success">
            <CheckIcon />
            {t('setup.install.succeeded')}
          </p>
          <div className="wizard-panel__actions">
            <button type="button" className="button button--primary" onClick={() => void toSuccess()}>
              {t('setup.install.showAccess')}
            </button>
          </div>
        </>
      )}

      {(outcome === 'failed' || outcome === 'cancelled') && (
        <>
          {outcome === 'failed' ? (
            <ErrorNotice
              error={jobFailure(view)}
              heading={
                failedStep
                  ? t('setup.install.failedHeading', { step: stepTitle(failedStep) })
                  : t('setup.install.failedHeadingNoStep')
              }
            />
          ) : (
            <p className="job__note">{t('setup.install.cancelled')}</p>
          )}
          {installStart.status === 'failed' && (
            <ErrorNotice error={installStart.error} heading={t('setup.install.retryFailed')} />
          )}
          <p className="hint">{t('setup.install.retryHint')}</p>
          <div className="wizard-panel__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void retryInstall(jobId)}
              disabled={restarting}
            >
              {restarting ? t('setup.install.retrying') : t('setup.install.retry')}
            </button>
            <button type="button" className="button" onClick={() => changeChoices(jobId)} disabled={restarting}>
              {t('setup.install.changeChoices')}
            </button>
          </div>
        </>
      )}

      {follow.status === 'failed' && (
        <ErrorNotice error={follow.error} heading={t('jobs.followFailed')} onRetry={refollow} />
      )}
    </section>
  );
}

/** The step's words in the current language; a step this version does not know keeps the agent's title. */
function useStepTitle(): (step: JobStep) => string {
  const { t } = useTranslation();
  return (step) => (KNOWN_STEPS.has(step.step) ? t(`install.steps.${step.step as InstallStepId}`) : step.title);
}

function InstallStepRow({ step, view }: { step: JobStep; view: JobView }) {
  const { t } = useTranslation();
  const stepTitle = useStepTitle();
  const lines = view.log.filter((line) => line.step === step.step);
  const dropped = view.droppedByStep[step.step] ?? 0;
  const waiting = view.waiting?.step === step.step && !view.final;
  const state =
    step.state === 'skipped'
      ? step.message === NOT_CHOSEN
        ? t('setup.install.stepState.notChosen')
        : t('setup.install.stepState.alreadyDone')
      : waiting
        ? t('setup.install.stepState.waitingForYou')
        : step.state === 'running' && step.percent > 0
          ? t('jobs.stepRunningPercent', { percent: Math.round(step.percent) })
          : t(`jobs.step.${step.state}`);

  return (
    <li className="job-step install-step" data-step={step.step} data-state={step.state}>
      <div className="install-step__row">
        <StepMarker state={step.state} />
        <span className="job-step__text">
          <span className="job-step__title">{stepTitle(step)}</span>
          {step.state === 'running' && step.message && <span className="job-step__message">{step.message}</span>}
        </span>
        <span className="job-step__state">{state}</span>
      </div>
      {(lines.length > 0 || dropped > 0) && (
        <details className="install-step__log" open={step.state === 'failed' || undefined}>
          <summary>{t('setup.install.stepLog', { count: lines.length + dropped })}</summary>
          <LogLines
            lines={lines}
            droppedNote={dropped > 0 ? t('setup.install.stepLogDropped', { count: dropped }) : undefined}
          />
        </details>
      )}
    </li>
  );
}

/** Lines the job logged outside any step (how an attempt began, for instance). */
function UnsortedLog({ view }: { view: JobView }) {
  const { t } = useTranslation();
  const lines = view.log.filter((line) => line.step === undefined);
  if (lines.length === 0) return null;
  return (
    <details className="install-step__log">
      <summary>{t('setup.install.otherLog', { count: lines.length })}</summary>
      <LogLines lines={lines} />
    </details>
  );
}
