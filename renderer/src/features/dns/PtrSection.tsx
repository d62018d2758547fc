import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderTexts } from './provider-help';
import { StatusIcon } from '../setup/StatusIcon';
import type { DnsReport, Tone } from './dns-view';

type PtrResult = DnsReport['ptr'][number];

const PTR_TONES: Record<PtrResult['state'], Tone> = {
  correct: 'ok',
  wrong: 'blocker',
  missing: 'blocker',
  notConfirmed: 'warning',
  error: 'warning',
};

interface PtrSectionProps {
  mxHost: string;
  /** The addresses to check, in the plan's order; results may still be missing. */
  addresses: string[];
  results: PtrResult[] | undefined;
  providerName: string;
  help: ProviderTexts;
  picker: ReactNode;
}

/** Reverse DNS per server address, and how to set it at the VPS provider. */
export function PtrSection({ mxHost, addresses, results, providerName, help, picker }: PtrSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const allCorrect = results !== undefined && results.every((result) => result.state === 'correct');
  return (
    <section className="card dns-section" aria-labelledby={headingId} data-section="ptr">
      <h2 id={headingId} className="dns-section__title">
        {t('dns.ptr.title')}
      </h2>
      <p className="hint">{t('dns.ptr.intro', { mxHost })}</p>
      <ul className="checklist" aria-label={t('dns.ptr.listLabel')}>
        {addresses.map((address) => {
          const result = results?.find((candidate) => candidate.address === address);
          return (
            <li key={address} className="checklist__item" data-address={address} data-state={result?.state}>
              {result && <StatusIcon status={PTR_TONES[result.state]} />}
              <div className="checklist__text">
                <p className="checklist__title">
                  <code>{address}</code>
                  {': '}
                  {result ? t(`dns.ptr.state.${result.state}`) : t('dns.state.unchecked')}
                </p>
                {result && (
                  <p className="checklist__next">
                    {t(`dns.ptr.explain.${result.state}`, {
                      address,
                      expected: mxHost,
                      found: result.found.join(', '),
                    })}
                  </p>
                )}
                {result?.detail && (
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
      {!allCorrect && (
        <div className="dns-help">
          {picker}
          <h3 className="dns-help__title">{t('dns.ptr.stepsTitle', { provider: providerName })}</h3>
          <ol className="dns-help__steps">
            {help.ptrSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
