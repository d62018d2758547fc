import { useTranslation } from 'react-i18next';
import type { HostKeyPrompt } from '../../../../electron/contract/server-schemas';
import { useServers } from './servers-state';
import { Modal } from '../../components/Modal';

/** Prints the server's ed25519 fingerprint in the same form; a command, so it is not translated. */
const FINGERPRINT_COMMAND = 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub';

/**
 * Asks whether to trust a server's identity the first time Mailharbor meets it, before any password
 * or key is sent. The fingerprint is shown exactly as OpenSSH and the providers' consoles print it.
 */
export function HostKeyDialog({ prompt }: { prompt: HostKeyPrompt }) {
  const { t } = useTranslation();
  const answer = useServers((state) => state.answerHostKey);
  const serverName = useServers((state) => state.servers.find((server) => server.id === prompt.serverId)?.name);
  const otherType = prompt.situation === 'otherTypeKnown';
  const address = prompt.port === 22 ? prompt.host : `${prompt.host}:${prompt.port}`;

  return (
    <Modal
      title={otherType ? t('hostKey.otherTypeTitle') : t('hostKey.title')}
      tone={otherType ? 'warning' : 'normal'}
      className="host-key-dialog"
      onCancel={() => void answer(prompt.promptId, false)}
    >
      <div className="modal__body">
        <p>{t(otherType ? 'hostKey.otherTypeIntro' : 'hostKey.intro', { name: serverName ?? prompt.host, address })}</p>
        {otherType && (
          <p className="modal__warning" role="note">
            {t('hostKey.otherTypeWarning', { knownTypes: prompt.knownTypes.join(', '), keyType: prompt.keyType })}
          </p>
        )}
        <div className="fingerprint">
          <p className="fingerprint__label">{t('hostKey.fingerprintLabel', { keyType: prompt.keyType })}</p>
          <code className="fingerprint__value" data-testid="host-key-fingerprint">
            {prompt.fingerprint}
          </code>
        </div>
        <p>{t('hostKey.howToCheck')}</p>
        <ul className="modal__list">
          <li>{t('hostKey.whereConsole')}</li>
          <li>
            {t('hostKey.whereCommand')}
            <code className="command">{FINGERPRINT_COMMAND}</code>
          </li>
        </ul>
        <p className="hint">{t('hostKey.onlyOnce')}</p>
      </div>
      <div className="modal__actions">
        <button type="button" className="button" onClick={() => void answer(prompt.promptId, false)}>
          {t('hostKey.cancel')}
        </button>
        <button
          type="button"
          className={otherType ? 'button button--danger' : 'button button--primary'}
          onClick={() => void answer(prompt.promptId, true)}
        >
          {t('hostKey.trust')}
        </button>
      </div>
    </Modal>
  );
}
