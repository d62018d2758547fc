// `down`: removes every container, volume, network and process the world made. It KEEPS caches: the
// debian:bookworm base image, the debootstrap tarball, the CA, the SSH key, the built stand-in images and
// the registry's storage (so the next `up` is warm). `--purge` also removes the built images and registry
// storage (but still keeps debian:bookworm and the debootstrap tarball).
import fs from 'node:fs';
import path from 'node:path';
import { createWorldContext, forPiece, worldStateDir } from './context.js';
import { engineAnswers, ensureEngine, stopEngineIfOurs } from './docker-engine.js';
import { WORLD_LABEL } from './docker-labels.js';
import { removeWorldNetwork } from './world-network.js';
import { stopRegistry } from './registry.js';
import { INPUTS_LABEL } from './images.js';
import { loadPieces } from './pieces-loader.js';
import { worldJsonPath } from './world.js';
import { withWorldLock } from './world-lock.js';

export interface DownOptions {
  stateDir?: string;
  purge?: boolean;
  /** Leave a dockerd the world started running (default: stop it). */
  keepEngine?: boolean;
}

async function listIds(ctx: ReturnType<typeof createWorldContext>, args: string[]): Promise<string[]> {
  const r = await ctx.run('docker', args, { timeoutMs: 30_000 });
  return r.stdout
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function worldDown(opts: DownOptions = {}): Promise<void> {
  const stateDir = opts.stateDir ?? worldStateDir();
  const ctx = createWorldContext(stateDir);
  await withWorldLock(stateDir, 10 * 60_000, async () => {
    fs.rmSync(worldJsonPath(stateDir), { force: true }); // tests must not see a half-removed world
    const { pieces, missing } = await loadPieces();
    if (missing.length) ctx.log(`warning: no piece module for ${missing.join(', ')}`);
    for (const { name, piece } of [...pieces].reverse()) {
      try {
        await piece.down(forPiece(ctx, name));
      } catch (err) {
        ctx.log(`piece ${name} down failed: ${(err as Error).message}`);
      }
    }
    // Purging removes images, which needs the engine even when an earlier `down` stopped it.
    if (opts.purge) await ensureEngine(ctx);
    if (await engineAnswers(ctx)) {
      const containers = await listIds(ctx, ['ps', '-aq', '--filter', `label=${WORLD_LABEL}`]);
      if (containers.length) await ctx.run('docker', ['rm', '-f', '-v', ...containers], { timeoutMs: 120_000 });
      const volumes = await listIds(ctx, ['volume', 'ls', '-q', '--filter', `label=${WORLD_LABEL}`]);
      if (volumes.length) await ctx.run('docker', ['volume', 'rm', '-f', ...volumes], { timeoutMs: 120_000 });
      await removeWorldNetwork(ctx);
      if (opts.purge) {
        const images = await listIds(ctx, ['images', '-q', '--filter', `label=${INPUTS_LABEL}`]);
        if (images.length) await ctx.run('docker', ['rmi', '-f', ...new Set(images)], { timeoutMs: 120_000 });
      }
    }
    await stopRegistry(ctx);
    // VPSes are never cached: the next `up` makes fresh ones (new host keys, new admin2 password).
    fs.rmSync(path.join(stateDir, 'vps'), { recursive: true, force: true });
    if (opts.purge) fs.rmSync(path.join(stateDir, 'registry'), { recursive: true, force: true });
    if (!opts.keepEngine) await stopEngineIfOurs(ctx);
  });
}
