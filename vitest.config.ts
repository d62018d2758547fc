import { defineConfig } from 'vitest/config';

/**
 * Four projects, run in this order by test/run.mjs:
 * - unit: fast, no outside world;
 * - integration: against the test world (test/world), real servers in containers;
 * - e2e: the real backend in web mode, driven in Debian's Chromium (the server screens use the world);
 * - world-lifecycle: up twice, then down and check nothing is left (last: it takes the world down).
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', '{common,electron,renderer,remote-agent}/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The server screens are driven against the world's VPS.
          globalSetup: ['test/world/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The files share the world's VPS and some restart its services: one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // Brings the world up (idempotent) and fails the run when a piece is missing.
          globalSetup: ['test/world/vitest-global-setup.ts'],
        },
      },
      {
        test: {
          name: 'world-lifecycle',
          include: ['test/world-lifecycle/**/*.test.ts'],
          testTimeout: 900_000,
        },
      },
    ],
  },
});
