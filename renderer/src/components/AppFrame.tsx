import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pageOf } from '../pages';
import { useNavigation } from '../state/navigation';
import { Brand } from './Brand';
import { NavBar } from './NavBar';
import { ConnectionPrompts } from '../features/servers/ConnectionPrompts';
import { SidebarServerStatus } from '../features/servers/SidebarServerStatus';

/** The window: a sidebar with the app's name and navigation, and the current page beside it. */
export function AppFrame() {
  const { t } = useTranslation();
  const page = useNavigation((state) => state.page);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const Page = pageOf(page).component;

  // After navigating, move focus to the new page's heading so keyboard and screen reader users land there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
    main.current?.scrollTo({ top: 0 });
  }, [page]);

  return (
    <div className="frame">
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <Brand />
        <NavBar />
        <SidebarServerStatus />
      </aside>
      <main className="content" id="content" ref={main} tabIndex={-1}>
        <div className="content__inner">
          <Page />
        </div>
      </main>
      <ConnectionPrompts />
    </div>
  );
}
