// Runs only the world's own smoke tests (test/integration/world-*.test.ts) with the world global setup:
//   node_modules/.bin/vitest run --config test/world/vitest.world.config.ts
// The main vitest.config.ts (owned by the lead) should list the same globalSetup for its integration project.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/integration/world-*.test.ts'],
    globalSetup: ['test/world/vitest-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
  },
});
