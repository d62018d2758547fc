import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { DashboardIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { useNavigation } from '../state/navigation';

export function DashboardPage() {
  const { t } = useTranslation();
  const go = useNavigation((state) => state.go);
  return (
    <>
      <PageHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      <EmptyState icon={<DashboardIcon size={28} />} title={t('dashboard.emptyTitle')}>
        <p>{t('dashboard.emptyBody')}</p>
        <div className="empty-state__actions">
          <button type="button" className="button" onClick={() => go('servers')}>
            {t('dashboard.goToServers')}
          </button>
        </div>
      </EmptyState>
    </>
  );
}
