import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation, type PageId } from '../state/navigation';
import { DashboardIcon, ServersIcon, SettingsIcon, SetupIcon } from './icons';

const ITEMS: readonly { page: Exclude<PageId, 'dns'>; icon: ReactNode }[] = [
  { page: 'servers', icon: <ServersIcon /> },
  { page: 'setup', icon: <SetupIcon /> },
  { page: 'dashboard', icon: <DashboardIcon /> },
  { page: 'settings', icon: <SettingsIcon /> },
];

/** The main navigation: plain buttons in a list, the current page marked with aria-current (the DNS page is part of Setup). */
export function NavBar() {
  const { t } = useTranslation();
  const page = useNavigation((state) => state.page);
  const go = useNavigation((state) => state.go);

  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.page}>
            <button
              type="button"
              className="nav__item"
              data-page={item.page}
              aria-current={item.page === (page === 'dns' ? 'setup' : page) ? 'page' : undefined}
              onClick={() => go(item.page)}
            >
              {item.icon}
              <span>{t(`nav.${item.page}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
