import { defineConfig } from 'vitest/config';

/**
 * Three projects, run in this order by test/run.mjs:
 * - unit: fast, no outside world;
 * - e2e: the real backend in web mode, driven in Debian's Chromium;
 * - integration: against the test world (test/world), real servers in containers.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', '{electron,renderer,remote-agent}/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
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
        },
      },
    ],
  },
});
