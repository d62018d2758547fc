import { create } from 'zustand';

export const PAGES = ['servers', 'setup', 'dashboard', 'settings'] as const;
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
