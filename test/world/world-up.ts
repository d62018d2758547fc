// `up`: brings the whole world up, reusing whatever is already running or cached, and writes world.json.
// Order matters: the network must exist before anything binds the gateway IP (registry, DNS, ACME, ...).
import fs from 'node:fs';
import { createWorldContext, forPiece, worldStateDir } from './context.js';
import type { WorldContext } from './context.js';
import { ensureEngine } from './docker-engine.js';
import { checkHostRequirements } from './host-requirements.js';
import { ensureWorldCa } from './ca.js';
import { ensureWorldNetwork } from './world-network.js';
import { ensureBaseImage } from './base-image.js';
import { ensureRegistry } from './registry.js';
import { ensureStandinImages } from './images.js';
import { pinDigests } from './pieces/release-feed.js';
import { ensureWorldSshKey } from './ssh-key.js';
import { ensureVps, knownVpsNames } from './vps.js';
import type { VpsState } from './vps.js';
import { loadPieces } from './pieces-loader.js';
import { writeWorld } from './world.js';
import type { CoreWorldState, PieceName, WorldState } from './world.js';
import { withWorldLock } from './world-lock.js';

export const DEFAULT_VPS = 'vps1';

export interface UpOptions {
  stateDir?: string;
  /** Fail when a piece module is missing (the vitest global setup does); otherwise warn loudly. */
  requireAllPieces?: boolean;
  /** VPSes to have up besides those already in the state dir; default ['vps1'] */
  vps?: string[];
}

export interface UpResult {
  world: WorldState;
  /** seconds per step */
  timings: Record<string, number>;
  missingPieces: PieceName[];
}

async function timed<T>(
  timings: Record<string, number>,
  step: string,
  ctx: WorldContext,
  fn: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[step] = Math.round(performance.now() - t0) / 1000;
    ctx.log(`${step}: ${timings[step]}s`);
  }
}

export async function worldUp(opts: UpOptions = {}): Promise<UpResult> {
  checkHostRequirements();
  const stateDir = opts.stateDir ?? worldStateDir();
  const ctx = createWorldContext(stateDir);
  fs.mkdirSync(ctx.logDir, { recursive: true });
  const waitStart = performance.now();
  return withWorldLock(stateDir, 20 * 60_000, async () => {
    // Another `up`/`down` (a second test run, a developer) may have held the lock.
    const timings: Record<string, number> = { 'lock-wait': Math.round(performance.now() - waitStart) / 1000 };
    const { pieces, missing } = await loadPieces();
    if (missing.length) {
      const msg = `MISSING WORLD PIECES: ${missing.map((m) => `test/world/pieces/${m}.ts`).join(', ')}`;
      if (opts.requireAllPieces) throw new Error(msg);
      process.stderr.write(`\n!!!!! ${msg} — the world is INCOMPLETE !!!!!\n\n`);
    }
    const engine = await timed(timings, 'engine', ctx, () => ensureEngine(ctx));
    const ca = await timed(timings, 'ca', ctx, () => ensureWorldCa(stateDir));
    const network = await timed(timings, 'network', ctx, () => ensureWorldNetwork(ctx));
    await timed(timings, 'base-image', ctx, () => ensureBaseImage(ctx));
    const registry = await timed(timings, 'registry', ctx, () => ensureRegistry(ctx));
    const pieceStates: Partial<Record<PieceName, Record<string, unknown>>> = {};
    for (const { name, piece } of pieces) {
      pieceStates[name] = await timed(timings, `piece:${name}`, ctx, () => piece.up(forPiece(ctx, name)));
    }
    const images = await timed(timings, 'images', ctx, () => ensureStandinImages(ctx));
    // The feed pins releases by digest, and digests exist only once the images are pushed.
    if (pieces.some(({ name }) => name === 'release-feed')) pinDigests(forPiece(ctx, 'release-feed'), images);
    const ssh = await ensureWorldSshKey(ctx);
    const vps: Record<string, VpsState> = {};
    const names = [...new Set([...(opts.vps ?? [DEFAULT_VPS]), ...knownVpsNames(ctx)])];
    for (const name of names) vps[name] = await timed(timings, `vps:${name}`, ctx, () => ensureVps(ctx, name, ssh));
    const core: CoreWorldState = {
      version: 1,
      updatedAt: new Date().toISOString(),
      stateDir,
      logDir: ctx.logDir,
      gateway: ctx.gateway,
      subnet: ctx.subnet,
      network,
      engine,
      ca,
      registry,
      images,
      ssh,
      vps,
    };
    const world = { ...core, ...pieceStates } as WorldState;
    writeWorld(world);
    return { world, timings, missingPieces: missing };
  });
}
