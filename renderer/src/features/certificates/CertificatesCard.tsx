import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useRead } from '../../api/use-read';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckIcon, InfoIcon } from '../../components/icons';
import { JobProgress } from '../../components/jobs/JobProgress';
import { DnsChallenge } from '../setup/DnsChallenge';
import { canRenewNow, certificateRows, type CertificateRow } from './certificates-view';
import './certificates.css';

/** Each certificate the server holds: names, issuer, dates, days left, how it renews, and what to do. */
export function CertificatesCard({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  // Read when the page opens and when asked: certificates change a few times a year, not by the second.
  const { value: status, error, reading: checking, again: check } = useRead('certificates.status', { serverId });

  if (error && !status) return <ErrorNotice error={error} heading={t('certificates.failed')} onRetry={check} />;
  if (!status) return null;
  const rows = certificateRows(status, new Date(status.at));
  return (
    <section className="card certificates" aria-labelledby="certificates-title" data-testid="certificates">
      <div className="certificates__head">
        <h2 id="certificates-title" className="form__title">
          {t('certificates.title')}
        </h2>
        <button type="button" className="button button--small" disabled={checking} onClick={check}>
          {checking ? t('certificates.checking') : t('certificates.refresh')}
        </button>
      </div>
      <p className="hint">{t('certificates.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('certificates.none')}</p>
      ) : (
        <ul className="certificates__list">
          {rows.map((row) => (
            <CertificateItem key={row.info.certName} row={row} serverId={serverId} onChanged={check} />
          ))}
        </ul>
      )}
      <p className="hint" data-testid="certificates-auto-renew" data-auto-renew={status.autoRenew}>
        {t(`certificates.autoRenew.${status.autoRenew}`)}
      </p>
      {error !== undefined && <ErrorNotice error={error} heading={t('certificates.failed')} />}
    </section>
  );
}

function CertificateItem({
  row,
  serverId,
  onChanged,
}: {
  row: CertificateRow;
  serverId: string;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  const moments = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const { info } = row;
  const [jobId, setJobId] = useState<string>();
  const [startError, setStartError] = useState<unknown>();
  const renew = async () => {
    setStartError(undefined);
    try {
      const job = { kind: 'certificates.renew' as const, params: { certName: info.certName } };
      setJobId((await api.call('jobs.start', { serverId, job })).jobId);
    } catch (error) {
      setStartError(error);
    }
  };
  const last = info.lastRenewal;
  return (
    <li
      className={`certificates__item certificates__item--${row.tone}`}
      data-cert-name={info.certName}
      data-days-left={row.daysLeft}
      data-tone={row.tone}
    >
      <p className="certificates__name">
        <strong>{info.certName}</strong>{' '}
        <span className="certificates__days">
          {row.daysLeft >= 0
            ? t('certificates.daysLeft', { count: row.daysLeft })
            : t('certificates.expiredAgo', { count: -row.daysLeft })}
        </span>
      </p>
      <dl className="certificates__facts">
        <div>
          <dt>{t('certificates.names')}</dt>
          <dd>{info.names.join(', ')}</dd>
        </div>
        <div>
          <dt>{t('certificates.issuer')}</dt>
          <dd>{info.issuer}</dd>
        </div>
        <div>
          <dt>{t('certificates.valid')}</dt>
          <dd>
            {t('certificates.validRange', {
              from: dates.format(new Date(info.notBefore)),
              to: dates.format(new Date(info.notAfter)),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('certificates.renews')}</dt>
          <dd data-method={info.method}>
            {t(`certificates.method.${info.method}`, { provider: info.provider ?? '' })}
          </dd>
        </div>
      </dl>
      {row.warnings.map((warning) => (
        <p key={warning} className="notice notice--boxed notice--warning" role="alert" data-warning={warning}>
          <InfoIcon />
          <span>
            {t(`certificates.warning.${warning}`, { count: row.daysLeft, names: info.missingNames.join(', ') })}
          </span>
        </p>
      ))}
      {info.served && info.served.length > 0 && (
        <ul
          className="certificates__served"
          data-testid="certificates-served"
          aria-label={t('certificates.served.title')}
        >
          {info.served.map((check) => (
            <li key={check.port} data-port={check.port} data-serves={check.serves}>
              {check.serves === 'this' ? <CheckIcon /> : <InfoIcon />}{' '}
              {t(`certificates.served.${check.serves}`, {
                name: check.name,
                port: check.port,
                detail: check.detail,
              })}
            </li>
          ))}
        </ul>
      )}
      {last && (
        <p className="hint" data-testid="certificates-last-renewal" data-outcome={last.outcome}>
          {t(`certificates.lastRenewal.${last.outcome}`, { at: moments.format(new Date(last.at)) })}
        </p>
      )}
      {jobId ? (
        <JobProgress
          key={jobId}
          serverId={serverId}
          jobId={jobId}
          title={t('certificates.renewJob', { name: info.certName })}
          renderWaiting={(waiting) => (
            <DnsChallenge
              key={waiting.offset}
              serverId={serverId}
              jobId={jobId}
              domain={info.certName}
              records={waiting.records}
            />
          )}
          onRetry={renew}
          onClose={() => {
            setJobId(undefined);
            onChanged();
          }}
        />
      ) : canRenewNow(info) ? (
        <div>
          {info.method === 'manual-dns' && <p className="hint">{t('certificates.renewManual')}</p>}
          <button
            type="button"
            className="button button--small"
            onClick={() => void renew()}
            data-testid="certificates-renew"
          >
            {t('certificates.renewNow')}
          </button>
        </div>
      ) : null}
      {startError !== undefined && <ErrorNotice error={startError} heading={t('certificates.renewFailed')} />}
    </li>
  );
}
