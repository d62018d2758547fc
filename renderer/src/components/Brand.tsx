import { useTranslation } from 'react-i18next';
import { MailIcon } from './icons';

/** The app's mark and name, at the top of the sidebar and above a startup error. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <div className="brand">
      <span className="brand__mark">
        <MailIcon size={18} />
      </span>
      <span className="brand__text">
        <span className="brand__name">{t('app.name')}</span>
        <span className="brand__tagline">{t('app.tagline')}</span>
      </span>
    </div>
  );
}
