// Vitest global setup of the integration tests: brings the test world up (idempotent, fast when warm) and
// provides its state to tests as inject('world'). A missing piece of the world fails the run; it never skips.
import type { TestProject } from 'vitest/node';
import { worldUp } from './world-up.js';
import './vitest-provided.js';

export default async function setup(project: TestProject): Promise<void> {
  if (process.env.MAILHARBOR_WORLD_SKIP_PIECES) {
    throw new Error('MAILHARBOR_WORLD_SKIP_PIECES is set: the integration tests need the whole world');
  }
  const { world } = await worldUp({ requireAllPieces: true });
  project.provide('world', world);
}
