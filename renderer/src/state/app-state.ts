import { create } from 'zustand';
import type { AppInfo, Settings } from '../../../electron/contract/schemas';
import type { ContractClient } from '../api/client';
import { api } from '../api';

type SettingsPatch = Partial<Settings>;

export type Startup = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready' };
export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved' }
  | { status: 'failed'; error: unknown; patch: SettingsPatch };

export interface AppState {
  startup: Startup;
  info: AppInfo | undefined;
  settings: Settings | undefined;
  save: SaveState;
  /** Reads what the frame needs before it can show anything: app info and settings. */
  load: () => Promise<void>;
  /** Applies a change at once and persists it; if saving fails, the change is undone and the error kept. */
  update: (patch: SettingsPatch) => Promise<void>;
  /** Settings changed elsewhere (another window): take them as they are. */
  receive: (settings: Settings) => void;
}

export function createAppState(client: ContractClient) {
  return create<AppState>()((set, get) => ({
    startup: { status: 'loading' },
    info: undefined,
    settings: undefined,
    save: { status: 'idle' },

    async load() {
      set({ startup: { status: 'loading' } });
      try {
        const [info, settings] = await Promise.all([client.call('app.info', {}), client.call('settings.get', {})]);
        set({ info, settings, startup: { status: 'ready' } });
      } catch (error) {
        set({ startup: { status: 'failed', error } });
      }
    },

    async update(patch) {
      const before = get().settings;
      if (!before) return;
      set({ settings: { ...before, ...patch }, save: { status: 'saving' } });
      try {
        const saved = await client.call('settings.update', patch);
        set({ settings: saved, save: { status: 'saved' } });
      } catch (error) {
        set({ settings: before, save: { status: 'failed', error, patch } });
      }
    },

    receive(settings) {
      set({ settings });
    },
  }));
}

export const useAppState = createAppState(api);
