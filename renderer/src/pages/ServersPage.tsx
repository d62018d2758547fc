import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ServersIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';

export function ServersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('servers.title')} intro={t('servers.intro')} />
      <EmptyState icon={<ServersIcon size={28} />} title={t('servers.emptyTitle')}>
        <p>{t('servers.emptyBody')}</p>
        <p className="muted">{t('servers.emptyNeeds')}</p>
        <div className="empty-state__actions">
          <button type="button" className="button button--primary" disabled aria-describedby="add-server-unavailable">
            {t('servers.add')}
          </button>
          <p className="hint" id="add-server-unavailable">
            {t('servers.addUnavailable')}
          </p>
        </div>
      </EmptyState>
    </>
  );
}
