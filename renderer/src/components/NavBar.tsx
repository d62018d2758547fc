import { useTranslation } from 'react-i18next';
import { PAGES, pageOf } from '../pages';
import { useNavigation } from '../state/navigation';

const ITEMS = PAGES.flatMap((entry) => ('icon' in entry ? [{ page: entry.id, icon: entry.icon }] : []));

/** The main navigation: plain buttons in a list, the current page marked with aria-current (a page that is part of another marks that one). */
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
              aria-current={item.page === (pageOf(page).partOf ?? page) ? 'page' : undefined}
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
