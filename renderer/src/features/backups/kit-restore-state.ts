import { create } from 'zustand';
import type { RestorePoint } from '../../../../common/backups/backups-contract';
import type { CallOutput } from '../../../../electron/contract/contract';

export type KitStep = 'open' | 'apply' | 'config' | 'install' | 'data' | 'dns';

interface KitRebuild {
  step: KitStep;
  kit?: CallOutput<'kit.open'>;
  /** The restore point picked for the settings, restored again for the data: one point for both. */
  point?: RestorePoint;
}

interface KitRestoreState {
  /** Where each server's rebuild stands, so leaving for the Setup page and coming back keeps it. */
  byServer: Record<string, KitRebuild | undefined>;
  /** The server added by "Restore a server from a backup": the Backups page opens on it. */
  rebuilding?: string;
  set: (serverId: string, patch: Partial<KitRebuild>) => void;
  begin: (serverId: string) => void;
}

export const useKitRestore = create<KitRestoreState>()((set) => ({
  byServer: {},
  set: (serverId, patch) =>
    set((state) => ({
      byServer: { ...state.byServer, [serverId]: { step: 'open', ...state.byServer[serverId], ...patch } },
    })),
  begin: (serverId) =>
    set((state) => ({ rebuilding: serverId, byServer: { ...state.byServer, [serverId]: { step: 'open' } } })),
}));

/** A rebuild that has gone past opening the kit: its panel stays until the DNS step, installed or not. */
export function rebuildUnderway(rebuild: KitRebuild | undefined): boolean {
  return rebuild !== undefined && rebuild.step !== 'open';
}
