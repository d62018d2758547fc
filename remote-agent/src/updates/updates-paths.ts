import path from 'node:path';
import type { StatePaths } from '../jobs/state-dir.js';

/**
 * Where updates keep their state in the agent's state directory (root only): the record of runs
 * for the dashboard, and what the last update replaced, kept for a rollback until the next update
 * succeeds (the .env holds secrets: the directory is 0700 and the copy 0600).
 */
export function updatesPaths(paths: StatePaths) {
  const dir = path.join(paths.root, 'updates');
  const previousDir = path.join(dir, 'previous');
  return {
    dir,
    runs: path.join(dir, 'runs.json'),
    /** The nightly update's schedule and the feed it reads. */
    settings: path.join(dir, 'settings.json'),
    previousDir,
    previousEnv: path.join(previousDir, 'env'),
    previousMeta: path.join(previousDir, 'meta.json'),
  };
}
export type UpdatesPaths = ReturnType<typeof updatesPaths>;
