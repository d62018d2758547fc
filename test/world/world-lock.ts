// One `up`/`down` at a time per state dir (vitest's global setup and a developer may race). The lock is a
// file holding the owner's pid; a lock whose owner is dead is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { withFileLock } from './pieces/shared/file-lock.js';

export async function withWorldLock<T>(stateDir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(stateDir, { recursive: true });
  // up and down hold it for minutes: no need to look more often than twice a second
  return withFileLock(path.join(stateDir, 'world.lock'), timeoutMs, fn, 500);
}
