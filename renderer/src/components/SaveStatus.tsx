import { useTranslation } from 'react-i18next';
import type { SaveState } from '../state/app-state';
import { CheckIcon } from './icons';

/** A quiet confirmation that a change was stored, announced politely to screen readers. */
export function SaveStatus({ status }: { status: SaveState['status'] }) {
  const { t } = useTranslation();
  return (
    <p className="save-status" role="status" aria-live="polite">
      {status === 'saving' && t('settings.saving')}
      {status === 'saved' && (
        <>
          <CheckIcon size={14} />
          {t('settings.saved')}
        </>
      )}
    </p>
  );
}
