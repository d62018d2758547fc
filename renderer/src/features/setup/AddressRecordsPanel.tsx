import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../electron/contract/contract';
import type { StackProfile } from '../../../../common/stack/stack-contract';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CopyButton } from '../../components/CopyButton';

type AddressCheck = CallOutput<'dns.checkAddresses'>;

type CheckState =
  { status: 'checking' } | { status: 'done'; value: AddressCheck } | { status: 'failed'; error: unknown };

interface AddressRecordsPanelProps {
  domain: string;
  profile: StackProfile;
  ipv4: string;
}

/**
 * Shown before an install whose certificate comes by HTTP-01: the certificate authority connects to
 * every name of the certificate, so these A records must point at the server before the install asks
 * for it. Checked live at the domain's nameservers; the install can still start (the user may know
 * better), and the full record list (MX, SPF, DKIM...) comes after the install.
 */
export function AddressRecordsPanel({ domain, profile, ipv4 }: AddressRecordsPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [check, setCheck] = useState<CheckState>({ status: 'checking' });

  const lookUp = () => api.call('dns.checkAddresses', { domain, profile, ipv4 });

  const run = async () => {
    setCheck({ status: 'checking' });
    try {
      setCheck({ status: 'done', value: await lookUp() });
    } catch (error) {
      setCheck({ status: 'failed', error });
    }
  };

  // The first check when the panel appears (its key changes with the domain and address).
  useEffect(() => {
    let current = true;
    lookUp().then(
      (value) => current && setCheck({ status: 'done', value }),
      (error: unknown) => current && setCheck({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key remounts the panel for new inputs
  }, []);

  const records = check.status === 'done' ? check.value.records : [];
  const allCorrect = records.length > 0 && records.every((record) => record.state === 'correct');

  return (
    <section className="dns-challenge" aria-labelledby={headingId} data-testid="address-records">
      <h3 id={headingId} className="dns-challenge__title">
        {t('setup.addressRecords.title')}
      </h3>
      <p>{t('setup.addressRecords.intro', { domain, address: ipv4 })}</p>
      {check.status === 'failed' && (
        <ErrorNotice error={check.error} heading={t('setup.addressRecords.failed')} onRetry={() => void run()} />
      )}
      {check.status === 'checking' && (
        <p className="hint" role="status">
          {t('setup.addressRecords.checking')}
        </p>
      )}
      {records.length > 0 && (
        <table className="mail-settings">
          <thead>
            <tr>
              <th scope="col">{t('setup.dnsChallenge.name')}</th>
              <th scope="col">{t('setup.dnsChallenge.type')}</th>
              <th scope="col">{t('setup.dnsChallenge.value')}</th>
              <th scope="col">{t('setup.addressRecords.state')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.id} data-state={record.state}>
                <td>
                  <code>{record.name}</code> <CopyButton text={record.name} label={t('setup.dnsChallenge.copyName')} />
                </td>
                <td>
                  <code>{record.type}</code>
                </td>
                <td>
                  <code>{record.expected.join(', ')}</code>
                </td>
                <td>{t(`dns.state.${record.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {check.status === 'done' && (
        <p className="hint" role="status">
          {allCorrect ? t('setup.addressRecords.allCorrect') : t('setup.addressRecords.notYet')}
        </p>
      )}
      {check.status !== 'checking' && (
        <button type="button" className="button" onClick={() => void run()}>
          {t('setup.addressRecords.checkAgain')}
        </button>
      )}
    </section>
  );
}
