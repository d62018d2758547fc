import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CopyButton } from '../../components/CopyButton';
import { groupRecordsByName } from './dns-records';

interface DnsChallengeProps {
  serverId: string;
  jobId: string;
  /** The mail domain, when this window knows it (not after re-attaching to an install started elsewhere). */
  domain: string | undefined;
  records: { name: string; value: string }[];
}

type Confirmation =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'sent'; confirmed: boolean }
  | { status: 'notVisible'; records: { name: string; value: string }[] }
  | { status: 'failed'; error: unknown };

/**
 * The TXT records a manual-DNS certificate needs, each with a copy button, and the button that
 * tells the waiting install they are published. Give it a `key` of the question's journal offset,
 * so a new question asks for a new confirmation.
 */
export function DnsChallenge({ serverId, jobId, domain, records }: DnsChallengeProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [confirmation, setConfirmation] = useState<Confirmation>({ status: 'idle' });
  const groups = groupRecordsByName(records);

  const confirm = async (force = false) => {
    setConfirmation({ status: 'sending' });
    try {
      // The app first looks the records up at the domain's own nameservers: going on before they are
      // there would only make the certificate request fail.
      const { confirmed, notVisible } = await api.call('stack.confirmDnsChallenge', {
        serverId,
        jobId,
        records,
        ...(force ? { force } : {}),
      });
      setConfirmation(
        notVisible.length > 0 ? { status: 'notVisible', records: notVisible } : { status: 'sent', confirmed },
      );
    } catch (error) {
      setConfirmation({ status: 'failed', error });
    }
  };

  return (
    <section className="dns-challenge" aria-labelledby={headingId} data-testid="dns-challenge">
      <h3 id={headingId} className="dns-challenge__title">
        {t('setup.dnsChallenge.title')}
      </h3>
      <p>{domain ? t('setup.dnsChallenge.intro', { domain }) : t('setup.dnsChallenge.introNoDomain')}</p>
      <ul className="dns-records">
        {groups.map((group) => (
          <li key={group.name} className="dns-record">
            <dl className="dns-record__fields">
              <div>
                <dt>{t('setup.dnsChallenge.type')}</dt>
                <dd>
                  <code>TXT</code>
                </dd>
              </div>
              <div>
                <dt>{t('setup.dnsChallenge.name')}</dt>
                <dd className="dns-record__value">
                  <code>{group.name}</code>
                  <CopyButton text={group.name} label={t('setup.dnsChallenge.copyName')} />
                </dd>
              </div>
              {group.values.map((value, index) => (
                <div key={value}>
                  <dt>
                    {group.values.length > 1
                      ? t('setup.dnsChallenge.valueNumbered', { number: index + 1 })
                      : t('setup.dnsChallenge.value')}
                  </dt>
                  <dd className="dns-record__value">
                    <code>{value}</code>
                    <CopyButton text={value} label={t('setup.dnsChallenge.copyValue')} />
                  </dd>
                </div>
              ))}
            </dl>
            {group.values.length > 1 && <p className="hint">{t('setup.dnsChallenge.twoValues')}</p>}
          </li>
        ))}
      </ul>

      {confirmation.status === 'failed' && (
        <ErrorNotice
          error={confirmation.error}
          heading={t('setup.dnsChallenge.confirmFailed')}
          onRetry={() => void confirm()}
        />
      )}
      {confirmation.status === 'notVisible' && (
        <div className="notice" role="status" data-testid="dns-challenge-not-visible">
          <p>{t('setup.dnsChallenge.notVisible')}</p>
          <ul>
            {confirmation.records.map((record) => (
              <li key={`${record.name} ${record.value}`}>
                <code>{record.name}</code> <code>{record.value}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => void confirm(true)}>
            {t('setup.dnsChallenge.continueAnyway')}
          </button>
        </div>
      )}
      {confirmation.status === 'sent' ? (
        <p className="hint" role="status">
          {confirmation.confirmed ? t('setup.dnsChallenge.confirmed') : t('setup.dnsChallenge.notWaiting')}
        </p>
      ) : (
        <div className="wizard-panel__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void confirm()}
            disabled={confirmation.status === 'sending'}
          >
            {confirmation.status === 'sending' ? t('setup.dnsChallenge.confirming') : t('setup.dnsChallenge.confirm')}
          </button>
          <p className="hint">{t('setup.dnsChallenge.wait')}</p>
        </div>
      )}
    </section>
  );
}
