import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorNotice } from '../ErrorNotice';
import { CheckIcon } from '../icons';
import { jobFailure, jobOutcome, overallPercent, type JobStep, type JobView } from './job-journal';
import { JobBar, LogLines, StepMarker } from './JobParts';
import { useJobView } from './use-job-view';

interface JobProgressProps {
  serverId: string;
  jobId: string;
  /** What the job does, e.g. "Connection test". */
  title: string;
  /** Offered with a failure that says trying again can help; starts a new job that picks up where this one stopped. */
  onRetry?: () => Promise<unknown> | void;
  onClose?: () => void;
  /** What to show while a step waits for the user (a manual-DNS renewal's TXT records, say). */
  renderWaiting?: (waiting: NonNullable<JobView['waiting']>) => ReactNode;
}

/**
 * A job on a server as it happens: its steps, overall progress, the live log and the outcome.
 * Give it a `key` of the job id, so a new job starts with a fresh view.
 */
export function JobProgress({ serverId, jobId, title, onRetry, onClose, renderWaiting }: JobProgressProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { view, follow, refollow } = useJobView(serverId, jobId);
  const [cancelling, setCancelling] = useState(false);
  const outcome = jobOutcome(view, follow);
  const percent = overallPercent(view);

  const cancel = async () => {
    setCancelling(true);
    try {
      await api.call('jobs.cancel', { serverId, jobId });
    } catch {
      setCancelling(false);
    }
  };

  return (
    <section className="job" aria-labelledby={titleId} data-job-id={jobId} data-outcome={outcome}>
      <header className="job__header">
        <h3 id={titleId} className="job__title">
          {title}
        </h3>
        <p className="job__state" role="status">
          {t(`jobs.outcome.${outcome}`)}
        </p>
      </header>
      <JobBar labelledBy={titleId} percent={percent} outcome={outcome} />
      {view.waiting && !view.final && renderWaiting?.(view.waiting)}
      {view.steps.length > 0 && (
        <ol className="job__steps" aria-label={t('jobs.stepsLabel')}>
          {view.steps.map((step) => (
            <StepRow key={step.step} step={step} />
          ))}
        </ol>
      )}
      <JobLog view={view} />
      {outcome === 'succeeded' && (
        <p className="job__success">
          <CheckIcon />
          {t('jobs.succeeded')}
        </p>
      )}
      {outcome === 'cancelled' && <p className="job__note">{t('jobs.cancelled')}</p>}
      {outcome === 'failed' && (
        <ErrorNotice error={jobFailure(view)} heading={t('jobs.failedHeading', { title })} onRetry={onRetry} />
      )}
      {follow.status === 'failed' && (
        <ErrorNotice error={follow.error} heading={t('jobs.followFailed')} onRetry={refollow} />
      )}
      <div className="job__actions">
        {outcome === 'running' && (
          <button type="button" className="button" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? t('jobs.cancelling') : t('jobs.cancel')}
          </button>
        )}
        {outcome !== 'running' && onClose && (
          <button type="button" className="button" onClick={onClose}>
            {t('jobs.close')}
          </button>
        )}
      </div>
    </section>
  );
}

function StepRow({ step }: { step: JobStep }) {
  const { t } = useTranslation();
  return (
    <li className="job-step" data-state={step.state}>
      <StepMarker state={step.state} />
      <span className="job-step__text">
        <span className="job-step__title">{step.title}</span>
        {step.state === 'running' && step.message && <span className="job-step__message">{step.message}</span>}
      </span>
      <span className="job-step__state">
        {step.state === 'running' && step.percent > 0
          ? t('jobs.stepRunningPercent', { percent: Math.round(step.percent) })
          : t(`jobs.step.${step.state}`)}
      </span>
    </li>
  );
}

function JobLog({ view }: { view: JobView }) {
  const { t } = useTranslation();
  const pre = useRef<HTMLPreElement>(null);
  const lastLine = view.log.at(-1)?.offset;

  // Keep the newest line in sight, unless the person scrolled up to read.
  useEffect(() => {
    const element = pre.current;
    if (!element) return;
    const nearBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
    if (nearBottom || element.scrollTop === 0) element.scrollTop = element.scrollHeight;
  }, [lastLine]);

  return (
    <details className="job__log" open>
      <summary>{t('jobs.log')}</summary>
      {view.log.length === 0 ? (
        <p className="hint">{t('jobs.logEmpty')}</p>
      ) : (
        <LogLines
          preRef={pre}
          label={t('jobs.log')}
          lines={view.log}
          droppedNote={view.droppedLines > 0 ? t('jobs.logDropped', { count: view.droppedLines }) : undefined}
        />
      )}
    </details>
  );
}
