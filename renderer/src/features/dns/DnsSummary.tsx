import { useTranslation } from 'react-i18next';
import { CheckIcon, InfoIcon } from '../../components/icons';
import { MAX_AUTO_CHECKS, type DnsReport, type DnsVerdict } from './dns-view';

interface DnsSummaryProps {
  report: DnsReport | undefined;
  verdict: DnsVerdict | undefined;
  checking: boolean;
  autoRounds: number;
  onCheck: () => void;
}

/** The verdict at the top: checking, everything right, or how much is left; and when it checks again. */
export function DnsSummary({ report, verdict, checking, autoRounds, onCheck }: DnsSummaryProps) {
  const { t, i18n } = useTranslation();
  const time = report
    ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(new Date(report.checkedAt))
    : undefined;
  const toFix = verdict
    ? verdict.recordsToFix +
      verdict.optionalToFix +
      verdict.ptrToFix +
      verdict.listed +
      verdict.unknown +
      verdict.tlsToFix +
      verdict.port25ToFix
    : 0;

  return (
    <div
      className="card dns-summary"
      data-verdict={!verdict ? 'checking' : verdict.everythingRight ? 'right' : 'toFix'}
      data-testid="dns-summary"
    >
      <div className="dns-summary__main" role="status" aria-live="polite">
        {verdict?.everythingRight ? <CheckIcon size={22} /> : <InfoIcon size={22} />}
        <p className="dns-summary__verdict">
          {!verdict
            ? t('dns.summary.checking')
            : verdict.everythingRight
              ? t('dns.summary.allRight')
              : t('dns.summary.toFix', { count: toFix })}
        </p>
      </div>
      {report?.authority.state === 'found' && (
        <p className="hint">{t('dns.summary.nameservers', { nameservers: report.authority.nameservers.join(', ') })}</p>
      )}
      {report?.authority.state === 'error' && <p className="hint">{t('dns.summary.nameserversNotFound')}</p>}
      <div className="dns-summary__actions">
        <button type="button" className="button" onClick={onCheck} disabled={checking}>
          {checking ? t('dns.summary.checkingNow') : t('dns.summary.checkNow')}
        </button>
        {time && <span className="hint">{t('dns.summary.checkedAt', { time })}</span>}
      </div>
      {verdict && !verdict.everythingRight && (
        <p className="hint">
          {autoRounds >= MAX_AUTO_CHECKS ? t('dns.summary.autoStopped') : t('dns.summary.autoCheck')}
        </p>
      )}
    </div>
  );
}
