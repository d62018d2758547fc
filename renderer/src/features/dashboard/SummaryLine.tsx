import { useTranslation } from 'react-i18next';
import type { StackSummary } from '../../../../common/dashboard/dashboard-contract';
import { CheckIcon, InfoIcon } from '../../components/icons';

/** The one line at the top, worded here from the agent's ids and params. */
export function SummaryLine({ summary }: { summary: StackSummary }) {
  const { t } = useTranslation();
  const text = useSummaryText(summary);
  const good = summary.id === 'allHealthy';
  return (
    <p
      className={`dashboard-summary dashboard-summary--${summary.id}`}
      role="status"
      data-testid="dashboard-summary"
      data-summary={summary.id}
    >
      {good ? <CheckIcon /> : <InfoIcon />}
      <strong>{text}</strong>
      {summary.id === 'problems' && summary.issues.length > 1 && (
        <span>{t('dashboard.summary.more', { count: summary.issues.length - 1 })}</span>
      )}
    </p>
  );
}

export function useSummaryText(summary: StackSummary): string {
  const { t } = useTranslation();
  const params = summary.params;
  switch (summary.id) {
    case 'allHealthy':
      return t('dashboard.summary.allHealthy', { count: Number(params.count ?? 0) });
    case 'starting':
      return t('dashboard.summary.starting', { starting: params.starting, count: Number(params.count ?? 0) });
    case 'stopped':
      return t('dashboard.summary.stopped', { count: Number(params.count ?? 0) });
    case 'problems': {
      const first = summary.issues[0];
      const issueText = first ? issueWords(t, first.issue, first.params) : '';
      return t('dashboard.summary.problems', { service: String(params.service ?? ''), issueText });
    }
  }
}

type Translate = ReturnType<typeof useTranslation>['t'];

export function issueWords(
  t: Translate,
  issue: StackSummary['issues'][number]['issue'],
  params: Record<string, string | number>,
): string {
  // Cast: t's overloads over a key union with free params are too deep for the compiler.
  const word = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  if (issue === 'exited' && params.exitCode === undefined) return word('dashboard.issue.exitedNoCode');
  return word(`dashboard.issue.${issue}`, params);
}
