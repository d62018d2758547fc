import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DnsServerCheck } from '../../../../electron/contract/dns-schemas';
import type { PreflightFinding } from '../../../../common/agent-contract';
import type { ProviderTexts } from './provider-help';
import type { Loadable } from '../setup/setup-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CopyButton } from '../../components/CopyButton';
import { StatusIcon } from '../setup/StatusIcon';
import type { Tone } from './dns-view';

type InboundState = DnsServerCheck['inbound']['state'];
const INBOUND_TONES: Record<InboundState, Tone> = {
  open: 'ok',
  closed: 'blocker',
  filtered: 'blocker',
  cannotTestFromHere: 'warning',
};

type OutboundKey = `preflight.outboundSmtp.${'ok' | 'warning' | 'blocker'}`;

interface Port25SectionProps {
  outbound: Loadable<PreflightFinding>;
  onCheckOutbound: () => void;
  inbound: DnsServerCheck['inbound'] | undefined;
  providerName: string;
  help: ProviderTexts;
  picker: ReactNode;
}

/** Port 25 both ways: sending, as the server's own check sees it, and receiving, tried from this computer. */
export function Port25Section({ outbound, onCheckOutbound, inbound, providerName, help, picker }: Port25SectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const finding = outbound.status === 'ready' ? outbound.value : undefined;
  const outboundKey = finding ? (`preflight.outboundSmtp.${finding.status}` as OutboundKey) : undefined;
  const blocked = (finding && finding.status !== 'ok') || (inbound && INBOUND_TONES[inbound.state] === 'blocker');

  return (
    <section className="card dns-section" aria-labelledby={headingId} data-section="port25">
      <h2 id={headingId} className="dns-section__title">
        {t('dns.port25.title')}
      </h2>
      <p className="hint">{t('dns.port25.intro')}</p>
      <ul className="checklist">
        <li className="checklist__item" data-check="outbound" data-status={finding?.status}>
          {finding && <StatusIcon status={finding.status} />}
          <div className="checklist__text">
            <p className="checklist__title">{t('dns.port25.outbound')}</p>
            {outbound.status === 'loading' && <p className="checklist__next">{t('dns.port25.outboundChecking')}</p>}
            {finding && outboundKey && (
              <>
                <p className="checklist__next">{t(`${outboundKey}.title`, finding.params)}</p>
                <p className="checklist__next">{t(`${outboundKey}.next`, finding.params)}</p>
              </>
            )}
            {outbound.status === 'failed' && (
              <ErrorNotice error={outbound.error} heading={t('dns.port25.outboundFailed')} />
            )}
            <div>
              <button
                type="button"
                className="button button--small"
                onClick={onCheckOutbound}
                disabled={outbound.status === 'loading'}
              >
                {t('dns.port25.checkAgain')}
              </button>
            </div>
          </div>
        </li>
        <li className="checklist__item" data-check="inbound" data-status={inbound?.state}>
          {inbound && <StatusIcon status={INBOUND_TONES[inbound.state]} />}
          <div className="checklist__text">
            <p className="checklist__title">{t('dns.port25.inbound')}</p>
            <p className="checklist__next">
              {inbound ? t(`dns.port25.inboundState.${inbound.state}`) : t('dns.state.unchecked')}
            </p>
            {inbound?.detail && (
              <details className="checklist__details">
                <summary>{t('dns.technicalDetails')}</summary>
                <pre>{inbound.detail}</pre>
              </details>
            )}
          </div>
        </li>
      </ul>
      {blocked && (
        <div className="dns-help">
          {picker}
          <h3 className="dns-help__title">{t('dns.port25.helpTitle', { provider: providerName })}</h3>
          <ul className="dns-help__steps">
            {help.port25Steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <h4 className="dns-help__subtitle">{t('dns.port25.ticketTitle')}</h4>
          <pre className="snippet snippet--wrap dns-help__ticket" data-testid="port25-ticket">
            {help.ticket}
          </pre>
          <div>
            <CopyButton text={help.ticket} label={t('dns.port25.copyTicket')} />
          </div>
        </div>
      )}
    </section>
  );
}
