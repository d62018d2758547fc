import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import { StatusIcon } from '../setup/StatusIcon';
import {
  disagreement,
  fixView,
  formatCountdown,
  quotedTxtStrings,
  recordTone,
  remainingSeconds,
  type PlannedRecordView,
  type RecordCheckView,
} from './dns-view';

interface RecordRowProps {
  record: PlannedRecordView;
  check: RecordCheckView | undefined;
  /** When the check ran (the TTL countdown starts there). */
  checkedAt: string | undefined;
  domain: string;
  mxHost: string;
  /** The page's clock, ticking while a countdown is shown. */
  now: number;
  onRetry: () => void;
}

/** One record to publish: what it is for, its name, type and value(s) with copy buttons, and what the check found. */
export function RecordRow({ record, check, checkedAt, domain, mxHost, now, onRetry }: RecordRowProps) {
  const { t } = useTranslation();
  const several = record.values.length > 1;
  return (
    <li
      className="dns-record dns-plan__record"
      data-record={record.id}
      data-state={check?.state ?? 'unchecked'}
      data-tone={check ? recordTone(check) : 'pending'}
      aria-label={`${record.type} ${record.name}`}
    >
      <p className="dns-plan__purpose">
        {t(record.purpose)}
        {!record.required && <span className="dns-plan__optional"> ({t('dns.records.optional')})</span>}
      </p>
      <dl className="dns-record__fields">
        <div>
          <dt>{t('dns.records.type')}</dt>
          <dd>
            <code>{record.type}</code>
          </dd>
        </div>
        <div>
          <dt>{t('dns.records.name')}</dt>
          <dd className="dns-record__value">
            <code>{record.host}</code>
            <span className="muted">{record.name}</span>
            <CopyButton text={record.host} label={t('dns.records.copyName')} />
          </dd>
        </div>
        {record.values.map((value, index) => (
          <div key={value}>
            <dt>{several ? t('dns.records.valueNumbered', { number: index + 1 }) : t('dns.records.value')}</dt>
            <dd className="dns-record__value">
              <code>{value}</code>
              <CopyButton text={value} label={t('dns.records.copyValue')} />
            </dd>
          </div>
        ))}
      </dl>
      {record.txtStrings && record.txtStrings.length > 1 && (
        <details className="dns-plan__split">
          <summary>{t('dns.records.splitSummary')}</summary>
          <p className="hint">{t('dns.records.splitBody')}</p>
          <p className="dns-record__value">
            <code>{quotedTxtStrings(record.txtStrings)}</code>
            <CopyButton text={quotedTxtStrings(record.txtStrings)} label={t('dns.records.copySplit')} />
          </p>
        </details>
      )}
      <RecordStatus check={check} checkedAt={checkedAt} domain={domain} mxHost={mxHost} now={now} onRetry={onRetry} />
    </li>
  );
}

function RecordStatus({
  check,
  checkedAt,
  domain,
  mxHost,
  now,
  onRetry,
}: Omit<RecordRowProps, 'record' | 'check'> & { check: RecordCheckView | undefined }) {
  const { t } = useTranslation();
  if (!check) {
    return (
      <p className="dns-status" data-tone="pending">
        {t('dns.state.unchecked')}
      </p>
    );
  }
  const tone = recordTone(check);
  const fix = fixView(check);
  const none = t('dns.fix.nothing');
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : none);

  return (
    <div className="dns-status" data-tone={tone}>
      <StatusIcon status={tone} />
      <div className="dns-status__text">
        <p className="dns-status__title">{t(`dns.state.${check.state}`)}</p>
        {check.state === 'correct' && <p>{t('dns.explain.correct')}</p>}
        {check.state === 'propagating' && (
          <p>
            {t('dns.explain.propagating', {
              time: formatCountdown(checkedAt ? remainingSeconds(check, checkedAt, now) : 0),
            })}
          </p>
        )}
        {check.state === 'disagree' && (
          <>
            <p>{t('dns.explain.disagree')}</p>
            <p className="dns-status__label">{t('dns.fix.answers')}</p>
            <ul className="dns-status__answers">
              {disagreement(check).map((entry, index) => (
                <li key={`${entry.nameserver}-${index}`}>
                  <code>{entry.nameserver}</code>: {entry.found || t('dns.fix.noAnswer')}
                </li>
              ))}
            </ul>
          </>
        )}
        {check.state === 'wrong' && (
          <p>{t('dns.explain.wrong', { found: list(check.found), expected: list(check.expected) })}</p>
        )}
        {check.state === 'missing' && (
          <p>{check.required ? t('dns.explain.missing') : t('dns.explain.missingOptional')}</p>
        )}
        {check.state === 'error' && <p>{t('dns.explain.error')}</p>}
        {check.findings.map((finding) => (
          <p key={finding} className="dns-status__finding" data-finding={finding}>
            {t(`dns.findings.${finding}`, { domain, mxHost })}
          </p>
        ))}
        {fix.kind === 'replace' && (
          <p className="dns-status__fix">
            {t(fix.elsewhere ? 'dns.fix.replaceElsewhere' : 'dns.fix.replace', {
              name: fix.name,
              type: fix.type,
              remove: list(fix.remove),
              add: list(fix.add),
            })}
          </p>
        )}
        {check.detail && (
          <details className="checklist__details">
            <summary>{t('dns.technicalDetails')}</summary>
            <pre>{check.detail}</pre>
          </details>
        )}
        {check.state === 'error' && (
          <button type="button" className="button button--small" onClick={onRetry}>
            {t('dns.fix.retry')}
          </button>
        )}
      </div>
    </div>
  );
}
