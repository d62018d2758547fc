import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DnsServerCheck } from '../../../../electron/contract/dns-schemas';
import { StatusIcon } from '../setup/StatusIcon';
import type { Tone } from './dns-view';

type TlsCheck = DnsServerCheck['tls'][number];

const TLS_TONES: Record<TlsCheck['state'], Tone> = {
  ok: 'ok',
  expiringSoon: 'warning',
  untrusted: 'warning',
  nameMismatch: 'blocker',
  expired: 'blocker',
  unreachable: 'blocker',
};

const PORT_KEYS = {
  443: 'dns.tls.port.https',
  465: 'dns.tls.port.smtp',
  993: 'dns.tls.port.imap',
  995: 'dns.tls.port.pop3',
} as const;

function portLabel(port: number): keyof typeof PORT_KEYS | undefined {
  return port in PORT_KEYS ? (port as keyof typeof PORT_KEYS) : undefined;
}

/** The certificate on each encrypted port: for which names, from whom, until when. */
export function TlsSection({ results }: { results: TlsCheck[] | undefined }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  return (
    <section className="card dns-section" aria-labelledby={headingId} data-section="tls">
      <h2 id={headingId} className="dns-section__title">
        {t('dns.tls.title')}
      </h2>
      <p className="hint">{t('dns.tls.intro')}</p>
      {results === undefined ? (
        <p className="hint">{t('dns.state.unchecked')}</p>
      ) : (
        <ul className="checklist" aria-label={t('dns.tls.listLabel')}>
          {results.map((result) => {
            const known = portLabel(result.port);
            return (
              <li key={result.port} className="checklist__item" data-port={result.port} data-state={result.state}>
                <StatusIcon status={TLS_TONES[result.state]} />
                <div className="checklist__text">
                  <p className="checklist__title">
                    {known ? t(PORT_KEYS[known]) : `${result.servername}:${result.port}`}
                    {': '}
                    {t(`dns.tls.state.${result.state}`)}
                  </p>
                  {result.state !== 'ok' && (
                    <p className="checklist__next">
                      {t(`dns.tls.explain.${result.state}`, {
                        name: result.servername,
                        port: result.port,
                        days: result.daysLeft ?? 0,
                      })}
                    </p>
                  )}
                  {result.names.length > 0 && (
                    <dl className="dns-tls__facts">
                      <div>
                        <dt>{t('dns.tls.names')}</dt>
                        <dd>{result.names.join(', ')}</dd>
                      </div>
                      {result.issuer && (
                        <div>
                          <dt>{t('dns.tls.issuer')}</dt>
                          <dd>{result.issuer}</dd>
                        </div>
                      )}
                      {result.validTo && (
                        <div>
                          <dt>{t('dns.tls.expires')}</dt>
                          <dd>
                            {t('dns.tls.expiresOn', {
                              date: dates.format(new Date(result.validTo)),
                              days: result.daysLeft ?? 0,
                            })}
                          </dd>
                        </div>
                      )}
                    </dl>
                  )}
                  {result.detail && (
                    <details className="checklist__details">
                      <summary>{t('dns.technicalDetails')}</summary>
                      <pre>{result.detail}</pre>
                    </details>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
