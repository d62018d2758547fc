import { create } from 'zustand';

/** 'dns' has no entry of its own in the navigation: it is a step of the setup, opened from there. */
export const PAGES = ['servers', 'setup', 'dns', 'dashboard', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

interface NavigationState {
  page: PageId;
  go: (page: PageId) => void;
}

/** In-app routing: which page the frame shows. There are no URLs to keep in sync, only this. */
export const useNavigation = create<NavigationState>()((set) => ({
  page: 'servers',
  go: (page) => set({ page }),
}));
