// A piece's state from world.json for tests: present, or a failure that says what to do (never undefined).
import type { PieceName, WorldState } from '../../world.js';

export function pieceState<T>(world: WorldState, piece: PieceName): T {
  const state = world[piece] as T | null | undefined;
  if (state === undefined || state === null) {
    throw new Error(
      `world.json has no "${piece}" state: the ${piece} piece did not come up (run test/world/up and read its output)`,
    );
  }
  return state;
}
