import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CopyButton } from '../../components/CopyButton';

interface NewKey {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
  userData: string;
}

type PanelState =
  { status: 'idle' } | { status: 'working' } | { status: 'ready'; key: NewKey } | { status: 'failed'; error: unknown };

/** The file name the private key is offered under, like OpenSSH's own id_ed25519. */
const KEY_FILE_NAME = 'mailharbor_id_ed25519';

/**
 * For people who do not have a VPS yet: a new SSH key, and the cloud-init "user data" that installs
 * it when the provider creates the server. The private key goes into the form below and can be
 * saved as a file; it never leaves this computer except to log in to the new server.
 */
export function NewServerKeyPanel({ onKey }: { onKey: (privateKey: string) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<PanelState>({ status: 'idle' });

  const generate = async () => {
    setState({ status: 'working' });
    try {
      const pair = await api.call('keys.generate', { comment: 'mailharbor' });
      const { userData } = await api.call('cloudInit.render', { publicKey: pair.publicKey });
      setState({ status: 'ready', key: { ...pair, userData } });
      onKey(pair.privateKey);
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };

  const download = (privateKey: string) => {
    const url = URL.createObjectURL(new Blob([privateKey], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = KEY_FILE_NAME;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="card new-server" aria-labelledby="new-server-title">
      <h2 id="new-server-title">{t('newServer.title')}</h2>
      <p>{t('newServer.intro')}</p>
      {state.status !== 'ready' && (
        <div className="new-server__actions">
          <button
            type="button"
            className="button"
            onClick={() => void generate()}
            disabled={state.status === 'working'}
          >
            {state.status === 'working' ? t('newServer.generating') : t('newServer.generate')}
          </button>
        </div>
      )}
      {state.status === 'failed' && (
        <ErrorNotice error={state.error} heading={t('newServer.failed')} onRetry={generate} />
      )}
      {state.status === 'ready' && (
        <ol className="new-server__steps">
          <li>
            <p className="new-server__step-title">{t('newServer.userDataTitle')}</p>
            <p className="hint">{t('newServer.userDataHint')}</p>
            <pre className="snippet snippet--wrap" data-testid="cloud-init-user-data" tabIndex={0}>
              {state.key.userData}
            </pre>
            <CopyButton text={state.key.userData} label={t('newServer.copyUserData')} />
          </li>
          <li>
            <p className="new-server__step-title">{t('newServer.publicKeyTitle')}</p>
            <p className="hint">{t('newServer.publicKeyHint')}</p>
            <pre className="snippet snippet--wrap" data-testid="new-public-key" tabIndex={0}>
              {state.key.publicKey}
            </pre>
            <CopyButton text={state.key.publicKey} label={t('newServer.copyPublicKey')} />
          </li>
          <li>
            <p className="new-server__step-title">{t('newServer.saveTitle')}</p>
            <p className="hint">{t('newServer.saveHint', { fileName: KEY_FILE_NAME })}</p>
            <button type="button" className="button button--small" onClick={() => download(state.key.privateKey)}>
              {t('newServer.download')}
            </button>
          </li>
          <li>
            <p className="new-server__step-title">{t('newServer.nextTitle')}</p>
            <p className="hint">{t('newServer.nextHint')}</p>
          </li>
        </ol>
      )}
    </section>
  );
}
