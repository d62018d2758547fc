// The world state inside a test: what the global setup provided, else world.json. Either way a missing
// world throws, so a test that needs it fails instead of skipping.
import { inject } from 'vitest';
import { readWorld } from './world.js';
import type { WorldState } from './world.js';
import './vitest-provided.js';

export function worldForTests(): WorldState {
  return inject('world') ?? readWorld();
}
