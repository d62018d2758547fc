// Declares what the world global setup provides to tests: inject('world').
import type { WorldState } from './world.js';

declare module 'vitest' {
  export interface ProvidedContext {
    world: WorldState;
  }
}

export {};
