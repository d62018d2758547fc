import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusIcon } from '../setup/StatusIcon';
import { blocklistsByTarget, type DnsReport } from './dns-view';

/**
 * Per address and for the domain: the lists that name it, the ones that could not be asked (never shown
 * as a listing), or clean.
 */
export function BlocklistSection({ results }: { results: DnsReport['blocklists'] | undefined }) {
  const { t } = useTranslation();
  const headingId = useId();
  const targets = results ? blocklistsByTarget(results) : [];
  return (
    <section className="card dns-section" aria-labelledby={headingId} data-section="blocklists">
      <h2 id={headingId} className="dns-section__title">
        {t('dns.blocklists.title')}
      </h2>
      <p className="hint">{t('dns.blocklists.intro')}</p>
      {results === undefined ? (
        <p className="hint">{t('dns.state.unchecked')}</p>
      ) : targets.length === 0 ? (
        <p className="hint">{t('dns.blocklists.none')}</p>
      ) : (
        <ul className="checklist" aria-label={t('dns.blocklists.listLabel')}>
          {targets.map(({ target, listed, failed, clean }) => (
            <li
              key={target}
              className="checklist__item"
              data-target={target}
              data-state={listed.length ? 'listed' : failed.length ? 'error' : 'clean'}
            >
              <StatusIcon status={listed.length ? 'blocker' : failed.length ? 'warning' : 'ok'} />
              <div className="checklist__text">
                {listed.map((entry) => (
                  <p key={entry.list} className="checklist__title">
                    {t('dns.blocklists.listed', { target, list: entry.list })}
                  </p>
                ))}
                {failed.length > 0 && (
                  <p className="checklist__next">
                    {t('dns.blocklists.failed', { target, list: failed.map((entry) => entry.list).join(', ') })}
                  </p>
                )}
                {listed.length === 0 && failed.length === 0 && clean.length > 0 && (
                  <p className="checklist__title">{t('dns.blocklists.clean', { target })}</p>
                )}
                {[...listed, ...failed].some((entry) => entry.detail) && (
                  <details className="checklist__details">
                    <summary>{t('dns.technicalDetails')}</summary>
                    <pre>
                      {[...listed, ...failed]
                        .filter((entry) => entry.detail)
                        .map((entry) => `${entry.list}: ${entry.detail}`)
                        .join('\n')}
                    </pre>
                  </details>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
