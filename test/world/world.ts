// The world's state as tests see it: <stateDir>/world.json, written by `test/world/up`.
import fs from 'node:fs';
import path from 'node:path';
import { worldStateDir } from './context.js';
import type { EngineState } from './docker-engine.js';
import type { BuiltImage } from './images.js';
import type { RegistryState } from './registry.js';
import type { WorldSshKey } from './ssh-key.js';
import type { VpsState } from './vps.js';

/** The other half of the world: modules test/world/pieces/<name>.ts, run in this order by `up`. */
export const PIECE_NAMES = ['dns', 'acme', 's3', 'release-feed'] as const;
export type PieceName = (typeof PIECE_NAMES)[number];

export interface CoreWorldState {
  version: 1;
  updatedAt: string;
  stateDir: string;
  logDir: string;
  gateway: string;
  subnet: string;
  network: { name: string; subnet: string; gateway: string; dynamicRange: string };
  engine: EngineState;
  ca: { certPath: string; keyPath: string };
  registry: RegistryState;
  /** Stand-in images in the registry, by key (forwardemail-v1.0.0, forwardemail-v1.1.0, forwardemail-v1.2.0-broken, redis, mongo, nginx) */
  images: Record<string, BuiltImage>;
  ssh: WorldSshKey;
  /** VPSes by name; `up` makes `vps1` */
  vps: Record<string, VpsState>;
}

/** Each piece's own state lives under its name (world.dns, world.acme, world.s3, world['release-feed']). */
export type WorldState = CoreWorldState & { [K in PieceName]: Record<string, unknown> };

export function worldJsonPath(stateDir: string = worldStateDir()): string {
  return path.join(stateDir, 'world.json');
}

/** Reads world.json; throws (never returns undefined) when the world is not up, so tests fail loudly. */
export function readWorld(stateDir: string = worldStateDir()): WorldState {
  const file = worldJsonPath(stateDir);
  if (!fs.existsSync(file)) throw new Error(`the test world is not up: ${file} is missing (run test/world/up)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as WorldState;
}

export function writeWorld(state: WorldState): void {
  const file = worldJsonPath(state.stateDir);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}
