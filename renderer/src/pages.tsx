import type { ComponentType, ReactNode } from 'react';
import { BackupsIcon, DashboardIcon, ServersIcon, SettingsIcon, SetupIcon } from './components/icons';
import { BackupsPage } from './features/backups/BackupsPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { DnsPage } from './features/dns/DnsPage';
import { ServersPage } from './features/servers/ServersPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { SetupPage } from './features/setup/SetupPage';

interface PageEntry {
  id: string;
  component: ComponentType;
  /** Its entry in the navigation (the words are nav.<id>). */
  icon?: ReactNode;
  /** A page without an entry of its own is a step of another, marked as that one in the navigation. */
  partOf?: string;
}

/** Every page of the app, in navigation order: a feature with a page of its own adds one line here. */
export const PAGES = [
  { id: 'servers', component: ServersPage, icon: <ServersIcon /> },
  { id: 'setup', component: SetupPage, icon: <SetupIcon /> },
  { id: 'dns', component: DnsPage, partOf: 'setup' },
  { id: 'dashboard', component: DashboardPage, icon: <DashboardIcon /> },
  { id: 'backups', component: BackupsPage, icon: <BackupsIcon /> },
  { id: 'settings', component: SettingsPage, icon: <SettingsIcon /> },
] as const satisfies readonly PageEntry[];

export type PageId = (typeof PAGES)[number]['id'];

export function pageOf(id: PageId): PageEntry {
  return PAGES.find((page) => page.id === id) ?? PAGES[0];
}
