import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorNotice } from '../ErrorNotice';
import { CheckIcon } from '../icons';
import { overallPercent, type JobStep, type JobView } from './job-journal';
import { useJobFollow, type FollowState } from './use-job-follow';

interface JobProgressProps {
  serverId: string;
  jobId: string;
  /** What the job does, e.g. "Connection test". */
  title: string;
  /** Offered with a failure that says trying again can help; starts a new job that picks up where this one stopped. */
  onRetry?: () => Promise<unknown> | void;
  onClose?: () => void;
}

/**
 * A job on a server as it happens: its steps, overall progress, the live log and the outcome.
 * Give it a `key` of the job id, so a new job starts with a fresh view.
 */
export function JobProgress({ serverId, jobId, title, onRetry, onClose }: JobProgressProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { view, follow, refollow } = useJobFollow(serverId, jobId);
  const [cancelling, setCancelling] = useState(false);
  const outcome = outcomeOf(view, follow);
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
      <div
        className="job__bar"
        role="progressbar"
        aria-labelledby={titleId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-outcome={outcome}
      >
        <div className="job__bar-fill" style={{ width: `${percent}%` }} />
      </div>
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
        <ErrorNotice error={failureOf(view)} heading={t('jobs.failedHeading', { title })} onRetry={onRetry} />
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

type Outcome = 'running' | 'reattaching' | 'succeeded' | 'failed' | 'cancelled';

function outcomeOf(view: JobView, follow: FollowState): Outcome {
  if (view.final) return view.final.status;
  if (follow.status === 'ended' && follow.jobStatus !== 'running' && follow.jobStatus !== 'starting') {
    return follow.jobStatus;
  }
  return follow.status === 'reattaching' ? 'reattaching' : 'running';
}

function failureOf(view: JobView): unknown {
  return (
    view.final?.error ??
    view.steps.find((step) => step.error)?.error ?? { code: 'internal', params: {}, retryable: true }
  );
}

function StepRow({ step }: { step: JobStep }) {
  const { t } = useTranslation();
  return (
    <li className="job-step" data-state={step.state}>
      <span className="job-step__marker" aria-hidden="true">
        {step.state === 'done' && <CheckIcon size={14} />}
        {step.state === 'failed' && '!'}
        {step.state === 'skipped' && '–'}
      </span>
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
        <pre ref={pre} className="job__log-lines" tabIndex={0} aria-label={t('jobs.log')}>
          {view.droppedLines > 0 && (
            <span className="job__log-dropped">{t('jobs.logDropped', { count: view.droppedLines })}</span>
          )}
          {view.log.map((line) => (
            <span key={line.offset} className="job__log-line" data-stream={line.stream}>
              {line.text.endsWith('\n') ? line.text : `${line.text}\n`}
            </span>
          ))}
        </pre>
      )}
    </details>
  );
}
