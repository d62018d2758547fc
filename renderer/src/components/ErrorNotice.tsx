import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../errors/describe-error';

interface ErrorNoticeProps {
  error: unknown;
  /** What failed, e.g. "Your change was not saved"; the error's own title follows it. */
  heading?: string;
  /** Offered as "Try again" only when the error says trying again can help. */
  onRetry?: () => Promise<unknown> | void;
  /** More explanation for this situation, after what to do next. */
  children?: ReactNode;
}

/** The one way the app shows an error: what happened, what to do next, and the technical detail folded away. */
export function ErrorNotice({ error, heading, onRetry, children }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const [retrying, setRetrying] = useState(false);
  const description = describeError(error, t);
  const canRetry = description.retryable && onRetry !== undefined;

  const retry = async () => {
    setRetrying(true);
    try {
      await onRetry?.();
    } finally {
      setRetrying(false);
    }
  };

  return (
    <div className="error-notice" role="alert" data-error-code={description.code}>
      <svg className="error-notice__icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M10 5.5v5.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="10" cy="14" r="1.1" fill="currentColor" />
      </svg>
      <div className="error-notice__body">
        {heading && <p className="error-notice__heading">{heading}</p>}
        <p className="error-notice__title">{description.title}</p>
        <p className="error-notice__next">{description.next}</p>
        {children}
        <details className="error-notice__details">
          <summary>{t('errorNotice.details')}</summary>
          <div className="error-notice__technical">
            <p>
              {t('errorNotice.code')}: <code>{description.code}</code>
            </p>
            {description.detail && <pre>{description.detail}</pre>}
          </div>
        </details>
        {canRetry && (
          <button type="button" className="button" onClick={() => void retry()} disabled={retrying}>
            {retrying ? t('errorNotice.retrying') : t('errorNotice.retry')}
          </button>
        )}
      </div>
    </div>
  );
}
