import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StackAccess } from '../../../../common/stack/stack-contract';
import { useDns } from '../dns/dns-state';
import { useNavigation } from '../../state/navigation';
import { useSetup } from './setup-state';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckIcon } from '../../components/icons';
import { CopyButton } from '../../components/CopyButton';
import { mailClientRows } from './mail-client';

/** The installed mail server: where and how to log in first, the settings for mail apps, and what comes next. */
export function SuccessStage() {
  const { t } = useTranslation();
  const headingId = useId();
  const access = useSetup((state) => state.access);
  const loadAccess = useSetup((state) => state.loadAccess);

  return (
    <section className="card wizard-panel" aria-labelledby={headingId} data-stage="success">
      <h2 id={headingId} className="wizard-panel__title wizard-panel__title--success">
        <CheckIcon size={20} />
        {t('setup.success.title')}
      </h2>
      {access.status === 'loading' && (
        <p className="hint" role="status">
          {t('setup.success.loading')}
        </p>
      )}
      {access.status === 'failed' && (
        <ErrorNotice error={access.error} heading={t('setup.success.failed')} onRetry={loadAccess} />
      )}
      {access.status === 'ready' && <AccessDetails access={access.value} />}
    </section>
  );
}

function AccessDetails({ access }: { access: StackAccess }) {
  const { t } = useTranslation();
  const serverId = useSetup((state) => state.serverId);
  const openDns = useDns((state) => state.open);
  const go = useNavigation((state) => state.go);
  const passwordId = useId();
  const [showPassword, setShowPassword] = useState(false);
  const rows = mailClientRows(access.mailClient);

  return (
    <>
      <p className="wizard-panel__intro">{t('setup.success.intro', { domain: access.domain })}</p>
      <dl className="access">
        <div className="access__row">
          <dt>{t('setup.success.webAddress')}</dt>
          <dd>
            <a href={access.webUrl} target="_blank" rel="noreferrer" data-testid="web-address">
              {access.webUrl}
            </a>
          </dd>
        </div>
        <div className="access__row">
          <dt>{t('setup.success.username')}</dt>
          <dd className="access__value">
            <code data-testid="access-username">{access.username}</code>
            <CopyButton text={access.username} label={t('setup.success.copyUsername')} />
          </dd>
        </div>
        <div className="access__row">
          <dt>
            <label htmlFor={passwordId}>{t('setup.success.password')}</label>
          </dt>
          <dd className="access__value">
            <input
              id={passwordId}
              className="input input--mono access__password"
              type={showPassword ? 'text' : 'password'}
              value={access.password}
              readOnly
              autoComplete="off"
              spellCheck={false}
            />
            <button
              type="button"
              className="button button--small"
              aria-pressed={showPassword}
              aria-controls={passwordId}
              onClick={() => setShowPassword((shown) => !shown)}
            >
              {showPassword ? t('setup.success.hide') : t('setup.success.show')}
            </button>
            <CopyButton text={access.password} label={t('setup.success.copyPassword')} />
          </dd>
        </div>
      </dl>
      <p className="hint">{t('setup.success.passwordHint')}</p>

      <h3 className="wizard-panel__subtitle">{t('setup.success.mailClient.title')}</h3>
      <p className="hint">{t('setup.success.mailClient.intro')}</p>
      <table className="mail-settings">
        <caption className="visually-hidden">{t('setup.success.mailClient.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('setup.success.mailClient.protocol')}</th>
            <th scope="col">{t('setup.success.mailClient.server')}</th>
            <th scope="col">{t('setup.success.mailClient.port')}</th>
            <th scope="col">{t('setup.success.mailClient.security')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.protocol} data-protocol={row.protocol}>
              <th scope="row">{t(`setup.success.mailClient.${row.protocol}`)}</th>
              <td>
                <code>{row.host}</code>
              </td>
              <td>{row.port}</td>
              <td>{t(`setup.success.mailClient.${row.security}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="wizard-panel__subtitle">{t('setup.success.next.title')}</h3>
      <ul className="next-steps">
        <li>
          {t('setup.success.next.dns', { domain: access.domain })}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (serverId) void openDns(serverId);
              go('dns');
            }}
          >
            {t('setup.success.next.dnsButton')}
          </button>
        </li>
        <li>
          {t('setup.success.next.backups')}{' '}
          <button type="button" className="link-button" onClick={() => go('backups')}>
            {t('setup.success.next.backupsButton')}
          </button>
        </li>
        <li>{t('setup.success.next.password')}</li>
        {access.profile === 'forwarding' && <li>{t('setup.success.next.forwarding')}</li>}
      </ul>
    </>
  );
}
