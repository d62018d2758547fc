import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DnsPlanResult } from '../../../../electron/contract/dns-schemas';
import type { ServerSummary } from '../../../../electron/contract/server-schemas';
import { guessProvider, VPS_PROVIDERS } from '../../../../common/dns/vps-providers';
import { renderProviderHelp } from './provider-help';
import { BlocklistSection } from './BlocklistSection';
import { DnsSummary } from './DnsSummary';
import { checksById, dnsVerdict, recordsAsText, shouldCheckAgain } from './dns-view';
import { PlanChoices } from './PlanChoices';
import { Port25Section } from './Port25Section';
import { ProviderPicker } from './ProviderPicker';
import { PtrSection } from './PtrSection';
import { RecordRow } from './RecordRow';
import { TlsSection } from './TlsSection';
import { useAutoRecheck, useNow } from './use-dns-timers';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { InfoIcon, SetupIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { CopyButton } from '../../components/CopyButton';
import { errorDataOf } from '../../errors/error-data';
import { useDns } from './dns-state';
import { useNavigation } from '../../state/navigation';
import { NoServer, NotConnected, ServerPicker, useCurrentServer } from '../servers/ServerGate';
import { useSetup } from '../setup/setup-state';
import './dns.css';

/** The records a server's domain needs, checked live, with what to do at the DNS and VPS providers. */
export function DnsPage() {
  const { t } = useTranslation();
  const dnsServerId = useDns((state) => state.serverId);
  const setupServerId = useSetup((state) => state.serverId);
  const open = useDns((state) => state.open);
  // The server the page was opened for; else the one the setup works on; else the first connected one.
  const { server, connected, ready } = useCurrentServer([dnsServerId, setupServerId]);

  useEffect(() => {
    if (server?.status === 'connected') void open(server.id);
  }, [server?.id, server?.status, open]);

  return (
    <>
      <PageHeader title={t('dns.title')} intro={t('dns.intro')} />
      {!server && ready && (
        <NoServer icon={<SetupIcon size={28} />} title={t('dns.noServer.title')}>
          <p>{t('dns.noServer.body')}</p>
        </NoServer>
      )}
      {server && (
        <div className="dns-page">
          <ServerPicker
            className="dns-page__server"
            label={t('dns.serverLabel')}
            testId="dns-server"
            server={server}
            choices={connected}
            onPick={(id) => void open(id)}
          />
          {server.status === 'connected' ? (
            <DnsContent server={server} />
          ) : (
            <NotConnected text={t('dns.notConnected', { name: server.name })} />
          )}
        </div>
      )}
    </>
  );
}

/** Everything about one connected server's records, once the plan is there. */
function DnsContent({ server }: { server: ServerSummary }) {
  const { t } = useTranslation();
  const plan = useDns((state) => state.plan);
  const loadPlan = useDns((state) => state.loadPlan);
  const go = useNavigation((state) => state.go);

  if (plan.status === 'idle' || plan.status === 'loading') {
    return (
      <p className="hint" role="status">
        {t('dns.loading')}
      </p>
    );
  }
  if (plan.status === 'failed') {
    if (errorDataOf(plan.error).code === 'stack.notInstalled') {
      return (
        <EmptyState icon={<SetupIcon size={28} />} title={t('dns.notInstalled.title', { name: server.name })}>
          <p>{t('dns.notInstalled.body')}</p>
          <div className="empty-state__actions">
            <button type="button" className="button button--primary" onClick={() => go('setup')}>
              {t('dns.notInstalled.goToSetup')}
            </button>
          </div>
        </EmptyState>
      );
    }
    return <ErrorNotice error={plan.error} heading={t('dns.loadFailed')} onRetry={loadPlan} />;
  }
  return <DnsChecks planned={plan.value} />;
}

function DnsChecks({ planned }: { planned: DnsPlanResult }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const options = useDns((state) => state.options);
  const setOptions = useDns((state) => state.setOptions);
  const report = useDns((state) => state.report);
  const serverCheck = useDns((state) => state.server);
  const outbound = useDns((state) => state.outbound);
  const checking = useDns((state) => state.checking);
  const autoRounds = useDns((state) => state.autoRounds);
  const check = useDns((state) => state.check);
  const checkOutbound = useDns((state) => state.checkOutbound);
  const pickedProvider = useDns((state) => state.provider);
  const pickProvider = useDns((state) => state.pickProvider);
  const [changingOptions, setChangingOptions] = useState(false);

  const { plan, zoneFile, addressSource } = planned;
  const lastReport = report.status === 'ready' ? report.value : undefined;
  const lastServer = serverCheck.status === 'ready' ? serverCheck.value : undefined;
  const checks = checksById(lastReport, plan);
  const verdict = lastReport
    ? dnsVerdict(lastReport, lastServer, outbound.status === 'ready' ? outbound.value : undefined)
    : undefined;

  const checkAgain = useCallback(() => void check('auto'), [check]);
  useAutoRecheck(shouldCheckAgain(verdict, autoRounds) && !checking, lastReport, checkAgain);
  const now = useNow(lastReport?.records.some((record) => record.state === 'propagating') ?? false);

  const guessed = guessProvider(lastReport?.ptr.flatMap((ptr) => ptr.found) ?? []);
  const provider = pickedProvider === undefined ? guessed : pickedProvider === 'other' ? undefined : pickedProvider;
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const texts = renderProviderHelp(provider, language, {
    domain: plan.domain,
    ipv4: plan.ipv4,
    ...(plan.ipv6 ? { ipv6: plan.ipv6 } : {}),
  });
  const providerName = provider ? VPS_PROVIDERS[provider].name : t('dns.ptr.otherProvider');
  const picker = (
    <ProviderPicker value={provider} guessed={guessed} onChange={(picked) => pickProvider(picked ?? 'other')} />
  );

  const changeOptions = async (patch: typeof options) => {
    setChangingOptions(true);
    try {
      await setOptions(patch);
    } finally {
      setChangingOptions(false);
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([zoneFile], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${plan.domain}.zone`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <>
      <DnsSummary
        report={lastReport}
        verdict={verdict}
        checking={checking}
        autoRounds={autoRounds}
        onCheck={() => void check('user')}
      />
      {report.status === 'failed' && (
        <ErrorNotice error={report.error} heading={t('dns.checkFailed')} onRetry={() => check('user')} />
      )}
      {serverCheck.status === 'failed' && (
        <ErrorNotice error={serverCheck.error} heading={t('dns.serverCheckFailed')} onRetry={() => check('user')} />
      )}

      <section className="card dns-section" aria-labelledby={headingId} data-section="records">
        <h2 id={headingId} className="dns-section__title">
          {t('dns.records.title')}
        </h2>
        <p className="hint">{t('dns.records.intro', { domain: plan.domain })}</p>
        {addressSource !== 'server' && (
          <p className="notice notice--boxed" data-address-source={addressSource}>
            <InfoIcon />
            <span>
              {addressSource === 'private'
                ? t('dns.records.privateAddress', { address: plan.ipv4 })
                : t('dns.records.connectionAddress', { address: plan.ipv4 })}
            </span>
          </p>
        )}
        <PlanChoices
          domain={plan.domain}
          options={options}
          busy={changingOptions}
          onChange={(patch) => void changeOptions(patch)}
        />
        <div className="dns-section__actions">
          <CopyButton text={recordsAsText(plan)} label={t('dns.records.copyAll')} />
          <button type="button" className="button button--small" onClick={download}>
            {t('dns.records.download')}
          </button>
        </div>
        <p className="hint">{t('dns.records.downloadNote')}</p>
        <ul className="dns-records" aria-label={t('dns.records.listLabel')}>
          {plan.records.map((record) => (
            <RecordRow
              key={record.id}
              record={record}
              check={checks.get(record.id)}
              checkedAt={lastReport?.checkedAt}
              domain={plan.domain}
              mxHost={plan.mxHost}
              now={now}
              onRetry={() => void check('user')}
            />
          ))}
        </ul>
      </section>

      <PtrSection
        mxHost={plan.mxHost}
        addresses={plan.ptr.map((ptr) => ptr.address)}
        results={lastReport?.domain === plan.domain ? lastReport.ptr : undefined}
        providerName={providerName}
        help={texts}
        picker={picker}
      />
      <Port25Section
        outbound={outbound}
        onCheckOutbound={() => void checkOutbound()}
        inbound={lastServer?.inbound}
        providerName={providerName}
        help={texts}
        picker={picker}
      />
      <BlocklistSection results={lastReport?.blocklists} />
      <TlsSection results={lastServer?.tls} />
    </>
  );
}
