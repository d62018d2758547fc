import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';

/** Removing forgets the server and its secrets in Mailharbor; it never touches the server itself. */
export function RemoveServerDialog({
  name,
  onConfirm,
  onCancel,
}: {
  name: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal title={t('removeServer.title', { name })} onCancel={onCancel}>
      <div className="modal__body">
        <p>{t('removeServer.body')}</p>
        <p className="hint">{t('removeServer.addAgain')}</p>
      </div>
      <div className="modal__actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {t('removeServer.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          {t('removeServer.confirm')}
        </button>
      </div>
    </Modal>
  );
}
