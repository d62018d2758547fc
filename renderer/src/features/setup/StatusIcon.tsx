import type { PreflightStatus } from '../../../../common/agent-contract';

/**
 * The icon beside a check's result: a tick, a warning triangle or a stop sign. Decorative: the
 * words beside it say the same for screen readers.
 */
export function StatusIcon({ status }: { status: PreflightStatus }) {
  return (
    <svg className="status-icon" data-status={status} width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      {status === 'ok' && (
        <>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path
            d="M5.8 10.4l2.8 2.8 5.6-6"
            fill="none"
            stroke="var(--color-surface)"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
      {status === 'warning' && (
        <>
          <path d="M10 1.8l8.6 15.4H1.4z" fill="currentColor" strokeLinejoin="round" />
          <path d="M10 7.5v4.6" stroke="var(--color-surface)" strokeWidth="2" strokeLinecap="round" />
          <circle cx="10" cy="14.6" r="1.1" fill="var(--color-surface)" />
        </>
      )}
      {status === 'blocker' && (
        <>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path
            d="M6.6 6.6l6.8 6.8M13.4 6.6l-6.8 6.8"
            stroke="var(--color-surface)"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </>
      )}
    </svg>
  );
}
