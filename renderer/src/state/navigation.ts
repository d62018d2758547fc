import { create } from 'zustand';

import type { PageId } from '../pages';

export type { PageId };

interface NavigationState {
  page: PageId;
  go: (page: PageId) => void;
}

/** In-app routing: which page the frame shows. There are no URLs to keep in sync, only this. */
export const useNavigation = create<NavigationState>()((set) => ({
  page: 'servers',
  go: (page) => set({ page }),
}));
