// Loads the other half's piece modules (test/world/pieces/<name>.ts). A missing module is reported loudly;
// `up` decides whether that is fatal (the vitest global setup makes it fatal).
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorldPiece } from './context.js';
import { PIECE_NAMES } from './world.js';
import type { PieceName } from './world.js';

export interface LoadedPieces {
  pieces: { name: PieceName; piece: WorldPiece }[];
  missing: PieceName[];
}

/**
 * MAILHARBOR_WORLD_SKIP_PIECES=dns,acme (or `all`) treats those pieces as missing: a debugging aid for
 * working on one half of the world; the vitest global setup refuses it like any missing piece.
 */
function skippedPieces(): Set<string> {
  const raw = process.env.MAILHARBOR_WORLD_SKIP_PIECES ?? '';
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return new Set(names.includes('all') ? PIECE_NAMES : names);
}

export async function loadPieces(): Promise<LoadedPieces> {
  const out: LoadedPieces = { pieces: [], missing: [] };
  const skipped = skippedPieces();
  for (const name of PIECE_NAMES) {
    if (skipped.has(name)) {
      out.missing.push(name);
      continue;
    }
    const file = fileURLToPath(new URL(`./pieces/${name}.ts`, import.meta.url));
    if (!fs.existsSync(file)) {
      out.missing.push(name);
      continue;
    }
    const mod = (await import(pathToFileURL(file).href)) as Partial<WorldPiece>;
    if (typeof mod.up !== 'function' || typeof mod.down !== 'function' || typeof mod.status !== 'function') {
      throw new Error(`test/world/pieces/${name}.ts must export up(ctx), down(ctx) and status(ctx)`);
    }
    out.pieces.push({ name, piece: mod as WorldPiece });
  }
  return out;
}
