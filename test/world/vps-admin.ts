// Creating, resetting and removing VPSes of a running world, recorded in world.json under the world lock.
// Used by the cli (`vps create|reset|rm NAME`) and by tests that need a VPS of their own.
import { createWorldContext, worldStateDir } from './context.js';
import { ensureVps, removeVps, resetVps } from './vps.js';
import type { VpsState } from './vps.js';
import { ensureWorldSshKey } from './ssh-key.js';
import { readWorld, writeWorld } from './world.js';
import { withWorldLock } from './world-lock.js';

export type VpsAction = 'create' | 'reset';

export async function vpsAdmin(action: VpsAction, name: string, stateDir: string = worldStateDir()): Promise<VpsState> {
  readWorld(stateDir); // the world must be up
  const ctx = createWorldContext(stateDir);
  return withWorldLock(stateDir, 10 * 60_000, async () => {
    const key = await ensureWorldSshKey(ctx);
    const state = action === 'reset' ? await resetVps(ctx, name, key) : await ensureVps(ctx, name, key);
    const world = readWorld(stateDir);
    world.vps[name] = state;
    world.updatedAt = new Date().toISOString();
    writeWorld(world);
    return state;
  });
}

export async function vpsRemove(name: string, stateDir: string = worldStateDir()): Promise<void> {
  const ctx = createWorldContext(stateDir);
  await withWorldLock(stateDir, 10 * 60_000, async () => {
    await removeVps(ctx, name, true);
    const world = readWorld(stateDir);
    delete world.vps[name];
    writeWorld(world);
  });
}
